"""Team library, part 1: one shared library on a real PostgreSQL server (and the same promises on
SQLite): big media, concurrent structural edits, a server that goes away, schema versions,
whole-library copies, and SQLite refused for writing on a network share."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import select

from app.core.transcript import Line
from app.store import EditStore
from app.store.copying import copy_library
from app.store.errors import (
    LibraryConnectionError,
    NetworkFileSystemError,
    NewerDatabaseError,
    ReadOnlyLibraryError,
    SchemaMismatchError,
    StoreError,
)
from app.store.library import Library
from app.store.media import MediaIdentity
from app.store.migrations import HEAD
from app.store.models import lines as lines_table
from app.store.postgres import lock_key
from app.store.review import ReviewStore
from tests.helpers.postgres import PASSWORD, PASSWORD_ROLE, PostgresServer
from tests.store.conftest import sample_transcript

ROOT = Path(__file__).resolve().parents[2]


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args], capture_output=True, text=True, check=False, cwd=ROOT
    )


def test_a_3_gb_video_keeps_its_size(library: Library, library_url: str) -> None:
    project = library.create_project(
        sample_transcript(), media_path="/v/big.mp4", transcript_path="/b"
    )
    big = MediaIdentity(3 * 1024**3 + 7, "cd" * 32)  # past int4's 2 147 483 647
    library.record_media_identity(project, big)
    with Library.open(library_url) as other:
        assert other.media_identity(project) == big


def test_a_video_can_belong_to_two_projects_with_different_transcripts(library: Library) -> None:
    """The one-sided unique indexes are partial on PostgreSQL too (they were plain there)."""
    first = library.create_project(sample_transcript(), media_path="/v/a.mp4", transcript_path="/1")
    second = library.create_project(
        sample_transcript(), media_path="/v/a.mp4", transcript_path="/2"
    )
    assert first != second
    assert library.find_project("/v/a.mp4", "/2") == second


def _positions(library: Library, project: int) -> list[int]:
    with library.engine.connect() as conn:
        query = select(lines_table.c.position).where(lines_table.c.project_id == project)
        return sorted(conn.scalars(query))


def test_two_editors_change_structure_at_once_and_keep_every_line(library_url: str) -> None:
    """Two reviewers (two Library objects) insert and delete lines in one project at once:
    positions stay 0..n-1, each on one line, and every insert and delete is there."""
    with Library.open(library_url) as setup:
        project = setup.create_project(sample_transcript(), media_path=None, transcript_path="/t")
    rounds = 25
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def editor(who: str) -> None:
        try:
            with Library.open(library_url) as lib:
                edit = EditStore(lib)
                start.wait()
                for i in range(rounds):
                    # insert two lines at the top, then delete the second of them again
                    _removed, added = edit.replace_lines(
                        project,
                        [],
                        0,
                        [Line(0, 10, f"{who} {i}"), Line(0, 10, f"{who} {i} gone")],
                    )
                    gone = added[1].id
                    assert gone is not None
                    while True:  # the other may move it between our read and our write
                        try:
                            edit.replace_lines(project, [gone], edit.position_of(gone), [])
                            break
                        except ValueError as err:  # refused whole, nothing written: read again
                            assert "next to each other" in str(err)
        except BaseException as err:  # reported below, with the thread's failure
            errors.append(err)

    threads = [threading.Thread(target=editor, args=(who,)) for who in ("ana", "ben")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with Library.open(library_url) as lib:
        texts = [line.text for line in lib.load_transcript(project).lines]
        assert _positions(lib, project) == list(range(3 + 2 * rounds))
    assert sorted(t for t in texts if t.startswith(("ana", "ben"))) == sorted(
        f"{who} {i}" for who in ("ana", "ben") for i in range(rounds)
    )
    assert texts[-3:] == [line.text for line in sample_transcript().lines]


# -- PostgreSQL only ----------------------------------------------------------------------------


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
            server._run("pg_ctl", "stop", "-D", str(server.data), "-m", "fast", "-w")
            with pytest.raises(LibraryConnectionError, match="cannot be reached"):
                review.set_status([line], "flagged")
            with pytest.raises(LibraryConnectionError, match="reconnects by itself"):
                review.set_status([line], "flagged")
            server._run(
                "pg_ctl",
                "start",
                "-w",
                "-D",
                str(server.data),
                "-l",
                str(server.root / "server.log"),
                "-o",
                f"-c listen_addresses='' -c unix_socket_directories={server.socket_dir}",
            )
            assert review.set_status([line], "flagged") == {line: "approved"}
            assert lib.load_transcript(project).lines[1].status == "flagged"
    finally:
        server.stop()


def test_copy_sqlite_to_postgresql_and_back_is_identical(
    sqlite_library: Library, db_path: Path, postgres_server: PostgresServer, tmp_path: Path
) -> None:
    first = sqlite_library.create_project(
        sample_transcript(), media_path="/v/a.mp4", transcript_path="/a"
    )
    second = sqlite_library.create_project(
        sample_transcript(), media_path=None, transcript_path="/b"
    )
    sqlite_library.delete_project(second)  # a gap in the ids, and a used-up id
    third = sqlite_library.create_project(
        sample_transcript(), media_path=None, transcript_path="/c"
    )
    review = ReviewStore(sqlite_library)
    review.set_setting("keys.approve", "Ctrl+1")
    sqlite_library.record_media_identity(first, MediaIdentity(3 * 1024**3, "ef" * 32))
    sqlite_library.close()

    server_url = postgres_server.fresh_database(empty=True)
    back = tmp_path / "back.sqlite3"
    try:
        there = copy_library(str(db_path), server_url)
        assert there.rows["projects"] == 2 and there.rows["lines"] == 6
        copy_library(server_url, str(back))
        with (
            Library.open(str(db_path)) as a,
            Library.open(server_url) as b,
            Library.open(str(back)) as c,
        ):
            for lib in (b, c):
                assert [p.id for p in lib.list_projects()] == [p.id for p in a.list_projects()]
                for project in (first, third):
                    assert lib.load_transcript(project) == a.load_transcript(project)
                    assert lib.get_project(project) == a.get_project(project)
                assert ReviewStore(lib).list_tags() == ReviewStore(a).list_tags()
                assert ReviewStore(lib).get_setting("keys.approve") == "Ctrl+1"
                # ids are not handed out again after the copy either: the deleted one stays used
                fresh = lib.create_project(
                    sample_transcript(), media_path=None, transcript_path="/d"
                )
                assert fresh > third
        # an export of the copy that came back is byte-identical to the original's
        for name, db in (("a", db_path), ("c", back)):
            done = _cli(
                "--db",
                str(db),
                "export",
                str(first),
                "--to",
                "json",
                "-o",
                str(tmp_path / f"{name}.json"),
            )
            assert done.returncode == 0, done.stderr
        assert (tmp_path / "a.json").read_bytes() == (tmp_path / "c.json").read_bytes()
    finally:
        postgres_server.drop(server_url)


def test_copy_refuses_a_target_with_projects_and_leaves_no_file(
    library: Library, library_url: str, tmp_path: Path
) -> None:
    library.create_project(sample_transcript(), media_path=None, transcript_path="/x")
    with pytest.raises(StoreError, match="another library than its source"):
        copy_library(library_url, library_url)
    other = tmp_path / "other.sqlite3"
    with Library.open(str(other)) as lib:
        lib.create_project(sample_transcript(), media_path=None, transcript_path="/y")
    with pytest.raises(StoreError, match="exists"):
        copy_library(library_url, str(other))
    with pytest.raises(StoreError, match=r"already has projects|exists"):
        copy_library(str(other), library_url)
    target = tmp_path / "out" / "copy.sqlite3"
    with pytest.raises(StoreError, match="folder does not exist"):
        copy_library(library_url, str(target))
    assert not target.parent.exists()


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


# -- SQLite on a network share ------------------------------------------------------------------


def test_sqlite_on_a_network_share_is_read_only_and_points_to_postgresql(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Library.open(str(db_path)) as lib:
        project = lib.create_project(sample_transcript(), media_path=None, transcript_path="/n")
    mounts = tmp_path / "mounts"
    mounts.write_text(
        f"/dev/sda1 / ext4 rw 0 0\nfileserver:/export {tmp_path} nfs4 rw,relatime 0 0\n",
        encoding="utf-8",
    )
    monkeypatch.setattr("app.store.mounts.MOUNTS", mounts)
    before = db_path.read_bytes()
    with Library.open(str(db_path)) as lib:
        assert lib.read_only
        assert len(lib.load_transcript(project).lines) == 3  # reading works
        with pytest.raises(NetworkFileSystemError, match="network share") as refused:
            lib.rename_project(project, "changed")
        assert "PostgreSQL" in str(refused.value)
    assert db_path.read_bytes() == before


def test_a_local_disk_and_a_space_in_a_mount_point_are_told_apart(tmp_path: Path) -> None:
    from app.store.mounts import network_share

    share = tmp_path / "team share"
    share.mkdir()
    mounts = tmp_path / "mounts"
    escaped = str(share).replace(" ", "\\040")
    mounts.write_text(
        f"/dev/sda1 / ext4 rw 0 0\n//nas/team {escaped} cifs rw 0 0\nana@host:/x /mnt/x fuse.sshfs rw 0 0\n",
        encoding="utf-8",
    )
    assert network_share(share / "library.sqlite3", mounts) == "cifs"
    assert network_share(tmp_path / "library.sqlite3", mounts) is None
    assert network_share(Path("/mnt/x/library.sqlite3"), mounts) == "fuse.sshfs"


# -- media by identity, with a per-machine path map ---------------------------------------------


def test_two_machines_with_the_video_at_different_paths_open_the_same_project(
    postgres_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.store.importing import open_pair

    video = bytes(range(256)) * 9000  # the same file on both machines
    transcript = "1\n00:00:01,000 --> 00:00:02,000\nHello there.\n"
    machines = {}
    for name in ("ana", "ben"):
        home = tmp_path / name
        (home / "videos").mkdir(parents=True)
        (home / "videos" / "news.mp4").write_bytes(video)
        (home / "news.srt").write_text(transcript, encoding="utf-8")
        machines[name] = home

    def on(name: str) -> None:  # each machine has its own user data folder (its path map)
        monkeypatch.setenv("XDG_DATA_HOME", str(machines[name] / "data"))

    on("ana")
    with Library.open(postgres_url) as lib:
        first = open_pair(
            lib, machines["ana"] / "news.srt", machines["ana"] / "videos" / "news.mp4"
        )
        assert first.created
    on("ben")
    with Library.open(postgres_url) as lib:
        again = open_pair(
            lib, machines["ben"] / "news.srt", machines["ben"] / "videos" / "news.mp4"
        )
        assert not again.created and again.project_id == first.project_id
        assert again.transcript.media is not None
        assert again.transcript.media.path == str(machines["ben"] / "videos" / "news.mp4")
        # Ben moves his copy and relinks: his machine follows, Ana's path is untouched.
        moved = machines["ben"] / "archive.mp4"
        (machines["ben"] / "videos" / "news.mp4").rename(moved)
        lib.relink_media(first.project_id, moved)
        assert lib.get_project(first.project_id).media_path == str(moved)
    on("ana")
    with Library.open(postgres_url) as lib:
        assert lib.get_project(first.project_id).media_path == str(
            machines["ana"] / "videos" / "news.mp4"
        )
        assert [p.id for p in lib.list_projects()] == [first.project_id]  # one project, shared


def test_the_library_verbs_work_the_same_on_both_back_ends(
    library_url: str, tmp_path: Path
) -> None:
    news = ROOT / "tests" / "data" / "news-page.txt"
    imported = _cli("--db", library_url, "import", str(news), "--title", "Talks")
    assert imported.returncode == 0, imported.stderr
    project = imported.stdout.strip()
    listed = _cli("list", "--db", library_url)
    assert listed.returncode == 0 and f"{project}\tTalks\t-\t61" in listed.stdout
    out = tmp_path / "talks.srt"
    exported = _cli("--db", library_url, "export", project, "--to", "srt", "-o", str(out))
    assert exported.returncode == 0, exported.stderr
    assert out.read_text(encoding="utf-8").startswith(
        "1\n00:00:00,000 --> 00:00:26,000\nAfter months"
    )
    checked = _cli("--db", library_url, "check-db")
    assert checked.returncode == 0 and checked.stdout.strip() == "ok"
    missing = _cli("--db", library_url, "export", "4242", "-o", str(tmp_path / "x.json"))
    assert missing.returncode == 1 and "Traceback" not in missing.stderr
    assert len(missing.stderr.strip().splitlines()) == 1


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
