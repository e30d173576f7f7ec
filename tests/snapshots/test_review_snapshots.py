"""Snapshots of the template preview, findings, effective view and a reload collision.

The fixtures (the sample tree, a frozen cursor, a fixed core count) are in
this directory's conftest.
"""

from __future__ import annotations

from textual.pilot import Pilot

from app.app import BrumConfigApp
from app.dialogs.reload_conflict_dialog import ReloadConflictDialog

SIZE = (110, 32)


class TestTemplatePreview:
    def test_production_with_one_row_left_out(self, snap_compare, sample):
        async def run_before(pilot: Pilot) -> None:
            pilot.app.main_screen.action_show_preview("production")
            await pilot.pause()
            await pilot.press("down", "space")
            await pilot.pause()

        app = BrumConfigApp(sample)
        assert snap_compare(app, terminal_size=SIZE, run_before=run_before)

    def test_narrow_terminal_stacks_the_diff(self, snap_compare, sample):
        app = BrumConfigApp(sample)
        assert snap_compare(app, terminal_size=(80, 24), press=["ctrl+o"])


class TestFindingsAndEffective:
    def test_findings_grouped_by_severity(self, snap_compare, sample):
        app = BrumConfigApp(sample)
        assert snap_compare(app, terminal_size=SIZE, press=["ctrl+f"])

    def test_effective_view_filtered_to_shadowed(self, snap_compare, sample):
        app = BrumConfigApp(sample)
        assert snap_compare(app, terminal_size=SIZE, press=["ctrl+l", "3"])


class TestLiveReload:
    def test_collision_asks_key_by_key(self, snap_compare, sample):
        """A real reload: an unsaved edit, then the same key written on disk."""

        async def run_before(pilot: Pilot) -> None:
            app = pilot.app
            await app.live_reload.ready.wait()
            app.session.set_value("resources.max_goroutines", 96)
            path = app.session.target.path
            path.write_text(path.read_text().replace("= 64", "= 128"))
            for _ in range(100):
                if isinstance(app.screen, ReloadConflictDialog):
                    break
                await pilot.pause(0.05)
            await pilot.pause()  # the dialog mounts and focuses its first choice
            app.clear_notifications()
            await pilot.press("enter")  # "mine" for the first key
            await pilot.pause()

        app = BrumConfigApp(sample)
        assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
