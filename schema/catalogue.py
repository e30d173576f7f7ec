"""Setting descriptors: what the rest of brum-config knows about each key.

A `Setting` is everything needed about one key: its kind (which decides the
editor widget and how an environment variable is parsed), default, unit,
bounds, allowed values, documentation and the names it goes by (dotted key,
environment variable, `--set` form). Nothing here is written by hand: it is
read off the pydantic models in `schema.models` by `schema.catalogue_build`,
which writes it to `schema.catalogue_data` as plain Python data. Loading that
data instead of building the models keeps pydantic out of every start-up (it
was most of a headless command's time and a third of the editor's); a test
fails whenever the data and the models disagree.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from schema import catalogue_data
from schema.defaults import computed_max_goroutines

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

SECTIONS: tuple[str, ...] = catalogue_data.SECTIONS
"""The ten layered sections, in the specification's order."""

MACHINE_DEFAULTS: dict[str, Callable[[], Any]] = {
    "resources.max_goroutines": computed_max_goroutines,
}
"""Defaults computed for the machine when the catalogue is first used."""


@dataclass(frozen=True, slots=True)
class Setting:
    """One key of one section, as the catalogue describes it.

    Attributes:
        section: Section name, such as `eventbus`.
        name: Key within the section, such as `queue_sizes`.
        kind: Value kind; see `Kind`.
        default: The default value on this machine.
        doc: Documentation text, in sentences.
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
    doc: str
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
    def key(self) -> str:
        """The dotted key, such as `eventbus.queue_sizes`."""
        return f"{self.section}.{self.name}"

    @property
    def env_var(self) -> str:
        """The environment variable that sets this setting."""
        return f"BRUMMER_{self.section}_{self.name}".upper()

    def set_form(self, value: Any | None = None) -> str:
        """Return the `--set` option that sets this setting, ready for a shell.

        A string that `--set` reads back as itself stays a bare word, an
        array has no spaces, and the option is quoted where a shell would
        otherwise split or expand it.

        Args:
            value: The value to show; the default when omitted.

        Returns:
            Text such as `--set 'eventbus.queue_sizes=[100,500,1000]'`.
        """
        import shlex

        from schema.values import format_value, parse_toml_value

        shown = self.default if value is None else value
        if isinstance(shown, list):
            text = "[" + ",".join(format_value(item) for item in shown) + "]"
        else:
            text = format_value(shown)
        if isinstance(shown, str):
            try:
                if parse_toml_value(shown) == shown:
                    text = shown
            except ValueError:
                pass  # not a bare word: the quoted TOML string it is
        return "--set " + shlex.quote(f"{self.key}={text}")

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


@cache
def _catalogue() -> dict[str, Setting]:
    settings: dict[str, Setting] = {}
    for order, row in enumerate(catalogue_data.SETTINGS):
        key = f"{row['section']}.{row['name']}"
        default = row["default"]
        if key in MACHINE_DEFAULTS:
            default = MACHINE_DEFAULTS[key]()
        requires = row["requires"]
        settings[key] = Setting(
            section=row["section"],
            name=row["name"],
            kind=row["kind"],
            default=copy.deepcopy(default),
            doc=row["doc"],
            unit=row["unit"],
            minimum=row["minimum"],
            maximum=row["maximum"],
            advise_min=row["advise_min"],
            advise_max=row["advise_max"],
            choices=tuple(row["choices"]),
            requires=tuple(requires) if requires else None,
            computed=row["computed"],
            order=order,
        )
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
    return catalogue_data.SECTION_DOCS.get(section, "")


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
