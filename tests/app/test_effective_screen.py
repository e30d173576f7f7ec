"""The effective configuration: every key with value and origin, and its filters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.screens.effective_screen import EffectiveScreen
from app.widgets.effective_table import EffectiveTable
from app.widgets.form.setting_row import SettingRow
from schema.catalogue import all_settings

if TYPE_CHECKING:
    from tests.app.conftest import Editor, OpenEditor

HOME = """\
[resources]
max_goroutines = 300
memory_limit_mb = 256
"""

PROJECT = """\
[resources]
max_goroutines = 64

[debugging]
stack_trace_depth = 0
"""

ENV = {"BRUMMER_EVENTBUS_WORKER_POOL_SIZE": "8"}


async def _open_effective(editor: Editor) -> EffectiveScreen:
    editor.app.animation_level = "none"  # the tabs' underline would slide
    await editor.pilot.press("ctrl+l")
    screen = editor.app.screen
    assert isinstance(screen, EffectiveScreen)
    return screen


def _keys(screen: EffectiveScreen) -> list[str]:
    table = screen.query_one(EffectiveTable)
    return [str(row.key.value) for row in table.ordered_rows]


def _cells(screen: EffectiveScreen, key: str) -> list[str]:
    table = screen.query_one(EffectiveTable)
    return [str(cell) for cell in table.get_row(key)]


async def test_every_setting_is_listed_with_value_and_origin(
    open_editor: OpenEditor, workspace
):
    workspace.write("home", HOME)
    workspace.write("work/repo/app", PROJECT)
    async with open_editor(environ=ENV) as editor:
        screen = await _open_effective(editor)
        keys = _keys(screen)
        assert keys[: len(all_settings())] == [s.key for s in all_settings()]
        assert _cells(screen, "resources.max_goroutines") == [
            "resources.max_goroutines",
            "project",
            "64",
            "home 300",
            "",
            "./.brum.toml:2",
        ]
        env = _cells(screen, "eventbus.worker_pool_size")
        assert env[1:3] == ["env", "8"]
        assert env[-1] == "BRUMMER_EVENTBUS_WORKER_POOL_SIZE"


async def test_filters_show_set_shadowed_and_findings(
    open_editor: OpenEditor, workspace
):
    workspace.write("home", HOME)
    workspace.write("work/repo/app", PROJECT)
    async with open_editor(environ=ENV) as editor:
        screen = await _open_effective(editor)
        await editor.pilot.press("2")
        await editor.pilot.pause()
        assert sorted(_keys(screen)) == [
            "debugging.stack_trace_depth",
            "eventbus.worker_pool_size",
            "resources.max_goroutines",
            "resources.memory_limit_mb",
        ]
        await editor.pilot.press("3")
        await editor.pilot.pause()
        assert _keys(screen) == ["resources.max_goroutines"]
        await editor.pilot.press("4")
        await editor.pilot.pause()
        assert _keys(screen) == ["debugging.stack_trace_depth"]
        assert "✖ range" in _cells(screen, "debugging.stack_trace_depth")[4]
        tabs = [str(tab.label) for tab in screen.query("Tab")]
        assert tabs[1:] == ["Set outside defaults 4", "Shadowed 1", "With findings 1"]


async def test_choosing_a_row_jumps_to_the_setting(open_editor: OpenEditor, workspace):
    workspace.write("work/repo/app", PROJECT)
    async with open_editor() as editor:
        screen = await _open_effective(editor)
        await editor.pilot.press("4", "enter")
        await editor.pilot.pause(0.2)
        assert editor.app.screen is not screen
        focused = editor.app.focused
        assert focused is not None
        row = next(a for a in focused.ancestors_with_self if isinstance(a, SettingRow))
        assert row.setting.key == "debugging.stack_trace_depth"


async def test_columns_fit_their_cells_in_a_narrow_terminal(
    open_editor: OpenEditor, workspace
):
    workspace.write("work/repo/app", PROJECT)
    async with open_editor(size=(80, 24)) as editor:
        screen = await _open_effective(editor)
        assert _keys(screen)[0] == "resources.max_goroutines"
        shown = editor.app.export_screenshot().replace("&#160;", " ")
        assert "resources.max_goroutines" in shown
        # The layer stood after the value and was cut to "fro" at 80 columns.
        assert "from" in shown
