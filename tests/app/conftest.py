"""Open the editor on a temporary tree and drive it with Textual's pilot."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from app.app import BrumConfigApp
from app.screens.main_screen import MainScreen
from app.widgets.config_header import ConfigHeader
from app.widgets.form.row_head import RowHead
from app.widgets.form.setting_row import SettingRow
from app.widgets.provenance_panel import ProvenancePanel
from app.widgets.section_list import SectionList
from schema.watch import WatchTiming


@dataclass
class Editor:
    """The running app, its pilot and the tree it edits."""

    app: BrumConfigApp
    pilot: Pilot[Any]
    workspace: Any

    @property
    def screen(self) -> MainScreen:
        return self.app.main_screen

    def row(self, key: str) -> SettingRow:
        return self.app.screen.query_one(f"#row-{key.replace('.', '--')}", SettingRow)

    def head(self, key: str) -> str:
        return str(self.row(key).query_one(RowHead).render())

    def notes(self, key: str) -> str:
        return str(self.row(key).query_one(".notes").render())

    def header(self) -> str:
        return str(self.app.screen.query_one(ConfigHeader).render())

    def section_badges(self, section: str) -> str:
        sections = self.app.screen.query_one(SectionList)
        return str(sections.get_option(section).prompt)

    def provenance(self) -> str:
        return str(self.app.screen.query_one(ProvenancePanel).render())

    async def jump(self, key: str) -> SettingRow:
        """Show a setting's row and focus its editor, as the palette does."""
        await self.screen.jump_to_setting(key)
        await self.pilot.pause()
        return self.row(key)

    async def type_into(self, key: str, text: str) -> SettingRow:
        """Replace the text of a setting's field by typing `text`."""
        row = await self.jump(key)
        row.query_one(".editor", Input).action_select_all()
        await self.pilot.press(*text)
        return row


OpenEditor = Callable[..., AbstractAsyncContextManager[Editor]]


@pytest.fixture
def open_editor(workspace: Any) -> OpenEditor:
    """Open the editor on the workspace, with an explicit environment."""

    @asynccontextmanager
    async def _open(
        environ: dict[str, str] | None = None,
        target: str = "project",
        size: tuple[int, int] = (120, 40),
        follow: WatchTiming | None = None,
    ) -> AsyncIterator[Editor]:
        # Files are followed only when a test asks: an external write in
        # another test would otherwise race the save it is testing.
        app = BrumConfigApp(
            workspace.sources(environ=environ),
            target,
            follow_files=follow is not None,
            watch_timing=follow,
        )
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            yield Editor(app, pilot, workspace)

    return _open
