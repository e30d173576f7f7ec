"""The brum-config editor: a Textual app over one editing `Session`."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import ClassVar

from textual import events, on
from textual.app import App
from textual.binding import Binding, BindingType
from textual.logging import TextualHandler

from app.commands import SettingCommands
from app.live_reload import LiveReload
from app.reload_feedback import ReloadFeedback
from app.review_commands import ReviewCommands
from app.screens.main_screen import MainScreen
from schema.layers import Sources
from schema.session import Session, TargetError, list_targets
from schema.watch import WatchTiming

__all__ = ["BrumConfigApp", "run_editor"]


class BrumConfigApp(App[int]):
    """Edits one `.brum.toml` of a layered Brummer configuration.

    When the target cannot be opened (a file that is not valid TOML, say),
    the home file is edited instead and a notification says why; the broken
    file's problem is listed among the findings.

    Every layer file is followed while the app runs: a change on disk shows
    at once, and unsaved edits of the target are kept (see `LiveReload`).

    Args:
        sources: Where the layers come from.
        target: The file to edit: `project`, `home` or a path.
        follow_files: Whether to reload layer files that change on disk.
        watch_timing: How the files are watched; tests pass shorter times.

    Raises:
        TargetError: Neither the target nor any fallback can be opened.
    """

    CSS_PATH = Path(__file__).with_name("app.tcss")
    """Absolute, so that subclasses elsewhere (tests, benchmarks) find it too."""
    TITLE = "brum-config"
    COMMANDS = App.COMMANDS | {SettingCommands, ReviewCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            tooltip="Quit brum-config; asks first when there are unsaved edits.",
            id="quit",
            priority=True,
            show=False,  # as in every terminal program; listed in the keys panel
        ),
        Binding(
            "f1",
            "toggle_keys",
            "Keys",
            tooltip="List every key of the screen with what it does.",
            id="toggle-keys",
        ),
    ]
    """
    | Key(s) | Description |
    | :- | :- |
    | ctrl+q | Quit (asks first when there are unsaved edits). |
    | ctrl+p | Open the command palette: jump to a setting, change the theme. |
    | f1 | List every key of the screen with what it does. |
    """

    def __init__(
        self,
        sources: Sources,
        target: str = "project",
        *,
        follow_files: bool = True,
        watch_timing: WatchTiming | None = None,
    ) -> None:
        super().__init__()
        self.session, self._startup_problem = _open_session(sources, target)
        """The editing session: the layers, the target file, undo and redo."""
        self.main_screen = MainScreen(self.session)
        """The editor's screen."""
        self.live_reload = LiveReload(self.session, timing=watch_timing)
        """Follows the layer files and takes their changes into the session."""
        self._follows_files = follow_files

    def on_mount(self) -> None:
        """Say why the target is another one, if it is."""
        if self._startup_problem is not None:
            self.notify(
                self._startup_problem,
                title="Editing another file",
                severity="warning",
                timeout=12,
            )

    @on(events.Ready)
    def start_following_files(self) -> None:
        """Follow the layer files from the first frame on.

        Importing watchfiles and putting the watch in place take about a
        fifth of the start-up; done before the first frame, they delay it.
        """
        self.follow_files()

    def on_unmount(self) -> None:
        """Stop following the layer files."""
        self.live_reload.stop()

    def follow_files(self) -> None:
        """(Re)start following the layer files, e.g. after a target switch."""
        if self._follows_files:
            self.live_reload.start(self, ReloadFeedback(self.main_screen))

    def action_toggle_keys(self) -> None:
        """List every key of the screen with what it does (f1 again closes it)."""
        from app.dialogs.keys_dialog import KeysDialog, keys_of

        self.push_screen(KeysDialog(keys_of(self.screen)))

    def get_default_screen(self) -> MainScreen:
        """Start on the editor, so the first frame already shows the form."""
        return self.main_screen

    async def action_quit(self) -> None:
        """Quit, asking first when there are unsaved edits."""
        self.main_screen.confirm_quit()


def _open_session(sources: Sources, target: str) -> tuple[Session, str | None]:
    """Open the target, or else the home file, then any other layer file."""
    try:
        return Session(sources, target), None
    except TargetError as error:
        problem = str(error)
    for fallback in ("home", *(str(t.path) for t in list_targets(sources))):
        try:
            session = Session(sources, fallback)
        except TargetError:
            continue
        shown = session.target.describe()
        return session, f"{problem}\nEditing {shown} instead."
    raise TargetError(problem)


def run_editor(sources: Sources, target: str = "project") -> int:
    """Run the editor until the person quits.

    Args:
        sources: Where the layers come from.
        target: The file to edit: `project`, `home` or a path.

    Returns:
        The exit code: 0, or 2 when the target cannot be opened.
    """
    _log_to_textual()
    try:
        app = BrumConfigApp(sources, target)
    except TargetError as error:
        sys.stderr.write(f"brum-config: {error}\n")
        return 2
    app.run()
    return app.return_code or 0


def _log_to_textual() -> None:
    """Send the schema's log records to `textual console`.

    Debug records (one per layer override on every key press) are only
    formatted when the devtools are on, so that typing stays fast.
    """
    logger = logging.getLogger("schema")
    logger.addHandler(TextualHandler())
    devtools = "devtools" in os.environ.get("TEXTUAL", "")
    logger.setLevel(logging.DEBUG if devtools else logging.INFO)
