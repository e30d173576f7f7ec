"""A yes/no question, asked before quitting, switching targets or saving."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

__all__ = ["ConfirmDialog"]


class ConfirmDialog(ModalScreen[bool]):
    """Asks one question; dismisses with True for yes, False for no.

    Args:
        title: The question, in a few words.
        body: What happens on either answer.
        yes: The label of the button that goes ahead.
        no: The label of the button that backs out.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,n",
            "answer(False)",
            "Cancel",
            tooltip="Back out; nothing changes.",
            id="confirm-no",
        ),
        Binding(
            "y",
            "answer(True)",
            "Yes",
            tooltip="Go ahead.",
            id="confirm-yes",
        ),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | y | Go ahead. |
    | escape, n | Back out. |
    """

    DEFAULT_CSS = """
    ConfirmDialog {
        align: center middle;
        & > Vertical {
            width: 64;
            max-width: 90%;
            height: auto;
            max-height: 90%;
            border: thick $warning;
            background: $surface;
            padding: 1 2;
        }
        & .dialog-body {
            margin-bottom: 1;
        }
        & Horizontal {
            height: auto;
            align-horizontal: right;
        }
        & Button {
            margin-left: 1;
        }
    }
    """
    """A bordered box in the middle of the screen."""

    def __init__(
        self, title: str, body: str | Content, *, yes: str = "Yes", no: str = "Cancel"
    ) -> None:
        super().__init__()
        self._title = title
        self._body = body
        self._yes = yes
        self._no = no

    def compose(self) -> ComposeResult:
        """Compose the question and the two buttons."""
        with Vertical() as box:
            box.border_title = self._title
            yield Static(self._body, classes="dialog-body")
            with Horizontal():
                yield Button(f"{self._yes} (y)", variant="warning", id="yes")
                yield Button(f"{self._no} (esc)", id="no")

    def on_mount(self) -> None:
        """Start on the safe answer."""
        self.query_one("#no").focus()

    @on(Button.Pressed)
    def _answer_button(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        """Dismiss with an answer.

        Args:
            answer: True to go ahead.
        """
        self.dismiss(answer)
