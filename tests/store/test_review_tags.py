"""The library's highlight tags and settings, and a library at schema 0002 gaining them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command

from app.core.review import DEFAULT_TAGS, Tag
from app.store.engine import make_engine, resolve_url
from app.store.errors import TagNotFound
from app.store.library import Library
from app.store.migrate import alembic_config
from app.store.migrations import HEAD
from app.store.review import ReviewStore
from tests.store.conftest import sample_transcript


@pytest.fixture
def review(library: Library) -> ReviewStore:
    return ReviewStore(library)


def _tags_on_disk(library_url: str) -> list[Tag]:
    with Library.open(library_url) as other:
        return ReviewStore(other).list_tags()


def test_new_library_has_the_default_tags(review: ReviewStore) -> None:
    assert review.list_tags() == list(DEFAULT_TAGS)


def test_add_rename_recolour_delete_persist_and_undo_exactly(
    library: Library, review: ReviewStore, library_url: str
) -> None:
    project = library.create_project(sample_transcript(), media_path=None, transcript_path="/t")
    line = library.load_transcript(project).lines[1]
    assert line.id is not None
    follows = review.add_highlight(line.id, 0, 6, "Quote", "#f9d65c")
    custom = review.add_highlight(line.id, 8, 12, "Quote", "#000000")  # its own colour
    start_tags, start_lines = review.list_tags(), library.load_transcript(project)

    added = review.save_tag(Tag("Name", "#A0E0A0"))
    assert review.list_tags()[-1] == Tag("Name", "#a0e0a0") and added.before is None
    changed = review.save_tag(Tag("Citation", "#ffffff"), old_name="Quote")
    assert [t.name for t in review.list_tags()][:2] == ["Citation", "Fact-check"]
    assert changed.renamed == (follows.id, custom.id) and changed.recoloured == (follows.id,)
    marks = library.load_transcript(project).lines[1].highlights
    assert [(h.tag, h.color) for h in marks] == [("Citation", "#ffffff"), ("Citation", "#000000")]
    position, gone = review.delete_tag("Error")
    assert (position, gone) == (2, Tag("Error", "#f28b82"))
    after = review.list_tags()
    assert _tags_on_disk(library_url) == after

    review.put_tag(gone, position)
    review.undo_tag_change(changed)
    review.undo_tag_change(added)
    assert review.list_tags() == start_tags == _tags_on_disk(library_url)
    assert library.load_transcript(project) == start_lines
    # redo: the same calls again give the same state
    assert review.save_tag(Tag("Name", "#a0e0a0")) == added
    assert review.save_tag(Tag("Citation", "#ffffff"), old_name="Quote") == changed
    review.delete_tag("Error")
    assert review.list_tags() == after


def test_recolour_by_name_and_refusals(review: ReviewStore) -> None:
    change = review.save_tag(Tag("Error", "#ff0000"))
    assert change.before == Tag("Error", "#f28b82") and review.list_tags()[2].color == "#ff0000"
    with pytest.raises(ValueError, match="already a tag named 'quote'"):
        review.save_tag(Tag("quote", "#ffffff"), old_name="Unclear")
    review.save_tag(Tag("QUOTE", "#ffffff"), old_name="Quote")  # its own name in other case
    with pytest.raises(TagNotFound, match="No tag named 'Nope'"):
        review.save_tag(Tag("X", "#ffffff"), old_name="Nope")
    with pytest.raises(TagNotFound):
        review.delete_tag("Nope")


def test_settings_persist_and_return_the_previous_value(
    review: ReviewStore, library_url: str
) -> None:
    assert review.get_setting("keys.approve", "A") == "A"
    assert review.set_setting("keys.approve", "Ctrl+1") is None
    assert review.set_setting("keys.approve", "Ctrl+2") == "Ctrl+1"
    with Library.open(library_url) as other:
        assert ReviewStore(other).get_setting("keys.approve") == "Ctrl+2"
    assert review.set_setting("keys.approve", None) == "Ctrl+2"
    assert review.get_setting("keys.approve") is None


def test_library_at_0002_gains_tags_and_keeps_its_data(db_path: Path) -> None:
    engine = make_engine(resolve_url(str(db_path)))
    try:
        config = alembic_config()
        with engine.connect() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "0002_words")
            conn.commit()
        with engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO projects (id, title, transcript_path, created_at, opened_at)"
                " VALUES (1, 'Old talk', '/old.srt', '2024-01-01', '2024-01-02')"
            )
            conn.exec_driver_sql(
                "INSERT INTO lines (id, project_id, position, start_ms, end_ms, text,"
                " original_text, status, words) VALUES"
                " (7, 1, 0, 0, 1000, 'Hello there.', 'Hello there.', 'flagged',"
                " '[[0,500,\"Hello\",0.9]]')"
            )
            conn.exec_driver_sql(
                "INSERT INTO notes (id, line_id, author, body, created_at, updated_at)"
                " VALUES (3, 7, 'ed', 'who?', '2024-01-01', '2024-01-01')"
            )
            conn.exec_driver_sql(
                "INSERT INTO highlights (id, line_id, start, end, tag, color)"
                " VALUES (5, 7, 6, 11, 'Quote', '#f9d65c')"
            )
    finally:
        engine.dispose()
    with Library.open(str(db_path)) as lib:
        (line,) = lib.load_transcript(1).lines
        assert (line.id, line.status, line.words[0].text) == (7, "flagged", "Hello")
        assert [(n.id, n.body) for n in line.notes] == [(3, "who?")]
        assert [(h.id, h.start, h.end) for h in line.highlights] == [(5, 6, 11)]
        review = ReviewStore(lib)
        assert review.list_tags() == list(DEFAULT_TAGS)
        assert review.set_status([7], "approved") == {7: "flagged"}
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD,)]
    (copy,) = (db_path.parent / "backups").iterdir()
    assert copy.name.endswith("-0002_words.sqlite3")
