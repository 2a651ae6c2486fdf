"""Timing-check figures at 100k lines: one run of every check over a synthetic transcript with
a few issues of each kind (about 2% of lines), over one where every line has an issue, and
under the Netflix English subtitle rules (rows, rows per cue, durations, gaps: every check on).

    .venv/bin/python bench/bench_checks.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.core.checks import CheckSettings, run_checks  # noqa: E402
from app.core.subtitle_rules import SubtitleProfile  # noqa: E402
from app.core.transcript import Line  # noqa: E402
from bench.synthetic import transcript  # noqa: E402

N = 100_000
RUNS = 7


def with_issues(every: int) -> tuple[list[Line], int]:
    """Synthetic lines with an issue planted every ``every`` rows; and the media's length."""
    lines = transcript(N).lines
    for line in lines:  # the synthetic text reads at ~27 characters/s: trim it to 15
        line.text = line.text[: line.duration_ms * 15 // 1000]
    for row in range(5, N - 1, every):
        kind = (row // every) % 5
        line, after = lines[row], lines[row + 1]
        if kind == 0:  # overlap
            line.end_ms = after.start_ms + 400
        elif kind == 1:  # too fast
            line.text = line.text * 4
        elif kind == 2:  # long gap
            after.start_ms += 15_000
            after.end_ms = max(after.end_ms, after.start_ms + 1000)
        elif kind == 3:  # no duration
            line.end_ms = line.start_ms
        else:  # out of order
            line.start_ms = lines[row - 1].start_ms - 100
    media_ms = lines[-1].end_ms - 60_000  # the last minute runs past the media's end
    return lines, media_ms


def as_subtitles(lines: list[Line]) -> list[Line]:
    """The lines as subtitles are written: a text over 42 characters broken in two rows at the
    space nearest its middle (so some rows stay too long, as in a real first draft)."""
    broken = []
    for line in lines:
        text = line.text
        if len(text) > 42:
            middle = len(text) // 2
            at = min((i for i, c in enumerate(text) if c == " "), key=lambda i: abs(i - middle))
            text = text[:at] + "\n" + text[at + 1 :]
        broken.append(Line(line.start_ms, line.end_ms, text, id=line.id))
    return broken


def timed(lines: list[Line], media_ms: int, settings: CheckSettings) -> tuple[float, int]:
    times, found = [], 0
    for _ in range(RUNS):
        start = time.perf_counter()
        found = len(run_checks(lines, media_ms, settings))
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), found


def main() -> None:
    settings = CheckSettings()
    lines, media_ms = with_issues(50)
    ms, found = timed(lines, media_ms, settings)
    print(f"timing_checks_100k: {ms:.0f} ms (target < 200 ms) [{found:,} issues]")
    strict = CheckSettings(max_gap_ms=1, max_cps=1.0)  # every line reported at least once
    ms, found = timed(lines, media_ms, strict)
    # A stress figure, not a target: ~2 issues on every line, each one a message to format.
    print(f"timing_checks_100k_all_flagged: {ms:.0f} ms (worst case, no target) [{found:,} issues]")
    netflix = SubtitleProfile("netflix_en").check_settings(settings)
    ms, found = timed(as_subtitles(lines), media_ms, netflix)
    print(f"timing_checks_100k_netflix_rules: {ms:.0f} ms (target < 200 ms) [{found:,} issues]")


if __name__ == "__main__":
    main()
