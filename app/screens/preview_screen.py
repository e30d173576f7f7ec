"""What a template or another `.brum.toml` would change in the target, row by row.

Everything shown is computed by `schema.preview` and `Session`: the rows and
their effect, the unified diff of the target's text and the findings the
chosen values would raise. This screen only ticks rows and applies them as
ordinary edits; saving is left to the editor's usual save.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.suggester import Suggester
from textual.widgets import Footer, Input, Label, SelectionList, Static

from app.badges import SEVERITY_GLYPHS, SEVERITY_STYLES, counted
from app.dialogs.confirm_dialog import ConfirmDialog
from app.messages import SessionReloaded
from app.session_view import SessionView
from app.widgets.diff_view import DiffView
from app.widgets.form.path_suggester import PathSuggester
from app.widgets.preview_list import PreviewList
from schema.document import DocumentError
from schema.findings import Finding, Severity
from schema.preview import Preview, SourceError, preview
from schema.templates import TEMPLATES

__all__ = ["PreviewScreen"]


class PreviewScreen(Screen[int]):
    """Compares a template or a file with the target; applies the rows taken.

    Dismisses with the number of settings applied (0 when backing out).

    Args:
        view: The session's view.
        source: The template name or file path to compare first.
    """

    CSS_PATH = Path(__file__).with_name("review.tcss")
    """Shared with the findings and effective-configuration screens."""
    AUTO_FOCUS = "#preview-rows"

    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [
        (0, "-narrow"),
        (120, "-wide"),
    ]
    """From 120 columns the diff stands beside the rows, else below them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+y",
            "apply_preview",
            "Apply",
            tooltip="Set the rows taken in the target as unsaved edits; save as usual.",
            id="preview-apply",
        ),
        Binding(
            "escape",
            "close_preview",
            "Back",
            tooltip="Back to the editor; nothing is applied.",
            id="preview-back",
        ),
        Binding(
            "ctrl+o",
            "choose_source",
            "Source",
            tooltip="Type another template name or .brum.toml path to compare.",
            id="preview-choose-source",
        ),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | space, enter | Take the highlighted row, or leave it out. |
    | a / n | Take every row / leave every row out. |
    | ctrl+o | Type another template or file to compare. |
    | ctrl+y | Apply the rows taken as unsaved edits (asks first on errors). |
    | escape | Back to the editor without applying. |
    """

    def __init__(self, view: SessionView, source: str = TEMPLATES[0]) -> None:
        super().__init__()
        self.view = view
        """The session's view; the session is changed only by applying."""
        self.source = source
        """The template name or file path compared."""
        self.result: Preview | None = None
        """The preview shown, or None before a source could be read."""
        self._taken: set[str] = set()
        self._effects_pending = False

    def compose(self) -> ComposeResult:
        """Compose the title, the source field, the rows, the diff and the footer."""
        yield Static(id="preview-title", classes="review-title")
        with Horizontal(id="preview-source"):
            yield Label("Compare with", id="preview-source-label")
            yield Input(
                self.source,
                placeholder="development, production, testing or a .brum.toml path",
                suggester=_SourceSuggester(self.view.session.sources.cwd),
                compact=True,
                id="preview-source-input",
            )
        with Horizontal(id="preview-body"):
            with Vertical(id="preview-left"):
                yield PreviewList(id="preview-rows")
                yield Static(id="preview-notes")
            yield DiffView("Take a row to see the diff.", id="preview-diff")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Show the first source."""
        self.show_source(self.source)

    # Showing -----------------------------------------------------------------

    def show_source(self, source: str) -> bool:
        """Compare another template or file; a bad one is reported and not shown.

        Args:
            source: A template name or a file path.

        Returns:
            Whether it could be read.
        """
        try:
            result = preview(self.view.session, source.strip())
        except (SourceError, OSError) as error:
            self.notify(
                str(error), title="Cannot compare", severity="error", markup=False
            )
            return False
        self.source = source.strip()
        self._taken = {row.key for row in result.rows}
        self._show(result)
        return True

    def refresh_preview(self) -> None:
        """Compare the same source again, keeping the rows left out."""
        if self.result is None:
            return
        left_out = {row.key for row in self.result.rows} - self._taken
        try:
            result = preview(self.view.session, self.source)
        except (SourceError, OSError) as error:
            self.notify(str(error), title="Cannot compare", markup=False)
            return
        self._taken = {row.key for row in result.rows} - left_out
        self._show(result)

    def chosen(self) -> dict[str, Any]:
        """Return the values of the rows taken.

        Returns:
            Dotted key -> the template's value.
        """
        if self.result is None:
            return {}
        rows = self.result.rows
        return {row.key: row.proposed for row in rows if row.key in self._taken}

    def raised_findings(self) -> list[Finding]:
        """Return the findings the chosen values would raise.

        Returns:
            Findings of the configuration with the rows applied that it does
            not have now, most serious first.
        """
        session = self.view.session
        after = session.evaluate_with(self.chosen()).findings
        before = {_identity(f) for f in session.resolution.findings}
        raised = [f for f in after if _identity(f) not in before]
        return sorted(raised, key=lambda f: -f.severity)

    def _show(self, result: Preview) -> None:
        self.result = result
        title = Content.assemble(
            ("Template preview  ", "bold $text-accent"),
            (result.source, "bold"),
            " compared with ",
            self.view.target_text(),
        )
        self.query_one("#preview-title", Static).update(title)
        self.query_one(PreviewList).show_rows(result.rows, self._taken)
        self._show_effects()

    def _show_effects(self) -> None:
        self._effects_pending = False
        session = self.view.session
        self.query_one(DiffView).show_diff(session.diff_with(self.chosen()))
        self.query_one("#preview-notes", Static).update(self._notes())

    def _notes(self) -> Content:
        assert self.result is not None
        rows = self.result.rows
        count = f"{len(self._taken)} of {len(rows)} rows taken"
        nothing = "nothing to change: the target already has these values"
        lines = [Content.styled(count if rows else nothing, "bold")]
        lines.extend(self._raised_lines())
        lines.extend(
            Content.styled(f"skipped {note}", "$foreground-muted")
            for note in self.result.skipped
        )
        return Content("\n").join(lines)

    def _raised_lines(self) -> list[Content]:
        raised = self.raised_findings()
        if raised:
            heading = Content.styled("Findings these values raise:", "bold")
            return [heading, *(_finding_line(f) for f in raised)]
        if self._taken:
            return [Content.styled("✔ no new findings", "$text-success")]
        return []

    # Handlers ----------------------------------------------------------------

    @on(SelectionList.SelectedChanged, "#preview-rows")
    def _rows_taken(self, event: SelectionList.SelectedChanged[str]) -> None:
        taken = set(event.selection_list.selected)
        if taken == self._taken:
            return  # the echo of filling the list
        self._taken = taken
        if not self._effects_pending:
            # Evaluating and diffing takes a while on a large file; the list
            # redraws first, and toggles made before then are shown together.
            self._effects_pending = True
            self.call_after_refresh(self._show_effects)

    @on(Input.Submitted, "#preview-source-input")
    def _source_submitted(self, event: Input.Submitted) -> None:
        if self.show_source(event.value):
            self.query_one(PreviewList).focus()
        elif self.result is not None:
            # The rows are still the old source's: the field says so too, so
            # that applying them is not taken for applying the one refused.
            event.input.value = self.source
            self.notify(f"Still comparing {self.result.source}.", timeout=4)

    def on_session_reloaded(self, _event: SessionReloaded) -> None:
        """Compare again: the target or a layer changed on disk."""
        self.refresh_preview()

    # Actions -----------------------------------------------------------------

    def action_close_preview(self) -> None:
        """Back to the editor without applying."""
        self.dismiss(0)

    def action_choose_source(self) -> None:
        """Focus the source field, its text selected for typing over."""
        field = self.query_one("#preview-source-input", Input)
        field.focus()
        field.select_all()

    @work(exclusive=True, group="preview-apply")
    async def action_apply_preview(self) -> None:
        """Apply the rows taken as edits; ask first when they raise errors."""
        chosen = self.chosen()
        if not chosen:
            self.notify("Take at least one row first.", timeout=3)
            return
        # Every finding raised is on the screen already; like saving, ask only
        # about those at error or above.
        raised = [f for f in self.raised_findings() if f.severity >= Severity.ERROR]
        if raised and not await self.app.push_screen_wait(_findings_dialog(raised)):
            return
        try:
            self.view.session.set_values(chosen)
        except (DocumentError, ValueError, TypeError) as error:
            self.notify(str(error), title="Not applied", severity="error", markup=False)
            return
        self.dismiss(len(chosen))


class _SourceSuggester(Suggester):
    """Completes template names first, then paths."""

    def __init__(self, cwd: Path) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self._paths = PathSuggester(cwd)

    async def get_suggestion(self, value: str) -> str | None:
        template = next((t for t in TEMPLATES if value and t.startswith(value)), None)
        return template or await self._paths.get_suggestion(value)


def _identity(finding: Finding) -> tuple[Any, ...]:
    return (finding.rule, finding.key, finding.layer, finding.message)


def _finding_line(finding: Finding) -> Content:
    glyph = SEVERITY_GLYPHS[finding.severity]
    return Content.assemble(
        (f"{glyph} {finding.severity}", SEVERITY_STYLES[finding.severity]),
        " ",
        (finding.key or "", "bold"),
        f": {finding.message}",
    )


def _findings_dialog(raised: list[Finding]) -> ConfirmDialog:
    raise_count = counted(len(raised), "finding")
    lines = [f"The values taken raise {raise_count} at error or above:"]
    lines += [
        f"  {f.severity} {f.key or f.location()}: {f.message}" for f in raised[:5]
    ]
    lines += ["  …"] if len(raised) > 5 else []
    body = Content("\n".join(lines))
    return ConfirmDialog("Apply with findings?", body, yes="Apply anyway")
