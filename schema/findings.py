"""Findings: what validation and loading have to say about a configuration."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

__all__ = ["Finding", "Severity"]


class Severity(IntEnum):
    """How serious a finding is; ordered, so `severity >= Severity.ERROR` works."""

    INFO = 0
    WARNING = 1
    ERROR = 2
    CRITICAL = 3

    def __str__(self) -> str:
        return self.name.lower()


@dataclass(frozen=True, slots=True)
class Finding:
    """One validation result.

    Attributes:
        severity: How serious it is.
        rule: Stable id of the rule that produced it, such as `range`.
        message: What is wrong and what to do about it.
        key: The dotted setting or unknown key it concerns, or None for a
            finding about a whole file or variable.
        layer: Label of the layer it concerns (`project`, `env`, ...), or None.
        source: Where the value lives: a file path, an environment variable
            name or a command-line option; None when nothing more precise.
        line: 1-based line in `source`, for files.
        column: 1-based column in `source`, for files.
    """

    severity: Severity
    rule: str
    message: str
    key: str | None = None
    layer: str | None = None
    source: str | None = None
    line: int | None = None
    column: int | None = None

    def location(self) -> str:
        """Return `source:line:col`, as compilers print it.

        Returns:
            The location, or the layer name when there is no source.
        """
        if self.source is None:
            return self.layer or "configuration"
        parts = [self.source]
        if self.line is not None:
            parts.append(str(self.line))
            parts.append(str(self.column or 1))
        return ":".join(parts)

    def format(self) -> str:
        """Return `FILE:LINE:COL: severity [rule-id] key: message`.

        Returns:
            One line of text.
        """
        subject = f" {self.key}:" if self.key else ""
        return (
            f"{self.location()}: {self.severity} [{self.rule}]{subject} {self.message}"
        )

    def to_json(self) -> dict[str, object]:
        """Return the finding as a JSON-ready dict.

        Returns:
            Its fields, with the severity as a word.
        """
        return {
            "severity": str(self.severity),
            "rule": self.rule,
            "key": self.key,
            "message": self.message,
            "layer": self.layer,
            "source": self.source,
            "line": self.line,
            "column": self.column,
        }
