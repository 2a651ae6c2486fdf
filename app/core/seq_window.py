"""Which change-log entries a reader has taken, when entries may commit out of order.

On PostgreSQL a ``seq`` is handed out when a row is inserted, not when its transaction commits:
a reader can see seq 11 while seq 10 is still uncommitted, and a reader that moved on to 11 would
never see 10. So the reader keeps a floor (every seq at or below it is taken or given up on) and
reads everything above it again, skipping what it took: a hole under the highest seq seen is
waited for, up to ``hole_wait_s`` (a rolled-back write leaves a hole for ever). SQLite commits in
seq order: it never has a hole that fills later, and the window stays at its floor.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

__all__ = ["SeqWindow"]


class SeqWindow:
    def __init__(
        self, floor: int, *, hole_wait_s: float = 30.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.floor = floor
        self._taken: set[int] = set()  # taken seqs above the floor
        self._holes: dict[int, float] = {}  # missing seq -> when it was first missed
        self._wait = hole_wait_s
        self._clock = clock

    def unseen(self, seqs: Iterable[int]) -> list[int]:
        """Of ``seqs`` (read above the floor), those not taken yet, in order."""
        return sorted(s for s in set(seqs) if s > self.floor and s not in self._taken)

    @property
    def waiting(self) -> bool:
        """True while a hole is waited for (read again soon, even without a notice)."""
        return bool(self._holes)

    def take(self, seqs: Iterable[int]) -> None:
        """Mark ``seqs`` taken; move the floor up to the first hole still waited for."""
        self._taken.update(s for s in seqs if s > self.floor)
        if not self._taken:
            return
        now = self._clock()
        top = max(self._taken)
        for seq in range(self.floor + 1, top):
            if seq not in self._taken:
                self._holes.setdefault(seq, now)
        self._holes = {
            s: t for s, t in self._holes.items() if s not in self._taken and now - t < self._wait
        }
        self.floor = min(self._holes) - 1 if self._holes else top
        self._taken = {s for s in self._taken if s > self.floor}
