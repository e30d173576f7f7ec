"""Every finding of every layer, with where it comes from; Enter jumps to it."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from app.badges import SEVERITY_GLYPHS, SEVERITY_STYLES
from app.session_view import SessionView
from schema.catalogue import get_setting
from schema.findings import Finding

__all__ = ["FindingsView"]


class FindingsView(OptionList):
    """Lists the findings, most serious first, each with its file and line.

    Findings about a whole file (a broken layer) or a variable that is not a
    setting are listed too: they belong to no row of any form.

    Args:
        view: The session's view.
        id: The ID of the widget in the DOM.
    """

    @dataclass
    class Chosen(Message):
        """A finding about a catalogued setting was chosen."""

        findings_view: FindingsView
        """The list."""
        key: str
        """The setting's dotted key."""

        @property
        def control(self) -> FindingsView:
            """The list that posted the message."""
            return self.findings_view

    def __init__(self, view: SessionView, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._view = view
        self._shown: list[Finding] = []
        self.stale = False
        """Whether the session changed while the list was hidden."""

    def on_mount(self) -> None:
        """Fill the list."""
        self.show_findings()

    def show_findings(self) -> None:
        """Show the session's findings, keeping the highlighted line."""
        findings = sorted(
            self._view.session.resolution.findings, key=lambda f: -f.severity
        )
        self.stale = False
        if findings == self._shown:
            return
        self._shown = findings
        highlighted = self.highlighted or 0
        self.set_options([self._option(f) for f in findings] or [self._empty()])
        if findings:
            self.highlighted = min(highlighted, len(findings) - 1)

    def _option(self, finding: Finding) -> Option:
        style = SEVERITY_STYLES[finding.severity]
        glyph = SEVERITY_GLYPHS[finding.severity]
        subject = finding.key or self._view.show_source(finding.source) or "file"
        where = self._view.where(finding.source, finding.line)
        head = Content.assemble(
            (f"{glyph} {finding.severity}", style),
            "  ",
            (subject, "bold"),
            (f"  [{finding.rule}]", "$foreground-muted"),
        )
        place = Content.styled(f"{finding.layer or ''}  {where}", "$foreground-muted")
        lines = [head, Content(finding.message), place, Content("")]
        return Option(Content("\n").join(lines))

    @staticmethod
    def _empty() -> Option:
        return Option(Content.styled("✔ No findings.", "$text-success"), disabled=True)

    @on(OptionList.OptionSelected)
    def _choose(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if not self._shown:
            return
        finding = self._shown[event.option_index]
        if finding.key is not None and get_setting(finding.key) is not None:
            self.post_message(self.Chosen(self, finding.key))
        else:
            self.notify(finding.message, title=finding.location(), timeout=6)
