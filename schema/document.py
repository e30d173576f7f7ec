"""The editing model of one `.brum.toml`: pending operations over a tomlkit document.

A `Document` holds the file's text as loaded and a list of operations (set a
key, unset a key). Each operation is applied to a freshly parsed tomlkit
document and rendered back to text at once, so the text after the pending
operations is always at hand for previews and diffs; everything the operation
does not touch keeps its exact bytes: comments, blank lines, key order,
quoting, indentation and line endings.

Two parsers have two jobs. tomlkit keeps the layout and does the editing;
the stdlib `tomllib` (strict TOML 1.0) is the judge: after every operation,
and again before and after every write, the text is parsed with `tomllib`
and compared with the values the operations intend. A mismatch is refused
rather than written.

Saving re-reads the file. If someone else changed it since it was loaded, the
pending operations are replayed on their version when the two sides touched
different keys; when both sides changed the same key to different values,
nothing is written and `ConflictError` lists the keys. The write itself is
atomic (`atomic_write`): a temporary sibling, fsynced, then renamed over the
target.

Edits reach into tomlkit's container bodies (the `body` lists of documents
and tables) rather than going through its mapping API, because that API moves
new keys below trailing comments, drops separators in inline tables and
writes LF into CRLF files. Every edit is re-rendered and re-parsed at once,
so tomlkit's internal indexes never go stale.
"""

from __future__ import annotations

import codecs
import copy
import difflib
import errno
import logging
import math
import os
import secrets
import stat
import tomllib
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import tomlkit
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import (
    AoT,
    Array,
    Comment,
    InlineTable,
    Item,
    Key,
    Null,
    SingleKey,
    String,
    StringType,
    Table,
    Whitespace,
)
from tomlkit.toml_document import TOMLDocument

from schema.catalogue import SECTIONS
from schema.toml_file import (
    IntegerOverflowError,
    NotRegularFileError,
    int64_message,
    int64_overflow,
    loads,
    open_regular_file,
    special_file_kind,
)

__all__ = [
    "HEADER_COMMENT",
    "MAX_BYTES",
    "Conflict",
    "ConflictError",
    "Document",
    "DocumentError",
    "Operation",
    "SaveResult",
    "atomic_write",
]

logger = logging.getLogger(__name__)

MAX_BYTES = 1024 * 1024
"""Largest file brum-config reads or writes, in bytes (1 MiB)."""

HEADER_COMMENT = "# Brummer configuration, edited with brum-config"
"""First line of a file that brum-config creates from nothing."""

_BOM = "\ufeff"
_MISSING: Any = object()
_Body = list[tuple[Key | None, Item]]


@dataclass(frozen=True)
class Operation:
    """One pending edit of a document.

    Attributes:
        kind: `"set"` or `"unset"`.
        key: Dotted `section.name` key, such as `eventbus.queue_sizes`.
        value: The new value of a `set`; None for an `unset`.
    """

    kind: Literal["set", "unset"]
    key: str
    value: Any = None


@dataclass(frozen=True)
class Conflict:
    """A key that both this document and the file on disk changed, differently.

    Attributes:
        key: Dotted `section.name` key.
        ours: The value the pending operations want; None to remove the key.
        theirs: The value now on disk; None when the key was removed there.
        base: The value when the document was loaded; None when absent then.
    """

    key: str
    ours: Any
    theirs: Any
    base: Any


@dataclass(frozen=True)
class SaveResult:
    """What `Document.save` did.

    Attributes:
        path: The file written (a symlink's target, not the link).
        written: False when there was nothing to write.
        replayed: True when the file had changed on disk and the operations
            were replayed on its new content.
        operations: The operations that were pending.
        text: The file's text now (without a byte order mark).
    """

    path: Path
    written: bool
    replayed: bool
    operations: tuple[Operation, ...]
    text: str


class DocumentError(Exception):
    """A file cannot be read, edited or written; the message names it and the fix.

    Args:
        message: What is wrong, with the file and the fix.
        rule: The rule a finding about it belongs to.
    """

    def __init__(self, message: str, *, rule: str = "file-unreadable") -> None:
        super().__init__(message)
        self.rule = rule
        """`toml-syntax` for a file that is not valid TOML, else `file-unreadable`."""


class ConflictError(DocumentError):
    """The file changed on disk and both sides changed the same keys.

    Attributes:
        path: The file.
        conflicts: One entry per conflicting key, in the order of the edits.
    """

    def __init__(self, path: Path, conflicts: list[Conflict]) -> None:
        """Build the error and its message from the conflicts.

        Args:
            path: The file.
            conflicts: The conflicting keys.
        """
        self.path = path
        self.conflicts = conflicts
        keys = ", ".join(
            f"{c.key} (here {c.ours!r}, on disk {c.theirs!r})" for c in conflicts
        )
        super().__init__(
            f"{path} changed on disk since it was loaded, and these keys were "
            f"changed both there and here: {keys}. Nothing was written: reload "
            "the file, or overwrite it to keep your values (save(force=True))."
        )


