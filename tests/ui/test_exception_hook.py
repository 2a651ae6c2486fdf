"""An exception in a slot or an event handler never passes silently: in the app it is logged and
shown in the window; in the test suite it fails the test (pytest-qt's capture, on for all)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.ui.window.exception_hook import (
    ErrorNotice,
    ExceptionHook,
    install_exception_hook,
    log_path,
)
from app.ui.window.main_window import MainWindow


class _Emitter(QObject):
    fired = Signal()


def _boom() -> None:
    raise RuntimeError("the slot broke\nsecond line")


@pytest.mark.qt_no_exception_capture  # this test is about the app's own hook
def test_a_slot_exception_is_logged_and_shown_with_details(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    before = sys.excepthook
    hook = install_exception_hook()
    try:
        emitter = _Emitter()
        emitter.fired.connect(_boom)
        emitter.fired.emit()  # PySide6 hands the slot's exception to sys.excepthook
        qtbot.waitUntil(lambda: fake_window.findChild(ErrorNotice, "errorNotice") is not None)
        notice = fake_window.findChild(ErrorNotice, "errorNotice")
        assert notice is not None and notice.isVisible()
        assert notice.label.text() == "Something went wrong: RuntimeError: the slot broke"
        assert notice.details_button.text() == "Details…"
        logged = log_path().read_text(encoding="utf-8")
        assert "RuntimeError: the slot broke" in logged and "in _boom" in logged
        assert hook.written == log_path()
        qtbot.mouseClick(notice.details_button, Qt.MouseButton.LeftButton)
        box = fake_window.findChild(QMessageBox)
        assert box is not None and "in _boom" in box.detailedText()
        assert str(log_path()) in box.informativeText()
        box.close()
    finally:
        sys.excepthook = before


def test_an_unwritable_log_still_shows_the_message(
    qtbot: QtBot, fake_window: MainWindow, tmp_path: Path
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    hook = ExceptionHook(window=lambda: fake_window, log=lambda: blocked / "errors.log")
    try:
        raise ValueError("no room")
    except ValueError as err:
        hook(ValueError, err, err.__traceback__)
    qtbot.waitUntil(lambda: fake_window.findChild(ErrorNotice, "errorNotice") is not None)
    notice = fake_window.findChild(ErrorNotice, "errorNotice")
    assert notice is not None and notice.label.text().endswith("ValueError: no room")
    assert hook.written is None


INNER = """
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget


class Emitter(QObject):
    fired = Signal()


class Broken(QWidget):
    def keyPressEvent(self, event):
        raise KeyError("in an event handler")


def test_slot(qtbot):
    emitter = Emitter()
    emitter.fired.connect(lambda: 1 / 0)
    emitter.fired.emit()


def test_event_handler(qtbot):
    widget = Broken()
    qtbot.addWidget(widget)
    qtbot.keyClick(widget, "a")


def test_clean(qtbot):
    emitter = Emitter()
    emitter.fired.connect(lambda: None)
    emitter.fired.emit()
"""


def test_pytest_qt_fails_a_test_on_an_exception_in_a_slot(pytester: pytest.Pytester) -> None:
    """Under PySide6, with this project's pytest settings: the proof the suite's net holds."""
    pytester.makepyfile(test_inner=INNER)
    pytester.makeini("[pytest]\nqt_api = pyside6\n")
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "-q")
    result.assert_outcomes(passed=1, failed=2)
    result.stdout.fnmatch_lines(["*ZeroDivisionError*", "*KeyError*in an event handler*"])
