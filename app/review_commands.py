"""Command palette: the template previews, the findings and the effective view."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from schema.templates import TEMPLATES

if TYPE_CHECKING:
    from app.screens.main_screen import MainScreen

__all__ = ["ReviewCommands"]


class ReviewCommands(Provider):
    """Offers each template's preview and the findings and effective screens."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        screen: MainScreen | None = getattr(self.app, "main_screen", None)
        if screen is None:
            return []
        commands: list[tuple[str, str, Callable[[], object]]] = [
            (
                f"Preview template: {name}",
                f"What the {name} template would change in the target file",
                partial(screen.action_show_preview, name),
            )
            for name in TEMPLATES
        ]
        commands += [
            (
                "Findings",
                "Every finding, grouped by severity, with its layer and line",
                screen.action_show_findings,
            ),
            (
                "Effective configuration",
                "Every key with its value and where it comes from",
                screen.action_show_effective,
            ),
            (
                "Effective configuration: shadowed",
                "The keys whose value in one layer another overrides",
                partial(screen.action_show_effective, "shadowed"),
            ),
        ]
        return commands

    async def discover(self) -> Hits:
        """Offer every command before anything is typed."""
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        """Match the query against the commands' names.

        Args:
            query: What the person typed.

        Yields:
            One hit per matching command.
        """
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score:
                yield Hit(
                    score, matcher.highlight(name), callback, text=name, help=help_text
                )
