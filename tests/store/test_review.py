"""ReviewStore on a real library file: statuses, notes, highlights and corrected text, each
written at once and exactly reversible (the UI's undo stack relies on it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from app.core.transcript import Highlight, Line, Transcript
from app.store.errors import HighlightNotFound, LineNotFound, NoteNotFound, ProjectNotFound
from app.store.library import Library
from app.store.review import ReviewStore
from tests.store.conftest import sample_transcript


@pytest.fixture
def project(library: Library) -> int:
    return library.create_project(sample_transcript(), media_path=None, transcript_path="/r.srt")


@pytest.fixture
def review(library: Library) -> ReviewStore:
    return ReviewStore(library)


def _line_ids(library: Library, project: int) -> list[int]:
    return [line.id for line in library.load_transcript(project).lines if line.id is not None]


def _reopened(library_url: str, project: int) -> Transcript:
    with Library.open(library_url) as other:
        return other.load_transcript(project)


def _undoable(
    library: Library,
    project: int,
    do: Callable[[], Any],
    undo: Callable[[Any], None],
    redo: Callable[[Any], None],
) -> Any:
    """do, then undo/redo twice: every undo gives back the state before, every redo the state
    after, ids and times included. Returns what ``do`` returned."""
    before = library.load_transcript(project)
    result = do()
    after = library.load_transcript(project)
    assert after != before
    for _ in range(2):
        undo(result)
        assert library.load_transcript(project) == before
        redo(result)
        assert library.load_transcript(project) == after
    return result


def test_marking_three_lines_returns_their_previous_statuses(
    library: Library, review: ReviewStore, project: int, library_url: str
) -> None:
    ids = _line_ids(library, project)
    previous = _undoable(
        library,
        project,
        lambda: review.set_status(ids, "Flagged"),
        review.restore_statuses,
        lambda _: review.set_status(ids, "flagged"),
    )
    assert previous == dict(zip(ids, ["unreviewed", "approved", "flagged"], strict=True))
    assert [line.status for line in _reopened(library_url, project).lines] == ["flagged"] * 3
    assert review.progress(project) == (3, 3)


def test_bad_status_or_missing_line_changes_nothing(
    library: Library, review: ReviewStore, project: int
) -> None:
    ids = _line_ids(library, project)
    before = library.load_transcript(project)
    with pytest.raises(ValueError, match="Unknown review status 'done'"):
        review.set_status(ids, "done")
    with pytest.raises(LineNotFound, match="No line with id 999999") as caught:
        review.set_status([ids[0], 999_999], "approved")
    assert isinstance(caught.value, LookupError)
    assert library.load_transcript(project) == before
    assert review.set_status([], "approved") == {}


def test_progress_and_all_notes(library: Library, review: ReviewStore, project: int) -> None:
    ids = _line_ids(library, project)
    assert review.progress(project) == (2, 3)
    review.add_note(ids[2], "later", "bo")
    review.add_note(ids[0], "second on line 0", "al")
    listed = review.all_notes(project)
    assert [(pos, line_id, n.body) for pos, line_id, n in listed] == [
        (0, ids[0], "Typo fixed"),
        (0, ids[0], "second on line 0"),
        (2, ids[2], "later"),
    ]
    empty = library.create_project(Transcript(), media_path=None, transcript_path="/e.srt")
    assert review.progress(empty) == (0, 0) and review.all_notes(empty) == []
    with pytest.raises(ProjectNotFound):
        review.progress(4242)
    with pytest.raises(ProjectNotFound):
        review.all_notes(4242)


def test_note_add_edit_delete_each_undo_exactly(
    library: Library, review: ReviewStore, project: int, library_url: str
) -> None:
    line = _line_ids(library, project)[1]
    added = _undoable(
        library,
        project,
        lambda: review.add_note(line, "Check the name", "ann"),
        lambda note: review.delete_note(note.id),
        lambda note: review.put_note(line, note),
    )
    # On a shared library the author is the login role, whatever the UI says.
    assert added.created_at == added.updated_at
    assert added.author == (library.actor if library.shared else "ann")
    assert _reopened(library_url, project).lines[1].notes == [added]

    old = review.get_note(added.id)
    edited = _undoable(
        library,
        project,
        lambda: review.update_note(added.id, "Checked: it is right"),
        lambda _: review.put_note(*old),
        lambda new: review.put_note(line, new),
    )
    assert edited.created_at == added.created_at and edited.updated_at > added.updated_at

    gone = _undoable(
        library,
        project,
        lambda: review.delete_note(added.id),
        lambda found: review.put_note(*found),
        lambda found: review.delete_note(found[1].id),
    )
    assert gone == (line, edited)
    with pytest.raises(NoteNotFound, match=f"No note with id {added.id}"):
        review.update_note(added.id, "x")
    with pytest.raises(LineNotFound):
        review.add_note(999_999, "x", "y")


def test_highlight_add_edit_delete_each_undo_exactly(
    library: Library, review: ReviewStore, project: int
) -> None:
    line = _line_ids(library, project)[1]  # "Thanks, glad to be here."
    mark = _undoable(
        library,
        project,
        lambda: review.add_highlight(line, 8, 12, "Quote", "#F9D65C", "said twice"),
        lambda h: review.delete_highlight(h.id),
        lambda h: review.put_highlight(line, h),
    )
    assert mark == Highlight(8, 12, "Quote", "#f9d65c", "said twice", mark.id)
    old = review.get_highlight(mark.id)
    _undoable(
        library,
        project,
        lambda: review.update_highlight(mark.id, tag="Error", color="#f28b82", start=0, end=6),
        lambda _: review.put_highlight(*old),
        lambda new: review.put_highlight(line, new),
    )
    assert review.get_highlight(mark.id)[1] == Highlight(
        0, 6, "Error", "#f28b82", "said twice", mark.id
    )
    _undoable(
        library,
        project,
        lambda: review.delete_highlight(mark.id),
        lambda found: review.put_highlight(*found),
        lambda found: review.delete_highlight(found[1].id),
    )
    with pytest.raises(HighlightNotFound):
        review.update_highlight(mark.id, note="x")


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (5, 5), (6, 2), (0, 25)])
def test_highlight_outside_its_line_is_refused(
    library: Library, review: ReviewStore, project: int, start: int, end: int
) -> None:
    line = _line_ids(library, project)[1]  # 24 characters
    before = library.load_transcript(project)
    with pytest.raises(ValueError, match="at least one character of its line"):
        review.add_highlight(line, start, end, "Quote", "#f9d65c")
    mark = review.add_highlight(line, 0, 24, "Quote", "")
    with pytest.raises(ValueError, match="at least one character"):
        review.update_highlight(mark.id or 0, start=start, end=end)
    with pytest.raises(ValueError, match="#rrggbb"):
        review.add_highlight(line, 0, 3, "Quote", "yellow")
    review.delete_highlight(mark.id or 0)
    assert library.load_transcript(project) == before


def test_corrected_text_keeps_highlights_on_their_words(
    library: Library, review: ReviewStore, project: int, library_url: str
) -> None:
    line = _line_ids(library, project)[0]  # "Welcome back to the show." with two highlights
    text = "Oh, welcome back to our show."
    prev = _undoable(
        library,
        project,
        lambda: review.set_line_text(line, text),
        lambda p: review.put_line_text_state(line, *p),
        lambda _: review.set_line_text(line, text),
    )
    assert prev[0] == "Welcome back to the show."
    stored = _reopened(library_url, project).lines[0]
    assert stored.text == text and stored.original_text == "Welcom back to the show"
    assert [text[h.start : h.end] for h in stored.highlights] == ["welcome", "back"]
    assert [h.id for h in stored.highlights] == [h.id for h in prev[1]]


def test_highlight_whose_words_are_deleted_is_dropped_and_undo_brings_it_back(
    library: Library, review: ReviewStore, project: int
) -> None:
    line = _line_ids(library, project)[0]
    before = library.load_transcript(project).lines[0]
    text, marks = review.set_line_text(line, "Welcome to the show.")  # "back" deleted
    after = library.load_transcript(project).lines[0]
    assert [(h.tag, h.start, h.end) for h in after.highlights] == [("name", 0, 7)]
    review.put_line_text_state(line, text, marks)
    assert library.load_transcript(project).lines[0] == before
    with pytest.raises(ValueError, match="at least one character"):
        review.put_line_text_state(line, "Hi", marks)  # offsets past the text: refused
    assert library.load_transcript(project).lines[0] == before
    with pytest.raises(LineNotFound):
        review.set_line_text(999_999, "x")


def test_deleting_a_line_takes_its_notes_and_highlights(
    library: Library, review: ReviewStore, project: int
) -> None:
    line = _line_ids(library, project)[0]
    note = review.add_note(line, "x", "y")
    library.delete_project(project)
    with pytest.raises(NoteNotFound):
        review.get_note(note.id or 0)
    assert (
        review.all_notes(
            library.create_project(Transcript(), media_path=None, transcript_path="/n.srt")
        )
        == []
    )


def test_marking_a_thousand_lines_and_restoring_an_odd_old_status(
    library: Library, review: ReviewStore
) -> None:
    big = Transcript(lines=[Line(i * 10, i * 10 + 5, f"line {i}") for i in range(1_200)])
    big.lines[7].status = "reviewed"  # not one of STATUSES: what an old import might have left
    project = library.create_project(big, media_path=None, transcript_path="/big.srt")
    before = library.load_transcript(project)
    ids = _line_ids(library, project)
    previous = review.set_status(ids, "approved")
    assert len(previous) == 1_200 and previous[ids[7]] == "reviewed"
    assert review.progress(project) == (1_200, 1_200)
    review.restore_statuses(previous)
    assert library.load_transcript(project) == before
    with pytest.raises(LineNotFound, match="No lines with ids 999998, 999999"):
        review.restore_statuses({ids[0]: "flagged", 999_998: "approved", 999_999: "approved"})
    assert library.load_transcript(project) == before
