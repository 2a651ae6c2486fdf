"""Times and speakers on EditStore: a line's start and end, shifting the lines after a row,
and who speaks which lines."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import Engine, and_, case, func, select, update

from app.core.editing import check_times
from app.core.timecode import format_hms
from app.core.transcript import Word
from app.store.bulk import words_json
from app.store.edit_reads import check_project, chunks
from app.store.engine import reading
from app.store.line_columns import restore_column, set_column
from app.store.models import lines
from app.store.versions import SeenVersions, bumped, check_versions

__all__ = ["SpeakerOps", "TimeOps", "Timing", "TimingState"]

#: (line id, start, end, word timings or None to keep the line's) for set_timings.
Timing = tuple[int, int, int, Sequence[Word] | None]
#: (line id, start, end, end_inferred, words JSON) as stored, for put_timings.
TimingState = tuple[int, int, int, bool, str | None]


def _retimed(start: object, end: object, end_inferred: object) -> dict[str, object]:
    """The values of a timing write: the new times, one more version, and the times as imported
    kept while the line's differ from them (for the Changes list): NULL again once they are
    back, so an undone or reverted re-timing leaves the line as it was imported."""
    was_start = func.coalesce(lines.c.original_start_ms, lines.c.start_ms)
    was_end = func.coalesce(lines.c.original_end_ms, lines.c.end_ms)
    back = and_(was_start == start, was_end == end)
    return {
        "start_ms": start,
        "end_ms": end,
        "end_inferred": end_inferred,
        "version": lines.c.version + 1,
        "original_start_ms": case((back, None), else_=was_start),
        "original_end_ms": case((back, None), else_=was_end),
    }


class TimeOps:
    """Times; mixed into EditStore, which sets ``_engine`` and ``_versions``."""

    _engine: Engine
    _versions: SeenVersions

    def set_times(self, line_id: int, start_ms: int, end_ms: int) -> tuple[int, int, bool]:
        """New start and end (the end is then no longer inferred). Returns the previous (start,
        end, end_inferred) for put_times to undo."""
        check_times(start_ms, end_ms)
        ours = {line_id: {"start_ms": start_ms, "end_ms": end_ms}}
        with self._engine.begin() as conn:
            seen = check_versions(conn, self._versions, [line_id], ours)
            query = select(lines.c.start_ms, lines.c.end_ms, lines.c.end_inferred)
            row = conn.execute(query.where(lines.c.id == line_id)).one()
            conn.execute(
                update(lines).where(lines.c.id == line_id).values(_retimed(start_ms, end_ms, False))
            )
        self._versions.update(bumped(seen, [line_id]))
        return int(row[0]), int(row[1]), bool(row[2])

    def put_times(self, line_id: int, start_ms: int, end_ms: int, end_inferred: bool) -> None:
        """Write the times back exactly as given (undo of set_times)."""
        ours = {line_id: {"start_ms": start_ms, "end_ms": end_ms}}
        with self._engine.begin() as conn:
            seen = check_versions(conn, self._versions, [line_id], ours)
            stmt = (
                update(lines)
                .where(lines.c.id == line_id)
                .values(_retimed(start_ms, end_ms, end_inferred))
            )
            conn.execute(stmt)
        self._versions.update(bumped(seen, [line_id]))

    def set_timings(self, changes: Sequence[Timing]) -> list[TimingState]:
        """Many lines' times, and word timings where given, in one transaction (a re-time
        from the audio): all or nothing. Returns the previous states for put_timings."""
        for _, start, end, _ in changes:
            check_times(start, end)
        columns = (
            lines.c.id,
            lines.c.start_ms,
            lines.c.end_ms,
            lines.c.end_inferred,
            lines.c.words,
        )
        previous: list[TimingState] = []
        ids = [change[0] for change in changes]
        ours = {i: {"start_ms": start, "end_ms": end} for i, start, end, _w in changes}
        with self._engine.begin() as conn:
            seen = check_versions(conn, self._versions, ids, ours)
            for line_id, start, end, words in changes:
                row = conn.execute(select(*columns).where(lines.c.id == line_id)).one()
                previous.append((int(row[0]), int(row[1]), int(row[2]), bool(row[3]), row[4]))
                values = _retimed(start, end, False)
                if words is not None:
                    values["words"] = words_json(words) if words else None
                conn.execute(update(lines).where(lines.c.id == line_id).values(values))
        self._versions.update(bumped(seen, dict.fromkeys(ids)))
        return previous

    def put_timings(self, states: Sequence[TimingState]) -> None:
        """Write lines' times and words back exactly as set_timings found them (its undo)."""
        ids = [state[0] for state in states]
        ours = {i: {"start_ms": start, "end_ms": end} for i, start, end, _e, _w in states}
        with self._engine.begin() as conn:
            seen = check_versions(conn, self._versions, ids, ours)
            for line_id, start, end, end_inferred, words in states:
                values = _retimed(start, end, end_inferred)
                values["words"] = words
                conn.execute(update(lines).where(lines.c.id == line_id).values(values))
        self._versions.update(bumped(seen, dict.fromkeys(ids)))

    def shift_from(self, project_id: int, from_position: int, offset_ms: int) -> int:
        """Move every line from ``from_position`` on by ``offset_ms`` (one UPDATE); return how
        many moved. Refused, with nothing changed, if a start would go below zero. Undo:
        shift_from(project_id, from_position, -offset_ms)."""
        later = (lines.c.project_id == project_id) & (lines.c.position >= from_position)
        with self._engine.begin() as conn:
            check_project(conn, project_id)
            if offset_ms < 0:
                earliest = conn.execute(select(func.min(lines.c.start_ms)).where(later)).scalar()
                if earliest is not None and earliest + offset_ms < 0:
                    raise ValueError(
                        f"Moving {format_hms(-offset_ms)} earlier would put the line at "
                        f"{format_hms(max(0, earliest))} before the start of the media."
                    )
            if offset_ms == 0:
                return int(conn.execute(select(func.count()).where(later)).scalar_one())
            # Not checked against versions (a shift moves every later line, whoever edited
            # them), but counted as a write: a stale timing edit of a shifted line conflicts.
            stmt = (
                update(lines)
                .where(later)
                .values(
                    _retimed(
                        lines.c.start_ms + offset_ms,
                        lines.c.end_ms + offset_ms,
                        lines.c.end_inferred,
                    )
                )
            )
            moved = int(conn.execute(stmt).rowcount)
            # Our own write: the book moves on with it, so undoing the shift is not a conflict.
            self._versions.update(
                {
                    row[0]: row[1]
                    for row in conn.execute(select(lines.c.id, lines.c.version).where(later))
                }
            )
            return moved


