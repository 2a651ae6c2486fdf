"""Library faults a user meets, each with the real file and a real second process: a writer that
holds the lock, a backup in rollback-journal mode, a damaged page, another program's SQLite
file, an EXCLUSIVE lock, a file-size limit, a read-only library browsed as a non-root user."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.store import engine as store_engine
from app.store.errors import CorruptLibraryError, LibraryBusyError
from app.store.library import Library
from app.store.review import ReviewStore
from tests.store.conftest import sample_transcript
from tests.store.test_safety import _damaged_copy, big_transcript

ROOT = Path(__file__).resolve().parents[2]


def proofreel(*args: str, user: str | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "app", *args]
    if user is not None:
        uid = {"nobody": "65534"}[user]
        command = ["setpriv", "--reuid", uid, "--regid", uid, "--clear-groups", *command]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)


@pytest.fixture
def filled(db_path: Path) -> tuple[Path, int, int]:
    with Library.open(str(db_path)) as lib:
        project = lib.create_project(sample_transcript(), media_path=None, transcript_path="/a")
        line_id = lib.load_transcript(project).lines[0].id
    assert line_id is not None
    return db_path, project, line_id


HOLDER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
if sys.argv[2] == "exclusive":
    conn.execute("PRAGMA locking_mode=EXCLUSIVE")
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE projects SET title = 'being changed'")
if sys.argv[2] == "exclusive":
    conn.execute("COMMIT")  # in EXCLUSIVE mode the lock stays after the commit
print("holding", flush=True)
time.sleep(float(sys.argv[3]))
"""


@pytest.fixture
def holder(request: pytest.FixtureRequest) -> Iterator[object]:
    procs: list[subprocess.Popen[str]] = []

    def start(db: Path, mode: str = "write", seconds: float = 8.0) -> None:
        proc = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(db), mode, str(seconds)],
            stdout=subprocess.PIPE,
            text=True,
        )
        procs.append(proc)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "holding"

    yield start
    for proc in procs:
        proc.kill()
        proc.wait()
        assert proc.stdout is not None
        proc.stdout.close()


# -- 4: reads never wait on a writer -------------------------------------------------------------


def test_reads_return_at_once_while_another_process_holds_the_write_lock(
    filled: tuple[Path, int, int], holder: object, tmp_path: Path
) -> None:
    db, project, _line = filled
    holder(db, "write", 8.0)  # type: ignore[operator]
    started = time.monotonic()
    with Library.open(str(db)) as lib:
        assert [p.title for p in lib.list_projects()] == ["Episode 12"]  # the last commit
        assert len(lib.load_transcript(project).lines) == 3
    assert time.monotonic() - started < 4.0  # was: waited the 5 s busy timeout, then "is in use"

    # The holder keeps the lock for 8 s: a verb that waited on it would fail "in use".
    listed = proofreel("--db", str(db), "list")
    out = tmp_path / "out.srt"
    exported = proofreel("--db", str(db), "export", str(project), "-o", str(out))
    assert (listed.returncode, exported.returncode) == (0, 0), listed.stderr + exported.stderr
    assert "Episode 12" in listed.stdout and "Welcome back" in out.read_text()


