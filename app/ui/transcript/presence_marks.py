"""Other reviewers' presence in the transcript (issue 15, item 6): a row inside someone's lease
gets a small marker in its Start cell and the tooltip "Ana is editing 12:40-13:05".

The leases are read on a timer (``REFRESH_MS``) through the callable the window gives
(app.ui.editing.presence_lease: the store's Presence.others of the open project, [] when the read
fails), so this module knows no store. It is a hint: nothing is ever refused because of it, and a
lease that ran out is gone from the next read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtCore import QObject, QTimer

from app.core.timecode import format_clock
from app.core.transcript import Line
from app.ui.transcript.transcript_model import PRESENCE_ROLES, TranscriptModel

__all__ = ["REFRESH_MS", "LeaseLike", "PresenceMarks"]

REFRESH_MS = 2000


class LeaseLike(Protocol):
    @property
    def actor(self) -> str: ...
    @property
    def first_ms(self) -> int: ...
    @property
    def last_ms(self) -> int: ...


class PresenceMarks(QObject):
    def __init__(
        self,
        model: TranscriptModel,
        read: Callable[[], Sequence[LeaseLike]],
        parent: QObject | None = None,
        interval_ms: int = REFRESH_MS,
    ) -> None:
        """``read``: the other reviewers' live leases of the open project ([] for none)."""
        super().__init__(parent)
        self.model, self._read = model, read
        self.leases: list[LeaseLike] = []
        model.presence_of = self.hint
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        model.modelReset.connect(self.refresh)  # another project: not the last one's leases

    def hint(self, line: Line) -> str:
        """Who is editing over this line, in words ("" when nobody else is)."""
        found = [
            lease
            for lease in self.leases
            if line.start_ms < lease.last_ms and lease.first_ms < line.end_ms  # overlapping
        ]
        with_hours = any(lease.last_ms >= 3_600_000 for lease in found)
        return "\n".join(
            self.tr("%1 is editing %2\u2013%3")
            .replace("%1", lease.actor or self.tr("Someone"))
            .replace("%2", format_clock(lease.first_ms, with_hours=with_hours))
            .replace("%3", format_clock(lease.last_ms, with_hours=with_hours))
            for lease in found
        )

    def refresh(self) -> None:
        try:
            leases = list(self._read())
        except Exception:
            leases = []
        spans = [(x.actor, x.first_ms, x.last_ms) for x in leases]
        if spans == [(x.actor, x.first_ms, x.last_ms) for x in self.leases]:
            return
        touched = self._rows(self.leases) | self._rows(leases)
        self.leases = leases
        for row in sorted(touched):
            index = self.model.index(row, TranscriptModel.TIME)
            self.model.dataChanged.emit(index, index, list(PRESENCE_ROLES))

    def _rows(self, leases: Sequence[LeaseLike]) -> set[int]:
        rows: set[int] = set()
        for lease in leases:
            first = self.model.last_started_row(lease.first_ms)
            row = 0 if first is None else first
            while row < self.model.rowCount() and self.model.line(row).start_ms <= lease.last_ms:
                rows.add(row)
                row += 1
        return rows
