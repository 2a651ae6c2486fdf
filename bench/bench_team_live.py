"""Live refresh under load, on a local PostgreSQL server this script starts (fsync on, socket):

8 reviewer processes (each its own Library) write statuses, notes and text corrections on one
2,000-line project for 60 s (``--seconds``); a real MainWindow (offscreen unless a display is
set) follows the project through its LISTEN connection. Figures:

- write-to-repaint latency p50/p99: from a change-log entry's time to the listening window's
  repaint after it applied the entry (target p99 < 500 ms on loopback);
- lost writes: notes a reviewer wrote that the library lacks, texts that are not the last one
  written (by line version), and lines the window shows otherwise than the library (target 0);
- conflicts: text corrections (on 40 busy lines) refused as stale (the reviewer then takes
  theirs and writes again, as "keep mine" does), and overwritten writes (a correction replaced
  without being seen: 0).

The change-log triggers (revision 0011) log and notify every write; on a library without them
each reviewer logs its own writes with pg_notify, as they do. Run:
python bench/bench_team_live.py [--seconds N]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, insert, select, text

from app.store.editing import EditStore
from app.store.library import Library
from app.store.models import change_log
from app.store.review import ReviewStore
from app.store.types import utc_now
from app.store.versions import ConflictError
from bench.bench_store import synthetic
from tests.helpers.postgres import PostgresServer

REVIEWERS = 8
PROJECT_LINES = 2_000
HOT_LINES = 40  # corrections go to these lines, so reviewers do meet each other's edits
DRAIN_S = 3.0  # after the writers stop: time for the last notices to be applied


def _log(lib: Library, project: int, table: str, row_id: int, op: str) -> None:
    """What the change-log triggers do, for a library that has none yet."""
    with lib.engine.begin() as conn:
        values = {"project_id": project, "table_name": table, "row_id": row_id, "op": op}
        conn.execute(insert(change_log).values(**values, actor=lib.actor, at=utc_now()))
        conn.execute(text("SELECT pg_notify('proofreel_changes', :p)"), {"p": str(project)})


def reviewer(
    url: str, project: int, who: int, seconds: float, log: bool, out: str, start: Any
) -> None:
    """A status (50%), a note (30%) or a text correction (20%) on a random line, paced like a
    fast reviewer (a few actions a second); all start together once all are loaded."""
    rng = random.Random(who)
    notes: list[str] = []
    texts: list[tuple[int, int, str]] = []  # line, version written, text
    conflicts = 0
    with Library.open(url) as lib:
        review, edit = ReviewStore(lib), EditStore(lib)
        ids = [line.id or 0 for line in lib.load_transcript(project, annotations=False).lines]
        start.wait()
        end = time.monotonic() + seconds
        n = 0
        while time.monotonic() < end:
            line = rng.choice(ids)
            roll = rng.random()
            if roll < 0.5:
                review.set_status([line], rng.choice(("approved", "flagged", "unreviewed")))
                if log:
                    _log(lib, project, "lines", line, "update")
            elif roll < 0.8:
                body = f"r{who} note {n}"
                note = review.add_note(line, body, f"r{who}")
                notes.append(body)
                if log:
                    _log(lib, project, "notes", note.id or 0, "insert")
            else:
                line = rng.choice(ids[:HOT_LINES])
                words = f"r{who} corrected this line, take {n}."
                for _attempt in range(5):
                    try:
                        edit.set_text(line, words)
                    except ConflictError as err:
                        conflicts += 1
                        for conflict in err.conflicts:  # keep mine: theirs seen, write again
                            lib.versions.accept(conflict.theirs)
                        continue
                    texts.append((line, lib.versions.get(line) or 0, words))
                    break
                if log:
                    _log(lib, project, "lines", line, "update")
            n += 1
            time.sleep(rng.uniform(0.05, 0.25))
    result = {"notes": notes, "texts": texts, "conflicts": conflicts, "actions": n}
    Path(out).write_text(json.dumps(result), encoding="utf-8")


def _has_triggers(url: str, project: int) -> bool:
    with Library.open(url) as lib:
        line = lib.load_transcript(project, annotations=False).lines[0].id or 0
        ReviewStore(lib).set_status([line], "unreviewed")
        with lib.engine.connect() as conn:
            query = select(func.count()).select_from(change_log)
            return bool(conn.execute(query.where(change_log.c.project_id == project)).scalar())


def _listen(url: str, project: int, seconds: float, start_writers: Any) -> dict[str, Any]:
    """The listening window: the latencies of what it applied, and what it shows at the end."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from app.player.fake import FakePlayer
    from app.ui.window.main_window import MainWindow

    _app = QApplication.instance() or QApplication([])  # kept alive for the run
    lib = Library.open(url)
    window = MainWindow(lib, FakePlayer(duration=PROJECT_LINES * 1000))
    window.resize(1200, 800)
    window.show()
    window.open_project_id(project)
    latencies: list[float] = []
    applied = [0]

    def on_applied(entries: int, _changed: int) -> None:
        window.view.viewport().repaint()  # the repaint the latency runs to
        now = time.time()
        refresh = window.live.last_refresh
        applied[0] += entries
        for stamp in refresh.times if refresh is not None else ():
            latencies.append(now - datetime.fromisoformat(stamp).timestamp())

    window.live.applied.connect(on_applied)
    procs = start_writers()
    loop = QEventLoop()  # not app.exec: QApplication.quit would close the window
    watch = QTimer()
    watch.setInterval(100)

    def writers_done() -> None:
        if not any(proc.is_alive() for proc in procs):
            watch.stop()
            QTimer.singleShot(int(DRAIN_S * 1000), loop.quit)

    watch.timeout.connect(writers_done)
    watch.start()
    loop.exec()
    for proc in procs:
        proc.join()
    shown = {
        line.id: (line.status, line.text, sorted(n.body for n in line.notes))
        for line in window.model.lines()
    }
    window.shutdown()
    lib.close()
    return {"latencies": latencies, "shown": shown, "applied": applied[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    server = PostgresServer(fast=False)
    try:
        server.make_template()
        url = server.fresh_database()
        with Library.open(url) as lib:
            project = lib.create_project(
                synthetic(PROJECT_LINES), media_path=None, transcript_path="/bench/live.srt"
            )
        log = not _has_triggers(url, project)
        with tempfile.TemporaryDirectory() as folder:
            outs = [str(Path(folder) / f"r{i}.json") for i in range(REVIEWERS)]
            context = multiprocessing.get_context("spawn")

            start = context.Barrier(REVIEWERS)

            def start_writers() -> list[Any]:
                procs = [
                    context.Process(
                        target=reviewer, args=(url, project, i, args.seconds, log, outs[i], start)
                    )
                    for i in range(REVIEWERS)
                ]
                for proc in procs:
                    proc.start()
                return procs

            seen = _listen(url, project, args.seconds, start_writers)
            results = [json.loads(Path(out).read_text(encoding="utf-8")) for out in outs]
        report(url, project, args.seconds, log, seen, results)
    finally:
        server.stop()


def report(
    url: str,
    project: int,
    seconds: float,
    log: bool,
    seen: dict[str, Any],
    results: list[dict[str, Any]],
) -> None:
    with Library.open(url) as lib:
        stored = lib.load_transcript(project)
        with lib.engine.connect() as conn:
            rows = conn.execute(text("SELECT id, version FROM lines")).all()
    versions = dict((int(r[0]), int(r[1])) for r in rows)
    stored_notes = {n.body for line in stored.lines for n in line.notes}
    lost_notes = sum(1 for r in results for body in r["notes"] if body not in stored_notes)
    last: dict[int, tuple[int, str]] = {}
    for r in results:
        for line, version, words in r["texts"]:
            if line not in last or version > last[line][0]:
                last[line] = (version, words)
    by_id = {line.id: line for line in stored.lines}
    overwritten = sum(
        1
        for line, (version, words) in last.items()
        if by_id[line].text != words or versions[line] != version
    )
    shown = seen["shown"]
    window_off = sum(
        1
        for line in stored.lines
        if shown.get(line.id) != (line.status, line.text, sorted(n.body for n in line.notes))
    )
    latencies = sorted(seen["latencies"])
    actions = sum(r["actions"] for r in results)
    conflicts = sum(r["conflicts"] for r in results)
    p50 = statistics.median(latencies) * 1000 if latencies else float("nan")
    p99 = latencies[max(0, int(len(latencies) * 0.99) - 1)] * 1000 if latencies else float("nan")
    how = "logged by the reviewers (no triggers yet)" if log else "logged by the triggers"
    print(f"team_live_actions: {actions} in {seconds:.0f} s ({REVIEWERS} reviewers, {how})")
    print(f"team_live_entries_applied: {seen['applied']} (of {len(latencies)} timed)")
    print(f"team_live_latency_p50: {p50:.1f} ms")
    print(f"team_live_latency_p99: {p99:.1f} ms (target < 500 ms on loopback)")
    print(f"team_live_lost_writes: {lost_notes + overwritten} (target 0)")
    print(f"team_live_window_differs: {window_off} lines (target 0)")
    print(f"team_live_conflicts: {conflicts} stale corrections refused, then written again")


if __name__ == "__main__":
    main()
