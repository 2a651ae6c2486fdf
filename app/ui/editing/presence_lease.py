"""This reviewer's presence while editing (issue 15, item 6): when the inline editor, the times
dialog or the speaker picker opens on lines, a lease on their time span is taken in the library
(app.store.presence), renewed every ``RENEW_MS`` while it stays open (the lease runs
``LEASE_SECONDS``), and dropped when the edit ends or the window closes. Also the others'
leases, for the transcript's marks.

A hint, never in the way: a refused or failed presence write or read (a read-only library, a
server away) is let go silently; the edit itself goes on as ever.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from app.store.errors import StoreError
from app.store.presence import LEASE_SECONDS, Lease, Presence
from app.ui.transcript.transcript_model import TranscriptModel

__all__ = ["QUIET_MS", "RENEW_MS", "PresenceLease"]

T = TypeVar("T")
RENEW_MS = LEASE_SECONDS * 1000 // 3  # two renewals may fail before the lease runs out
QUIET_MS = 30_000  # after a failed read of the others' leases, none for this long


class PresenceLease(QObject):
    def __init__(
        self,
        presence: Presence,
        project_id: Callable[[], int | None],
        model: TranscriptModel,
        window: QWidget,
        renew_ms: int = RENEW_MS,
    ) -> None:
        super().__init__(window)
        self.presence, self.project_id, self.model = presence, project_id, model
        self._held: tuple[int, int, int] | None = None  # project, first_ms, last_ms
        self.timer = QTimer(self)
        self.timer.setInterval(renew_ms)
        self.timer.timeout.connect(self._renew)
        self._failed = QElapsedTimer()  # since the last failed read (invalid: none failed)
        window.installEventFilter(self)  # its close ends the lease

    @property
    def held(self) -> tuple[int, int, int] | None:
        return self._held

    def start(self, rows: Sequence[int]) -> None:
        """The lines at these source rows are being edited: hold a lease on their span."""
        project = self.project_id()
        lines = [self.model.line(r) for r in rows if 0 <= r < self.model.rowCount()]
        if project is None or not lines:
            return
        first = min(line.start_ms for line in lines)
        last = max(line.end_ms for line in lines)
        self._held = (project, first, last)
        self._renew()
        self.timer.start()

    def during(self, rows: Sequence[int], action: Callable[[], T]) -> T:
        """Run ``action`` (a dialog on these rows) holding the lease, then drop it."""
        self.start(rows)
        try:
            return action()
        finally:
            self.stop()

    def stop(self) -> None:
        """The edit ended: the lease goes at once, not when it runs out."""
        self.timer.stop()
        held, self._held = self._held, None
        if held is not None:
            self._quietly(lambda: self.presence.drop(held[0]))

    def others(self) -> list[Lease]:
        """The other reviewers' live leases of the open project ([] if unreadable). After a
        failed read the next ones wait ``QUIET_MS``: a server away must not cost
        a connection attempt on every tick of the GUI thread."""
        project = self.project_id()
        if project is None or (self._failed.isValid() and not self._failed.hasExpired(QUIET_MS)):
            return []
        found = self._quietly(lambda: self.presence.others(project))
        if found is None:
            self._failed.start()
            return []
        self._failed.invalidate()
        return found

    def _renew(self) -> None:
        if self._held is not None:
            project, first, last = self._held
            self._quietly(lambda: self.presence.hold(project, first, last))

    @staticmethod
    def _quietly(action: Callable[[], T]) -> T | None:
        try:
            return action()
        except (StoreError, OSError):
            return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            self.stop()
        return super().eventFilter(watched, event)
