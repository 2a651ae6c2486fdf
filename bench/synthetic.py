"""Generated transcripts of any size, the same every run, for the benchmarks."""

from __future__ import annotations

import random

from app.core.transcript import Line, Transcript

_WORDS = (  # noqa: SIM905 - a sentence reads better than a list of 28 strings
    "the minister said talks would resume next week after a long pause in which both sides "
    "accused each other of stalling while envoys travelled between capitals carrying proposals"
).split()


def transcript(n: int, *, seed: int = 7) -> Transcript:
    rng = random.Random(seed)
    lines = []
    t = 0
    for i in range(n):
        length = rng.randint(1200, 4000)
        words = rng.choices(_WORDS, k=rng.randint(5, 14))
        lines.append(
            Line(start_ms=t, end_ms=t + length, text=" ".join(words).capitalize() + f" ({i}).")
        )
        t += length + rng.randint(0, 400)
    return Transcript(lines=lines, title=f"Synthetic {n:,} lines")
