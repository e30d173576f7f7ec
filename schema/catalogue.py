"""Setting descriptors derived from the pydantic models in `schema.models`.

A `Setting` is everything the rest of brum-config needs to know about one key:
its kind (which decides the editor widget and how an environment variable is
parsed), default, unit, bounds, allowed values, documentation and the names it
goes by (dotted key, environment variable, `--set` form). Nothing here is
written by hand: it is all read off the models.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import annotated_types
from pydantic.fields import FieldInfo

from schema.models import MODELS, field_docs

__all__ = [
    "Kind",
    "Setting",
    "SECTIONS",
    "all_settings",
    "get_setting",
    "section_settings",
    "section_doc",
    "home_section",
    "suggest_key",
]

Kind = Literal["bool", "int", "enum", "string", "path", "auto_int", "int_list"]
"""How a setting's value is typed, edited and parsed."""

SECTIONS: tuple[str, ...] = tuple(MODELS)
"""The ten layered sections, in the specification's order."""

_UNITS = {"_ms": "ms", "_mb": "MB", "_percent": "%"}
_PATH_SUFFIXES = ("_dir", "_directory", "_file")


@dataclass(frozen=True, slots=True)
class Setting:
    """One key of one section, as the catalogue describes it.

    Attributes:
        section: Section name, such as `eventbus`.
        name: Key within the section, such as `queue_sizes`.
        kind: Value kind; see `Kind`.
        default: The default value on this machine.
        unit: Unit of a number (`ms`, `MB`, `%`), or None.
        minimum: Hard lower bound (error below it), or None.
        maximum: Hard upper bound (error above it), or None.
        advise_min: Recommended lower bound (warning below it), or None.
        advise_max: Recommended upper bound (warning above it), or None.
        choices: Allowed strings of an enum, else empty.
        requires: `(key, value)` in the same section without which the setting
            has no effect, or None.
        computed: How a machine-dependent default is computed, or None.
        order: Position in the catalogue, for sorting.
    """

    section: str
    name: str
    kind: Kind
    default: Any
    unit: str | None
    minimum: int | None
    maximum: int | None
    advise_min: int | None
    advise_max: int | None
    choices: tuple[str, ...]
    requires: tuple[str, Any] | None
    computed: str | None
    order: int

    @property
    def doc(self) -> str:
        """Documentation text, in sentences."""
        model = MODELS[self.section].__name__
        return " ".join(field_docs()[model].get(self.name, "").split())

    @property
    def key(self) -> str:
        """The dotted key, such as `eventbus.queue_sizes`."""
        return f"{self.section}.{self.name}"

    @property
    def env_var(self) -> str:
        """The environment variable that sets this setting."""
        return f"BRUMMER_{self.section}_{self.name}".upper()

    def set_form(self, value: Any | None = None) -> str:
        """Return the `--set` option that sets this setting.

        Args:
            value: The value to show; the default when omitted.

        Returns:
            Text such as `--set eventbus.queue_sizes=[100, 500, 1000]`.
        """
        from schema.values import format_value

        shown = self.default if value is None else value
        return f"--set {self.key}={format_value(shown)}"

    def bounds_text(self) -> str:
        """Describe the allowed values in a few words, for docs and forms.

        Returns:
            Text such as `1..65535, recommended >= 1024`, or "" when unbounded.
        """
        parts = []
        if self.choices:
            parts.append(" | ".join(f'"{c}"' for c in self.choices))
        if self.minimum is not None or self.maximum is not None:
            parts.append(_range_text(self.minimum, self.maximum))
        if self.advise_min is not None or self.advise_max is not None:
            parts.append("recommended " + _range_text(self.advise_min, self.advise_max))
        if self.kind == "int_list":
            parts.append("three positive, non-decreasing sizes")
        if self.kind == "auto_int":
            parts.insert(0, '"auto" or a number')
        return ", ".join(parts)


