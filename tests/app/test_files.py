"""Choosing the target, saving (with its guards and conflicts) and quitting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Input, OptionList

from app.dialogs.confirm_dialog import ConfirmDialog
from app.dialogs.conflict_dialog import ConflictDialog
from app.dialogs.target_dialog import TargetDialog

if TYPE_CHECKING:
    from tests.app.conftest import OpenEditor

PROJECT = """\
# Brummer settings for this project.

[resources]
# Many watchers in the dev server.
max_goroutines = 64  # tuned by hand

[eventbus]
block_timeout_ms = 250
"""


async def test_target_switch_shows_that_files_own_values(
    open_editor: OpenEditor, workspace
):
    workspace.write("home", "[resources]\nmax_goroutines = 300\n")
    workspace.write("work/repo/app", PROJECT)
    async with open_editor() as editor:
        await editor.pilot.press("ctrl+t")
        dialog = editor.app.screen
        assert isinstance(dialog, TargetDialog)
        options = dialog.query_one(OptionList)
        home = [str(o.prompt) for o in options.options].index(
            next(str(o.prompt) for o in options.options if "home" in str(o.prompt))
        )
        options.highlighted = home
        await editor.pilot.press("enter")
        await editor.pilot.pause()
        assert "home ~/.brum.toml" in editor.header()
        row = editor.row("resources.max_goroutines")
        assert row.query_one(Input).value == "300"
        assert "project wins" in editor.head("resources.max_goroutines")


async def test_target_can_be_any_path_and_is_created_on_save(
    open_editor: OpenEditor, workspace
):
    async with open_editor() as editor:
        await editor.pilot.press("ctrl+t")
        await editor.pilot.press("tab", *"custom.toml", "enter")
        await editor.pilot.pause()
        assert "custom.toml (new)" in editor.header()
        await editor.type_into("resources.memory_limit_mb", "256")
        await editor.pilot.press("ctrl+s")
        await editor.pilot.pause()
        saved = workspace.project / "custom.toml"
        assert "memory_limit_mb = 256" in saved.read_text()


async def test_save_keeps_comments_and_layout(open_editor: OpenEditor, workspace):
    path = workspace.write("work/repo/app", PROJECT)
    async with open_editor() as editor:
        await editor.type_into("resources.max_goroutines", "96")
        await editor.jump("eventbus.queue_sizes")
        await editor.pilot.press(*"200")
        await editor.pilot.press("ctrl+s")
        await editor.pilot.pause()
        assert not editor.app.session.modified
        assert "modified" not in editor.header()
    text = path.read_text()
    assert text == PROJECT.replace("= 64", "= 96").replace(
        "block_timeout_ms = 250\n",
        "block_timeout_ms = 250\nqueue_sizes = [200, 500, 1000]\n",
    )


async def test_save_with_errors_asks_first(open_editor: OpenEditor, workspace):
    path = workspace.write("work/repo/app", PROJECT)
    async with open_editor() as editor:
        await editor.type_into("resources.max_goroutines", "5000")
        await editor.pilot.press("ctrl+s")
        await editor.pilot.pause()
        assert isinstance(editor.app.screen, ConfirmDialog)
        await editor.pilot.press("escape")
        await editor.pilot.pause()
        assert path.read_text() == PROJECT
        assert editor.app.session.modified

        await editor.pilot.press("ctrl+s")
        await editor.pilot.pause()
        await editor.pilot.press("y")
        await editor.pilot.pause()
    assert "max_goroutines = 5000  # tuned by hand" in path.read_text()


async def test_conflict_on_save_lists_keys_and_loses_nothing(
    open_editor: OpenEditor, workspace
):
    path = workspace.write("work/repo/app", PROJECT)
    async with open_editor() as editor:
        await editor.type_into("resources.max_goroutines", "96")
        path.write_text(PROJECT.replace("= 64", "= 128"))
        await editor.pilot.press("ctrl+s")
        await editor.pilot.pause()
        dialog = editor.app.screen
        assert isinstance(dialog, ConflictDialog)
        shown = " ".join(str(s.render()) for s in dialog.query(".conflict"))
        assert "resources.max_goroutines" in shown
        assert "96" in shown and "128" in shown and "64" in shown

        await editor.pilot.press("escape")
        await editor.pilot.pause()
        assert editor.app.session.target_value("resources.max_goroutines") == 96
        assert "= 128" in path.read_text()

        await editor.pilot.press("ctrl+s")
        await editor.pilot.pause()
        await editor.pilot.press("o")
        await editor.pilot.pause()
    assert "max_goroutines = 96  # tuned by hand" in path.read_text()


async def test_quit_with_unsaved_edits_asks_first(open_editor: OpenEditor, workspace):
    workspace.write("work/repo/app", PROJECT)
    async with open_editor() as editor:
        await editor.type_into("resources.max_goroutines", "96")
        await editor.pilot.press("ctrl+q")
        await editor.pilot.pause()
        assert isinstance(editor.app.screen, ConfirmDialog)
        await editor.pilot.press("escape")
        await editor.pilot.pause()
        assert editor.app.is_running
        await editor.pilot.press("ctrl+q")
        await editor.pilot.pause()
        await editor.pilot.press("y")
        await editor.pilot.pause()
        assert not editor.app.is_running


async def test_quit_without_edits_does_not_ask(open_editor: OpenEditor):
    async with open_editor() as editor:
        await editor.pilot.press("ctrl+q")
        await editor.pilot.pause()
        assert not editor.app.is_running
        assert editor.app.return_code == 0


async def test_text_that_is_not_written_counts_and_is_not_lost_silently(
    open_editor: OpenEditor, workspace
):
    """Text that did not parse was left out of the badges, and save and quit
    went on as if it were not there: quitting lost it without a word."""
    workspace.write("work/repo/app", PROJECT)
    async with open_editor() as editor:
        await editor.type_into("resources.memory_limit_mb", "abc")
        await editor.pilot.pause()
        assert "✖1" in editor.section_badges("resources")
        assert "✖ 1 error" in editor.header()
        await editor.pilot.press("ctrl+s")
        await editor.pilot.pause()
        messages = [n.message for n in editor.app._notifications]
        assert any(
            "resources.memory_limit_mb: the text does not parse" in m for m in messages
        )
        await editor.pilot.press("ctrl+q")
        await editor.pilot.pause()
        assert isinstance(editor.app.screen, ConfirmDialog)
        assert editor.app.is_running


async def test_two_errors_are_counted_in_the_plural(open_editor: OpenEditor, workspace):
    workspace.write(
        "work/repo/app", "[resources]\nmax_goroutines = 4\nmemory_limit_mb = 0\n"
    )
    async with open_editor() as editor:
        assert "✖ 2 errors" in editor.header()


async def test_undo_takes_the_unwritten_text_out_of_the_counts(
    open_editor: OpenEditor, workspace
):
    """After undo cleared text that did not parse, the badges still counted it:
    they were computed before the rows were refreshed."""
    workspace.write("work/repo/app", PROJECT)
    async with open_editor() as editor:
        await editor.type_into("resources.max_goroutines", "96")
        await editor.type_into("resources.memory_limit_mb", "abc")
        await editor.pilot.pause()
        assert "✖ 1 error" in editor.header()
        await editor.pilot.press("ctrl+z")
        await editor.pilot.pause()
        assert "error" not in editor.header()
        assert "✖" not in editor.section_badges("resources")
