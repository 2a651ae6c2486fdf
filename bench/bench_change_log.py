"""Change-log figures (issue 15): what the triggers cost a 100k-line import, and what reading
the log costs on a 100k-line project.

- importing 100k lines into SQLite and into PostgreSQL (fsync on, a server this script starts),
  with the change-log triggers and without them (SQLite: a library whose connection gets none;
  PostgreSQL: a database with the line triggers dropped), best of 3, taking turns;
- a line's history, a project's trail of 20 entries and the changes since the import, read from
  the 100k-line project.

Prints ``NAME: VALUE UNIT`` lines. Run: python bench/bench_change_log.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.store import change_log_sqlite
from app.store.change_log import ChangeLog
from app.store.library import Library
from app.store.review import ReviewStore
from bench.bench_store import synthetic
from tests.helpers.postgres import PostgresServer

BIG = 100_000
ROUNDS = 3
DROP = (
    "DROP TRIGGER proofreel_log_lines_insert ON lines",
    "DROP TRIGGER proofreel_log_lines_delete ON lines",
)


def import_once(lib: Library, name: str) -> tuple[float, int]:
    transcript = synthetic(BIG)
    started = time.perf_counter()
    project = lib.create_project(transcript, media_path=None, transcript_path=f"/{name}")
    return time.perf_counter() - started, project


def alternating(
    before: Callable[[int], tuple[float, int]], after: Callable[[int], tuple[float, int]]
) -> tuple[float, float, int]:
    """Best of ROUNDS each, the two taking turns, so a busy machine slows both alike."""
    without: list[float] = []
    with_log: list[float] = []
    project = 0
    for round_ in range(ROUNDS):
        without.append(before(round_)[0])
        seconds, project = after(round_)
        with_log.append(seconds)
    return min(without), min(with_log), project


def timed(action: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best * 1000


def reads(lib: Library, project: int, where: str) -> None:
    line = lib.load_transcript(project, annotations=False).lines[BIG // 2].id or 0
    ReviewStore(lib).set_status([line], "approved")
    log = ChangeLog(lib)
    print(f"change_log_line_history_{where}: {timed(lambda: log.line_history(line)):.1f} ms")
    print(f"change_log_trail_20_{where}: {timed(lambda: log.history(project, limit=20)):.1f} ms")
    seq = log.last_seq(project) - 1
    print(f"change_log_since_{where}: {timed(lambda: log.changes_since(project, seq)):.1f} ms")


def main() -> None:
    def bare(lib: Library, round_: int) -> tuple[float, int]:
        # "Before": the line triggers dropped from its (pooled, reused) connection; the one the
        # check for triggers looks at stays, so they are not made again.
        with lib.engine.connect() as conn:
            for name in ("insert", "delete"):
                conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS temp.proofreel_log_lines_{name}")
            found = conn.exec_driver_sql("SELECT count(*) FROM sqlite_temp_master").scalar()
            assert found == len(change_log_sqlite.TRIGGERS) - 2, found  # a table, 10 triggers
        return import_once(lib, f"before{round_}")

    with tempfile.TemporaryDirectory() as folder:
        with (
            Library.open(str(Path(folder) / "before.sqlite3")) as old,
            Library.open(str(Path(folder) / "after.sqlite3"), actor="bench") as lib,
        ):
            before, after, project = alternating(
                lambda r: bare(old, r), lambda r: import_once(lib, f"after{r}")
            )
            reads(lib, project, "sqlite")
        print(f"import_100k_sqlite_without_log: {before:.2f} s")
        print(f"import_100k_sqlite_with_log: {after:.2f} s ({after / before:.2f}x)")
    server = PostgresServer(fast=False)
    try:
        server.make_template()
        url, bare_url = server.fresh_database(), server.fresh_database()
        server.admin(*DROP, database=bare_url.split("@/", 1)[1].split("?", 1)[0])
        with Library.open(url) as lib, Library.open(bare_url) as old:
            before, after, project = alternating(
                lambda r: import_once(old, f"before{r}"), lambda r: import_once(lib, f"after{r}")
            )
            reads(lib, project, "postgresql")
        print(f"import_100k_postgresql_without_log: {before:.2f} s")
        print(f"import_100k_postgresql_with_log: {after:.2f} s ({after / before:.2f}x)")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
