"""Every key of the screen below, the screen's own first, then the field's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

__all__ = ["KeyRow", "KeysDialog", "keys_of"]


@dataclass(frozen=True)
class KeyRow:
    """One key as the dialog lists it.

    Attributes:
        key: The key as the footer shows it (`^s`).
        description: What it does, in a word or two.
        tooltip: What it does, in a sentence; may be empty.
        in_field: Whether the focused field provides it, not the screen.
    """

    key: str
    description: str
    tooltip: str
    in_field: bool


def keys_of(screen: Screen[object]) -> list[KeyRow]:
    """List the keys that work on a screen now, the screen's and app's first.

    Args:
        screen: The screen whose keys to list (the one with the focus).

    Returns:
        One row per action that has a description, its keys together (`^c
        super+c`), in the order Textual checks them: the focused field's keys
        after the screen's.
    """
    app = screen.app
    keys: dict[tuple[str, str, bool], list[str]] = {}
    for active in screen.active_bindings.values():
        binding = active.binding
        if not binding.description or not active.enabled:
            continue
        in_field = not isinstance(active.node, Screen) and active.node is not app
        tooltip = active.tooltip or binding.tooltip
        what = (binding.description, tooltip, in_field)
        keys.setdefault(what, []).append(app.get_key_display(binding))
    rows = [
        KeyRow(" ".join(shown), description, tooltip, in_field)
        for (description, tooltip, in_field), shown in keys.items()
    ]
    return sorted(rows, key=lambda row: row.in_field)


class KeysDialog(ModalScreen[None]):
    """Lists every key of the screen below with what it does.

    It stands in for Textual's keys panel, which lists the focused field's
    keys (cursor movement, scrolling) before the screen's own, so that at 80x24
    the editor's keys were below the panel's edge, and which scrolls with the
    mouse only.

    Args:
        rows: The keys, as `keys_of` lists them.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,f1,q",
            "dismiss",
            "Close",
            tooltip="Close the list of keys.",
            id="keys-close",
        ),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | escape, f1, q | Close the list. |
    | up, down, page up, page down | Scroll it. |
    """

    DEFAULT_CSS = """
    KeysDialog {
        align: center middle;
        & > Vertical {
            width: 96;
            max-width: 95%;
            height: auto;
            max-height: 95%;
            border: thick $primary;
            background: $surface;
            padding: 0 1;
        }
        & VerticalScroll {
            height: auto;
            max-height: 100%;
        }
        & Grid {
            grid-size: 2;
            grid-columns: auto 1fr;
            grid-gutter: 0 2;
            height: auto;
        }
        & .keys-heading {
            column-span: 2;
            margin-top: 1;
            text-style: bold;
            color: $text-accent;
        }
        & .keys-key {
            text-align: right;
            text-style: bold;
            color: $text-primary;
        }
    }
    """
    """A bordered box in the middle of the screen, scrolled with the keys."""

    def __init__(self, rows: list[KeyRow]) -> None:
        super().__init__()
        self._rows = rows

    def compose(self) -> ComposeResult:
        """Compose the keys in two columns, in a box that scrolls."""
        with Vertical() as box:
            box.border_title = "Keys"
            box.border_subtitle = "esc closes"
            with VerticalScroll(id="keys-list"), Grid(id="keys-table"):
                for heading, in_field in (
                    ("This screen", False),
                    ("The focused field", True),
                ):
                    rows = [row for row in self._rows if row.in_field is in_field]
                    if rows:
                        yield Static(heading, classes="keys-heading")
                    for row in rows:
                        yield Static(row.key, classes="keys-key")
                        yield Static(self._what(row), classes="keys-what")

    def on_mount(self) -> None:
        """Let the arrow keys scroll the list."""
        self.query_one("#keys-list").focus()

    def text(self) -> str:
        """The list as plain text, one key a line, for tests and logs.

        Returns:
            Each heading and `key  description  tooltip`, in order.
        """
        lines = []
        for widget in self.query(Static):
            text = str(widget.render())
            if widget.has_class("keys-key"):
                lines.append(text)
            elif widget.has_class("keys-what"):
                lines[-1] += f"  {text}"
            else:
                lines.append(text)
        return "\n".join(lines)

    @staticmethod
    def _what(row: KeyRow) -> Content:
        tip = f"  {row.tooltip}" if row.tooltip else ""
        return Content.assemble((row.description, "bold"), (tip, "$foreground-muted"))