class Document:
    """One `.brum.toml` file and the edits pending on it.

    Attributes:
        path: The file, as given (a symlink stays a symlink).
        exists: Whether the file existed when loaded or last saved.
        operations: Pending operations, oldest first.
    """

    _raw: bytes | None
    _bom: bool
    _base_text: str
    _text: str
    _base_data: dict[str, Any]
    _data: dict[str, Any]
    _faithful: bool
    _newline: str

    def __init__(
        self, path: Path, text: str, *, raw: bytes | None, bom: bool = False
    ) -> None:
        """Hold `text` as the loaded content of `path`.

        Prefer `load` or `from_text`.

        Args:
            path: The file.
            text: Its text, without a byte order mark.
            raw: Its bytes on disk, or None when it does not exist.
            bom: Whether the file starts with a UTF-8 byte order mark.

        Raises:
            DocumentError: The text is not valid TOML.
        """
        self.path = path
        self.exists = raw is not None
        self.operations: list[Operation] = []
        self._history: list[tuple[str, dict[str, Any]]] = []
        """The text and values before each pending operation, for `undo_last`."""
        self._reset(text, raw, bom)

    @classmethod
    def load(cls, path: Path) -> Document:
        """Read `path`; a missing file gives an empty document.

        Args:
            path: The file to read.

        Returns:
            The document, with `exists` False when the file is missing.

        Raises:
            DocumentError: The path is a directory, a FIFO, a device or a
                socket, unreadable, over 1 MiB, not UTF-8 or not valid TOML.
        """
        raw = _read_bytes(path)
        text, bom = ("", False) if raw is None else _decode(raw, path)
        logger.debug("loaded %s (%s)", path, "missing" if raw is None else len(raw))
        return cls(path, text, raw=raw, bom=bom)

    @classmethod
    def from_text(cls, text: str, path: Path, *, exists: bool = True) -> Document:
        """Hold `text` as if it had been read from `path`.

        Args:
            text: The content; a leading byte order mark is kept on save.
            path: Where the document is saved.
            exists: Whether to treat `text` as the file's current content.
                When False, the file is expected to be missing.

        Returns:
            The document.

        Raises:
            DocumentError: The text is not valid TOML.
        """
        bom = text.startswith(_BOM)
        body = text.removeprefix(_BOM)
        raw = text.encode("utf-8") if exists else None
        return cls(path, body, raw=raw, bom=bom)

    # -- reading ------------------------------------------------------------

    @property
    def modified(self) -> bool:
        """Whether the pending operations change the text."""
        return self._text != self._base_text

    def get(self, key: str) -> Any | None:
        """The value of `key` after the pending operations.

        Args:
            key: A `section.name` key.

        Returns:
            The value as plain Python, or None when the key is absent.
        """
        value = _lookup(self._data, *_split_key(key))
        return None if value is _MISSING else copy.deepcopy(value)

    def has(self, key: str) -> bool:
        """Whether `key` is present after the pending operations.

        Args:
            key: A `section.name` key.

        Returns:
            True when the key has a value.
        """
        return _lookup(self._data, *_split_key(key)) is not _MISSING

    def values(self) -> dict[str, Any]:
        """Every `section.name` value after the pending operations.

        Sub-tables (three-level keys and deeper) are left out.

        Returns:
            A flat mapping from `section.name` to plain Python values.
        """
        return {
            f"{section}.{name}": copy.deepcopy(value)
            for section, table in self._data.items()
            if isinstance(table, dict)
            for name, value in table.items()
            if not isinstance(value, dict)
        }

    def text(self) -> str:
        """The text after the pending operations, without a byte order mark."""
        return self._text

    def original_text(self) -> str:
        """The text as loaded (or last saved), without a byte order mark."""
        return self._base_text

    def encoded(self) -> bytes:
        """The bytes `save` would write, byte order mark included."""
        return _encode(self._text, self._bom)

    def diff(self, relative_to: Path | None = None) -> str:
        """A unified diff from the original text to the edited text.

        Args:
            relative_to: The directory the diff is meant to be applied in
                (`patch -p1`); the file's name is then `a/` and `b/` and its
                path from there. A file outside it is named by its absolute
                path, and a file not written yet comes from `/dev/null`.
                When omitted, the file's name alone.

        Returns:
            The diff; empty when nothing changes.
        """
        path = self.path.absolute()
        shown: Path | None = Path(path.name)
        if relative_to is not None:
            try:
                shown = path.relative_to(relative_to.absolute())
            except ValueError:
                shown = None
        new = f"b/{shown}" if shown is not None else str(path)
        old = f"a/{shown}" if shown is not None else str(path)
        lines = difflib.unified_diff(
            self._base_text.splitlines(keepends=True),
            self._text.splitlines(keepends=True),
            fromfile=old if self.exists else "/dev/null",
            tofile=new,
        )
        return "".join(_mark_missing_newline(line) for line in lines)

    # -- editing ------------------------------------------------------------

    def set(self, key: str, value: Any) -> None:
        """Set `key` to `value`, changing only that value's text.

        Args:
            key: A `section.name` key.
            value: A bool, int, float, str, date/time or a list of those.

        Raises:
            ValueError: The key is not `section.name`.
            TypeError: The value cannot be written as TOML.
            DocumentError: The section is not a table, the key holds a
                table, or the edit would not give the intended values.
        """
        section, name = _split_key(key)
        value = _normalise(value)
        self._check_settable(section, name)
        self._reopen(key)
        op = Operation("set", key, value)
        if _same(_lookup(self._data, section, name), value):
            self._push(op, self._text, self._data)
            return
        self._commit(op)

    def unset(self, key: str) -> bool:
        """Remove `key`'s line (and its inline comment); the section header stays.

        Args:
            key: A `section.name` key.

        Returns:
            False when the key was not there (nothing is recorded).

        Raises:
            ValueError: The key is not `section.name`.
            DocumentError: The key holds a table.
        """
        section, name = _split_key(key)
        if _lookup(self._data, section, name) is _MISSING:
            return False
        self._check_settable(section, name)
        self._reopen(key)
        if _lookup(self._data, section, name) is not _MISSING:
            self._commit(Operation("unset", key))
        return True

    def undo_last(self) -> Operation | None:
        """Take back the last pending operation, at no parsing cost.

        Returns:
            The operation taken back, or None when there was none.
        """
        if not self.operations:
            return None
        self._text, self._data = self._history.pop()
        return self.operations.pop()

    def undo_all(self) -> None:
        """Drop every pending operation."""
        self._text, self._data = self._base_text, self._base_data
        self.operations = []
        self._history = []

    discard = undo_all

    # -- saving -------------------------------------------------------------

    def save(self, *, force: bool = False) -> SaveResult:
        """Write the pending operations to the file, atomically.

        The file is re-read first. When it changed since it was loaded, the
        operations are replayed on its new content; keys changed on both
        sides to different values are conflicts. A file deleted since it was
        loaded counts as changed to empty: keys it had that we change are
        conflicts, the rest is replayed on a new file.

        Args:
            force: Replay every operation even over conflicting changes.

        Returns:
            What was written.

        Raises:
            ConflictError: Both sides changed the same keys (not with force).
            DocumentError: The file cannot be read or written, or the result
                would not hold the intended values. Pending operations stay.
        """
        target = _resolve(self.path)
        disk = _read_bytes(target)
        result = self if disk == self._raw else self._rebase(disk, force)
        ops, data = tuple(self.operations), result.encoded()
        written = data != (disk or b"")
        if written:
            result._write(target, data, disk)
        self._adopt(result, data if written else disk)
        logger.debug("saved %s: %d operations, written %s", target, len(ops), written)
        return SaveResult(target, written, result is not self, ops, self._text)

    def reload(self) -> list[Conflict]:
        """Take in a change made to the file on disk, keeping the pending edits.

        The file's new content becomes the document's base. Pending operations
        on keys the other change did not touch are replayed on it; those on
        keys both sides changed differently are dropped from the document and
        returned, so that the person can choose between the two values.

        Returns:
            The conflicts; empty when the file is unchanged or nothing collides.

        Raises:
            DocumentError: The file can no longer be read or is not valid TOML;
                the document and its pending edits are left as they were.
        """
        disk = _read_bytes(_resolve(self.path))
        if disk == self._raw:
            return []
        text, bom = ("", self._bom) if disk is None else _decode(disk, self.path)
        theirs = Document(self.path, text, raw=disk, bom=bom)
        conflicts, keys = self._merge_plan(theirs._data)
        colliding = {conflict.key for conflict in conflicts}
        pending = [op for op in self.operations if op.key in keys]
        self._adopt(theirs, disk)
        for op in pending:
            if op.key in colliding:
                continue
            if op.kind == "set":
                self.set(op.key, op.value)
            else:
                self.unset(op.key)
        logger.debug("%s reloaded; %d conflicts", self.path, len(conflicts))
        return conflicts

    # -- internals ----------------------------------------------------------

    def _reset(self, text: str, raw: bytes | None, bom: bool) -> None:
        self._raw, self._bom = raw, bom
        self._base_text = self._text = text
        self._base_data = self._data = _parse_strict(text, self.path)
        self._faithful = _round_trips(text)
        self._newline = _newline(text)
        self.operations = []
        self._history = []

    def _write(self, target: Path, data: bytes, previous: bytes | None) -> None:
        """Check, write and read back `data`, the encoding of this text."""
        _check(self._text, self._data, self.path)
        if len(data) > MAX_BYTES:
            raise DocumentError(
                f"{target} would be larger than {MAX_BYTES // 1024} KiB; remove "
                "some keys and save again."
            )
        atomic_write(target, _BOM * self._bom + self._text)
        _verify_written(target, data, previous)

    def _adopt(self, other: Document, raw: bytes | None) -> None:
        self._reset(other._text, raw, other._bom)
        self.exists = raw is not None

    def _check_settable(self, section: str, name: str) -> None:
        table = self._data.get(section, _MISSING)
        if table is not _MISSING and not isinstance(table, dict):
            raise DocumentError(
                f"{self.path}: '{section}' is not a table; fix it by hand first."
            )
        if table is not _MISSING and isinstance(table.get(name), dict):
            raise DocumentError(
                f"{self.path}: '{section}.{name}' is a table, not a value; "
                "edit it by hand."
            )

    def _commit(self, op: Operation) -> None:
        if not self._faithful:
            raise DocumentError(
                f"{self.path}: tomlkit cannot reproduce this file exactly, so "
                "editing it would change other lines; edit it by hand."
            )
        intended = _with_op(self._data, op)
        text = _edit(self._text, op, self._newline)
        # A section written only as dotted keys has no header to keep, so
        # removing its last key removes the section too.
        vanishing = _split_key(op.key)[0] if op.kind == "unset" else None
        self._push(op, text, _check(text, intended, self.path, vanishing))
        logger.debug("%s %s in %s", op.kind, op.key, self.path)

    def _push(self, op: Operation, text: str, data: dict[str, Any]) -> None:
        self._history.append((self._text, self._data))
        self._text, self._data = text, data
        self.operations.append(op)

    def _reopen(self, key: str) -> None:
        """Fold a run of edits to one key into a single operation.

        When the last pending operation is on the same key, it is taken back
        first, so the next one starts from the text before the run: typing a
        value key by key leaves one operation (one undo step), and clearing a
        value then typing a new one edits it in place, its comments kept,
        instead of removing the line and adding another.
        """
        if self.operations and self.operations[-1].key == key:
            self.undo_last()

    def _rebase(self, disk: bytes | None, force: bool) -> Document:
        text, bom = ("", self._bom) if disk is None else _decode(disk, self.path)
        theirs = Document(self.path, text, raw=disk, bom=bom)
        conflicts, keys = self._merge_plan(theirs._data)
        if conflicts and not force:
            raise ConflictError(self.path, conflicts)
        for op in self.operations:
            if op.key in keys and op.kind == "set":
                theirs.set(op.key, op.value)
            elif op.key in keys:
                theirs.unset(op.key)
        logger.debug("%s changed on disk; replayed %d keys", self.path, len(keys))
        return theirs

    def _merge_plan(self, theirs: dict[str, Any]) -> tuple[list[Conflict], list[str]]:
        conflicts: list[Conflict] = []
        keys: list[str] = []
        for key in dict.fromkeys(op.key for op in self.operations):
            parts = _split_key(key)
            ours = _lookup(self._data, *parts)
            base = _lookup(self._base_data, *parts)
            there = _lookup(theirs, *parts)
            if _same(ours, base):
                continue
            keys.append(key)
            if not (_same(there, base) or _same(there, ours)):
                conflicts.append(Conflict(key, *map(_none, (ours, there, base))))
        return conflicts, keys


