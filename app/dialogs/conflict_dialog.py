"""A save conflict, key by key: what this session wants and what is on disk."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from app.badges import show_value
from schema.document import Conflict

__all__ = ["ConflictDialog"]


class ConflictDialog(ModalScreen[bool]):
    """Shows each conflicting key; dismisses with True to write our values.

    Nothing is lost either way: backing out keeps every pending edit, so the
    file can be reviewed and the save tried again.

    Args:
        path: The file as people read it.
        conflicts: The keys both sides changed.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "resolve_conflict(False)",
            "Keep editing",
            tooltip="Write nothing; every edit stays pending.",
            id="conflict-cancel",
        ),
        Binding(
            "o",
            "resolve_conflict(True)",
            "Overwrite",
            tooltip="Write this session's values over the ones on disk.",
            id="conflict-overwrite",
        ),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | o | Overwrite the file's values with this session's. |
    | escape | Write nothing; keep editing. |
    """

    DEFAULT_CSS = """
    ConflictDialog {
        align: center middle;
        & > Vertical {
            width: 80;
            max-width: 95%;
            height: auto;
            max-height: 90%;
            border: thick $error;
            background: $surface;
            padding: 1 2;
        }
        & VerticalScroll {
            height: auto;
            max-height: 16;
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

    def __init__(self, path: str, conflicts: list[Conflict]) -> None:
        super().__init__()
        self._path = path
        self._conflicts = conflicts

    def compose(self) -> ComposeResult:
        """Compose the explanation, one block per key, and the two buttons."""
        with Vertical() as box:
            box.border_title = "Save conflict"
            yield Static(
                f"{self._path} changed on disk since it was loaded, and these keys"
                " were changed both there and here. Nothing was written.",
                classes="dialog-body",
            )
            with VerticalScroll():
                for conflict in self._conflicts:
                    yield Static(_describe(conflict), classes="conflict")
            with Horizontal():
                yield Button("Overwrite with mine (o)", variant="error", id="overwrite")
                yield Button("Keep editing (esc)", id="cancel")

    def on_mount(self) -> None:
        """Start on the safe answer."""
        self.query_one("#cancel").focus()

    @on(Button.Pressed)
    def _answer_button(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "overwrite")

    def action_resolve_conflict(self, overwrite: bool) -> None:
        """Dismiss with the choice.

        Args:
            overwrite: True to write this session's values.
        """
        self.dismiss(overwrite)


def _describe(conflict: Conflict) -> Content:
    def shown(value: object) -> str:
        return "(removed)" if value is None else show_value(value)

    return Content.assemble(
        (conflict.key, "bold"),
        "\n  here     ",
        (shown(conflict.ours), "$text-success"),
        "\n  on disk  ",
        (shown(conflict.theirs), "$text-warning"),
        "\n  was      ",
        (shown(conflict.base), "$foreground-muted"),
    )
