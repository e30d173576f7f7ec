"""A reload collision, key by key: keep my unsaved value or the file's new one."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, RadioButton, RadioSet, Static

from app.badges import show_value
from schema.document import Conflict

__all__ = ["ReloadConflictDialog"]

MINE = 0
"""Index of the "mine" button in each key's choice."""


class ReloadConflictDialog(ModalScreen[dict[str, bool]]):
    """Asks, for each colliding key, which value to keep.

    The target changed on disk while it had unsaved edits, and both sides
    changed these keys. The document already holds the file's values; the
    dialog dismisses with key -> True for each key whose unsaved value the
    person keeps. Nothing is chosen in advance, so neither side is lost
    without a decision.

    Args:
        path: The file as people read it.
        conflicts: The colliding keys.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "m",
            "choose_all(True)",
            "All mine",
            tooltip="Keep your unsaved value for every key.",
            id="reload-keep-mine",
        ),
        Binding(
            "d",
            "choose_all(False)",
            "All from disk",
            tooltip="Take the file's new value for every key.",
            id="reload-keep-disk",
        ),
        Binding(
            "ctrl+s",
            "confirm_choices",
            "Done",
            tooltip="Keep the values chosen; the file is not written until you save.",
            id="reload-done",
        ),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | up/down, enter | Choose a key's value. |
    | tab | Next key. |
    | m | Keep my unsaved value for every key. |
    | d | Take the file's value for every key. |
    | ctrl+s | Done: keep the values chosen. |
    """

    DEFAULT_CSS = """
    ReloadConflictDialog {
        align: center middle;
        & > Vertical {
            width: 84;
            max-width: 95%;
            height: auto;
            max-height: 95%;
            border: thick $warning;
            background: $surface;
            padding: 0 2;
        }
        & VerticalScroll {
            height: auto;
            max-height: 18;
        }
        & .conflict-key {
            margin-top: 1;
        }
        & RadioSet {
            width: 1fr;
            border: none;
            padding: 0 2;
            &:focus {
                border: none;
                background: $boost;
            }
        }
        & Horizontal {
            height: auto;
            align-horizontal: right;
            margin-top: 1;
        }
        & Button {
            margin-left: 1;
        }
    }
    """
    """A bordered box in the middle of the screen."""

    def __init__(self, path: str, conflicts: tuple[Conflict, ...]) -> None:
        super().__init__()
        self._path = path
        self._conflicts = conflicts

    def compose(self) -> ComposeResult:
        """Compose the explanation, one choice per key, and the buttons."""
        with Vertical() as box:
            box.border_title = f"{self._path} changed on disk"
            yield Static(
                f"{self._path} changed on disk while you had unsaved edits. Your"
                " other edits are kept. Both sides changed the keys below:"
                " choose the value to keep for each.",
                classes="dialog-body",
            )
            with VerticalScroll():
                for index, conflict in enumerate(self._conflicts):
                    yield Static(_heading(conflict), classes="conflict-key")
                    yield RadioSet(
                        RadioButton(_choice("mine    ", conflict.ours)),
                        RadioButton(_choice("on disk ", conflict.theirs)),
                        id=f"choice-{index}",
                    )
            with Horizontal():
                yield Button("All mine (m)", id="all-mine")
                yield Button("All from disk (d)", id="all-disk")
                yield Button("Done (ctrl+s)", variant="primary", id="done")

    def on_mount(self) -> None:
        """Start on the first key's choice."""
        self.query_one(RadioSet).focus()

    def choices(self) -> dict[str, bool | None]:
        """Return each key's choice so far: True mine, False disk, None open.

        Returns:
            Key -> choice, in the order of the conflicts.
        """
        return {
            conflict.key: _chosen(self.query_one(f"#choice-{index}", RadioSet))
            for index, conflict in enumerate(self._conflicts)
        }

    # Handlers ----------------------------------------------------------------

    @on(Button.Pressed, "#all-mine")
    def _all_mine(self) -> None:
        self.action_choose_all(True)

    @on(Button.Pressed, "#all-disk")
    def _all_disk(self) -> None:
        self.action_choose_all(False)

    @on(Button.Pressed, "#done")
    def _done(self) -> None:
        self.action_confirm_choices()

    # Actions -----------------------------------------------------------------

    def action_choose_all(self, mine: bool) -> None:
        """Choose the same side for every key.

        Args:
            mine: True for the unsaved values, False for the file's.
        """
        for radio_set in self.query(RadioSet):
            buttons = list(radio_set.query(RadioButton))
            buttons[MINE if mine else 1].value = True

    def action_confirm_choices(self) -> None:
        """Dismiss with the choices, once every key has one."""
        choices = self.choices()
        open_keys = [key for key, choice in choices.items() if choice is None]
        if open_keys:
            self.notify(
                f"Choose a value for {', '.join(open_keys)} first.",
                severity="warning",
                timeout=4,
            )
            return
        self.dismiss({key: bool(choice) for key, choice in choices.items()})


def _chosen(radio_set: RadioSet) -> bool | None:
    index = radio_set.pressed_index
    return None if index < 0 else index == MINE


def _heading(conflict: Conflict) -> Content:
    return Content.assemble(
        (conflict.key, "bold"),
        ("   was ", "$foreground-muted"),
        (_shown(conflict.base), "$foreground-muted"),
    )


def _choice(label: str, value: object) -> Content:
    return Content.assemble(label, (_shown(value), "bold"))


def _shown(value: object) -> str:
    return "(removed)" if value is None else show_value(value)
