"""PlaybackController logic with the fake player: speed steps, rewind on resume, skips, line
jumps, the line loop and "play selected lines only"; and the transport bar's new controls."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.core.transcript import Line
from app.player.base import PlayerState
from app.player.fake import FakePlayer
from app.ui.playback.playback import RATES, PlaybackController, format_rate
from app.ui.playback.transport import TransportBar
from app.ui.transcript.transcript_model import TranscriptModel


def lines() -> list[Line]:
    """Ten one-second lines, then a gap of a second before the last two."""
    out = [Line(start_ms=i * 1000, end_ms=(i + 1) * 1000, text=f"line {i}") for i in range(10)]
    out += [Line(start_ms=11_000, end_ms=12_000, text="after a gap")]
    out += [Line(start_ms=12_000, end_ms=13_000, text="last")]
    return out


class Rig:
    def __init__(self, qtbot: QtBot) -> None:
        self.qtbot = qtbot
        self.player = FakePlayer(duration=20_000)
        self.model = TranscriptModel()
        self.model.set_lines(lines())
        self.selected: list[int] = []
        self.controller = PlaybackController(self.player, self.model, lambda: self.selected)
        self.messages: list[str] = []
        self.controller.message.connect(self.messages.append)
        self.player.load("/media.mp4")

    def run(self, ms: int, step: int = 10) -> list[int]:
        """Let ``ms`` of playback pass in small steps, letting the controller's timer look at
        each; returns the times seen."""
        seen = []
        for _ in range(ms // step):
            self.player.advance(step)
            self.controller._check()  # what the watch timer does every 20 ms
            seen.append(self.player.time())
        return seen


@pytest.fixture
def rig(qtbot: QtBot) -> Rig:
    return Rig(qtbot)


def test_speed_steps_up_and_down_and_back_to_normal(rig: Rig) -> None:
    c, player = rig.controller, rig.player
    rates: list[float] = []
    c.rateChanged.connect(rates.append)
    c.faster()
    assert player.rate() == 1.1
    for _ in range(10):
        c.faster()
    assert player.rate() == 2.0  # the top step holds
    c.normal_speed()
    assert player.rate() == 1.0
    c.slower()
    c.slower()
    assert player.rate() == 0.75
    for _ in range(10):
        c.slower()
    assert player.rate() == 0.5
    assert rates == [1.1, 1.25, 1.5, 1.75, 2.0, 1.0, 0.9, 0.75, 0.6, 0.5]
    assert rig.messages[-1] == "Speed 0.5×"
    c.set_rate(5.0)
    assert player.rate() == 2.0
    c.set_rate(0.8)  # between steps is allowed; the steps go on from there
    c.faster()
    assert player.rate() == 0.9


def test_rate_text() -> None:
    assert [format_rate(r) for r in RATES] == [
        "0.5×",
        "0.6×",
        "0.75×",
        "0.9×",
        "1.0×",
        "1.1×",
        "1.25×",
        "1.5×",
        "1.75×",
        "2.0×",
    ]


def test_resume_after_pause_rewinds(rig: Rig) -> None:
    c, player = rig.controller, rig.player
    assert c.rewind_ms() == 1000  # the default
    player.play()
    player.advance(3_500)
    player.pause()
    player.play()
    assert player.time() == 2_500
    player.advance(500)
    player.pause()
    c.set_rewind_ms(0)
    player.play()
    assert player.time() == 3_000


def test_resume_after_a_seek_while_paused_plays_from_the_seek(rig: Rig) -> None:
    player = rig.player
    player.play()
    player.advance(3_000)
    player.pause()
    player.seek(7_000)  # the user picked the place: keep it
    player.play()
    assert player.time() == 7_000


def test_rewind_never_goes_before_zero_and_not_on_first_play(rig: Rig) -> None:
    player = rig.player
    player.play()
    assert player.time() == 0
    player.advance(300)
    player.pause()
    rig.controller.toggle()
    assert player.state() == PlayerState.PLAYING
    assert player.time() == 0


def test_skips_are_clamped(rig: Rig) -> None:
    c, player = rig.controller, rig.player
    player.seek(3_000)
    c.skip_forward()
    assert player.time() == 4_000
    c.skip_forward(big=True)
    assert player.time() == 9_000
    c.skip_back(big=True)
    c.skip_back(big=True)
    assert player.time() == 0
    c.skip(60_000)
    assert player.time() == 20_000
    c.set_skip_steps(2_000, 10_000)
    c.skip_back()
    assert player.time() == 18_000


def test_frame_steps_only_while_paused(rig: Rig) -> None:
    c, player = rig.controller, rig.player
    assert player.state() == PlayerState.STOPPED and player.duration() > 0
    c.step_frame(True)  # opened, never played: the picture it is held on steps (issue 18)
    assert player.time() == 40 and player.state() == PlayerState.STOPPED
    c.step_frame(False)
    assert player.time() == 0
    player.play()
    player.advance(1_000)
    c.step_frame(True)  # playing: the first press pauses
    assert player.state() == PlayerState.PAUSED and player.time() == 1_000
    c.step_frame(True)
    assert player.time() == 1_040
    c.step_frame(False)
    c.step_frame(False)
    assert player.time() == 960
    player.fps = 50.0
    c.step_frame(True)
    assert player.time() == 980


def test_previous_and_next_line(rig: Rig) -> None:
    c, player = rig.controller, rig.player
    jumps: list[int] = []
    c.lineJumped.connect(jumps.append)
    player.seek(3_400)
    c.next_line()
    assert player.time() == 4_000
    c.next_line()
    assert player.time() == 5_000
    c.previous_line()
    assert player.time() == 4_000
    c.previous_line()
    assert player.time() == 3_000
    assert jumps == [4, 5, 4, 3]
    player.seek(10_500)  # in the gap after line 9: previous is the line just heard
    c.previous_line()
    assert player.time() == 9_000
    player.seek(10_500)
    c.next_line()
    assert player.time() == 11_000
    player.seek(12_100)
    c.next_line()
    assert player.time() == 12_100 and rig.messages[-1] == "This is the last line"
    player.seek(200)
    c.previous_line()
    assert player.time() == 200 and rig.messages[-1] == "This is the first line"


def test_replay_line_plays_from_its_start(rig: Rig) -> None:
    player = rig.player
    player.seek(6_700)
    rig.controller.replay_line()
    assert player.time() == 6_000
    assert player.state() == PlayerState.PLAYING


def test_loop_keeps_the_playhead_in_the_line(rig: Rig) -> None:
    c, player = rig.controller, rig.player
    looping: list[bool] = []
    c.loopChanged.connect(looping.append)
    player.seek(500)
    c.toggle_loop([4])
    assert looping == [True] and c.looping and c.loop_range() == (4_000, 5_000)
    assert player.time() == 4_000 and player.state() == PlayerState.PLAYING
    seen = rig.run(3_500)
    assert all(4_000 <= t <= 5_010 for t in seen), seen
    assert sum(1 for a, b in itertools.pairwise(seen) if b < a) == 3  # three wraps
    c.toggle_loop()
    assert looping == [True, False] and not c.looping
    seen = rig.run(1_500)
    assert max(seen) > 5_500  # plays on


def test_loop_of_selected_lines_and_of_the_playing_line(rig: Rig) -> None:
    c, player = rig.controller, rig.player
    rig.selected = [2, 3]
    c.toggle_loop()
    assert c.loop_range() == (2_000, 4_000)
    c.toggle_loop()
    rig.selected = []
    player.seek(7_300)
    c.toggle_loop()
    assert c.loop_range() == (7_000, 8_000)
    assert player.time() == 7_300  # already inside: no jump


def test_loop_survives_pause_and_rewind_but_not_a_jump_away(qtbot: QtBot, rig: Rig) -> None:
    c, player = rig.controller, rig.player
    c.toggle_loop([4])
    rig.run(300)
    player.pause()
    player.play()  # resumes 1 s earlier, before the loop's start: still looping
    assert player.time() == 3_300 and c.looping
    seen = rig.run(2_500)
    assert min(seen) >= 3_300 and max(seen) <= 5_010
    with qtbot.waitSignal(c.loopChanged):
        player.seek(8_000)  # the user clicked another line
    assert not c.looping


def test_loop_restarts_when_the_media_ends_inside_it(rig: Rig) -> None:
    player = rig.player
    player.set_duration(12_500)
    rig.controller.toggle_loop([11])  # 11 000 - 12 000, inside the media
    rig.controller.toggle_loop()
    rig.controller.toggle_loop([12])  # 12 000 - 13 000: runs past the end of the media
    player.advance(600)
    assert player.state() == PlayerState.PLAYING
    assert player.time() == 12_000


def test_play_selection_skips_unselected_lines_and_stops_after_the_last(rig: Rig) -> None:
    c, player = rig.controller, rig.player
    modes: list[bool] = []
    c.selectionPlayChanged.connect(modes.append)
    rig.selected = [5, 2, 3, 7]
    c.play_selection()
    assert player.time() == 2_000 and player.state() == PlayerState.PLAYING
    seen = rig.run(5_000)
    assert all(2_000 <= t < 4_010 or 5_000 <= t < 6_010 or 7_000 <= t <= 8_010 for t in seen)
    assert any(t >= 7_900 for t in seen)
    assert player.state() == PlayerState.PAUSED
    assert 8_000 <= player.time() <= 8_010
    assert modes == [True, False]
    assert rig.messages[-1] == "End of the selected lines"


def test_play_selection_ends_when_the_user_goes_elsewhere(rig: Rig) -> None:
    c, player = rig.controller, rig.player
    c.play_selection([1, 8])
    rig.run(300)
    player.seek(5_000)  # a click on an unselected line
    assert not c.playing_selection
    seen = rig.run(2_000)
    assert max(seen) > 6_500  # plays on normally


def test_loop_and_selection_play_exclude_each_other(rig: Rig) -> None:
    c = rig.controller
    c.toggle_loop([1])
    c.play_selection([4, 6])
    assert not c.looping and c.playing_selection
    c.toggle_loop([1])
    assert c.looping and not c.playing_selection
    rig.model.set_lines(lines()[:3])  # another transcript: both off
    assert not c.looping


def test_mute_toggle(rig: Rig) -> None:
    c, player = rig.controller, rig.player
    c.toggle_mute()
    assert player.is_muted() and rig.messages[-1] == "Sound off"
    c.toggle_mute()
    assert not player.is_muted()


def test_settings_are_read(rig: Rig) -> None:
    from PySide6.QtCore import QSettings

    settings = QSettings()
    settings.setValue("playback/rewind_ms", 2500)
    settings.setValue("playback/skip_short_ms", "2000")
    settings.setValue("playback/skip_long_ms", "junk")
    try:
        rig.controller.apply_settings(settings)
    finally:
        for key in ("playback/rewind_ms", "playback/skip_short_ms", "playback/skip_long_ms"):
            settings.remove(key)
    assert rig.controller.rewind_ms() == 2500
    assert (rig.controller.skip_small_ms, rig.controller.skip_big_ms) == (2000, 5000)


# -- the transport bar ---------------------------------------------------------------------------


def test_transport_rate_menu(qtbot: QtBot) -> None:
    bar = TransportBar()
    qtbot.addWidget(bar)
    assert bar.rate_button.text() == "1.0×"
    with qtbot.waitSignal(bar.rateRequested) as blocker:
        bar.rate_menu.actions()[2].trigger()
    assert blocker.args == [0.75]
    bar.set_rate(1.25)
    assert bar.rate_button.text() == "1.25×"
    checked = [a.text() for a in bar.rate_menu.actions() if a.isChecked()]
    assert checked == ["1.25×"]


def test_transport_mute_and_volume(qtbot: QtBot) -> None:
    bar = TransportBar()
    qtbot.addWidget(bar)
    with qtbot.waitSignal(bar.mutedRequested) as blocker:
        bar.mute_button.click()
    assert blocker.args == [True]
    with qtbot.assertNotEmitted(bar.mutedRequested):
        bar.set_muted(False)  # showing the player's state asks for nothing
    assert not bar.mute_button.isChecked()
    with qtbot.waitSignal(bar.volumeRequested) as blocker:
        bar.volume_slider.setValue(40)
    assert blocker.args == [40]
    with qtbot.assertNotEmitted(bar.volumeRequested):
        bar.set_volume(70)
    assert bar.volume_slider.value() == 70
    QApplication.processEvents()


def test_fake_player_volume_and_audio_only(qtbot: QtBot) -> None:
    player = FakePlayer(duration=5_000, video=False)
    with qtbot.waitSignal(player.hasVideoChanged) as blocker:
        player.load("/talk.mp3")
    assert blocker.args == [False] and not player.has_video()
    with qtbot.assertNotEmitted(player.volumeChanged):
        player.set_volume(130)  # clamped to 100: no change
    with qtbot.waitSignal(player.volumeChanged) as blocker:
        player.set_volume(35)
    assert blocker.args == [35] and player.volume() == 35
    with qtbot.waitSignal(player.mutedChanged):
        player.set_muted(True)
    assert player.is_muted()
