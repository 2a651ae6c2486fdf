"""Note threads in the store, on SQLite and PostgreSQL: replies, resolving and reopening (who,
when), deleting a thread with its replies and putting all back, and every path that writes or
reads notes in bulk (project import, 100k-line loads, merge and split) keeping the threads."""

from __future__ import annotations

import pytest

from app.core.editing import merge_lines
from app.core.threads import threads_of
from app.core.transcript import Line, Note, Transcript
from app.store.editing import EditStore
from app.store.errors import NoteNotFound
from app.store.library import Library
from app.store.review import ReviewStore
from tests.store.conftest import sample_transcript


@pytest.fixture
def project(library: Library) -> int:
    return library.create_project(sample_transcript(), media_path=None, transcript_path="/r.srt")


@pytest.fixture
def review(library: Library) -> ReviewStore:
    return ReviewStore(library)


def _first_note(library: Library, project: int) -> tuple[int, Note]:
    line = library.load_transcript(project).lines[0]
    assert line.id is not None and line.notes[0].id is not None
    return line.id, line.notes[0]


def _threads(library: Library, project: int, row: int = 0) -> list[tuple[str, list[str], bool]]:
    notes = library.load_transcript(project).lines[row].notes
    return [(t.first.body, [r.body for r in t.replies], t.resolved) for t in threads_of(notes)]


def test_replies_join_the_first_notes_thread_and_reload_as_one(
    library: Library, review: ReviewStore, project: int, library_url: str
) -> None:
    line_id, first = _first_note(library, project)
    assert first.id is not None
    _, reply = review.reply(first.id, "Agreed, fixed", "ben")
    # An answer to a reply still belongs to the thread's first note.
    _, second = review.reply(reply.id or 0, "Thanks", "ed")
    assert reply.parent_id == first.id and second.parent_id == first.id
    with Library.open(library_url) as other:
        notes = other.load_transcript(project).lines[0].notes
    assert [(t.first.body, [r.body for r in t.replies]) for t in threads_of(notes)] == [
        ("Typo fixed", ["Agreed, fixed", "Thanks"])
    ]
    assert [n.body for _, n in review.thread(second.id or 0)] == [
        "Typo fixed",
        "Agreed, fixed",
        "Thanks",
    ]
    assert all(found[0] == line_id for found in review.thread(first.id))
    with pytest.raises(ValueError, match="needs some text"):
        review.reply(first.id, "   ", "ben")
    with pytest.raises(NoteNotFound):
        review.reply(999_999, "x", "ben")


def test_resolve_and_reopen_record_who_and_when_and_undo_exactly(
    library: Library, review: ReviewStore, project: int
) -> None:
    line_id, first = _first_note(library, project)
    _, reply = review.reply(first.id or 0, "Done", "ben")
    before = library.load_transcript(project)
    # Resolving from a reply resolves the thread (its first note).
    found_line, old, new = review.resolve(reply.id or 0, "Ana")
    assert found_line == line_id and old == first and new.id == first.id
    expected = library.actor if library.shared else "Ana"
    assert new.resolved_by == expected and new.resolved_at is not None
    assert _threads(library, project) == [("Typo fixed", ["Done"], True)]
    stored = library.load_transcript(project).lines[0].notes[0]
    assert (stored.resolved_by, stored.resolved_at) == (expected, new.resolved_at)
    review.put_note(line_id, old)  # undo
    assert library.load_transcript(project) == before
    review.put_note(line_id, new)  # redo
    _, was, reopened = review.reopen(first.id or 0)
    assert was == new and reopened.resolved_by is None and reopened.resolved_at is None
    assert _threads(library, project) == [("Typo fixed", ["Done"], False)]


def test_on_a_shared_library_the_login_role_is_the_author_whatever_the_ui_says(
    library: Library, review: ReviewStore, project: int
) -> None:
    _, first = _first_note(library, project)
    _, reply = review.reply(first.id or 0, "Who am I?", "Somebody Else")
    _, _, resolved = review.resolve(first.id or 0, "Somebody Else")
    if library.shared:
        assert library.actor and library.actor != "Somebody Else"
        assert reply.author == resolved.resolved_by == library.actor
    else:
        assert reply.author == resolved.resolved_by == "Somebody Else"
    assert library.load_transcript(project).lines[0].notes[1].author == reply.author


def test_deleting_a_first_note_takes_its_replies_and_undo_brings_all_back(
    library: Library, review: ReviewStore, project: int
) -> None:
    line_id, first = _first_note(library, project)
    review.reply(first.id or 0, "one", "ben")
    _, two = review.reply(first.id or 0, "two", "ed")
    review.resolve(first.id or 0, "Ana")
    other = review.add_note(line_id, "A second thread", "ed")
    before = library.load_transcript(project)
    for _ in range(2):
        gone = review.delete_thread(first.id or 0)
        assert [n.body for _, n in gone] == ["Typo fixed", "one", "two"]
        assert _threads(library, project) == [("A second thread", [], False)]
        review.put_notes(gone)
        assert library.load_transcript(project) == before
    # A reply alone goes alone.
    gone_reply = review.delete_thread(two.id or 0)
    assert [n.body for _, n in gone_reply] == ["two"]
    assert _threads(library, project) == [
        ("Typo fixed", ["one"], True),
        ("A second thread", [], False),
    ]
    review.put_notes(gone_reply)
    assert library.load_transcript(project) == before
    assert other.id is not None


