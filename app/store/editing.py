"""Editing a library's lines: text, times, speakers, structure (split, merge, insert, delete),
shifts and replace-all.

Like ReviewStore, every method is one short transaction and returns what its undo needs; undo
writes back the very rows (ids included) that were there. The UI's QUndoCommands call only these:

- text: ``set_text`` / ``put_text_state``; many texts: ``replace_all`` / ``put_text_states``;
- times: ``set_times`` / ``put_times``; ``shift_from(p, pos, ms)`` / ``shift_from(p, pos, -ms)``;
- speakers: ``set_speaker`` / ``restore_speakers``; ``rename_speaker`` / ``set_speaker(ids, old)``;
- structure: ``removed, inserted = replace_lines(p, ids, pos, new)``; undo is
  ``replace_lines(p, [ids of inserted], pos, removed)``, redo ``replace_lines(p, [ids of
  removed], pos, inserted)``.

Positions are a project's row numbers, 0..n-1, kept without gaps by replace_lines.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy import Connection, bindparam, delete, func, select, update

from app.core.editing import check_times, copy_line
from app.core.review import rebase_highlights
from app.core.timecode import format_hms
from app.core.transcript import Highlight, Line
from app.store import safety
from app.store.bulk import insert_annotations, insert_lines, read_lines
from app.store.errors import LineNotFound, ProjectNotFound
from app.store.models import highlights as marks
from app.store.models import lines, projects
from app.store.review import ReviewStore
from app.store.review_highlights import check_span
from app.store.types import utc_now

if TYPE_CHECKING:
    from app.store.library import Library

__all__ = ["EditStore", "TextState"]

#: (line id, text, highlights): one line's text state, as replace_all returns it.
TextState = tuple[int, str, list[Highlight]]

_CHUNK = 500  # ids per IN (...)


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for i in range(0, len(ids), _CHUNK):
        yield ids[i : i + _CHUNK]


def _check_project(conn: Connection, project_id: int) -> None:
    if conn.execute(select(projects.c.id).where(projects.c.id == project_id)).first() is None:
        raise ProjectNotFound(project_id)


def _texts(conn: Connection, line_ids: Sequence[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for part in _chunks(line_ids):
        query = select(lines.c.id, lines.c.text).where(lines.c.id.in_(part))
        found.update((row[0], row[1]) for row in conn.execute(query))
    missing = [i for i in line_ids if i not in found]
    if missing:
        raise LineNotFound(missing)
    return found


def _marks_of(conn: Connection, line_ids: Sequence[int]) -> dict[int, list[Highlight]]:
    found: dict[int, list[Highlight]] = {}
    for part in _chunks(line_ids):
        query = (
            select(
                marks.c.line_id,
                marks.c.id,
                marks.c.start,
                marks.c.end,
                marks.c.tag,
                marks.c.color,
                marks.c.note,
            )
            .where(marks.c.line_id.in_(part))
            .order_by(marks.c.id)
        )
        for line_id, mark_id, start, end, tag, color, note in conn.execute(query):
            found.setdefault(line_id, []).append(Highlight(start, end, tag, color, note, mark_id))
    return found


def _common_ends(a: str, b: str) -> tuple[int, int]:
    """Lengths of the common prefix and suffix, by bisection over slice compares (C speed)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if a[:mid] == b[:mid] else (lo, mid - 1)
    prefix = lo
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if a[len(a) - mid :] == b[len(b) - mid :] else (lo, mid - 1)
    return prefix, lo


def _rebased(
    old: str, new: str, marks_of_line: list[Highlight]
) -> tuple[list[Highlight], list[Highlight]]:
    """rebase_highlights, with a shortcut for the usual replace-all line: when one stretch
    changed and every highlight lies before or after it, those before stay and those after move
    by the change in length; that is what rebase_highlights gives then, without its diff."""
    prefix, suffix = _common_ends(old, new)
    if prefix + suffix <= min(len(old), len(new)):
        tail, grow = len(old) - suffix, len(new) - len(old)
        if all(
            0 <= h.start < h.end <= len(old) and (h.end <= prefix or h.start >= tail)
            for h in marks_of_line
        ):
            kept = [
                h if h.end <= prefix else replace(h, start=h.start + grow, end=h.end + grow)
                for h in marks_of_line
            ]
            return kept, []
    return rebase_highlights(old, new, marks_of_line)


