"""The Line panel says who did what to the selected line, newest first, in the real window:
"approved by Ana 10:42 · text corrected by Ben 10:40 · imported", kept up to date through keys,
undo and another selection."""

from __future__ import annotations

import re

from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from app.ui.review.review_session import AUTHOR_KEY
from app.ui.window.main_window import MainWindow
from tests.ui.test_panels_follow_line import edit_with_f2

CTRL = Qt.KeyboardModifier.ControlModifier
TIME = r"\S.*?"  # a local time, as the notes show it


def history(window: MainWindow) -> str:
    return window.line_panel.history.text()


def test_the_line_panel_shows_the_line_s_history(qtbot: QtBot, fake_window: MainWindow) -> None:
    w = fake_window
    w.view.go_to_row(3)
    assert history(w) == "imported"
    QSettings().setValue(AUTHOR_KEY, "Ben")
    edit_with_f2(qtbot, w, 3, "Three")
    qtbot.waitUntil(lambda: history(w).startswith("text corrected by Ben"), timeout=1000)
    QSettings().setValue(AUTHOR_KEY, "Ana")
    w.view.go_to_row(3)
    w.view.setFocus()
    qtbot.keyClick(w.view, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: history(w).startswith("approved"), timeout=1000)
    assert re.fullmatch(
        rf"approved by Ana {TIME} · text corrected by Ben {TIME} · imported", history(w)
    ), history(w)
    assert w.line_panel.history.isVisible()

    # Undo is a change too: the mark taken back shows, newest first.
    qtbot.keyClick(w.view, Qt.Key.Key_Z, CTRL)
    qtbot.waitUntil(lambda: history(w).startswith("marked unreviewed by Ana"), timeout=1000)

    # Another line has its own history.
    w.view.go_to_row(5)
    qtbot.waitUntil(lambda: history(w) == "imported", timeout=1000)
