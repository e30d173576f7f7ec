"""Strict reading of TOML files and text, with the line and column of every key.

Values come from the standard library's `tomllib`, a TOML 1.0 parser that
rejects every invalid case of the conformance suite (tomlkit accepts some of
them). `loads` adds the one rule of TOML 1.0 that `tomllib` leaves out:
integers must fit in 64 bits. Neither `tomllib` nor tomlkit reports where a
key stands in the text, so `key_positions` scans text that `tomllib` has
already accepted and records the line and column of every key; that is all it
has to do, since the text is known to be valid. Files are opened only when
they are regular files: a FIFO would block the read, a device never ends.
"""

from __future__ import annotations

import bisect
import errno
import os
import re
import stat
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

__all__ = [
    "INT64_MAX",
    "INT64_MIN",
    "MAX_FILE_BYTES",
    "IntegerOverflowError",
    "NotRegularFileError",
    "ParsedToml",
    "TomlProblem",
    "decode_toml_bytes",
    "int64_message",
    "int64_overflow",
    "integer_literal_overflows",
    "key_positions",
    "loads",
    "open_regular_file",
    "parse_toml",
    "read_toml_file",
    "special_file_kind",
]

MAX_FILE_BYTES = 1024 * 1024
"""Larger files are refused: no hand-written configuration is this big."""

INT64_MIN = -(2**63)
"""The smallest integer TOML 1.0 allows (a signed 64-bit integer)."""

INT64_MAX = 2**63 - 1
"""The largest integer TOML 1.0 allows."""

_RANGE = f"({INT64_MIN}..{INT64_MAX})"

Position = tuple[int, int]
"""1-based (line, column)."""


@dataclass(frozen=True)
class TomlProblem:
    """Why a file could not be read: a message, and where when known.

    `rule` is `toml-syntax` for text that is not valid TOML, `file-unreadable`
    for a file that cannot be read or decoded at all.
    """

    message: str
    line: int | None = None
    column: int | None = None
    rule: str = "toml-syntax"


@dataclass
class ParsedToml:
    """A file's text, its values and where each key stands.

    Attributes:
        text: The decoded text, without a byte order mark.
        data: The values, as `tomllib` returns them; empty when broken.
        positions: (key path) -> (line, column) of every key and table header.
        problem: Why the text is not valid TOML, or None.
    """

    text: str
    data: dict[str, Any] = field(default_factory=dict)
    positions: dict[tuple[str, ...], Position] = field(default_factory=dict)
    problem: TomlProblem | None = None

    def position(self, path: tuple[str, ...]) -> Position | None:
        """Find the position of a key, or of the nearest enclosing key.

        Keys inside inline tables are not recorded one by one; they share the
        position of the key that holds the inline table.

        Args:
            path: The key's path, such as `("eventbus", "queue_sizes")`.

        Returns:
            (line, column), or None when no enclosing key is recorded.
        """
        for end in range(len(path), 0, -1):
            found = self.positions.get(path[:end])
            if found is not None:
                return found
        return None


_UNREADABLE = "file-unreadable"

_ERROR_AT = re.compile(r"\(at line (\d+), column (\d+)\)")
_ERROR_EOF = re.compile(r"\(at end of document\)")


def decode_toml_bytes(raw: bytes) -> tuple[str | None, TomlProblem | None]:
    """Decode a file's bytes as UTF-8, dropping a byte order mark.

    Args:
        raw: The file's bytes.

    Returns:
        (text, None), or (None, problem) naming the line of the first bad byte.
    """
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        message = (
            f"byte 0x{raw[error.start]:02x} at offset {error.start} is not UTF-8;"
            " save the file as UTF-8"
        )
        return None, TomlProblem(message, line, column, rule=_UNREADABLE)


def parse_toml(text: str) -> ParsedToml:
    """Parse TOML text strictly and locate its keys.

    Args:
        text: The text.

    Returns:
        The parsed file; `problem` is set when the text is not valid TOML.
    """
    try:
        data = loads(text)
    except tomllib.TOMLDecodeError as error:
        return ParsedToml(text, problem=_problem_of(error, text))
    except IntegerOverflowError as error:
        line, column = error.position or (None, None)
        problem = TomlProblem(f"not valid TOML: {error}", line, column)
        return ParsedToml(text, problem=problem)
    return ParsedToml(text, data, key_positions(text))