def _range_text(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"{low}..{high}" if low != high else f"exactly {low}"
    if low is not None:
        return f">= {low}"
    return f"<= {high}"


def _kind_of(name: str, annotation: Any) -> tuple[Kind, tuple[str, ...]]:
    if annotation is bool:
        return "bool", ()
    if annotation is int:
        return "int", ()
    if annotation is str:
        return ("path" if name.endswith(_PATH_SUFFIXES) else "string"), ()
    if typing.get_origin(annotation) is Literal:
        return "enum", tuple(typing.get_args(annotation))
    if typing.get_origin(annotation) is list:
        return "int_list", ()
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return "auto_int", ()
    raise TypeError(f"no setting kind for {name}: {annotation!r}")


def _bounds(field: FieldInfo, annotation: Any) -> tuple[int | None, int | None]:
    metadata = list(field.metadata)
    for arg in typing.get_args(annotation):
        metadata.extend(getattr(arg, "__metadata__", ()))
        if typing.get_origin(arg) is typing.Annotated:
            metadata.extend(arg.__metadata__)
    low = high = None
    for item in list(metadata):
        if isinstance(item, FieldInfo):
            metadata.extend(item.metadata)
    for item in metadata:
        if isinstance(item, annotated_types.Ge):
            low = int(item.ge)  # type: ignore[call-overload]
        elif isinstance(item, annotated_types.Le):
            high = int(item.le)  # type: ignore[call-overload]
    return low, high


def _requires(text: str | None) -> tuple[str, Any] | None:
    if text is None:
        return None
    key, sep, value = text.partition("=")
    return (key, value) if sep else (key, True)


def _build(section: str, name: str, field: FieldInfo, order: int) -> Setting:
    extra: dict[str, Any] = field.json_schema_extra or {}  # type: ignore[assignment]
    annotation = field.annotation
    kind, choices = _kind_of(name, annotation)
    low, high = _bounds(field, annotation)
    advise = extra.get("x-advise") or [None, None]
    unit = next((u for suffix, u in _UNITS.items() if name.endswith(suffix)), None)
    if kind == "int_list":
        low = 1
    return Setting(
        section=section,
        name=name,
        kind=kind,
        default=field.get_default(call_default_factory=True),
        unit=unit,
        minimum=low,
        maximum=high,
        advise_min=advise[0],
        advise_max=advise[1],
        choices=choices,
        requires=_requires(extra.get("x-requires")),
        computed=extra.get("x-computed"),
        order=order,
    )


@cache
def _catalogue() -> dict[str, Setting]:
    settings: dict[str, Setting] = {}
    for section, model in MODELS.items():
        for name, field in model.model_fields.items():
            setting = _build(section, name, field, len(settings))
            settings[setting.key] = setting
    return settings


def all_settings() -> list[Setting]:
    """Return every setting, in the specification's order.

    Returns:
        The settings of all ten sections.
    """
    return list(_catalogue().values())


def get_setting(key: str) -> Setting | None:
    """Look a setting up by its dotted key.

    Args:
        key: A key such as `eventbus.queue_sizes`.

    Returns:
        The setting, or None when the catalogue has no such key.
    """
    return _catalogue().get(key)


def section_settings(section: str) -> list[Setting]:
    """Return the settings of one section, in the specification's order.

    Args:
        section: A section name.

    Returns:
        Its settings; empty for an unknown section.
    """
    return [s for s in _catalogue().values() if s.section == section]


def section_doc(section: str) -> str:
    """Return one section's documentation text.

    Args:
        section: A section name.

    Returns:
        The section model's docstring, or "" for an unknown section.
    """
    model = MODELS.get(section)
    return " ".join((model.__doc__ or "").split()) if model else ""


def home_section(name: str) -> str | None:
    """Return the section a setting name belongs to, if it is in exactly one.

    Args:
        name: A setting name without its section, such as `enable_alerts`.

    Returns:
        The section, or None when no section (or more than one) has it.
    """
    sections = [s.section for s in _catalogue().values() if s.name == name]
    return sections[0] if len(sections) == 1 else None


def suggest_key(section: str, name: str) -> str | None:
    """Suggest the known key closest to a misspelt one.

    Args:
        section: The section the key was found in.
        name: The unknown key.

    Returns:
        The closest key of that section, or None when nothing is close.
    """
    import difflib  # only when a key is misspelt

    names = [s.name for s in section_settings(section)]
    matches = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    return matches[0] if matches else None
