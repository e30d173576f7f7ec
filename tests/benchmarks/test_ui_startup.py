"""Start-up of the editor against a minimal Textual app, in the same run.

Both are started as fresh processes, alternately, so that machine noise hits
them alike: once with the interpreter itself, once through `uv run` as a
person starts the editor (uv's own start-up then counts for both). The clock
runs from starting the process to the app's `Ready` event, which Textual
sends once the first frame has been drawn: for the editor, the header, the
section list and the first section's form with its values and badges. Both
then exit at once.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest

from schema.layers import Sources

ROOT = Path(__file__).parents[2]
RUNS = 15
TARGET = 1.3
SIZE = "(120, 40)"

READY = """
import os
def on_ready(self):
    os.write(1, b"ready\\n")
    self.exit()
"""

BASELINE = (
    READY
    + f"""
from textual.app import App
from textual.widgets import Static

class Minimal(App):
    def compose(self):
        yield Static("brum-config")
    on_ready = on_ready

Minimal().run(headless=True, size={SIZE})
"""
)


SKELETON = (
    READY
    + f"""
from textual.app import App
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Input, OptionList, Static, Switch

class Skeleton(App):
    BINDINGS = [Binding(key, "bell", key) for key in
                ("ctrl+s", "ctrl+z", "ctrl+t", "ctrl+o", "ctrl+f", "ctrl+l", "f1")]
    CSS = "OptionList {{ width: 22; }} #provenance {{ height: 10; }}"

    def compose(self):
        yield Static("header")
        with Horizontal():
            yield OptionList(*[f"section {{i}}\\n  ok" for i in range(12)])
            with Vertical():
                with VerticalScroll():
                    yield Static("[section] documentation")
                    for i in range(6):
                        with Vertical():
                            yield Static(f"key {{i}}  from default  ok")
                            yield Switch() if i == 5 else Input(str(i), compact=True)
                            yield Static("documentation\\ndefault 10 · >= 1")
                yield Static("provenance\\n" * 8, id="provenance")
        yield Footer(compact=True)
    on_ready = on_ready

Skeleton().run(headless=True, size={SIZE})
"""
)
"""The editor's first frame without the editor: the same kinds and number of
widgets (37) with no configuration behind them. It shows how much of the
editor's start-up is Textual drawing that many widgets at all."""


def _editor_script(sources: Sources) -> str:
    return (
        READY
        + f"""
from pathlib import Path
import app.cli
from schema.layers import Sources
from app.app import BrumConfigApp

class Timed(BrumConfigApp):
    on_ready = on_ready

sources = Sources(Path({str(sources.cwd)!r}), Path({str(sources.home)!r}),
                  {dict(sources.environ)!r})
Timed(sources).run(headless=True, size={SIZE})
"""
    )


def _time_to_ready(launcher: list[str], script: Path, cwd: Path) -> float:
    start = time.perf_counter()
    with subprocess.Popen(
        [*launcher, str(script)], cwd=cwd, stdout=subprocess.PIPE
    ) as process:
        assert process.stdout is not None
        line = process.stdout.readline()
        elapsed = time.perf_counter() - start
        process.stdout.read()
    assert line == b"ready\n", "the app did not report its first frame"
    return elapsed


LAUNCHERS = {
    "python": [sys.executable],
    "uv run": ["uv", "run", "--project", str(ROOT), "python"],
}
"""The interpreter itself, and `uv run` as a person starts the editor."""


@pytest.mark.parametrize("launcher", LAUNCHERS)
def test_editor_first_frame_against_minimal_app(
    sample: Sources, tmp_path: Path, launcher: str
) -> None:
    editor = tmp_path / "editor.py"
    editor.write_text(_editor_script(sample))
    minimal = tmp_path / "minimal.py"
    minimal.write_text(BASELINE)
    skeleton = tmp_path / "skeleton.py"
    skeleton.write_text(SKELETON)
    command = LAUNCHERS[launcher]
    times: dict[Path, list[float]] = {minimal: [], skeleton: [], editor: []}
    for _ in range(RUNS):
        for script, runs in times.items():
            runs.append(_time_to_ready(command, script, sample.cwd))
    baseline, floor, mine = (statistics.median(runs) for runs in times.values())
    print(
        f"\nstarted with {launcher}: editor first frame median {mine * 1000:.0f} ms;"
        f" minimal Textual app {baseline * 1000:.0f} ms;"
        f" ratio {mine / baseline:.2f} (target <= {TARGET});"
        f" the same widgets without the editor {floor * 1000:.0f} ms"
        f" ({floor / baseline:.2f}); {RUNS} runs each"
    )
