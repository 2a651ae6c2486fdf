"""Two Proofreels on one library: both work, neither loses the other's writes, the file stays
sound; and a lock held too long is a message, not a hang or a half-written change."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.store import engine as store_engine
from app.store.errors import LibraryBusyError
from app.store.library import Library
from app.store.review import ReviewStore
from tests.store.conftest import sample_transcript

ROOT = Path(__file__).resolve().parents[2]
NOTES_EACH = 300
WHO = ("left", "right", "ana", "ben", "chloe", "dev", "eli", "fay")

# Each writer reads then writes in every transaction (add_note checks the line exists first):
# the pattern that fails with SQLITE_BUSY_SNAPSHOT under deferred transactions.
WRITER = """
import sys
from app.store.library import Library
from app.store.review import ReviewStore

db, who, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
line_ids = [int(i) for i in sys.argv[4].split(",")]
library = Library.open(db)
store = ReviewStore(library)
print("ready", flush=True)
sys.stdin.readline()  # start together
for i in range(count):
    line_id = line_ids[i % len(line_ids)]
    store.add_note(line_id, f"{who} {i}", who)
    if i % 50 == 0:
        store.set_status([line_id], "flagged" if i % 100 else "approved")
library.close()
print("done", flush=True)
"""


def _notes(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return [tuple(row) for row in conn.execute("SELECT author, body FROM notes")]


@pytest.mark.slow
@pytest.mark.parametrize(
    "writers_count",
    [2, pytest.param(8, marks=pytest.mark.long, id="eight-reviewers")],
)
def test_processes_add_notes_at_once_and_all_are_kept(tmp_path: Path, writers_count: int) -> None:
    db = tmp_path / "library.sqlite3"
    with Library.open(str(db)) as lib:
        project = lib.create_project(sample_transcript(), media_path=None, transcript_path="/a")
        line_ids = [ln.id for ln in lib.load_transcript(project).lines]
    before = len(_notes(db))
    ids = ",".join(str(i) for i in line_ids)
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(db), who, str(NOTES_EACH), ids],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for who in WHO[:writers_count]
    ]
    try:
        for proc in writers:
            assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        for proc in writers:
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()
        results = [proc.communicate(timeout=120) for proc in writers]
    finally:
        for proc in writers:
            if proc.poll() is None:
                proc.kill()
    for proc, (out, err) in zip(writers, results, strict=True):
        assert proc.returncode == 0, err
        assert out.strip() == "done" and "Traceback" not in err

    notes = _notes(db)
    assert len(notes) == before + writers_count * NOTES_EACH
    for who in WHO[:writers_count]:
        mine = {body for author, body in notes if author == who}
        assert mine == {f"{who} {i}" for i in range(NOTES_EACH)}
    with Library.open(str(db)) as lib:
        assert lib.check_integrity() == []
        stored = [n for ln in lib.load_transcript(project).lines for n in ln.notes]
        assert len(stored) == before + writers_count * NOTES_EACH


def test_a_lock_held_too_long_is_a_clear_error_and_nothing_is_written(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_engine, "BUSY_TIMEOUT_MS", 200)  # not 5 s in a test
    with Library.open(str(db_path)) as lib:
        project = lib.create_project(sample_transcript(), media_path=None, transcript_path="/a")
        line_id = lib.load_transcript(project).lines[1].id
        assert line_id is not None
        other = sqlite3.connect(db_path, isolation_level=None)  # another program, writing
        try:
            other.execute("BEGIN IMMEDIATE")
            with pytest.raises(LibraryBusyError, match="is in use") as caught:
                ReviewStore(lib).add_note(line_id, "waits in vain", "me")
            assert "not saved" in str(caught.value)
            other.execute("ROLLBACK")
        finally:
            other.close()
        # Once the other program lets go, the same write goes through.
        ReviewStore(lib).add_note(line_id, "now it works", "me")
    assert [body for _a, body in _notes(db_path)] == ["Typo fixed", "now it works"]


def test_a_read_then_write_transaction_survives_another_connections_commit(
    library: Library, library_url: str
) -> None:
    """What BEGIN IMMEDIATE is for: a connection that read before another committed can still
    write (deferred, it would fail at once with SQLITE_BUSY_SNAPSHOT)."""
    project = library.create_project(sample_transcript(), media_path=None, transcript_path="/a")
    line_id = library.load_transcript(project).lines[0].id
    assert line_id is not None
    store = ReviewStore(library)
    store.add_note(line_id, "warm the pool", "me")  # a pooled connection with an old snapshot
    second = Library.open(library_url)
    try:
        ReviewStore(second).add_note(line_id, "from the other window", "them")
    finally:
        second.close()
    store.set_status([line_id], "flagged")
    assert library.load_transcript(project).lines[0].status == "flagged"
