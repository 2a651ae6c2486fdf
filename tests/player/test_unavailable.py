"""Without libVLC the player still constructs, says what to install, and does nothing."""

from __future__ import annotations

import types

import pytest
from PySide6.QtCore import QObject

from app.player import create_player
from app.player.base import PlayerState
from app.player.vlc_player import VlcPlayer


def _exercise(player: VlcPlayer) -> None:
    player.load("/tmp/whatever.mp4")
    player.play()
    player.pause()
    player.toggle()
    player.seek(1234)
    player.set_rate(1.5)
    player.stop()
    player.set_video_window(12345)
    assert player.time() == 0
    assert player.duration() == 0
    assert player.state() == PlayerState.EMPTY
    assert player.snapshot("/tmp/x.png") is False
    player.release()
    player.release()


@pytest.mark.parametrize("error", [OSError, ImportError, NotImplementedError, AttributeError])
def test_import_failure(qapp: object, monkeypatch: pytest.MonkeyPatch, error: type) -> None:
    def broken() -> types.ModuleType:
        raise error("libvlc.so.5: cannot open shared object file")

    monkeypatch.setattr("app.player.vlc_loader._import_vlc", broken)
    player = VlcPlayer(audio=False)
    assert player.available is False
    assert "libVLC was not found" in player.unavailable_reason
    assert "install VLC 3" in player.unavailable_reason
    assert "\n" not in player.unavailable_reason
    _exercise(player)


def test_instance_returns_none(qapp: object, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_vlc = types.SimpleNamespace(Instance=lambda *args: None)
    monkeypatch.setattr("app.player.vlc_loader._import_vlc", lambda: fake_vlc)
    with pytest.MonkeyPatch.context():
        player = create_player(QObject(), audio=False)
    assert isinstance(player, VlcPlayer)
    assert player.available is False
    assert "VLC" in player.unavailable_reason and "plugins" in player.unavailable_reason
    _exercise(player)


@pytest.mark.vlc
def test_create_player_gives_a_working_vlc_player(qapp: object) -> None:
    player = create_player(audio=False)
    try:
        assert isinstance(player, VlcPlayer)
        assert player.available and player.unavailable_reason == ""
        assert player.state() == PlayerState.EMPTY
    finally:
        player.release()
