"""Pulling the plug on Proofreel: every change the window showed is in the library afterwards.

A real window in a separate process (tests/helpers/crash_child.py) makes changes with the keys
a reviewer presses and reports each once it is on screen; then it is killed with SIGKILL while
idle: no shutdown code, no atexit, no checkpoint. A new Library on the same file must find every
reported change. (SIGKILL keeps the OS's cache; an OS crash or power cut is what
``synchronous=FULL`` in app/store/engine.py is for.)
"""

from __future__ import annotations

import os
import queue
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.core.formats.registry import write_path
from app.core.transcript import Line, Transcript
from app.store.library import Library

ROOT = Path(__file__).resolve().parent.parent


def _lines_of(proc: subprocess.Popen[str]) -> queue.Queue[str | None]:
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            lines.put(line.rstrip("\n"))
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    return lines


@pytest.mark.gui
@pytest.mark.slow
def test_killed_window_loses_nothing_it_showed(tmp_path: Path) -> None:
    db = tmp_path / "library.sqlite3"
    srt = tmp_path / "numbers.srt"
    lines = [Line(i * 1000, (i + 1) * 1000, f"Line number {i}") for i in range(30)]
    write_path(Transcript(lines=lines, title="Numbers"), srt, "srt")

    errors = tmp_path / "child-stderr.txt"
    with errors.open("w") as stderr:
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.helpers.crash_child", str(db), str(srt)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )
    shown: list[list[str]] = []
    output = _lines_of(child)
    try:
        deadline = time.monotonic() + 90
        while True:
            line = output.get(timeout=max(0.1, deadline - time.monotonic()))
            if line is None or line in ("idle", "error"):
                break
            if line.startswith("shown "):
                shown.append(line.split()[1:])
        assert line == "idle", f"the child stopped early: {errors.read_text()}"
        time.sleep(0.2)  # idle for real: nothing in flight
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        while output.get(timeout=30) is not None:  # the pipe's end: the reader is done
            pass
        assert child.stdout is not None
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    assert [what[0] for what in shown] == ["approved", "flagged", "note", "highlight", "edit"]
    assert Path(f"{db}-wal").exists()  # killed before any clean close: recovery is exercised

    with Library.open(str(db)) as library:
        (project,) = library.list_projects()
        by_id = {line.id: line for line in library.load_transcript(project.id).lines}
        assert library.check_integrity() == []
    for what, line_id, *rest in shown:
        stored = by_id[int(line_id)]
        if what in ("approved", "flagged"):
            assert stored.status == what
        elif what == "note":
            assert [(n.body, n.author) for n in stored.notes] == [(" ".join(rest), "Crash Tester")]
        elif what == "edit":
            assert (stored.text, stored.original) == (" ".join(rest), "Line number 6")
        else:
            start, end, tag = int(rest[0]), int(rest[1]), " ".join(rest[2:])
            assert [(h.start, h.end, h.tag) for h in stored.highlights] == [(start, end, tag)]


def _storm_and_kill(tmp_path: Path, after: int) -> None:
    """Kill the window in the middle of its work, ``after`` changes in, and check the library."""
    db = tmp_path / "library.sqlite3"
    srt = tmp_path / "numbers.srt"
    lines = [Line(i * 1000, (i + 1) * 1000, f"Line number {i}") for i in range(after + 60)]
    write_path(Transcript(lines=lines, title="Numbers"), srt, "srt")
    errors = tmp_path / "child-stderr.txt"
    with errors.open("w") as stderr:
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.helpers.crash_child", str(db), str(srt), "storm"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )
    shown: list[list[str]] = []
    output = _lines_of(child)
    try:
        deadline = time.monotonic() + 120
        while len(shown) < after:
            line = output.get(timeout=max(0.1, deadline - time.monotonic()))
            assert line is not None and line not in ("idle", "error"), errors.read_text()
            if line.startswith("shown "):
                shown.append(line.split()[1:])
        os.kill(child.pid, signal.SIGKILL)  # while the next change is on its way
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        while output.get(timeout=30) is not None:
            pass
        assert child.stdout is not None
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL

    with Library.open(str(db)) as library:
        assert library.check_integrity() == []
        (project,) = library.list_projects()
        by_id = {line.id: line for line in library.load_transcript(project.id).lines}
    for what, line_id, *rest in shown:
        stored = by_id[int(line_id)]
        if what == "note":
            assert [n.body for n in stored.notes] == [" ".join(rest)], line_id
        else:
            assert stored.status == what, line_id


@pytest.mark.gui
@pytest.mark.slow
@pytest.mark.parametrize("after", [5, 23])
def test_killed_in_the_middle_of_work_loses_nothing_it_showed(tmp_path: Path, after: int) -> None:
    _storm_and_kill(tmp_path, after)


@pytest.mark.gui
@pytest.mark.long
@pytest.mark.parametrize("seed", range(24))
def test_killed_at_random_moments_loses_nothing_it_showed(tmp_path: Path, seed: int) -> None:
    _storm_and_kill(tmp_path, random.Random(seed).randrange(1, 120))
