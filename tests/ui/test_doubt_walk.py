"""Low-confidence first in the transcript table (issue 16): words heard with a low probability
are shaded, the pointer over a word says when it was heard and how sure the recogniser was, and
F9 / Shift+F9 (rebindable) walk the lines most doubtful first. The words' probabilities are the
project's own, as a transcription or a Whisper JSON import stores them."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from app.core.transcript import Line, Transcript, Word
from app.player.fake import FakePlayer
from app.store.library import Library
from app.ui.transcript.transcript_model import TranscriptModel
from app.ui.window.main_window import MainWindow

SHIFT = Qt.KeyboardModifier.ShiftModifier


def _line(start: int, text: str, probabilities: list[float]) -> Line:
    words = [
        Word(start + n * 600, start + n * 600 + 500, token, p)
        for n, (token, p) in enumerate(zip(text.split(), probabilities, strict=True))
    ]
    return Line(start, start + 3_000, text, words=words)


LINES = [
    _line(0, "we met Vladimir today", [0.95, 0.9, 0.31, 0.88]),
    _line(3_000, "all of it clear", [0.97, 0.96, 0.95, 0.93]),
    _line(6_000, "then mumbled words", [0.9, 0.12, 0.8]),
    _line(9_000, "and a plain ending", [0.9, 0.9, 0.9, 0.9]),
]


def _window(qtbot: QtBot, library: Library) -> MainWindow:
    window = MainWindow(library, FakePlayer(duration=12_000))
    qtbot.addWidget(window)
    window.resize(1100, 600)
    window.show()
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    project = library.create_project(
        Transcript(lines=LINES, title="heard"), media_path=None, transcript_path=None
    )
    window.open_project_id(project)
    window.view.setFocus()
    return window


def _shaded_pixels(window: MainWindow, row: int) -> int:
    """How many pixels of the row's text cell have its one most common light colour other than
    the row's own background: a shaded word's see-through grey fill (the glyphs' edges come in
    many shades, a few pixels each)."""
    view = window.view
    index = view.proxy.mapFromSource(window.model.index(row, TranscriptModel.TEXT))
    image: QImage = view.viewport().grab(view.visualRect(index)).toImage()
    background = image.pixelColor(1, 1).rgb()
    counts: Counter[int] = Counter()
    for y in range(image.height()):
        for x in range(image.width()):
            colour = image.pixelColor(x, y)
            if colour.rgb() != background and colour.value() > 150:
                counts[colour.rgb()] += 1
    return counts.most_common(1)[0][1] if counts else 0


def test_unsure_words_are_shaded_and_sure_ones_not(qtbot: QtBot, library: Library) -> None:
    window = _window(qtbot, library)
    window.view.go_to_row(3)  # the selected row is drawn otherwise: look at the others
    qtbot.wait(50)
    shaded = [_shaded_pixels(window, row) for row in range(3)]
    assert shaded[0] > 300, ("“Vladimir” (31%) is shaded", shaded)
    assert shaded[2] > 300, ("“mumbled” (12%) is shaded", shaded)
    assert shaded[1] < 100, ("every word over 90%: nothing shaded", shaded)


def test_the_pointer_over_a_word_says_how_sure_the_recogniser_was(
    qtbot: QtBot, library: Library
) -> None:
    window = _window(qtbot, library)
    view = window.view
    index = view.proxy.mapFromSource(window.model.index(0, TranscriptModel.TEXT))
    rect = view.visualRect(index)
    seen: list[str] = []
    viewport = view.viewport()
    for x in range(rect.left(), rect.right(), 3):  # the pointer moved along the line
        pos = QPoint(x, rect.center().y())
        QApplication.sendEvent(
            viewport, QHelpEvent(QEvent.Type.ToolTip, pos, viewport.mapToGlobal(pos))
        )
        tip = QToolTip.text() if QToolTip.isVisible() else ""
        if tip and (not seen or seen[-1] != tip):
            seen.append(tip)
    words = [tip.split("”")[0].lstrip("“") for tip in seen if tip.startswith("“")]
    assert words[:4] == ["we", "met", "Vladimir", "today"], seen
    vladimir = next(tip for tip in seen if tip.startswith("“Vladimir”"))
    assert "31% sure" in vladimir and "0:01.200" in vladimir and "unsure" in vladimir
    assert "unsure" not in next(tip for tip in seen if tip.startswith("“we”"))
    QToolTip.hideText()


def test_f9_walks_the_lines_most_doubtful_first_and_can_be_rebound(
    qtbot: QtBot, library: Library
) -> None:
    window = _window(qtbot, library)
    window.view.go_to_row(3)
    message = window.statusBar().currentMessage
    QTest.keyClick(window.view, Qt.Key.Key_F9)
    assert window.view.current_source_row() == 2, "“mumbled”, 12%: the most doubtful"
    assert "Doubtful line 1 of 2" in message() and "“mumbled” heard 12% sure" in message()
    QTest.keyClick(window.view, Qt.Key.Key_F9)
    assert window.view.current_source_row() == 0
    assert "“Vladimir” heard 31% sure" in message()
    QTest.keyClick(window.view, Qt.Key.Key_F9)
    assert window.view.current_source_row() == 0, "no more: it stays"
    assert "the last doubtful line (2 in all)" in message()
    QTest.keyClick(window.view, Qt.Key.Key_F9, SHIFT)
    assert window.view.current_source_row() == 2
    # With no second opinion, the audio-mark keys say how to get marks.
    QTest.keyClick(window.view, Qt.Key.Key_F8)
    assert window.view.current_source_row() == 2
    assert "No audio marks" in message() and "Second Opinion" in message()
    # Another key for it, as Preferences > Shortcuts sets it.
    window.keymap.set_shortcut("listen.next_doubtful", "Ctrl+Alt+D")
    window.view.go_to_row(3)
    QTest.keyClick(window.view, Qt.Key.Key_F9)
    assert window.view.current_source_row() == 3, "F9 is free again"
    ctrl_alt = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    QTest.keyClick(window.view, Qt.Key.Key_D, ctrl_alt)
    assert window.view.current_source_row() == 2
