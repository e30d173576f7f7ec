"""The one-line header: the target file, its `modified` mark, findings by severity."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from app.badges import (
    SEVERITY_GLYPHS,
    SEVERITY_STYLES,
    severity_badge,
    severity_count,
)
from app.session_view import SessionView
from schema.findings import Severity

__all__ = ["ConfigHeader"]


class ConfigHeader(Widget):
    """Shows which file edits go to and how the configuration stands.

    Call `show_counts()` after the session changes; the target and its mark
    are read from the session when the header renders.

    Args:
        view: The session's view.
        counts: (severity, number of findings), most serious first.
        name: The name of the widget.
        id: The ID of the widget in the DOM.
        classes: The CSS classes of the widget.
    """

    DEFAULT_CSS = """
    ConfigHeader {
        dock: top;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    """
    """A single docked line, like Textual's own header."""

    def __init__(
        self,
        view: SessionView,
        counts: tuple[tuple[Severity, int], ...],
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.view = view
        """Where the target is read from."""
        self._counts = counts

    def show_counts(self, counts: tuple[tuple[Severity, int], ...]) -> None:
        """Show new finding counts (and the target as it is now).

        Args:
            counts: (severity, number of findings), most serious first.
        """
        self._counts = counts
        self.refresh()

    def render(self) -> Content:
        """Render the target on the left and the findings on the right."""
        left = self._target()
        width = self.size.width
        right = self._summary(short=False)
        if left.cell_length + right.cell_length + 2 > width:
            right = self._summary(short=True)
        room = max(0, width - right.cell_length - 2)
        left = left.truncate(room, ellipsis=True)
        gap = max(1, width - left.cell_length - right.cell_length)
        return left + Content(" " * gap) + right

    def _target(self) -> Content:
        parts = [
            Content.styled(" brum-config ", "bold $text-accent"),
            Content.styled("✎ ", "$text-primary"),
            Content(self.view.target_text()),
        ]
        if self.view.session.modified:
            parts.append(Content.styled(" ● modified", "bold $text-warning"))
        return Content("").join(parts)

    def _summary(self, *, short: bool) -> Content:
        counts = self._counts
        if not any(n for _, n in counts):
            return severity_badge(None) + " no findings "
        parts = [
            Content.styled(
                f"{SEVERITY_GLYPHS[s]}{n}"
                if short
                else f"{SEVERITY_GLYPHS[s]} {severity_count(n, s)}",
                SEVERITY_STYLES[s],
            )
            for s, n in counts
            if n
        ]
        return Content(" " if short else "  ").join(parts) + " "