# -- reading files -----------------------------------------------------------


def _read_bytes(path: Path) -> bytes | None:
    """The file's bytes, or None when it does not exist."""
    try:
        handle, _size = open_regular_file(path)
        with handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return None
    except NotRegularFileError as exc:
        raise DocumentError(_not_regular(exc, "read")) from exc
    except OSError as exc:
        raise DocumentError(_explain(path, exc, "read")) from exc
    if len(raw) > MAX_BYTES:
        raise DocumentError(
            f"{path} is larger than {MAX_BYTES // 1024} KiB, too large for a "
            "configuration file; check that it is the right file."
        )
    return raw


def _decode(raw: bytes, path: Path) -> tuple[str, bool]:
    """The text of `raw` without its byte order mark, and whether it had one."""
    bom = raw.startswith(codecs.BOM_UTF8)
    skip = len(codecs.BOM_UTF8) if bom else 0
    try:
        return raw[skip:].decode("utf-8"), bom
    except UnicodeDecodeError as exc:
        offset = skip + exc.start
        line = raw[:offset].count(b"\n") + 1
        column = offset - raw.rfind(b"\n", 0, offset)
        raise DocumentError(
            f"{path} is not UTF-8: byte {raw[offset]:#04x} at line {line}, "
            f"column {column} (byte offset {offset}); re-save it as UTF-8."
        ) from exc


