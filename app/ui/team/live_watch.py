"""When to read the change log: a notice from the server, or the library file changing.

:class:`ServerWatch` (PostgreSQL) keeps the one LISTEN connection (app.store.live_listen) and
watches its socket with a QSocketNotifier in the Qt loop; a notice for the followed project pokes
the reader. A dropped connection is noticed (the socket reads EOF, or the check every few seconds
fails), retried with backoff, and every reconnect pokes: the reader catches up from its last seq,
since notices are lost while disconnected. :class:`FileWatch` (SQLite) pokes when the file or its
-wal changes (QFileSystemWatcher), and on a short timer besides, as a watcher can miss writes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QSocketNotifier, QTimer, Signal
from sqlalchemy import Engine

from app.store.errors import StoreError
from app.store.live_listen import PgListen

__all__ = ["FileWatch", "ServerWatch"]

#: SQLite: read the log at least this often (ms)
POLL_MS = 300
#: PostgreSQL: the connection checked (and the log read, as a safety net) this often (ms)
CHECK_MS = 5000
BACKOFF_MS = (250, 500, 1000, 2000, 4000)


class FileWatch(QObject):
    poke = Signal()

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._files = [str(path), f"{path}-wal"]
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._changed)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._changed)

    def start(self) -> None:
        self._rewatch()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._watcher.files():
            self._watcher.removePaths(self._watcher.files())

    def _changed(self, *_args: object) -> None:
        self._rewatch()  # a -wal made (or remade by a checkpoint) since: watch it again
        self.poke.emit()

    def _rewatch(self) -> None:
        missing = [f for f in self._files if f not in self._watcher.files() and Path(f).exists()]
        if missing:
            self._watcher.addPaths(missing)


class ServerWatch(QObject):
    poke = Signal()
    #: False: the live connection dropped (retrying); True: back (and caught up)
    connected = Signal(bool)

    def __init__(self, engine: Engine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self.project_id: int | None = None
        self.listen: PgListen | None = None
        self._notifier: QSocketNotifier | None = None
        self._tries = 0
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.timeout.connect(self._connect)
        self._check = QTimer(self)
        self._check.setInterval(CHECK_MS)
        self._check.timeout.connect(self._on_check)

    def start(self) -> None:
        if self.listen is None:
            self._connect()
        self._check.start()

    def stop(self) -> None:
        self._check.stop()
        self._retry.stop()
        self._drop()

    def _connect(self) -> None:
        try:
            self.listen = PgListen(self._engine)
        except StoreError:
            self._lost()
            return
        self._notifier = QSocketNotifier(self.listen.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._readable)
        if self._tries:
            self.connected.emit(True)
        self._tries = 0
        self.poke.emit()  # what happened while nobody listened

    def _readable(self, *_args: object) -> None:
        if self.listen is None:
            return
        try:
            payloads = self.listen.drain()
        except StoreError:
            self._lost()
            return
        if str(self.project_id) in payloads:
            self.poke.emit()

    def _on_check(self) -> None:
        if self.listen is None:
            return
        self._readable()  # reading tells a dead connection
        if self.listen is not None:
            self.poke.emit()

    def _lost(self) -> None:
        was_connected = self.listen is not None
        self._drop()
        if was_connected:
            self.connected.emit(False)
        self._retry.start(BACKOFF_MS[min(self._tries, len(BACKOFF_MS) - 1)])
        self._tries += 1

    def _drop(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        if self.listen is not None:
            self.listen.close()
            self.listen = None
