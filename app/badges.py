"""The small coloured marks the editor uses: severities, layers and counts.

Every style names a theme variable, so the badges follow the chosen theme.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.content import Content

from schema.findings import Severity
from schema.values import format_value

__all__ = [
    "LAYER_STYLES",
    "SEVERITY_GLYPHS",
    "SEVERITY_STYLES",
    "counted",
    "counts_badge",
    "layer_badge",
    "severity_badge",
    "show_value",
]

SEVERITY_GLYPHS = {
    Severity.INFO: "ℹ",
    Severity.WARNING: "▲",
    Severity.ERROR: "✖",
    Severity.CRITICAL: "‼",
}
"""One glyph per severity, so badges read without colour too."""

SEVERITY_STYLES = {
    Severity.INFO: "$text-primary",
    Severity.WARNING: "$text-warning",
    Severity.ERROR: "$text-error",
    Severity.CRITICAL: "bold $text-error",
}
"""The style of each severity's text."""


def counted(count: int, noun: str) -> str:
    """Count something in words: `1 key`, `3 keys`.

    Args:
        count: How many.
        noun: The singular; the plural adds an `s`.

    Returns:
        The count and the noun, plural unless the count is one.
    """
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def severity_count(count: int, severity: Severity) -> str:
    """Count findings of one severity in words: `1 error`, `2 errors`, `2 info`.

    Args:
        count: How many.
        severity: Their severity.

    Returns:
        The count and the severity, plural where English has one.
    """
    if count == 1 or severity in (Severity.INFO, Severity.CRITICAL):
        return f"{count} {severity}"
    return f"{count} {severity}s"


LAYER_STYLES = {
    "default": "$foreground-muted",
    "home": "$text-secondary",
    "parent": "$text-secondary",
    "project": "$text-primary",
    "env": "$text-warning",
    "cli": "$text-accent",
}
"""The style of each layer kind's badge."""

OK_STYLE = "$text-success"
"""The style of the badge of a value without findings."""


def severity_badge(severity: Severity | None, *, word: bool = True) -> Content:
    """Return the validation badge: `✔ ok` or the worst severity.

    Args:
        severity: The worst finding's severity, or None when there is none.
        word: Whether to add the severity's name after the glyph.

    Returns:
        The badge.
    """
    if severity is None:
        return Content.styled("✔ ok" if word else "✔", OK_STYLE)
    glyph = SEVERITY_GLYPHS[severity]
    text = f"{glyph} {severity}" if word else glyph
    return Content.styled(text, SEVERITY_STYLES[severity])


def layer_badge(kind: str) -> Content:
    """Return the badge of the layer a value comes from.

    Args:
        kind: The layer kind (`default`, `home`, ...).

    Returns:
        The badge, such as `env` in the env layer's colour.
    """
    return Content.styled(kind, LAYER_STYLES.get(kind, ""))


def counts_badge(counts: Iterable[tuple[Severity, int]], *, zeros: bool) -> Content:
    """Return `‼1 ✖2 ▲3 ℹ4` for the non-zero counts (or all, with zeros).

    Args:
        counts: (severity, count) pairs, most serious first.
        zeros: Whether to show severities without findings.

    Returns:
        The badges, separated by spaces; `✔ ok` when there are no findings.
    """
    parts = [
        Content.styled(f"{SEVERITY_GLYPHS[s]}{n}", SEVERITY_STYLES[s] if n else "")
        for s, n in counts
        if n or zeros
    ]
    if not any(n for _, n in counts) and not zeros:
        return severity_badge(None)
    return Content(" ").join(parts)


def show_value(value: Any) -> str:
    """Write a value as it would stand in a `.brum.toml`.

    Args:
        value: A setting's value.

    Returns:
        TOML text such as `true`, `8`, `"auto"` or `[100, 500, 1000]`.
    """
    return format_value(value)
