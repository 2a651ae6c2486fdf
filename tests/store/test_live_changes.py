"""The change-log reader on both back ends, over what the triggers log: what it reads, and
what it does not miss."""

from __future__ import annotations

from sqlalchemy import text

from app.store.editing import EditStore
from app.store.library import Library
from app.store.live_changes import LiveReader
from app.store.review import ReviewStore
from tests.store.conftest import sample_transcript


def _nobody(_table: str, _item_id: int) -> int | None:
    return None


def _project(library: Library) -> tuple[int, list[int]]:
    project_id = library.create_project(sample_transcript(), media_path=None, transcript_path=None)
    ids = [line.id or 0 for line in library.load_transcript(project_id).lines]
    return project_id, ids


def test_a_poll_reads_the_touched_lines_as_they_are_now(library: Library) -> None:
    project_id, ids = _project(library)
    reader = LiveReader(library, project_id)
    assert reader.poll(_nobody) is None  # nothing logged since it started

    with Library.open(library.url, actor="ana") as other:
        store = ReviewStore(other)
        note = store.add_note(ids[1], "Looks right", "ana")
        store.set_status([ids[0]], "approved")  # (line 2 came flagged: a flag stays a flag)
        EditStore(other).set_text(ids[0], "Welcome back, everyone.")
    refresh = reader.poll(_nobody)
    assert refresh is not None and refresh.entries >= 3
    assert "ana" in refresh.actors or library.shared  # a server logs its login role
    by_id = {line.id: line for line in refresh.lines}
    assert [n.body for n in by_id[ids[1]].notes] == ["Looks right"]
    assert by_id[ids[0]].status == "approved"
    assert by_id[ids[0]].text == "Welcome back, everyone."
    assert refresh.versions[ids[0]] == 2  # the correction's version, to accept
    assert refresh.order is None  # no lines came or went
    assert reader.poll(_nobody) is None  # taken once

    # a note deleted since: its line is the one the window showed it on
    ReviewStore(library).delete_note(note.id or 0)
    asked: list[tuple[str, int]] = []

    def owner(table: str, item_id: int) -> int | None:
        asked.append((table, item_id))
        return ids[1]

    refresh = reader.poll(owner)
    assert refresh is not None and asked == [("notes", note.id)]
    assert [line.notes for line in refresh.lines] == [[]]


def test_lines_added_in_one_statement_are_read(library: Library) -> None:
    project_id, ids = _project(library)
    reader = LiveReader(library, project_id)
    with library.engine.begin() as conn:  # two lines in one statement: one entry, no line named
        conn.execute(
            text(
                "INSERT INTO lines (project_id, position, start_ms, end_ms, text, original_text,"
                " speaker, status) VALUES (:p, 10, 7000, 8000, 'x', 'x', '', 'unreviewed'),"
                " (:p, 11, 8000, 9000, 'y', 'y', '', 'unreviewed')"
            ),
            {"p": project_id},
        )
    refresh = reader.poll(_nobody)
    assert refresh is not None
    if library.shared:  # the server logs a statement of many lines as one entry naming none
        assert refresh.order is not None
        assert refresh.order[:3] == ids and len(refresh.order) == 5
    else:  # SQLite's TEMP triggers log each line the raw statement added
        assert refresh.order is None and sorted(line.text for line in refresh.lines) == ["x", "y"]


def test_a_reader_follows_from_the_last_load_so_nothing_in_between_is_missed(
    library: Library,
) -> None:
    """The window read the lines a moment before it started following: a change committed in
    between is still taken."""
    project_id, ids = _project(library)  # _project loads the transcript
    ReviewStore(library).set_status([ids[0]], "approved")  # after the load, before the reader
    refresh = LiveReader(library, project_id).poll(_nobody)
    assert refresh is not None and [line.id for line in refresh.lines] == [ids[0]]
    assert refresh.lines[0].status == "approved"


def test_an_entry_committed_after_a_later_one_is_not_missed(library: Library) -> None:
    """PostgreSQL hands out seqs at insert time: seq 1 can commit after seq 2 was read."""
    project_id, (first, second, _) = _project(library)
    reader = LiveReader(library, project_id)
    slow = library.engine.connect()
    slow_txn = slow.begin()
    try:
        slow.execute(text("UPDATE lines SET status = 'flagged' WHERE id = :i"), {"i": first})
        if library.shared:  # SQLite has one writer: the late commit cannot happen there
            # it came approved; a flag by this reviewer wins (an "unreviewed" would change
            # nothing: the import's approval is another reviewer's mark on a server)
            ReviewStore(library).set_status([second], "flagged")
            refresh = reader.poll(_nobody)
            assert refresh is not None and [line.id for line in refresh.lines] == [second]
        slow_txn.commit()
    finally:
        slow.close()
    refresh = reader.poll(_nobody)
    assert refresh is not None and [line.id for line in refresh.lines] == [first]
    assert refresh.lines[0].status == "flagged"
    assert reader.poll(_nobody) is None
