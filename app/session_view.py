"""Read-only questions the editor's widgets ask of a `Session`.

The widgets never reach into the layers themselves: they ask a `SessionView`
for one row's state, a section's badges or a path as people read it. Every
answer is taken from what `schema.session` has already computed; this module
only picks and shortens.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schema.catalogue import SECTIONS
from schema.findings import Finding, Severity
from schema.layers import Layer
from schema.session import Session, list_targets

__all__ = ["FINDINGS", "RowState", "SectionSummary", "SessionView", "TargetChoice"]

FINDINGS = "findings"
"""The name of the findings list, shown after the ten sections."""


@dataclass(frozen=True)
class RowState:
    """What one setting's row shows.

    Attributes:
        in_target: Whether the target file sets the key (unsaved edits included).
        target_value: The target file's own value, or None.
        value: The effective value.
        layer: The kind of the layer that decides the value.
        where: Where the deciding value is written, shortened for display.
        findings: Findings about the key, most serious first.
        override: The layer above the target that decides the key, when an
            edit of the target cannot take effect; else None.
        override_where: Where that layer's value is written.
        left_out: Whether the target sets the key but is broken on disk, so
            that its value is left out of the resolution.
    """

    in_target: bool
    target_value: Any
    value: Any
    layer: str
    where: str
    findings: tuple[Finding, ...]
    override: str | None
    override_where: str
    left_out: bool = False

    @property
    def worst(self) -> Severity | None:
        """The most serious finding's severity, or None."""
        return self.findings[0].severity if self.findings else None


@dataclass(frozen=True)
class SectionSummary:
    """The badges of one entry in the section list.

    Attributes:
        counts: Number of findings by severity.
        changed: Number of settings whose value comes from a layer other than
            the defaults.
    """

    counts: tuple[tuple[Severity, int], ...]
    changed: int


@dataclass(frozen=True)
class TargetChoice:
    """One file the target can be.

    Attributes:
        kind: `project`, `parent` or `home`.
        spec: What `Session.open_target` takes to open it.
        shown: The path as people read it.
        exists: Whether the file exists.
        current: Whether it is the target now.
    """

    kind: str
    spec: str
    shown: str
    exists: bool
    current: bool


