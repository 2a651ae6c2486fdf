"""No exception passes silently: one in a slot or an event handler (which Qt would only print)
or in a worker thread is written, with its traceback, to a log file in the user log dir, and the
window says so in one line with "Details…".

Installed once by ``run_gui``. The GUI part runs on the GUI thread: a thread's exception reaches
it through a queued signal.
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType

import platformdirs
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QToolButton,
    QWidget,
)

__all__ = ["ErrorNotice", "ExceptionHook", "install_exception_hook", "log_path"]

LOG_NAME = "errors.log"
#: The log is cut back to its newest half past this size: years of rare errors stay small.
MAX_LOG_BYTES = 1_000_000


def log_path() -> Path:
    return Path(platformdirs.user_log_dir("proofreel", appauthor=False)) / LOG_NAME


def _main_window() -> QMainWindow | None:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return None
    active = app.activeWindow()
    if isinstance(active, QMainWindow):
        return active
    shown = [w for w in app.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()]
    return shown[0] if shown else None


class ErrorNotice(QWidget):
    """The status bar's "Something went wrong: … Details…" line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorNotice")
        self.label = QLabel()
        self.label.setObjectName("errorNoticeText")
        self.details_button = QPushButton(self.tr("Details…"))
        self.details_button.setObjectName("errorDetails")
        self.details_button.clicked.connect(self.show_details)
        close = QToolButton()
        close.setText("\u2715")
        close.setAccessibleName(self.tr("Dismiss"))
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.details_button)
        layout.addWidget(close)
        self.details = ""
        self.log = ""

    def show_error(self, line: str, details: str, log: str) -> None:
        self.label.setText(line)
        self.details, self.log = details, log
        self.show()

    def show_details(self) -> None:
        box = QMessageBox(self.window())
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Something went wrong"))
        box.setText(self.label.text())
        where = self.tr("Written to %1").replace("%1", self.log) if self.log else ""
        box.setInformativeText(where)
        box.setDetailedText(self.details)
        box.open()


class ExceptionHook(QObject):
    caught = Signal(str, str)  # one line, the traceback: queued to the GUI thread

    def __init__(
        self,
        window: Callable[[], QMainWindow | None] = _main_window,
        log: Callable[[], Path] = log_path,
    ) -> None:
        super().__init__()
        self._window = window
        self._log = log
        self.previous = sys.excepthook
        self.written: Path | None = None
        self.caught.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def __call__(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self.previous(exc_type, exc, tb)
            return
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        self.written = self._write(details)
        sys.stderr.write(details)  # a terminal or a journal still sees it
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        line = f"{exc_type.__name__}: {first}" if first else exc_type.__name__
        self.caught.emit(line, details)

    def thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self(args.exc_type, args.exc_value, args.exc_traceback)

    def _write(self, details: str) -> Path | None:
        path = self._log()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
                kept = path.read_bytes()[-MAX_LOG_BYTES // 2 :]
                path.write_bytes(kept)
            with path.open("a", encoding="utf-8") as out:
                out.write(f"--- {datetime.now().isoformat(timespec='seconds')}\n{details}\n")
        except OSError:
            return None  # a full or read-only disk: the window still says what happened
        return path

    def _show(self, line: str, details: str) -> None:
        window = self._window()
        if window is None:
            return
        notice = window.findChild(ErrorNotice, "errorNotice")
        if notice is None:
            notice = ErrorNotice()
            window.statusBar().addWidget(notice, 1)
        text = self.tr("Something went wrong: %1").replace("%1", line)
        notice.show_error(text, details, "" if self.written is None else str(self.written))


def install_exception_hook() -> ExceptionHook:
    """Route every uncaught exception (GUI thread and worker threads) to the log and the window."""
    hook = ExceptionHook()
    sys.excepthook = hook
    threading.excepthook = hook.thread_hook
    app = QApplication.instance()
    if app is not None:
        hook.setParent(app)  # lives as long as the application
    return hook