_SET_TEXT = update(lines).where(lines.c.id == bindparam("line_id")).values(text=bindparam("txt"))
_MOVE_MARK = (
    update(marks)
    .where(marks.c.id == bindparam("mark_id"))
    .values(start=bindparam("new_start"), end=bindparam("new_end"))
)


class EditStore:
    """The editing API over one open Library; cheap to make, holds no state but the engine."""

    def __init__(self, library: Library) -> None:
        self._engine = library.engine
        self._where = str(library.path or library)
        self._review = ReviewStore(library)

    # -- text ----------------------------------------------------------------------------------

    def set_text(self, line_id: int, text: str) -> tuple[str, list[Highlight]]:
        """Correct the line's text; highlights follow their words. Returns (previous text,
        previous highlights) for put_text_state to undo."""
        return self._review.set_line_text(line_id, text)

    def put_text_state(self, line_id: int, text: str, highlights: Sequence[Highlight]) -> None:
        """Make the line's text and highlights exactly these, ids included (undo, redo)."""
        self._review.put_line_text_state(line_id, text, highlights)

    def replace_all(self, changes: Sequence[tuple[int, str]]) -> list[TextState]:
        """Write many new texts at once (find & replace): one transaction, highlights moved with
        their words. Returns each line's previous (id, text, highlights) for put_text_states."""
        wanted = list(dict.fromkeys(line_id for line_id, _text in changes))
        new_text = dict(changes)
        with self._engine.begin() as conn:
            old = _texts(conn, wanted)
            before = _marks_of(conn, wanted)
            moved: list[dict[str, int]] = []
            gone: list[int] = []
            for line_id, mark_list in before.items():
                kept, dropped = _rebased(old[line_id], new_text[line_id], mark_list)
                was = {h.id: (h.start, h.end) for h in mark_list}
                moved.extend(
                    {"mark_id": h.id, "new_start": h.start, "new_end": h.end}
                    for h in kept
                    if h.id is not None and was[h.id] != (h.start, h.end)
                )
                gone.extend(h.id for h in dropped if h.id is not None)
            writes = [{"line_id": i, "txt": new_text[i]} for i in wanted if new_text[i] != old[i]]
            if writes:
                conn.execute(_SET_TEXT, writes)
            if moved:
                conn.execute(_MOVE_MARK, moved)
            for part in _chunks(gone):
                conn.execute(delete(marks).where(marks.c.id.in_(part)))
        return [(i, old[i], before.get(i, [])) for i in wanted]

    def put_text_states(self, states: Sequence[tuple[int, str, Sequence[Highlight]]]) -> None:
        """Make each line's text and highlights exactly as given, ids included, in one
        transaction: the undo of replace_all (and, with its result's new states, the redo)."""
        for _line_id, text, highlight_list in states:
            for mark in highlight_list:
                check_span(mark.start, mark.end, text)
                if mark.id is None:
                    raise ValueError("Only highlights read from the library can be put back.")
        wanted = list(dict.fromkeys(line_id for line_id, _t, _h in states))
        with self._engine.begin() as conn:
            _texts(conn, wanted)  # LineNotFound before anything is written
            conn.execute(_SET_TEXT, [{"line_id": i, "txt": text} for i, text, _h in states])
            rows = [
                {
                    "id": h.id,
                    "line_id": line_id,
                    "start": h.start,
                    "end": h.end,
                    "tag": h.tag,
                    "color": h.color,
                    "note": h.note,
                }
                for line_id, _text, highlight_list in states
                for h in highlight_list
            ]
            # Clear the lines' highlights (and any row holding a given id), then write the given
            # ones back: two deletes and one executemany, however many lines.
            for part in _chunks(wanted):
                conn.execute(delete(marks).where(marks.c.line_id.in_(part)))
            given = [h.id for _i, _t, marks_of in states for h in marks_of if h.id is not None]
            for part in _chunks(given):
                conn.execute(delete(marks).where(marks.c.id.in_(part)))
            if rows:
                conn.execute(marks.insert(), rows)

    def changed_lines(self, project_id: int) -> list[int]:
        """Ids of the lines whose text differs from the imported one, in line order."""
        query = (
            select(lines.c.id)
            .where(lines.c.project_id == project_id, lines.c.text != lines.c.original_text)
            .order_by(lines.c.position)
        )
        with self._engine.connect() as conn:
            found = list(conn.scalars(query))
            if not found:
                _check_project(conn, project_id)
        return found

    # -- times ---------------------------------------------------------------------------------

    def set_times(self, line_id: int, start_ms: int, end_ms: int) -> tuple[int, int, bool]:
        """New start and end (the end is then no longer inferred). Returns the previous (start,
        end, end_inferred) for put_times to undo."""
        check_times(start_ms, end_ms)
        with self._engine.begin() as conn:
            query = select(lines.c.start_ms, lines.c.end_ms, lines.c.end_inferred)
            row = conn.execute(query.where(lines.c.id == line_id)).first()
            if row is None:
                raise LineNotFound(line_id)
            conn.execute(
                update(lines)
                .where(lines.c.id == line_id)
                .values(start_ms=start_ms, end_ms=end_ms, end_inferred=False)
            )
        return int(row[0]), int(row[1]), bool(row[2])

    def put_times(self, line_id: int, start_ms: int, end_ms: int, end_inferred: bool) -> None:
        """Write the times back exactly as given (undo of set_times)."""
        with self._engine.begin() as conn:
            stmt = (
                update(lines)
                .where(lines.c.id == line_id)
                .values(start_ms=start_ms, end_ms=end_ms, end_inferred=end_inferred)
            )
            if conn.execute(stmt).rowcount == 0:
                raise LineNotFound(line_id)

    def shift_from(self, project_id: int, from_position: int, offset_ms: int) -> int:
        """Move every line from ``from_position`` on by ``offset_ms`` (one UPDATE); return how
        many moved. Refused, with nothing changed, if a start would go below zero. Undo:
        shift_from(project_id, from_position, -offset_ms)."""
        later = (lines.c.project_id == project_id) & (lines.c.position >= from_position)
        with self._engine.begin() as conn:
            _check_project(conn, project_id)
            if offset_ms < 0:
                earliest = conn.execute(select(func.min(lines.c.start_ms)).where(later)).scalar()
                if earliest is not None and earliest + offset_ms < 0:
                    raise ValueError(
                        f"Moving {format_hms(-offset_ms)} earlier would put the line at "
                        f"{format_hms(max(0, earliest))} before the start of the media."
                    )
            if offset_ms == 0:
                return int(conn.execute(select(func.count()).where(later)).scalar_one())
            stmt = (
                update(lines)
                .where(later)
                .values(start_ms=lines.c.start_ms + offset_ms, end_ms=lines.c.end_ms + offset_ms)
            )
            return int(conn.execute(stmt).rowcount)

    # -- speakers ------------------------------------------------------------------------------

    def set_speaker(self, line_ids: Sequence[int], speaker: str) -> dict[int, str]:
        """Give the lines this speaker (as given, "" for none); return their previous speakers
        for restore_speakers."""
        wanted = list(dict.fromkeys(line_ids))
        previous: dict[int, str] = {}
        with self._engine.begin() as conn:
            for part in _chunks(wanted):
                query = select(lines.c.id, lines.c.speaker).where(lines.c.id.in_(part))
                previous.update((row[0], row[1]) for row in conn.execute(query))
            missing = [i for i in wanted if i not in previous]
            if missing:
                raise LineNotFound(missing)
            changing = [i for i in wanted if previous[i] != speaker]
            for part in _chunks(changing):
                conn.execute(update(lines).where(lines.c.id.in_(part)).values(speaker=speaker))
        return previous

    def restore_speakers(self, previous: Mapping[int, str]) -> None:
        """Put speakers back as set_speaker returned them: one UPDATE per speaker."""
        by_speaker: dict[str, list[int]] = {}
        for line_id, speaker in previous.items():
            by_speaker.setdefault(speaker, []).append(line_id)
        with self._engine.begin() as conn:
            for speaker, ids in by_speaker.items():
                for part in _chunks(ids):
                    stmt = update(lines).where(lines.c.id.in_(part)).values(speaker=speaker)
                    if conn.execute(stmt).rowcount != len(part):
                        known = set(conn.scalars(select(lines.c.id).where(lines.c.id.in_(part))))
                        raise LineNotFound([i for i in part if i not in known])

    def rename_speaker(self, project_id: int, old: str, new: str) -> list[int]:
        """Every line of ``old`` becomes ``new`` (spaces around it dropped); return the ids of
        the lines changed, for set_speaker(ids, old) to undo. [] when there were none."""
        name = new.strip()
        if name == old:
            return []
        of_old = (lines.c.project_id == project_id) & (lines.c.speaker == old)
        with self._engine.begin() as conn:
            _check_project(conn, project_id)
            ids = list(conn.scalars(select(lines.c.id).where(of_old).order_by(lines.c.position)))
            if ids:
                conn.execute(update(lines).where(of_old).values(speaker=name))
        return ids

    def speakers(self, project_id: int) -> list[tuple[str, int]]:
        """(name, number of lines) of each speaker of the project, by name (case-blind);
        lines without a speaker are not counted."""
        query = (
            select(lines.c.speaker, func.count())
            .where(lines.c.project_id == project_id, lines.c.speaker != "")
            .group_by(lines.c.speaker)
        )
        with self._engine.connect() as conn:
            _check_project(conn, project_id)
            found = [(str(name), int(count)) for name, count in conn.execute(query)]
        return sorted(found, key=lambda item: (item[0].casefold(), item[0]))

    # -- structure -----------------------------------------------------------------------------

    def position_of(self, line_id: int) -> int:
        """The line's row in its project (0 is the first)."""
        with self._engine.connect() as conn:
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
            _check_project(conn, project_id)
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
                for part in _chunks(remove):
                    conn.execute(delete(lines).where(lines.c.id.in_(part)))
            grow = len(new_lines) - len(remove)
            if grow:
                conn.execute(
                    update(lines)
                    .where(
                        lines.c.project_id == project_id,
                        lines.c.position >= at_position + len(remove),
                    )
                    .values(position=lines.c.position + grow)
                )
            line_ids = insert_lines(conn, project_id, new_lines, at_position=at_position)
            note_ids, mark_ids = insert_annotations(conn, new_lines, line_ids, now, each_id=True)
        return removed, _with_ids(new_lines, line_ids, note_ids, mark_ids, now)

    @staticmethod
    def _removed(
        conn: Connection, project_id: int, remove: list[int], at_position: int
    ) -> list[Line]:
        """The lines to remove, in full; refuse ids elsewhere than rows at_position.. ."""
        if not remove:
            return []
        where: dict[int, tuple[int, int]] = {}
        for part in _chunks(remove):
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


def _with_ids(
    rows: Sequence[Line],
    line_ids: Sequence[int],
    note_ids: Sequence[int],
    mark_ids: Sequence[int],
    now: str,
) -> list[Line]:
    """Copies of the inserted lines as the library now holds them (ids, note stamps)."""
    notes_iter: Iterator[int] = iter(note_ids)
    marks_iter: Iterator[int] = iter(mark_ids)
    result: list[Line] = []
    for line, line_id in zip(rows, line_ids, strict=True):
        copy = copy_line(line, id=line_id)
        if copy.original_text == copy.text:
            copy.original_text = None
        for note in copy.notes:
            note.id = next(notes_iter)
            note.created_at = note.created_at or now
            note.updated_at = note.updated_at or note.created_at
        for mark in copy.highlights:
            mark.id = next(marks_iter)
        # In id order, as the library reads them back.
        copy.notes.sort(key=lambda n: n.id or 0)
        copy.highlights.sort(key=lambda h: h.id or 0)
        result.append(copy)
    return result
