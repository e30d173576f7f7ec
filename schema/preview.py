"""What a template (or another file) would change in the target file.

A preview lists every setting whose value in the target file the template
would change, with the value and layer that decide it now, and whether writing
the template's value changes the effective value at all: a value written into
the project file has no effect while an environment variable or the command
line sets the same key. The editor's preview screen and the headless
`--config NAME --show-diff` and `--config NAME --write --dry-run` all use it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from schema.catalogue import get_setting, home_section
from schema.layers import Resolution, cli_config_layer
from schema.values import format_value

if TYPE_CHECKING:
    from schema.session import Session

__all__ = [
    "Preview",
    "PreviewRow",
    "SourceError",
    "compare_values",
    "load_source",
    "preview",
]


class SourceError(ValueError):
    """A template name or file that cannot be previewed; the message says why."""


@dataclass(frozen=True)
class PreviewRow:
    """One setting a template would change in the target file.

    Attributes:
        key: The dotted key.
        in_target: Whether the target file sets the key now.
        current: The target file's own value, or None when it has none.
        effective: The effective value now.
        effective_layer: The layer that decides it now.
        proposed: The template's value.
        effective_after: The effective value once the row is applied.
        winner_after: The layer that decides it then.
    """

    key: str
    in_target: bool
    current: Any
    effective: Any
    effective_layer: str
    proposed: Any
    effective_after: Any
    winner_after: str

    @property
    def takes_effect(self) -> bool:
        """Whether applying the row changes the effective value."""
        return bool(self.effective_after != self.effective)

    @property
    def shadowed(self) -> bool:
        """Whether a layer above the target decides the key even afterwards."""
        return bool(self.effective_after != self.proposed)

    def effect(self) -> str:
        """Say in a few words what applying the row does to the effective value.

        Returns:
            `changes`, `no effect: <layer> wins` or `already in effect`.
        """
        if self.shadowed:
            return f"no effect: {self.winner_after} wins"
        return "changes" if self.takes_effect else "already in effect"

    def format(self) -> str:
        """Return `key: old (layer) -> new`, with the effect when it is not a change.

        Returns:
            One line of text.
        """
        line = (
            f"{self.key}: {format_value(self.effective)} ({self.effective_layer})"
            f" -> {format_value(self.proposed)}"
        )
        return line if self.takes_effect else f"{line}  [{self.effect()}]"

    def to_json(self) -> dict[str, Any]:
        """Return the row as a JSON-ready dict.

        Returns:
            Its fields and its effect.
        """
        return {
            "key": self.key,
            "in_target": self.in_target,
            "current": self.current,
            "effective": self.effective,
            "effective_layer": self.effective_layer,
            "proposed": self.proposed,
            "effective_after": self.effective_after,
            "winner_after": self.winner_after,
            "takes_effect": self.takes_effect,
            "effect": self.effect(),
        }


@dataclass(frozen=True)
class Preview:
    """A template compared with the target file.

    Attributes:
        source: The template's long name or the file's path, as shown.
        rows: The settings it would change, in catalogue order.
        skipped: Keys of the source that are not settings and are not
            written, each with the reason.
    """

    source: str
    rows: tuple[PreviewRow, ...]
    skipped: tuple[str, ...] = ()


def load_source(source: str, cwd: Path) -> tuple[str, dict[str, Any], list[str]]:
    """Read the values of a template name or a `.brum.toml` path.

    Args:
        source: A template name (`production`, `prod`, ...) or a file path.
        cwd: Where a relative path is looked up.

    Returns:
        (name to show, settable values by dotted key, notes on skipped keys).

    Raises:
        SourceError: No such template or file, or the file is broken.
    """
    layer = cli_config_layer(source, cwd)
    if layer.broken:
        finding = layer.findings[0]
        where = f"{finding.location()}: " if finding.source else ""
        raise SourceError(where + finding.message)
    values, skipped = {}, []
    for key, entry in layer.entries.items():
        if get_setting(key) is not None:
            values[key] = entry.value
        else:
            skipped.append(_skip_note(key))
    name = layer.name.removeprefix("--config ")
    return name, values, skipped


def _skip_note(key: str) -> str:
    section, _, name = key.partition(".")
    elsewhere = home_section(name) if name else None
    if elsewhere:
        return f"{key}: not a setting of [{section}] (it belongs in [{elsewhere}])"
    return f"{key}: not a setting"


def preview(session: Session, source: str) -> Preview:
    """Compare a template or file with the session's target file.

    Args:
        session: The session; its pending edits count as the target's content.
        source: A template name or a file path.

    Returns:
        The preview; rows whose value the target already has are left out.

    Raises:
        SourceError: The source cannot be read.
    """
    name, values, skipped = load_source(source, session.sources.cwd)
    return compare_values(session, name, values, tuple(skipped))


def compare_values(
    session: Session,
    name: str,
    values: dict[str, Any],
    skipped: tuple[str, ...] = (),
) -> Preview:
    """Compare values to be written (a template's, `--set`'s) with the target.

    Args:
        session: The session; its pending edits count as the target's content.
        name: What to call the values.
        values: Dotted key -> value, settings only.
        skipped: Notes on the source's keys that are left out.

    Returns:
        The preview; rows whose value the target already has are left out.
    """
    changing = {
        key: value
        for key, value in values.items()
        if not (session.document.has(key) and session.document.get(key) == value)
    }
    after = session.evaluate_with(changing)
    rows = tuple(_row(session, after, key, value) for key, value in changing.items())
    return Preview(name, rows, skipped)


def _row(session: Session, after: Resolution, key: str, proposed: Any) -> PreviewRow:
    now = session.resolution[key]
    then = after[key]
    return PreviewRow(
        key=key,
        in_target=session.document.has(key),
        current=session.document.get(key),
        effective=now.value,
        effective_layer=now.layer.name,
        proposed=proposed,
        effective_after=then.value,
        winner_after=then.layer.name,
    )
