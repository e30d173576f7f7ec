"""Live reload: every layer file followed, the UI updated, unsaved edits kept."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from textual.widgets import Input

from app.dialogs.confirm_dialog import ConfirmDialog
from app.dialogs.reload_conflict_dialog import ReloadConflictDialog
from app.reload_feedback import ReloadFeedback
from app.screens.findings_screen import FindingsScreen
from app.widgets.finding_list import FindingList
from schema.watch import WatchTiming

if TYPE_CHECKING:
    from tests.app.conftest import Editor, OpenEditor

FAST = WatchTiming(debounce_ms=30, step_ms=10)

PROJECT = """\
# Brummer settings for this project.

[resources]
max_goroutines = 64  # tuned by hand

[eventbus]
block_timeout_ms = 250
"""


@asynccontextmanager
async def _following(open_editor: OpenEditor, **options: Any) -> AsyncIterator[Editor]:
    """Open the editor with its files followed, once the watch is in place."""
    async with open_editor(follow=FAST, **options) as editor:
        await asyncio.wait_for(editor.app.live_reload.ready.wait(), timeout=5)
        yield editor


async def _until(editor: Editor, condition: Callable[[], bool]) -> None:
    for _ in range(100):
        if condition():
            return
        await editor.pilot.pause(0.05)
    assert condition()


def _edit(editor: Editor, **values: int) -> None:
    """Make unsaved edits, as typing them into the form would."""
    for name, value in values.items():
        editor.app.session.set_value(name.replace("__", "."), value)
    editor.screen.refresh_view(force=True)


def _shown(editor: Editor, key: str) -> str:
    """The value a row shows: the target's own, else the effective one."""
    field = editor.row(key).query_one(Input)
    return field.value or field.placeholder.split()[0]


async def test_external_edit_of_a_layer_file_shows_at_once(
    open_editor: OpenEditor, workspace
):
    home = workspace.write("home", "[resources]\nmemory_limit_mb = 256\n")
    async with _following(open_editor) as editor:
        await editor.jump("resources.memory_limit_mb")
        home.write_text("[resources]\nmemory_limit_mb = 768\n")
        await _until(
            editor, lambda: _shown(editor, "resources.memory_limit_mb") == "768"
        )
        assert "home" in editor.provenance()
        assert not editor.app.session.modified


async def test_external_edit_of_the_target_keeps_unsaved_edits(
    open_editor: OpenEditor, workspace
):
    path = workspace.write("work/repo/app", PROJECT)
    async with _following(open_editor) as editor:
        _edit(editor, resources__max_goroutines=96)
        path.write_text(PROJECT.replace("= 250", "= 500"))
        session = editor.app.session
        await _until(
            editor, lambda: session.target_value("eventbus.block_timeout_ms") == 500
        )
        await editor.jump("eventbus.block_timeout_ms")
        assert _shown(editor, "eventbus.block_timeout_ms") == "500"
        assert session.target_value("resources.max_goroutines") == 96
        assert "modified" in editor.header()
        await editor.pilot.press("ctrl+s")
        await editor.pilot.pause()
    assert path.read_text() == PROJECT.replace("= 250", "= 500").replace("= 64", "= 96")


