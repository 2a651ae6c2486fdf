"""The change log: who did what, written by triggers on PostgreSQL and on SQLite alike, read
back as changes since a seq, a line's history and a project's audit trail."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text

from app.core.transcript import Line, Transcript
from app.store import EditStore
from app.store.change_log import ChangeLog
from app.store.library import Library
from app.store.review import ReviewStore
from tests.helpers.postgres import PostgresServer
from tests.store.conftest import sample_transcript

ROLES = {"log_ana": "pw-ana", "log_ben": "pw-ben"}


def _database(url: str) -> str:
    return url.split("@/", 1)[1].split("?", 1)[0]


def _pg_reviewers(server: PostgresServer, url: str) -> tuple[Library, Library]:
    database = _database(url)
    with psycopg.connect(host=str(server.socket_dir), dbname="postgres", user="postgres") as conn:
        known = {row[0] for row in conn.execute("SELECT rolname FROM pg_roles")}
    for role, password in ROLES.items():
        if role not in known:
            server.admin(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'")
        server.admin(
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
            f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {role}",
            database=database,
        )
    # What each passes as its name is ignored: the server knows who logged in.
    return tuple(  # type: ignore[return-value]
        Library.open(server.url(database, user=role, password=pw), actor="someone else")
        for role, pw in ROLES.items()
    )


@pytest.fixture
def reviewers(request: pytest.FixtureRequest, library_url: str) -> Iterator[tuple[Library, ...]]:
    if library_url.startswith("sqlite"):
        pair: tuple[Library, ...] = tuple(
            Library.open(library_url, actor=name) for name in ("log_ana", "log_ben")
        )
    else:
        pair = _pg_reviewers(request.getfixturevalue("postgres_server"), library_url)
    yield pair
    for lib in pair:
        lib.close()


def _what(lib: Library, project: int, since: int = 0) -> list[tuple[str, int | None, str, str]]:
    return [
        (c.table_name, c.row_id, c.op, f"{c.actor}:{c.detail or ''}")
        for c in ChangeLog(lib).changes_since(project, since)
    ]


def test_each_reviewer_s_changes_are_logged_under_their_own_name(
    reviewers: tuple[Library, Library],
) -> None:
    ana, ben = reviewers
    assert ana.actor == "log_ana" and ben.actor == "log_ben"
    project = ana.create_project(sample_transcript(), media_path=None, transcript_path="/t.srt")
    first, second, third = (line.id for line in ana.load_transcript(project).lines)
    assert first is not None and second is not None and third is not None
    log = ChangeLog(ana)
    imported = log.last_seq(project)
    assert [c[:3] for c in _what(ana, project)[:3]] == [
        ("lines", first, "insert"),
        ("lines", second, "insert"),
        ("lines", third, "insert"),
    ]
    ben.load_transcript(project)
    ReviewStore(ben).set_status([second], "flagged")
    note = ReviewStore(ana).add_note(third, "check the name", "whoever")
    ReviewStore(ben).set_line_text(first, "Welcome back to our show.")
    EditStore(ben).set_times(third, 4100, 6000)
    mark = ReviewStore(ana).add_highlight(third, 0, 5, "name", "")
    ReviewStore(ben).delete_note(note.id or 0)
    rows = _what(ana, project, imported)
    assert rows[0] == ("lines", second, "update", "log_ben:status flagged")
    assert rows[1] == ("notes", note.id, "insert", "log_ana:note")
    assert rows[2] == ("lines", first, "update", "log_ben:text")
    assert ("lines", third, "update", "log_ben:timing") in rows
    assert ("highlights", mark.id, "insert", "log_ana:name") in rows
    assert rows[-1] == ("notes", note.id, "delete", "log_ben:note")
    assert log.last_seq(project) > imported
    assert log.changes_since(project, log.last_seq(project)) == []


def test_a_line_s_history_reads_newest_first_down_to_imported(library: Library) -> None:
    project = library.create_project(sample_transcript(), media_path=None, transcript_path="/h")
    line = library.load_transcript(project).lines[1]
    assert line.id is not None
    ReviewStore(library).set_line_text(line.id, "Thanks, glad to be here!")
    ReviewStore(library).set_status([line.id], "flagged")
    history = ChangeLog(library).line_history(line.id)
    assert [what for what, _actor, _at in history] == ["flagged", "text corrected", "imported"]
    assert history[-1][2] == library.get_project(project).created_at
    assert history[0][2] > history[1][2] > history[2][2]
    # A line added later, and the lines a split made, were never imported.
    _gone, (added,) = EditStore(library).replace_lines(project, [], 1, [Line(1400, 1500, "Hm.")])
    assert [what for what, _a, _t in ChangeLog(library).line_history(added.id or 0)] == ["added"]
    row = library.load_transcript(project).lines[0]
    halves = [Line(0, 700, "Welcome back"), Line(700, 1500, "to the show.")]
    _gone, made = EditStore(library).replace_lines(project, [row.id or 0], 0, halves)
    made_history = ChangeLog(library).line_history(made[0].id or 0)
    assert [what for what, _a, _t in made_history] == ["added"]


def test_renumbering_rows_logs_only_the_lines_added_and_removed(library: Library) -> None:
    lines = [Line(i * 1000, i * 1000 + 900, f"line {i}") for i in range(50)]
    project = library.create_project(Transcript(lines=lines), media_path=None, transcript_path="/r")
    log = ChangeLog(library)
    before = log.last_seq(project)
    loaded = library.load_transcript(project).lines
    # A split of the first line moves the 49 after it down a row: two-step renumbering.
    _removed, added = EditStore(library).replace_lines(
        project, [loaded[0].id or 0], 0, [Line(0, 400, "line"), Line(400, 900, "0")]
    )
    changes = log.changes_since(project, before)
    assert sorted((c.op, c.row_id) for c in changes) == sorted(
        [("delete", loaded[0].id)] + [("insert", line.id) for line in added]
    )
    trail = log.history(project, limit=5)
    assert trail[0].change.op == "insert" and trail[0].count == 2
    assert trail[-1].count == 50 and trail[-1].change.op == "insert"


def test_a_file_written_by_another_tool_still_works_and_logs_nothing(db_path: Path) -> None:
    with Library.open(str(db_path), actor="ana") as lib:
        project = lib.create_project(sample_transcript(), media_path=None, transcript_path="/o")
        before = ChangeLog(lib).last_seq(project)
    other = sqlite3.connect(db_path)
    other.execute("UPDATE lines SET text = 'by hand' WHERE position = 0")
    other.commit()
    other.close()
    with Library.open(str(db_path), actor="ana") as lib:
        assert lib.load_transcript(project).lines[0].text == "by hand"
        assert ChangeLog(lib).last_seq(project) == before


def test_the_sqlite_actor_follows_the_preferences_name(db_path: Path) -> None:
    preferences = {"author": "ana"}
    with Library.open(str(db_path), actor="old name") as lib:
        project = lib.create_project(sample_transcript(), media_path=None, transcript_path="/a")
        line = lib.load_transcript(project).lines[2].id or 0
        lib.follow_actor(lambda: preferences["author"])
        ReviewStore(lib).set_status([line], "approved")
        assert next(a for _w, a, _at in ChangeLog(lib).line_history(line)) == "ana"
        preferences["author"] = "ben"  # changed in Preferences: the next write is ben's
        ReviewStore(lib).set_status([line], "unreviewed")
        assert [a for _w, a, _at in ChangeLog(lib).line_history(line)][:2] == ["ben", "ana"]


def test_a_big_import_and_a_project_s_delete_are_one_row_each_on_both(library: Library) -> None:
    lines = [Line(i * 100, i * 100 + 90, f"line {i}") for i in range(2500)]
    project = library.create_project(
        Transcript(lines=lines), media_path=None, transcript_path="/big"
    )
    log = ChangeLog(library)
    rows = log.changes_since(project, 0)
    assert [(c.table_name, c.op, c.row_id, c.detail) for c in rows] == [
        ("lines", "insert", None, "2500 lines")
    ]
    assert log.history(project)[0].count == 2500
    seq = log.last_seq(project)
    library.delete_project(project)
    assert [(c.op, c.detail) for c in log.changes_since(project, seq)] == [("delete", "2500 lines")]


def test_notes_and_highlights_record_who_made_them_and_when(
    reviewers: tuple[Library, Library],
) -> None:
    ana, _ben = reviewers
    project = ana.create_project(sample_transcript(), media_path=None, transcript_path="/w")
    line = ana.load_transcript(project).lines[1].id or 0
    review = ReviewStore(ana)
    note = review.add_note(line, "a name?", "Ana from Preferences")
    mark = review.add_highlight(line, 0, 6, "name", "", author="Ana from Preferences")
    shown = "log_ana" if ana.shared else "Ana from Preferences"
    assert note.author == shown and mark.author == shown
    stored = ana.load_transcript(project).lines[1]
    assert [n.author for n in stored.notes] == [shown]
    assert [(h.author, h.created_at) for h in stored.highlights] == [(shown, mark.created_at)]
    assert mark.created_at is not None and mark.created_at >= note.created_at
    # Undo of a delete puts the mark back as its maker made it.
    _line, gone = review.delete_highlight(mark.id or 0)
    review.put_highlight(line, gone)
    assert review.get_highlight(mark.id or 0)[1].author == shown


def test_a_migrated_old_library_logs_nothing_of_its_migration_then_logs(tmp_path: Path) -> None:
    """The 0010 migration copies every old mark into line_reviews: no log rows for that."""
    frozen = (
        Path(__file__).parents[1] / "data" / "libraries" / "library-0009_subtitle_rules.sqlite3"
    )
    db = tmp_path / "old.sqlite3"
    shutil.copyfile(frozen, db)
    with Library.open(str(db), actor="ana") as lib:
        project = lib.list_projects()[0].id
        log = ChangeLog(lib)
        assert log.last_seq(project) == 0
        line = lib.load_transcript(project).lines[0].id or 0
        ReviewStore(lib).set_line_text(line, "Corrected after the upgrade.")
        changes = log.changes_since(project, 0)
        assert (changes[0].table_name, changes[0].detail) == ("lines", "text")
        assert {c.actor for c in changes} == {"ana"}  # and its highlights moved with the words


def test_reviews_and_resolving_are_logged_and_a_line_s_cascade_is_not(library: Library) -> None:
    """The per-reviewer marks and note threads are written by other features; the triggers log
    whatever writes them (here plain SQL, as any client could)."""
    project = library.create_project(sample_transcript(), media_path=None, transcript_path="/c")
    first, second = (line.id or 0 for line in library.load_transcript(project).lines[:2])
    note = ReviewStore(library).add_note(second, "who said this?", "ana")
    log = ChangeLog(library)
    seq = log.last_seq(project)
    with library.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO line_reviews (line_id, reviewer, status, at) VALUES (:l, 'x', 'approved', '')"
            ),
            {"l": second},
        )
        conn.execute(
            text("UPDATE notes SET resolved_by = 'x', resolved_at = 'now' WHERE id = :n"),
            {"n": note.id},
        )
    assert [(c.table_name, c.row_id, c.detail) for c in log.changes_since(project, seq)] == [
        ("line_reviews", second, "status approved"),
        ("notes", note.id, "resolved"),
    ]
    assert [what for what, _a, _t in log.line_history(second)][:2] == ["resolved", "approved"]
    seq = log.last_seq(project)
    EditStore(library).replace_lines(project, [first], 0, [])  # delete the first line
    # Its notes and highlights went with it: the line's own row says so, once.
    assert [(c.table_name, c.op, c.row_id) for c in log.changes_since(project, seq)] == [
        ("lines", "delete", first)
    ]


def test_the_server_notifies_the_project_once_per_transaction(
    postgres_server: PostgresServer, postgres_url: str
) -> None:
    with Library.open(postgres_url) as lib:
        project = lib.create_project(sample_transcript(), media_path=None, transcript_path="/n")
        lines = [line.id or 0 for line in lib.load_transcript(project).lines]
        database = _database(postgres_url)
        with psycopg.connect(
            host=str(postgres_server.socket_dir), dbname=database, user="postgres", autocommit=True
        ) as listener:
            listener.execute("LISTEN proofreel_changes")
            ReviewStore(lib).set_status(lines, "flagged")  # three rows, one transaction
            ReviewStore(lib).add_note(lines[0], "and a note", "")
            heard = [n.payload for n in listener.notifies(timeout=2.0, stop_after=2)]
    assert heard == [str(project), str(project)]


def _scenario(lib: Library) -> list[tuple[str, str, str | None, bool]]:
    """The same work on any library; what its log says, without ids, names and times."""
    lines = [Line(i * 100, i * 100 + 90, f"line {i}") for i in range(1500)]
    project = lib.create_project(Transcript(lines=lines), media_path=None, transcript_path="/s")
    small = lib.create_project(sample_transcript(), media_path=None, transcript_path="/s2")
    first = lib.load_transcript(project).lines[0].id or 0
    review, edit = ReviewStore(lib), EditStore(lib)
    review.set_status([first], "approved")
    note = review.add_note(first, "n", "x")
    review.update_note(note.id or 0, "n2")
    mark = review.add_highlight(first, 0, 4, "name", "")
    review.set_line_text(first, "the line 0")
    edit.set_times(first, 10, 80)
    edit.set_speaker([first], "ANNA")
    review.delete_highlight(mark.id or 0)
    edit.replace_lines(project, [first], 0, [Line(0, 40, "the"), Line(40, 90, "line 0")])
    lib.delete_project(small)
    log = ChangeLog(lib)
    return [
        (c.table_name, c.op, c.detail, c.row_id is None)
        for p in (project, small)
        for c in log.changes_since(p, 0)
    ]


def test_sqlite_and_postgresql_log_the_same_rows(db_path: Path, postgres_url: str) -> None:
    with Library.open(str(db_path), actor="ana") as lite, Library.open(postgres_url) as pg:
        on_sqlite, on_server = _scenario(lite), _scenario(pg)
    assert on_sqlite == on_server
    assert ("lines", "insert", "1500 lines", True) in on_sqlite
    assert ("lines", "delete", "3 lines", True) in on_sqlite  # the small project's delete
    assert ("highlights", "update", "moved", False) in on_sqlite  # it moved with its word
    # The split: its line out, two in; the 1499 rows it moved down are not logged.
    split = on_sqlite.index(("lines", "delete", None, False))
    assert on_sqlite[split + 1 : split + 3] == [("lines", "insert", None, False)] * 2
    assert len(on_sqlite) < 30
