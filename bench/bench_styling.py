"""Styling figures: read and write a 100k-cue SubRip where every third cue has <i>/<b> tags,
beside the same cues without tags, and the WebVTT writer on the styled lines.

Prints one line per figure, ``NAME: VALUE UNIT``. Run: python bench/bench_styling.py
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.core.formats.srt import read_srt, write_srt
from app.core.formats.vtt import write_vtt
from app.core.timecode import format_srt

CUES = 100_000


def best_of(rounds: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def _srt(styled: bool) -> str:
    cues = []
    for i in range(CUES):
        text = f"Line number {i} is said here\nand goes on a little"
        if styled and i % 3 == 0:
            text = f"<i>Line number {i}</i> is said <b>here</b>\nand goes on a little"
        stamp = f"{format_srt(i * 1000)} --> {format_srt(i * 1000 + 900)}"
        cues.append(f"{i + 1}\n{stamp}\n{text}\n")
    return "\n".join(cues)


def main() -> None:
    plain, styled = _srt(False), _srt(True)
    plain_read = best_of(3, lambda: read_srt(plain))
    styled_read = best_of(3, lambda: read_srt(styled))
    lines = read_srt(styled).transcript
    print(f"srt_read_plain_100k: {plain_read:.2f} s")
    print(f"srt_read_styled_100k (1 in 3 cues tagged): {styled_read:.2f} s")
    print(f"srt_write_styled_100k: {best_of(3, lambda: write_srt(lines)):.2f} s")
    print(f"vtt_write_styled_100k: {best_of(3, lambda: write_vtt(lines)):.2f} s")


if __name__ == "__main__":
    main()
