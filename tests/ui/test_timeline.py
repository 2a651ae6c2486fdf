"""The timeline strip: seeking by click and drag, zoom and scroll, hover text, cheap playhead
repaints, review colours, and the waveform job off the GUI thread."""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QHelpEvent, QPaintEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from app.core.transcript import Line, Note
from app.media.waveform import Peaks, WaveformCancelled
from app.ui.playback.timeline import FLAG_COLOUR, HEIGHT, PLAYHEAD_HALF, Timeline
from app.ui.playback.waveform_job import WaveformJob
from app.ui.transcript.transcript_model import TranscriptModel

from .conftest import make_transcript

WIDTH = 600  # 60 s across: 100 ms per pixel at full zoom
LANE_Y = HEIGHT - 8  # inside the blocks' lane


class CountingTimeline(Timeline):
    def __init__(self) -> None:
        super().__init__()
        self.painted: list[QRect] = []

    def paintEvent(self, event: QPaintEvent) -> None:
        self.painted.append(event.rect())
        super().paintEvent(event)


@pytest.fixture
def lines() -> list[Line]:
    return make_transcript(60, gap_ms=200).lines  # line i: [i s, i s + 800 ms)


@pytest.fixture
def timeline(qtbot: QtBot, lines: list[Line]) -> CountingTimeline:
    widget = CountingTimeline()
    qtbot.addWidget(widget)
    widget.resize(WIDTH, HEIGHT)
    widget.set_lines(lines)
    widget.set_duration(60_000)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _wheel(widget: Timeline, x: int, dy: int, dx: int = 0, shift: bool = False) -> None:
    mods = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    pos = QPointF(x, 50)
    event = QWheelEvent(
        pos, widget.mapToGlobal(pos), QPoint(), QPoint(dx, dy), Qt.MouseButton.NoButton, mods,
        Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(widget, event)


def test_click_seeks_to_the_time_under_the_pointer(qtbot: QtBot, timeline: Timeline) -> None:
    assert timeline.is_fit()
    with qtbot.waitSignal(timeline.seekRequested) as seek:
        qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=QPoint(300, LANE_Y))
    assert seek.args == [30_000]
    timeline.set_view(20_000, 10)  # zoomed: 6 s across, from 0:20
    assert timeline.visible_range() == (20_000, 26_000)
    with qtbot.waitSignal(timeline.seekRequested) as seek:
        qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=QPoint(250, 40))
    assert seek.args == [22_500]
    assert timeline.position() == 22_500  # the playhead moves at once


def test_drag_seeks_along_and_ends_where_released(qtbot: QtBot, timeline: Timeline) -> None:
    seeks: list[int] = []
    timeline.seekRequested.connect(seeks.append)
    qtbot.mousePress(timeline, Qt.MouseButton.LeftButton, pos=QPoint(100, LANE_Y))
    qtbot.mouseMove(timeline, QPoint(200, LANE_Y))
    qtbot.mouseRelease(timeline, Qt.MouseButton.LeftButton, pos=QPoint(400, LANE_Y))
    assert seeks[0] == 10_000 and seeks[-1] == 40_000


def test_hover_names_the_line_under_the_pointer(qtbot: QtBot, timeline: Timeline) -> None:
    x = round(timeline.x_of(12_400))
    text = timeline.text_at(QPoint(x, LANE_Y))
    assert "Line number 12" in text and "0:00:12.000" in text
    timeline.set_view(10_000, 10)  # zoomed in, the 200 ms gaps are 20 px wide
    gap = round(timeline.x_of(12_900))  # between lines 12 and 13: just the time
    assert timeline.text_at(QPoint(gap, 40)) == "0:00:12.900"
    x = round(timeline.x_of(12_400))
    pos = QPoint(x, LANE_Y)
    QApplication.sendEvent(
        timeline, QHelpEvent(QEvent.Type.ToolTip, pos, timeline.mapToGlobal(pos))
    )
    assert "Line number 12" in QToolTip.text()
    QToolTip.hideText()


def test_wheel_zooms_around_the_cursor_and_shift_wheel_scrolls(
    qtbot: QtBot, timeline: Timeline
) -> None:
    before = timeline.ms_at(150)
    _wheel(timeline, 150, 120 * 4)  # four notches in
    start, end = timeline.visible_range()
    assert end - start < 60_000 / 2
    assert abs(timeline.ms_at(150) - before) <= 100  # the time under the cursor stayed
    assert not timeline.is_fit()
    for _ in range(60):  # all the way in: 5 s across at most
        _wheel(timeline, 150, 120)
    start, end = timeline.visible_range()
    assert 4_990 <= end - start <= 5_010
    _wheel(timeline, 150, -120, shift=True)  # Shift+wheel down: later
    assert timeline.visible_range()[0] > start
    for _ in range(60):
        _wheel(timeline, 150, -120)
    assert timeline.is_fit() and timeline.visible_range() == (0, 60_000)