async def test_collision_is_shown_key_by_key_and_the_person_chooses(
    open_editor: OpenEditor, workspace
):
    path = workspace.write("work/repo/app", PROJECT)
    async with _following(open_editor) as editor:
        _edit(editor, resources__max_goroutines=96, eventbus__block_timeout_ms=300)
        path.write_text(PROJECT.replace("= 64", "= 128").replace("= 250", "= 400"))
        await _until(
            editor, lambda: isinstance(editor.app.screen, ReloadConflictDialog)
        )
        dialog = editor.app.screen
        assert isinstance(dialog, ReloadConflictDialog)
        text = " ".join(str(s.render()) for s in dialog.query(".conflict-key"))
        assert "resources.max_goroutines" in text and "was 64" in text
        assert "eventbus.block_timeout_ms" in text and "was 250" in text
        session = editor.app.session
        assert (
            session.target_value("resources.max_goroutines") == 128
        )  # theirs, meanwhile

        await editor.pilot.press("ctrl+s")  # nothing chosen yet: refused
        await editor.pilot.pause()
        assert editor.app.screen is dialog
        await editor.pilot.press("d")  # all from disk, then mine for the first key
        await editor.pilot.press("up", "enter")
        await editor.pilot.pause()
        assert dialog.choices() == {
            "resources.max_goroutines": True,
            "eventbus.block_timeout_ms": False,
        }
        await editor.pilot.press("ctrl+s")
        await editor.pilot.pause()
        assert editor.app.screen is editor.screen
        assert session.target_value("resources.max_goroutines") == 96
        assert session.target_value("eventbus.block_timeout_ms") == 400
        assert _shown(editor, "resources.max_goroutines") == "96"
        told = [n.message for n in editor.app._notifications]
        assert (
            "Kept your value for 1 key and the file's for 1; save to write yours."
            in told
        )


async def test_created_file_becomes_a_layer(open_editor: OpenEditor, workspace):
    async with _following(open_editor) as editor:
        await editor.jump("resources.memory_limit_mb")
        workspace.write("work", "[resources]\nmemory_limit_mb = 2048\n")
        await _until(
            editor, lambda: _shown(editor, "resources.memory_limit_mb") == "2048"
        )
        assert "parent" in editor.provenance()


async def test_created_target_file_is_taken_in(open_editor: OpenEditor, workspace):
    async with _following(open_editor) as editor:
        await editor.jump("resources.memory_limit_mb")
        workspace.write("work/repo/app", "[resources]\nmemory_limit_mb = 640\n")
        await _until(
            editor, lambda: _shown(editor, "resources.memory_limit_mb") == "640"
        )
        assert editor.app.session.target.exists
        assert "(new)" not in editor.header()


async def test_deleted_file_leaves_the_layers(open_editor: OpenEditor, workspace):
    parent = workspace.write("work", "[resources]\nmemory_limit_mb = 2048\n")
    async with _following(open_editor) as editor:
        await editor.jump("resources.memory_limit_mb")
        assert _shown(editor, "resources.memory_limit_mb") == "2048"
        parent.unlink()
        await _until(
            editor, lambda: _shown(editor, "resources.memory_limit_mb") == "512"
        )
        assert "parent" not in editor.provenance()
        messages = [n.message for n in editor.app._notifications]
        assert any("was deleted" in m for m in messages)


async def test_target_made_invalid_is_critical_and_never_overwritten(
    open_editor: OpenEditor, workspace
):
    path = workspace.write("work/repo/app", PROJECT)
    async with _following(open_editor) as editor:
        _edit(editor, resources__max_goroutines=96)
        path.write_text("[resources\nmax_goroutines = 1\n")
        await _until(editor, lambda: "1 critical" in editor.header())
        assert editor.app.session.target_value("resources.max_goroutines") == 96
        # As Brummer would, the broken file's values are left out (they used to
        # stay in effect, from the last text that parsed).
        resolved = editor.app.session.resolution["resources.max_goroutines"]
        assert resolved.layer.kind == "default"
        await editor.jump("resources.max_goroutines")
        assert "broken: left out" in editor.provenance()
        # The row said "set in default" beside the file's 96, as if in effect.
        assert "left out · from default" in editor.head("resources.max_goroutines")
        assert "default decides" in editor.notes("resources.max_goroutines")
        await editor.pilot.press("ctrl+s")
        await editor.pilot.pause()
        assert not isinstance(editor.app.screen, ConfirmDialog)  # nothing to ask
        messages = [n.message for n in editor.app._notifications]
        assert any("is broken on disk, so it is not overwritten" in m for m in messages)
        assert path.read_text() == "[resources\nmax_goroutines = 1\n"
        assert editor.app.session.modified

        path.write_text(PROJECT)  # fixed by hand: the finding goes
        await _until(editor, lambda: "critical" not in editor.header())
        assert editor.app.session.target_value("resources.max_goroutines") == 96


