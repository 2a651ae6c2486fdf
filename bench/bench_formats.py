"""Format figures: read a 100k-cue SRT (~9 MB) with our reader and with pysubs2, and import it
into a new project of a fresh library.

Prints one line per figure, ``NAME: VALUE UNIT (target ...)``. Run: python bench/bench_formats.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pysubs2

from app.core.formats import registry
from app.core.formats.ass import read_ass, write_ass
from app.core.formats.srt import write_srt
from app.store.library import Library
from bench.synthetic import transcript

CUES = 100_000
ROUNDS = 3


def best_of(rounds: int, work: Callable[[], object]) -> float:
    """Best wall time of a few rounds: the figure should describe the code, not a busy machine."""
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        srt_path = Path(folder) / "synthetic-100k.srt"
        srt_path.write_text(write_srt(transcript(CUES)), encoding="utf-8")
        size_mb = srt_path.stat().st_size / 1024**2

        def ours() -> None:
            result = registry.read_path(srt_path)
            assert len(result.transcript.lines) == CUES and result.report.clean

        def theirs() -> None:
            assert len(pysubs2.load(str(srt_path), encoding="utf-8")) == CUES

        ours_s = best_of(ROUNDS, ours)
        theirs_s = best_of(ROUNDS, theirs)

        imports: list[float] = []
        for round_ in range(ROUNDS):
            library = Library.open(str(Path(folder) / f"fresh-{round_}.sqlite3"))
            try:
                started = time.perf_counter()
                result = registry.read_path(srt_path)
                library.create_project(
                    result.transcript, media_path=None, transcript_path=str(srt_path)
                )
                imports.append(time.perf_counter() - started)
            finally:
                library.close()

    print(f"srt_file_100k: {size_mb:.1f} MB (target ~9 MB)")
    print(f"srt_read_100k: {ours_s:.3f} s (best of {ROUNDS})")
    print(f"pysubs2_load_100k: {theirs_s:.3f} s (best of {ROUNDS})")
    print(f"srt_read_ratio: {theirs_s / ours_s:.1f} x (target >= 4)")
    print(f"srt_import_100k: {min(imports):.3f} s (target < 1.0 s, best of {ROUNDS})")
    ass_read()


ASS_EVENTS = 20_000


def ass_read() -> None:
    """ASS read of 20k events, ours and pysubs2's, side by side (issue 12: ratio <= 1.0)."""
    text = write_ass(transcript(ASS_EVENTS))

    def ours() -> None:
        assert len(read_ass(text).transcript.lines) == ASS_EVENTS

    def theirs() -> None:
        assert len(pysubs2.SSAFile.from_string(text).events) == ASS_EVENTS

    ours_s, theirs_s = best_of(ROUNDS, ours), best_of(ROUNDS, theirs)
    print(f"ass_read_20k: {ours_s:.3f} s (best of {ROUNDS})")
    print(f"pysubs2_ass_read_20k: {theirs_s:.3f} s (best of {ROUNDS})")
    print(f"ass_read_vs_pysubs2: {ours_s / theirs_s:.2f} x pysubs2's time (target <= 1.0)")


if __name__ == "__main__":
    main()