def test_a_project_imported_with_threads_keeps_them_under_new_ids(library: Library) -> None:
    first = Note("Is this right?", "ana", "2024-01-01T00:00:00+00:00", "", 70)
    first.resolved_by, first.resolved_at = "ben", "2024-01-02T00:00:00+00:00"
    reply = Note("Yes", "ben", "2024-01-01T01:00:00+00:00", "", 71, parent_id=70)
    transcript = Transcript(lines=[Line(0, 1000, "Hello.", notes=[first, reply])])
    for path in ("/a.json", "/b.json"):  # the second copy cannot keep the ids 70, 71
        given = Transcript(lines=[Line(0, 1000, "Hello.", notes=[_copy(first), _copy(reply)])])
        project = library.create_project(given, media_path=None, transcript_path=path)
        loaded = library.load_transcript(project).lines[0].notes
        assert loaded == given.lines[0].notes
        assert loaded[1].parent_id == loaded[0].id
        assert loaded[0].resolved_by == "ben"
    assert transcript.lines[0].notes[1].parent_id == 70


def _copy(note: Note) -> Note:
    return Note(
        note.body,
        note.author,
        note.created_at,
        note.updated_at,
        note.id,
        note.parent_id,
        note.resolved_by,
        note.resolved_at,
    )


def test_merging_lines_keeps_each_thread_together(
    library: Library, review: ReviewStore, project: int
) -> None:
    _, first = _first_note(library, project)
    review.reply(first.id or 0, "reply", "ben")
    a, b = library.load_transcript(project).lines[:2]
    EditStore(library).replace_lines(project, [a.id or 0, b.id or 0], 0, [merge_lines(a, b)])
    assert _threads(library, project) == [("Typo fixed", ["reply"], False)]


def test_a_hundred_thousand_lines_load_their_threads(library: Library, review: ReviewStore) -> None:
    rows = [Line(i * 10, i * 10 + 9, f"line {i}") for i in range(100_000)]
    for i in range(0, 100_000, 1000):
        rows[i].notes = [Note(f"q{i}", "ana", id=None)]
    project = library.create_project(
        Transcript(lines=rows), media_path=None, transcript_path="/big.srt"
    )
    loaded = library.load_transcript(project).lines
    first = loaded[5000].notes[0]
    review.reply(first.id or 0, "answer", "ben")
    review.resolve(first.id or 0, "ben")
    again = library.load_transcript(project).lines[5000].notes
    assert [n.body for n in again] == ["q5000", "answer"]
    assert again[1].parent_id == first.id and again[0].resolved_at is not None
    by_line = library.load_annotations(project)[0]
    assert [n.parent_id for n in by_line[loaded[5000].id or 0]] == [None, first.id]


def test_a_deleted_project_restored_from_its_copy_keeps_its_threads(
    library: Library, review: ReviewStore, project: int
) -> None:
    _, first = _first_note(library, project)
    review.reply(first.id or 0, "kept", "ben")
    review.resolve(first.id or 0, "Ana")
    before = library.load_transcript(project).lines[0].notes
    copy = library.delete_project_with_backup(project)
    assert copy is not None
    restored = library.restore_project_from(copy, project)
    notes = library.load_transcript(restored).lines[0].notes
    assert [(n.body, n.resolved_by) for n in notes] == [(n.body, n.resolved_by) for n in before]
    assert notes[1].parent_id == notes[0].id and notes[0].resolved_at == before[0].resolved_at


def test_two_reviewers_reply_on_one_thread_and_both_replies_land(
    library: Library, review: ReviewStore, project: int, library_url: str
) -> None:
    _, first = _first_note(library, project)
    with Library.open(library_url, actor="ben") as other:
        theirs = ReviewStore(other)
        review.reply(first.id or 0, "mine", "ana")
        theirs.reply(first.id or 0, "theirs", "ben")
        theirs.resolve(first.id or 0, "ben")
        # A reply to a thread the other reviewer deleted is refused in words, not half-written.
        gone = review.delete_thread(first.id or 0)
        with pytest.raises(NoteNotFound, match="may have been deleted"):
            theirs.reply(first.id or 0, "too late", "ben")
        review.put_notes(gone)
        seen = other.load_transcript(project).lines[0].notes
    assert [n.body for n in seen] == ["Typo fixed", "mine", "theirs"]
    assert seen[0].resolved_by == (other.actor if library.shared else "ben")
