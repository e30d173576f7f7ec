"""The first line of a setting's row: its key on the left, its badges on the right."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

__all__ = ["RowHead"]


class RowHead(Widget):
    """One line with text on the left and badges flush right.

    The left text is cut with an ellipsis when the line is too narrow, so the
    badges always stay readable.

    Args:
        left: The key and its marks.
        right: The badges.
    """

    DEFAULT_CSS = """
    RowHead {
        height: 1;
    }
    """
    """One line, as wide as its container."""

    def __init__(self, left: Content, right: Content) -> None:
        super().__init__()
        self._left = left
        self._right = right

    def show(self, left: Content, right: Content) -> None:
        """Change what the line shows; it repaints only when something changed.

        Args:
            left: The key and its marks.
            right: The badges.
        """
        if (left, right) != (self._left, self._right):
            self._left, self._right = left, right
            self.refresh()

    def render(self) -> Content:
        """Render the left text, a gap, and the badges."""
        width = self.size.width
        right = self._right
        room = max(0, width - right.cell_length - 1)
        left = self._left.truncate(room, ellipsis=True)
        gap = max(1, width - left.cell_length - right.cell_length)
        return left + Content(" " * gap) + right