def _parse_strict(text: str, path: Path) -> dict[str, Any]:
    try:
        return loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DocumentError(
            f"{path} is not valid TOML ({exc}); fix that line", rule="toml-syntax"
        ) from exc
    except IntegerOverflowError as exc:
        where = f" at line {exc.position[0]}" if exc.position else ""
        raise DocumentError(
            f"{path} is not valid TOML{where}: {exc}; fix that line",
            rule="toml-syntax",
        ) from exc


def _round_trips(text: str) -> bool:
    try:
        return tomlkit.parse(text).as_string() == text
    except (TOMLKitError, ValueError):
        return False


def _newline(text: str) -> str:
    end = text.find("\n")
    return "\r\n" if end > 0 and text[end - 1] == "\r" else "\n"


def _encode(text: str, bom: bool) -> bytes:
    return (_BOM * bom + text).encode("utf-8")


def _mark_missing_newline(line: str) -> str:
    if line.endswith("\n"):
        return line
    return line + "\n\\ No newline at end of file\n"


# -- values --------------------------------------------------------------------


def _split_key(key: str) -> tuple[str, str]:
    section, dot, name = key.partition(".")
    if not (section and dot and name) or "." in name:
        raise ValueError(f"expected a 'section.name' key, got {key!r}")
    return section, name


