"""Discover, load and merge the layers of a Brummer configuration.

Layers, lowest priority first; a later layer's value wins over an earlier one:

1. `default`: the catalogue's built-in defaults.
2. `home`: `~/.brum.toml`.
3. `parent`: the `.brum.toml` of every ancestor of the working directory, from
   the root down; nearer ancestors win. An ancestor that is the home directory
   is the `home` layer, not a second `parent`.
4. `project`: `./.brum.toml`.
5. `env`: `BRUMMER_<SECTION>_<SETTING>` variables (see `schema.environment`).
6. `cli`: `--config NAME|PATH` (a template or a file), then `--set KEY=VALUE`,
   which wins over everything.

Values merge key by key; an array is replaced whole. Loading never raises on
bad input: a file that cannot be read or is not valid TOML becomes a broken
layer with a `critical` finding and contributes no values, and the other layers
still load. Keys that the catalogue does not know are kept, reported and shown.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from schema.catalogue import (
    SECTIONS,
    Setting,
    all_settings,
    get_setting,
    home_section,
    suggest_key,
)
from schema.findings import Finding, Severity
from schema.templates import resolve_template_name, template_text
from schema.toml_file import ParsedToml, parse_toml, read_toml_file
from schema.values import check_type, format_value, parse_toml_value

__all__ = [
    "CONFIG_NAME",
    "Entry",
    "Layer",
    "LayerKind",
    "Resolution",
    "Resolved",
    "Sources",
    "cli_config_layer",
    "default_layer",
    "discover_files",
    "file_layer",
    "load_layers",
    "resolve",
    "set_layer",
    "text_layer",
]

log = logging.getLogger(__name__)

CONFIG_NAME = ".brum.toml"
"""The file name of every configuration layer file."""

LayerKind = Literal["default", "home", "parent", "project", "env", "cli"]
"""The kinds of layer, lowest priority first."""

LAYER_KINDS: tuple[LayerKind, ...] = (
    "default",
    "home",
    "parent",
    "project",
    "env",
    "cli",
)
"""Every layer kind, lowest priority first."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One value as one layer gives it.

    Attributes:
        key: Dotted key, such as `eventbus.queue_sizes`.
        value: The value.
        source: Where it is written: a file path, a variable name, an option.
        line: 1-based line in a file, else None.
        column: 1-based column in a file, else None.
    """

    key: str
    value: Any
    source: str | None = None
    line: int | None = None
    column: int | None = None

    def where(self) -> str:
        """Return `source:line`, or the source alone, or "".

        Returns:
            The location as people read it.
        """
        if self.source is None:
            return ""
        return f"{self.source}:{self.line}" if self.line else self.source


@dataclass
class Layer:
    """One source of values.

    Attributes:
        kind: The layer kind.
        name: A short name: the kind, or the option for command-line layers.
        path: The file of a file layer, else None.
        entries: Dotted key -> entry, for known settings and unknown keys.
        findings: What loading found: syntax, unknown keys, bad types.
        broken: The layer could not be loaded and contributes nothing.
        parsed: The parsed text of a file or template layer.
    """

    kind: LayerKind
    name: str
    path: Path | None = None
    entries: dict[str, Entry] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    broken: bool = False
    parsed: ParsedToml | None = None

    def describe(self) -> str:
        """Return the layer as people name it: `project (/p/.brum.toml)`.

        Returns:
            The name, with the file for file layers.
        """
        return f"{self.name} ({self.path})" if self.path else self.name

    def finding(
        self, severity: Severity, rule: str, message: str, **where: Any
    ) -> None:
        """Record a finding about this layer.

        Args:
            severity: How serious it is.
            rule: The rule id.
            message: What is wrong and the fix.
            **where: `key`, `source`, `line`, `column` as in `Finding`.
        """
        where.setdefault("source", str(self.path) if self.path else None)
        self.findings.append(Finding(severity, rule, message, layer=self.name, **where))


@dataclass(frozen=True)
class Sources:
    """Everything the layers are discovered from.

    Attributes:
        cwd: The working directory (the project).
        home: The home directory.
        environ: The environment variables.
        config: `--config NAME|PATH`, or None.
        sets: The `--set KEY=VALUE` options, in order.
    """

    cwd: Path
    home: Path
    environ: Mapping[str, str] = field(default_factory=dict)
    config: str | None = None
    sets: tuple[str, ...] = ()


def discover_files(cwd: Path, home: Path) -> list[tuple[LayerKind, Path]]:
    """List the layer files that may exist, lowest priority first.

    Files are listed whether or not they exist, so that callers can watch for
    one being created.

    Args:
        cwd: The working directory.
        home: The home directory.

    Returns:
        (kind, path) pairs: home, the parents from the root down, the project.
    """
    cwd, home = cwd.resolve(), home.resolve()
    if cwd == home:
        return [("home", home / CONFIG_NAME)]
    found: list[tuple[LayerKind, Path]] = [("home", home / CONFIG_NAME)]
    for ancestor in reversed(cwd.parents):
        if ancestor != home:
            found.append(("parent", ancestor / CONFIG_NAME))
    found.append(("project", cwd / CONFIG_NAME))
    return found


def default_layer() -> Layer:
    """Return the layer of built-in defaults.

    Returns:
        A layer with every catalogued setting.
    """
    layer = Layer("default", "default")
    for setting in all_settings():
        layer.entries[setting.key] = Entry(setting.key, setting.default, "default")
    return layer


def file_layer(kind: LayerKind, path: Path, name: str | None = None) -> Layer:
    """Load one `.brum.toml` as a layer.

    Args:
        kind: The layer kind.
        path: The file.
        name: The layer name; the kind when omitted.

    Returns:
        The layer; broken, with a critical finding, when the file cannot be read
        or is not valid TOML.
    """
    layer = Layer(kind, name or kind, path)
    _fill(layer, read_toml_file(path), str(path))
    log.debug("layer %r loaded from %s: %d keys", layer.name, path, len(layer.entries))
    return layer


def text_layer(kind: LayerKind, name: str, text: str, source: str) -> Layer:
    """Load TOML text (a template, an unsaved buffer) as a layer.

    Args:
        kind: The layer kind.
        name: The layer name.
        text: The TOML text.
        source: What findings and provenance name as the source.

    Returns:
        The layer.
    """
    layer = Layer(kind, name)
    _fill(layer, parse_toml(text), source)
    return layer


def _fill(layer: Layer, parsed: ParsedToml, source: str) -> None:
    layer.parsed = parsed
    if parsed.problem is not None:
        layer.broken = True
        problem = parsed.problem
        fix = "; its values are left out until it is fixed"
        layer.finding(
            Severity.CRITICAL,
            problem.rule,
            problem.message + fix,
            source=source,
            line=problem.line,
            column=problem.column,
        )
        return
    for path, value in _leaves(layer, parsed.data, source):
        line, column = parsed.position(path) or (None, None)
        key = ".".join(path)
        layer.entries[key] = Entry(key, value, source, line, column)
        _check_entry(layer, layer.entries[key])


def _leaves(
    layer: Layer, data: dict[str, Any], source: str
) -> Iterable[tuple[tuple[str, ...], Any]]:
    """Yield (path, value) for every setting-level value of a parsed file."""
    for section, table in data.items():
        if section == "meta":
            continue
        if section in SECTIONS and not isinstance(table, dict):
            _report_not_table(layer, section, table, source)
            yield (section,), table
        elif isinstance(table, dict):
            for name, value in table.items():
                yield (section, name), value
        else:
            yield (section,), table


def _report_not_table(layer: Layer, section: str, value: Any, source: str) -> None:
    line, column = _position(layer, (section,))
    layer.finding(
        Severity.ERROR,
        "type",
        f"[{section}] must be a table, not {format_value(value)}",
        key=section,
        source=source,
        line=line,
        column=column,
    )


def _position(layer: Layer, path: tuple[str, ...]) -> tuple[int | None, int | None]:
    found = layer.parsed.position(path) if layer.parsed else None
    return found or (None, None)


def _check_entry(layer: Layer, entry: Entry) -> None:
    """Report an unknown key or a value of the wrong type."""
    where = {"key": entry.key, "source": entry.source, "line": entry.line}
    where["column"] = entry.column
    section, _, name = entry.key.partition(".")
    setting = get_setting(entry.key)
    if setting is not None:
        problem = check_type(setting, entry.value)
        if problem:
            layer.finding(Severity.ERROR, "type", problem, **where)
    elif section in SECTIONS and name:
        layer.finding(
            Severity.WARNING, "unknown-key", _unknown_key(section, name), **where
        )
    elif section not in SECTIONS:
        _report_outside_sections(layer, section, name, where)


def _report_outside_sections(
    layer: Layer, section: str, name: str, where: dict[str, Any]
) -> None:
    """Report a key of an unknown table, or one outside every table."""
    if not name and _sections_with(section):
        message = _unknown_key(None, section)
        layer.finding(Severity.WARNING, "unknown-key", message, **where)
        return
    close = _close_section(section) if name else None
    if close is not None:
        message = (
            f"[{section}] is not one of Brummer's sections, so this key has no"
            f" effect; did you mean [{close}]?"
        )
        layer.finding(Severity.WARNING, "section-typo", message, **where)
        return
    message = "not a Brummer concurrency setting; brum-config keeps it as it is"
    layer.finding(Severity.INFO, "unknown-section", message, **where)


def _close_section(section: str) -> str | None:
    import difflib  # only when a section is unknown

    # Stricter than for keys: a table of one's own such as [server] or [debug]
    # is kept on purpose and must not be called a typo of [proxy_server].
    matches = difflib.get_close_matches(section, SECTIONS, n=1, cutoff=0.75)
    return matches[0] if matches else None


def _sections_with(name: str) -> list[str]:
    return [s.section for s in all_settings() if s.name == name]


def _unknown_key(section: str | None, name: str) -> str:
    place = f"[{section}]" if section else "the top level"
    message = f"{place} has no setting {name!r}; Brummer ignores it"
    elsewhere = home_section(name)
    if elsewhere:
        return message + f" (it is a setting of [{elsewhere}]: move it there)"
    if section is None:
        listed = " and ".join(f"[{home}]" for home in _sections_with(name))
        return message + f" (it is a setting of {listed}: move it into one of them)"
    suggestion = suggest_key(section, name)
    if suggestion:
        message += f" (did you mean {suggestion!r}?)"
    return message


def cli_config_layer(config: str, cwd: Path) -> Layer:
    """Load `--config NAME|PATH`: a template by name, else a file.

    Args:
        config: The option's value.
        cwd: Where a relative path is looked up.

    Returns:
        The layer; broken with a critical finding when there is neither a
        template nor a readable file of that name.
    """
    template = resolve_template_name(config)
    if template is not None:
        source = f"template {template}"
        return text_layer(
            "cli", f"--config {template}", template_text(template), source
        )
    path = cwd / os.path.expanduser(config)  # `~user` unknown: left as it is
    if not config.strip() or not path.exists():
        layer = Layer("cli", f"--config {config}", path)
        message = (
            f"--config {config}: no such file and no such template;"
            " templates are development, production and testing"
        )
        if not config.strip():
            message = (
                "--config is empty: give a template (development, production,"
                " testing) or the path of a .brum.toml"
            )
        layer.broken = True
        where = config.strip() or None
        layer.finding(Severity.CRITICAL, "file-unreadable", message, source=where)
        return layer
    return file_layer("cli", path, name=f"--config {config}")


def set_layer(assignments: Iterable[str]) -> Layer:
    """Build the layer of `--set KEY=VALUE` options.

    Args:
        assignments: The options' values, in order; a later one wins.

    Returns:
        The layer; a malformed option is an error finding and is left out.
    """
    layer = Layer("cli", "--set")
    for text in assignments:
        source = f"--set {text}"
        key, sep, raw = text.partition("=")
        key = key.strip()
        try:
            if not sep or not key:
                raise ValueError(
                    "write it as KEY=VALUE, e.g. eventbus.worker_pool_size=8"
                )
            value = parse_toml_value(raw)
        except ValueError as error:
            layer.finding(
                Severity.ERROR, "cli-value", str(error), key=key or None, source=source
            )
            continue
        layer.entries[key] = Entry(key, value, source)
        checked = len(layer.findings)
        _check_entry(layer, layer.entries[key])
        _warn_unknown_sets(layer, checked)
    return layer


def _warn_unknown_sets(layer: Layer, start: int) -> None:
    """Make an unknown section typed on the command line a warning.

    In a file it is kept and merely noted; typed as `--set`, it is almost
    certainly a mistake, and an info finding is never printed on stderr.
    """
    for index in range(start, len(layer.findings)):
        finding = layer.findings[index]
        if finding.rule == "unknown-section":
            layer.findings[index] = replace(
                finding,
                severity=Severity.WARNING,
                rule="cli-unknown",
                message="not one of Brummer's sections, so the option sets nothing"
                " Brummer reads; check the key's spelling",
            )


def load_layers(sources: Sources, extra: Iterable[Layer] = ()) -> list[Layer]:
    """Discover and load every layer, lowest priority first.

    Args:
        sources: Where to look.
        extra: Layers to put on top of the command line's (e.g. a file being
            tested with `--test-config`).

    Returns:
        The default layer, the existing files, env, and command-line layers.
    """
    from schema.environment import env_layer

    layers = [default_layer()]
    for kind, path in discover_files(sources.cwd, sources.home):
        if path.exists() or path.is_symlink():
            layers.append(file_layer(kind, path))
    layers.append(env_layer(sources.environ))
    if sources.config is not None:
        layers.append(cli_config_layer(sources.config, sources.cwd))
    if sources.sets:
        layers.append(set_layer(sources.sets))
    layers.extend(extra)
    return layers


@dataclass(frozen=True)
class Resolved:
    """One key's effective value and everything it shadows.

    Attributes:
        key: The dotted key.
        setting: The catalogue's setting, or None for an unknown key.
        entry: The winning entry.
        layer: The layer it comes from.
        shadowed: (layer, entry) of every lower layer that sets the key,
            highest priority first.
    """

    key: str
    setting: Setting | None
    entry: Entry
    layer: Layer
    shadowed: tuple[tuple[Layer, Entry], ...] = ()

    @property
    def value(self) -> Any:
        """The effective value."""
        return self.entry.value

    @property
    def is_default(self) -> bool:
        """Whether the value comes from the built-in defaults."""
        return self.layer.kind == "default"


@dataclass
class Resolution:
    """The merged configuration: every key's winner, plus every finding.

    Attributes:
        layers: The layers, lowest priority first.
        resolved: Dotted key -> resolution; catalogue keys in the
            specification's order, then unknown keys in the order first seen.
        findings: Findings of the layers and of validation.
    """

    layers: list[Layer]
    resolved: dict[str, Resolved]
    findings: list[Finding] = field(default_factory=list)

    def __getitem__(self, key: str) -> Resolved:
        return self.resolved[key]

    def value(self, key: str) -> Any:
        """Return a key's effective value.

        Args:
            key: A dotted key.

        Returns:
            The value.
        """
        return self.resolved[key].value

    def values(self) -> dict[str, Any]:
        """Return every effective value by dotted key.

        Returns:
            A flat dict.
        """
        return {key: item.value for key, item in self.resolved.items()}

    def worst(self) -> Severity | None:
        """Return the highest severity among the findings, or None.

        Returns:
            The severity.
        """
        return max((f.severity for f in self.findings), default=None)

    def findings_for(self, key: str) -> list[Finding]:
        """Return the findings about one key.

        Args:
            key: A dotted key.

        Returns:
            Its findings, most serious first.
        """
        found = [f for f in self.findings if f.key == key]
        return sorted(found, key=lambda f: -f.severity)


def resolve(layers: list[Layer]) -> Resolution:
    """Merge layers into a resolution, without validating it.

    Args:
        layers: The layers, lowest priority first.

    Returns:
        The resolution; its findings are the layers' own.
    """
    stacks: dict[str, list[tuple[Layer, Entry]]] = {}
    for layer in layers:
        if layer.broken:
            continue
        for key, entry in layer.entries.items():
            stacks.setdefault(key, []).append((layer, entry))
    resolved = {}
    for key, stack in stacks.items():
        layer, entry = stack[-1]
        shadowed = tuple(reversed(stack[:-1]))
        resolved[key] = Resolved(key, get_setting(key), entry, layer, shadowed)
        if shadowed:
            log.debug("layer %r set %s (was %r)", layer.name, key, shadowed[0][0].name)
    findings = [finding for layer in layers for finding in layer.findings]
    return Resolution(layers, resolved, findings)
