"""A project with very many notes (issue 11, item 10): seconds from launching the window on it to
its first painted transcript, and the resident memory then. Run under a display (Xvfb).

    .venv/bin/python bench/bench_many_notes.py [NOTES] [LINES]

The notes are written with the driver's executemany, as a long review would have left them; the
window then opens the project from the command line, as a reviewer reopens it.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_window import _first_paint  # noqa: E402


def make_library(db: Path, srt: Path, n_notes: int, n_lines: int) -> None:
    from app.core.formats.registry import write_path
    from app.store.importing import open_pair
    from app.store.library import Library
    from bench.synthetic import transcript

    write_path(transcript(n_lines), srt, "srt")
    with Library.open(str(db)) as library:
        open_pair(library, srt, None)
    conn = sqlite3.connect(db)
    ids = [row[0] for row in conn.execute("SELECT id FROM lines ORDER BY position")]
    stamp = "2026-01-01T00:00:00+00:00"
    with conn:
        conn.executemany(
            "INSERT INTO notes (line_id, author, body, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (
                (ids[i % len(ids)], "bench", f"Check the wording here ({i})", stamp, stamp)
                for i in range(n_notes)
            ),
        )
        conn.executemany(
            'INSERT INTO highlights (line_id, start, "end", tag, color, note) '
            "VALUES (?, 0, 4, 'Quote', '#f9d65c', '')",
            ((ids[i % len(ids)],) for i in range(n_notes // 10)),
        )
    conn.close()


def main() -> None:
    if not os.environ.get("DISPLAY"):
        raise SystemExit("run under a display: xvfb-run -a .venv/bin/python bench/...")
    n_notes = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    n_lines = int(sys.argv[2]) if len(sys.argv) > 2 else 20_000
    with tempfile.TemporaryDirectory() as tmp:
        db, srt = Path(tmp) / "notes.sqlite3", Path(tmp) / "notes.srt"
        make_library(db, srt, n_notes, n_lines)
        seconds, resident, peak = _first_paint([str(srt)], db)
        print(
            f"first_paint_{n_notes}_notes: {seconds:.2f} s (target < 2 s; {n_lines:,} lines, "
            f"{n_notes // 10:,} highlights)"
        )
        print(f"first_paint_{n_notes}_notes_resident: {resident:.0f} MB at first paint")
        print(f"first_paint_{n_notes}_notes_peak_rss: {peak:.0f} MB")


if __name__ == "__main__":
    main()
