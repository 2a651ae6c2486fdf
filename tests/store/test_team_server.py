"""Team library, part 1, the server side: schema versions and `db upgrade`, logins, a server
that goes away and comes back, read-only logins, check-db and backup, psycopg missing."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import psycopg
import pytest

from app.core.transcript import Line
from app.store import EditStore
from app.store.errors import (
    LibraryConnectionError,
    NewerDatabaseError,
    ReadOnlyLibraryError,
    SchemaMismatchError,
)
from app.store.library import Library
from app.store.migrations import HEAD
from app.store.postgres import lock_key
from app.store.review import ReviewStore
from tests.helpers.postgres import PASSWORD, PASSWORD_ROLE, PostgresServer
from tests.store.conftest import sample_transcript

ROOT = Path(__file__).resolve().parents[2]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args], capture_output=True, text=True, check=False, cwd=ROOT
    )


def test_migrated_template_is_at_head(postgres_url: str) -> None:
    with Library.open(postgres_url) as lib:
        assert lib.shared and lib.list_projects() == []
        assert lib.check_integrity() == []


def test_a_client_refuses_an_older_or_newer_shared_library_naming_the_admin_command(
    postgres_server: PostgresServer, postgres_url: str
) -> None:
    database = postgres_url.split("@/", 1)[1].split("?", 1)[0]
    postgres_server.admin(
        "UPDATE alembic_version SET version_num = '0004_media_identity'", database=database
    )
    with pytest.raises(SchemaMismatchError, match="older schema") as older:
        Library.open(postgres_url)
    assert "db upgrade" in str(older.value) and "Nothing was changed" in str(older.value)
    postgres_server.admin(
        "UPDATE alembic_version SET version_num = '9999_future'", database=database
    )
    with pytest.raises(NewerDatabaseError, match="newer version of Proofreel"):
        Library.open(postgres_url)
    # Neither attempt changed the schema revision.
    with psycopg.connect(
        host=str(postgres_server.socket_dir), dbname=database, user="postgres"
    ) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [
            ("9999_future",)
        ]


def test_an_empty_database_is_set_up_by_db_upgrade_only(postgres_server: PostgresServer) -> None:
    url = postgres_server.fresh_database(empty=True)
    try:
        with pytest.raises(SchemaMismatchError, match="db upgrade"):
            Library.open(url)
        done = _cli("--db", url, "db", "upgrade")
        assert done.returncode == 0, done.stderr
        assert f"-> {HEAD}" in done.stdout
        again = _cli("db", "upgrade", "--db", url)
        assert again.returncode == 0 and "nothing to do" in again.stdout
        with Library.open(url) as lib:
            assert lib.list_projects() == []
    finally:
        postgres_server.drop(url)


def test_two_db_upgrades_at_once_both_succeed_and_migrate_once(
    postgres_server: PostgresServer,
) -> None:
    url = postgres_server.fresh_database(empty=True)
    try:
        command = [sys.executable, "-m", "app", "--db", url, "db", "upgrade"]
        runs = [
            subprocess.Popen(
                command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
            for _ in range(2)
        ]
        results = [run.communicate(timeout=120) for run in runs]
        assert [run.returncode for run in runs] == [0, 0], results
        outputs = sorted(out for out, _err in results)
        assert "nothing to do" in outputs[0] and f"(new) -> {HEAD}" in outputs[1]
        with Library.open(url) as lib:
            assert lib.check_integrity() == []
    finally:
        postgres_server.drop(url)


def test_wrong_password_database_and_host_are_one_clear_line(
    postgres_server: PostgresServer, postgres_url: str
) -> None:
    database = postgres_url.split("@/", 1)[1].split("?", 1)[0]
    wrong_password = postgres_server.url(database, user=PASSWORD_ROLE, password="not-" + PASSWORD)
    with pytest.raises(LibraryConnectionError, match="refused the login") as login:
        Library.open(wrong_password)
    assert "not-" + PASSWORD not in str(login.value)  # the password is never shown
    with pytest.raises(LibraryConnectionError, match="no such database"):
        Library.open(postgres_server.url("nobody_made_this"))
    nowhere = f"postgresql://postgres@/{database}?host={postgres_server.root}/no-such-dir"
    with pytest.raises(LibraryConnectionError, match="cannot be reached"):
        Library.open(nowhere)
    done = _cli("--db", wrong_password, "list")
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "refused the login" in done.stderr


def test_a_backend_killed_mid_write_says_unsaved_then_the_next_write_succeeds(
    postgres_server: PostgresServer, postgres_url: str
) -> None:
    """pg_terminate_backend on the connection of a write under way (it waits on another
    reviewer's project lock): the change is said not to be saved; the next one goes through."""
    database = postgres_url.split("@/", 1)[1].split("?", 1)[0]
    with Library.open(postgres_url) as lib:
        project = lib.create_project(sample_transcript(), media_path=None, transcript_path="/k")
        edit = EditStore(lib)
        caught: list[BaseException] = []

        def write() -> None:
            try:
                edit.replace_lines(project, [], 0, [Line(0, 5, "lost in transit")])
            except BaseException as err:
                caught.append(err)

        holder = psycopg.connect(
            host=str(postgres_server.socket_dir), dbname=database, user="postgres"
        )
        try:
            holder.execute("SELECT pg_advisory_xact_lock(%s, %s)", (lock_key("project"), project))
            writer = threading.Thread(target=write)
            writer.start()
            with psycopg.connect(
                host=str(postgres_server.socket_dir),
                dbname=database,
                user="postgres",
                autocommit=True,
            ) as admin:
                waiting: list[tuple[int]] = []
                for _ in range(500):  # until the write waits on the lock (not a time limit)
                    waiting = admin.execute(
                        "SELECT pid FROM pg_stat_activity WHERE datname = %s "
                        "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
                        (database,),
                    ).fetchall()
                    if waiting:
                        break
                    threading.Event().wait(0.02)
                assert waiting, "the write never reached the lock"
                admin.execute("SELECT pg_terminate_backend(%s)", (waiting[0][0],))
            writer.join()
        finally:
            holder.rollback()
            holder.close()
        assert len(caught) == 1 and isinstance(caught[0], LibraryConnectionError)
        message = str(caught[0])
        assert "cannot be reached" in message and "not saved" in message
        assert "lost in transit" not in [line.text for line in lib.load_transcript(project).lines]
        # The next action reconnects by itself.
        _removed, added = edit.replace_lines(project, [], 0, [Line(0, 5, "after the restart")])
        assert lib.load_transcript(project).lines[0].text == "after the restart"
        assert added[0].id is not None


def test_a_server_that_stops_and_comes_back(tmp_path: Path) -> None:
    """The whole server down: a review mark is refused with the message, nothing half-done;
    once it is back, the same Library writes again without being reopened."""
    server = PostgresServer()
    try:
        server.make_template()
        url = server.fresh_database()
        with Library.open(url) as lib:
            project = lib.create_project(sample_transcript(), media_path=None, transcript_path="/s")
            review = ReviewStore(lib)
            line = lib.load_transcript(project).lines[1].id
            assert line is not None
            server.go_away()
            with pytest.raises(LibraryConnectionError, match="cannot be reached"):
                review.set_status([line], "flagged")
            with pytest.raises(LibraryConnectionError, match="reconnects by itself"):
                review.set_status([line], "flagged")
            server.start()
            assert review.set_status([line], "flagged") == {line: "approved"}
            assert lib.load_transcript(project).lines[1].status == "flagged"
    finally:
        server.stop()


def test_check_db_and_backup_on_a_server(postgres_url: str, tmp_path: Path) -> None:
    with Library.open(postgres_url) as lib:
        project = lib.create_project(sample_transcript(), media_path=None, transcript_path="/p")
    checked = _cli("--db", postgres_url, "check-db")
    assert checked.returncode == 0 and checked.stdout.strip() == "ok", checked.stderr
    dump = tmp_path / "team.dump"
    done = _cli("--db", postgres_url, "backup", str(dump))
    assert done.returncode == 0, done.stderr
    listed = subprocess.run(
        ["pg_restore", "--list", str(dump)], capture_output=True, text=True, check=True
    )
    assert "TABLE DATA public lines" in listed.stdout  # a real pg_dump archive, restorable
    as_file = tmp_path / "team.sqlite3"
    done = _cli("--db", postgres_url, "backup", str(as_file))
    assert done.returncode == 0, done.stderr
    with Library.open(str(as_file)) as copy:
        assert len(copy.load_transcript(project).lines) == 3


def test_without_psycopg_a_postgresql_url_says_what_to_install(postgres_url: str) -> None:
    code = (
        "import sys; sys.modules['psycopg'] = None\n"
        "from app.__main__ import main\n"
        f"sys.exit(main(['--db', {postgres_url!r}, 'list']))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip().count("\n") == 0
    assert "pip install 'proofreel[team]'" in done.stderr


def test_a_login_that_may_only_read_browses_and_is_refused_writes_in_words(
    postgres_server: PostgresServer, postgres_url: str
) -> None:
    database = postgres_url.split("@/", 1)[1].split("?", 1)[0]
    with Library.open(postgres_url) as lib:
        project = lib.create_project(sample_transcript(), media_path=None, transcript_path="/r")
    postgres_server.admin(
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {PASSWORD_ROLE}", database=database
    )
    viewer = postgres_server.url(database, user=PASSWORD_ROLE, password=PASSWORD)
    with Library.open(viewer) as lib:
        assert lib.read_only
        lib.touch_opened(project)  # opening a project writes nothing for a viewer
        assert len(lib.load_transcript(project).lines) == 3
        with pytest.raises(ReadOnlyLibraryError, match="does not let this login change it"):
            lib.rename_project(project, "mine now")
    with Library.open(postgres_url) as lib:
        assert lib.get_project(project).title == "Episode 12"


def test_db_upgrade_brings_an_older_sqlite_library_to_head_after_a_backup(tmp_path: Path) -> None:
    import shutil
    import sqlite3

    db = tmp_path / "library.sqlite3"
    shutil.copyfile(ROOT / "tests" / "data" / "libraries" / "library-0003_tags.sqlite3", db)
    done = _cli("db", "upgrade", "--db", str(db))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().startswith(f"{db}: schema 0003_tags -> ")
    with sqlite3.connect(db) as conn:
        (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    conn.close()
    assert done.stdout.strip().endswith(revision)
    (copy,) = (tmp_path / "backups").iterdir()
    assert copy.name.endswith("-0003_tags.sqlite3")
    again = _cli("db", "upgrade", "--db", str(db))
    assert again.returncode == 0 and "nothing to do" in again.stdout
