"""Shared fixtures: an isolated home and project, and the specification's text.

Every test runs with HOME pointing into its own temporary directory and with
that directory as the working directory, so nothing can read or write the real
home or the checkout. Tests that load configurations pass a `Sources` built
from the `workspace` fixture explicitly, never `os.environ`.
"""

from __future__ import annotations

import re
import textwrap
import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from schema.configuration import load_configuration
from schema.layers import CONFIG_NAME, Resolution, Sources

SHARED = Path(__file__).parents[1].parent / "shared"
"""The shared directory beside the checkout: the specification and test data."""

SPEC_PATH = SHARED / "spec" / "brummer-concurrency-config.md"
TOML_TEST = SHARED / "data" / "toml-test"


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point HOME at a temporary directory and work from the temporary root."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(tmp_path)
    yield tmp_path


@dataclass
class Workspace:
    """A temporary home and a project nested two directories below a root.

    Layout::

        root/
          home/                  the home directory
          work/                  a parent of the project
            repo/                a nearer parent
              app/               the project (working directory)
    """

    root: Path
    home: Path
    project: Path

    def write(self, directory: Path | str, text: str) -> Path:
        """Write a `.brum.toml` into `directory` (relative to the root).

        Args:
            directory: Where the file goes.
            text: Its text; dedented, so tests can indent it.

        Returns:
            The file's path.
        """
        folder = self.root / directory
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / CONFIG_NAME
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def sources(
        self,
        environ: Mapping[str, str] | None = None,
        config: str | None = None,
        sets: tuple[str, ...] = (),
        cwd: Path | None = None,
        home: Path | None = None,
    ) -> Sources:
        """Return the sources of this workspace, with everything explicit."""
        return Sources(
            cwd=cwd or self.project,
            home=home or self.home,
            environ=dict(environ or {}),
            config=config,
            sets=sets,
        )

    def load(self, **kwargs: Any) -> Resolution:
        """Load and validate the configuration; see `sources` for arguments."""
        return load_configuration(self.sources(**kwargs))


@pytest.fixture
def workspace(isolated: Path) -> Workspace:
    """Build the workspace; refuse to run beside a stray ancestor file."""
    strays = [p / CONFIG_NAME for p in isolated.parents if (p / CONFIG_NAME).exists()]
    if strays:
        pytest.fail(
            f"{strays} exist(s) above the temporary directory and would be loaded"
            " as parent layers by every test; remove it"
        )
    project = isolated / "work" / "repo" / "app"
    project.mkdir(parents=True)
    return Workspace(isolated, isolated / "home", project)


@dataclass(frozen=True)
class Spec:
    """The parts of the specification the tests compare against."""

    text: str
    example_text: str
    example: dict[str, Any]
    templates: dict[str, str]
    """Template heading word (`development`, ...) -> the block's exact text."""


_TOML_BLOCK = re.compile(r"^```toml\n(.*?)^```", re.MULTILINE | re.DOTALL)
_TEMPLATE_BLOCK = re.compile(
    r"^### (\w+) Template\n\n```toml\n(.*?)^```", re.MULTILINE | re.DOTALL
)


@pytest.fixture(scope="session")
def spec() -> Spec:
    """The specification, read from the shared directory beside the checkout."""
    if not SPEC_PATH.is_file():
        pytest.fail(
            f"the specification is missing: expected it at {SPEC_PATH}"
            " (the shared directory beside this checkout)"
        )
    text = SPEC_PATH.read_text(encoding="utf-8")
    blocks = _TOML_BLOCK.findall(text)
    assert blocks, f"no ```toml block in {SPEC_PATH}"
    templates = {m[1].lower(): m[2] for m in _TEMPLATE_BLOCK.finditer(text)}
    return Spec(text, blocks[0], tomllib.loads(blocks[0]), templates)


@pytest.fixture(scope="session")
def toml_test() -> Path:
    """The TOML 1.0 conformance suite in the shared directory."""
    if not TOML_TEST.is_dir():
        pytest.fail(f"the toml-test suite is missing: expected it at {TOML_TEST}")
    return TOML_TEST
