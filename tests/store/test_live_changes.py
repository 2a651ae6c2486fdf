"""The change-log reader on both back ends: what it reads, and what it does not miss."""

from __future__ import annotations

from sqlalchemy import Connection, insert

from app.store.library import Library
from app.store.live_changes import LiveReader
from app.store.models import change_log
from app.store.review import ReviewStore
from app.store.types import utc_now
from tests.store.conftest import sample_transcript


def _log(conn: Connection, project_id: int, table: str, row_id: int, op: str = "update") -> None:
    values = {"project_id": project_id, "table_name": table, "row_id": row_id, "op": op}
    conn.execute(insert(change_log).values(**values, actor="ana", at=utc_now()))


def _nobody(_table: str, _item_id: int) -> int | None:
    return None


def test_a_poll_reads_the_touched_lines_as_they_are_now(library: Library) -> None:
    project_id = library.create_project(sample_transcript(), media_path=None, transcript_path=None)
    ids = [line.id for line in library.load_transcript(project_id).lines]
    assert all(isinstance(i, int) for i in ids)
    reader = LiveReader(library.engine, project_id)
    assert reader.poll(_nobody) is None  # nothing logged since it started

    store = ReviewStore(library)
    note = store.add_note(ids[1] or 0, "Looks right", "ana")
    store.set_status([ids[2] or 0], "approved")
    with library.engine.begin() as conn:
        _log(conn, project_id, "notes", note.id or 0, "insert")
        _log(conn, project_id, "lines", ids[2] or 0)
    refresh = reader.poll(_nobody)
    assert refresh is not None and refresh.entries == 2 and refresh.actors == ("ana",)
    by_id = {line.id: line for line in refresh.lines}
    assert [n.body for n in by_id[ids[1]].notes] == ["Looks right"]
    assert by_id[ids[2]].status == "approved"
    assert set(refresh.versions) == {ids[1], ids[2]}
    assert reader.poll(_nobody) is None  # taken once

    # a note deleted since: its line is the one the window showed it on
    store.delete_note(note.id or 0)
    with library.engine.begin() as conn:
        _log(conn, project_id, "notes", note.id or 0, "delete")
    asked: list[tuple[str, int]] = []

    def owner(table: str, item_id: int) -> int | None:
        asked.append((table, item_id))
        return ids[1]

    refresh = reader.poll(owner)
    assert refresh is not None and asked == [("notes", note.id)]
    assert [line.notes for line in refresh.lines] == [[]]


def test_an_entry_committed_after_a_later_one_is_not_missed(library: Library) -> None:
    """PostgreSQL hands out seqs at insert time: seq 1 can commit after seq 2 was read."""
    project_id = library.create_project(sample_transcript(), media_path=None, transcript_path=None)
    first, second, _ = (line.id or 0 for line in library.load_transcript(project_id).lines)
    reader = LiveReader(library.engine, project_id)
    slow = library.engine.connect()
    slow_txn = slow.begin()
    try:
        _log(slow, project_id, "lines", first)
        if library.shared:  # SQLite has one writer: the late commit cannot happen there
            with library.engine.begin() as conn:
                _log(conn, project_id, "lines", second)
            refresh = reader.poll(_nobody)
            assert refresh is not None and [line.id for line in refresh.lines] == [second]
        slow_txn.commit()
    finally:
        slow.close()
    refresh = reader.poll(_nobody)
    assert refresh is not None and [line.id for line in refresh.lines] == [first]
    assert reader.poll(_nobody) is None
