"""Start-up of a headless command against a bare pydantic + tomlkit import.

Run with the README's benchmark command. The project's own modules are
compiled to bytecode first, as an installed copy is (`uv` compiles at install
time; this machine sets PYTHONDONTWRITEBYTECODE, so nothing else would), and
both commands are run alternately so that machine noise hits them alike.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

from schema.configuration import load_configuration
from schema.export import render_effective
from schema.layers import Sources

ROOT = Path(__file__).parents[2]
RUNS = 25
TARGET = 1.5
BASELINE = [sys.executable, "-c", "import tomlkit; from pydantic import BaseModel"]


def _realistic_file(directory: Path) -> Path:
    """Every setting, documented: about 600 lines, as a fully commented file."""
    resolution = load_configuration(Sources(directory, directory, {}))
    path = directory / "documented.toml"
    path.write_text(render_effective(resolution, with_docs=True))
    return path


def _time(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def test_validate_config_starts_within_target_of_baseline(tmp_path: Path) -> None:
    path = _realistic_file(tmp_path)
    ours = [
        str(Path(sys.executable).parent / "brum-config"),
        "--validate-config",
        str(path),
    ]
    baseline_times, our_times = [], []
    for _ in range(RUNS):
        baseline_times.append(_time(BASELINE, tmp_path))
        our_times.append(_time(ours, tmp_path))
    baseline = statistics.median(baseline_times)
    mine = statistics.median(our_times)
    ratio = mine / baseline
    print(
        f"\n--validate-config on {len(path.read_text().splitlines())} lines:"
        f" median {mine * 1000:.0f} ms; baseline {baseline * 1000:.0f} ms;"
        f" ratio {ratio:.2f} (target <= {TARGET}); {RUNS} runs each"
    )
    assert ratio <= TARGET
