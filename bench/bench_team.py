"""Team library figures on a local PostgreSQL server this script starts (fsync on, Unix socket):

- 8 reviewer processes for 60 s on one project: marks, notes and text edits, each one
  transaction; writes per second, p50/p99 latency of one review action, and lost writes (every
  note and the last text each reviewer wrote must be in the library afterwards);
- import of a 100k-line transcript into PostgreSQL;
- opening a 100k-line project from PostgreSQL, next to the same from SQLite.

Prints ``NAME: VALUE UNIT (target ...)`` lines. Run: python bench/bench_team.py [SECONDS]
(needs PostgreSQL's initdb/pg_ctl and psycopg: make test's set-up installs both).
"""

from __future__ import annotations

import json
import multiprocessing
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.store.editing import EditStore
from app.store.library import Library
from app.store.review import ReviewStore
from bench.bench_store import synthetic
from tests.helpers.postgres import PostgresServer

REVIEWERS = 8
PROJECT_LINES = 2_000
BIG = 100_000
ROUNDS = 3


def reviewer(url: str, project: int, who: str, seconds: float, out: str) -> None:
    """One reviewer: a random line, then a mark (50%), a note (30%) or a text edit (20%)."""
    rng = random.Random(who)
    latencies: list[float] = []
    notes: list[str] = []
    last_text: dict[int, str] = {}
    with Library.open(url) as lib:
        review, edit = ReviewStore(lib), EditStore(lib)
        ids = [line.id for line in lib.load_transcript(project, annotations=False).lines]
        # Text edits go to this reviewer's own lines, so "last text written" is well defined.
        mine = [i for n, i in enumerate(ids) if n % REVIEWERS == int(who[1:])]
        end = time.perf_counter() + seconds
        n = 0
        while time.perf_counter() < end:
            line = rng.choice(ids)
            roll = rng.random()
            started = time.perf_counter()
            if roll < 0.5:
                review.set_status([line], rng.choice(("approved", "flagged", "unreviewed")))
            elif roll < 0.8:
                body = f"{who} note {n}"
                review.add_note(line, body, who)
                notes.append(body)
            else:
                target = rng.choice(mine)
                text = f"{who} corrected this line, take {n}."
                edit.set_text(target, text)
                last_text[target] = text
            latencies.append(time.perf_counter() - started)
            n += 1
    Path(out).write_text(
        json.dumps({"latencies": latencies, "notes": notes, "texts": last_text}), encoding="utf-8"
    )


def review_load(server: PostgresServer, seconds: float, folder: Path) -> None:
    url = server.fresh_database()
    with Library.open(url) as lib:
        project = lib.create_project(
            synthetic(PROJECT_LINES), media_path=None, transcript_path="/bench/team.srt"
        )
    context = multiprocessing.get_context("spawn")
    outs = [str(folder / f"r{i}.json") for i in range(REVIEWERS)]
    procs = [
        context.Process(target=reviewer, args=(url, project, f"r{i}", seconds, outs[i]))
        for i in range(REVIEWERS)
    ]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join()
    results = [json.loads(Path(out).read_text(encoding="utf-8")) for out in outs]
    latencies = sorted(t for r in results for t in r["latencies"])
    with Library.open(url) as lib:
        stored = lib.load_transcript(project)
    stored_notes = {n.body for line in stored.lines for n in line.notes}
    texts = {line.id: line.text for line in stored.lines}
    wanted_notes = {body for r in results for body in r["notes"]}
    lost_notes = len(wanted_notes - stored_notes)
    lost_texts = sum(
        1 for r in results for line, text in r["texts"].items() if texts[int(line)] != text
    )
    p50 = statistics.median(latencies) * 1000
    p99 = latencies[int(len(latencies) * 0.99) - 1] * 1000
    print(
        f"team_review_writes_per_s: {len(latencies) / seconds:.0f} writes/s ({REVIEWERS} reviewers)"
    )
    print(f"team_review_action_p50: {p50:.1f} ms")
    print(f"team_review_action_p99: {p99:.1f} ms (target < 50 ms on loopback)")
    print(f"team_review_lost_writes: {lost_notes + lost_texts} (target 0)")


def import_and_open(server: PostgresServer, folder: Path) -> None:
    pg_import: list[float] = []
    pg_open: list[float] = []
    sqlite_open: list[float] = []
    url = server.fresh_database()
    with Library.open(url) as pg, Library.open(str(folder / "bench.sqlite3")) as lite:
        for round_ in range(ROUNDS):
            transcript = synthetic(BIG)
            started = time.perf_counter()
            project = pg.create_project(
                transcript, media_path=None, transcript_path=f"/bench/big{round_}.srt"
            )
            pg_import.append(time.perf_counter() - started)
            other = lite.create_project(
                synthetic(BIG), media_path=None, transcript_path=f"/bench/big{round_}.srt"
            )
            started = time.perf_counter()
            assert len(pg.load_transcript(project).lines) == BIG
            pg_open.append(time.perf_counter() - started)
            started = time.perf_counter()
            assert len(lite.load_transcript(other).lines) == BIG
            sqlite_open.append(time.perf_counter() - started)
    print(f"team_import_100k_postgresql: {min(pg_import):.2f} s (target < 3 s)")
    print(f"team_open_100k_postgresql: {min(pg_open):.3f} s")
    print(f"team_open_100k_sqlite: {min(sqlite_open):.3f} s")
    print(f"team_open_100k_ratio: {min(pg_open) / min(sqlite_open):.2f}x SQLite (target <= 1.5x)")


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 60.0
    server = PostgresServer(fast=False)  # fsync on: the figures of a real server
    try:
        server.make_template()
        with tempfile.TemporaryDirectory() as folder:
            import_and_open(server, Path(folder))
            review_load(server, seconds, Path(folder))
    finally:
        server.stop()


if __name__ == "__main__":
    main()
