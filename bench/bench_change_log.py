"""Change-log figures (issue 15): what the triggers cost a 100k-line import, and what reading
the log costs on a 100k-line project.

- importing 100k lines into SQLite and into PostgreSQL (fsync on, a server this script starts),
  with the change-log triggers and without them (SQLite: a Library whose connections get none;
  PostgreSQL: the same database with the triggers dropped), best of 3;
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


def best_import(lib: Library, name: str) -> tuple[float, int]:
    times: list[float] = []
    project = 0
    for round_ in range(ROUNDS):
        transcript = synthetic(BIG)
        started = time.perf_counter()
        project = lib.create_project(
            transcript, media_path=None, transcript_path=f"/{name}{round_}"
        )
        times.append(time.perf_counter() - started)
    return min(times), project


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
    with tempfile.TemporaryDirectory() as folder:
        plain = change_log_sqlite.TRIGGERS
        change_log_sqlite.TRIGGERS = ()  # connections made now get no triggers: "before"
        with Library.open(str(Path(folder) / "before.sqlite3")) as lib:
            before, _ = best_import(lib, "before")
        change_log_sqlite.TRIGGERS = plain
        with Library.open(str(Path(folder) / "after.sqlite3"), actor="bench") as lib:
            after, project = best_import(lib, "after")
            reads(lib, project, "sqlite")
        print(f"import_100k_sqlite_without_log: {before:.2f} s")
        print(f"import_100k_sqlite_with_log: {after:.2f} s ({after / before:.2f}x)")
    server = PostgresServer(fast=False)
    try:
        server.make_template()
        url = server.fresh_database()
        with Library.open(url) as lib:
            after, project = best_import(lib, "after")
            reads(lib, project, "postgresql")
        database = url.split("@/", 1)[1].split("?", 1)[0]
        server.admin(*DROP, database=database)
        with Library.open(url) as lib:
            before, _ = best_import(lib, "before")
        print(f"import_100k_postgresql_without_log: {before:.2f} s")
        print(f"import_100k_postgresql_with_log: {after:.2f} s ({after / before:.2f}x)")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
