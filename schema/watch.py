"""Following changes to layer files on disk, with watchfiles; no UI code here.

The directories holding the layer files are watched, not the files: a file
that does not exist yet cannot be watched, and editors often save by writing a
new file and renaming it over the old one, which a watch on the old file would
miss. Only events about the layer files themselves are passed on.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["WatchTiming", "follow_layer_files"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WatchTiming:
    """How watchfiles groups and polls for changes; tests use shorter times.

    Attributes:
        debounce_ms: Changes within this window are reported together.
        step_ms: How often watchfiles checks for changes within the window.
        force_polling: Poll instead of using the operating system's events.
        poll_delay_ms: The polling interval when polling.
    """

    debounce_ms: int = 50
    step_ms: int = 20
    force_polling: bool = False
    poll_delay_ms: int = 100


async def follow_layer_files(
    files: Iterable[Path],
    *,
    timing: WatchTiming | None = None,
    stop_event: Any = None,
) -> AsyncIterator[set[Path]]:
    """Yield the set of layer files that changed, each time some do.

    A file counts as changed when it is written, created, deleted or renamed
    into place. Symbolic links are followed: a change to the file a link
    points at is reported as a change to the link.

    Args:
        files: The layer files, existing or not.
        timing: Debounce and polling; `WatchTiming()` when omitted.
        stop_event: An `asyncio.Event` that ends the iteration when set.

    Yields:
        The changed files, as given in `files`.
    """
    from watchfiles import awatch  # imported here: the headless commands never need it

    timing = timing or WatchTiming()
    names = _names(files)
    directories = sorted({path.parent for path in names if path.parent.is_dir()})
    if not directories:
        return
    log.debug(
        "following %d layer files in %d directories", len(names), len(directories)
    )
    async for changes in awatch(
        *directories,
        watch_filter=lambda _change, path: Path(path) in names,
        debounce=timing.debounce_ms,
        step=timing.step_ms,
        stop_event=stop_event,
        recursive=False,
        force_polling=timing.force_polling,
        poll_delay_ms=timing.poll_delay_ms,
    ):
        changed = {names[Path(path)] for _change, path in changes}
        log.debug("layer files changed: %s", sorted(map(str, changed)))
        yield changed


def _names(files: Iterable[Path]) -> dict[Path, Path]:
    """Map every path an event may name to the layer file it concerns."""
    names: dict[Path, Path] = {}
    for file in files:
        given = file.absolute()
        names[given] = file
        if given.is_symlink():
            names[given.resolve()] = file
    return names
