"""Completes paths in an `Input` from the directories on disk."""

from __future__ import annotations

import os
from pathlib import Path

from textual.suggester import Suggester

__all__ = ["PathSuggester"]


class PathSuggester(Suggester):
    """Suggests the first directory entry that completes the typed path.

    Args:
        base: The directory relative paths are completed in.
    """

    def __init__(self, base: Path) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self._base = base

    async def get_suggestion(self, value: str) -> str | None:
        """Complete the last part of `value` from its directory's entries.

        Args:
            value: The text typed so far.

        Returns:
            The completed path, or None when nothing completes it.
        """
        if not value:
            return None
        head, _, stem = value.rpartition("/")
        folder = Path(
            os.path.expanduser(head or ("/" if value.startswith("/") else "."))
        )
        folder = folder if folder.is_absolute() else self._base / folder
        try:
            names = sorted(entry.name for entry in os.scandir(folder))
        except OSError:
            return None
        match = next((n for n in names if n.startswith(stem) and n != stem), None)
        if match is None:
            return None
        prefix = f"{head}/" if value.count("/") else ""
        return prefix + match
