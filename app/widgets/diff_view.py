"""A unified diff, coloured by line: additions, removals and hunk headers."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import ScrollableContainer
from textual.content import Content
from textual.widgets import Static

__all__ = ["DiffView"]

LINE_STYLES = (
    ("+++", "bold $foreground-muted"),
    ("---", "bold $foreground-muted"),
    ("@@", "$text-accent"),
    ("+", "$text-success"),
    ("-", "$text-error"),
    ("\\", "italic $foreground-muted"),
)
"""The style of a line by its first characters; the first match wins."""


class DiffView(ScrollableContainer):
    """Shows a unified diff without wrapping; long lines scroll sideways.

    Args:
        empty: What to show when the diff is empty.
        id: The ID of the widget in the DOM.
    """

    DEFAULT_CSS = """
    DiffView {
        height: 1fr;
        & > Static {
            width: auto;
            text-wrap: nowrap;
        }
    }
    """
    """The text keeps its own width; the container scrolls."""

    def __init__(self, empty: str = "No change.", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.empty = empty
        """The text shown for an empty diff."""
        self.text = ""
        """The diff shown."""

    def compose(self) -> ComposeResult:
        """Compose the text."""
        yield Static(self._render_diff())

    def show_diff(self, text: str) -> None:
        """Show another diff.

        Args:
            text: A unified diff, or "" for none.
        """
        self.text = text
        if self.is_mounted:
            self.query_one(Static).update(self._render_diff())

    def _render_diff(self) -> Content:
        if not self.text:
            return Content.styled(self.empty, "$foreground-muted")
        lines = self.text.rstrip("\n").split("\n")
        return Content("\n").join(_styled(line) for line in lines)


def _styled(line: str) -> Content:
    style = next((s for prefix, s in LINE_STYLES if line.startswith(prefix)), "")
    return Content.styled(line, style) if style else Content(line)
