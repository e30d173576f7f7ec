"""The effective configuration: every key's value and origin, with filters."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static, Tab, Tabs

from app.messages import SessionReloaded
from app.session_view import SessionView
from app.widgets.effective_table import FILTERS, EffectiveTable, filter_counts

__all__ = ["EffectiveScreen"]


class EffectiveScreen(Screen[str | None]):
    """Lists every key with its value, layer, file line and shadowed values.

    The tabs filter the keys: all, those set outside the defaults, those
    that shadow another layer's value, those with findings. Choosing a row
    dismisses with its key, for the editor to jump to; backing out with None.

    Args:
        view: The session's view.
        filter_name: The filter to start with (a key of `FILTERS`).
    """

    CSS_PATH = Path(__file__).with_name("review.tcss")
    AUTO_FOCUS = "#effective-table"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "close_effective",
            "Back",
            tooltip="Back to the editor.",
            id="effective-back",
        ),
        Binding(
            "1",
            "filter_keys('all')",
            "All",
            tooltip="Show every key.",
            id="effective-all",
        ),
        Binding(
            "2",
            "filter_keys('set')",
            "Set",
            tooltip="Show the keys set outside the built-in defaults.",
            id="effective-set",
        ),
        Binding(
            "3",
            "filter_keys('shadowed')",
            "Shadowed",
            tooltip="Show the keys whose value in some layer a higher one overrides.",
            id="effective-shadowed",
        ),
        Binding(
            "4",
            "filter_keys('findings')",
            "Findings",
            tooltip="Show the keys with findings.",
            id="effective-findings",
        ),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | 1 2 3 4 | Show all keys / set outside defaults / shadowed / with findings. |
    | enter | Jump to the setting in its form. |
    | escape | Back to the editor. |
    """

    def __init__(self, view: SessionView, filter_name: str = "all") -> None:
        super().__init__()
        self.view = view
        """The session's view."""
        self._initial = filter_name

    def compose(self) -> ComposeResult:
        """Compose the title, the filter tabs, the table and the footer."""
        yield Static(self._title(), id="effective-title", classes="review-title")
        yield Tabs(*self._tabs(), active=self._initial, id="effective-filters")
        yield EffectiveTable(self.view, self._initial, id="effective-table")
        yield Footer(compact=True)

    def _title(self) -> Content:
        return Content.assemble(
            ("Effective configuration  ", "bold $text-accent"),
            f"editing {self.view.target_text()}",
        )

    def _tabs(self) -> list[Tab]:
        counts = filter_counts(self.view.session.resolution)
        return [
            Tab(f"{label} {counts[name]}", id=name)
            for name, (label, _test) in FILTERS.items()
        ]

    # Handlers ----------------------------------------------------------------

    @on(Tabs.TabActivated, "#effective-filters")
    def _filter_chosen(self, event: Tabs.TabActivated) -> None:
        table = self.query_one(EffectiveTable)
        if event.tab.id is not None and table.is_mounted:
            table.show_keys(event.tab.id)

    def on_effective_table_chosen(self, event: EffectiveTable.Chosen) -> None:
        """Jump to the chosen setting."""
        self.dismiss(event.key)

    def on_session_reloaded(self, _event: SessionReloaded) -> None:
        """Show the values anew: a layer file changed on disk."""
        self.query_one("#effective-title", Static).update(self._title())
        counts = filter_counts(self.view.session.resolution)
        tabs = self.query_one(Tabs)
        for name, (label, _test) in FILTERS.items():
            tabs.query_one(f"#{name}", Tab).label = f"{label} {counts[name]}"
        self.query_one(EffectiveTable).show_keys()

    # Actions -----------------------------------------------------------------

    def action_filter_keys(self, filter_name: str) -> None:
        """Show the keys a filter lets through.

        Args:
            filter_name: A key of `FILTERS`.
        """
        self.query_one(Tabs).active = filter_name

    def action_close_effective(self) -> None:
        """Back to the editor."""
        self.dismiss(None)
