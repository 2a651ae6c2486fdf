"""Reading view figures at 100k lines: showing the transcript as paragraphs (grouping, then the
first paint), moving the playing line (to the next line, and a far jump), an edit, a filter.

Prints one line per figure, ``NAME: VALUE UNIT (...)``. Run under a display (make bench uses
Xvfb): python bench/bench_reading_view.py
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from app.core.search import LineFilter
from app.player.fake import FakePlayer
from app.ui.transcript.follow import FollowController
from app.ui.transcript.reading_view import ReadingView
from app.ui.transcript.transcript_model import TranscriptModel
from app.ui.transcript.transcript_view import TranscriptView
from bench.synthetic import transcript

LINES = 100_000
ROUNDS = 200
SPEAKERS = ("Ann", "Bob", "Chidi")


def _median_ms(action: Callable[[int], object]) -> float:
    times = []
    for i in range(ROUNDS):
        started = time.perf_counter()
        action(i)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    lines = transcript(LINES).lines
    rng = random.Random(5)
    speaker = 0
    for line in lines:  # turns of one to six lines, as an interview has them
        if rng.random() < 0.3:
            speaker = (speaker + 1) % len(SPEAKERS)
        line.speaker = SPEAKERS[speaker]
    owner = QObject()
    model = TranscriptModel(owner)
    model.set_lines(lines)
    table = TranscriptView()
    table.setModel(model)
    player = FakePlayer(duration=lines[-1].end_ms)
    follow = FollowController(player, model, table, owner)

    started = time.perf_counter()
    reading = ReadingView(model, table, follow)
    grouped = time.perf_counter() - started
    reading.resize(700, 900)
    reading.show()
    reading.viewport().repaint()
    app.processEvents()
    shown = time.perf_counter() - started
    count = reading.paragraph_count()

    def play_line(row: int) -> None:
        model.set_current_row(row)
        reading.keep_in_view(row)
        reading.viewport().repaint()

    start = LINES // 2
    play_line(start)
    next_line = _median_ms(lambda i: play_line(start + i))
    far = _median_ms(lambda _i: play_line(rng.randrange(LINES)))
    edit = _median_ms(lambda i: (model.lines_changed([start + i]), reading.viewport().repaint()))
    started = time.perf_counter()
    table.proxy.set_filter(LineFilter(text="river"))
    filtered = (time.perf_counter() - started) * 1000
    print(f"reading_view_group_100k: {grouped * 1000:.0f} ms ({count:,} paragraphs)")
    print(f"reading_view_show_100k: {shown * 1000:.0f} ms (to the first painted screen)")
    print(f"reading_view_next_line_100k: {next_line:.2f} ms (playing line moves on, median)")
    print(f"reading_view_far_jump_100k: {far:.2f} ms (to a random line, median)")
    print(f"reading_view_edit_100k: {edit:.2f} ms (a line changed, regrouped, median)")
    print(f"reading_view_filter_100k: {filtered:.0f} ms (search filter, table and paragraphs)")
    reading.close()


if __name__ == "__main__":
    main()
