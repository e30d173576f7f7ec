"""The editor of `eventbus.queue_sizes`: three numbers, high, medium and low."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Static

__all__ = ["QueueSizesField"]

PRIORITIES = ("high", "medium", "low")
"""The three queues, in the order the list holds them."""


class QueueSizesField(Horizontal):
    """Three number fields for the priority queues' sizes.

    An empty field stands for the inherited size, shown as its placeholder;
    all three empty mean "not set in this file".

    Args:
        sizes: The sizes this file sets, or None when it sets none.
        inherited: The sizes shown when a field is empty.
    """

    DEFAULT_CSS = """
    QueueSizesField {
        height: 1;
        width: auto;
        & > .queue-label {
            width: auto;
            margin-right: 1;
            color: $foreground-muted;
        }
        & > Input {
            width: 9;
            margin-right: 2;
        }
    }
    """
    """Three compact fields side by side, each after its queue's name."""

    @dataclass
    class Changed(Message):
        """A size was typed; `text` is the list as `100,500,1000` (or "")."""

        queue_sizes_field: QueueSizesField
        """The field."""
        text: str
        """The three sizes, comma-separated; "" when all fields are empty."""

        @property
        def control(self) -> QueueSizesField:
            """The field that posted the message."""
            return self.queue_sizes_field

    def __init__(self, sizes: list[Any] | None, inherited: list[Any]) -> None:
        super().__init__()
        self._sizes = sizes
        self._inherited = inherited

    def compose(self) -> ComposeResult:
        """Compose one field per queue."""
        for index, priority in enumerate(PRIORITIES):
            # A label of its own: a placeholder would go as soon as one types.
            yield Static(priority, classes="queue-label")
            field = Input(compact=True, id=f"queue-{priority}", tooltip=priority)
            self._fill(field, index)
            yield field

    def show(self, sizes: list[Any] | None, inherited: list[Any]) -> None:
        """Show other sizes without posting `Changed`.

        Args:
            sizes: The sizes this file sets, or None when it sets none.
            inherited: The sizes shown when a field is empty.
        """
        self._sizes, self._inherited = sizes, inherited
        with self.prevent(Input.Changed):
            for index, field in enumerate(self.query(Input)):
                self._fill(field, index)

    def focus_first(self) -> None:
        """Focus the first field."""
        self.query(Input).first().focus()

    def _fill(self, field: Input, index: int) -> None:
        field.value = _item(self._sizes, index)
        field.placeholder = _item(self._inherited, index)

    @on(Input.Changed)
    def _announce(self, event: Input.Changed) -> None:
        event.stop()
        fields = list(self.query(Input))
        if not any(field.value.strip() for field in fields):
            self.post_message(self.Changed(self, ""))
            return
        texts = [
            field.value.strip() or _item(self._inherited, index)
            for index, field in enumerate(fields)
        ]
        self.post_message(self.Changed(self, ",".join(texts)))


def _item(values: list[Any] | None, index: int) -> str:
    if not isinstance(values, list) or index >= len(values):
        return ""
    return str(values[index])
