"""Key press to updated badges, and switching sections, on the sample tree.

Two clocks run for every key press. The handler clock times the editor's own
work for one typed character: parsing and writing it into the target through
the session, evaluating every layer with every rule, and updating the row,
the section list and the header. The round-trip clock times the whole press
through Textual's pilot, next to the same press in an app holding a single
`Input`, so Textual's own share shows as the baseline.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from textual.app import App, ComposeResult
from textual.widgets import Input

from app.app import BrumConfigApp
from app.screens.main_screen import MainScreen
from app.widgets.form.setting_row import SettingRow
from schema.layers import Sources
from schema.session import Session

PRESSES = 60
KEY = "eventbus.block_timeout_ms"
TARGET_MS = 16.0


class TimedScreen(MainScreen):
    """The main screen, timing its handling of each edit."""

    handler_times: list[float]

    def on_setting_row_changed(self, event: SettingRow.Changed) -> None:
        start = time.perf_counter()
        super().on_setting_row_changed(event)
        self.handler_times.append(time.perf_counter() - start)


class TimedApp(BrumConfigApp):
    def __init__(self, sources: Sources) -> None:
        super().__init__(sources)
        self.main_screen = TimedScreen(self.session)
        self.main_screen.handler_times = []


class OneInput(App[None]):
    def compose(self) -> ComposeResult:
        yield Input()


async def _press_times(app: App[Any], focus: Callable[[], Any]) -> list[float]:
    times = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await focus()
        await pilot.pause()
        for index in range(PRESSES):
            key = "backspace" if index % 2 else "7"
            start = time.perf_counter()
            await pilot.press(key)
            times.append(time.perf_counter() - start)
    return times


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.1f} ms"


async def test_key_press_updates_badges_within_a_frame(sample: Sources) -> None:
    app = TimedApp(sample)

    async def focus_row() -> None:
        await app.main_screen.jump_to_setting(KEY)

    async def focus_input() -> None:
        baseline_app.query_one(Input).focus()

    baseline_app = OneInput()
    ours = await _press_times(app, focus_row)
    baseline = await _press_times(baseline_app, focus_input)
    handler = app.main_screen.handler_times
    print(
        f"\nkey press in {KEY}: handler median {_ms(handler)}"
        f" (p90 {sorted(handler)[int(len(handler) * 0.9)] * 1000:.1f} ms,"
        f" target < {TARGET_MS:.0f} ms); round trip {_ms(ours)},"
        f" one-Input app {_ms(baseline)},"
        f" ratio {statistics.median(ours) / statistics.median(baseline):.2f}"
    )
    assert len(handler) == PRESSES


def test_session_share_of_a_key_press(sample: Sources) -> None:
    session = Session(sample)
    edits, refreshes = [], []
    for index in range(PRESSES):
        start = time.perf_counter()
        session.set_text(KEY, str(250 + index))
        edits.append(time.perf_counter() - start)
        start = time.perf_counter()
        session.refresh()
        refreshes.append(time.perf_counter() - start)
    # Edits of one key fold into one operation; alternate two keys so that
    # undo has a stack of PRESSES operations to take back.
    for index in range(PRESSES):
        other = "resources.max_goroutines" if index % 2 else KEY
        session.set_text(other, str(100 + index))
    undos = []
    for _ in range(PRESSES):
        start = time.perf_counter()
        session.undo()
        undos.append(time.perf_counter() - start)
    print(
        f"\nschema side: Session.set_text median {_ms(edits)},"
        f" Session.refresh median {_ms(refreshes)},"
        f" undo median {_ms(undos)} over a stack of {PRESSES + 1} edits"
    )
