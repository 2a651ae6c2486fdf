"""Media playback behind one interface: VlcPlayer for real, FakePlayer for logic tests."""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.player.base import Player, PlayerState

__all__ = ["Player", "PlayerState", "create_player"]


def create_player(parent: QObject | None = None, *, audio: bool = True) -> Player:
    """The real player (VlcPlayer). Never raises for a missing libVLC: check ``available`` and
    show ``unavailable_reason``; the returned player is then a harmless no-op."""
    # Imported here so that importing app.player does not load libVLC.
    from app.player.vlc_player import VlcPlayer

    return VlcPlayer(parent, audio=audio)
