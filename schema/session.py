"""An editing session: the layers, one target file being edited, undo and redo.

The editor UI and the headless writes both work through a `Session`. It holds
the loaded layers, a `Document` for the chosen target file and the history of
edits. After every edit the target's layer is rebuilt from the document's
current text and the configuration is evaluated again, so the effective values,
provenance and findings always include the unsaved edits.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schema.catalogue import get_setting
from schema.configuration import evaluate
from schema.document import (
    Conflict,
    Document,
    DocumentError,
    Operation,
    SaveResult,
)
from schema.findings import Finding, Severity
from schema.layers import (
    CONFIG_NAME,
    Layer,
    LayerKind,
    Resolution,
    Sources,
    discover_files,
    file_layer,
    load_layers,
    text_layer,
)
from schema.values import parse_text_value

__all__ = ["Session", "Target", "TargetError", "list_targets", "target_path"]

log = logging.getLogger(__name__)


class TargetError(ValueError):
    """A target that cannot be edited; the message says why and what to do."""


@dataclass(frozen=True)
class Target:
    """A file that edits can be saved to.

    Attributes:
        kind: `home`, `parent`, `project`, or `cli` for any other path.
        path: The file.
        exists: Whether the file exists now.
    """

    kind: LayerKind
    path: Path
    exists: bool

    def describe(self) -> str:
        """Return e.g. `project ./.brum.toml (new)`.

        Returns:
            The kind, the path, and `(new)` when the file does not exist yet.
        """
        return f"{self.kind} {self.path}" + ("" if self.exists else " (new)")


def list_targets(sources: Sources) -> list[Target]:
    """List the files edits can be saved to, nearest first.

    Args:
        sources: The working directory and home.

    Returns:
        The project file, every parent's file, and the home file.
    """
    files = discover_files(sources.cwd, sources.home)
    return [Target(kind, path, path.exists()) for kind, path in reversed(files)]


def target_path(sources: Sources, spec: str | Path) -> tuple[LayerKind, Path]:
    """Turn `project`, `home` or a path into (layer kind, file).

    Args:
        sources: The working directory and home.
        spec: `project`, `home`, `parent` (the nearest parent directory's
            `.brum.toml` that exists), or a path to a `.brum.toml` (or a
            directory holding one).

    Returns:
        The kind the file has among the layers (`cli` when it is none of them)
        and its path.

    Raises:
        TargetError: The path is a directory without a place for the file, or
            no parent directory has a `.brum.toml`.
    """
    files = discover_files(sources.cwd, sources.home)
    if spec in ("project", "home"):
        wanted = "home" if spec == "home" else files[-1][0]
        return next((k, p) for k, p in reversed(files) if k == wanted)
    if spec == "parent":
        parents = [p for k, p in reversed(files) if k == "parent" and p.is_file()]
        if not parents:
            raise TargetError(
                "no parent directory has a .brum.toml; give the path of the one"
                f" to create, such as {Path('..') / CONFIG_NAME}"
            )
        return "parent", parents[0]
    path = (sources.cwd / os.path.expanduser(spec)).absolute()  # never raises
    if path.is_dir() and path.name == CONFIG_NAME:
        raise TargetError(f"{path} is a directory; remove it or choose another target")
    if path.is_dir():
        path = path / CONFIG_NAME
    for kind, candidate in files:
        if candidate.resolve() == path.resolve():
            return kind, candidate
    return "cli", path


class Session:
    """The layers plus one target document with its edit history.

    Attributes:
        sources: Where the layers come from.
        document: The target file being edited.
        target_kind: The layer kind of the target.
        layers: The layers; the target's layer reflects unsaved edits.
        resolution: The evaluated configuration, unsaved edits included.
    """

    def __init__(self, sources: Sources, target: str | Path = "project") -> None:
        """Load the layers and open a target.

        Args:
            sources: Where the layers come from.
            target: `project`, `home` or a path.

        Raises:
            TargetError: The target cannot be opened; the message says why.
        """
        self.sources = sources
        self.disk_problem: Finding | None = None
        self._base_layers = load_layers(sources)
        self._undone: list[list[Operation]] = []
        self._steps: list[int] = []
        self.open_target(target)

    def open_target(self, target: str | Path) -> None:
        """Make another file the target; pending edits of the old one are dropped.

        Args:
            target: `project`, `home` or a path.

        Raises:
            TargetError: The target cannot be opened.
        """
        kind, path = target_path(self.sources, target)
        try:
            document = Document.load(path)
        except DocumentError as error:
            raise TargetError(str(error)) from None
        self.document = document
        self.disk_problem = None
        self.target_kind: LayerKind = kind
        self._undone = []
        self._steps = []
        self.refresh()

    @property
    def target(self) -> Target:
        """The target file."""
        return Target(self.target_kind, self.document.path, self.document.exists)

    @property
    def modified(self) -> bool:
        """Whether there are unsaved edits."""
        return self.document.modified

    def refresh(self) -> None:
        """Re-evaluate the layers with the target's unsaved edits."""
        self.layers = self._with_target_layer()
        # Asked for every row the editor shows: found once, not per question,
        # since telling files apart resolves their paths on disk.
        self._target_at = next(
            i for i, layer in enumerate(self.layers) if self._is_target(layer)
        )
        self.resolution: Resolution = evaluate(self.layers)
        if self.disk_problem is not None:
            self.resolution.findings.append(self.disk_problem)

    def _target_layer(self, document: Document) -> Layer:
        kind = self.target_kind
        name = f"--config {document.path}" if kind == "cli" else kind
        if self.disk_problem is not None:
            # Brummer leaves out a file it cannot read, so while the target is
            # broken on disk its values are left out too: what the editor shows
            # as effective is what Brummer would use. The edits stay in the
            # document, to be saved once the file is fixed.
            return Layer(kind, name, document.path, broken=True)
        layer = text_layer(kind, name, document.text(), str(document.path))
        layer.path = document.path
        return layer

    def _with_target_layer(self, document: Document | None = None) -> list[Layer]:
        layers = [layer for layer in self._base_layers if not self._is_target(layer)]
        target = self._target_layer(document or self.document)
        if self.target_kind == "cli":
            index = _first_index(layers, ("cli",), len(layers))
        else:
            index = _insert_index(layers, self.target_kind, self.document.path)
        layers.insert(index, target)
        return layers

    def _draft(self, values: dict[str, Any]) -> Document:
        """A copy of the target's current text with `values` set in it."""
        draft = Document.from_text(self.document.text(), self.document.path)
        for key, value in values.items():
            draft.set(key, value)
        return draft

    def evaluate_with(self, values: dict[str, Any]) -> Resolution:
        """Evaluate the configuration as if `values` were set in the target.

        Args:
            values: Dotted key -> value.

        Returns:
            The resolution; the session itself is not changed.
        """
        return evaluate(self._with_target_layer(self._draft(values)))

    def diff_with(self, values: dict[str, Any]) -> str:
        """Return the unified diff that setting `values` would make to the target.

        Args:
            values: Dotted key -> value.

        Returns:
            The diff from the target's current text (unsaved edits included).
        """
        return self._draft(values).diff(relative_to=self.sources.cwd)

    def set_values(self, values: dict[str, Any]) -> None:
        """Set several keys in the target at once: one refresh, one undo step.

        Args:
            values: Dotted key -> value.
        """
        with self._step():
            for key, value in values.items():
                self.document.set(key, value)
        self._undone.clear()
        self.refresh()

    @contextmanager
    def _step(self) -> Iterator[None]:
        """Count the document operations an edit adds as one step of undo.

        Typing into one key replaces its last operation rather than adding
        one, so such an edit adds no step of its own.
        """
        self._align_steps()
        before = len(self.document.operations)
        try:
            yield
        finally:
            added = len(self.document.operations) - before
            if added > 0:
                self._steps.append(added)

    def _align_steps(self) -> None:
        """Fall back to one step per operation when they no longer add up.

        A reload replays the pending operations on the file's new text and
        may drop some; the steps recorded before then no longer fit.
        """
        if sum(self._steps) != len(self.document.operations):
            self._steps = [1] * len(self.document.operations)

    def _is_target(self, layer: Layer) -> bool:
        return layer.path is not None and _same_file(layer.path, self.document.path)

    def reload_base(self) -> None:
        """Read every layer again from disk (after files changed)."""
        self._base_layers = load_layers(self.sources)
        self.refresh()

    def reload_target(self) -> list[Conflict]:
        """Take in a change made to the target file on disk.

        Unsaved edits are kept and replayed on the new content where they do
        not collide. If the file became unreadable or invalid, the edits are
        kept, the problem shows as a critical finding on the target, and
        saving is refused until the file is fixed.

        Returns:
            The keys both sides changed, for the person to choose.
        """
        try:
            conflicts = self.document.reload()
        except DocumentError as error:
            kept = "your unsaved edits are kept and " if self.modified else ""
            self.disk_problem = Finding(
                Severity.CRITICAL,
                error.rule,
                f"{str(error).rstrip('.')}; {kept}the file is not overwritten"
                " until it is fixed",
                layer=self.target_kind,
                source=str(self.document.path),
            )
            self.refresh()
            return []
        self.disk_problem = None
        self._undone.clear()
        self.refresh()
        return conflicts

    def reload_file(self, path: Path) -> Layer | None:
        """Read one non-target layer file again.

        Args:
            path: The file that changed.

        Returns:
            The reloaded layer, or None when the file is not a loaded layer
            (the whole stack is then reloaded, to pick up created files).
        """
        for index, layer in enumerate(self._base_layers):
            if layer.path is not None and _same_file(layer.path, path):
                if not path.exists():
                    break
                self._base_layers[index] = file_layer(layer.kind, path, layer.name)
                self.refresh()
                return self._base_layers[index]
        self.reload_base()
        return None

    # Edits -----------------------------------------------------------------

    def set_value(self, key: str, value: Any) -> None:
        """Set a key in the target.

        Args:
            key: Dotted key.
            value: The new value.
        """
        with self._step():
            self.document.set(key, value)
        self._undone.clear()
        self.refresh()

    def set_text(self, key: str, text: str) -> str | None:
        """Set a key from text a person typed, if it parses for the setting.

        Args:
            key: Dotted key of a catalogued setting.
            text: The typed text.

        Returns:
            None when the value was set, else why the text cannot be used (the
            target is then left unchanged).
        """
        setting = get_setting(key)
        if setting is None:
            return f"{key} is not a known setting"
        try:
            value = parse_text_value(setting, text)
        except ValueError as error:
            return str(error)
        if self.document.get(key) != value or not self.document.has(key):
            self.set_value(key, value)
        return None

    def unset(self, key: str) -> bool:
        """Remove a key from the target, so the value is inherited again.

        Args:
            key: Dotted key.

        Returns:
            Whether the target had the key.
        """
        with self._step():
            removed = self.document.unset(key)
        if removed:
            self._undone.clear()
            self.refresh()
        return removed

    def reset_to_default(self, key: str) -> None:
        """Write the built-in default into the target.

        Args:
            key: Dotted key of a catalogued setting.
        """
        setting = get_setting(key)
        if setting is not None:
            self.set_value(key, setting.default)

    def undo(self) -> bool:
        """Take back the last edit: a typed value, an unset, a template applied.

        Returns:
            Whether there was an edit to take back.
        """
        self._align_steps()
        if not self._steps:
            return False
        taken: list[Operation] = []
        for _ in range(self._steps.pop()):
            operation = self.document.undo_last()
            if operation is not None:
                taken.insert(0, operation)
        self._undone.append(taken)
        self.refresh()
        return True

    def redo(self) -> bool:
        """Apply again the edit last taken back.

        Returns:
            Whether there was one.
        """
        if not self._undone:
            return False
        with self._step():
            for operation in self._undone.pop():
                self._apply(operation)
        self.refresh()
        return True

    def _apply(self, operation: Operation) -> None:
        if operation.kind == "set":
            self.document.set(operation.key, operation.value)
        else:
            self.document.unset(operation.key)

    def save(self, *, force: bool = False) -> SaveResult:
        """Write the pending edits to the target file.

        Args:
            force: Write even when the file changed on disk and both sides
                changed the same keys: the edits here win those keys.

        Returns:
            The document's save result.

        Raises:
            ConflictError: The file changed on disk and both sides changed
                the same keys (only without `force`); nothing was written.
            DocumentError: The file could not be written; nothing was lost.
        """
        result = self.document.save(force=force)
        self.disk_problem = None
        self._undone.clear()
        self.reload_base()
        return result

    # Questions the editor asks -----------------------------------------------

    def target_value(self, key: str) -> Any | None:
        """Return the value the target file itself sets for a key, or None."""
        return self.document.get(key) if self.document.has(key) else None

    def overriding_layer(self, key: str) -> Layer | None:
        """Return the layer above the target that decides a key, if any.

        An edit of such a key in the target does not change the effective
        value, and the editor says so.

        Args:
            key: Dotted key.

        Returns:
            The winning layer when it is higher than the target, else None.
        """
        resolved = self.resolution.resolved.get(key)
        if resolved is None:
            return None
        winner_index = self.layers.index(resolved.layer)
        return resolved.layer if winner_index > self._target_at else None

    def target_layer(self) -> Layer:
        """Return the layer built from the target's current text."""
        return self.layers[self._target_at]


def _same_file(a: Path, b: Path) -> bool:
    return a.absolute() == b.absolute() or a.resolve() == b.resolve()


def _first_index(layers: list[Layer], kinds: tuple[str, ...], fallback: int) -> int:
    return next((i for i, layer in enumerate(layers) if layer.kind in kinds), fallback)


def _insert_index(layers: list[Layer], kind: LayerKind, path: Path) -> int:
    """Where a target layer of `kind` belongs among the loaded layers."""
    order = ("default", "home", "parent", "project", "env", "cli")
    rank = order.index(kind)
    for index, layer in enumerate(layers):
        if order.index(layer.kind) > rank:
            return index
        if kind == "parent" and layer.kind == "parent" and layer.path is not None:
            if len(layer.path.parents) > len(path.parents):
                return index
    return len(layers)