class IntegerOverflowError(ValueError):
    """TOML text holds an integer outside the signed 64-bit range.

    Attributes:
        literal: The integer as it is written, or "" when it was not found.
        position: Its (line, column), or None when it was not found.
    """

    def __init__(self, literal: str, position: Position | None) -> None:
        """Describe the integer.

        Args:
            literal: The integer as written.
            position: Where it stands.
        """
        self.literal = literal
        self.position = position
        if literal:
            super().__init__(int64_message(literal))
        else:
            super().__init__(f"an integer does not fit in 64 bits {_RANGE}")


def loads(text: str) -> dict[str, Any]:
    """Parse TOML text as `tomllib.loads` does, refusing integers beyond 64 bits.

    Args:
        text: The text.

    Returns:
        The values.

    Raises:
        tomllib.TOMLDecodeError: The text is not valid TOML.
        IntegerOverflowError: An integer does not fit in 64 bits, which TOML
            1.0 requires and Brummer's Go parser enforces.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        raise
    except ValueError:
        # Python converts no integer of more than 4300 digits
        # (sys.get_int_max_str_digits) and tomllib lets that error through.
        raise _overflow_error(text) from None
    if int64_overflow(data) is not None:
        raise _overflow_error(text)
    return data


def int64_overflow(value: Any) -> int | None:
    """Find an integer outside TOML's signed 64-bit range, in nested values.

    Args:
        value: A value as `tomllib` returns it: scalars, lists and dicts.

    Returns:
        The first such integer, or None when every integer fits.
    """
    if isinstance(value, int) and not isinstance(value, bool):
        return None if INT64_MIN <= value <= INT64_MAX else value
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        for item in value:
            found = int64_overflow(item)
            if found is not None:
                return found
    return None


def integer_literal_overflows(literal: str) -> bool:
    """Whether a TOML integer literal lies outside the signed 64-bit range.

    Unlike `int()`, this never fails on a literal thousands of digits long.

    Args:
        literal: Decimal, `0x`, `0o` or `0b`, with sign and underscores.

    Returns:
        True when the value does not fit in 64 bits.
    """
    body = literal.replace("_", "")
    sign = "-" if body.startswith("-") else ""
    body = body.lstrip("+-")
    base = {"0x": 16, "0o": 8, "0b": 2}.get(body[:2], 10)
    digits = (body[2:] if base != 10 else body).lstrip("0") or "0"
    # Beyond 64 digits no base fits, and int() is spared a huge conversion.
    if len(digits) > 64:
        return True
    return int64_overflow(int(sign + digits, base)) is not None


def int64_message(number: str) -> str:
    """Say that a number does not fit in a 64-bit integer, with the range.

    Args:
        number: The number as it is written; a very long one is shortened.

    Returns:
        The message, without a leading capital.
    """
    if len(number) > 80:
        number = f"{number[:20]}... ({len(number)} characters)"
    return f"{number} does not fit in a 64-bit integer {_RANGE}"


def _overflow_error(text: str) -> IntegerOverflowError:
    scanner = _Scanner(text, find_overflow=True)
    scanner.run()
    if scanner.overflow is None:
        return IntegerOverflowError("", None)
    position, literal = scanner.overflow
    return IntegerOverflowError(literal, position)


def _problem_of(error: tomllib.TOMLDecodeError, text: str) -> TomlProblem:
    message = str(error)
    found = _ERROR_AT.search(message)
    reason = _ERROR_AT.sub("", _ERROR_EOF.sub("", message)).strip()
    reason = f"not valid TOML: {reason[0].lower()}{reason[1:]}"
    if found:
        return TomlProblem(reason, int(found[1]), int(found[2]))
    lines = text.splitlines() or [""]
    return TomlProblem(reason + " at end of file", len(lines), len(lines[-1]) + 1)


def read_toml_file(path: Path) -> ParsedToml:
    """Read and parse a file, turning every kind of failure into a problem.

    Args:
        path: The file.

    Returns:
        The parsed file; `problem` says what went wrong, with the fix.
    """
    try:
        handle, size = open_regular_file(path)
        with handle:
            if size > MAX_FILE_BYTES:
                message = f"is {size} bytes, over the {MAX_FILE_BYTES}-byte limit"
                return ParsedToml("", problem=TomlProblem(message, rule=_UNREADABLE))
            raw = handle.read()
    except IsADirectoryError:
        directory = TomlProblem("is a directory, not a file", rule=_UNREADABLE)
        return ParsedToml("", problem=directory)
    except NotRegularFileError as error:
        message = (
            f"is {error.kind}, not a regular file, so it is not read; replace it"
            " with a regular .brum.toml file, or remove it"
        )
        return ParsedToml("", problem=TomlProblem(message, rule=_UNREADABLE))
    except OSError as error:
        reason = error.strerror or str(error)
        message = f"cannot be read ({reason}); check its permissions"
        return ParsedToml("", problem=TomlProblem(message, rule=_UNREADABLE))
    text, problem = decode_toml_bytes(raw)
    if text is None:
        return ParsedToml("", problem=problem or TomlProblem("is not UTF-8"))
    return parse_toml(text)


class NotRegularFileError(Exception):
    """A path names a FIFO, a device, a socket: something that is not a file.

    Attributes:
        path: The path.
        kind: What it is, in words: `a FIFO (named pipe)`, `a character device`.
    """

    def __init__(self, path: Path, kind: str) -> None:
        """Name the path and what it is.

        Args:
            path: The path.
            kind: What it is, as `special_file_kind` names it.
        """
        self.path = path
        self.kind = kind
        super().__init__(f"{path} is {kind}, not a regular file")


_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def special_file_kind(mode: int) -> str | None:
    """Name what a file is when it is neither a regular file nor a directory.

    Args:
        mode: `st_mode` of the file's stat result.

    Returns:
        Words such as `a FIFO (named pipe)`, or None for a regular file or a
        directory.
    """
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    for test, kind in _SPECIAL_KINDS:
        if test(mode):
            return kind
    return "a special file"


# Opening a FIFO for reading waits for a writer, and a device or a socket is
# no configuration: the path is stat'ed first and only a regular file opened.
# The open does not block either, and the file is checked again once open, in
# case another kind of file was put in its place in between.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


def open_regular_file(path: Path) -> tuple[BinaryIO, int]:
    """Open a regular file for reading; refuse anything else without opening it.

    Symbolic links are followed.

    Args:
        path: The file.

    Returns:
        The file, open in binary mode, and its size in bytes.

    Raises:
        IsADirectoryError: The path is a directory.
        NotRegularFileError: The path is a FIFO, a device, a socket or
            another file that is not regular.
        OSError: The path cannot be stat'ed or opened (missing, permissions).
    """
    _refuse_special(path, os.stat(path).st_mode)
    descriptor = os.open(path, _OPEN_FLAGS)
    try:
        status = os.fstat(descriptor)
        _refuse_special(path, status.st_mode)
    except BaseException:
        os.close(descriptor)
        raise
    return os.fdopen(descriptor, "rb"), status.st_size


def _refuse_special(path: Path, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    kind = special_file_kind(mode)
    if kind is not None:
        raise NotRegularFileError(path, kind)


_VALUE_STOP = re.compile(r"[\"'\[\]{}#\n]")
_ATOM = re.compile(r"[0-9A-Za-z_+.:-]+")
_INT_LITERAL = re.compile(r"[+-]?(?:0x[0-9A-Fa-f_]+|0o[0-7_]+|0b[01_]+|[0-9][0-9_]*)")
_KEY_FOLLOWS = re.compile(r"[ \t]*=")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]*")
_BASIC_END = re.compile(r'\\.|"', re.S)
_MULTI_BASIC_END = re.compile(r'\\.|"""', re.S)


