"""Every past schema, as a real library of its time (tests/data/libraries, made once by
tests/helpers/make_frozen_libraries.py), opens in this Proofreel: migrated to head, its data all
there, and the file as it was kept in backups/ first. New revisions need no change here, only a
frozen file for the revision they replace as head."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from alembic.script import ScriptDirectory

from app.asr.passes import kept_opinion
from app.store.errors import NewerDatabaseError
from app.store.library import Library
from app.store.migrate import alembic_config
from app.store.review import ReviewStore
from tests.helpers.make_frozen_libraries import HIGHLIGHTS, LIBRARIES, LINES, NOTES, PROJECTS

FROZEN = sorted(LIBRARIES.glob("library-*.sqlite3"))
SCRIPT = ScriptDirectory.from_config(alembic_config())
HEAD = SCRIPT.get_current_head()


def _revision(path: Path) -> str:
    with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as conn:
        (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    return str(revision)


def _tables(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table, as column -> value, read without writing a byte."""
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            name: [dict(row) for row in conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid')]
            for name in names
            if name != "alembic_version"
        }
    finally:
        conn.close()


def test_every_past_revision_has_a_frozen_library() -> None:
    past = {rev.revision for rev in SCRIPT.walk_revisions()} - {HEAD}
    have = {_revision(path) for path in FROZEN}
    missing = sorted(past - have)
    assert not missing, (
        f"no frozen library for {missing}: run python -m tests.helpers.make_frozen_libraries "
        "with that revision before its successor lands (add it to ORDER)"
    )


@pytest.mark.parametrize("frozen", FROZEN, ids=[p.stem.removeprefix("library-") for p in FROZEN])
def test_frozen_library_migrates_to_head_and_keeps_its_data(frozen: Path, tmp_path: Path) -> None:
    revision = _revision(frozen)
    db = tmp_path / "library.sqlite3"
    shutil.copyfile(frozen, db)
    before = _tables(db)

    with Library.open(str(db)) as lib:
        # Through the API, as the window would show it.
        summaries = {p.id: p for p in lib.list_projects()}
        assert {p.id: (p.title, p.line_count) for p in summaries.values()} == {
            1: ("Harbour interview", 3),
            2: ("Notes only", 1),
        }
        harbour = lib.load_transcript(1)
        assert [(ln.id, ln.text, ln.status, ln.speaker) for ln in harbour.lines] == [
            (row[0], row[7], row[9], row[6]) for row in LINES if row[1] == 1
        ]
        assert harbour.lines[0].original_text == "Welcome to the harbor."
        assert harbour.metadata.tags == ["draft", "harbour"]
        info = lib.get_project(1)
        assert (info.last_position_ms, info.last_line_id) == (4_200, 11)
        notes = [(n.id, n.author, n.body) for ln in harbour.lines for n in ln.notes]
        threads = [n for ln in harbour.lines for n in ln.notes if n.parent_id or n.resolved_by]
        assert [n for n in notes if n[0] != 103] == [(n[0], n[2], n[3]) for n in NOTES]
        if _revision(frozen) >= "0010":  # made with a resolved thread and its reply
            assert (103, "ana", "British.") in notes
            assert {(n.id, n.parent_id, n.resolved_by) for n in threads} == {
                (100, None, "ana"),
                (103, 100, None),
            }
        marks = [
            (h.id, h.start, h.end, h.tag, h.note) for ln in harbour.lines for h in ln.highlights
        ]
        assert marks == [(h[0], h[2], h[3], h[4], h[6]) for h in HIGHLIGHTS if h[1] in (10, 12)]
        review = ReviewStore(lib)
        tags = {t.name: t.color for t in review.list_tags()}
        if "tags" in before:  # the user's own tags and colours survive
            assert tags["Legal"] == "#88cc88" and tags["Quote"] == "#ffee00"
        else:  # the tags migration added the defaults
            assert tags["Quote"] == "#f9d65c"
        if _revision(frozen) >= "0012":  # made with a second opinion kept
            kept = kept_opinion(lib, 1)
            assert kept is not None and kept[1].made_by == "ed"
            assert kept[0].transcript.lines[0].text == "Welcome to the harbour."
        # And it is a working library at head: a write goes through.
        assert review.set_status([12], "approved") == {12: "unreviewed"}
        assert lib.check_integrity() == []

    assert _revision(db) == HEAD
    # Every row of every old table is still there with the same values (new columns aside).
    after = _tables(db)
    for table, rows in before.items():
        if table == "lines":
            rows = [{**r, "status": "approved"} if r["id"] == 12 else r for r in rows]
        if table in ("change_log", "line_reviews"):  # the write above adds to these: the old stay
            now = [{k: row[k] for k in rows[0]} for row in after[table]] if rows else []
            assert all(row in now for row in rows), table
            continue
        kept = [{k: row[k] for k in old} for row, old in zip(after[table], rows, strict=True)]
        assert kept == rows, table
    assert len(before["projects"]) == len(PROJECTS)

    # The library as it was was copied to backups/ first (unless already at head).
    copies = (
        list((tmp_path / "backups").glob("*.sqlite3")) if (tmp_path / "backups").exists() else []
    )
    if revision == HEAD:
        assert copies == []
    else:
        (copy,) = copies
        assert copy.name.endswith(f"-{revision}.sqlite3")
        assert _revision(copy) == revision
        assert _tables(copy) == before


def test_newer_library_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "library.sqlite3"
    shutil.copyfile(FROZEN[-1], db)
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    conn.close()
    before = db.read_bytes()
    with pytest.raises(NewerDatabaseError, match="newer version of Proofreel"):
        Library.open(str(db))
    assert db.read_bytes() == before
    assert not (tmp_path / "backups").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["library.sqlite3"]  # no -wal, no -shm
