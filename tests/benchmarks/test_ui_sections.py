"""Switching sections: from the highlight to the frame that shows the form.

The clock starts when the arrow key is pressed and stops when the screen has
refreshed with the section: the form built and mounted (on its first visit)
or shown again (later visits), laid out and drawn. Rows below the fold are
mounted after that frame; the time until every row is mounted is reported as
well.
"""

from __future__ import annotations

import statistics
import time

from app.app import BrumConfigApp
from app.screens.main_screen import MainScreen
from app.widgets.form.section_form import SectionForm
from schema.catalogue import SECTIONS
from schema.layers import Sources

ROUNDS = 3
TARGET_MS = 100.0


class TimedScreen(MainScreen):
    """The main screen, timing each switch to the frame that shows it."""

    switch_times: list[tuple[str, bool, float]]
    settle_times: list[float]

    pressed = 0.0
    """When the key that asked for the section was pressed."""

    async def show_section(self, section: str) -> None:
        first = section not in self._panes
        start = self.pressed
        self._pending = (section, first, start)
        await super().show_section(section)
        pane = self._panes[section]
        if first and isinstance(pane, SectionForm):
            # Waiting here would hold up the refresh that mounts the rest.
            self.run_worker(self._settled(pane, start))

    def _compositor_refresh(self) -> None:
        super()._compositor_refresh()
        pending = getattr(self, "_pending", None)
        if pending is not None and self._panes.get(pending[0]) is not None:
            section, first, start = pending
            if self._panes[section].display:
                self.switch_times.append((section, first, time.perf_counter() - start))
                self._pending = None

    async def _settled(self, form: SectionForm, start: float) -> None:
        await form.row(form.rows[0].setting.key)
        self.settle_times.append(time.perf_counter() - start)


class TimedApp(BrumConfigApp):
    def __init__(self, sources: Sources) -> None:
        super().__init__(sources)
        self.main_screen = TimedScreen(self.session)
        self.main_screen.switch_times = []
        self.main_screen.settle_times = []


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f} ms" if values else "-"


async def test_switching_sections_within_target(sample: Sources) -> None:
    app = TimedApp(sample)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for _ in range(ROUNDS):
            for key in ["down"] * len(SECTIONS) + ["up"] * len(SECTIONS):
                app.main_screen.pressed = time.perf_counter()
                await pilot.press(key)
                await pilot.pause(0.05)
    screen = app.main_screen
    times = [t for _, _, t in screen.switch_times]
    first = [t for _, is_first, t in screen.switch_times if is_first]
    again = [t for _, is_first, t in screen.switch_times if not is_first]
    print(
        f"\nsection switch to its frame: median {_ms(times)} over {len(times)}"
        f" switches (target < {TARGET_MS:.0f} ms); first visits {_ms(first)}"
        f" (max {max(first) * 1000:.0f} ms), later visits {_ms(again)};"
        f" every row of a first visit mounted after {_ms(screen.settle_times)}"
    )
    assert len(first) == len(SECTIONS)
