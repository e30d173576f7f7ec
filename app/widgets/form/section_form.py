"""One section as a form: its documentation, one row per setting, unknown keys."""

from __future__ import annotations

import asyncio

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from app.badges import show_value
from app.session_view import SessionView
from app.widgets.form.setting_row import SettingRow
from schema.catalogue import Setting, section_doc, section_settings

__all__ = ["SectionForm"]


class SectionForm(VerticalScroll, can_focus=False):
    """The rows of one section, in the specification's order.

    The form itself takes no focus: its rows do, and it scrolls to the row
    focused. A focusable form was a tab stop where nothing showed the focus.

    Only the first `initial` rows are composed with the form; the rest are
    mounted right after the first frame that shows it, so that the form
    appears without waiting for rows below the fold.

    Args:
        section: The section's name.
        view: The session's view.
        initial: How many rows to compose at once.
    """

    def __init__(self, section: str, view: SessionView, initial: int = 8) -> None:
        super().__init__(id=f"form-{section}", classes="section-form")
        self.section = section
        """The section this form edits."""
        self.stale = False
        """Whether the session changed while the form was hidden."""
        self._view = view
        self._settings = section_settings(section)
        self._initial = initial
        self._complete = asyncio.Event()

    def compose(self) -> ComposeResult:
        """Compose the section's documentation and the first rows."""
        yield Static(self._heading(), classes="section-doc")
        for setting in self._settings[: self._initial]:
            yield self._row(setting)
        unknown = Static(classes="unknown-keys")
        self._show_unknown(unknown)
        yield unknown

    def on_mount(self) -> None:
        """Mount the remaining rows once the form has been shown."""
        if len(self._settings) > self._initial:
            self.call_after_refresh(self._mount_rest)
        else:
            self._complete.set()

    async def _mount_rest(self) -> None:
        rows = [self._row(s) for s in self._settings[self._initial :]]
        await self.mount_all(rows, before=self.query_one(".unknown-keys"))
        self._complete.set()

    @property
    def rows(self) -> list[SettingRow]:
        """The rows mounted so far."""
        return list(self.query_children(SettingRow))

    async def row(self, key: str) -> SettingRow:
        """Return a key's row, waiting for it to be mounted.

        Args:
            key: A dotted key of this section.

        Returns:
            The row.
        """
        await self._complete.wait()
        return next(row for row in self.rows if row.setting.key == key)

    def show_states(self, *, force: bool = False) -> None:
        """Update every mounted row (and the unknown keys) from the session.

        Args:
            force: Also replace the text of editors that hold unwritten text.
        """
        for row in self.rows:
            row.show_state(self._view.row_state(row.setting.key), force=force)
        self._show_unknown(self.query_one(".unknown-keys", Static))
        self.stale = False

    def _row(self, setting: Setting) -> SettingRow:
        return SettingRow(setting, self._view.row_state(setting.key), self._view)

    def _heading(self) -> Content:
        return Content.assemble(
            (f"[{self.section}]", "bold $text-accent"),
            "  ",
            (section_doc(self.section), "$foreground-muted"),
        )

    def _show_unknown(self, static: Static) -> None:
        """List the section's unknown keys, or hide the list when there are none."""
        entries = self._view.unknown_entries(self.section)
        static.display = bool(entries)
        if not entries:
            return
        lines = [Content.styled("Keys the catalogue does not know:", "bold")]
        for key, value, where in entries:
            lines.append(Content(f"  {key} = {show_value(value)}  ({where})"))
        static.update(Content("\n").join(lines))
