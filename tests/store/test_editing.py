"""EditStore on a real library file: every edit is written at once and undone exactly, ids,
notes, highlights and row order included (the UI's undo stack relies on it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.core.editing import merge_lines, replace_in_text, split_line
from app.core.review import rebase_highlights
from app.core.transcript import Highlight, Line, Note, Origin, Transcript
from app.store import EditStore
from app.store.editing import _rebased
from app.store.errors import LineNotFound, ProjectNotFound
from app.store.library import Library
from app.store.models import lines as lines_table
from app.store.review import ReviewStore
from tests.store.conftest import sample_transcript


@pytest.fixture
def project(library: Library) -> int:
    transcript = sample_transcript()
    transcript.lines.append(Line(6000, 8000, "The cat sat on the mat.", speaker="ANNA"))
    transcript.lines.append(Line(8000, 9000, "A cat, a CAT, a catalog.", speaker="ben"))
    return library.create_project(transcript, media_path=None, transcript_path="/e.srt")


@pytest.fixture
def edit(library: Library) -> EditStore:
    return EditStore(library)


def _lines(library: Library, project: int) -> list[Line]:
    return library.load_transcript(project).lines


def _positions(library: Library, project: int) -> list[int]:
    query = (
        select(lines_table.c.position)
        .where(lines_table.c.project_id == project)
        .order_by(lines_table.c.position)
    )
    with library.engine.connect() as conn:
        return list(conn.scalars(query))


def _undoable(
    library: Library,
    project: int,
    do: Callable[[], Any],
    undo: Callable[[Any], None],
    redo: Callable[[Any], None],
) -> Any:
    """do, then undo/redo twice: each undo gives back the state before, each redo the state
    after, ids, notes, highlights and rows included. Returns what ``do`` returned."""
    before = library.load_transcript(project)
    result = do()
    after = library.load_transcript(project)
    assert after != before
    for _ in range(2):
        undo(result)
        assert library.load_transcript(project) == before
        assert _positions(library, project) == list(range(len(before.lines)))
        redo(result)
        assert library.load_transcript(project) == after
        assert _positions(library, project) == list(range(len(after.lines)))
    return result


# -- text --------------------------------------------------------------------------------------


def test_text_edit_moves_highlights_and_undoes_exactly(
    library: Library, edit: EditStore, project: int
) -> None:
    first = _lines(library, project)[0]
    assert first.id is not None
    new = "Oh, welcome back to the show."
    previous = _undoable(
        library,
        project,
        lambda: edit.set_text(first.id, new),
        lambda prev: edit.put_text_state(first.id, *prev),
        lambda _prev: edit.set_text(first.id, new),
    )
    assert previous == (first.text, first.highlights)
    line = _lines(library, project)[0]
    assert [line.text[h.start : h.end] for h in line.highlights] == ["welcome", "back"]
    assert line.original_text == "Welcom back to the show"


def test_changed_lines_are_those_whose_text_differs_from_the_import(
    library: Library, edit: EditStore, project: int
) -> None:
    ids = [line.id for line in _lines(library, project)]
    assert edit.changed_lines(project) == [ids[0]]  # imported already corrected
    edit.set_text(ids[3], "The dog sat on the mat.")
    assert edit.changed_lines(project) == [ids[0], ids[3]]
    with pytest.raises(ProjectNotFound):
        edit.changed_lines(999)


def test_replace_all_then_one_undo_restores_every_line(
    library: Library, edit: EditStore, project: int
) -> None:
    review = ReviewStore(library)
    ids = [line.id for line in _lines(library, project)]
    assert all(i is not None for i in ids)
    review.add_highlight(ids[4], 16, 23, "Quote", "")  # "catalog": shifts when "cat" grows
    review.add_highlight(ids[3], 4, 7, "Error", "")  # "cat": replaced, kept in proportion

    def do() -> list[tuple[int, str, list[Highlight]]]:
        changes = []
        for line in _lines(library, project):
            text, count = replace_in_text(line.text, "cat", "kitten", whole_words=True)
            if count and line.id is not None:
                changes.append((line.id, text))
        assert len(changes) == 2
        return edit.replace_all(changes)

    after: list[Line] = []

    def redo(_previous: Any) -> None:
        edit.put_text_states([(line.id or 0, line.text, line.highlights) for line in after])

    before = _lines(library, project)
    previous = do()
    after.extend(_lines(library, project))
    assert after[4].text == "A kitten, a kitten, a catalog."
    assert [after[4].text[h.start : h.end] for h in after[4].highlights] == ["catalog"]
    assert [h.start for h in after[3].highlights] == [4]  # still on the replaced word
    assert [p[1] for p in previous] == [before[3].text, before[4].text]
    for _ in range(2):
        edit.put_text_states(previous)
        assert _lines(library, project) == before
        redo(previous)
        assert _lines(library, project) == after


def test_replace_all_refuses_a_missing_line_and_writes_nothing(
    library: Library, edit: EditStore, project: int
) -> None:
    before = _lines(library, project)
    with pytest.raises(LineNotFound):
        edit.replace_all([(before[0].id or 0, "changed"), (424242, "x")])
    assert _lines(library, project) == before


# -- times -------------------------------------------------------------------------------------


def test_times_set_and_put_back(library: Library, edit: EditStore, project: int) -> None:
    third = _lines(library, project)[2]  # end inferred
    assert third.id is not None and third.end_inferred
    previous = _undoable(
        library,
        project,
        lambda: edit.set_times(third.id, 4100, 5900),
        lambda prev: edit.put_times(third.id, *prev),
        lambda _prev: edit.set_times(third.id, 4100, 5900),
    )
    assert previous == (4000, 6000, True)
    assert _lines(library, project)[2].end_inferred is False


def test_times_refuse_an_end_before_the_start(
    library: Library, edit: EditStore, project: int
) -> None:
    line_id = _lines(library, project)[0].id or 0
    with pytest.raises(ValueError, match=r"The end \(0:00:03.200\) is before the start"):
        edit.set_times(line_id, 4000, 3200)
    with pytest.raises(ValueError, match="negative"):
        edit.set_times(line_id, -5, 100)
    with pytest.raises(LineNotFound):
        edit.set_times(424242, 0, 100)


def test_shift_from_a_row_and_back(library: Library, edit: EditStore, project: int) -> None:
    moved = _undoable(
        library,
        project,
        lambda: edit.shift_from(project, 2, 750),
        lambda _n: edit.shift_from(project, 2, -750),
        lambda _n: edit.shift_from(project, 2, 750),
    )
    assert moved == 3
    starts = [line.start_ms for line in _lines(library, project)]
    assert starts == [0, 1500, 4750, 6750, 8750]


def test_shift_refuses_a_negative_start_and_changes_nothing(
    library: Library, edit: EditStore, project: int
) -> None:
    before = _lines(library, project)
    with pytest.raises(ValueError, match="before the start of the media"):
        edit.shift_from(project, 1, -1501)
    assert _lines(library, project) == before
    assert edit.shift_from(project, 1, -1500) == 4
    with pytest.raises(ProjectNotFound):
        edit.shift_from(999, 0, 10)


# -- speakers ----------------------------------------------------------------------------------


def test_speakers_set_rename_and_undo(library: Library, edit: EditStore, project: int) -> None:
    assert edit.speakers(project) == [("ANNA", 2), ("BEN", 1), ("ben", 1)]
    ids = [line.id or 0 for line in _lines(library, project)]
    previous = _undoable(
        library,
        project,
        lambda: edit.set_speaker([ids[1], ids[2]], "CARL"),
        edit.restore_speakers,
        lambda _p: edit.set_speaker([ids[1], ids[2]], "CARL"),
    )
    assert previous == {ids[1]: "BEN", ids[2]: ""}
    changed = _undoable(
        library,
        project,
        lambda: edit.rename_speaker(project, "ANNA", " Anna K. "),
        lambda changed: edit.set_speaker(changed, "ANNA"),
        lambda _c: edit.rename_speaker(project, "ANNA", "Anna K."),
    )
    assert changed == [ids[0], ids[3]]
    assert edit.speakers(project) == [("Anna K.", 2), ("ben", 1), ("CARL", 2)]
    assert edit.rename_speaker(project, "nobody", "x") == []
    with pytest.raises(LineNotFound):
        edit.set_speaker([ids[0], 424242], "X")


# -- structure ---------------------------------------------------------------------------------


def test_split_and_its_undo_and_redo_keep_every_id(
    library: Library, edit: EditStore, project: int
) -> None:
    review = ReviewStore(library)
    first = _lines(library, project)[0]
    assert first.id is not None
    review.add_highlight(first.id, 8, 15, "Error", "")  # "back to": across the cut
    first = _lines(library, project)[0]
    a1, a2 = split_line(first, 13)
    removed, inserted = _undoable(
        library,
        project,
        lambda: edit.replace_lines(project, [first.id], 0, [a1, a2]),
        lambda result: edit.replace_lines(project, [x.id for x in result[1]], 0, result[0]),
        lambda result: edit.replace_lines(project, [x.id for x in result[0]], 0, result[1]),
    )
    assert removed == [first]
    now = _lines(library, project)
    assert now[:2] == inserted
    assert inserted[0].id == first.id and inserted[1].id not in (None, first.id)
    assert [n.id for n in inserted[0].notes] == [n.id for n in first.notes]
    assert [now[0].text[h.start : h.end] for h in now[0].highlights] == ["Welcome", "back", "back"]
    assert [now[1].text[h.start : h.end] for h in now[1].highlights] == ["to"]
    assert (now[0].original_text, now[1].original_text) == ("Welcom back to the show", "")
    assert edit.position_of(now[2].id or 0) == 2


def test_split_then_merge_in_the_store_gives_back_the_line(
    library: Library, edit: EditStore, project: int
) -> None:
    review = ReviewStore(library)
    ids = [line.id or 0 for line in _lines(library, project)]
    review.add_highlight(ids[1], 0, 11, "Quote", "#f9d65c", "across")  # "Thanks, gla"
    review.add_note(ids[1], "second note", "ed")
    before = library.load_transcript(project)
    line = before.lines[1]
    _removed, (b1, b2) = edit.replace_lines(project, [ids[1]], 1, list(split_line(line, 8)))
    assert (b1.text, b2.text) == ("Thanks,", "glad to be here.")
    edit.replace_lines(project, [b1.id or 0, b2.id or 0], 1, [merge_lines(b1, b2)])
    assert library.load_transcript(project) == before


def test_merge_and_its_undo(library: Library, edit: EditStore, project: int) -> None:
    a, b = _lines(library, project)[:2]
    ab = merge_lines(a, b)
    removed, inserted = _undoable(
        library,
        project,
        lambda: edit.replace_lines(project, [a.id or 0, b.id or 0], 0, [ab]),
        lambda result: edit.replace_lines(project, [x.id for x in result[1]], 0, result[0]),
        lambda result: edit.replace_lines(project, [x.id for x in result[0]], 0, result[1]),
    )
    assert removed == [a, b]
    merged = _lines(library, project)[0]
    assert merged == inserted[0]
    assert merged.text == "Welcome back to the show. Thanks, glad to be here."
    assert merged.original_text == "Welcom back to the show Thanks, glad to be here."
    assert merged.status == "unreviewed" and merged.id == a.id
    assert len(_lines(library, project)) == 4


@pytest.mark.parametrize("at", [0, 2, 5])
def test_insert_at_start_middle_end_keeps_order(
    library: Library, edit: EditStore, project: int, at: int
) -> None:
    new = Line(100, 200, "Inserted.", notes=[Note("why", "ed")], highlights=[Highlight(0, 8, "Q")])
    _removed, inserted = _undoable(
        library,
        project,
        lambda: edit.replace_lines(project, [], at, [new]),
        lambda result: edit.replace_lines(project, [x.id for x in result[1]], at, result[0]),
        lambda result: edit.replace_lines(project, [], at, result[1]),
    )
    texts = [line.text for line in _lines(library, project)]
    assert texts.index("Inserted.") == at and len(texts) == 6
    assert inserted[0].notes[0].id is not None and inserted[0].notes[0].created_at
    assert _lines(library, project)[at] == inserted[0]


def test_delete_then_undo_restores_notes_and_highlights_with_their_ids(
    library: Library, edit: EditStore, project: int, library_url: str
) -> None:
    before = _lines(library, project)
    gone = before[:2]
    removed, inserted = edit.replace_lines(project, [line.id or 0 for line in gone], 0, [])
    assert inserted == [] and removed == gone
    assert _lines(library, project)[0].text == "Let's start."
    assert _positions(library, project) == [0, 1, 2]
    edit.replace_lines(project, [], 0, removed)
    with Library.open(library_url) as other:  # stored, not only in this connection
        again = other.load_transcript(project).lines
    assert again == before
    assert [h.id for h in again[0].highlights] == [h.id for h in before[0].highlights]
    assert [n.id for n in again[0].notes] == [n.id for n in before[0].notes]


def test_replace_lines_refuses_what_it_cannot_undo(
    library: Library, edit: EditStore, project: int
) -> None:
    ids = [line.id or 0 for line in _lines(library, project)]
    before = _lines(library, project)
    with pytest.raises(ValueError, match="next to each other"):
        edit.replace_lines(project, [ids[0], ids[2]], 0, [])
    with pytest.raises(ValueError, match="next to each other"):
        edit.replace_lines(project, [ids[1]], 0, [])
    with pytest.raises(ValueError, match="outside the transcript"):
        edit.replace_lines(project, [], 6, [Line(0, 1, "x")])
    with pytest.raises(LineNotFound):
        edit.replace_lines(project, [424242], 0, [])
    other = library.create_project(
        Transcript([Line(0, 1, "elsewhere")]), media_path=None, transcript_path="/o.srt"
    )
    with pytest.raises(LineNotFound):
        edit.replace_lines(project, [_lines(library, other)[0].id or 0], 0, [])
    with pytest.raises(ProjectNotFound):
        edit.replace_lines(999, [], 0, [])
    assert _lines(library, project) == before
    with pytest.raises(LineNotFound):
        edit.position_of(424242)


@st.composite
def _edit_and_marks(draw: st.DrawFn) -> tuple[str, str, list[Highlight]]:
    old = draw(st.text("ab ", min_size=1, max_size=12))
    i = draw(st.integers(0, len(old)))
    j = draw(st.integers(i, len(old)))
    new = old[:i] + draw(st.text("ab ", max_size=4)) + old[j:]
    marks = []
    for k in range(draw(st.integers(0, 3))):
        start = draw(st.integers(0, len(old) - 1))
        marks.append(Highlight(start, draw(st.integers(start + 1, len(old))), "Q", id=k + 1))
    return old, new, marks


@settings(max_examples=500, deadline=None)
@given(_edit_and_marks())
def test_replace_all_shortcut_moves_highlights_as_rebase_does(
    case: tuple[str, str, list[Highlight]],
) -> None:
    old, new, marks = case
    assert _rebased(old, new, marks) == rebase_highlights(old, new, marks)


def test_a_merge_keeps_the_lines_it_was_made_of_and_undo_takes_that_back(
    library: Library, edit: EditStore, project: int
) -> None:
    """The Changes list reads what a merge joined from the library: the joined lines leave no
    row of their own, so the merged line carries them (times and imported text)."""
    a, b, c = _lines(library, project)[2:5]
    ab = merge_lines(a, b)
    _undoable(
        library,
        project,
        lambda: edit.replace_lines(project, [a.id or 0, b.id or 0], 2, [ab]),
        lambda result: edit.replace_lines(project, [x.id for x in result[1]], 2, result[0]),
        lambda result: edit.replace_lines(project, [x.id for x in result[0]], 2, result[1]),
    )
    merged = _lines(library, project)[2]
    assert merged.origin == Origin(
        "merged", ((a.start_ms, a.end_ms, a.original), (b.start_ms, b.end_ms, b.original))
    )
    # Merged again with the next: three lines as imported, not a merge inside a merge.
    abc = merge_lines(merged, c)
    edit.replace_lines(project, [merged.id or 0, c.id or 0], 2, [abc])
    origin = _lines(library, project)[2].origin
    assert origin is not None and [t for _s, _e, t in origin.lines] == [
        a.original,
        b.original,
        c.original,
    ]


def test_split_parts_keep_the_line_they_were_cut_from(
    library: Library, edit: EditStore, project: int
) -> None:
    line = _lines(library, project)[3]
    edit.replace_lines(project, [line.id or 0], 3, list(split_line(line, 7)))
    first, second = _lines(library, project)[3:5]
    was = Origin("split", ((line.start_ms, line.end_ms, line.text),))
    assert (first.origin, second.origin) == (was, was)
    assert (first.text, second.text) == ("The cat", "sat on the mat.")


def test_the_imported_times_are_kept_while_a_line_is_retimed_and_forgotten_once_back(
    library: Library, edit: EditStore, project: int
) -> None:
    line = _lines(library, project)[3]
    assert line.id is not None and (line.start_ms, line.end_ms) == (6000, 8000)
    edit.set_times(line.id, 6100, 8000)
    edit.set_times(line.id, 6300, 7900)
    now = _lines(library, project)[3]
    assert (now.original_start_ms, now.original_end_ms) == (6000, 8000)  # the first, kept
    edit.set_times(line.id, 6000, 8000)  # back to the imported times: as imported again
    assert _lines(library, project)[3] == line
    before_shift = _lines(library, project)[3:]
    assert edit.shift_from(project, 3, 250) == 2
    shifted = _lines(library, project)[3:]
    assert [(x.original_start_ms, x.start_ms) for x in shifted] == [(6000, 6250), (8000, 8250)]
    edit.shift_from(project, 3, -250)
    assert _lines(library, project)[3:] == before_shift  # imported times forgotten again
