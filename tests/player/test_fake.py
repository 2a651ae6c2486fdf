"""FakePlayer behaves like the real one where logic tests depend on it."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.player.base import PlayerState
from app.player.fake import FakePlayer


def test_clock_moves_only_while_playing(qapp: object) -> None:
    player = FakePlayer(duration=10_000)
    player.load("a.mp4")
    player.advance(500)
    assert player.time() == 0
    player.play()
    player.advance(500)
    assert player.time() == 500
    player.pause()
    player.advance(500)
    assert player.time() == 500
    player.set_rate(2.0)
    player.toggle()
    player.advance(500)
    assert player.time() == 1_500


def test_records_seeks_and_states(qtbot: QtBot) -> None:
    player = FakePlayer(duration=10_000)
    player.load("a.mp4")
    with qtbot.waitSignal(player.seeked) as blocker:
        player.seek(4_000)
    assert blocker.args == [4_000]
    player.play()
    player.seek(20_000)  # clamped
    assert player.seeks == [4_000, 10_000]
    assert player.states == [PlayerState.STOPPED, PlayerState.PLAYING]


def test_ends_at_duration(qapp: object) -> None:
    player = FakePlayer(duration=1_000)
    player.load("a.mp4")
    player.play()
    player.advance(5_000)
    assert (player.time(), player.state()) == (1_000, PlayerState.ENDED)
    player.play()
    assert (player.time(), player.state()) == (0, PlayerState.PLAYING)


def test_load_failure(qtbot: QtBot) -> None:
    player = FakePlayer()
    player.fail_on["bad.mp4"] = "Cannot open the video: file not found: bad.mp4"
    with qtbot.waitSignal(player.errorOccurred) as blocker:
        player.load("bad.mp4")
    assert "not found" in blocker.args[0]
    assert player.state() == PlayerState.ERROR
    player.play()
    assert player.state() == PlayerState.ERROR