class _Scanner:
    """Walks valid TOML text once, recording where each key starts.

    It moves by searching for the next character that matters rather than
    stepping one character at a time, since it runs on every file loaded.
    """

    def __init__(self, text: str, find_overflow: bool = False) -> None:
        self.text = text
        self.find_overflow = find_overflow
        self.overflow: tuple[Position, str] | None = None
        self.i = 0
        self.table: tuple[str, ...] = ()
        self.positions: dict[tuple[str, ...], Position] = {}
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def here(self, index: int | None = None) -> Position:
        index = self.i if index is None else index
        line = bisect.bisect_right(self.line_starts, index)
        return line, index - self.line_starts[line - 1] + 1

    def peek(self, count: int = 1) -> str:
        return self.text[self.i : self.i + count]

    def record(self, path: tuple[str, ...], start: Position) -> None:
        # Implicit tables (`[a.b]` without `[a]`, dotted keys) are located where
        # they are first mentioned.
        for end in range(1, len(path) + 1):
            self.positions.setdefault(path[:end], start)

    def skip_blank(self, newlines: bool) -> None:
        allowed = " \t\r\n" if newlines else " \t"
        while self.i < len(self.text):
            char = self.text[self.i]
            if char in allowed:
                self.i += 1
            elif char == "#":
                self.skip_line()
            else:
                break

    def skip_line(self) -> None:
        end = self.text.find("\n", self.i)
        self.i = len(self.text) if end < 0 else end

    def run(self) -> dict[tuple[str, ...], Position]:
        while True:
            self.skip_blank(newlines=True)
            if self.i >= len(self.text):
                return self.positions
            if self.peek() == "[":
                self.header()
            else:
                self.key_value(self.table)

    def header(self) -> None:
        double = self.peek(2) == "[["
        start = self.here()
        self.i += 2 if double else 1
        self.skip_blank(newlines=False)
        path = self.key()
        self.table = path
        self.record(path, start)
        self.i += 2 if double else 1
        self.skip_line()

    def key_value(self, table: tuple[str, ...]) -> None:
        start = self.here()
        path = table + self.key()
        self.record(path, start)
        self.i += 1  # the "="
        self.skip_blank(newlines=False)
        self.value()

    def key(self) -> tuple[str, ...]:
        parts = []
        while True:
            self.skip_blank(newlines=False)
            parts.append(self.key_part())
            self.skip_blank(newlines=False)
            if self.peek() != ".":
                return tuple(parts)
            self.i += 1

    def key_part(self) -> str:
        start = self.i
        if self.peek() in ('"', "'"):
            self.string()
            return str(tomllib.loads(f"k = {self.text[start : self.i]}")["k"])
        found = _BARE_KEY.match(self.text, self.i)
        self.i = found.end() if found else self.i
        return self.text[start : self.i]

    def value(self) -> None:
        depth = 0
        while True:
            found = _VALUE_STOP.search(self.text, self.i)
            end = len(self.text) if found is None else found.start()
            if self.find_overflow and self.overflow is None:
                self.look_for_overflow(end)
            if found is None:
                self.i = len(self.text)
                return
            self.i = found.start()
            char = found.group()
            if char in "\"'":
                self.string()
                continue
            if char == "#":
                self.skip_line()
                continue
            if char == "\n" and depth == 0:
                return
            depth += 1 if char in "[{" else -1 if char in "]}" else 0
            self.i += 1

    def look_for_overflow(self, end: int) -> None:
        """Find an integer too large for 64 bits in the value text up to `end`.

        Strings and comments never reach here. The text between them holds
        numbers, booleans, dates and, in inline tables, bare keys: a key is
        followed by `=`, and only a word that is an integer as a whole counts.
        """
        for atom in _ATOM.finditer(self.text, self.i, end):
            literal = atom.group()
            if not _INT_LITERAL.fullmatch(literal):
                continue
            if _KEY_FOLLOWS.match(self.text, atom.end()):
                continue
            if integer_literal_overflows(literal):
                self.overflow = self.here(atom.start()), literal
                return

    def string(self) -> None:
        quote = self.peek()
        if self.peek(3) == quote * 3:
            self.i += 3
            self.until(quote * 3)
            while self.peek() == quote:  # up to two quotes may end the content
                self.i += 1
            return
        self.i += 1
        self.until(quote)

    def until(self, closing: str) -> None:
        if closing.startswith("'"):
            end = self.text.find(closing, self.i)
            self.i = len(self.text) if end < 0 else end + len(closing)
            return
        pattern = _MULTI_BASIC_END if len(closing) == 3 else _BASIC_END
        while True:
            found = pattern.search(self.text, self.i)
            if found is None:
                self.i = len(self.text)
                return
            self.i = found.end()
            if not found.group().startswith("\\"):
                return


def key_positions(text: str) -> dict[tuple[str, ...], Position]:
    """Locate every key and table header of valid TOML text.

    Args:
        text: Text that `tomllib` accepts.

    Returns:
        (key path) -> 1-based (line, column) where the key is first written.
        Keys inside inline tables and arrays of tables are not listed one by
        one; `ParsedToml.position` falls back to the enclosing key.
    """
    return _Scanner(text).run()