def _lookup(data: dict[str, Any], section: str, name: str) -> Any:
    table = data.get(section)
    return table.get(name, _MISSING) if isinstance(table, dict) else _MISSING


def _none(value: Any) -> Any:
    return None if value is _MISSING else value


def _normalise(value: Any) -> Any:
    """`value` with tuples as lists; TypeError for what TOML cannot hold here."""
    if isinstance(value, (list, tuple)):
        return [_normalise(v) for v in value]
    if isinstance(value, dict) or value is None:
        raise TypeError(
            f"cannot set a key to {value!r}: tables and None are not values"
        )
    if int64_overflow(value) is not None:
        raise TypeError(f"cannot write it as TOML: {int64_message(str(value))}")
    try:
        tomlkit.item(value)
    except (TypeError, ValueError, TOMLKitError) as exc:
        raise TypeError(f"cannot write {value!r} as TOML") from exc
    return value


def _same(a: Any, b: Any) -> bool:
    """Equality that tells bool from int and lets NaN equal NaN."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(map(_same, a, b))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def _with_op(data: dict[str, Any], op: Operation) -> dict[str, Any]:
    section, name = _split_key(op.key)
    result = dict(data)
    table = dict(result.get(section, {}))
    if op.kind == "set":
        table[name] = copy.deepcopy(op.value)
    else:
        table.pop(name, None)
    result[section] = table
    return result


def _check(
    text: str, intended: dict[str, Any], path: Path, vanishing: str | None = None
) -> dict[str, Any]:
    """Refuse `text` unless strict TOML reads exactly `intended` from it.

    The section named `vanishing` may be absent instead of empty.

    Returns:
        The values read from `text`.
    """
    try:
        found = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DocumentError(
            f"{path}: the edit would produce invalid TOML ({exc}); nothing was "
            "changed. Edit this key by hand."
        ) from exc
    if vanishing not in found and intended.get(vanishing or "", _MISSING) == {}:
        intended = {k: v for k, v in intended.items() if k != vanishing}
    if not _same(found, intended):
        raise DocumentError(
            f"{path}: the edit would not give the intended values; nothing was "
            "changed. Edit this key by hand."
        )
    return found


# -- editing the tomlkit tree ------------------------------------------------


def _edit(text: str, op: Operation, nl: str) -> str:
    """`text` with `op` applied.

    A missing final newline is added for the edit and taken away again, so
    the last line never needs special cases and the file keeps its ending.
    """
    if not text and op.kind == "set":
        text = HEADER_COMMENT + nl + nl
    unterminated = bool(text) and not text.endswith("\n")
    doc = tomlkit.parse(text + nl if unterminated else text)
    _apply(doc, op, nl)
    out = doc.as_string()
    return out.removesuffix(nl) if unterminated else out


def _apply(doc: TOMLDocument, op: Operation, nl: str) -> None:
    section, name = _split_key(op.key)
    slot = _find(doc.body, section, name)
    if op.kind == "unset":
        if slot is not None:
            _remove(doc.body, slot)
    elif slot is not None:
        _replace(slot[1], slot[2], op.value)
    else:
        _add(doc.body, section, name, op.value, nl)


_Slot = tuple[int, Table | InlineTable, int]
"""Where a value sits: root index of its section entry, the table, body index."""


def _find(root: _Body, section: str, name: str) -> _Slot | None:
    for index, table in _section_entries(root, section):
        for position, (key, _item) in enumerate(table.value.body):
            if key is not None and key.key == name:
                return index, table, position
    return None


def _section_entries(
    root: _Body, section: str
) -> Iterator[tuple[int, Table | InlineTable]]:
    for index, (key, item) in enumerate(root):
        if key is not None and key.key == section:
            if isinstance(item, (Table, InlineTable)):
                yield index, item


def _renders_header(key: Key | None, item: Item) -> bool:
    if isinstance(item, AoT):
        return True
    return isinstance(item, Table) and key is not None and not key.is_dotted()


def _renders_inline(key: Key | None, item: Item) -> bool:
    return key is not None and not _renders_header(key, item)


def _is_header_table(key: Key | None, item: Item) -> bool:
    """A `[section]` the user wrote (not one implied by `[section.sub]`)."""
    return (
        isinstance(item, Table)
        and _renders_header(key, item)
        and not item.is_super_table()
    )


def _is_blank(item: Item) -> bool:
    return isinstance(item, Whitespace) and "\n" in item.s


def _parse_entry(text: str) -> tuple[Key, Item]:
    key, item = tomlkit.parse(text).body[0]
    assert key is not None
    return key, item


def _value_text(value: Any, old: Item | None = None) -> str:
    item = tomlkit.item(value)
    if isinstance(old, String) and isinstance(item, String) and _literal_ok(old, value):
        item = tomlkit.string(value, literal=True)
    return str(item.as_string())


def _literal_ok(old: String, value: str) -> bool:
    """Whether `value` can keep `old`'s single-quoted style."""
    if old.type is not StringType.SLL:
        return False
    return not any(
        c == "'" or (ord(c) < 32 and c != "\t") or c == "\x7f" for c in value
    )