def test_playback_tick_repaints_only_the_playhead_strips(
    qtbot: QtBot, timeline: CountingTimeline
) -> None:
    timeline.set_position(30_100)
    qtbot.waitUntil(lambda: bool(timeline.painted))
    qtbot.wait(50)  # the first show's and this move's paints are over
    timeline.painted.clear()
    timeline.set_position(30_500)  # same line, 4 px on
    qtbot.waitUntil(lambda: bool(timeline.painted))
    for rect in timeline.painted:
        assert rect.width() <= 4 + 2 * PLAYHEAD_HALF + 1, rect
        assert rect.left() >= 301 - PLAYHEAD_HALF
    timeline.painted.clear()
    timeline.set_position(30_500)  # no move, no paint
    qtbot.wait(30)
    assert timeline.painted == []


def test_zoomed_in_the_view_turns_a_page_when_the_playhead_leaves(timeline: Timeline) -> None:
    timeline.set_view(0, 10)  # 0..6 s
    timeline.set_position(5_900)
    assert timeline.visible_range() == (0, 6_000)
    timeline.set_position(6_050)
    assert timeline.visible_range() == (6_000, 12_000)
    timeline.set_position(40_000)  # a seek far away: the playhead comes into view
    start, end = timeline.visible_range()
    assert start <= 40_000 < end


def test_review_changes_from_the_model_show(qtbot: QtBot, lines: list[Line]) -> None:
    model = TranscriptModel()
    model.set_lines(lines)
    timeline = Timeline()
    qtbot.addWidget(timeline)
    timeline.resize(WIDTH, HEIGHT)
    timeline.set_duration(60_000)
    timeline.set_model(model)
    timeline.show()
    qtbot.waitExposed(timeline)
    x = round(timeline.x_of(7_400))

    def lane_colour() -> str:
        return timeline.grab().toImage().pixelColor(x, HEIGHT - 6).name()

    assert lane_colour() != FLAG_COLOUR.name()
    model.line(7).status = "flagged"
    model.line(7).notes = [Note(body="Wrong name")]
    model.dataChanged.emit(model.index(7, 0), model.index(7, 4))
    assert lane_colour() == FLAG_COLOUR.name()
    assert "Wrong name" in timeline.text_at(QPoint(x, HEIGHT - 6))
    model.set_lines(lines[:10])  # a reset: the strip follows
    assert "Line number" not in timeline.text_at(QPoint(round(timeline.x_of(30_400)), LANE_Y))


def test_waveform_progress_then_peaks(qtbot: QtBot, timeline: Timeline) -> None:
    timeline.set_waveform_progress(0.42)
    assert "42%" in timeline._message
    data = np.zeros(6000, np.uint8)
    data[1000:2000] = 200  # loud from 10 s to 20 s
    timeline.set_peaks(Peaks(100, 60_000, data))
    image = timeline.grab().toImage()
    mid = (16 + HEIGHT - 24) // 2 - 12  # well above the centre line, inside the waveform
    base = timeline.palette().base().color().name()
    assert image.pixelColor(150, mid).name() != base  # 15 s: drawn
    assert image.pixelColor(450, mid).name() == base  # 45 s: silence


@pytest.fixture
def tone(ffmpeg: str, tmp_path: Path) -> Path:
    out = tmp_path / "tone.wav"
    subprocess.run(
        [ffmpeg, "-v", "error", "-y", "-f", "lavfi", "-i", "sine=f=440:d=3", str(out)], check=True
    )
    return out


def test_job_reads_the_waveform_off_the_gui_thread(
    qtbot: QtBot, tone: Path, tmp_path: Path
) -> None:
    from app.media.waveform import load_or_compute

    worker_threads: list[int] = []
    progress_threads: list[int] = []

    def compute(path: str, cache_dir: Path, **kwargs: object) -> Peaks:
        worker_threads.append(threading.get_ident())
        return load_or_compute(path, cache_dir, **kwargs)  # type: ignore[arg-type]

    job = WaveformJob(tone, tmp_path / "cache", compute=compute)
    fractions: list[float] = []
    job.progressed.connect(
        lambda f: (fractions.append(f), progress_threads.append(threading.get_ident()))
    )
    with qtbot.waitSignal(job.finished, timeout=10_000) as done:
        job.start()
    peaks = done.args[0]
    assert isinstance(peaks, Peaks) and abs(peaks.duration_ms - 3_000) < 50
    gui = threading.get_ident()
    assert worker_threads and worker_threads[0] != gui
    assert fractions and fractions[-1] == 1.0
    assert set(progress_threads) == {gui}  # delivered on the GUI thread
    assert not job.running


def test_job_cancel_ends_with_cancelled(qtbot: QtBot, tmp_path: Path) -> None:
    started = threading.Event()

    def slow(path: str, cache_dir: Path, *, progress: object, cancel: object) -> Peaks:
        started.set()
        while not cancel():  # type: ignore[operator]
            threading.Event().wait(0.005)
        raise WaveformCancelled("cancelled")

    job = WaveformJob(tmp_path / "any.mp4", tmp_path, compute=slow)
    failed: list[str] = []
    job.failed.connect(failed.append)
    job.start()
    assert started.wait(5)
    with qtbot.waitSignal(job.cancelled, timeout=5_000):
        job.cancel()
    assert failed == [] and not job.running


def test_job_failure_is_one_line(qtbot: QtBot, tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not media\n")
    job = WaveformJob(text, tmp_path / "cache")
    with qtbot.waitSignal(job.failed, timeout=5_000) as failed:
        job.start()
    assert failed.args[0].startswith("notes.txt: cannot read the media")
