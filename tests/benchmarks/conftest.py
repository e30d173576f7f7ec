"""The realistic sample tree the UI benchmarks run on."""

from __future__ import annotations

import compileall
import shutil
import sysconfig
from pathlib import Path

import pytest

from schema.layers import Sources

ROOT = Path(__file__).parents[2]
SAMPLE = ROOT / "tests" / "data" / "sample"
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


@pytest.fixture(scope="session", autouse=True)
def compiled_bytecode() -> None:
    """Compile the environment and the project to bytecode, as installs do.

    This machine sets PYTHONDONTWRITEBYTECODE, so without this every process
    would compile each module it imports, the baselines' Textual included.
    `uv sync --compile-bytecode` and `uv tool install --compile-bytecode` do
    the same at install time.
    """
    for directory in (sysconfig.get_paths()["purelib"], ROOT / "schema", ROOT / "app"):
        compileall.compile_dir(directory, quiet=1)