# -- replace -------------------------------------------------------------------


def _replace(table: Table | InlineTable, position: int, value: Any) -> None:
    body = table.value.body
    key, old = body[position]
    assert key is not None
    if isinstance(old, Array) and isinstance(value, list):
        _update_array(old, value)
        return
    _, new = _parse_entry(f"x = {_value_text(value, old)}\n")
    trivia, old_trivia = new.trivia, old.trivia
    trivia.indent, trivia.comment_ws = old_trivia.indent, old_trivia.comment_ws
    trivia.comment, trivia.trail = old_trivia.comment, old_trivia.trail
    body[position] = (key, new)


def _update_array(array: Array, values: list[Any]) -> None:
    """Change `array` element by element so comments between elements stay."""
    for index, value in enumerate(values[: len(array)]):
        if not _same(_plain(array[index]), value):
            array[index] = value
    while len(array) > len(values):
        del array[len(array) - 1]
    for value in values[len(array) :]:
        array.append(value)


def _plain(value: Any) -> Any:
    return value.unwrap() if isinstance(value, Item) else value


# -- remove --------------------------------------------------------------------


def _remove(root: _Body, slot: _Slot) -> None:
    index, table, position = slot
    body = table.value.body
    if isinstance(table, InlineTable):
        _remove_inline(body, position)
    elif root[index][0].is_dotted() and len(body) == 1:  # type: ignore[union-attr]
        root[index] = (None, Null())
    else:
        body[position] = (None, Null())


def _remove_inline(body: _Body, position: int) -> None:
    """Remove one key of an inline table with the separator on one side of it."""
    keys = [i for i, (key, _) in enumerate(body) if key is not None]
    at = keys.index(position)
    if len(keys) == 1:
        del body[:]
    elif at + 1 < len(keys):
        del body[position : keys[at + 1]]
    else:
        del body[keys[at - 1] + 1 : position + 1]


# -- add -----------------------------------------------------------------------


def _add(root: _Body, section: str, name: str, value: Any, nl: str) -> None:
    entries = list(_section_entries(root, section))
    tables = [
        t
        for i, t in entries
        if isinstance(t, Table) and _is_header_table(root[i][0], t)
    ]
    inline = [t for _, t in entries if isinstance(t, InlineTable)]
    dotted = [i for i, _ in entries if root[i][0].is_dotted()]  # type: ignore[union-attr]
    if tables:
        _add_to_table(tables[0], name, value, nl)
    elif inline:
        _add_to_inline(inline[0], name, value)
    elif dotted:
        _add_dotted(root, dotted[-1], name, value, nl)
    else:
        _add_section(root, section, name, value, nl)


def _add_to_table(table: Table, name: str, value: Any, nl: str) -> None:
    body = table.value.body
    position = _insertion_index(body)
    key, item = _parse_entry(f"{_key_text(name)} = {_value_text(value)}{nl}")
    previous = _previous_value(body, position)
    if previous is not None:
        item.trivia.indent = previous.trivia.indent
    body.insert(position, (key, item))


def _insertion_index(body: _Body) -> int:
    """Just after the table's last plain value, before trailing comments."""
    last = None
    for index, (key, item) in enumerate(body):
        if _renders_header(key, item):
            break
        if key is not None:
            last = index
    return last + 1 if last is not None else _after_header_comments(body)


def _after_header_comments(body: _Body) -> int:
    """In a table without values: below comments that follow its header directly.

    Such comments belong to the table when a blank line separates them from
    whatever comes next; otherwise they may describe the next table.
    """
    index = 0
    while index < len(body) and isinstance(body[index][1], Comment):
        index += 1
    if index and index < len(body) and _is_blank(body[index][1]):
        return index
    return 0


