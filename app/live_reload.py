"""Live reload: follow every layer file and take changes into the session.

`LiveReload` runs `schema.watch.follow_layer_files` in a Textual worker, an
asyncio task on the app's own loop, so each batch of changed files is taken
into the `Session` and handed to the UI without crossing threads. The watch
covers the files of every layer that can exist (home, parents, project), the
`--config` file and the target, whether they exist yet or not.

The worker is named `follow_layer_files`, not `watch_*`: that prefix belongs to
Textual's reactive watchers.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from textual.dom import DOMNode
from textual.worker import Worker

from schema.document import Conflict, DocumentError
from schema.findings import Finding
from schema.layers import discover_files
from schema.session import Session
from schema.watch import WatchTiming, follow_layer_files

__all__ = ["LiveReload", "Reloaded"]


@dataclass(frozen=True)
class Reloaded:
    """What one batch of changed files did to the session.

    Attributes:
        paths: The layer files that changed, as watched.
        target_changed: Whether the target file was among them.
        conflicts: Keys both the file and the unsaved edits changed; the
            document holds the file's value until the person chooses.
        problem: The target file's problem on disk (not valid TOML, say), or
            None when it reads fine.
        changed: Whether any effective value, finding or file text changed;
            False for the echo of the app's own save.
    """

    paths: tuple[Path, ...]
    target_changed: bool
    conflicts: tuple[Conflict, ...]
    problem: Finding | None
    changed: bool


class LiveReload:
    """Follows a session's layer files and reloads those that change.

    Args:
        session: The editing session to keep up to date.
        timing: The watch's debounce and polling; shorter in tests.
    """

    WORKER_NAME = "follow_layer_files"
    """The name of the worker, as Textual's worker list shows it."""

    def __init__(self, session: Session, *, timing: WatchTiming | None = None) -> None:
        self.session = session
        """The session whose layers are followed."""
        self.timing = timing
        """Debounce and polling of the watch; watchfiles' defaults when None."""
        self.ready = asyncio.Event()
        """Set once the watch is in place, so that changes from then on are seen."""
        self._stop = asyncio.Event()
        self._worker: Worker[None] | None = None

    def watched_files(self) -> list[Path]:
        """List the files to follow, existing or not.

        Returns:
            Home, every parent, the project, the `--config` file and the target.
        """
        sources = self.session.sources
        files = [path for _kind, path in discover_files(sources.cwd, sources.home)]
        files += [
            layer.path
            for layer in self.session.layers
            if layer.kind == "cli" and layer.path is not None
        ]
        files.append(self.session.target.path)
        return list(dict.fromkeys(path.absolute() for path in files))

    @property
    def running(self) -> bool:
        """Whether the worker is following the files."""
        return self._worker is not None and self._worker.is_running

    def start(self, host: DOMNode, on_reload: Callable[[Reloaded], Any]) -> None:
        """Start following the files in a worker of `host`; restarts if running.

        Args:
            host: The app or screen that owns the worker.
            on_reload: Called on the app's loop after each batch is taken in.
        """
        self.stop()
        self._stop = asyncio.Event()
        self.ready.clear()  # the same event: whoever waits for it is told
        # A callable, not a coroutine: an app that quits before the worker
        # starts leaves no coroutine that was never awaited.
        self._worker = host.run_worker(
            partial(self._follow, host, on_reload),
            name=self.WORKER_NAME,
            group="live-reload",
            exclusive=True,
        )

    def stop(self) -> None:
        """Stop following; the watch thread ends within one step of the timing."""
        self._stop.set()
        if self._worker is not None:
            self._worker.cancel()
            self._worker = None

    async def _follow(
        self, host: DOMNode, on_reload: Callable[[Reloaded], Any]
    ) -> None:
        changes = follow_layer_files(
            self.watched_files(), timing=self.timing, stop_event=self._stop
        )
        # Runs once the generator has reached its first wait, by which time
        # watchfiles has put its watch on the directories.
        asyncio.get_running_loop().call_soon(self.ready.set)
        async for paths in changes:
            try:
                reloaded = self.reload(paths)
            except (OSError, DocumentError, ValueError) as error:
                # Loading reports bad files as findings; this is the rest (a
                # directory where a file was, say): say so and keep following.
                host.notify(str(error), title="Not reloaded", severity="error")
                continue
            on_reload(reloaded)

    def reload(self, paths: Iterable[Path]) -> Reloaded:
        """Take changed files into the session.

        The target is reloaded keeping the unsaved edits; any other file
        reloads its layer (or, for a file created or deleted, every layer).

        Args:
            paths: The files that changed.

        Returns:
            What changed.
        """
        session = self.session
        before = _fingerprint(session)
        paths = tuple(sorted(paths))
        target = session.target.path.absolute()
        others = [path for path in paths if path.absolute() != target]
        conflicts: list[Conflict] = []
        for path in others:
            if session.reload_file(path) is None:
                break  # every layer was read again
        if len(others) < len(paths):
            conflicts = session.reload_target()
        return Reloaded(
            paths=paths,
            target_changed=len(others) < len(paths),
            conflicts=tuple(conflicts),
            problem=session.disk_problem,
            changed=bool(conflicts) or _fingerprint(session) != before,
        )


def _fingerprint(session: Session) -> tuple[Any, ...]:
    """What a reload can change that the person would want to hear about."""
    resolution = session.resolution
    return (
        session.document.original_text(),
        session.document.exists,
        [(k, r.layer.name, repr(r.value)) for k, r in resolution.resolved.items()],
        [finding.format() for finding in resolution.findings],
    )
