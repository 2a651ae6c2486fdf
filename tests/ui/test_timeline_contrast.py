"""The timeline's marks read on its background in light and dark (issue 18, 10): the waveform,
the line blocks by status and the note dots reach WCAG's 3:1 for graphics, measured on the
pixels the strip draws."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.media.waveform import Peaks
from app.player.fake import FakePlayer
from app.store.importing import open_pair
from app.store.library import Library
from app.ui.playback.timeline_layer import LANE_H, MARK_H, RULER_H
from app.ui.preferences.appearance import apply_scheme
from app.ui.window.main_window import MainWindow
from tests.ui.test_contrast import contrast

pytestmark = pytest.mark.gui

GRAPHICS = 3.0


@pytest.fixture(params=["light", "dark"])
def window(
    request: pytest.FixtureRequest, qtbot: QtBot, library: Library, srt_file: Path
) -> Iterator[MainWindow]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_scheme(app, request.param)
    window = MainWindow(library, FakePlayer(duration=60_000))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    assert QTest.qWaitForWindowExposed(window)
    opened = open_pair(library, srt_file)  # no media: the test gives the waveform its peaks
    window.show_project(opened.project_id, opened.transcript, opened.report)
    window.player.set_duration(60_000)
    window.timeline.set_duration(60_000)
    yield window
    apply_scheme(app, "system")


def _commonest(image: QImage, xs: range, ys: range, not_colour: QColor) -> QColor:
    counts: Counter[int] = Counter(
        image.pixel(x, y) & 0xFFFFFF for x in xs for y in ys if image.pixel(x, y) & 0xFFFFFF
    )
    counts.pop(not_colour.rgb() & 0xFFFFFF, None)
    assert counts, "something is drawn there"
    return QColor(counts.most_common(1)[0][0])


def test_waveform_blocks_and_note_dots_stand_out(window: MainWindow) -> None:
    timeline = window.timeline
    model = window.model
    ids = [model.line(row).id for row in range(60)]
    assert all(i is not None for i in ids)
    window.session.set_status([ids[10]], "approved")  # type: ignore[list-item]
    window.session.add_note(ids[20], "check")  # type: ignore[arg-type]
    data = np.full(6000, 180, np.uint8)  # loud throughout
    timeline.set_peaks(Peaks(100, 60_000, data))
    QApplication.processEvents()
    image = timeline.grab().toImage()
    base = timeline.palette().base().color()
    lane = range(timeline.height() - LANE_H + 3, timeline.height() - 4)
    wave_rows = range(RULER_H + 4, timeline.height() - LANE_H - MARK_H - 4)

    def x_range(ms: int) -> range:
        x = round(timeline.x_of(ms))
        return range(x - 1, x + 2)

    found = {
        "waveform": _commonest(image, x_range(30_500), wave_rows, base),
        "unreviewed line": _commonest(image, x_range(5_500), lane, base),
        "approved line": _commonest(image, x_range(10_500), lane, base),
    }
    dot_rows = range(timeline.height() - LANE_H - MARK_H, timeline.height() - LANE_H)
    dot_x = round(timeline.x_of(20_000))
    found["note dot"] = _commonest(image, range(dot_x, dot_x + 7), dot_rows, base)
    low = {
        name: f"{colour.name()} on {base.name()}: {contrast(colour, base):.2f}"
        for name, colour in found.items()
        if contrast(colour, base) < GRAPHICS
    }
    assert low == {}
    assert found["approved line"] != found["unreviewed line"], "the statuses differ"
