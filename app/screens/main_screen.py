"""The editor's one screen: sections, the form, provenance, header and footer."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import ClassVar, TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import DescendantFocus
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import ContentSwitcher, Footer, OptionList

from app.badges import counted
from app.dialogs.confirm_dialog import ConfirmDialog
from app.dialogs.conflict_dialog import ConflictDialog
from app.dialogs.target_dialog import TargetDialog
from app.review_actions import REVIEW_BINDINGS, ReviewActions
from app.session_view import FINDINGS, SessionView
from app.widgets.config_header import ConfigHeader
from app.widgets.findings_view import FindingsView
from app.widgets.form.section_form import SectionForm
from app.widgets.form.setting_row import SettingRow
from app.widgets.provenance_panel import ProvenancePanel
from app.widgets.section_list import SectionList
from schema.catalogue import SECTIONS, get_setting, section_settings
from schema.document import ConflictError, DocumentError
from schema.session import Session, TargetError

__all__ = ["MainScreen"]

WIDE = 150
"""From this width on, the provenance panel stands beside the form."""

PROVENANCE_LINES = 10
"""About how many lines the provenance panel takes under the form."""

ROW_LINES = 5
"""The fewest lines a setting's row takes."""

T = TypeVar("T")

Pane = SectionForm | FindingsView
"""What the content switcher shows: a section's form or the findings."""


