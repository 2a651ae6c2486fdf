"""Retiming a line by dragging its block's edge on the timeline (issue 18, "Timing at a glance"):
the list follows the drag, the drop is stored as one undoable step, Esc leaves the line as it
was, the edge stops at its neighbour, and a click on an edge still seeks."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app.ui.playback.timeline_edges import MIN_LENGTH_MS, MOVE_EVERY_MS
from app.ui.playback.timeline_layer import LANE_H
from app.ui.window.main_window import MainWindow

LEFT = Qt.MouseButton.LeftButton


def _zoomed(window: MainWindow) -> int:
    """20 ms per pixel from 0: a one-second line is 50 px wide. Returns the lines' lane's y."""
    timeline = window.timeline
    timeline.set_view(0, 20)
    return timeline.height() - LANE_H // 2


def _x(window: MainWindow, ms: int) -> int:
    return round(window.timeline.x_of(ms))


def _stored(window: MainWindow, row: int) -> tuple[int, int]:
    assert window.project_id is not None
    line = window.library.load_transcript(window.project_id).lines[row]
    return line.start_ms, line.end_ms


def _drag(qtbot: QtBot, window: MainWindow, y: int, edge_ms: int, side: int, to_ms: int) -> None:
    """Press 2 px on ``side`` (-1 left, 1 right) of the edge at ``edge_ms``, move to ``to_ms``."""
    timeline = window.timeline
    qtbot.mousePress(timeline, LEFT, pos=QPoint(_x(window, edge_ms) + 2 * side, y))
    qtbot.wait(MOVE_EVERY_MS + 10)
    QTest.mouseMove(timeline, QPoint(_x(window, to_ms), y))


def test_dragging_an_end_edge_retimes_the_line_as_one_undoable_step(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    window = fake_window
    y = _zoomed(window)
    timeline = window.timeline
    assert window.model.line(2).end_ms == 3000 and _stored(window, 2) == (2000, 3000)

    QTest.mouseMove(timeline, QPoint(_x(window, 3000) - 1, y))
    assert timeline.cursor().shape() == Qt.CursorShape.SizeHorCursor, "an edge looks grabbable"

    _drag(qtbot, window, y, 3000, -1, 2600)
    assert window.model.line(2).end_ms == 2600, "the list shows the new end while dragging"
    assert _stored(window, 2) == (2000, 3000), "nothing is stored before the drop"
    qtbot.mouseRelease(timeline, LEFT, pos=QPoint(_x(window, 2600), y))

    assert _stored(window, 2) == (2000, 2600)
    assert window.model.line(2).end_ms == 2600
    assert window.undo_stack.undoText() == "Drag Line End"
    window.undo_stack.undo()
    assert _stored(window, 2) == (2000, 3000) and window.model.line(2).end_ms == 3000


def test_escape_leaves_the_line_as_it_was(qtbot: QtBot, fake_window: MainWindow) -> None:
    window = fake_window
    y = _zoomed(window)
    steps = window.undo_stack.count()
    _drag(qtbot, window, y, 3000, -1, 2500)
    assert window.model.line(2).end_ms == 2500
    QTest.keyClick(window.timeline, Qt.Key.Key_Escape)
    assert window.model.line(2).end_ms == 3000, "Esc puts the line back"
    qtbot.mouseRelease(window.timeline, LEFT, pos=QPoint(_x(window, 2500), y))
    assert window.model.line(2).end_ms == 3000 and _stored(window, 2) == (2000, 3000)
    assert window.undo_stack.count() == steps, "nothing to undo"


def test_an_edge_stops_at_its_neighbour_and_a_line_keeps_a_length(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    window = fake_window
    y = _zoomed(window)
    timeline = window.timeline
    # Line 5 starts as line 4 ends: its start cannot run back into line 4 ...
    _drag(qtbot, window, y, 5000, 1, 4300)
    qtbot.mouseRelease(timeline, LEFT, pos=QPoint(_x(window, 4300), y))
    assert _stored(window, 5) == (5000, 6000) and _stored(window, 4) == (4000, 5000)
    # ... and dragged past its own end it stops short of it.
    _drag(qtbot, window, y, 5000, 1, 6500)
    qtbot.mouseRelease(timeline, LEFT, pos=QPoint(_x(window, 6500), y))
    assert _stored(window, 5) == (6000 - MIN_LENGTH_MS, 6000)


def test_a_click_on_an_edge_still_seeks(qtbot: QtBot, fake_window: MainWindow) -> None:
    window = fake_window
    y = _zoomed(window)
    steps = window.undo_stack.count()
    with qtbot.waitSignal(window.timeline.seekRequested) as seek:
        qtbot.mouseClick(window.timeline, LEFT, pos=QPoint(_x(window, 3000) + 1, y))
    assert seek.args is not None and abs(seek.args[0] - 3000) <= 40, "played from there"
    assert window.undo_stack.count() == steps and _stored(window, 3) == (3000, 4000)
