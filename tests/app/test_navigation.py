"""Finding settings: sections, the command palette, the findings list, bad input."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from textual import events
from textual.command import CommandPalette
from textual.widgets import ContentSwitcher, Footer
from textual.widgets._footer import FooterKey

from app.dialogs.keys_dialog import KeysDialog
from app.widgets.findings_view import FindingsView
from app.widgets.form.setting_row import SettingRow

if TYPE_CHECKING:
    from tests.app.conftest import Editor, OpenEditor


async def test_arrow_keys_switch_sections(open_editor: OpenEditor):
    async with open_editor() as editor:
        await editor.pilot.press("down", "down")
        await editor.pilot.pause()
        switcher = editor.app.screen.query_one(ContentSwitcher)
        assert switcher.current == "form-process_manager"
        await editor.pilot.press("up")
        await editor.pilot.pause()
        assert switcher.current == "form-eventbus"
        assert editor.row("eventbus.queue_sizes").setting.key == "eventbus.queue_sizes"


async def test_enter_typed_ahead_of_the_arrows_enters_the_new_form(
    open_editor: OpenEditor,
):
    """Down, down, enter typed in one burst used to focus the first section's
    form, which was then hidden: nothing had the focus and typing was lost."""
    async with open_editor(size=(80, 24)) as editor:
        for key in ("down", "down", "enter"):
            editor.app.post_message(events.Key(key, None))
        await editor.pilot.pause(0.3)
        focused = editor.app.focused
        assert focused is not None
        assert editor.row("process_manager.max_concurrent_starts") in focused.ancestors


async def test_form_lists_every_setting_in_spec_order(open_editor: OpenEditor):
    async with open_editor() as editor:
        await editor.jump("log_store.persistence_directory")
        form = editor.app.screen.query_one("#form-log_store")
        names = [row.setting.name for row in form.query(SettingRow)]
        assert names[:3] == ["max_entries", "batch_size", "buffer_size"]
        assert names[-1] == "persistence_directory"
        assert len(names) == 20


async def test_command_palette_jumps_to_a_setting_by_doc_words(
    open_editor: OpenEditor,
):
    async with open_editor() as editor:
        await editor.pilot.press("ctrl+p")
        await editor.pilot.pause()
        assert isinstance(editor.app.screen, CommandPalette)
        await editor.pilot.press(*"persisted logs")
        await editor.pilot.pause(0.3)
        await editor.pilot.press("enter")
        await editor.pilot.pause(0.2)
        focused = editor.app.focused
        assert focused is not None
        row = next(a for a in focused.ancestors_with_self if isinstance(a, SettingRow))
        assert row.setting.key == "log_store.persistence_directory"
        assert "provenance log_store.persistence_directory" in editor.provenance()


async def test_broken_parent_file_is_a_critical_finding(
    open_editor: OpenEditor, workspace
):
    workspace.write("work", "[eventbus\nworker_pool_size = 8\n")
    async with open_editor() as editor:
        assert "1 critical" in editor.header()
        editor.app.screen.query_one("#sections").focus()
        await editor.pilot.press("end")
        await editor.pilot.pause()
        findings = editor.app.screen.query_one(FindingsView)
        text = " ".join(str(o.prompt) for o in findings.options)
        assert "critical" in text and "toml-syntax" in text
        assert "../../.brum.toml:1" in text


async def test_bad_env_value_and_unknown_key_are_shown_where_they_come_from(
    open_editor: OpenEditor, workspace
):
    workspace.write("work/repo/app", "[eventbus]\nworker_pool_sise = 8\n")
    environ = {"BRUMMER_EVENTBUS_BLOCK_TIMEOUT_MS": "soon"}
    async with open_editor(environ=environ) as editor:
        await editor.jump("eventbus.block_timeout_ms")
        notes = editor.notes("eventbus.block_timeout_ms")
        assert "'soon' is not a whole number" in notes
        assert "BRUMMER_EVENTBUS_BLOCK_TIMEOUT_MS" in notes
        unknown = editor.app.screen.query_one("#form-eventbus .unknown-keys")
        assert "eventbus.worker_pool_sise" in str(unknown.render())
        assert "./.brum.toml:2" in str(unknown.render())


async def test_finding_in_the_list_jumps_to_its_setting(
    open_editor: OpenEditor, workspace
):
    workspace.write("work/repo/app", "[debugging]\nstack_trace_depth = 0\n")
    async with open_editor() as editor:
        editor.app.screen.query_one("#sections").focus()
        await editor.pilot.press("end")
        await editor.pilot.pause()
        await editor.pilot.press("enter")
        assert isinstance(editor.app.focused, FindingsView)
        await editor.pilot.press("enter")
        await editor.pilot.pause(0.2)
        focused = editor.app.focused
        assert focused is not None
        row = next(a for a in focused.ancestors_with_self if isinstance(a, SettingRow))
        assert row.setting.key == "debugging.stack_trace_depth"


async def test_broken_project_file_opens_home_instead(
    open_editor: OpenEditor, workspace
):
    workspace.write("work/repo/app", "[resources\n")
    async with open_editor() as editor:
        assert "home ~/.brum.toml" in editor.header()
        assert "1 critical" in editor.header()
        toasts = [n.message for n in editor.app._notifications]
        assert any("instead" in message for message in toasts)


def _footer_text(editor: Editor) -> str:
    footer = editor.app.screen.query_one(Footer)
    return " ".join(str(key.render()) for key in footer.query(FooterKey))


@pytest.mark.parametrize("key", [None, "ctrl+o", "ctrl+f", "ctrl+l"])
async def test_footer_fits_80_columns_on_every_screen(
    open_editor: OpenEditor, key: str | None
):
    async with open_editor(size=(80, 24)) as editor:
        if key is not None:
            await editor.pilot.press(key)
            await editor.pilot.pause(0.2)
        footer = editor.app.screen.query_one(Footer)
        keys = list(footer.query(FooterKey))
        assert "Keys" in _footer_text(editor)
        needed = sum(key.outer_size.width for key in keys)  # "^p palette" too
        assert needed <= 80, _footer_text(editor)


async def test_f1_lists_every_key_the_screens_own_first(open_editor: OpenEditor):
    """Textual's keys panel listed the focused field's cursor keys first, so at
    80x24 the editor's own keys were below its edge."""
    async with open_editor(size=(80, 24)) as editor:
        await editor.jump("resources.max_goroutines")  # a field with many keys
        assert "Unset" not in _footer_text(editor)
        await editor.pilot.press("f1")
        await editor.pilot.pause()
        assert isinstance(editor.app.screen, KeysDialog)
        table = editor.app.screen.text()
        assert (
            table.index("This screen")
            < table.index("Unset")
            < table.index("The focused field")
        )
        assert "Redo" in table and "Write the edits to the target file" in table
        # One line per action, its keys together (^c and super+c were two).
        lines = table.splitlines()
        assert len({line.split("  ", 1)[-1] for line in lines}) == len(lines)
        shown = editor.app.export_screenshot().replace("&#160;", " ")
        assert "Unset" in shown  # on screen at 80x24, not below the edge
        await editor.pilot.press("f1")
        await editor.pilot.pause()
        assert not isinstance(editor.app.screen, KeysDialog)


async def test_tab_goes_from_the_last_row_to_the_sections_and_the_first_row(
    open_editor: OpenEditor,
):
    """The scrolling form was a tab stop of its own, where nothing showed focus."""
    async with open_editor() as editor:
        await editor.jump("fallback.critical_priority_boost")
        await editor.pilot.press("tab")
        assert editor.app.focused is editor.app.screen.query_one("#sections")
        await editor.pilot.press("tab")
        focused = editor.app.focused
        assert focused is not None
        assert editor.row("fallback.enable_fallback_mechanisms") in focused.ancestors
