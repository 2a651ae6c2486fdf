"""Every review action, done, undone and redone twice: the library holds exactly the state the
window shows after each step (compared through a fresh load of the project)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack

from app.core.review import Tag
from app.store.library import Library
from app.ui.review.review_session import ReviewSession
from app.ui.transcript.transcript_model import TranscriptModel
from tests.ui.conftest import make_transcript


@pytest.fixture
def session(qapp: object, tmp_path: Path) -> ReviewSession:
    library = Library.open(str(tmp_path / "lib.sqlite3"))
    transcript = make_transcript(20)
    project = library.create_project(transcript, media_path=None, transcript_path=None)
    model = TranscriptModel()
    model.set_lines(library.load_transcript(project).lines)
    s = ReviewSession(library, model, QUndoStack(), model)
    s.project = project  # type: ignore[attr-defined]
    s.library = library  # type: ignore[attr-defined]
    return s


def stored(session: ReviewSession) -> list[tuple[object, ...]]:
    """The project as a fresh read of the database sees it."""
    lines = session.library.load_transcript(session.project).lines  # type: ignore[attr-defined]
    return [
        (
            line.id,
            line.status,
            tuple((n.id, n.author, n.body, n.created_at, n.updated_at) for n in line.notes),
            tuple((h.id, h.start, h.end, h.tag, h.color, h.note) for h in line.highlights),
        )
        for line in lines
    ]


def shown(session: ReviewSession) -> list[tuple[object, ...]]:
    return [
        (
            line.id,
            line.status,
            tuple((n.id, n.author, n.body, n.created_at, n.updated_at) for n in line.notes),
            tuple((h.id, h.start, h.end, h.tag, h.color, h.note) for h in line.highlights),
        )
        for line in session.model.lines()
    ]


def do_undo_redo_twice(session: ReviewSession, action: object) -> None:
    before = stored(session)
    assert before == shown(session)
    assert callable(action)
    action()
    after = stored(session)
    assert after != before and after == shown(session)
    for _ in range(2):
        session.undo.undo()
        assert stored(session) == before == shown(session)
        session.undo.redo()
        assert stored(session) == after == shown(session)


def ids(session: ReviewSession, *rows: int) -> list[int]:
    return [session.model.line(r).id for r in rows]  # type: ignore[misc]


def test_status_on_several_lines(session: ReviewSession) -> None:
    do_undo_redo_twice(session, lambda: session.set_status(ids(session, 1, 2, 5), "approved"))
    do_undo_redo_twice(session, lambda: session.set_status(ids(session, 2, 3), "flagged"))


def test_progress_follows_statuses(session: ReviewSession, qtbot: object) -> None:
    seen: list[tuple[int, int]] = []
    session.progressChanged.connect(lambda a, b: seen.append((a, b)))
    session.set_status(ids(session, 0, 1, 2), "approved")
    qtbot.waitUntil(lambda: bool(seen) and seen[-1] == (3, 20))  # type: ignore[attr-defined]
    session.undo.undo()
    qtbot.waitUntil(lambda: seen[-1] == (0, 20))  # type: ignore[attr-defined]


def test_notes_add_edit_delete(session: ReviewSession) -> None:
    line_id = ids(session, 4)[0]
    do_undo_redo_twice(session, lambda: session.add_note(line_id, "Check this name"))
    note = session.model.line(4).notes[0]
    assert note.id is not None
    do_undo_redo_twice(session, lambda: session.edit_note(line_id, note.id, "Checked: right"))
    do_undo_redo_twice(session, lambda: session.delete_note(line_id, note.id))


def test_highlights_add_note_remove(session: ReviewSession) -> None:
    line_id = ids(session, 7)[0]
    tag = Tag("Quote", "#f9d65c")
    do_undo_redo_twice(session, lambda: session.add_highlight(line_id, 0, 4, tag))
    mark = session.model.line(7).highlights[0]
    assert mark.id is not None
    do_undo_redo_twice(session, lambda: session.set_highlight_note(line_id, mark.id, "exact words"))
    do_undo_redo_twice(session, lambda: session.delete_highlight(line_id, mark.id))


def test_a_refused_action_is_reported_and_not_pushed(session: ReviewSession) -> None:
    errors: list[str] = []
    session.failed.connect(errors.append)
    line_id = ids(session, 0)[0]
    assert session.add_highlight(line_id, 5, 500, Tag("Error", "#f28b82")) is None
    assert errors and session.undo.count() == 0
