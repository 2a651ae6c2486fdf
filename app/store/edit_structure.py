"""Structure on EditStore: replace_lines, the one write behind split, merge, insert and delete,
which keeps a project's positions 0..n-1 without gaps and gives back the very rows it removed."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from sqlalchemy import Connection, Engine, delete, func, select, update

from app.core.editing import copy_line
from app.core.threads import give_note_ids
from app.core.transcript import Line
from app.store import safety
from app.store.bulk import insert_annotations, insert_lines, read_lines
from app.store.edit_reads import check_project, chunks
from app.store.engine import reading
from app.store.errors import LineNotFound
from app.store.models import lines
from app.store.postgres import lock_project
from app.store.types import utc_now
from app.store.versions import SeenVersions

__all__ = ["StructureOps"]


class StructureOps:
    """Line structure; mixed into EditStore, which sets ``_engine`` and ``_where``."""

    _engine: Engine
    _where: str
    _versions: SeenVersions

    def position_of(self, line_id: int) -> int:
        """The line's row in its project (0 is the first)."""
        with reading(self._engine) as conn:
            query = select(lines.c.position).where(lines.c.id == line_id)
            position = conn.execute(query).scalar()
        if position is None:
            raise LineNotFound(line_id)
        return int(position)

    def replace_lines(
        self,
        project_id: int,
        remove_ids: Sequence[int],
        at_position: int,
        new_lines: Sequence[Line],
    ) -> tuple[list[Line], list[Line]]:
        """Replace consecutive lines, starting at row ``at_position``, by ``new_lines``.

        Split is [a] -> [a1, a2], merge [a, b] -> [ab], insert [] -> [new], delete [a, ...] -> [].
        The removed lines must be the rows at_position.. in order. New lines, notes and
        highlights keep their ids where those are free (a split's first part, anything put
        back by undo); the others get new ones. Returns (the removed lines as they were, with
        notes, highlights, words and ids; the inserted lines with their ids).
        """
        remove = list(remove_ids)
        if len(set(remove)) != len(remove):
            raise ValueError("A line cannot be removed twice in one edit.")
        # Times are written as given, unchecked: undo must put back even a line an old import
        # left with its end before its start. New lines' times are the caller's to check.
        now = utc_now()
        with safety.translated(self._where), self._engine.begin() as conn:
            # Another client's structural edit of this project waits until this one commits,
            # so both read the positions the other left (SQLite: BEGIN IMMEDIATE did it).
            lock_project(conn, project_id)
            check_project(conn, project_id)
            count = int(
                conn.execute(
                    select(func.count()).where(lines.c.project_id == project_id)
                ).scalar_one()
            )
            removed = self._removed(conn, project_id, remove, at_position)
            if not 0 <= at_position <= count - len(remove):
                raise ValueError(
                    f"Row {at_position + 1} is outside the transcript (it has {count} lines)."
                )
            if remove:
                for part in chunks(remove):
                    conn.execute(delete(lines).where(lines.c.id.in_(part)))
            grow = len(new_lines) - len(remove)
            if grow:
                _shift_rows(conn, project_id, at_position + len(remove), grow)
            line_ids = insert_lines(conn, project_id, new_lines, at_position=at_position)
            note_ids, mark_ids = insert_annotations(conn, new_lines, line_ids, now, each_id=True)
        self._versions.forget(remove)
        self._versions.update(dict.fromkeys(line_ids, 1))  # new rows start at version 1
        return removed, _with_ids(new_lines, line_ids, note_ids, mark_ids, now)

    @staticmethod
    def _removed(
        conn: Connection, project_id: int, remove: list[int], at_position: int
    ) -> list[Line]:
        """The lines to remove, in full; refuse ids elsewhere than rows at_position.. ."""
        if not remove:
            return []
        where: dict[int, tuple[int, int]] = {}
        for part in chunks(remove):
            query = select(lines.c.id, lines.c.project_id, lines.c.position)
            for line_id, project, position in conn.execute(query.where(lines.c.id.in_(part))):
                where[line_id] = (project, position)
        missing = [i for i in remove if i not in where or where[i][0] != project_id]
        if missing:
            raise LineNotFound(missing)
        if [where[i][1] for i in remove] != list(range(at_position, at_position + len(remove))):
            raise ValueError(
                "Only lines next to each other, in their order, can be replaced in one edit."
            )
        found = read_lines(conn, project_id, positions=(at_position, at_position + len(remove) - 1))
        if [line.id for line in found] != remove:  # pragma: no cover - positions were unique
            raise ValueError("Two lines share a row; reopen the project.")
        return found


def _shift_rows(conn: Connection, project_id: int, first: int, grow: int) -> None:
    """Move the rows from ``first`` on by ``grow``. (project_id, position) is unique and checked
    row by row, so ``position + grow`` in one UPDATE could meet a row not yet moved: the rows go
    to distinct negative places first, then to their new ones."""
    later = (lines.c.project_id == project_id) & (lines.c.position >= first)
    conn.execute(update(lines).where(later).values(position=-1 - (lines.c.position + grow)))
    parked = (lines.c.project_id == project_id) & (lines.c.position < 0)
    conn.execute(update(lines).where(parked).values(position=-1 - lines.c.position))


def _with_ids(
    rows: Sequence[Line],
    line_ids: Sequence[int],
    note_ids: Sequence[int],
    mark_ids: Sequence[int],
    now: str,
) -> list[Line]:
    """Copies of the inserted lines as the library now holds them (ids, note stamps)."""
    marks_iter: Iterator[int] = iter(mark_ids)
    result: list[Line] = []
    for line, line_id in zip(rows, line_ids, strict=True):
        copy = copy_line(line, id=line_id)
        if copy.original_text == copy.text:
            copy.original_text = None
        result.append(copy)
    give_note_ids([note for copy in result for note in copy.notes], note_ids)
    for copy in result:
        for note in copy.notes:
            note.created_at = note.created_at or now
            note.updated_at = note.updated_at or note.created_at
        for mark in copy.highlights:
            mark.id = next(marks_iter)
        # In id order, as the library reads them back.
        copy.notes.sort(key=lambda n: n.id or 0)
        copy.highlights.sort(key=lambda h: h.id or 0)
    return result
