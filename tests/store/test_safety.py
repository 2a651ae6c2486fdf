"""The library file under stress: read-only, full disk, damage, backups, foreign files. Each
failure is a message for the user, nothing is half-written, and what was saved stays saved."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event

from app.core.transcript import Line, Transcript
from app.store.errors import (
    CorruptLibraryError,
    DiskFullError,
    NotADatabaseError,
    ReadOnlyLibraryError,
    StoreError,
)
from app.store.library import Library
from app.store.review import ReviewStore
from tests.helpers.make_frozen_libraries import LIBRARIES
from tests.store.conftest import sample_transcript

ROOT = Path(__file__).resolve().parents[2]


def proofreel(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args], capture_output=True, text=True, cwd=ROOT, check=False
    )


def big_transcript(n: int, title: str = "Big") -> Transcript:
    return Transcript(
        lines=[Line(i * 1000, i * 1000 + 900, f"Line {i} " + "words " * 20) for i in range(n)],
        title=title,
    )


def _counts(db: Path) -> tuple[int, int, int]:
    with sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True) as conn:
        projects, lines, notes = (
            int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in ("projects", "lines", "notes")
        )
    return projects, lines, notes


@pytest.fixture
def filled(db_path: Path) -> Iterator[tuple[Path, int, int]]:
    """(library file, project id, first line id): a closed library with the sample project."""
    with Library.open(str(db_path)) as lib:
        project = lib.create_project(sample_transcript(), media_path=None, transcript_path="/a")
        line_id = lib.load_transcript(project).lines[0].id
    assert line_id is not None
    yield db_path, project, line_id


# -- read-only ---------------------------------------------------------------------------------


def test_read_only_library_can_be_browsed_and_refuses_writes_untouched(
    filled: tuple[Path, int, int],
) -> None:
    db, project, line_id = filled
    # chmod stops everyone but root (the test runner in CI containers), so the library is also
    # opened with SQLite's own read-only mode: the error below is SQLite's, not a mock's.
    db.chmod(0o444)
    db.parent.chmod(0o555)
    try:
        before = db.read_bytes()
        with Library.open(str(db), read_only=True) as lib:
            assert lib.read_only
            assert [p.id for p in lib.list_projects()] == [project]
            assert lib.load_transcript(project).lines[0].notes[0].body == "Typo fixed"
            store = ReviewStore(lib)
            with pytest.raises(ReadOnlyLibraryError) as caught:
                store.add_note(line_id, "cannot be kept", "me")
            assert str(caught.value).startswith("The library file cannot be written (read-only): ")
            assert str(db) in str(caught.value) and "not saved" in str(caught.value)
            with pytest.raises(ReadOnlyLibraryError):
                store.set_status([line_id], "flagged")
            with pytest.raises(ReadOnlyLibraryError):
                lib.create_project(sample_transcript(), media_path=None, transcript_path="/b")
            assert lib.check_integrity() == []
        assert db.read_bytes() == before
    finally:
        db.parent.chmod(0o755)
        db.chmod(0o644)
    assert _counts(db) == (1, 3, 1)


def test_a_file_that_cannot_be_written_opens_read_only(filled: tuple[Path, int, int]) -> None:
    """Not told, Proofreel notices: chmod for a user; for root, the immutable attribute."""
    db, project, line_id = filled
    if os.geteuid() == 0:
        made = subprocess.run(["chattr", "+i", str(db)], capture_output=True, check=False)
        if made.returncode != 0:
            pytest.skip(f"root, and chattr +i is not allowed here: {made.stderr!r}")
    else:
        db.chmod(0o444)
    try:
        with Library.open(str(db)) as lib:
            assert lib.read_only
            assert lib.load_transcript(project).lines[0].text == "Welcome back to the show."
            with pytest.raises(ReadOnlyLibraryError, match="read-only"):
                ReviewStore(lib).add_note(line_id, "cannot be kept", "me")
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(db)], check=True)
        db.chmod(0o644)
    assert _counts(db) == (1, 3, 1)


def test_read_only_library_that_needs_an_update_is_refused_clearly(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite3"
    shutil.copyfile(LIBRARIES / "library-0001.sqlite3", db)
    before = db.read_bytes()
    with pytest.raises(ReadOnlyLibraryError, match="must update it") as caught:
        Library.open(str(db), read_only=True)
    assert "was not changed" in str(caught.value)
    assert db.read_bytes() == before
    assert not (tmp_path / "backups").exists()


# -- full disk ---------------------------------------------------------------------------------


def test_full_disk_is_reported_and_nothing_is_half_written(filled: tuple[Path, int, int]) -> None:
    db, project, line_id = filled
    lib = Library.open(str(db))
    try:
        with lib.engine.connect() as conn:
            pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

        # SQLITE_FULL for real: the library may not grow by a single page on any connection.
        def cap(dbapi_connection: sqlite3.Connection, _record: object) -> None:
            dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

        lib.engine.dispose()
        event.listen(lib.engine, "connect", cap)
        store = ReviewStore(lib)
        message = "The disk is full: the change was not saved. Free some space and try again."
        with pytest.raises(DiskFullError) as caught:
            store.add_note(line_id, "long " * 50_000, "me")
        assert str(caught.value) == message
        with pytest.raises(DiskFullError, match=r"^The disk is full"):
            lib.create_project(big_transcript(2_000), media_path=None, transcript_path="/big")
        # The app keeps what it can: reading works, and so do changes that need no new page.
        assert [p.id for p in lib.list_projects()] == [project]
        store.set_status([line_id], "flagged")
    finally:
        lib.close()
    assert _counts(db) == (1, 3, 1)  # not one line of the big project, not the note
    with Library.open(str(db)) as again:
        lines = again.load_transcript(project).lines
        assert [ln.status for ln in lines] == ["flagged", "approved", "flagged"]
        assert [n.body for n in lines[0].notes] == ["Typo fixed"]
        assert again.check_integrity() == []


# -- damage ------------------------------------------------------------------------------------


def _damaged_copy(source: Path, target: Path) -> None:
    """A copy with a few pages in the middle overwritten, as a failing disk might."""
    data = bytearray(source.read_bytes())
    page = 4096
    middle = (len(data) // page) // 2
    for number in (middle - 1, middle, middle + 1):
        data[number * page : (number + 1) * page] = bytes(range(256)) * (page // 256)
    target.write_bytes(bytes(data))


@pytest.fixture
def big_library(tmp_path: Path) -> tuple[Path, int]:
    db = tmp_path / "big.sqlite3"
    with Library.open(str(db)) as lib:
        project = lib.create_project(big_transcript(3_000), media_path=None, transcript_path="/b")
    return db, project


def test_integrity_check_finds_damage(big_library: tuple[Path, int], tmp_path: Path) -> None:
    db, project = big_library
    with Library.open(str(db)) as lib:
        assert lib.check_integrity() == []
    damaged = tmp_path / "damaged.sqlite3"
    _damaged_copy(db, damaged)
    with Library.open(str(damaged)) as lib:
        problems = lib.check_integrity()
        assert problems and all(isinstance(p, str) and p for p in problems)
        with pytest.raises(CorruptLibraryError, match="is damaged"):
            lib.load_transcript(project)


def test_cli_check_db(big_library: tuple[Path, int], tmp_path: Path) -> None:
    db, _project = big_library
    fine = proofreel("--db", str(db), "check-db")
    assert (fine.returncode, fine.stdout, fine.stderr) == (0, "ok\n", "")

    damaged = tmp_path / "damaged.sqlite3"
    _damaged_copy(db, damaged)
    before = damaged.read_bytes()
    bad = proofreel("--db", str(damaged), "check-db")
    assert bad.returncode == 1 and bad.stdout == ""
    assert "Traceback" not in bad.stderr
    assert " found in " in bad.stderr.splitlines()[-1]
    assert damaged.read_bytes() == before  # checked as it is, never migrated or repaired

    missing = proofreel("--db", str(tmp_path / "typo.sqlite3"), "check-db")
    assert missing.returncode == 1 and "no library file at" in missing.stderr
    assert not (tmp_path / "typo.sqlite3").exists()


def test_foreign_and_damaged_files_are_refused_in_one_line(tmp_path: Path) -> None:
    text = tmp_path / "some.txt"
    text.write_text("just a transcript\n" * 50)
    result = proofreel("--db", str(text), "list")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "not a database file" in result.stderr
    assert text.read_text() == "just a transcript\n" * 50

    # An SQLite header, then garbage: the first page (the schema) is destroyed.
    broken = tmp_path / "broken.sqlite3"
    with Library.open(str(broken)) as lib:
        lib.create_project(sample_transcript(), media_path=None, transcript_path="/a")
    data = bytearray(broken.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    broken.write_bytes(bytes(data))
    result = proofreel("--db", str(broken), "list")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "could not be read" in result.stderr or "damaged" in result.stderr
    with pytest.raises((NotADatabaseError, CorruptLibraryError)):
        Library.open(str(broken))


# -- backups -----------------------------------------------------------------------------------


def test_backup_while_another_connection_writes(
    filled: tuple[Path, int, int], tmp_path: Path
) -> None:
    db, project, line_id = filled
    stop = threading.Event()
    written: list[int] = []
    failures: list[BaseException] = []

    def writer() -> None:
        try:
            with Library.open(str(db)) as other:
                store = ReviewStore(other)
                while not stop.is_set():
                    store.add_note(line_id, f"note {len(written)}", "writer")
                    written.append(1)
        except BaseException as err:  # reported below, in the test's thread
            failures.append(err)

    thread = threading.Thread(target=writer)
    with Library.open(str(db)) as lib:
        thread.start()
        try:
            copies = [lib.backup_to(tmp_path / f"copy{i}.sqlite3") for i in range(5)]
        finally:
            stop.set()
            thread.join()
        assert not failures
        final = lib.backup_to(tmp_path / "final.sqlite3")
    assert written, "the writer never wrote: the test proved nothing"
    for copy in copies:
        assert sorted(p.name for p in tmp_path.glob(f"{copy.name}*")) == [copy.name]  # no -wal
        with Library.open(str(copy)) as restored:
            assert restored.check_integrity() == []
            bodies = [n.body for n in restored.load_transcript(project).lines[0].notes]
            # A consistent snapshot: the first k notes, for some k, none torn or missing.
            assert bodies == ["Typo fixed"] + [f"note {i}" for i in range(len(bodies) - 1)]
    with Library.open(str(final)) as restored:
        notes = restored.load_transcript(project).lines[0].notes
        assert len(notes) == 1 + len(written)
    assert not list(tmp_path.glob(".*partial"))


def test_backup_refuses_to_overwrite_the_library(filled: tuple[Path, int, int]) -> None:
    db, _project, _line = filled
    with Library.open(str(db)) as lib, pytest.raises(StoreError, match="another file"):
        lib.backup_to(db)
    assert _counts(db) == (1, 3, 1)


def test_cli_backup_makes_a_library(filled: tuple[Path, int, int], tmp_path: Path) -> None:
    db, project, _line = filled
    target = tmp_path / "safe" / "copy.sqlite3"
    target.parent.mkdir()
    result = proofreel("--db", str(db), "backup", str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(target)
    with Library.open(str(target)) as copy:
        assert copy.load_transcript(project).lines[0].notes[0].body == "Typo fixed"
    nowhere = proofreel("--db", str(tmp_path / "none.sqlite3"), "backup", str(target))
    assert nowhere.returncode == 1 and "no library file at" in nowhere.stderr
    assert not (tmp_path / "none.sqlite3").exists()
