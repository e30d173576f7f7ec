"""Editing values in the form: validation, badges, shadowing, unset, reset, undo."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Input, Switch

from app.widgets.form.choice_field import ChoiceField
from app.widgets.form.queue_sizes_field import QueueSizesField

if TYPE_CHECKING:
    from tests.app.conftest import OpenEditor

PROJECT = """\
# project settings
[resources]
max_goroutines = 64  # tuned
"""


async def test_first_form_shows_values_and_layers(open_editor: OpenEditor, workspace):
    workspace.write("home", "[resources]\nmemory_limit_mb = 2048\n")
    workspace.write("work/repo/app", PROJECT)
    async with open_editor() as editor:
        row = editor.row("resources.max_goroutines")
        assert row.has_class("-set")
        assert row.query_one(Input).value == "64"
        assert "set in project" in editor.head("resources.max_goroutines")
        inherited = editor.row("resources.memory_limit_mb")
        assert not inherited.has_class("-set")
        assert inherited.query_one(Input).value == ""
        assert "2048" in inherited.query_one(Input).placeholder
        assert "from home" in editor.head("resources.memory_limit_mb")
        assert "project ./.brum.toml" in editor.header()


async def test_typing_updates_row_section_and_header_badges(
    open_editor: OpenEditor, workspace
):
    workspace.write("work/repo/app", PROJECT)
    async with open_editor() as editor:
        assert "no findings" in editor.header()
        await editor.type_into("resources.max_goroutines", "2000")
        assert "✖ error" in editor.head("resources.max_goroutines")
        assert "outside 16..1024" in editor.notes("resources.max_goroutines")
        assert "✖1" in editor.section_badges("resources")
        assert "1 error" in editor.header()
        assert "modified" in editor.header()
        await editor.type_into("resources.max_goroutines", "200")
        assert "✔ ok" in editor.head("resources.max_goroutines")
        assert "no findings" in editor.header()


async def test_text_that_does_not_parse_is_shown_and_not_written(
    open_editor: OpenEditor, workspace
):
    workspace.write("work/repo/app", PROJECT)
    async with open_editor() as editor:
        row = await editor.type_into("resources.max_goroutines", "lots")
        assert row.has_class("-invalid")
        assert "✖ invalid" in editor.head("resources.max_goroutines")
        assert "not a whole number" in editor.notes("resources.max_goroutines")
        assert editor.app.session.target_value("resources.max_goroutines") == 64
        assert not editor.app.session.modified
        await editor.pilot.press("backspace", "backspace", "backspace", "backspace")
        await editor.pilot.press("3", "2")
        assert not row.has_class("-invalid")
        assert editor.app.session.target_value("resources.max_goroutines") == 32


async def test_editing_a_key_an_env_variable_decides_says_so(
    open_editor: OpenEditor, workspace
):
    environ = {"BRUMMER_EVENTBUS_WORKER_POOL_SIZE": "8"}
    async with open_editor(environ=environ) as editor:
        await editor.jump("eventbus.worker_pool_size")
        notes = editor.notes("eventbus.worker_pool_size")
        assert "env at BRUMMER_EVENTBUS_WORKER_POOL_SIZE decides this value" in notes
        await editor.type_into("eventbus.worker_pool_size", "6")
        assert "env wins" in editor.head("eventbus.worker_pool_size")
        assert editor.app.session.target_value("eventbus.worker_pool_size") == 6
        toasts = [n.message for n in editor.app._notifications]
        assert any("does not take effect" in message for message in toasts)


async def test_emptying_a_field_unsets_the_key(open_editor: OpenEditor, workspace):
    workspace.write("work/repo/app", PROJECT)
    async with open_editor() as editor:
        row = await editor.type_into("resources.max_goroutines", "")
        await editor.pilot.press("backspace")
        assert editor.app.session.modified
        assert not row.has_class("-set")
        assert not editor.app.session.document.has("resources.max_goroutines")


async def test_unset_key_inherits_the_value_again(open_editor: OpenEditor, workspace):
    workspace.write("home", "[resources]\nmax_goroutines = 100\n")
    workspace.write("work/repo/app", PROJECT)
    async with open_editor() as editor:
        await editor.jump("resources.max_goroutines")
        await editor.pilot.press("ctrl+n")
        row = editor.row("resources.max_goroutines")
        assert not row.has_class("-set")
        assert row.query_one(Input).value == ""
        assert "from home" in editor.head("resources.max_goroutines")
        assert "# project settings" in editor.app.session.document.text()


async def test_reset_writes_the_default_into_the_target(
    open_editor: OpenEditor, workspace
):
    workspace.write("work/repo/app", PROJECT)
    async with open_editor() as editor:
        await editor.jump("eventbus.block_timeout_ms")
        await editor.pilot.press("ctrl+r")
        row = editor.row("eventbus.block_timeout_ms")
        assert row.has_class("-set")
        assert row.query_one(Input).value == "100"
        assert editor.app.session.target_value("eventbus.block_timeout_ms") == 100


async def test_undo_and_redo_restore_field_and_badges(
    open_editor: OpenEditor, workspace
):
    workspace.write("work/repo/app", PROJECT)
    async with open_editor() as editor:
        await editor.type_into("resources.max_goroutines", "9")
        assert "✖ error" in editor.head("resources.max_goroutines")
        field = editor.row("resources.max_goroutines").query_one(Input)
        await editor.pilot.press("ctrl+z", "ctrl+z")
        assert field.value == "64"
        assert not editor.app.session.modified
        assert "✔ ok" in editor.head("resources.max_goroutines")
        await editor.pilot.press("ctrl+y", "ctrl+y")
        assert field.value == "9"
        assert "✖ error" in editor.head("resources.max_goroutines")


async def test_retyping_a_value_keeps_its_line_and_undoes_in_one_step(
    open_editor: OpenEditor, workspace
):
    path = workspace.write("work/repo/app", PROJECT)
    async with open_editor() as editor:
        await editor.jump("resources.max_goroutines")
        field = editor.row("resources.max_goroutines").query_one(Input)
        field.action_end()
        await editor.pilot.press("backspace", "backspace", "1", "2", "8")
        assert editor.app.session.target_value("resources.max_goroutines") == 128
        await editor.pilot.press("ctrl+z")
        assert field.value == "64"
        assert not editor.app.session.modified
        await editor.pilot.press("ctrl+y", "ctrl+s")
        await editor.pilot.pause()
    assert path.read_text() == PROJECT.replace("= 64", "= 128")


async def test_switch_choice_and_queue_sizes_edit_the_target(
    open_editor: OpenEditor, workspace
):
    async with open_editor() as editor:
        await editor.jump("eventbus.enable_monitoring")
        await editor.pilot.press("space")
        assert editor.row("eventbus.enable_monitoring").query_one(Switch).value is False
        assert editor.app.session.target_value("eventbus.enable_monitoring") is False

        await editor.jump("eventbus.backpressure_strategy")
        await editor.pilot.press("right")
        choice = editor.row("eventbus.backpressure_strategy").query_one(ChoiceField)
        assert choice.value == "drop_newest"
        assert editor.app.session.target_value("eventbus.backpressure_strategy") == (
            "drop_newest"
        )

        await editor.jump("eventbus.queue_sizes")
        await editor.pilot.press("5", "0")
        queues = editor.row("eventbus.queue_sizes").query_one(QueueSizesField)
        assert queues.query(Input).first().value == "50"
        assert editor.app.session.target_value("eventbus.queue_sizes") == [
            50,
            500,
            1000,
        ]
        # Each field keeps its queue's name once typed into (the name used to
        # be the placeholder, gone with the first key).
        labels = [str(label.render()) for label in queues.query(".queue-label")]
        assert labels == ["high", "medium", "low"]


async def test_provenance_follows_focus_and_marks_the_winner(
    open_editor: OpenEditor, workspace
):
    workspace.write("home", "[eventbus]\nworker_pool_size = 12\n")
    workspace.write("work/repo/app", "[eventbus]\nworker_pool_size = 6\n")
    environ = {"BRUMMER_EVENTBUS_WORKER_POOL_SIZE": "8"}
    async with open_editor(environ=environ) as editor:
        await editor.jump("eventbus.worker_pool_size")
        text = editor.provenance()
        assert "provenance eventbus.worker_pool_size" in text
        assert "▶ " in text.splitlines()[1] and "8" in text.splitlines()[1]
        assert "BRUMMER_EVENTBUS_WORKER_POOL_SIZE" in text
        assert "./.brum.toml:2" in text
        assert "~/.brum.toml:2" in text
        assert "--set eventbus.worker_pool_size=8" in text


async def test_a_refresh_leaves_keys_on_their_way_in_the_field(
    open_editor: OpenEditor, workspace
):
    """A reload while typing used to put back the text the session had, so the
    keys still on their way landed in the wrong place (64 -> 12356784)."""
    workspace.write("work/repo/app", PROJECT)
    async with open_editor() as editor:
        row = await editor.jump("resources.max_goroutines")
        field = row.query_one(Input)
        with row.prevent(Input.Changed):  # typed, not yet announced
            field.value = "123"
        editor.screen.refresh_view(force=True)
        assert field.value == "123"
        field.value = "1234"  # now announced
        await editor.pilot.pause()
        assert editor.app.session.target_value("resources.max_goroutines") == 1234


async def test_typing_after_undo_goes_on_at_the_end(open_editor: OpenEditor, workspace):
    """After undo the cursor stayed where it was, so 64 and a 5 gave 654."""
    workspace.write("work/repo/app", PROJECT)
    async with open_editor() as editor:
        row = await editor.type_into("resources.max_goroutines", "9")
        await editor.pilot.press("ctrl+z")
        await editor.pilot.pause()
        await editor.pilot.press("5")
        await editor.pilot.pause()
        assert row.query_one(Input).value == "645"


async def test_a_cleared_field_shows_the_value_it_now_inherits(
    open_editor: OpenEditor, workspace
):
    """The grey text of a field cleared while focused kept the target's old value
    (64 from project) instead of the one that now applies (128 from home)."""
    workspace.write("home", "[resources]\nmax_goroutines = 128\n")
    workspace.write("work/repo/app", PROJECT)
    async with open_editor() as editor:
        row = await editor.jump("resources.max_goroutines")
        row.query_one(Input).action_select_all()
        await editor.pilot.press("backspace")
        await editor.pilot.pause()
        assert row.query_one(Input).placeholder == "128  (from home)"


async def test_a_choice_field_grows_to_a_longer_value(
    open_editor: OpenEditor, workspace
):
    """The field kept the width of the value it first showed, so after `block`
    the longer `drop_oldest` lost its arrow and its place in the list."""
    workspace.write("work/repo/app", '[eventbus]\nbackpressure_strategy = "block"\n')
    async with open_editor(size=(80, 24)) as editor:
        row = await editor.jump("eventbus.backpressure_strategy")
        field = row.query_one(ChoiceField)
        await editor.pilot.press("right")
        await editor.pilot.pause()
        assert field.render().plain == "◀ drop_oldest ▶ 1/4"
        assert field.content_size.width >= len("◀ drop_oldest ▶ 1/4")
