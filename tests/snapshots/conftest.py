"""Hermetic snapshots: the sample tree, a frozen cursor, a fixed core count."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input

from app.screenshots import CPU_CORES, sample_sources
from schema import catalogue
from schema.layers import Sources


@pytest.fixture(autouse=True)
def frozen_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep the text cursor shown: a blink would make snapshots flaky."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)


@pytest.fixture(autouse=True)
def fixed_cores(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Compute the goroutine default as on the screenshots' core count."""
    monkeypatch.setattr(os, "cpu_count", lambda: CPU_CORES)
    catalogue._catalogue.cache_clear()
    yield
    monkeypatch.undo()
    catalogue._catalogue.cache_clear()


@pytest.fixture
def sample(tmp_path: Path) -> Sources:
    """The realistic sample tree, copied into a temporary directory."""
    return sample_sources(tmp_path)
