"""The findings screen: grouped by severity, with layer and line; enter jumps."""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.screens.findings_screen import FindingsScreen
from app.widgets.finding_list import FindingList
from app.widgets.form.setting_row import SettingRow

if TYPE_CHECKING:
    from tests.app.conftest import Editor, OpenEditor

PROJECT = """\
[resources]
max_goroutines = 5000

[eventbus]
worker_pool_sise = 8
"""

ENV = {"BRUMMER_MCP_URL": "http://localhost:7777/mcp"}


async def _open_findings(editor: Editor) -> FindingsScreen:
    await editor.pilot.press("ctrl+f")
    screen = editor.app.screen
    assert isinstance(screen, FindingsScreen)
    return screen


def _lines(screen: FindingsScreen) -> list[str]:
    options = screen.query_one(FindingList).options
    return [str(option.prompt) for option in options]


async def test_findings_are_grouped_by_severity_with_layer_and_line(
    open_editor: OpenEditor, workspace
):
    workspace.write("work/repo/app", PROJECT)
    workspace.write("work", "[eventbus\n")
    async with open_editor(environ=ENV) as editor:
        lines = _lines(await _open_findings(editor))
    headings = [line.strip() for line in lines if "·" in line and "\n" not in line]
    assert [h.split()[1] for h in headings] == ["critical", "error", "warning", "info"]
    text = "\n".join(lines)
    assert text.index("critical") < text.index("toml-syntax") < text.index("error")
    assert "resources.max_goroutines  [range]" in text
    assert "project  ./.brum.toml:2" in text
    assert "eventbus.worker_pool_sise  [unknown-key]" in text
    assert "project  ./.brum.toml:5" in text
    assert "parent  ../../.brum.toml:1" in text


async def test_choosing_a_finding_jumps_to_its_setting(
    open_editor: OpenEditor, workspace
):
    workspace.write("work/repo/app", PROJECT)
    async with open_editor() as editor:
        screen = await _open_findings(editor)
        await editor.pilot.press("enter")  # the first finding: the range error
        await editor.pilot.pause(0.2)
        assert editor.app.screen is not screen
        focused = editor.app.focused
        assert focused is not None
        row = next(a for a in focused.ancestors_with_self if isinstance(a, SettingRow))
        assert row.setting.key == "resources.max_goroutines"


async def test_a_finding_about_a_file_is_shown_in_full(
    open_editor: OpenEditor, workspace
):
    workspace.write("work", "[eventbus\n")
    async with open_editor() as editor:
        screen = await _open_findings(editor)
        await editor.pilot.press("enter")
        await editor.pilot.pause()
        assert editor.app.screen is screen
        messages = [n.message for n in editor.app._notifications]
        assert any("left out until it is fixed" in m for m in messages)


async def test_no_findings_says_so(open_editor: OpenEditor):
    async with open_editor() as editor:
        lines = _lines(await _open_findings(editor))
        assert lines == ["✔ No findings."]
        await editor.pilot.press("escape")
        await editor.pilot.pause()
        assert editor.app.screen is editor.screen
