"""What the database itself must enforce: SQLite's pragmas on every connection, foreign keys and
cascades on both back ends."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, insert, select, text
from sqlalchemy.exc import IntegrityError

from app.store.engine import make_engine, resolve_url
from app.store.library import Library
from app.store.models import highlights, lines, notes
from tests.store.conftest import sample_transcript


def test_pragmas_on_every_connection(sqlite_library: Library, db_path: Path) -> None:
    engine = make_engine(resolve_url(str(db_path)))
    try:
        with engine.connect() as conn:
            assert conn.scalar(text("PRAGMA journal_mode")) == "wal"
            assert conn.scalar(text("PRAGMA foreign_keys")) == 1
            assert (
                conn.scalar(text("PRAGMA synchronous")) == 2
            )  # FULL: a power cut loses nothing shown
            assert conn.scalar(text("PRAGMA busy_timeout")) == 5000
    finally:
        engine.dispose()


def test_note_for_missing_line_is_refused(library: Library, library_url: str) -> None:
    engine = make_engine(library_url)
    try:
        with pytest.raises(IntegrityError), engine.begin() as conn:
            conn.execute(
                insert(notes).values(line_id=424242, body="orphan", created_at="", updated_at="")
            )
    finally:
        engine.dispose()


def test_deleting_a_project_cascades_to_lines_notes_highlights(
    library: Library, library_url: str
) -> None:
    keep = library.create_project(sample_transcript(), media_path=None, transcript_path="/k.srt")
    gone = library.create_project(sample_transcript(), media_path=None, transcript_path="/g.srt")
    library.delete_project(gone)
    engine = make_engine(library_url)
    try:
        with engine.connect() as conn:
            counts = [conn.scalar(select(func.count()).select_from(t)) for t in (lines, notes)]
            assert counts == [3, 1]
            assert conn.scalar(select(func.count()).select_from(highlights)) == 2
            assert set(conn.scalars(select(lines.c.project_id))) == {keep}
    finally:
        engine.dispose()
    assert library.find_project(None, "/g.srt") is None
