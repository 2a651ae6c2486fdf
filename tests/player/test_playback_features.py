"""Review playback against real libVLC on generated media: speed (and its pitch), rewind on
resume, loop, skips and frame steps, line jumps, selection play, volume, audio-only media, and
media VLC cannot play."""

from __future__ import annotations

import array
import itertools
import subprocess
import time
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.core.transcript import Line
from app.player.base import PlayerState
from app.player.vlc_player import VlcPlayer
from app.ui.playback.playback import PlaybackController
from app.ui.transcript.transcript_model import TranscriptModel

pytestmark = pytest.mark.vlc


def ff(ffmpeg: str, *args: str) -> None:
    subprocess.run([ffmpeg, "-v", "error", "-y", *args], check=True)


@pytest.fixture(scope="module")
def media_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("review-media")


@pytest.fixture(scope="module")
def tone_wav(ffmpeg: str, media_dir: Path) -> Path:
    out = media_dir / "tone.wav"
    ff(ffmpeg, "-f", "lavfi", "-i", "sine=frequency=440:duration=6", "-ar", "44100", str(out))
    return out


@pytest.fixture(scope="module")
def tone_mp3(ffmpeg: str, media_dir: Path) -> Path:
    out = media_dir / "tone.mp3"
    ff(ffmpeg, "-f", "lavfi", "-i", "sine=frequency=440:duration=6", "-c:a", "libmp3lame", str(out))
    return out


def load_and_wait(qtbot: QtBot, player: VlcPlayer, path: Path) -> None:
    player.load(str(path))
    qtbot.waitUntil(lambda: player.duration() > 0, timeout=5000)


def play_until(qtbot: QtBot, player: VlcPlayer, ms: int) -> None:
    player.play()
    qtbot.waitUntil(lambda: player.time() >= ms, timeout=8000)


def pause_and_wait(qtbot: QtBot, player: VlcPlayer) -> None:
    player.pause()
    qtbot.waitUntil(lambda: player._mp.get_state() == player._vlc.State.Paused, timeout=5000)


def one_second_lines(n: int = 10) -> TranscriptModel:
    model = TranscriptModel()
    model.set_lines(
        [Line(start_ms=i * 1000, end_ms=(i + 1) * 1000, text=f"line {i}") for i in range(n)]
    )
    return model


@pytest.fixture
def controller(vlc_player: VlcPlayer) -> Iterator[PlaybackController]:
    selected: list[int] = []
    c = PlaybackController(vlc_player, one_second_lines(), lambda: selected)
    yield c
    c.stop_modes()


def sample(qtbot: QtBot, player: VlcPlayer, seconds: float, every_ms: int = 20) -> list[int]:
    seen: list[int] = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        seen.append(player.time())
        qtbot.wait(every_ms)
    return seen


# -- speed -----------------------------------------------------------------------------------


@pytest.mark.parametrize("rate", [2.0, 0.5])
def test_speed_changes_how_fast_media_time_runs(
    qtbot: QtBot, vlc_player: VlcPlayer, color_video: Path, rate: float
) -> None:
    load_and_wait(qtbot, vlc_player, color_video)
    vlc_player.set_rate(rate)
    play_until(qtbot, vlc_player, 300)
    qtbot.wait(800)  # past VLC's start-up buffering and the first rate-change re-anchoring
    media0, wall0 = vlc_player.time(), time.monotonic()
    qtbot.wait(2000)
    media1, wall1 = vlc_player.time(), time.monotonic()
    measured = (media1 - media0) / ((wall1 - wall0) * 1000)
    assert abs(measured - rate) <= 0.15 * rate, (measured, media0, media1, wall1 - wall0)
    # VLC itself plays at that speed: its own coarse clock agrees with ours, within one of its
    # update steps (250-500 ms of wall time, so twice that much media time at 2x).
    assert -150 * rate <= vlc_player.time() - vlc_player._mp.get_time() <= 600 * rate
    assert vlc_player.rate() == rate


