"""Approve, flag, unreview: the reviewer's own mark written, the team's state worked out again
(app.store.line_reviews), and undo putting back the reviewer's previous mark. The statuses part
of ReviewStore.

Who the reviewer is: on a shared (PostgreSQL) library always the login role
(``Library.actor``), whatever the UI passes; on SQLite the name the UI passes, else the one the
Library was opened with, else "" . On SQLite a line's mark from before there were reviewers is
taken as this reviewer's when they mark the line (one person's file: it was theirs), so A, F
and U work on it exactly as before; a shared library keeps it as the unknown reviewer's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from app.core.review import normalise_status
from app.core.team_review import DONE_RULES, LineMarks
from app.store.engine import reading
from app.store.line_reviews import (
    Mark,
    lock_lines,
    read_marks,
    read_rule,
    recompute,
    restore_marks,
    write_marks,
    write_rule,
)
from app.store.types import utc_now

if TYPE_CHECKING:
    from app.store.library import Library

__all__ = ["StatusChange", "StatusOps"]


class StatusChange(dict[int, str]):
    """What set_status did: as a mapping, each line's team state before (what callers and old
    tests read); for undo, whose mark it was and the rows it replaced."""

    def __init__(
        self, before: Mapping[int, str], reviewer: str, marks: Mapping[int, tuple[Mark, ...]]
    ) -> None:
        super().__init__(before)
        self.reviewer = reviewer
        self.marks = dict(marks)


class StatusOps:
    """Statuses and the done rule; mixed into ReviewStore, which sets these."""

    _engine: Engine
    _library: Library

    def reviewer(self, given: str | None = None) -> str:
        """Whose mark a write is: see the module's docstring."""
        if self._library.shared or given is None:
            return self._library.actor
        return given

    def set_status(
        self, line_ids: Sequence[int], status: str, reviewer: str | None = None
    ) -> StatusChange:
        """Mark the lines as the reviewer; return each line's team state before and what
        restore_statuses needs to undo it. LineNotFound (nothing written) for a missing line."""
        value = normalise_status(status)
        who = self.reviewer(reviewer)
        wanted = list(dict.fromkeys(line_ids))
        claim = not self._library.shared
        with self._engine.begin() as conn:
            before = lock_lines(conn, wanted)
            marks = write_marks(conn, wanted, who, value, utc_now(), claim_unknown=claim)
            recompute(conn, wanted)
        return StatusChange({i: before[i] for i in wanted}, who, marks)

    def restore_statuses(self, previous: Mapping[int, str]) -> None:
        """Undo a set_status: the reviewer's previous marks back, the team state worked out
        again (others' marks since stay). A plain mapping sets the marks it names."""
        if not isinstance(previous, StatusChange):
            by_status: dict[str, list[int]] = {}
            for line_id, status in previous.items():
                by_status.setdefault(status, []).append(line_id)
            claim = not self._library.shared
            with self._engine.begin() as conn:
                lock_lines(conn, list(previous))
                who = self.reviewer()
                for status, ids in by_status.items():
                    write_marks(conn, ids, who, status, utc_now(), claim_unknown=claim)
                recompute(conn, list(previous))
            return
        with self._engine.begin() as conn:
            lock_lines(conn, list(previous.marks))
            claim = not self._library.shared
            restore_marks(conn, previous.reviewer, previous.marks, claim_unknown=claim)
            recompute(conn, list(previous.marks))

    def line_marks(
        self, me: str, *, project_id: int | None = None, line_ids: Sequence[int] = ()
    ) -> dict[int, tuple[str, LineMarks]]:
        """line id -> (team state, who marked it how, ``me``'s own mark): the marked lines of a
        project (one grouped query, fast for 100k lines), or the given lines. On SQLite a mark
        from before reviewers is ``me``'s own when ``me`` has none (set_status takes it over)."""
        with reading(self._engine) as conn:
            return read_marks(
                conn,
                self.reviewer(me),
                project_id=project_id,
                line_ids=line_ids,
                claim_unknown=not self._library.shared,
            )

    def done_rule(self) -> str:
        """The library's "done" rule: "any" (one approval) or "two" (two reviewers)."""
        with reading(self._engine) as conn:
            return read_rule(conn)

    def set_done_rule(self, rule: str) -> tuple[str, int]:
        """Set the rule and work every line's team state out again in one statement; return
        the rule before (for undo) and how many lines changed state."""
        if rule not in DONE_RULES:
            raise ValueError(f"Unknown done rule {rule!r}: use one of {', '.join(DONE_RULES)}.")
        with self._engine.begin() as conn:
            before = read_rule(conn)
            write_rule(conn, rule)
            return before, recompute(conn)
