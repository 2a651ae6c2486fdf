"""Store figures: insert and load a 100k-line transcript through Library, on a temp SQLite file.

Prints one line per figure, ``NAME: VALUE UNIT (target ...)``. Run: python bench/bench_store.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.core.transcript import Line, Transcript
from app.store.library import Library

LINES = 100_000
ROUNDS = 3


def synthetic(count: int) -> Transcript:
    speakers = ("ANNA", "BEN", "")
    lines = [
        Line(
            i * 2000,
            i * 2000 + 1800,
            f"Line {i}: the quick brown fox jumps over the lazy dog.",
            speakers[i % 3],
            end_inferred=i % 7 == 0,
        )
        for i in range(count)
    ]
    return Transcript(lines=lines, title="bench")


def main() -> None:
    # Best of a few rounds: the figure should describe the code, not a busy neighbour process.
    insert_times: list[float] = []
    load_times: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        library = Library.open(str(Path(folder) / "bench.sqlite3"))
        try:
            for round_ in range(ROUNDS):
                transcript = synthetic(LINES)
                started = time.perf_counter()
                project = library.create_project(
                    transcript, media_path=None, transcript_path=f"/bench/transcript{round_}.srt"
                )
                insert_times.append(time.perf_counter() - started)
                started = time.perf_counter()
                loaded = library.load_transcript(project)
                load_times.append(time.perf_counter() - started)
                assert len(loaded.lines) == LINES
        finally:
            library.close()
    print(f"store_insert_100k: {min(insert_times):.3f} s (target 0.5 s, best of {ROUNDS})")
    print(f"store_load_100k: {min(load_times):.3f} s (target 0.1-0.2 s, best of {ROUNDS})")


if __name__ == "__main__":
    main()