def _previous_value(body: _Body, position: int) -> Item | None:
    for key, item in reversed(body[:position]):
        if key is not None and not isinstance(item, Table):
            return item
    return None


def _key_text(name: str) -> str:
    return SingleKey(name).as_string()


def _add_to_inline(table: InlineTable, name: str, value: Any) -> None:
    body = table.value.body
    keys = [i for i, (key, _) in enumerate(body) if key is not None]
    sep = _separator(body[keys[-1]][0]) if keys else " = "  # type: ignore[arg-type]
    _, item = _parse_entry(f"x = {_value_text(value)}\n")
    item.trivia.trail = ""
    entry = (SingleKey(name, sep=sep), item)
    if keys:
        body[keys[-1] + 1 : keys[-1] + 1] = [
            (None, Whitespace(",")),
            (None, Whitespace(" ")),
            entry,
        ]
    else:
        body[:] = [(None, Whitespace(" ")), entry, (None, Whitespace(" "))]


def _separator(key: Key) -> str:
    """The text between a parsed key and its value.

    tomlkit keeps the spaces before `=` in the key's own text, not in `sep`.
    """
    text = key.as_string()
    return text[len(text.rstrip()) :] + key.sep


def _add_dotted(root: _Body, index: int, name: str, value: Any, nl: str) -> None:
    """Add `section.name = value` below the section's last dotted key."""
    section_key, table = root[index]
    assert section_key is not None and isinstance(table, Table)
    text = f"{section_key.as_string()}.{_key_text(name)} = {_value_text(value)}{nl}"
    key, item = _parse_entry(text)
    last = table.value.body[-1][1]
    assert isinstance(item, Table)
    item.value.body[0][1].trivia.indent = last.trivia.indent
    root.insert(index + 1, (key, item))


def _add_section(root: _Body, section: str, name: str, value: Any, nl: str) -> None:
    """Add `[section]` with one key, in the specification's order of sections.

    Comment lines directly above the next section's header stay with it, below
    the new table (at the end of the file they stay where they are); the new
    table is set off by one blank line on each side.
    """
    index = _section_index(root, section)
    after = any(not isinstance(item, Null) for _, item in root[index:])
    moved = _detach_next_comments(root, index) if after else ""
    before = any(not isinstance(item, Null) for _, item in root[:index])
    lead = nl if before and not _ends_blank(root, index) else ""
    text = (
        f"{lead}[{_key_text(section)}]{nl}"
        f"{_key_text(name)} = {_value_text(value)}{nl}"
        f"{nl if after else ''}{moved}"
    )
    root[index:index] = tomlkit.parse(text).body


def _section_index(root: _Body, section: str) -> int:
    """Where a new `[section]` goes: after the sections it follows in the spec.

    An unknown section goes last. Either way it follows every value written
    without a header, which would otherwise fall into the new table.
    """
    rank = _rank(section)
    if rank is None:
        return len(root)
    ranks = [(i, _rank(k.key)) for i, (k, _) in enumerate(root) if k is not None]
    earlier = [i for i, r in ranks if r is not None and r < rank]
    later = [i for i, r in ranks if r is not None and r > rank]
    index = earlier[-1] + 1 if earlier else (later[0] if later else len(root))
    inline = [
        i
        for i, (k, v) in enumerate(root)
        if k is not None and not _renders_header(k, v)
    ]
    index = max(index, inline[-1] + 1) if inline else index
    # Root-level comments and blank lines can only precede the first header:
    # take them as the run above the new table, like a table's trailing ones.
    while index < len(root) and root[index][0] is None:
        index += 1
    return index


def _rank(section: str) -> int | None:
    """Position in the specification; None for `meta` and unknown sections."""
    return SECTIONS.index(section) if section in SECTIONS else None


def _tail_body(root: _Body, index: int) -> tuple[_Body, int]:
    """The body (and end position in it) whose text ends just before `root[index]`."""
    if index == 0 or not _renders_header(*root[index - 1]):
        return root, index
    item = root[index - 1][1]
    while True:
        if isinstance(item, AoT):
            item = item.body[-1]
        body = item.value.body
        live = [(k, v) for k, v in body if not isinstance(v, Null)]
        if not live or not _renders_header(*live[-1]):
            return body, len(body)
        item = live[-1][1]


def _trivia_run(body: _Body, end: int) -> int:
    start = end
    while start and isinstance(body[start - 1][1], (Comment, Whitespace, Null)):
        if body[start - 1][0] is not None:
            break
        start -= 1
    return start


def _detach_next_comments(root: _Body, index: int) -> str:
    """Cut the comment lines just above `root[index]`; return their text."""
    body, end = _tail_body(root, index)
    start = _trivia_run(body, end)
    blanks = [i for i in range(start, end) if _is_blank(body[i][1])]
    first = blanks[-1] + 1 if blanks else start
    text = "".join(item.as_string() for _, item in body[first:end])
    body[first:end] = [(None, Null()) for _ in body[first:end]]
    return text