class SpeakerOps:
    """Speakers; mixed into EditStore, which sets ``_engine`` and ``_versions``."""

    _engine: Engine
    _versions: SeenVersions

    def set_speaker(self, line_ids: Sequence[int], speaker: str) -> dict[int, str]:
        """Give the lines this speaker (as given, "" for none); return their previous speakers
        for restore_speakers."""
        ids = list(dict.fromkeys(line_ids))
        with self._engine.begin() as conn:
            seen = check_versions(conn, self._versions, ids, {i: {"speaker": speaker} for i in ids})
            previous = set_column(conn, lines.c.speaker, ids, speaker, versioned=True)
        self._versions.update(bumped(seen, [i for i in ids if previous[i] != speaker]))
        return previous

    def restore_speakers(self, previous: Mapping[int, str]) -> None:
        """Put speakers back as set_speaker returned them."""
        ids = list(previous)
        ours = {i: {"speaker": name} for i, name in previous.items()}
        with self._engine.begin() as conn:
            seen = check_versions(conn, self._versions, ids, ours)
            restore_column(conn, lines.c.speaker, previous, versioned=True)
        self._versions.update(bumped(seen, ids))

    def rename_speaker(self, project_id: int, old: str, new: str) -> list[int]:
        """Every line of ``old`` becomes ``new`` (spaces around it dropped); return the ids of
        the lines changed, for set_speaker(ids, old) to undo. [] when there were none."""
        name = new.strip()
        if name == old:
            return []
        of_old = (lines.c.project_id == project_id) & (lines.c.speaker == old)
        with self._engine.begin() as conn:
            check_project(conn, project_id)
            ids = list(conn.scalars(select(lines.c.id).where(of_old).order_by(lines.c.position)))
            if ids:  # not checked (every line of the name), but a write: versions move on
                conn.execute(
                    update(lines).where(of_old).values(speaker=name, version=lines.c.version + 1)
                )
                # Our own write: the book moves on with it, so its undo is not a conflict.
                for part in chunks(ids):
                    renamed = select(lines.c.id, lines.c.version).where(lines.c.id.in_(part))
                    self._versions.update({row[0]: row[1] for row in conn.execute(renamed)})
        return ids

    def speakers(self, project_id: int) -> list[tuple[str, int]]:
        """(name, number of lines) of each speaker of the project, by name (case-blind);
        lines without a speaker are not counted."""
        query = (
            select(lines.c.speaker, func.count())
            .where(lines.c.project_id == project_id, lines.c.speaker != "")
            .group_by(lines.c.speaker)
        )
        with reading(self._engine) as conn:
            check_project(conn, project_id)
            found = [(str(name), int(count)) for name, count in conn.execute(query)]
        return sorted(found, key=lambda item: (item[0].casefold(), item[0]))
