"""Following layer files: writes, creations, deletions, renames and links."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from schema.watch import WatchTiming, follow_layer_files

FAST = WatchTiming(debounce_ms=30, step_ms=10)


async def _first_change(files: list[Path], action) -> set[Path]:
    stop = asyncio.Event()

    async def collect() -> set[Path]:
        async for changed in follow_layer_files(files, timing=FAST, stop_event=stop):
            return changed
        return set()

    task = asyncio.create_task(collect())
    await asyncio.sleep(0.2)  # let the watcher start
    action()
    try:
        return await asyncio.wait_for(task, timeout=5)
    finally:
        stop.set()


async def test_write_to_a_layer_file_is_reported(tmp_path: Path) -> None:
    layer = tmp_path / ".brum.toml"
    layer.write_text("[eventbus]\n")
    changed = await _first_change([layer], lambda: layer.write_text("[resources]\n"))
    assert changed == {layer}


async def test_a_created_file_is_reported(tmp_path: Path) -> None:
    layer = tmp_path / ".brum.toml"
    changed = await _first_change([layer], lambda: layer.write_text("x = 1\n"))
    assert changed == {layer}


async def test_a_deleted_file_is_reported(tmp_path: Path) -> None:
    layer = tmp_path / ".brum.toml"
    layer.write_text("x = 1\n")
    changed = await _first_change([layer], layer.unlink)
    assert changed == {layer}


async def test_a_file_renamed_into_place_is_reported(tmp_path: Path) -> None:
    layer = tmp_path / ".brum.toml"
    layer.write_text("x = 1\n")
    temporary = tmp_path / "save.tmp"

    def save_like_an_editor() -> None:
        temporary.write_text("x = 2\n")
        os.replace(temporary, layer)

    changed = await _first_change([layer], save_like_an_editor)
    assert changed == {layer}


async def test_other_files_in_the_directory_are_ignored(tmp_path: Path) -> None:
    layer = tmp_path / ".brum.toml"
    other = tmp_path / "notes.txt"

    def touch_both() -> None:
        other.write_text("unrelated\n")
        layer.write_text("x = 1\n")

    changed = await _first_change([layer], touch_both)
    assert changed == {layer}


async def test_a_change_behind_a_symlink_is_reported_as_the_link(
    tmp_path: Path,
) -> None:
    real_dir = tmp_path / "dotfiles"
    real_dir.mkdir()
    real = real_dir / "brum.toml"
    real.write_text("x = 1\n")
    link = tmp_path / ".brum.toml"
    link.symlink_to(real)
    changed = await _first_change([link], lambda: real.write_text("x = 2\n"))
    assert changed == {link}


async def test_no_existing_directory_ends_at_once(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / ".brum.toml"
    seen = [changed async for changed in follow_layer_files([missing], timing=FAST)]
    assert seen == []
