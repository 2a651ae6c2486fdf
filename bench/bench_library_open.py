"""Opening a library: what the quick check at open (which keeps a damaged library from being
written) costs on a 100k-line library with 100k notes.

Prints ``NAME: VALUE UNIT``. Run: python bench/bench_library_open.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.core.transcript import Line, Note, Transcript
from app.store import safety
from app.store.library import Library

LINES = 100_000
ROUNDS = 3


def main() -> None:
    lines = [
        Line(i * 2000, i * 2000 + 1800, f"Line {i}: the quick brown fox.", notes=[Note(f"n {i}")])
        for i in range(LINES)
    ]
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "library.sqlite3"
        with Library.open(str(db)) as lib:
            lib.create_project(
                Transcript(lines=lines, title="b"), media_path=None, transcript_path="/b"
            )
        size_mb = db.stat().st_size / 1e6
        checks, opens = [], []
        for _ in range(ROUNDS):
            started = time.perf_counter()
            assert safety.quick_check_file(db) == []
            checks.append(time.perf_counter() - started)
            started = time.perf_counter()
            Library.open(str(db)).close()
            opens.append(time.perf_counter() - started)
    print(f"library_file_size: {size_mb:.0f} MB")
    print(f"quick_check_100k_lines_notes: {min(checks) * 1000:.0f} ms")
    print(f"library_open_100k_lines_notes: {min(opens) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
