"""Command palette: jump to any setting by its key or words of its documentation."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from schema.catalogue import Setting, all_settings

if TYPE_CHECKING:
    from app.screens.main_screen import MainScreen

__all__ = ["SettingCommands"]

DOC_SCORE = 0.3
"""Score of a match in the documentation only, below any match of the key."""


class SettingCommands(Provider):
    """Offers every setting; choosing one shows its section and focuses it.

    A query matches a setting when it fuzzily matches the dotted key, or when
    every word of it occurs in the setting's documentation.
    """

    async def discover(self) -> Hits:
        """Offer every setting before anything is typed."""
        for setting in all_settings():
            yield DiscoveryHit(
                setting.key, partial(self._jump, setting.key), help=setting.doc
            )

    async def search(self, query: str) -> Hits:
        """Match the query against keys and documentation.

        Args:
            query: What the person typed.

        Yields:
            One hit per matching setting.
        """
        matcher = self.matcher(query)
        words = query.lower().split()
        for setting in all_settings():
            score = matcher.match(setting.key)
            if not score and _mentions(setting, words):
                score = DOC_SCORE
            if score:
                yield Hit(
                    score,
                    matcher.highlight(setting.key),
                    partial(self._jump, setting.key),
                    text=setting.key,
                    help=setting.doc,
                )

    def _jump(self, key: str) -> None:
        screen: MainScreen | None = getattr(self.app, "main_screen", None)
        if screen is not None:
            screen.start_jump(key)


def _mentions(setting: Setting, words: list[str]) -> bool:
    doc = setting.doc.lower()
    return bool(words) and all(word in doc for word in words)
