"""What the database itself must enforce: SQLite's pragmas on every connection, foreign keys and
cascades on both back ends."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, insert, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.pool import NullPool

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


def _orphan_notes(library_url: str, count: int) -> None:
    """Notes whose line is gone, as a damaged or hand-edited library may hold (the foreign key
    is set aside for the insert: SQLite's pragma, PostgreSQL's replica role)."""
    engine = make_engine(library_url)
    if engine.dialect.name == "sqlite":  # the pragma is a no-op in a transaction: a bare one
        engine.dispose()
        engine = create_engine(library_url, poolclass=NullPool)
    try:
        with engine.begin() as conn:
            if conn.dialect.name != "sqlite":
                conn.exec_driver_sql("SET LOCAL session_replication_role = replica")
            for n in range(count):
                conn.execute(
                    insert(notes).values(line_id=424242 + n, body="x", created_at="", updated_at="")
                )
    finally:
        engine.dispose()


@pytest.mark.parametrize("count", [1, 2])
def test_the_check_counts_orphans_in_words(library_url: str, count: int) -> None:
    if library_url.startswith("sqlite"):
        Library.open(library_url).close()  # created and migrated
    _orphan_notes(library_url, count)
    with Library.open(library_url) as lib:
        problems = lib.check_integrity()
    assert problems and not any("(s)" in p for p in problems)
    if not library_url.startswith("sqlite"):
        rows = "1 row of notes refers" if count == 1 else "2 rows of notes refer"
        assert problems == [f"{rows} to a missing line"]
    else:
        assert len(problems) == count  # one line per row, each named