def test_a_write_that_must_wait_says_so_then_fails_clearly(
    filled: tuple[Path, int, int], holder: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, _project, line_id = filled
    monkeypatch.setattr(store_engine, "BUSY_TIMEOUT_MS", 400)
    heard: list[bool] = []
    holder(db, "write", 8.0)  # type: ignore[operator]
    with Library.open(str(db)) as lib:
        store_engine.on_write_wait(lib.engine, heard.append)
        with pytest.raises(LibraryBusyError, match="is in use"):
            ReviewStore(lib).add_note(line_id, "waits in vain", "me")
        assert heard == [True, False]  # the UI was told before the wait, and after it
        assert [n.body for n in lib.load_transcript(_project).lines[0].notes] == ["Typo fixed"]


def test_a_write_with_the_lock_free_is_not_announced(filled: tuple[Path, int, int]) -> None:
    db, project, line_id = filled
    heard: list[bool] = []
    with Library.open(str(db)) as lib:
        store_engine.on_write_wait(lib.engine, heard.append)
        ReviewStore(lib).add_note(line_id, "at once", "me")
        assert [n.body for n in lib.load_transcript(project).lines[0].notes][-1] == "at once"
    assert heard == []


# -- 3 and 5: browsing never writes ----------------------------------------------------------------


def test_a_backup_in_rollback_journal_mode_is_listed_and_exported_without_a_byte_changed(
    filled: tuple[Path, int, int], tmp_path: Path
) -> None:
    db, project, _line = filled
    copy = tmp_path / "copy.sqlite3"
    assert proofreel("--db", str(db), "backup", str(copy)).returncode == 0
    before = copy.read_bytes()
    assert before[18:20] == b"\x01\x01"  # the rollback-journal header a WAL switch rewrites
    listed = proofreel("--db", str(copy), "list")
    out = tmp_path / "out.vtt"
    exported = proofreel("--db", str(copy), "export", str(project), "-o", str(out))
    assert (listed.returncode, exported.returncode) == (0, 0), listed.stderr + exported.stderr
    assert "Episode 12" in listed.stdout and "Welcome back" in out.read_text()
    assert copy.read_bytes() == before
    assert not (tmp_path / "copy.sqlite3-wal").exists()


@pytest.mark.skipif(shutil.which("setpriv") is None, reason="needs setpriv to drop root")
def test_a_read_only_library_is_browsed_by_a_user_who_cannot_write_it(
    filled: tuple[Path, int, int], tmp_path: Path
) -> None:
    """As root every permission check passes, hiding the bug; so list as `nobody`."""
    db, project, _line = filled
    top = Path(tempfile.mkdtemp(prefix="proofreel-ro-"))  # pytest's tmp is root-only
    top.chmod(0o755)
    folder = top / "shelf"
    folder.mkdir()
    copy = folder / "copy.sqlite3"
    assert proofreel("--db", str(db), "backup", str(copy)).returncode == 0
    copy.chmod(0o444)
    folder.chmod(0o555)
    out_dir = top / "out"
    out_dir.mkdir()
    out_dir.chmod(0o777)
    srt = out_dir / "new.srt"
    srt.write_text("1\n00:00:01,000 --> 00:00:02,000\nHello\n")
    srt.chmod(0o644)
    before = copy.read_bytes()
    try:
        listed = proofreel("--db", str(copy), "list", user="nobody")
        exported = proofreel(
            "--db", str(copy), "export", str(project), "-o", str(out_dir / "t.srt"), user="nobody"
        )
        imported = proofreel("--db", str(copy), "import", str(srt), user="nobody")
        after = copy.read_bytes()
        written = (out_dir / "t.srt").read_text() if (out_dir / "t.srt").exists() else ""
    finally:
        folder.chmod(0o755)
        shutil.rmtree(top)
    assert listed.returncode == 0, listed.stderr
    assert "Episode 12" in listed.stdout and "not saved" not in listed.stderr
    assert exported.returncode == 0, exported.stderr
    assert "Welcome back" in written
    assert imported.returncode == 1 and "Traceback" not in imported.stderr
    assert "read-only" in imported.stderr
    assert after == before


def test_a_damaged_library_is_read_but_never_written(tmp_path: Path) -> None:
    db = tmp_path / "big.sqlite3"
    with Library.open(str(db)) as lib:
        lib.create_project(big_transcript(3_000), media_path=None, transcript_path="/b")
    damaged = tmp_path / "damaged.sqlite3"
    _damaged_copy(db, damaged)
    before = damaged.read_bytes()
    transcript = tmp_path / "t.srt"
    transcript.write_text("1\n00:00:01,000 --> 00:00:02,000\nHello\n")

    imported = proofreel("--db", str(damaged), "import", str(transcript))
    assert imported.returncode == 1 and "Traceback" not in imported.stderr
    assert "damaged" in imported.stderr and "check-db" in imported.stderr
    assert "backups" in imported.stderr

    backed = proofreel("--db", str(damaged), "backup", str(tmp_path / "b.sqlite3"))
    assert backed.returncode == 1 and "damaged" in backed.stderr
    assert not (tmp_path / "b.sqlite3").exists()

    listed = proofreel("--db", str(damaged), "list")
    assert "Traceback" not in listed.stderr
    assert damaged.read_bytes() == before  # no project added, no header byte rewritten

    with Library.open(str(damaged)) as lib:
        assert lib.damage and lib.read_only
        with pytest.raises(CorruptLibraryError, match="check-db"):
            lib.rename_project(1, "new title")
    assert damaged.read_bytes() == before


def test_check_db_names_another_programs_sqlite_file(tmp_path: Path) -> None:
    other = tmp_path / "photos.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE albums (id INTEGER PRIMARY KEY, name TEXT)")
    result = proofreel("--db", str(other), "check-db")
    assert result.returncode == 1 and result.stdout == ""
    assert "made by another program" in result.stderr and "albums" in result.stderr


# -- 9: messages that name the real cause ------------------------------------------------------


def test_an_exclusive_lock_reads_as_in_use_not_as_no_database(
    filled: tuple[Path, int, int], holder: object
) -> None:
    db, _project, _line = filled
    holder(db, "exclusive", 20.0)  # type: ignore[operator]
    result = proofreel("--db", str(db), "list")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "in use" in result.stderr and "another program" in result.stderr
    assert "could not be read as an SQLite database" not in result.stderr


FSIZE = """
import resource, signal, sys
from app.store.errors import StoreError
from app.store.library import Library
from tests.store.test_safety import big_transcript
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write then fails with EFBIG
lib = Library.open(sys.argv[1])
size = __import__("os").path.getsize(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (size + 8192, resource.RLIM_INFINITY))
try:
    lib.create_project(big_transcript(5000), media_path=None, transcript_path="/big")
except StoreError as err:
    print(err)
"""


def test_a_file_size_limit_reads_as_such_not_as_disk_io_error(
    filled: tuple[Path, int, int],
) -> None:
    db, _project, _line = filled
    result = subprocess.run(
        [sys.executable, "-c", FSIZE, str(db)], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    assert "file size limit" in result.stdout and "not saved" in result.stdout
    assert "disk I/O error" not in result.stdout.split("(")[0]
    with Library.open(str(db)) as lib:
        assert [p.title for p in lib.list_projects()] == ["Episode 12"]  # nothing half-kept
