"""Choose the file edits go to: project, a parent, home, or any path."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from app.session_view import TargetChoice

__all__ = ["TargetDialog"]


class TargetDialog(ModalScreen[str | None]):
    """Lists the layer files nearest first; dismisses with the chosen path.

    Args:
        choices: The files a target can be, nearest first.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "cancel_target",
            "Cancel",
            tooltip="Keep the current target.",
            id="target-cancel",
        ),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | enter | Edit the highlighted file, or the path typed. |
    | escape | Keep the current target. |
    """

    DEFAULT_CSS = """
    TargetDialog {
        align: center middle;
        & > Vertical {
            width: 76;
            max-width: 95%;
            height: auto;
            max-height: 90%;
            border: thick $primary;
            background: $surface;
            padding: 1 2;
        }
        & OptionList {
            height: auto;
            max-height: 12;
            margin-bottom: 1;
        }
        & Static {
            margin-bottom: 1;
        }
    }
    """
    """A bordered box in the middle of the screen."""

    def __init__(self, choices: list[TargetChoice]) -> None:
        super().__init__()
        self._choices = choices

    def compose(self) -> ComposeResult:
        """Compose the list of files and the path field."""
        with Vertical() as box:
            box.border_title = "Edit which file?"
            yield Static(
                "Edits and saves go to the chosen file; the form shows its own"
                " values. A file that does not exist yet is created on save."
            )
            yield OptionList(*[self._option(c) for c in self._choices])
            yield Input(placeholder="…or type a path and press enter", id="path")

    def on_mount(self) -> None:
        """Highlight the current target."""
        options = self.query_one(OptionList)
        current = [i for i, c in enumerate(self._choices) if c.current]
        options.highlighted = current[0] if current else 0
        options.focus()

    @staticmethod
    def _option(choice: TargetChoice) -> Option:
        mark = Content.styled("✎ " if choice.current else "  ", "$text-primary")
        kind = Content.styled(choice.kind.ljust(8), "bold")
        new = Content.styled("" if choice.exists else "  (new)", "$foreground-muted")
        return Option(Content.assemble(mark, kind, choice.shown, new), id=choice.spec)

    @on(OptionList.OptionSelected)
    def _choose_listed(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    @on(Input.Submitted, "#path")
    def _choose_typed(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(event.value.strip())

    def action_cancel_target(self) -> None:
        """Keep the current target."""
        self.dismiss(None)
