"""A light choice editor: one value of a short list, changed with the arrow keys."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.events import Click
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

__all__ = ["ChoiceField"]


class ChoiceField(Widget, can_focus=True):
    """Shows `◀ value ▶` and steps through its choices.

    It stands in for a `Select`, which costs about three times as much to
    mount; a form of many rows mounts noticeably faster with this.

    Args:
        choices: The allowed values, in order.
        value: The value shown first; added to the list when it is not allowed,
            so a bad value from a file stays visible.
        id: The ID of the widget in the DOM.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "right,space,enter",
            "step_choice(1)",
            "Next",
            tooltip="Show the next allowed value.",
            id="choice-next",
            show=False,
        ),
        Binding(
            "left",
            "step_choice(-1)",
            "Previous",
            tooltip="Show the previous allowed value.",
            id="choice-previous",
            show=False,
        ),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | right, space, enter | Next allowed value. |
    | left | Previous allowed value. |
    """

    DEFAULT_CSS = """
    ChoiceField {
        height: 1;
        width: auto;
        min-width: 16;
        padding: 0 1;
        background: $boost;
        &:focus {
            background: $block-cursor-blurred-background;
            text-style: bold;
        }
    }
    """
    """A one-line field that lights up when focused."""

    value: reactive[str] = reactive("", init=False, layout=True)
    """The value shown; the field is as wide as it needs."""

    @dataclass
    class Changed(Message):
        """The person chose another value."""

        choice_field: ChoiceField
        """The field."""
        value: str
        """The value chosen."""

        @property
        def control(self) -> ChoiceField:
            """The field that posted the message."""
            return self.choice_field

    def __init__(
        self, choices: tuple[str, ...], value: str, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.choices = choices
        """The allowed values."""
        self.set_reactive(ChoiceField.value, value)

    def render(self) -> Content:
        """Render the value between arrows, with its place in the list."""
        choices = self._choices()
        place = f" {choices.index(self.value) + 1}/{len(choices)}"
        return Content.assemble(
            ("◀ ", "$foreground-muted"),
            self.value,
            (" ▶", "$foreground-muted"),
            (place, "$foreground-muted"),
        )

    def action_step_choice(self, step: int) -> None:
        """Show the next (or previous) allowed value.

        Args:
            step: 1 for the next value, -1 for the previous one.
        """
        choices = self._choices()
        index = (choices.index(self.value) + step) % len(choices)
        self.value = choices[index]
        self.post_message(self.Changed(self, self.value))

    def _on_click(self, event: Click) -> None:
        self.action_step_choice(1)

    def _choices(self) -> tuple[str, ...]:
        if self.value in self.choices:
            return self.choices
        return (self.value, *self.choices)
