"""The spelling pass (F7) at 100k lines with no misspelt word: how long "Next Misspelling"
takes to look through the whole transcript and say there is none, the first time (every line
checked) and again (the lines' answers kept), and the longest single step between two progress
reports (what the window's slices of work are made of). British English, the real dictionary.

    .venv/bin/python bench/bench_spell_pass.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.core.spell_pass import Misspelling, SpellPass  # noqa: E402
from app.core.spelling import SpellChecker  # noqa: E402
from bench.synthetic import transcript  # noqa: E402

N = 100_000


def one_pass(spell: SpellPass) -> tuple[float, float, bool]:
    """(seconds for the whole search, longest step between two yields, found anything)."""
    longest, found = 0.0, False
    start = last = time.perf_counter()
    for item in spell.search(0, 0):
        now = time.perf_counter()
        longest, last = max(longest, now - last), now
        found = found or isinstance(item, Misspelling)
    return time.perf_counter() - start, max(longest, time.perf_counter() - last), found


def main() -> None:
    texts = [line.text for line in transcript(N).lines]
    checker = SpellChecker("en_GB")
    checker.known("warm")  # the dictionary loads once per process, before any F7
    spell = SpellPass(checker, texts.__getitem__, lambda: len(texts))
    cold, cold_step, found = one_pass(spell)
    assert not found, "the synthetic transcript is spelt right"
    warm, warm_step, _ = one_pass(spell)
    print(f"spell pass, {N:,} lines, none misspelt, first F7: {cold:.2f} s (run in slices)")
    print(f"spell pass, {N:,} lines, none misspelt, next F7: {warm:.3f} s")
    print(f"spell pass, longest step between progress reports: {cold_step * 1000:.1f} ms")
    del warm_step


if __name__ == "__main__":
    main()
