"""Snapshots of the editor on the sample tree, grouped by feature."""

from __future__ import annotations

from textual.pilot import Pilot

from app.app import BrumConfigApp
from schema.layers import Sources


async def _jump(pilot: Pilot[object], key: str) -> None:
    await pilot.pause()
    await pilot.app.main_screen.jump_to_setting(key)  # type: ignore[attr-defined]
    await pilot.pause()


class TestMainScreen:
    def test_first_section_narrow(self, snap_compare, sample: Sources) -> None:
        assert snap_compare(BrumConfigApp(sample), terminal_size=(100, 32))

    def test_first_section_80x24(self, snap_compare, sample: Sources) -> None:
        assert snap_compare(BrumConfigApp(sample), terminal_size=(80, 24))

    def test_invalid_text_and_error_badges(self, snap_compare, sample: Sources) -> None:
        async def edit(pilot: Pilot[object]) -> None:
            await _jump(pilot, "process_manager.startup_timeout_ms")
            await pilot.press(*"900000000")
            await _jump(pilot, "process_manager.shutdown_timeout_ms")
            await pilot.press(*"soon")

        assert snap_compare(
            BrumConfigApp(sample), terminal_size=(110, 36), run_before=edit
        )


class TestProvenance:
    def test_env_wins_over_shadowed_project_value(
        self, snap_compare, sample: Sources
    ) -> None:
        async def focus(pilot: Pilot[object]) -> None:
            await _jump(pilot, "eventbus.worker_pool_size")

        assert snap_compare(
            BrumConfigApp(sample), terminal_size=(150, 40), run_before=focus
        )

    def test_findings_list(self, snap_compare, sample: Sources) -> None:
        assert snap_compare(
            BrumConfigApp(sample), terminal_size=(110, 32), press=["end"]
        )
