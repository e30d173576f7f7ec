"""The realistic sample tree the UI benchmarks run on."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from schema.layers import Sources

SAMPLE = Path(__file__).parents[1] / "data" / "sample"
"""home/, work/ (a parent) and work/proj/ (the project), plus `environ`."""


def sample_environ() -> dict[str, str]:
    """The environment variables of the sample, from its `environ` file."""
    lines = (SAMPLE / "environ").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line.strip())


@pytest.fixture
def sample(tmp_path: Path) -> Sources:
    """Copy the sample tree into a temporary directory; return its sources."""
    root = tmp_path / "sample"
    shutil.copytree(SAMPLE, root)
    return Sources(
        cwd=root / "work" / "proj", home=root / "home", environ=sample_environ()
    )