class MainScreen(ReviewActions, Screen[None]):
    """Edits the target file section by section and explains every value.

    Args:
        session: The editing session.
    """

    AUTO_FOCUS = "#sections"

    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [
        (0, "-narrow"),
        (WIDE, "-wide"),
    ]
    """Below 150 columns the provenance panel moves under the form."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s",
            "save_target",
            "Save",
            tooltip="Write the edits to the target file; comments are kept.",
            id="save-target",
        ),
        Binding(
            "ctrl+z",
            "undo_edit",
            "Undo",
            tooltip="Take back the last edit.",
            id="undo-edit",
        ),
        Binding(
            "ctrl+y",
            "redo_edit",
            "Redo",
            tooltip="Apply again the edit last taken back.",
            id="redo-edit",
            show=False,  # in the keys panel (f1); the footer must fit 80 columns
        ),
        Binding(
            "ctrl+n",
            "unset_setting",
            "Unset",
            tooltip="Remove the focused setting from the target file (inherit it).",
            id="unset-setting",
            show=False,  # in the keys panel (f1); the footer must fit 80 columns
        ),
        Binding(
            "ctrl+r",
            "reset_setting",
            "Default",
            tooltip="Write the focused setting's default into the target file.",
            id="reset-setting",
            show=False,  # in the keys panel (f1); the footer must fit 80 columns
        ),
        Binding(
            "ctrl+t",
            "choose_target",
            "Target",
            tooltip="Choose the file edits go to: project, a parent, home or a path.",
            id="choose-target",
        ),
        *REVIEW_BINDINGS,
        Binding(
            "escape",
            "focus_sections",
            "Sections",
            tooltip="Move the focus to the list of sections.",
            id="focus-sections",
            show=False,
        ),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | ctrl+s | Save the target file (asks first when there are errors). |
    | ctrl+z | Undo the last edit. |
    | ctrl+y | Redo the edit last undone. |
    | ctrl+n | Unset the focused setting in the target (inherit it again). |
    | ctrl+r | Write the focused setting's default into the target. |
    | ctrl+t | Choose the target file. |
    | ctrl+o | Template preview: what a template or file would change. |
    | ctrl+f | Every finding, grouped by severity. |
    | ctrl+l | The effective configuration, with filters. |
    | escape | Focus the list of sections. |
    """

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        """The editing session: layers, target document and history."""
        self.view = SessionView(session)
        """Read-only questions about the session, for the widgets."""
        self.focused_key: str | None = (
            f"{SECTIONS[0]}.{section_settings(SECTIONS[0])[0].name}"
        )
        """The key of the setting last focused (at first, the first one)."""
        self._section = SECTIONS[0]
        self._panes: dict[str, Pane] = {}
        self._ready: dict[str, asyncio.Event] = {}
        self._warned: set[str] = set()

    def compose(self) -> ComposeResult:
        """Compose the header, the sections, the first form and the footer."""
        self._set_breakpoint_class()
        summaries = self.view.summaries()
        first = SectionForm(SECTIONS[0], self.view, initial=self._initial_rows())
        self._panes[SECTIONS[0]] = first
        self._ready_event(SECTIONS[0]).set()
        yield ConfigHeader(self.view, summaries[FINDINGS].counts, id="header")
        with Horizontal(id="body"):
            yield SectionList([*SECTIONS, FINDINGS], summaries, id="sections")
            with Vertical(id="main"):
                with ContentSwitcher(id="panes", initial=first.id):
                    yield first
                yield ProvenancePanel(self.view, self.focused_key, id="provenance")
        yield Footer(compact=True)

    def _set_breakpoint_class(self) -> None:
        """Start with the class the first resize would set.

        Textual sets breakpoint classes on the first resize, after the screen
        has been styled; a class added then restyles every widget again, which
        costs a noticeable part of the start-up.
        """
        width = self.app.size.width
        classes = self.HORIZONTAL_BREAKPOINTS or []
        current = [name for minimum, name in classes if width >= minimum][-1:]
        self.add_class(*current)

    def _initial_rows(self) -> int:
        """Rows that fill the first screen; the rest are mounted after it.

        A row takes five lines or more; below 150 columns the provenance
        panel takes about ten lines under the form.
        """
        width, height = self.app.size
        lines = height - 2 - (0 if width >= WIDE else PROVENANCE_LINES)
        return max(2, -(-lines // ROW_LINES))

    # Sections ----------------------------------------------------------------

    async def show_section(self, section: str) -> None:
        """Show a section's form (or the findings), building it the first time.

        Args:
            section: A section name, or `findings`.
        """
        self._section = section
        pane = self._panes.get(section)
        if pane is None:
            pane = self._panes[section] = self._make_pane(section)
            await self.query_one(ContentSwitcher).add_content(pane)
            self._ready_event(section).set()
            self.log(f"built the {section} pane")
        else:
            await self._ready_event(section).wait()
        if self._section == section:
            self._refresh_pane(pane, force=pane.stale)
            self.query_one(ContentSwitcher).current = pane.id

    async def jump_to_setting(self, key: str) -> None:
        """Show a setting's section, scroll to its row and focus its editor.

        Args:
            key: A catalogued dotted key.
        """
        setting = get_setting(key)
        if setting is None:
            return
        self.query_one(SectionList).select_section(setting.section)
        await self.show_section(setting.section)
        form = self._panes[setting.section]
        assert isinstance(form, SectionForm)
        row = await form.row(key)
        row.focus_editor(scroll_visible=False)
        # Rows mounted just now are laid out at the next refresh; scrolling
        # before it would stop short of the row.
        form.call_after_refresh(form.scroll_to_widget, row, animate=False, top=True)

    def start_jump(self, key: str) -> None:
        """Jump to a setting in a worker, so the screen keeps handling messages.

        The jump waits for rows that are mounted after a refresh; waiting in
        a message handler would hold up that very refresh.

        Args:
            key: A catalogued dotted key.
        """
        self.run_worker(self.jump_to_setting(key), exclusive=True, group="jump")

    def _make_pane(self, section: str) -> Pane:
        if section == FINDINGS:
            return FindingsView(self.view, id="pane-findings")
        return SectionForm(section, self.view, initial=self._initial_rows())

    def _ready_event(self, section: str) -> asyncio.Event:
        return self._ready.setdefault(section, asyncio.Event())

    # Refreshing --------------------------------------------------------------

    def refresh_view(self, *, force: bool = False) -> None:
        """Show the session as it is now: badges, header, form and provenance.

        Args:
            force: Also replace the text of editors holding unwritten text
                (after undo, redo, reset, unset and a target switch).
        """
        for section, pane in self._panes.items():
            if section == self._section:
                self._refresh_pane(pane, force=force)
            else:
                pane.stale = True
        # Counted after the rows: a forced refresh (undo) clears their text
        # that did not parse, which counts as an error until then.
        summaries = self.view.summaries(self.unwritten())
        self.query_one(ConfigHeader).show_counts(summaries[FINDINGS].counts)
        self.query_one(SectionList).show_summaries(summaries)
        self.query_one(ProvenancePanel).show_key(self.focused_key)

    def unwritten(self) -> dict[str, str]:
        """The fields holding text that does not parse, so is not written.

        Returns:
            Dotted key -> the text's problem.
        """
        return {
            row.setting.key: row.parse_error
            for pane in self._panes.values()
            if isinstance(pane, SectionForm)
            for row in pane.rows
            if row.parse_error is not None
        }

    @staticmethod
    def _refresh_pane(pane: Pane, *, force: bool) -> None:
        if isinstance(pane, SectionForm):
            pane.show_states(force=force)
        else:
            pane.show_findings()

    # Handlers ----------------------------------------------------------------

    async def on_section_list_highlighted(self, event: SectionList.Highlighted) -> None:
        """Show the highlighted section, unless the list has moved on since.

        Keys typed ahead (down, down, enter) reach the screen out of order:
        `OptionSelected` comes before the `Highlighted` of the sections passed
        over, which would otherwise hide the form just entered.
        """
        if event.section == self.query_one(SectionList).section:
            await self.show_section(event.section)

    @on(OptionList.OptionSelected, "#sections")
    async def _enter_form(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None and event.option.id != self._section:
            await self.show_section(event.option.id)
        pane = self._panes.get(self._section)
        if isinstance(pane, SectionForm) and pane.rows:
            pane.rows[0].focus_editor()
        elif pane is not None:
            pane.focus()

    def on_setting_row_changed(self, event: SettingRow.Changed) -> None:
        """Apply an edit; badges everywhere follow at once."""
        error = self._apply_text(event.key, event.text)
        event.setting_row.show_parse_error(error)
        self.refresh_view()
        if error is None and event.text:
            self._warn_if_overridden(event.key)

    def on_findings_view_chosen(self, event: FindingsView.Chosen) -> None:
        """Jump to the setting a finding is about."""
        self.start_jump(event.key)

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        """Show the provenance of the setting that got the focus."""
        row = _row_of(event.widget)
        if row is not None and row.setting.key != self.focused_key:
            self.focused_key = row.setting.key
            self.query_one(ProvenancePanel).show_key(self.focused_key)

    # Actions -----------------------------------------------------------------

    def action_undo_edit(self) -> None:
        """Take back the last edit."""
        if not self.session.undo():
            self.notify("Nothing to undo.", timeout=2)
        self.refresh_view(force=True)

    def action_redo_edit(self) -> None:
        """Apply again the edit last taken back."""
        if not self.session.redo():
            self.notify("Nothing to redo.", timeout=2)
        self.refresh_view(force=True)

    def action_unset_setting(self) -> None:
        """Remove the focused setting from the target, so it is inherited."""
        key = self._require_key()
        if key is None:
            return
        if self._guard(lambda: self.session.unset(key)) is False:
            self.notify(f"{key} is not set in the target file.", timeout=3)
        self.refresh_view(force=True)

    def action_reset_setting(self) -> None:
        """Write the focused setting's default into the target."""
        key = self._require_key()
        if key is not None:
            self._guard(lambda: self.session.reset_to_default(key))
            self.refresh_view(force=True)
            self._warn_if_overridden(key)

    def action_focus_sections(self) -> None:
        """Move the focus to the list of sections."""
        self.query_one(SectionList).focus()

    @work(exclusive=True, group="target")
    async def action_choose_target(self) -> None:
        """Ask for another target file and open it."""
        dialog = TargetDialog(self.view.target_choices())
        spec = await self.app.push_screen_wait(dialog)
        if spec is None or not await self._may_discard("Switch the target file?"):
            return
        try:
            self.session.open_target(spec)
        except TargetError as error:
            self.notify(str(error), title="Cannot edit that file", severity="error")
            return
        self.refresh_view(force=True)
        self.app.follow_files()  # the new target may be in another folder
        self.notify(f"Editing {self.view.target_text()}", timeout=3)

    @work(exclusive=True, group="save")
    async def action_save_target(self) -> None:
        """Save the target; ask first when findings are at error or above."""
        self._warn_unwritten()
        if not self.session.modified:
            self.notify("No unsaved edits.", timeout=2)
            return
        if self.session.disk_problem is not None:
            self.notify(
                f"{self.view.target_text()} is broken on disk, so it is not"
                " overwritten; fix it and save again. Your edits are kept.",
                title="Not saved",
                severity="error",
                timeout=8,
            )
            return
        errors = self.view.errors()
        if errors and not await self.app.push_screen_wait(self._errors_dialog()):
            return
        await self._save()

    @work(exclusive=True, group="quit")
    async def confirm_quit(self) -> None:
        """Quit, asking first when there are unsaved edits."""
        if await self._may_discard("Quit brum-config?"):
            self.app.exit(0)

    # Steps -------------------------------------------------------------------

    def _apply_text(self, key: str, text: str) -> str | None:
        try:
            if not text:
                self.session.unset(key)
                return None
            return self.session.set_text(key, text)
        except (DocumentError, ValueError, TypeError) as error:
            return str(error)

    def _guard(self, edit: Callable[[], T]) -> T | None:
        """Run an edit; say why when the document refuses it."""
        try:
            return edit()
        except (DocumentError, ValueError, TypeError) as error:
            self.notify(str(error), title="Not changed", severity="error")
            return None

    def _require_key(self) -> str | None:
        if self.focused_key is None:
            self.notify("Focus a setting first.", timeout=3)
        return self.focused_key

    def _warn_if_overridden(self, key: str) -> None:
        layer = self.session.overriding_layer(key)
        if layer is None or key in self._warned:
            return
        self._warned.add(key)
        self.notify(
            f"{layer.name} decides {key}; the edit is kept in the target file but"
            " does not take effect.",
            title="Overridden",
            severity="warning",
        )

    async def _may_discard(self, title: str) -> bool:
        unwritten = self.unwritten()
        if not self.session.modified and not unwritten:
            return True
        lines = []
        if self.session.modified:
            lines.append(f"{self.view.target_text()} has unsaved edits.")
        if unwritten:
            lines.append(f"Text that is not written: {', '.join(unwritten)}.")
        lines.append("They will be lost.")
        dialog = ConfirmDialog(title, "\n".join(lines), yes="Discard edits")
        return bool(await self.app.push_screen_wait(dialog))

    def _warn_unwritten(self) -> None:
        unwritten = self.unwritten()
        if unwritten:
            keys = ", ".join(unwritten)
            self.notify(
                f"{keys}: the text does not parse, so it is not saved; fix it or"
                " clear the field.",
                title="Not written",
                severity="warning",
                timeout=6,
            )

    def _errors_dialog(self) -> ConfirmDialog:
        errors = self.view.errors()
        lines = [f"{counted(len(errors), 'finding')} at error or above:"]
        lines += [f"  {f.key or f.location()}: {f.message}" for f in errors[:5]]
        lines += ["  …"] if len(errors) > 5 else []
        return ConfirmDialog("Save with errors?", "\n".join(lines), yes="Save anyway")

    async def _save(self, *, force: bool = False) -> None:
        shown = self.view.target_text()
        try:
            self.session.save(force=force)
        except ConflictError as error:
            dialog = ConflictDialog(shown, error.conflicts)
            if await self.app.push_screen_wait(dialog):
                await self._save(force=True)
            return
        except DocumentError as error:
            self.notify(str(error), title="Not saved", severity="error", timeout=8)
            return
        self.log(f"saved {shown} (force={force})")
        self.refresh_view()
        self.notify(f"Saved {self.view.target_text()}", timeout=3)


def _row_of(widget: Widget) -> SettingRow | None:
    for node in widget.ancestors_with_self:
        if isinstance(node, SettingRow):
            return node
    return None
