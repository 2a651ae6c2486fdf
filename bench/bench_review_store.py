"""Review figures: marking a line and adding a note in a 100k-line project that already has 10k
notes and 10k highlights, each a committed transaction on a temp SQLite file.

Prints one line per figure, ``NAME: VALUE UNIT (...)``. Run: python bench/bench_review_store.py
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.core.transcript import Highlight, Note
from app.store.library import Library
from app.store.review import ReviewStore
from bench.synthetic import transcript

LINES = 100_000
EVERY = 10  # a note and a highlight on every 10th line: 10k of each
ROUNDS = 200


def _median_ms(action: Callable[[int], object]) -> float:
    times = []
    for i in range(ROUNDS):
        started = time.perf_counter()
        action(i)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    source = transcript(LINES)
    for line in source.lines[::EVERY]:
        line.notes.append(Note("Check this", "bench"))
        line.highlights.append(Highlight(0, min(5, len(line.text)), "Quote", "#f9d65c"))
    rng = random.Random(3)
    with tempfile.TemporaryDirectory() as folder:
        library = Library.open(str(Path(folder) / "bench.sqlite3"))
        try:
            project = library.create_project(source, media_path=None, transcript_path="/b.srt")
            ids = [line.id for line in source.lines if line.id is not None]
            review = ReviewStore(library)
            statuses = ("approved", "flagged", "unreviewed")
            mark = _median_ms(lambda i: review.set_status([rng.choice(ids)], statuses[i % 3]))
            note = _median_ms(lambda i: review.add_note(rng.choice(ids), f"note {i}", "bench"))
            started = time.perf_counter()
            review.progress(project)
            progress = (time.perf_counter() - started) * 1000
        finally:
            library.close()
    print(f"review_mark_line_100k: {mark:.2f} ms (target < 5 ms, median of {ROUNDS})")
    print(f"review_add_note_100k: {note:.2f} ms (median of {ROUNDS})")
    print(f"review_progress_100k: {progress:.1f} ms (one query)")


if __name__ == "__main__":
    main()
