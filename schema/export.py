"""Exports: the effective configuration or a template as TOML, and JSON Schema.

The TOML is written here rather than through tomlkit because every line is
ours (no user text to preserve) and the documentation comments come from the
catalogue; values are printed with `schema.values.format_value`, and only
values of keys the catalogue does not know go through tomlkit, which prints
any TOML value.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from schema.catalogue import SECTIONS, Setting, get_setting, section_doc
from schema.layers import Resolution, Resolved
from schema.models import BrummerConfig, attach_docstrings
from schema.values import format_value

__all__ = ["json_schema", "render_effective", "render_values", "nested_values"]

_HEADER = "# Brummer concurrency configuration, exported by brum-config"


def _meta(command: str, now: datetime | None) -> list[str]:
    stamp = (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return [
        "[meta]",
        'version = "1.0"',
        f"generated_by = {format_value(command)}",
        f'generated_at = "{stamp}"',
    ]


def render_effective(
    resolution: Resolution,
    *,
    with_docs: bool = False,
    command: str = "brum-config --export-config",
    now: datetime | None = None,
) -> str:
    """Render the effective configuration as TOML, with `[meta]`.

    Args:
        resolution: The evaluated configuration.
        with_docs: Precede each setting with its documentation, default, bounds
            and the layer that set it.
        command: What `[meta] generated_by` records.
        now: The export time; the current time when omitted.

    Returns:
        The TOML text. Keys the catalogue does not know are kept, each under a
        comment saying where it came from.
    """
    items = list(resolution.resolved.values())
    return _render(items, with_docs, [_HEADER], command, now)


def render_values(
    values: dict[str, Any],
    *,
    header: Iterable[str],
    with_docs: bool = False,
    command: str,
    now: datetime | None = None,
) -> str:
    """Render a partial configuration (a template) as TOML, with `[meta]`.

    Args:
        values: Dotted key -> value, in the order to write them.
        header: Comment lines to start the file with.
        with_docs: Precede each setting with its documentation.
        command: What `[meta] generated_by` records.
        now: The export time; the current time when omitted.

    Returns:
        The TOML text.
    """
    items = [_Plain(key, value) for key, value in values.items()]
    return _render(items, with_docs, list(header), command, now)


class _Plain:
    """A value with no layer behind it, shaped like `Resolved` for rendering."""

    def __init__(self, key: str, value: Any) -> None:
        self.key, self.value, self.setting = key, value, get_setting(key)


def _render(
    items: list[Any],
    with_docs: bool,
    header: list[str],
    command: str,
    now: datetime | None,
) -> str:
    groups = _by_section(items)
    # Keys outside every table can only stand before the first table header.
    top_level = [item for section, members in groups if not section for item in members]
    lines = [*header, ""] if top_level else list(header)
    for item in top_level:
        lines.extend(_item_lines(item, "", with_docs))
    lines += ["", *_meta(command, now)]
    for section, members in groups:
        if not section:
            continue
        lines.append("")
        if with_docs and section_doc(section):
            lines.append(f"# {section_doc(section)}")
        lines.append(f"[{_toml_key(section)}]")
        for item in members:
            lines.extend(_item_lines(item, section, with_docs))
    return "\n".join(lines) + "\n"


def _by_section(items: list[Any]) -> list[tuple[str, list[Any]]]:
    groups: dict[str, list[Any]] = {}
    top_level = []
    for item in items:
        section, dot, _ = item.key.partition(".")
        if dot:
            groups.setdefault(section, []).append(item)
        else:
            top_level.append(item)
    known = [(s, groups.pop(s)) for s in SECTIONS if s in groups]
    return known + list(groups.items()) + ([("", top_level)] if top_level else [])


def _item_lines(item: Any, section: str, with_docs: bool) -> list[str]:
    name = item.key[len(section) + 1 :] if section else item.key
    line = f"{_toml_key(name)} = {_format_any(item.value)}"
    if item.setting is None:
        return [f"# Not a known setting; kept as {_origin(item)} has it.", line]
    if not with_docs:
        return [line]
    return [*_doc_lines(item.setting, item), line]


def _doc_lines(setting: Setting, item: Any) -> list[str]:
    lines = [""] + [f"# {text}" for text in _wrap(setting.doc)]
    facts = [f"Default: {_default_text(setting)}."]
    if setting.bounds_text():
        facts.append(f"Allowed: {setting.bounds_text()}.")
    if isinstance(item, Resolved):
        facts.append(f"Set by: {_origin(item)}.")
    lines.extend(f"# {text}" for text in _wrap(" ".join(facts)))
    return lines


def _default_text(setting: Setting) -> str:
    text = format_value(setting.default)
    if setting.unit:
        text += f" {setting.unit}"
    if setting.computed:
        text += f", computed as {setting.computed}"
    return text


def _origin(item: Any) -> str:
    if not isinstance(item, Resolved):
        return "the template"
    where = item.entry.where()
    if item.layer.kind == "default" or not where:
        return item.layer.name
    return f"{item.layer.name} ({where})"


def _wrap(text: str, width: int = 86) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    return lines + ([current] if current else [])


def _toml_key(name: str) -> str:
    bare = name and all(c.isalnum() or c in "_-" for c in name) and name.isascii()
    return name if bare else format_value(name)


def _format_any(value: Any) -> str:
    """Print any TOML value on one line; a table becomes an inline table."""
    if isinstance(value, bool | int | str):
        return format_value(value)
    if isinstance(value, list):
        return "[" + ", ".join(_format_any(v) for v in value) + "]"
    if isinstance(value, dict):
        items = (f"{_toml_key(str(k))} = {_format_any(v)}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    import tomlkit  # only for values of unknown keys: dates, times and floats

    return str(tomlkit.item(value).as_string())


def nested_values(resolution: Resolution) -> dict[str, Any]:
    """Return the effective configuration as nested dicts, for JSON output.

    Args:
        resolution: The evaluated configuration.

    Returns:
        `{section: {key: value}}`, unknown keys included.
    """
    return nest({key: item.value for key, item in resolution.resolved.items()})


def nest(values: dict[str, Any]) -> dict[str, Any]:
    """Turn dotted keys into tables: `{"a.b": 1}` -> `{"a": {"b": 1}}`.

    Args:
        values: Dotted key -> value; a key without a dot stays at the top.

    Returns:
        `{section: {key: value}}`.
    """
    nested: dict[str, Any] = {}
    for key, value in values.items():
        section, dot, name = key.partition(".")
        if dot:
            nested.setdefault(section, {})[name] = value
        else:
            nested[key] = value
    return nested


def json_schema() -> str:
    """Return the JSON Schema of a `.brum.toml`, for TOML editors.

    Editors such as taplo or Even Better TOML use it through a first line
    `#:schema ./brum.schema.json`.

    Returns:
        The schema as indented JSON.
    """
    attach_docstrings()
    schema = BrummerConfig.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["description"] = (
        "Brummer's concurrency configuration. Generated by brum-config"
        " --export-json-schema from its catalogue of settings."
    )
    _tidy_descriptions(schema)
    goroutines = schema["$defs"]["Resources"]["properties"]["max_goroutines"]
    goroutines["default"] = get_setting("resources.max_goroutines").default  # type: ignore[union-attr]
    return json.dumps(schema, indent=2) + "\n"


def _tidy_descriptions(node: Any) -> None:
    """Fold the line breaks of docstrings out of every description."""
    if isinstance(node, dict):
        if isinstance(node.get("description"), str):
            node["description"] = " ".join(node["description"].split())
        for child in node.values():
            _tidy_descriptions(child)
    elif isinstance(node, list):
        for child in node:
            _tidy_descriptions(child)
