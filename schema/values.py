"""Reading, checking and printing single setting values.

Values arrive in three forms: TOML values from files, TOML value syntax from
`--set KEY=VALUE`, and free text from `BRUMMER_*` environment variables. Each
parser returns the value or raises `ValueError` with a message a person can act
on; callers turn that into a finding.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

from schema.catalogue import Setting
from schema.toml_file import int64_message, integer_literal_overflows, loads

__all__ = [
    "check_type",
    "format_value",
    "parse_env_value",
    "parse_text_value",
    "parse_toml_value",
]

_INTEGER = re.compile(r"[+-]?[0-9]+")
_TRUE = {"true", "1", "yes", "on"}
_FALSE = {"false", "0", "no", "off"}


def format_value(value: Any) -> str:
    """Print a value in TOML syntax.

    Args:
        value: A bool, int, float, str or list of those.

    Returns:
        TOML text such as `true`, `8`, `"auto"` or `[100, 500, 1000]`.
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(format_value(v) for v in value) + "]"
    if isinstance(value, dict):
        items = ", ".join(
            f"{_toml_key(k)} = {format_value(v)}" for k, v in value.items()
        )
        return "{" + items + "}"
    return str(value)


def _toml_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    for char, escape in (("\n", "\\n"), ("\t", "\\t"), ("\r", "\\r")):
        escaped = escaped.replace(char, escape)
    # Other control characters may not stand in a TOML string as they are.
    escaped = _CONTROL.sub(lambda m: f"\\u{ord(m[0]):04x}", escaped)
    return f'"{escaped}"'


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_BARE_KEY = re.compile("[A-Za-z0-9_-]+")


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _toml_string(key)


def parse_toml_value(text: str) -> Any:
    """Parse one value written in TOML syntax, as `--set` takes it.

    A bare word that is not valid TOML (`--set eventbus.backpressure_strategy=
    block`) is taken as a string, as people type it in a shell.

    Args:
        text: The text after `=`.

    Returns:
        The value.

    Raises:
        ValueError: The text is neither a TOML value nor a bare word.
    """
    try:
        # An integer beyond 64 bits raises IntegerOverflowError, a ValueError.
        return loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        stripped = text.strip()
        if stripped and not any(c in stripped for c in "[]{}\"'=,\n"):
            return stripped
        raise ValueError(f"{text!r} is not a TOML value{_hint(stripped)}") from None


def _hint(text: str) -> str:
    """How to write what was probably meant: an array, or a quoted string."""
    if not text:
        return "; give a value after '='"
    if "," in text and not text.startswith(("[", "{", '"', "'")):
        return f"; write an array in brackets: [{text}]"
    if not text.startswith(("[", "{")):
        return f"; put a string in double quotes: {_toml_string(text)}"
    return ""


def parse_env_value(setting: Setting, text: str) -> Any:
    """Parse an environment variable's text as a value of `setting`.

    Args:
        setting: The setting the variable names.
        text: The variable's value.

    Returns:
        The value, typed for the setting.

    Raises:
        ValueError: The text cannot be read as the setting's type.
    """
    raw = text.strip()
    if setting.kind == "bool":
        if raw.lower() in _TRUE:
            return True
        if raw.lower() in _FALSE:
            return False
        raise ValueError(
            f"{text!r} is not a boolean: use true/false, 1/0, yes/no or on/off"
        )
    if setting.kind == "int":
        return _parse_int(raw)
    if setting.kind == "auto_int":
        return "auto" if raw.lower() == "auto" else _parse_int(raw, allow_auto=True)
    if setting.kind == "int_list":
        return _parse_int_list(raw)
    return raw


parse_text_value = parse_env_value
"""Parse text a person typed into the editor; the same rules as the environment."""


def _parse_int(raw: str, allow_auto: bool = False) -> int:
    # Plain ASCII digits only, as Brummer's own parser (Go's strconv.Atoi) takes
    # them; Python's int() would also accept "1_000" and other scripts' digits.
    if _INTEGER.fullmatch(raw):
        # Brummer's Go integers stop at 64 bits, as TOML's do.
        if integer_literal_overflows(raw):
            raise ValueError(int64_message(raw))
        return int(raw)
    hint = ' or "auto"' if allow_auto else ""
    raise ValueError(f"{raw!r} is not a whole number{hint}")


def _parse_int_list(raw: str) -> list[int]:
    problem = ValueError(
        f"{raw!r} is not a list of whole numbers, such as 100,500,1000"
    )
    if raw.startswith("["):
        try:
            value = loads(f"v = {raw}")["v"]
        except tomllib.TOMLDecodeError:
            raise ValueError(f"{raw!r} is not a TOML array") from None
        # A float, a boolean, a string or a nested array is refused, not
        # truncated, converted or passed on unchecked.
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
            raise problem
        return list(value)
    parts = [part.strip() for part in raw.split(",")]
    if not all(_INTEGER.fullmatch(part) for part in parts):
        raise problem
    return [_parse_int(part) for part in parts]


def check_type(setting: Setting, value: Any) -> str | None:
    """Check that a value has the type a setting takes.

    Args:
        setting: The setting.
        value: A value from any layer.

    Returns:
        None when the type fits, else a message saying what is expected.
    """
    kind = setting.kind
    is_int = isinstance(value, int) and not isinstance(value, bool)
    if kind == "bool" and not isinstance(value, bool):
        return f"expected true or false, got {_describe(value)}"
    if kind == "int" and not is_int:
        return f"expected a whole number, got {_describe(value)}"
    if kind == "auto_int" and not (is_int or value == "auto"):
        return f'expected "auto" or a whole number, got {_describe(value)}'
    if kind in ("string", "path", "enum") and not isinstance(value, str):
        return f"expected a string, got {_describe(value)}"
    if kind == "int_list":
        ok = isinstance(value, list) and all(
            isinstance(v, int) and not isinstance(v, bool) for v in value
        )
        if not ok:
            return f"expected a list of whole numbers, got {_describe(value)}"
    return None


def _describe(value: Any) -> str:
    names = {bool: "a boolean", int: "a number", float: "a decimal number"}
    name = names.get(type(value))
    if name:
        return f"{name} ({format_value(value)})"
    if isinstance(value, str):
        return f"the string {format_value(value)}"
    if isinstance(value, list):
        return f"an array ({format_value(value)})"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__
