"""One setting of a section form: key, editor, badges and documentation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Input, Static, Switch

from app.badges import (
    SEVERITY_GLYPHS,
    SEVERITY_STYLES,
    layer_badge,
    severity_badge,
    show_value,
)
from app.session_view import RowState, SessionView
from app.widgets.form.choice_field import ChoiceField
from app.widgets.form.path_suggester import PathSuggester
from app.widgets.form.queue_sizes_field import QueueSizesField
from app.widgets.form.row_head import RowHead
from schema.catalogue import Setting
from schema.findings import Severity

__all__ = ["SettingRow"]

Editor = Input | Switch | ChoiceField | QueueSizesField
"""The widgets that edit one value."""


class SettingRow(Vertical):
    """Edits one setting of the target file and shows where its value comes from.

    The row's classes tell its state to the stylesheet: `-set` when the target
    file sets the key, `-overridden` when a higher layer decides it, and
    `-invalid` while the typed text cannot be read for the setting's type.

    Args:
        setting: The catalogue's setting.
        state: What the row shows first.
        view: The session's view, for paths.
    """

    @dataclass
    class Changed(Message):
        """The person changed the value; `text` is what the editor holds.

        An empty `text` asks for the key to be removed from the target.
        """

        setting_row: SettingRow
        """The row."""
        text: str
        """The typed value, as text."""

        @property
        def control(self) -> SettingRow:
            """The row that posted the message."""
            return self.setting_row

        @property
        def key(self) -> str:
            """The dotted key of the row's setting."""
            return self.setting_row.setting.key

    def __init__(self, setting: Setting, state: RowState, view: SessionView) -> None:
        super().__init__(id=_row_id(setting.key))
        self.setting = setting
        """The setting this row edits."""
        self.state = state
        """What the row shows."""
        self.parse_error: str | None = None
        """Why the typed text was not written, or None."""
        self._view = view
        self._last_text = self._editor_text()
        self._apply_classes()

    def compose(self) -> ComposeResult:
        """Compose the head line, the editor and the notes."""
        yield RowHead(self._head_left(), self._head_right())
        yield self._make_editor()
        yield Static(self._notes(), classes="notes")

    # State --------------------------------------------------------------------

    def show_state(self, state: RowState, *, force: bool = False) -> None:
        """Show a new state; the editor's text is kept while it is being edited.

        Args:
            state: The new state.
            force: Also replace the editor's text, even while it has focus and
                holds text that was not written (after undo, reset and the
                like), and forget a parse error.
        """
        if force:
            self.parse_error = None
        if state == self.state and not force:
            return
        self.state = state
        if (force or not self.has_focus_within) and not self._typing_in_flight():
            self._fill_editor()
            self._last_text = self._editor_text()
        self._repaint()

    def _typing_in_flight(self) -> bool:
        """Whether the field holds typed text that has not been announced yet.

        Keys are taken in by the `Input` before its `Changed` reaches the
        session, so a refresh in between (a file reloaded on disk, say) would
        put back the older text, and the keys still on their way would land
        in the wrong place. The announced text catches up in a moment.
        """
        if not self.is_mounted:
            return False
        editor = self.query_one(".editor")
        return isinstance(editor, Input) and editor.value.strip() != self._last_text

    def show_parse_error(self, error: str | None) -> None:
        """Show (or clear) why the typed text was not written.

        Args:
            error: The parser's message, or None when the text was written.
        """
        if error != self.parse_error:
            self.parse_error = error
            self._repaint()

    def focus_editor(self, *, scroll_visible: bool = True) -> None:
        """Focus the row's editor.

        Args:
            scroll_visible: Scroll the editor into view.
        """
        editor = self.query_one(".editor")
        if isinstance(editor, QueueSizesField):
            editor = editor.query(Input).first()
        editor.focus(scroll_visible=scroll_visible)

    def _repaint(self) -> None:
        self._apply_classes()
        if self.is_mounted:
            self.query_one(RowHead).show(self._head_left(), self._head_right())
            self.query_one(".notes", Static).update(self._notes())
            editor = self.query_one(".editor")
            if isinstance(editor, Input):
                # The inherited value it shows when empty follows the layers,
                # also while the field is being typed into.
                editor.placeholder = self._placeholder()

    def _apply_classes(self) -> None:
        self.set_class(self.state.in_target, "-set")
        self.set_class(self.state.override is not None, "-overridden")
        self.set_class(self.parse_error is not None, "-invalid")

    # The head line and the notes ----------------------------------------------

    def _head_left(self) -> Content:
        marker = Content.styled("● ", "$text-accent") if self.state.in_target else "  "
        name = Content.styled(self.setting.name, "bold" if self.state.in_target else "")
        return Content.assemble(marker, name)

    def _head_right(self) -> Content:
        if self.parse_error is not None:
            status = Content.styled("✖ invalid", SEVERITY_STYLES[Severity.ERROR])
        else:
            status = severity_badge(self.state.worst)
        return Content.assemble(self._layer_text(), "  ", status)

    def _layer_text(self) -> Content:
        state = self.state
        if state.left_out:
            return Content.assemble(
                ("left out", "$text-error"),
                (" · from ", "$foreground-muted"),
                layer_badge(state.layer),
            )
        if state.override is not None and state.in_target:
            return Content.assemble(
                layer_badge(state.layer), (" wins", "$text-warning")
            )
        prefix = "set in " if state.in_target else "from "
        return Content.assemble((prefix, "$foreground-muted"), layer_badge(state.layer))

    def _notes(self) -> Content:
        lines = [Content.styled(self.setting.doc, "$foreground-muted")]
        lines.append(Content.styled(self._defaults_text(), "$foreground-muted italic"))
        if self.parse_error is not None:
            message = f"✖ {self.parse_error}; not written"
            lines.append(Content.styled(message, "$text-error"))
        if self.state.override is not None:
            lines.append(Content.styled(self._override_text(), "$text-warning"))
        if self.state.left_out:
            text = (
                "⚠ the target file is broken on disk, so this value is left out:"
                f" {self.state.layer} decides ({_text(self.state.value)}) until the"
                " file is fixed"
            )
            lines.append(Content.styled(text, "$text-error"))
        for finding in self.state.findings:
            glyph = SEVERITY_GLYPHS[finding.severity]
            where = self._view.where(finding.source, finding.line)
            text = f"{glyph} {finding.message}" + (f"  ({where})" if where else "")
            lines.append(Content.styled(text, SEVERITY_STYLES[finding.severity]))
        return Content("\n").join(lines)

    def _defaults_text(self) -> str:
        setting = self.setting
        parts = [f"in {setting.unit}"] if setting.unit else []
        default = f"default {show_value(setting.default)}"
        parts.append(f"{default} ({setting.computed})" if setting.computed else default)
        if setting.bounds_text():
            parts.append(setting.bounds_text())
        return " · ".join(parts)

    def _override_text(self) -> str:
        where = f" at {self.state.override_where}" if self.state.override_where else ""
        return (
            f"⚠ {self.state.override}{where} decides this value:"
            " an edit here does not take effect"
        )

    # The editor ---------------------------------------------------------------

    def _make_editor(self) -> Widget:
        kind = self.setting.kind
        state = self.state
        if kind == "bool":
            editor: Widget = Switch(state.value is True)
        elif kind == "enum":
            editor = ChoiceField(self.setting.choices, _text(state.value))
        elif kind == "int_list":
            editor = QueueSizesField(_list(state.target_value), _list(state.value))
        else:
            editor = Input(
                _text(state.target_value) if state.in_target else "",
                placeholder=self._placeholder(),
                suggester=self._suggester(),
                compact=True,
            )
        editor.add_class("editor")
        return editor

    def _suggester(self) -> SuggestFromList | PathSuggester | None:
        if self.setting.kind == "auto_int":
            return SuggestFromList(["auto"])
        if self.setting.kind == "path":
            return PathSuggester(self._view.session.sources.cwd)
        return None

    def _placeholder(self) -> str:
        return f"{_text(self.state.value)}  (from {self.state.layer})"

    def _fill_editor(self) -> None:
        if not self.is_mounted:
            return
        editor = self.query_one(".editor")
        state = self.state
        with self.prevent(Input.Changed, Switch.Changed, ChoiceField.Changed):
            if isinstance(editor, Switch):
                editor.value = state.value is True
            elif isinstance(editor, ChoiceField):
                editor.value = _text(state.value)
            elif isinstance(editor, QueueSizesField):
                editor.show(_list(state.target_value), _list(state.value))
            elif isinstance(editor, Input):
                text = _text(state.target_value) if state.in_target else ""
                if editor.value != text:
                    editor.value = text
                    editor.cursor_position = len(text)  # typing goes on at the end

    def _editor_text(self) -> str:
        """The text the editor holds for the current state, as it would post it."""
        state = self.state
        kind = self.setting.kind
        if kind in ("bool", "enum"):
            return _text(state.value)
        if kind == "int_list":
            sizes = _list(state.target_value) if state.in_target else None
            return ",".join(str(size) for size in sizes) if sizes else ""
        return _text(state.target_value) if state.in_target else ""

    # Editor messages ----------------------------------------------------------

    @on(Input.Changed, ".editor")
    def _input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._announce(event.value.strip())

    @on(Switch.Changed)
    def _switch_changed(self, event: Switch.Changed) -> None:
        event.stop()
        self._announce("true" if event.value else "false")

    @on(ChoiceField.Changed)
    def _choice_changed(self, event: ChoiceField.Changed) -> None:
        event.stop()
        self._announce(event.value)

    @on(QueueSizesField.Changed)
    def _queue_sizes_changed(self, event: QueueSizesField.Changed) -> None:
        event.stop()
        self._announce(event.text)

    def _announce(self, text: str) -> None:
        """Post `Changed` when the text differs from what the editor last held.

        An `Input` posts `Changed` for the value it is created with, and the
        editors post again when their text is set back after undo; neither is
        an edit.
        """
        if text != self._last_text:
            self._last_text = text
            self.post_message(self.Changed(self, text))


def _row_id(key: str) -> str:
    return "row-" + key.replace(".", "--")


def _text(value: Any) -> str:
    """A value as a person types it: strings without quotes."""
    if value is None:
        return ""
    return value if isinstance(value, str) else show_value(value)


def _list(value: Any) -> list[Any] | None:
    return value if isinstance(value, list) else None
