"""The Proofreel that tests/test_crash.py kills: a real MainWindow (fake player) on a real
library file, driven by key presses. After each change it prints ``shown ...`` once the change
is on screen, then ``idle`` when it sits waiting, to be killed with SIGKILL.

Run: python -m tests.helpers.crash_child DB SRT   (under an X display, e.g. Xvfb)

With a third argument ``storm`` it never idles: it goes down the transcript approving, flagging
and noting one line after another (each line once), printing ``shown ...`` after each, until it
is killed in the middle of that work.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable

os.environ.setdefault("QT_QPA_PLATFORM", "xcb" if os.environ.get("DISPLAY") else "offscreen")

from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QSettings, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.player.fake import FakePlayer
from app.store.importing import open_pair
from app.store.library import Library
from app.ui.review.review_session import AUTHOR_KEY
from app.ui.transcript.transcript_model import TranscriptModel
from app.ui.window.main_window import MainWindow

AUTHOR = "Crash Tester"
NOTE = "Said on screen, kept on disk"
ROWS = {"approved": 2, "flagged": 3, "note": 4, "highlight": 5, "edit": 6}
EDITED = "Line number six, corrected"


def wait_for(what: str, condition: Callable[[], bool], timeout_ms: int = 10_000) -> None:
    deadline = QDeadlineTimer(timeout_ms)
    while not condition():
        if deadline.hasExpired():
            raise TimeoutError(f"never shown: {what}")
        QTest.qWait(10)
    QTest.qWait(50)  # let the change be painted, not only set


def shown(*what: object) -> None:
    print("shown", *what, flush=True)


def select(window: MainWindow, row: int) -> int:
    window.view.select_rows([row])
    window.view.setFocus()
    line_id = window.model.line(row).id
    assert line_id is not None
    wait_for(f"row {row} current", lambda: window.view.current_source_row() == row)
    return line_id


def open_window(db: str, srt: str) -> tuple[QApplication, MainWindow]:
    QCoreApplication.setOrganizationName("Proofreel")
    QCoreApplication.setApplicationName("Proofreel")
    app = QApplication.instance() or QApplication([sys.argv[0]])
    QSettings().setValue(AUTHOR_KEY, AUTHOR)
    library = Library.open(db)
    window = MainWindow(library, FakePlayer(duration=60_000))
    window.resize(1100, 700)
    window.show()
    window.activateWindow()  # the review keys are window shortcuts: the window must be active
    if not QTest.qWaitForWindowActive(window, 10_000):
        raise RuntimeError("the window never became active")
    opened = open_pair(library, srt)
    window.show_project(opened.project_id, opened.transcript, opened.report)
    return app, window


def storm(db: str, srt: str) -> int:
    """Work without pause, one line after another, until killed."""
    app, window = open_window(db, srt)
    model = window.model
    marks = {Qt.Key.Key_A: ("approved", "\u2713"), Qt.Key.Key_F: ("flagged", "\u2691")}
    for row in range(model.rowCount()):
        line_id = select(window, row)
        if row % 3 == 2:
            QTest.keyClick(window.view, Qt.Key.Key_N)
            editor = window.notes_panel.editor
            wait_for("the note editor", editor.isVisible)
            editor.setFocus()
            QTest.keyClicks(editor, f"note {row}")
            QTest.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
            wait_for(
                "the note", lambda r=row: [n.body for n in model.line(r).notes] == [f"note {r}"]
            )
            shown("note", line_id, f"note {row}")
            continue
        key = Qt.Key.Key_A if row % 3 == 0 else Qt.Key.Key_F
        what, mark = marks[key]
        QTest.keyClick(window.view, key)
        wait_for(what, lambda r=row, m=mark: model.index(r, TranscriptModel.STATUS).data() == m)
        shown(what, line_id)
    print("idle", flush=True)
    return app.exec()


def run(db: str, srt: str) -> int:
    app, window = open_window(db, srt)
    model = window.model

    def status_shown(row: int, mark: str) -> bool:
        return bool(model.index(row, TranscriptModel.STATUS).data() == mark)

    line_id = select(window, ROWS["approved"])
    QTest.keyClick(window.view, Qt.Key.Key_A)
    wait_for("approved", lambda: status_shown(ROWS["approved"], "\u2713"))
    shown("approved", line_id)

    line_id = select(window, ROWS["flagged"])
    QTest.keyClick(window.view, Qt.Key.Key_F)
    wait_for("flagged", lambda: status_shown(ROWS["flagged"], "\u2691"))
    shown("flagged", line_id)

    line_id = select(window, ROWS["note"])
    QTest.keyClick(window.view, Qt.Key.Key_N)
    editor = window.notes_panel.editor
    wait_for("the note editor", editor.isVisible)
    editor.setFocus()
    QTest.keyClicks(editor, NOTE)
    QTest.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    wait_for(
        "the note",
        lambda: (
            window.notes_panel.list.count() == 1
            and NOTE in window.notes_panel.list.item(0).text()
            and [n.body for n in model.line(ROWS["note"]).notes] == [NOTE]
        ),
    )
    shown("note", line_id, NOTE)

    line_id = select(window, ROWS["highlight"])
    panel = window.line_panel
    wait_for("the line panel", lambda: panel.line_id == line_id)
    cursor = panel.text.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(4, QTextCursor.MoveMode.KeepAnchor)  # "Line" of "Line number 5"
    panel.text.setTextCursor(cursor)
    action = panel.actions_for_menu()[0]
    wait_for("the tag action", action.isEnabled)
    action.trigger()
    wait_for("the highlight", lambda: len(model.line(ROWS["highlight"]).highlights) == 1)
    mark = model.line(ROWS["highlight"]).highlights[0]
    shown("highlight", line_id, mark.start, mark.end, mark.tag)

    line_id = select(window, ROWS["edit"])
    QTest.keyClick(window.view, Qt.Key.Key_F2)  # edit in place, as an editor would
    wait_for("the text editor", lambda: window.delegate.editing_state() is not None)
    editor = QApplication.focusWidget()
    assert editor is not None
    QTest.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(editor, EDITED)
    QTest.keyClick(editor, Qt.Key.Key_Return)
    wait_for("the corrected text", lambda: model.line(ROWS["edit"]).text == EDITED)
    shown("edit", line_id, EDITED)

    print("idle", flush=True)
    return app.exec()  # waits here, with everything on screen, until killed


def main() -> int:
    db, srt = sys.argv[1:3]
    try:
        if sys.argv[3:] == ["storm"]:
            return storm(db, srt)
        return run(db, srt)
    except Exception:
        traceback.print_exc()
        print("error", flush=True)
        return 1


if __name__ == "__main__":
    sys.exit(main())
