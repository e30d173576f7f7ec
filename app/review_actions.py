"""The editor's actions that open the template preview, findings and effective view.

`ReviewActions` is mixed into the editor's screen, whose `BINDINGS` include
`REVIEW_BINDINGS`: they work from anywhere in the editor (no form field uses
these keys) and only there, so a review screen is never opened over another.
Each screen dismisses with what the editor should do next: a setting to jump
to, or the number of template rows applied.

The screens are imported when first opened, not with the editor: they are
not needed for its first frame, which they would delay.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding, BindingType
from textual.screen import Screen

from app.badges import counted
from schema.templates import TEMPLATES

if TYPE_CHECKING:
    from app.session_view import SessionView

__all__ = ["REVIEW_BINDINGS", "ReviewActions"]

REVIEW_BINDINGS: list[BindingType] = [
    Binding(
        "ctrl+o",
        "show_preview",
        "Preview",
        tooltip="See what a template or another .brum.toml would change; take"
        " all of it or part.",
        id="show-preview",
    ),
    Binding(
        "ctrl+f",
        "show_findings",
        "Findings",
        tooltip="Every finding by severity, with its layer and line; enter jumps"
        " to the setting.",
        id="show-findings",
    ),
    Binding(
        "ctrl+l",
        "show_effective",
        "Values",
        tooltip="Every key with its value and origin; filter to those set,"
        " shadowed or with findings.",
        id="show-effective",
    ),
]
"""
| Key(s) | Description |
| :- | :- |
| ctrl+o | Template preview: what a template or file would change. |
| ctrl+f | Every finding, grouped by severity. |
| ctrl+l | The effective configuration, with filters. |
"""


class ReviewActions:
    """Opens the review screens over the editor and acts on their answers.

    The screen it is mixed into provides `view`, `start_jump` and
    `refresh_view`, as the editor's screen does.
    """

    view: SessionView

    def action_show_preview(self, source: str = TEMPLATES[0]) -> None:
        """Open the template preview.

        Args:
            source: The template name or file path to compare first.
        """
        from app.screens.preview_screen import PreviewScreen

        screen = PreviewScreen(self.view, source)
        self._screen.app.push_screen(screen, callback=self._applied)

    def action_show_findings(self) -> None:
        """Open the list of every finding."""
        from app.screens.findings_screen import FindingsScreen

        screen = FindingsScreen(self.view)
        self._screen.app.push_screen(screen, callback=self._jump)

    def action_show_effective(self, filter_name: str = "all") -> None:
        """Open the effective configuration.

        Args:
            filter_name: The filter to start with: all, set, shadowed, findings.
        """
        from app.screens.effective_screen import EffectiveScreen

        screen = EffectiveScreen(self.view, filter_name)
        self._screen.app.push_screen(screen, callback=self._jump)

    @property
    def _screen(self) -> Screen[None]:
        return self  # type: ignore[return-value]

    def _jump(self, key: str | None) -> None:
        if key is not None:
            self.start_jump(key)  # type: ignore[attr-defined]

    def _applied(self, count: int | None) -> None:
        if not count:
            return
        self.refresh_view(force=True)  # type: ignore[attr-defined]
        self._screen.notify(
            f"{counted(count, 'setting')} set in {self.view.target_text()};"
            " ctrl+s saves them, ctrl+z takes them all back.",
            title="Template applied",
            markup=False,
        )