async def test_broken_parent_layer_is_reported_and_left_out(
    open_editor: OpenEditor, workspace
):
    parent = workspace.write("work", "[resources]\nmemory_limit_mb = 2048\n")
    async with _following(open_editor) as editor:
        await editor.jump("resources.memory_limit_mb")
        parent.write_text("[resources\n")
        await _until(editor, lambda: "1 critical" in editor.header())
        assert _shown(editor, "resources.memory_limit_mb") == "512"
        assert parent.read_text() == "[resources\n"


async def test_own_save_is_not_announced_as_a_reload(
    open_editor: OpenEditor, workspace
):
    workspace.write("work/repo/app", PROJECT)
    async with _following(open_editor) as editor:
        await editor.type_into("resources.max_goroutines", "96")
        await editor.pilot.press("ctrl+s")
        await editor.pilot.pause(0.3)
        assert editor.app.live_reload.running
        messages = [n.message for n in editor.app._notifications]
        assert not any("changed on disk" in m for m in messages)


async def test_deleted_target_keeps_unsaved_edits(open_editor: OpenEditor, workspace):
    path = workspace.write("work/repo/app", PROJECT)
    async with _following(open_editor) as editor:
        _edit(editor, resources__memory_limit_mb=640)
        path.unlink()
        await _until(editor, lambda: "(new)" in editor.header())
        session = editor.app.session
        assert session.target_value("resources.memory_limit_mb") == 640
        assert session.target_value("resources.max_goroutines") is None
        messages = [n.message for n in editor.app._notifications]
        assert any("saving writes it anew" in m for m in messages)


async def test_screens_above_the_editor_show_the_reload(
    open_editor: OpenEditor, workspace
):
    parent = workspace.write("work", "[resources]\nmemory_limit_mb = 2048\n")
    async with _following(open_editor) as editor:
        screen = FindingsScreen(editor.screen.view)
        await editor.app.push_screen(screen)
        parent.write_text("[resources\n")
        findings = screen.query_one(FindingList)
        await _until(editor, lambda: "toml-syntax" in str(findings.options[-1].prompt))
        assert "1 across all layers" in str(
            screen.query_one("#findings-title").render()
        )


async def test_a_new_target_elsewhere_is_followed_after_the_switch(
    open_editor: OpenEditor, workspace
):
    other = workspace.root / "elsewhere" / ".brum.toml"
    other.parent.mkdir()
    other.write_text("[resources]\nmemory_limit_mb = 300\n")
    async with _following(open_editor) as editor:
        await editor.pilot.press("ctrl+t", "tab")
        editor.app.screen.query_one(Input).value = str(other)
        await editor.pilot.press("enter")
        await editor.pilot.pause()
        assert "elsewhere" in editor.header()
        await asyncio.wait_for(editor.app.live_reload.ready.wait(), timeout=5)
        await editor.jump("resources.memory_limit_mb")
        other.write_text("[resources]\nmemory_limit_mb = 900\n")
        await _until(
            editor, lambda: _shown(editor, "resources.memory_limit_mb") == "900"
        )


async def test_following_stops_when_the_app_exits(open_editor: OpenEditor):
    async with _following(open_editor) as editor:
        live = editor.app.live_reload
        assert live.running
    assert not live.running


async def test_a_file_rewritten_many_times_shows_one_notice(
    open_editor: OpenEditor, workspace
):
    """A file rewritten every 50 ms stacked a notice per write over the screen."""
    home = workspace.write("home", "[resources]\nmemory_limit_mb = 300\n")
    async with open_editor() as editor:
        feedback = ReloadFeedback(editor.screen)
        for size in range(301, 306):
            home.write_text(f"[resources]\nmemory_limit_mb = {size}\n")
            feedback(editor.app.live_reload.reload([home]))
        await editor.pilot.pause()
        notices = [n for n in editor.app._notifications if n.title == "Reloaded"]
        assert len(notices) == 1
        assert editor.app.session.resolution.value("resources.memory_limit_mb") == 305