class SessionView:
    """Answers the widgets' questions about a session.

    Args:
        session: The editing session.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        """The editing session every answer comes from."""
        self._cwd = session.sources.cwd.absolute()
        self._home = session.sources.home.absolute()

    # Paths -------------------------------------------------------------------

    def show_path(self, path: str | Path) -> str:
        """Shorten a file path: `./x` in the project, `~/x` at home, else `../x`.

        Args:
            path: An absolute or relative path.

        Returns:
            The path as people read it; stable wherever the tree lies on disk.
        """
        target = Path(path)
        if not target.is_absolute():
            return str(target)
        for base, prefix in ((self._cwd, "."), (self._home, "~")):
            if target.is_relative_to(base):
                return f"{prefix}/{target.relative_to(base)}"
        return os.path.relpath(target, self._cwd)

    def show_source(self, source: str | None) -> str:
        """Shorten a finding's or entry's source when it is a file path.

        Args:
            source: A path, an environment variable name, an option, or None.

        Returns:
            The source as people read it; "" for None.
        """
        if not source:
            return ""
        return self.show_path(source) if os.path.isabs(source) else source

    def where(self, source: str | None, line: int | None) -> str:
        """Return `source:line` with the source shortened.

        Args:
            source: Where a value or finding is written.
            line: Its line, for files.

        Returns:
            The location, or "".
        """
        shown = self.show_source(source)
        return f"{shown}:{line}" if shown and line else shown

    def describe_layer(self, layer: Layer) -> str:
        """Return a layer's name with its file: `parent ../.brum.toml`.

        Args:
            layer: A layer.

        Returns:
            The layer as the provenance panel names it.
        """
        return (
            f"{layer.name} {self.show_path(layer.path)}" if layer.path else layer.name
        )

    def target_text(self) -> str:
        """Return the target as the header shows it: `project ./.brum.toml`.

        Returns:
            The kind and the shortened path, with `(new)` for a missing file.
        """
        target = self.session.target
        text = f"{target.kind} {self.show_path(target.path)}"
        return text if target.exists else f"{text} (new)"

    def target_choices(self) -> list[TargetChoice]:
        """List the files the target can be, nearest first.

        Returns:
            The project file, every parent's, and the home file.
        """
        current = self.session.target.path.absolute()
        return [
            TargetChoice(
                target.kind,
                str(target.path),
                self.show_path(target.path),
                target.exists,
                target.path.absolute() == current,
            )
            for target in list_targets(self.session.sources)
        ]

    # Rows and badges ---------------------------------------------------------

    def row_state(self, key: str) -> RowState:
        """Collect what a setting's row shows.

        Args:
            key: A catalogued dotted key.

        Returns:
            The row's state.
        """
        session = self.session
        resolved = session.resolution.resolved[key]
        override = session.overriding_layer(key)
        in_target = session.document.has(key)
        return RowState(
            in_target=in_target,
            target_value=session.document.get(key) if in_target else None,
            value=resolved.value,
            layer=resolved.layer.kind,
            where=self.where(resolved.entry.source, resolved.entry.line),
            findings=tuple(session.resolution.findings_for(key)),
            override=override.name if override else None,
            override_where=self._override_where(override, key),
            left_out=in_target and session.disk_problem is not None,
        )

    def _override_where(self, layer: Layer | None, key: str) -> str:
        if layer is None:
            return ""
        entry = layer.entries[key]
        return self.where(entry.source, entry.line)

    def summaries(self, unwritten: Iterable[str] = ()) -> dict[str, SectionSummary]:
        """Count each section's findings and changed settings.

        Args:
            unwritten: Keys whose fields hold text that does not parse and so
                is not written; each counts as an error of its section.

        Returns:
            Section name -> summary, for the ten sections and for `findings`
            (every finding, changed settings of all sections).
        """
        resolution = self.session.resolution
        counts: dict[str, Counter[Severity]] = {s: Counter() for s in SECTIONS}
        every = Counter(f.severity for f in resolution.findings)
        for finding in resolution.findings:
            section = (finding.key or "").partition(".")[0]
            if section in counts:
                counts[section][finding.severity] += 1
        for key in unwritten:
            counts[key.partition(".")[0]][Severity.ERROR] += 1
            every[Severity.ERROR] += 1
        changed: Counter[str] = Counter(
            item.setting.section
            for item in resolution.resolved.values()
            if item.setting is not None and not item.is_default
        )
        result = {s: _summary(counts[s], changed[s]) for s in SECTIONS}
        result[FINDINGS] = _summary(every, sum(changed.values()))
        return result

    def unknown_entries(self, section: str) -> list[tuple[str, Any, str]]:
        """List the keys of a section that the catalogue does not know.

        Args:
            section: A section name.

        Returns:
            (key, value, where) of each unknown key, as the winning layer has it.
        """
        prefix = f"{section}."
        return [
            (key, item.value, self.where(item.entry.source, item.entry.line))
            for key, item in self.session.resolution.resolved.items()
            if item.setting is None and key.startswith(prefix)
        ]

    def errors(self) -> list[Finding]:
        """Return the findings at `error` or above.

        Returns:
            The findings, most serious first.
        """
        found = [
            f for f in self.session.resolution.findings if f.severity >= Severity.ERROR
        ]
        return sorted(found, key=lambda f: -f.severity)


def _summary(counts: Counter[Severity], changed: int) -> SectionSummary:
    ordered = tuple((s, counts[s]) for s in sorted(Severity, reverse=True))
    return SectionSummary(ordered, changed)
