"""Every finding of the configuration, grouped by severity; enter jumps to it."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from app.messages import SessionReloaded
from app.session_view import SessionView
from app.widgets.finding_list import FindingList
from schema.catalogue import get_setting

__all__ = ["FindingsScreen"]


class FindingsScreen(Screen[str | None]):
    """Lists every finding by severity with its layer and file line.

    Choosing a finding about a setting dismisses with the setting's key, for
    the editor to jump to its row; a finding about a whole file or a key the
    catalogue does not know is shown in full instead. Backing out dismisses
    with None.

    Args:
        view: The session's view.
    """

    CSS_PATH = Path(__file__).with_name("review.tcss")
    AUTO_FOCUS = "#findings-list"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "close_findings",
            "Back",
            tooltip="Back to the editor.",
            id="findings-back",
        ),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | up/down | Move between findings. |
    | enter | Jump to the finding's setting in its form. |
    | escape | Back to the editor. |
    """

    def __init__(self, view: SessionView) -> None:
        super().__init__()
        self.view = view
        """The session's view."""

    def compose(self) -> ComposeResult:
        """Compose the title, the list and the footer."""
        yield Static(self._title(), id="findings-title", classes="review-title")
        yield FindingList(self.view, id="findings-list")
        yield Footer(compact=True)

    def _title(self) -> Content:
        count = len(self.view.session.resolution.findings)
        return Content.assemble(
            ("Findings  ", "bold $text-accent"),
            f"{count} across all layers · editing {self.view.target_text()}",
        )

    def on_finding_list_chosen(self, event: FindingList.Chosen) -> None:
        """Jump to a setting's finding, or show a file's finding in full."""
        finding = event.finding
        if finding.key is not None and get_setting(finding.key) is not None:
            self.dismiss(finding.key)
        else:
            self.notify(
                finding.message, title=finding.location(), timeout=8, markup=False
            )

    def on_session_reloaded(self, _event: SessionReloaded) -> None:
        """Show the findings anew: a layer file changed on disk."""
        self.query_one("#findings-title", Static).update(self._title())
        self.query_one(FindingList).show_findings()

    def action_close_findings(self) -> None:
        """Back to the editor."""
        self.dismiss(None)