def test_speed_keeps_the_pitch(qtbot: QtBot, tone_wav: Path, tmp_path: Path) -> None:
    """VLC's time stretching (scaletempo) is on: at 1.5x a 440 Hz tone stays 440 Hz (660 Hz
    without it). The sound goes to a WAV file, so no sound card is needed."""
    out = tmp_path / "heard.wav"
    player = VlcPlayer(vlc_args=["--aout=afile", f"--audiofile-file={out}"])
    try:
        load_and_wait(qtbot, player, tone_wav)
        player.set_rate(1.5)
        play_until(qtbot, player, 1500)
        player.stop()
    finally:
        player.release()
    with wave.open(str(out)) as heard:
        assert heard.getsampwidth() == 2
        samples = array.array("h", heard.readframes(heard.getnframes()))
        channels, rate = heard.getnchannels(), heard.getframerate()
    mono = samples[::channels][rate // 10 :]  # skip the first 100 ms
    assert len(mono) > rate // 2, "VLC wrote too little sound"
    rising = sum(1 for a, b in itertools.pairwise(mono) if a < 0 <= b)
    frequency = rising / (len(mono) / rate)
    assert abs(frequency - 440) <= 20, frequency


# -- rewind on resume ------------------------------------------------------------------------


def test_resume_after_pause_starts_a_second_earlier(
    qtbot: QtBot, vlc_player: VlcPlayer, controller: PlaybackController, color_video: Path
) -> None:
    assert controller.rewind_ms() == 1000
    load_and_wait(qtbot, vlc_player, color_video)
    play_until(qtbot, vlc_player, 3000)
    pause_and_wait(qtbot, vlc_player)
    paused_at = vlc_player.time()
    controller.toggle()
    assert vlc_player.time() == paused_at - 1000
    qtbot.waitUntil(lambda: vlc_player.state() == PlayerState.PLAYING, timeout=5000)
    qtbot.wait(400)
    # VLC really went back: its own position is about 1 s behind the pause point.
    assert paused_at - 1000 <= vlc_player._mp.get_time() <= paused_at - 200
    assert paused_at - 1000 <= vlc_player.time() <= paused_at - 200


def test_resume_rewind_off(
    qtbot: QtBot, vlc_player: VlcPlayer, controller: PlaybackController, color_video: Path
) -> None:
    controller.set_rewind_ms(0)
    load_and_wait(qtbot, vlc_player, color_video)
    play_until(qtbot, vlc_player, 2000)
    pause_and_wait(qtbot, vlc_player)
    paused_at = vlc_player.time()
    vlc_player.play()
    qtbot.waitUntil(lambda: vlc_player.state() == PlayerState.PLAYING, timeout=5000)
    assert paused_at <= vlc_player.time() <= paused_at + 600


# -- loop and selection play ---------------------------------------------------------------


def test_loop_keeps_the_playhead_inside_the_line(
    qtbot: QtBot, vlc_player: VlcPlayer, controller: PlaybackController, color_video: Path
) -> None:
    load_and_wait(qtbot, vlc_player, color_video)
    controller.toggle_loop([4])  # 4 000 - 5 000
    qtbot.waitUntil(lambda: vlc_player.state() == PlayerState.PLAYING, timeout=5000)
    seen = sample(qtbot, vlc_player, 3.5)
    assert all(4_000 - 100 <= t <= 5_000 + 300 for t in seen), seen
    wraps = sum(1 for a, b in itertools.pairwise(seen) if b < a - 500)
    assert wraps >= 2, seen
    # VLC itself is inside the loop too, not only our clock.
    assert 4_000 - 100 <= vlc_player._mp.get_time() <= 5_000 + 300


def test_play_selected_lines_skips_the_line_between(
    qtbot: QtBot, vlc_player: VlcPlayer, controller: PlaybackController, color_video: Path
) -> None:
    load_and_wait(qtbot, vlc_player, color_video)
    controller.play_selection([2, 4])  # 2 000 - 3 000, then 4 000 - 5 000; line 3 unheard
    qtbot.waitUntil(lambda: vlc_player.state() == PlayerState.PLAYING, timeout=5000)
    seen = sample(qtbot, vlc_player, 3.0)
    assert all(1_900 <= t <= 3_300 or 4_000 <= t <= 5_300 for t in seen), seen
    assert any(t >= 4_500 for t in seen), seen  # it did reach the second line
    assert not any(3_300 < t < 4_000 for t in seen)
    qtbot.waitUntil(lambda: vlc_player.state() == PlayerState.PAUSED, timeout=3000)
    assert 5_000 <= vlc_player.time() <= 5_300
    assert not controller.playing_selection


# -- skips, frame steps, line jumps ----------------------------------------------------------


def test_skips_move_the_time(
    qtbot: QtBot, vlc_player: VlcPlayer, controller: PlaybackController, color_video: Path
) -> None:
    load_and_wait(qtbot, vlc_player, color_video)
    play_until(qtbot, vlc_player, 500)
    pause_and_wait(qtbot, vlc_player)
    vlc_player.seek(4_000)
    controller.skip_forward()
    assert vlc_player.time() == 5_000
    controller.skip_back(big=True)
    assert vlc_player.time() == 0
    controller.skip_forward(big=True)
    controller.skip_forward()
    assert vlc_player.time() == 6_000
    vlc_player.play()  # VLC plays from there (no rewind: the skips moved the position)
    qtbot.waitUntil(lambda: vlc_player._mp.get_time() >= 6_000, timeout=5000)
    assert 6_000 <= vlc_player.time() <= 7_000


def test_frame_steps(
    qtbot: QtBot, vlc_player: VlcPlayer, controller: PlaybackController, color_video: Path
) -> None:
    load_and_wait(qtbot, vlc_player, color_video)
    play_until(qtbot, vlc_player, 500)
    controller.step_frame(True)  # playing: pauses
    qtbot.waitUntil(lambda: vlc_player._mp.get_state() == vlc_player._vlc.State.Paused)
    assert vlc_player.frame_ms() == pytest.approx(40.0)
    vlc_player.seek(3_000)
    qtbot.wait(400)
    controller.step_frame(True)
    controller.step_frame(True)
    assert vlc_player.time() == 3_080
    controller.step_frame(False)
    assert vlc_player.time() == 3_040
    assert vlc_player.state() == PlayerState.PAUSED


def test_previous_next_and_replay_line(
    qtbot: QtBot, vlc_player: VlcPlayer, controller: PlaybackController, color_video: Path
) -> None:
    load_and_wait(qtbot, vlc_player, color_video)
    play_until(qtbot, vlc_player, 3_300)
    controller.next_line()
    assert 4_000 <= vlc_player.time() <= 4_100
    qtbot.waitUntil(lambda: vlc_player._mp.get_time() >= 4_000, timeout=5000)
    controller.previous_line()
    assert 3_000 <= vlc_player.time() <= 3_100
    qtbot.waitUntil(lambda: 3_000 <= vlc_player._mp.get_time() < 4_000, timeout=5000)
    qtbot.waitUntil(lambda: vlc_player.time() >= 3_600, timeout=5000)
    pause_and_wait(qtbot, vlc_player)
    line_start = vlc_player.time() // 1000 * 1000  # the line playing when paused
    controller.replay_line()
    assert vlc_player.time() == line_start
    qtbot.waitUntil(lambda: vlc_player.state() == PlayerState.PLAYING, timeout=5000)
    qtbot.waitUntil(lambda: vlc_player._mp.get_time() >= line_start, timeout=5000)
    assert line_start <= vlc_player.time() <= line_start + 900


# -- sound -----------------------------------------------------------------------------------


def test_volume_and_mute(qtbot: QtBot, vlc_player: VlcPlayer, color_video: Path) -> None:
    with qtbot.waitSignal(vlc_player.volumeChanged) as blocker:
        vlc_player.set_volume(40)
    assert blocker.args == [40] and vlc_player.volume() == 40
    with qtbot.waitSignal(vlc_player.mutedChanged) as blocker:
        vlc_player.set_muted(True)
    assert blocker.args == [True] and vlc_player.is_muted()
    load_and_wait(qtbot, vlc_player, color_video)  # kept across media and playback
    play_until(qtbot, vlc_player, 300)
    assert vlc_player.volume() == 40 and vlc_player.is_muted()
    vlc_player.set_volume(-5)
    assert vlc_player.volume() == 0
    vlc_player.set_muted(False)
    assert not vlc_player.is_muted()


# -- what the media holds --------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["wav", "mp3"])
def test_audio_only_media_plays_without_video(
    qtbot: QtBot, vlc_player: VlcPlayer, tone_wav: Path, tone_mp3: Path, kind: str
) -> None:
    path = tone_wav if kind == "wav" else tone_mp3
    with qtbot.waitSignal(vlc_player.hasVideoChanged, timeout=5000) as blocker:
        vlc_player.load(str(path))
    assert blocker.args == [False]
    assert not vlc_player.has_video()
    qtbot.waitUntil(lambda: vlc_player.duration() > 0, timeout=5000)
    # VLC estimates an mp3's length from its bit rate: a little long without a Xing header.
    assert 5_700 <= vlc_player.duration() <= 7_500
    play_until(qtbot, vlc_player, 1_000)
    assert vlc_player.state() == PlayerState.PLAYING
    qtbot.wait(300)
    assert vlc_player.state() == PlayerState.PLAYING  # no decoder warning turned into an error


def test_video_media_has_video(qtbot: QtBot, vlc_player: VlcPlayer, color_video: Path) -> None:
    with qtbot.waitSignal(vlc_player.hasVideoChanged, timeout=5000) as blocker:
        vlc_player.load(str(color_video))
    assert blocker.args == [True] and vlc_player.has_video()
    warnings: list[str] = []
    vlc_player.warningOccurred.connect(warnings.append)
    play_until(qtbot, vlc_player, 1_000)
    assert vlc_player.has_video() and not warnings


def test_truncated_file_says_why(
    qtbot: QtBot, vlc_player: VlcPlayer, color_video: Path, tmp_path: Path
) -> None:
    """A download cut short: ffmpeg writes the index (moov) last, so half a file has none."""
    cut = tmp_path / "cut.mp4"
    data = color_video.read_bytes()
    cut.write_bytes(data[: len(data) // 2])
    errors: list[str] = []
    vlc_player.errorOccurred.connect(errors.append)
    vlc_player.load(str(cut))
    vlc_player.play()
    qtbot.waitUntil(lambda: bool(errors), timeout=8000)
    assert len(errors) == 1 and "\n" not in errors[0]
    assert "damaged, incomplete" in errors[0] or "cannot read" in errors[0], errors
    assert vlc_player.state() == PlayerState.ERROR


def test_unknown_codec_says_which(
    qtbot: QtBot, vlc_player: VlcPlayer, color_video: Path, tmp_path: Path
) -> None:
    """A container VLC reads whose codecs it cannot decode (made by renaming the mp4's codec
    ids): the error names them."""
    odd = tmp_path / "odd-codec.mp4"
    odd.write_bytes(color_video.read_bytes().replace(b"avc1", b"qqq1").replace(b"mp4a", b"qqqa"))
    errors: list[str] = []
    vlc_player.errorOccurred.connect(errors.append)
    load_and_wait(qtbot, vlc_player, odd)
    assert vlc_player.has_video()  # the container says so; playing tells otherwise
    vlc_player.play()
    qtbot.waitUntil(lambda: bool(errors), timeout=8000)
    assert "no decoder" in errors[0] and "qqq1" in errors[0], errors
    assert vlc_player.state() == PlayerState.ERROR
    load_and_wait(qtbot, vlc_player, color_video)  # the next file plays as usual
    play_until(qtbot, vlc_player, 500)
    assert vlc_player.state() == PlayerState.PLAYING
