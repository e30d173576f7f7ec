"""Comparing two evaluations: which effective values a layer changes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from schema.layers import Resolution, Resolved
from schema.values import format_value

__all__ = ["Change", "compare"]


@dataclass(frozen=True)
class Change:
    """One effective value that differs between two evaluations.

    Attributes:
        key: The dotted key.
        old: The value before, or None when the key was not set at all.
        old_layer: The layer it came from before, or None.
        new: The value after, or None when the key is gone.
        new_layer: The layer it comes from after, or None.
    """

    key: str
    old: Any
    old_layer: str | None
    new: Any
    new_layer: str | None

    def format(self) -> str:
        """Return `key: old (layer) -> new (layer)`.

        Returns:
            One line of text.
        """
        old = "(unset)" if self.old_layer is None else format_value(self.old)
        new = "(unset)" if self.new_layer is None else format_value(self.new)
        old_layer, new_layer = self.old_layer or "-", self.new_layer or "-"
        return f"{self.key}: {old} ({old_layer}) -> {new} ({new_layer})"

    def to_json(self) -> dict[str, Any]:
        """Return the change as a JSON-ready dict.

        Returns:
            Its fields.
        """
        return {
            "key": self.key,
            "old": self.old,
            "old_layer": self.old_layer,
            "new": self.new,
            "new_layer": self.new_layer,
        }


def compare(before: Resolution, after: Resolution) -> list[Change]:
    """List the effective values that differ, in catalogue order.

    Args:
        before: The evaluation without the change.
        after: The evaluation with it.

    Returns:
        One change per key whose effective value differs.
    """
    changes = []
    keys = list(before.resolved) + [
        k for k in after.resolved if k not in before.resolved
    ]
    for key in keys:
        old, new = before.resolved.get(key), after.resolved.get(key)
        if _value(old) != _value(new) or (old is None) != (new is None):
            changes.append(
                Change(key, _value(old), _layer(old), _value(new), _layer(new))
            )
    return changes


def _value(item: Resolved | None) -> Any:
    return None if item is None else item.value


def _layer(item: Resolved | None) -> str | None:
    return None if item is None else item.layer.name
