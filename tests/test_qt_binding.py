"""Guards against a broken Qt binding: PySide6 6.12.0 on Python 3.11 loses a reference to None on
every call of a method returning nothing, and after enough playback ticks Python aborts. A user
would see the app crash after an hour of work, so the installed binding is checked here."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QSize


def test_void_qt_calls_do_not_leak_none_references() -> None:
    obj, size = QObject(), QSize()
    before = sys.getrefcount(None)
    for _ in range(5000):
        obj.setObjectName("tick")
        size.setWidth(3)
    # A few references may come and go with the interpreter's own work; 10,000 would be the bug.
    assert abs(sys.getrefcount(None) - before) < 100
