"""Line versions: a correction, timing change or speaker change is written only if the line is
unchanged since this reviewer read it (Zotero's 412, in SQL).

Every line carries ``version`` (1 at import); each text, timing or speaker write adds one. A
Library keeps a :class:`SeenVersions` book: the version of each line as this Library last read
or wrote it (filled by ``Library.load_transcript``, moved on by every successful write). A write
locks the lines it touches (``SELECT … FOR UPDATE`` on PostgreSQL; SQLite's write transaction is
exclusive already), compares their versions with the book and writes with ``version + 1`` only
when all match; otherwise nothing is written and :class:`ConflictError` carries, per line, the
server's row (theirs) and what this write wanted (ours). Undo and redo go through the same check,
so an undo after someone else's edit is a conflict, never an overwrite. That holds after a live
refresh too: the refresh records the others' versions with ``others_wrote``, and while an undo or
redo writes (``strict()``) a line whose version is someone else's is a conflict.

For the UI (thin): catch ConflictError, show ``conflict.theirs.text`` against ``ours["text"]``
as the word diff, then

- "keep theirs": ``library.versions.accept(c.theirs)`` and show theirs (nothing to write);
- "keep mine" / "edit both": ``library.versions.accept(c.theirs)`` and write again (the write
  now sees the server's version, so it lands unless someone changed the line once more).

A line this Library never read (inserted by another reviewer since the load) is taken at its
current version: nothing to be stale against. Review marks and notes live in their own rows and
carry no version: they never conflict.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from app.store.edit_reads import chunks
from app.store.errors import LineNotFound, StoreError
from app.store.models import lines

__all__ = [
    "Conflict",
    "ConflictError",
    "LineState",
    "SeenVersions",
    "bumped",
    "check_versions",
]


@dataclass(frozen=True)
class LineState:
    """A line's versioned fields as the server holds them."""

    line_id: int
    version: int
    text: str
    start_ms: int
    end_ms: int
    speaker: str


@dataclass(frozen=True)
class Conflict:
    """One line another reviewer changed since this Library read it."""

    theirs: LineState
    seen: int  # the version this Library had read
    ours: Mapping[str, Any] = field(default_factory=dict)  # the fields this write wanted


class ConflictError(StoreError):
    """Someone else changed these lines since they were read: nothing of this write was kept."""

    def __init__(self, conflicts: Sequence[Conflict]) -> None:
        self.conflicts = list(conflicts)
        first = self.conflicts[0]
        more = f" (and {len(self.conflicts) - 1} more)" if len(self.conflicts) > 1 else ""
        super().__init__(
            f"Line {first.theirs.line_id}{more} was changed by someone else since you read it; "
            "your change was not saved: keep yours, keep theirs, or edit both."
        )

    @property
    def theirs(self) -> LineState:
        return self.conflicts[0].theirs

    @property
    def ours(self) -> Mapping[str, Any]:
        return self.conflicts[0].ours


class SeenVersions:
    """line id -> the version this Library last read or wrote; shared by its stores."""

    def __init__(self) -> None:
        self._seen: dict[int, int] = {}
        #: Lines whose version came from someone else's write (a live refresh), not from this
        #: Library's own: an undo or redo of an older step on them is a conflict (see strict).
        self._elsewhere: set[int] = set()
        self._strict = 0
        self._lock = threading.Lock()

    def get(self, line_id: int) -> int | None:
        return self._seen.get(line_id)

    def update(self, versions: Mapping[int, int] | Iterable[tuple[int, int]]) -> None:
        """This Library read or wrote these versions."""
        with self._lock:
            versions = dict(versions)
            self._seen.update(versions)
            self._elsewhere.difference_update(versions)

    def accept(self, state: LineState) -> None:
        """Take the server's row as read (after a conflict's answer)."""
        self.update({state.line_id: state.version})

    def others_wrote(self, versions: Mapping[int, int]) -> None:
        """A live refresh showed these lines as someone else left them: a new edit of them is
        not stale, but an undo or redo of an older step is (it would put back what they
        replaced)."""
        with self._lock:
            for line_id, version in versions.items():
                if self._seen.get(line_id) != version:  # equal: this Library's own write
                    self._elsewhere.add(line_id)
                self._seen[line_id] = version

    @contextmanager
    def strict(self) -> Iterator[None]:
        """While an undo or redo writes: a line someone else changed since is a conflict."""
        with self._lock:
            self._strict += 1
        try:
            yield
        finally:
            with self._lock:
                self._strict -= 1

    def changed_elsewhere(self, line_id: int) -> bool:
        """True while strict, for a line whose version is someone else's."""
        return self._strict > 0 and line_id in self._elsewhere

    def forget(self, line_ids: Iterable[int]) -> None:
        with self._lock:
            for line_id in line_ids:
                self._seen.pop(line_id, None)
                self._elsewhere.discard(line_id)


_STATE = (lines.c.id, lines.c.version, lines.c.text, lines.c.start_ms, lines.c.end_ms)


def read_states(conn: Connection, line_ids: Sequence[int], *, lock: bool) -> dict[int, LineState]:
    found: dict[int, LineState] = {}
    for part in chunks(line_ids):
        query = select(*_STATE, lines.c.speaker).where(lines.c.id.in_(part))
        if lock:
            query = query.with_for_update()  # PostgreSQL; SQLite's writer holds the file
        for line_id, version, text, start, end, speaker in conn.execute(query):
            found[line_id] = LineState(line_id, version, text, start, end, speaker)
    return found


def check_versions(
    conn: Connection,
    book: SeenVersions,
    line_ids: Sequence[int],
    ours: Mapping[int, Mapping[str, Any]] | None = None,
) -> dict[int, int]:
    """Lock the lines, refuse the write if any changed since ``book`` saw it (ConflictError,
    LineNotFound for missing ids), and return each line's version now: the caller writes
    ``version = version + 1`` with its change and, after the commit, puts :func:`bumped` of it
    in the book."""
    wanted = list(dict.fromkeys(line_ids))
    states = read_states(conn, wanted, lock=True)
    missing = [i for i in wanted if i not in states]
    if missing:
        raise LineNotFound(missing)
    conflicts = []
    for line_id in wanted:
        seen = book.get(line_id)
        state = states[line_id]
        if (seen is not None and seen != state.version) or book.changed_elsewhere(line_id):
            read = state.version if seen is None else seen
            conflicts.append(Conflict(state, read, dict((ours or {}).get(line_id, {}))))
    if conflicts:
        raise ConflictError(conflicts)
    return {i: states[i].version for i in wanted}


def bumped(current: Mapping[int, int], written: Iterable[int]) -> dict[int, int]:
    """The versions after writing ``written``: one more for those, the others unchanged."""
    after = dict(current)
    for line_id in written:
        after[line_id] = current[line_id] + 1
    return after
