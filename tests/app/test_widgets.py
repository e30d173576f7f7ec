"""The form's widgets on their own, in a harness app that records their messages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.message import Message
from textual.widget import Widget

from app.session_view import SessionView
from app.widgets.form.choice_field import ChoiceField
from app.widgets.form.queue_sizes_field import QueueSizesField
from app.widgets.form.setting_row import SettingRow
from schema.catalogue import get_setting
from schema.layers import Sources
from schema.session import Session


class Harness(App[None]):
    """Mounts one widget and records the messages it posts."""

    def __init__(self, widget: Widget) -> None:
        super().__init__()
        self.widget = widget
        self.messages: list[Message] = []

    def compose(self) -> ComposeResult:
        yield self.widget

    def on_choice_field_changed(self, message: ChoiceField.Changed) -> None:
        self.messages.append(message)

    def on_queue_sizes_field_changed(self, message: QueueSizesField.Changed) -> None:
        self.messages.append(message)

    def on_setting_row_changed(self, message: SettingRow.Changed) -> None:
        self.messages.append(message)


def _payloads(app: Harness) -> list[Any]:
    return [getattr(m, "value", None) or getattr(m, "text", None) for m in app.messages]


async def test_choice_field_steps_through_choices_and_wraps():
    app = Harness(ChoiceField(("a", "b", "c"), "c"))
    async with app.run_test() as pilot:
        app.widget.focus()
        await pilot.press("right", "right", "left", "left")
        assert _payloads(app) == ["a", "b", "a", "c"]
        assert all(m.control is app.widget for m in app.messages)


async def test_choice_field_keeps_a_value_that_is_not_allowed():
    app = Harness(ChoiceField(("a", "b"), "zzz"))
    async with app.run_test() as pilot:
        app.widget.focus()
        await pilot.press("left")
        assert _payloads(app) == ["b"]
        assert app.widget.choices == ("a", "b")


async def test_queue_sizes_field_fills_empty_fields_from_inherited_sizes():
    app = Harness(QueueSizesField(None, [100, 500, 1000]))
    async with app.run_test() as pilot:
        app.widget.focus_first()
        await pilot.press("5", "0")
        assert _payloads(app)[-1] == "50,500,1000"
        await pilot.press("backspace", "backspace")
        assert app.messages[-1].text == ""


async def test_setting_row_posts_only_what_the_person_types(tmp_path: Path):
    sources = Sources(cwd=tmp_path, home=tmp_path / "home", environ={})
    (tmp_path / ".brum.toml").write_text("[resources]\nmax_goroutines = 64\n")
    view = SessionView(Session(sources))
    setting = get_setting("resources.max_goroutines")
    assert setting is not None
    row = SettingRow(setting, view.row_state(setting.key), view)
    app = Harness(row)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.messages == []
        row.show_state(view.row_state(setting.key), force=True)
        await pilot.pause()
        assert app.messages == []
        row.focus_editor()
        await pilot.press("1", "2")
        assert _payloads(app) == ["1", "12"]
        assert all(m.key == "resources.max_goroutines" for m in app.messages)
