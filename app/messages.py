"""App-wide messages that no single widget owns."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from app.live_reload import Reloaded

__all__ = ["SessionReloaded"]


@dataclass
class SessionReloaded(Message):
    """Layer files changed on disk and the session took them in.

    Posted to every screen above the editor, so that a screen showing the
    session (findings, effective values, a template preview) shows it anew.
    """

    reloaded: Reloaded
    """What the reload did."""
