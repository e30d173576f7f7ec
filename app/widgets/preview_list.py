"""The rows of a template preview, each one taken or left out."""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.strip import Strip
from textual.widgets import OptionList, SelectionList
from textual.widgets.option_list import OptionDoesNotExist
from textual.widgets.selection_list import Selection

from schema.preview import PreviewRow

__all__ = ["PreviewList"]

BOX = "▐X▌ "
"""A row's tick box and the space after it, as `SelectionList` draws them."""


class PreviewList(SelectionList[str]):
    """One line per setting a template would change; ticked rows are taken.

    Each line is the row's `PreviewRow.format()` text, the very line that
    `--show-diff` prints, with colour added: a row that would change nothing
    in effect has its bracketed note dimmed, a shadowed one warned.
    """

    DEFAULT_CSS = """
    PreviewList {
        text-wrap: wrap;
    }
    """
    """Long rows wrap rather than losing their effect note at the edge."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "space",
            "select",
            "Take/leave",
            tooltip="Take the highlighted row, or leave it out.",
            id="preview-toggle-row",
        ),
        Binding(
            "a",
            "take_all",
            "All",
            tooltip="Take every row.",
            id="preview-take-all",
        ),
        Binding(
            "n",
            "leave_all",
            "None",
            tooltip="Leave every row out.",
            id="preview-leave-all",
        ),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | space, enter | Take the highlighted row, or leave it out. |
    | a | Take every row. |
    | n | Leave every row out. |
    """

    def render_line(self, y: int) -> Strip:
        """Draw one line: a row's tick box on its first line only, for that row.

        `SelectionList` puts a box on every line and takes line `y` for row
        `y`, so a row that wraps got a second, unticked box, and every row
        below it showed the tick of another row.
        """
        prompt = OptionList.render_line(self, y)
        try:
            index, offset = self._lines[self.scroll_offset.y + y]
            row = self.get_option_at_index(index)
        except (IndexError, OptionDoesNotExist):
            return prompt
        base = next(iter(prompt)).style if prompt.cell_length else self.rich_style
        base = base or self.rich_style
        if offset > 0:
            return Strip([Segment(" " * len(BOX), base), *prompt])
        component = "selection-list--button"
        if row.value in self._selected:
            component += "-selected"
        if self.highlighted == index:
            component += "-highlighted"
        button = self.get_component_rich_style(component)
        side = Style.from_color(button.bgcolor, base.bgcolor)
        meta = Style(meta={"option": index})  # a click ticks this row
        left, inner, right = BOX[:3]
        return Strip(
            [
                Segment(left, side + meta),
                Segment(inner, button + meta),
                Segment(right, side + meta),
                Segment(" ", base),
                *prompt,
            ]
        )

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Take or leave the row that space (or enter) was pressed on.

        `SelectionList` toggles the row highlighted when the message arrives,
        so with keys typed ahead (space, down) the next row was toggled.
        """
        event.stop()
        self.toggle(self.get_option_at_index(event.option_index))

    def show_rows(self, rows: tuple[PreviewRow, ...], taken: set[str]) -> None:
        """Replace the rows.

        Args:
            rows: The preview's rows.
            taken: The keys to show ticked.
        """
        highlighted = self.highlighted
        self.clear_options()
        self.add_options(
            [Selection(_prompt(row), row.key, row.key in taken) for row in rows]
        )
        if rows:
            self.highlighted = min(highlighted or 0, len(rows) - 1)

    def action_take_all(self) -> None:
        """Take every row."""
        self.select_all()

    def action_leave_all(self) -> None:
        """Leave every row out."""
        self.deselect_all()


def _prompt(row: PreviewRow) -> Content:
    text = row.format()
    content = Content(text).stylize("bold", 0, len(row.key))
    note = text.rfind("  [")
    if not row.takes_effect and note >= 0:
        style = "$text-warning" if row.shadowed else "$foreground-muted"
        content = content.stylize(style, note, len(text))
    return content
