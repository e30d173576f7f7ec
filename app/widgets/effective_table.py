"""Every key of the configuration with its value and origin, filterable."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.message import Message
from textual.widgets import DataTable

from app.badges import LAYER_STYLES, SEVERITY_GLYPHS, show_value
from app.session_view import SessionView
from schema.catalogue import get_setting
from schema.layers import Resolution, Resolved

__all__ = ["FILTERS", "EffectiveTable", "filter_counts"]

Filter = Callable[[Resolved, Resolution], bool]
"""Whether a key is shown under a filter."""


def _set_outside_defaults(item: Resolved, _resolution: Resolution) -> bool:
    return not item.is_default


def _shadowed(item: Resolved, _resolution: Resolution) -> bool:
    return any(layer.kind != "default" for layer, _entry in item.shadowed)


def _with_findings(item: Resolved, resolution: Resolution) -> bool:
    return bool(resolution.findings_for(item.key))


FILTERS: dict[str, tuple[str, Filter]] = {
    "all": ("All", lambda _item, _resolution: True),
    "set": ("Set outside defaults", _set_outside_defaults),
    "shadowed": ("Shadowed", _shadowed),
    "findings": ("With findings", _with_findings),
}
"""Filter name -> (label, test). `shadowed` keys have a value in some layer
other than the defaults that a higher layer overrides."""


def filter_counts(resolution: Resolution) -> dict[str, int]:
    """Count the keys each filter shows.

    Args:
        resolution: The evaluated configuration.

    Returns:
        Filter name -> number of keys.
    """
    items = resolution.resolved.values()
    return {
        name: sum(1 for item in items if test(item, resolution))
        for name, (_label, test) in FILTERS.items()
    }


class EffectiveTable(DataTable[Text]):
    """One row per key: value, the layer it comes from, where, what it shadows.

    Args:
        view: The session's view.
        filter_name: The filter to start with (a key of `FILTERS`).
        id: The ID of the widget in the DOM.
    """

    @dataclass
    class Chosen(Message):
        """A catalogued setting's row was chosen (enter or click)."""

        effective_table: EffectiveTable
        """The table."""
        key: str
        """The setting's dotted key."""

        @property
        def control(self) -> EffectiveTable:
            """The table that posted the message."""
            return self.effective_table

    COLUMNS = ("key", "from", "value", "shadows", "findings", "where")
    """The column headings; the layer before the value, whose width varies
    most, so that 80 columns show where every value comes from."""

    def __init__(
        self, view: SessionView, filter_name: str = "all", *, id: str | None = None
    ) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._view = view
        self._styles: dict[str, str] = {}
        self.filter = filter_name
        """The name of the filter in force (a key of `FILTERS`)."""

    def on_mount(self) -> None:
        """Show the rows."""
        self.show_keys()

    def show_keys(self, filter_name: str | None = None) -> None:
        """Show the keys a filter lets through, keeping the cursor's key.

        Args:
            filter_name: A key of `FILTERS`; the filter in force when None.
        """
        self.filter = filter_name or self.filter
        resolution = self._view.session.resolution
        test = FILTERS[self.filter][1]
        current = self._cursor_key()
        self._styles = _layer_styles(self.app.get_css_variables())
        rows = {
            key: self._cells(item, resolution)
            for key, item in resolution.resolved.items()
            if test(item, resolution)
        }
        self.clear(columns=True)  # so that columns fit the rows shown
        # Widths given up front: DataTable's automatic widths are measured
        # lazily and, in a terminal too narrow for every column, it drew the
        # columns as wide as their headings.
        for index, heading in enumerate(self.COLUMNS):
            cells = [cells[index].cell_len for cells in rows.values()]
            self.add_column(heading, width=max([len(heading), *cells]))
        for key, cells in rows.items():
            self.add_row(*cells, key=key)
        if current is not None and current in self.rows:
            self.move_cursor(row=self.get_row_index(current), animate=False)

    def _cursor_key(self) -> str | None:
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value

    def _cells(self, item: Resolved, resolution: Resolution) -> list[Text]:
        view = self._view
        key_style = "bold" if item.setting is not None else "italic"
        return [
            Text(item.key, style=key_style),
            Text(item.layer.name, style=self._styles.get(item.layer.kind, "")),
            Text(show_value(item.value), style="" if item.is_default else "bold"),
            Text(_shadows(item), style="dim strike"),
            Text(_findings(resolution, item.key)),
            Text(view.where(item.entry.source, item.entry.line), style="dim"),
        ]

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Ask to jump to the chosen setting."""
        event.stop()
        key = event.row_key.value
        if key is not None and get_setting(key) is not None:
            self.post_message(self.Chosen(self, key))


def _layer_styles(variables: dict[str, str]) -> dict[str, str]:
    """The theme's colour of each layer kind, for Rich text in the table."""
    return {
        kind: variables.get(style.removeprefix("$"), "")
        for kind, style in LAYER_STYLES.items()
    }


def _shadows(item: Resolved) -> str:
    return ", ".join(
        f"{layer.name} {show_value(entry.value)}"
        for layer, entry in item.shadowed
        if layer.kind != "default"
    )


def _findings(resolution: Resolution, key: str) -> str:
    found = resolution.findings_for(key)
    return " ".join(f"{SEVERITY_GLYPHS[f.severity]} {f.rule}" for f in found)
