"""Showing a live reload: the editor redrawn, a notice, and a choice on collisions."""

from __future__ import annotations

import time
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from app.badges import counted
from app.dialogs.reload_conflict_dialog import ReloadConflictDialog
from app.live_reload import Reloaded
from app.messages import SessionReloaded
from schema.document import Conflict, DocumentError

if TYPE_CHECKING:
    from app.screens.main_screen import MainScreen

__all__ = ["ReloadFeedback"]


class ReloadFeedback:
    """Called with each `Reloaded`: shows it on the editor and the screens above.

    Args:
        screen: The editor's main screen.
    """

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        """The editor's screen, redrawn after every reload."""
        self._shown: dict[str, float] = {}

    def __call__(self, reloaded: Reloaded) -> None:
        """Show a reload; the echo of the app's own save changes nothing.

        Args:
            reloaded: What the reload did.
        """
        if not reloaded.changed:
            return
        self._redraw(reloaded)
        self._tell(reloaded)
        if reloaded.conflicts:
            dialog = ReloadConflictDialog(self._target_shown(), reloaded.conflicts)
            callback = partial(self._resolve, reloaded.conflicts)
            self.screen.app.push_screen(dialog, callback=callback)

    def _redraw(self, reloaded: Reloaded) -> None:
        self.screen.refresh_view(force=True)
        for screen in self.screen.app.screen_stack:
            if screen is not self.screen:
                screen.post_message(SessionReloaded(reloaded))

    def _tell(self, reloaded: Reloaded) -> None:
        if reloaded.problem is not None:
            self._notify(
                reloaded.problem.message,
                title="The target file is broken on disk",
                severity="error",
                timeout=15,
            )
        target = self.screen.session.target.path.absolute()
        for path in reloaded.paths:
            if reloaded.problem is None or path.absolute() != target:
                message = self._describe(path, reloaded)
                self._notify(message, title="Reloaded", timeout=4)

    def _describe(self, path: Path, reloaded: Reloaded) -> str:
        view = self.screen.view
        shown = view.show_path(path)
        is_target = path.absolute() == view.session.target.path.absolute()
        if not path.exists() and is_target and view.session.modified:
            return f"{shown} was deleted; saving writes it anew with your edits."
        if not path.exists():
            return f"{shown} was deleted; its values are gone from the layers."
        broken = any(
            layer.broken and layer.path == path for layer in view.session.layers
        )
        if broken:
            return f"{shown} is broken; its values are left out until it is fixed."
        if is_target:
            if reloaded.conflicts:
                return f"{shown} changed on disk; choose the colliding values."
            if view.session.modified:
                return f"{shown} changed on disk; your unsaved edits are kept."
        return f"{shown} changed on disk."

    def _resolve(
        self, conflicts: tuple[Conflict, ...], choices: dict[str, bool] | None
    ) -> None:
        """Re-apply the unsaved values the person kept."""
        session = self.screen.session
        kept = [c for c in conflicts if (choices or {}).get(c.key)]
        try:
            for conflict in kept:
                if conflict.ours is None:
                    session.unset(conflict.key)
                else:
                    session.set_value(conflict.key, conflict.ours)
        except (DocumentError, ValueError, TypeError) as error:
            self._notify(str(error), title="Not changed", severity="error")
        self.screen.refresh_view(force=True)
        theirs = len(conflicts) - len(kept)
        message = f"Took the file's value for {counted(theirs, 'key')}."
        if kept:
            message = (
                f"Kept your value for {counted(len(kept), 'key')} and the file's"
                f" for {theirs}; save to write yours."
            )
        self._notify(message, title="Reload merged", timeout=5)

    def _target_shown(self) -> str:
        return self.screen.view.show_path(self.screen.session.target.path)

    def _notify(self, message: str, **options: object) -> None:
        """Notify, unless the same notice is still on screen.

        A file rewritten many times a second (a build tool, a formatter) would
        otherwise stack a notice per write over half the screen.
        """
        now = time.monotonic()
        timeout = float(options.get("timeout", 5))  # type: ignore[arg-type]
        last = self._shown.get(message)
        if last is not None and now - last < timeout:
            return
        self._shown[message] = now
        self.screen.notify(message, markup=False, **options)  # type: ignore[arg-type]
