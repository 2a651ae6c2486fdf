"""The clock under the video, as a reviewer reads it: whole seconds while playing, hundredths once
paused, so each frame step (`.` and `,`) is seen to move the time."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.player.base import PlayerState
from app.player.fake import FakePlayer
from app.ui.window.main_window import MainWindow


def test_paused_clock_shows_each_frame_step(qtbot: QtBot, fake_window: MainWindow) -> None:
    player = fake_window.player
    assert isinstance(player, FakePlayer)
    label = fake_window.transport.time_label
    assert label.text() == "00:00 / 01:00"  # opened, not played: the duration is there at once
    player.seek(7_000)
    qtbot.keyClick(fake_window.view, Qt.Key.Key_Space)
    assert player.state() == PlayerState.PLAYING
    player.advance(480)
    fake_window.follow.tick()
    assert label.text() == "00:07 / 01:00"
    qtbot.keyClick(fake_window.view, Qt.Key.Key_Space)
    assert player.state() == PlayerState.PAUSED
    assert label.text() == "00:07.48 / 01:00"
    qtbot.keyClick(fake_window.view, Qt.Key.Key_Period)
    assert label.text() == "00:07.52 / 01:00"  # one 40 ms frame on
    qtbot.keyClick(fake_window.view, Qt.Key.Key_Comma)
    qtbot.keyClick(fake_window.view, Qt.Key.Key_Comma)
    assert label.text() == "00:07.44 / 01:00"
    qtbot.keyClick(fake_window.view, Qt.Key.Key_Space)
    assert label.text().startswith("00:0") and "." not in label.text()  # playing: seconds


def test_a_place_restored_before_the_duration_is_known_shows_on_the_slider(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    """Reopening a project: its place is set before the media's length is known."""
    bar = fake_window.transport
    bar.set_duration(0)  # another media, not parsed yet
    bar.set_time(33_000)
    bar.set_duration(60_000)
    assert bar.slider.value() == 33_000
    assert bar.time_label.text() == "00:33 / 01:00"
