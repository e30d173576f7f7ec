"""Regenerate `screenshots/*.svg`: `uv run python -m app.screenshots`.

The editor is driven with Textual's pilot on a copy of `tests/data/sample` (a
home file, one parent, a project file with comments, two environment
variables and one bad value). Paths are shown relative to the project and
home, the machine-dependent default of `resources.max_goroutines` is
computed as on an eight-core machine and text cursors do not blink, so the
files come out the same on any machine and in any temporary directory.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

from textual.pilot import Pilot

from schema.layers import Sources

__all__ = ["SAMPLE", "SCREENSHOTS", "main", "sample_sources"]

ROOT = Path(__file__).parents[1]
SAMPLE = ROOT / "tests" / "data" / "sample"
"""home/, work/ (a parent) and work/proj/ (the project), plus `environ`."""

SCREENSHOTS = ROOT / "screenshots"
"""Where the SVG files go."""

CPU_CORES = 8
"""The core count the screenshots' computed default is shown for."""

Steps = Callable[[Pilot[object]], Awaitable[None]]


def sample_sources(directory: Path) -> Sources:
    """Copy the sample tree into `directory` and return its sources.

    Args:
        directory: An empty directory.

    Returns:
        The project, home and environment of the copy.
    """
    root = directory / "sample"
    shutil.copytree(SAMPLE, root)
    lines = (SAMPLE / "environ").read_text(encoding="utf-8").splitlines()
    environ = dict(line.split("=", 1) for line in lines if line.strip())
    return Sources(cwd=root / "work" / "proj", home=root / "home", environ=environ)


@dataclass(frozen=True)
class Shot:
    """One screenshot: its file name, terminal size and what to do first."""

    name: str
    size: tuple[int, int]
    steps: Steps


async def _nothing(pilot: Pilot[object]) -> None:
    await pilot.pause()


async def _provenance(pilot: Pilot[object]) -> None:
    await _jump(pilot, "eventbus.worker_pool_size")


async def _editing(pilot: Pilot[object]) -> None:
    await _jump(pilot, "process_manager.startup_timeout_ms")
    await pilot.press("ctrl+a", "ctrl+k", *"9000000")
    await _jump(pilot, "process_manager.max_concurrent_starts")
    await pilot.press("ctrl+a", "ctrl+k", *"ten")
    await pilot.pause()


async def _findings(pilot: Pilot[object]) -> None:
    await pilot.press("end")
    await pilot.pause()


async def _target(pilot: Pilot[object]) -> None:
    await pilot.press("ctrl+t")
    await pilot.pause()


async def _palette(pilot: Pilot[object]) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*"persist")
    await pilot.pause(0.5)


async def _save_with_errors(pilot: Pilot[object]) -> None:
    await _jump(pilot, "resources.memory_limit_mb")
    await pilot.press(*"2048", "ctrl+s")
    await pilot.pause()


async def _template_preview(pilot: Pilot[object]) -> None:
    pilot.app.main_screen.action_show_preview("production")  # type: ignore[attr-defined]
    await pilot.pause()
    await pilot.press("down", "space")  # leave one row out


async def _all_findings(pilot: Pilot[object]) -> None:
    await pilot.press("ctrl+f")


async def _effective(pilot: Pilot[object]) -> None:
    await pilot.press("ctrl+l", "3")


async def _reload_conflict(pilot: Pilot[object]) -> None:
    """An unsaved edit, then the same key changed on disk by someone else."""
    from app.dialogs.reload_conflict_dialog import ReloadConflictDialog

    app = pilot.app
    await app.live_reload.ready.wait()  # type: ignore[attr-defined]
    session = app.session  # type: ignore[attr-defined]
    session.set_values(
        {"resources.max_goroutines": 96, "eventbus.block_timeout_ms": 300}
    )
    path = session.target.path
    path.write_text(path.read_text().replace("= 64", "= 128").replace("= 250", "= 400"))
    for _ in range(100):
        if isinstance(app.screen, ReloadConflictDialog):
            break
        await pilot.pause(0.05)
    app.clear_notifications()
    await pilot.press("enter")  # "mine" for the first key, still to confirm


async def _jump(pilot: Pilot[object], key: str) -> None:
    await pilot.app.main_screen.jump_to_setting(key)  # type: ignore[attr-defined]
    await pilot.pause()


SHOTS = (
    Shot("main", (120, 36), _nothing),
    Shot("main-80x24", (80, 24), _nothing),
    Shot("provenance", (160, 44), _provenance),
    Shot("editing", (120, 36), _editing),
    Shot("findings", (120, 36), _findings),
    Shot("target", (100, 30), _target),
    Shot("palette", (100, 30), _palette),
    Shot("save-with-errors", (100, 30), _save_with_errors),
    Shot("template-preview", (130, 36), _template_preview),
    Shot("findings-screen", (110, 30), _all_findings),
    Shot("effective", (120, 30), _effective),
    Shot("reload-conflict", (110, 32), _reload_conflict),
)
"""Every screenshot, in the order the README shows them."""


async def _take(shot: Shot, directory: Path) -> Path:
    from app.app import BrumConfigApp

    app = BrumConfigApp(sample_sources(directory))
    async with app.run_test(size=shot.size) as pilot:
        await pilot.pause()
        await shot.steps(pilot)
        await pilot.pause()
        return Path(app.save_screenshot(f"{shot.name}.svg", str(SCREENSHOTS)))


async def _take_all() -> list[Path]:
    taken = []
    for shot in SHOTS:
        with tempfile.TemporaryDirectory() as directory:
            taken.append(await _take(shot, Path(directory)))
    return taken


def _freeze_cursor() -> None:
    """Keep text cursors shown: a blink would make the files differ run to run."""
    from textual.widgets import Input

    Input._toggle_cursor = lambda self: None  # type: ignore[method-assign]


def _fix_cpu_cores() -> None:
    """Compute the goroutine default as on `CPU_CORES` cores, before loading."""
    os.cpu_count = lambda: CPU_CORES
    from schema import catalogue

    catalogue._catalogue.cache_clear()


def main() -> int:
    """Write every screenshot.

    Returns:
        The exit code, 0.
    """
    _fix_cpu_cores()
    _freeze_cursor()
    SCREENSHOTS.mkdir(exist_ok=True)
    for path in asyncio.run(_take_all()):
        _report(f"wrote {path.relative_to(ROOT)}\n")
    return 0


def _report(text: str) -> None:
    """Report progress on stdout (the module is a command; `print` is not used)."""
    import sys

    sys.stdout.write(text)


if __name__ == "__main__":
    raise SystemExit(main())
