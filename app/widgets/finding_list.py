"""Every finding, grouped by severity under a heading per group."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from app.badges import SEVERITY_GLYPHS, SEVERITY_STYLES
from app.session_view import SessionView
from schema.findings import Finding, Severity

__all__ = ["FindingList"]


class FindingList(OptionList):
    """Lists the findings under `critical`, `error`, `warning` and `info` headings.

    Each finding shows its severity, the key (or the file), the rule, the
    message, and the layer with the file and line it comes from.

    Args:
        view: The session's view.
        id: The ID of the widget in the DOM.
    """

    @dataclass
    class Chosen(Message):
        """A finding was chosen (enter or click)."""

        finding_list: FindingList
        """The list."""
        finding: Finding
        """The finding."""

        @property
        def control(self) -> FindingList:
            """The list that posted the message."""
            return self.finding_list

    def __init__(self, view: SessionView, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._view = view
        self._shown: dict[str, Finding] = {}

    def on_mount(self) -> None:
        """Fill the list."""
        self.show_findings()

    def show_findings(self) -> None:
        """Show the session's findings as they are now."""
        findings = self._view.session.resolution.findings
        previous = self.highlighted
        options: list[Option] = []
        self._shown = {}
        for severity in sorted(Severity, reverse=True):
            group = [f for f in findings if f.severity == severity]
            if group:
                options.append(_heading(severity, len(group)))
            for finding in group:
                option_id = f"finding-{len(self._shown)}"
                self._shown[option_id] = finding
                options.append(Option(self._prompt(finding), id=option_id))
        self.set_options(options or [_empty()])
        self.highlighted = self._nearest_finding(previous or 1)

    def _nearest_finding(self, index: int) -> int | None:
        """The finding at `index`, or the nearest one above it (not a heading)."""
        if not self._shown:
            return None
        index = min(index, self.option_count - 1)
        while index > 0 and self.get_option_at_index(index).disabled:
            index -= 1
        return index if not self.get_option_at_index(index).disabled else 1

    def _prompt(self, finding: Finding) -> Content:
        subject = finding.key or self._view.show_source(finding.source) or "file"
        where = self._view.where(finding.source, finding.line)
        head = Content.assemble(
            (SEVERITY_GLYPHS[finding.severity], SEVERITY_STYLES[finding.severity]),
            " ",
            (subject, "bold"),
            (f"  [{finding.rule}]", "$foreground-muted"),
        )
        place = Content.assemble(
            "  ",
            (finding.layer or "", "$text-secondary"),
            ("  " + where if where else "", "$foreground-muted"),
        )
        return Content("\n").join([head, Content("  " + finding.message), place])

    @on(OptionList.OptionSelected)
    def _choose(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        finding = self._shown.get(event.option.id or "")
        if finding is not None:
            self.post_message(self.Chosen(self, finding))


def _heading(severity: Severity, count: int) -> Option:
    text = f"{SEVERITY_GLYPHS[severity]} {severity} · {count}"
    style = f"bold {SEVERITY_STYLES[severity]} reverse"
    return Option(Content.styled(f" {text} ", style), disabled=True)


def _empty() -> Option:
    return Option(Content.styled("✔ No findings.", "$text-success"), disabled=True)
