"""The template preview: rows, effects, the diff, applying part of a template."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events
from textual.widgets import Input

from app.dialogs.confirm_dialog import ConfirmDialog
from app.screens.preview_screen import PreviewScreen
from app.widgets.diff_view import DiffView
from app.widgets.preview_list import PreviewList
from schema.preview import preview

if TYPE_CHECKING:
    from tests.app.conftest import Editor, OpenEditor

PROJECT = """\
# Brummer settings for this project.

[resources]
# Many watchers in the dev server.
max_goroutines = 64  # tuned by hand

[eventbus]
block_timeout_ms = 250  # the CI runners are slow
"""

ENV = {"BRUMMER_EVENTBUS_WORKER_POOL_SIZE": "8"}


async def _open_preview(editor: Editor, source: str = "production") -> PreviewScreen:
    """Open the preview as the palette does, comparing `source`."""
    editor.screen.action_show_preview(source)
    await editor.pilot.pause()
    screen = editor.app.screen
    assert isinstance(screen, PreviewScreen)
    return screen


def _prompts(screen: PreviewScreen) -> list[str]:
    rows = screen.query_one(PreviewList)
    return [str(rows.get_option_at_index(i).prompt) for i in range(rows.option_count)]


async def test_rows_show_the_same_lines_as_show_diff(
    open_editor: OpenEditor, workspace
):
    workspace.write("work/repo/app", PROJECT)
    async with open_editor(environ=ENV) as editor:
        screen = await _open_preview(editor)
        expected = preview(editor.app.session, "production")
        assert _prompts(screen) == [row.format() for row in expected.rows]
        shown = "\n".join(_prompts(screen))
        assert "resources.max_goroutines: 64 (project) -> 128" in shown
        assert '-> "auto"  [no effect: env wins]' in shown
        assert "production" in str(screen.query_one("#preview-title").render())


async def test_taking_some_rows_applies_them_and_keeps_comments(
    open_editor: OpenEditor, workspace
):
    path = workspace.write("work/repo/app", PROJECT)
    async with open_editor(environ=ENV) as editor:
        screen = await _open_preview(editor)
        rows = screen.query_one(PreviewList)
        await editor.pilot.press("n")  # leave every row out
        rows.select("resources.max_goroutines")
        rows.select("log_store.max_entries")
        await editor.pilot.pause()
        diff = screen.query_one(DiffView).text
        assert "-max_goroutines = 64  # tuned by hand" in diff
        assert "+max_goroutines = 128  # tuned by hand" in diff
        assert "+max_entries = 20000" in diff
        assert "queue_sizes" not in diff

        await editor.pilot.press("ctrl+y")
        await editor.pilot.pause()
        assert editor.app.screen is not screen
        assert editor.app.session.modified
        assert path.read_text() == PROJECT  # applied as edits, not saved

        assert "modified" in editor.header()
        await editor.pilot.press("ctrl+z")  # one step takes back every row
        await editor.pilot.pause()
        assert not editor.app.session.modified
        await editor.pilot.press("ctrl+y")  # and one brings them back
        await editor.pilot.pause()
        assert editor.app.session.target_value("log_store.max_entries") == 20000
        await editor.pilot.press("ctrl+s")
        await editor.pilot.pause()
    assert path.read_text() == PROJECT.replace("= 64", "= 128") + (
        "\n[log_store]\nmax_entries = 20000\n"
    )


async def test_findings_the_values_raise_are_shown_and_asked_about(
    open_editor: OpenEditor, workspace
):
    workspace.write("work/repo/app", PROJECT)
    other = workspace.write("elsewhere", "[resources]\nmax_goroutines = 5000\n")
    async with open_editor() as editor:
        screen = await _open_preview(editor, str(other))
        notes = str(screen.query_one("#preview-notes").render())
        assert "Findings these values raise" in notes
        assert "resources.max_goroutines" in notes
        await editor.pilot.press("ctrl+y")
        await editor.pilot.pause()
        assert isinstance(editor.app.screen, ConfirmDialog)
        await editor.pilot.press("escape")
        await editor.pilot.pause()
        assert editor.app.screen is screen
        assert not editor.app.session.modified


async def test_unknown_template_is_reported_and_the_preview_stays(
    open_editor: OpenEditor, workspace
):
    workspace.write("work/repo/app", PROJECT)
    async with open_editor() as editor:
        screen = await _open_preview(editor, "testing")
        before = _prompts(screen)
        await editor.pilot.press("ctrl+o")
        screen.query_one(Input).value = "staging"
        await editor.pilot.press("enter")
        await editor.pilot.pause()
        assert editor.app.screen is screen
        assert screen.source == "testing"
        assert _prompts(screen) == before
        assert any("no such template" in n.message for n in editor.app._notifications)
        # The field used to keep "staging" over the rows of testing.
        assert screen.query_one(Input).value == "testing"

        field = screen.query_one(Input)
        field.value = "dev"
        await editor.pilot.press("enter")
        await editor.pilot.pause()
        assert screen.source == "dev"
        assert "development" in str(screen.query_one("#preview-title").render())


async def test_key_opens_the_first_template_and_escape_applies_nothing(
    open_editor: OpenEditor, workspace
):
    workspace.write("work/repo/app", PROJECT)
    async with open_editor() as editor:
        await editor.pilot.press("ctrl+o")
        screen = editor.app.screen
        assert isinstance(screen, PreviewScreen)
        assert screen.source == "development"
        await editor.pilot.press("escape")
        await editor.pilot.pause()
        assert editor.app.screen is editor.screen
        assert not editor.app.session.modified


async def test_command_palette_opens_a_template_preview(
    open_editor: OpenEditor, workspace
):
    workspace.write("work/repo/app", PROJECT)
    async with open_editor() as editor:
        await editor.pilot.press("ctrl+p")
        editor.app.screen.query_one(Input).value = "preview testing"
        await editor.pilot.pause(0.3)
        await editor.pilot.press("enter")
        await editor.pilot.pause()
        screen = editor.app.screen
        assert isinstance(screen, PreviewScreen)
        assert screen.source == "testing"


async def test_a_wrapped_row_has_one_tick_box_and_the_rows_below_their_own(
    open_editor: OpenEditor, workspace
):
    """At 80 columns a wrapped row got a second box on its next line, and every
    row below it showed the tick of the row above it."""
    workspace.write("work/repo/app", PROJECT)
    async with open_editor(environ=ENV, size=(80, 24)) as editor:
        screen = await _open_preview(editor)
        rows = screen.query_one(PreviewList)
        await editor.pilot.press("n")
        keys = [rows.get_option_at_index(i).value for i in range(rows.option_count)]
        wrapped = next(i for i, (index, offset) in enumerate(rows._lines) if offset)
        below = rows._lines[wrapped][0] + 1
        rows.select(keys[below])
        await editor.pilot.pause()
        lines = [rows.render_line(y) for y in range(rows.content_size.height)]
        texts = [line.text for line in lines]
        assert not texts[wrapped].startswith("▐")  # the continuation has no box
        first = next(y for y, (i, offset) in enumerate(rows._lines) if i == below)
        ticked = rows.get_component_rich_style("selection-list--button-selected")
        assert list(lines[first])[1].style.bgcolor == ticked.bgcolor
        assert list(lines[first - 1])[1].style.bgcolor != ticked.bgcolor


async def test_space_typed_ahead_takes_the_row_it_was_pressed_on(
    open_editor: OpenEditor, workspace
):
    """Space, down, space, down in one burst toggled the rows below the ones the
    spaces were pressed on (or cancelled out)."""
    workspace.write("work/repo/app", PROJECT)
    async with open_editor(environ=ENV) as editor:
        screen = await _open_preview(editor)
        rows = screen.query_one(PreviewList)
        rows.focus()
        await editor.pilot.press("n")
        rows.highlighted = 0
        await editor.pilot.pause()
        for key in ("space", "down", "space", "down"):
            editor.app.post_message(events.Key(key, " " if key == "space" else None))
        await editor.pilot.pause(0.3)
        keys = [rows.get_option_at_index(i).value for i in range(2)]
        assert sorted(rows.selected) == sorted(keys)
        assert rows.highlighted == 2