def _ends_blank(root: _Body, index: int) -> bool:
    body, end = _tail_body(root, index)
    for _key, item in reversed(body[:end]):
        if not isinstance(item, Null):
            return _is_blank(item)
    return False


# -- writing files -------------------------------------------------------------


def _resolve(path: Path) -> Path:
    """The file a write to `path` lands in: a symlink's target, not the link."""
    return Path(os.path.realpath(path))


def atomic_write(path: Path, text: str) -> None:
    """Replace the file at `path` with `text` (UTF-8), all at once or not at all.

    The text goes to a temporary sibling, which is flushed, fsynced and then
    renamed over the target; the directory is fsynced where the platform
    allows. A symlink is written through, so the link stays a link. The
    file's permission bits are kept; a new file gets the usual 0o666 minus
    the umask. On failure the target is untouched and no temporary file is
    left behind.

    Args:
        path: The file to replace or create.
        text: Its new content, written as is (no newline translation).

    Raises:
        DocumentError: The target is a directory, a FIFO, a device, a socket
            or read-only, its directory is missing, or the write failed; the
            message names the file.
    """
    target = _resolve(path)
    mode = _writable_mode(target)
    data = text.encode("utf-8")
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        _write_temp(temp, data, mode)
        os.replace(temp, target)
    except BaseException as exc:
        with suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise DocumentError(_explain(target, exc, "write")) from exc
        raise
    _fsync_directory(target.parent)


def _writable_mode(target: Path) -> int | None:
    """The target's permission bits, or None for a new file; refuse read-only."""
    try:
        st = os.stat(target)
    except FileNotFoundError:
        if not target.parent.is_dir():
            raise DocumentError(
                f"cannot write {target}: its directory does not exist; create it first."
            ) from None
        return None
    except OSError as exc:
        raise DocumentError(_explain(target, exc, "write")) from exc
    if stat.S_ISDIR(st.st_mode):
        raise DocumentError(_explain(target, IsADirectoryError(), "write"))
    kind = special_file_kind(st.st_mode)
    if kind is not None:
        # Renaming a new file over it would replace the device or FIFO itself.
        error = NotRegularFileError(target, kind)
        raise DocumentError(_not_regular(error, "write"))
    # Root may write anywhere, so os.access alone would never refuse: a file
    # with no write bit at all is read-only by its owner's choice.
    if not st.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise DocumentError(_explain(target, PermissionError(), "write"))
    return st.st_mode & 0o7777


def _write_temp(temp: Path, data: bytes, mode: int | None) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(temp, flags, 0o666)
    try:
        if mode is not None:
            os.fchmod(fd, mode)
        _write_all(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _fsync_directory(directory: Path) -> None:
    """Make the rename durable; not every platform can open a directory."""
    try:
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        logger.debug("cannot fsync directory %s", directory)
    finally:
        os.close(fd)


def _verify_written(target: Path, data: bytes, previous: bytes | None) -> None:
    """Read the file back; on a mismatch put the previous content back."""
    if _read_bytes(target) == data:
        return
    if previous is None:
        with suppress(OSError):
            os.unlink(target)
    else:
        atomic_write(target, previous.decode("utf-8"))
    raise DocumentError(
        f"{target} did not read back as written; its previous content was "
        "restored. Check the disk and save again."
    )


_FIXES = {
    errno.EACCES: "permission denied; make it {mode} (chmod) or choose another file",
    errno.EPERM: "permission denied; make it {mode} (chmod) or choose another file",
    errno.EISDIR: "it is a directory; choose a file path instead",
    errno.ENOTDIR: "a parent of it is not a directory; check the path",
    errno.ENOSPC: "no space left on the device; free some space and save again",
    errno.EDQUOT: "disk quota exceeded; free some space and save again",
    errno.EROFS: "the file system is read-only; save to another location",
}


def _not_regular(error: NotRegularFileError, action: str) -> str:
    """A message for a FIFO, a device or a socket: named, refused, what to do."""
    what = f"cannot {action} {error.path}: it is {error.kind}, not a regular file"
    if action == "write":
        what += ", and saving would replace it; nothing was written"
    return what + ". Choose a regular .brum.toml file as the target."


def _explain(path: Path, exc: OSError, action: str) -> str:
    """A message naming the file, what went wrong and what to do."""
    code = exc.errno
    if code is None:
        code = {PermissionError: errno.EACCES, IsADirectoryError: errno.EISDIR}.get(
            type(exc)
        )
    mode = "readable" if action == "read" else "writable (and its directory)"
    fix = _FIXES.get(code or 0, "{reason}; check the file and try again")
    reason = exc.strerror or type(exc).__name__
    return f"cannot {action} {path}: " + fix.format(mode=mode, reason=reason)
