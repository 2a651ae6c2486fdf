"""Editing figures on a 100k-line project (10k notes, 10k highlights), each a committed
transaction on a temp SQLite file: a text edit, a replace-all over 10k lines, and a split at the
first line (which moves the rows of all 100k lines) followed by its merge.

Prints one line per figure, ``NAME: VALUE UNIT (...)``. Run: python bench/bench_editing_store.py
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

from app.core.editing import merge_lines, replace_in_text, split_line
from app.core.transcript import Highlight, Note
from app.store.editing import EditStore
from app.store.library import Library
from bench.synthetic import transcript

LINES = 100_000
EVERY = 10  # a note, a highlight and the word to replace on every 10th line
ROUNDS = 200
WORD = "zebra"


def _median_ms(action: Callable[[int], object], rounds: int = ROUNDS) -> float:
    times = []
    for i in range(rounds):
        started = time.perf_counter()
        action(i)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    source = transcript(LINES)
    for line in source.lines[::EVERY]:
        line.text = f"{WORD} {line.text}"
        line.notes.append(Note("Check this", "bench"))
        line.highlights.append(Highlight(len(WORD) + 1, len(WORD) + 5, "Quote", "#f9d65c"))
    rng = random.Random(3)
    with tempfile.TemporaryDirectory() as folder:
        library = Library.open(str(Path(folder) / "bench.sqlite3"))
        try:
            project = library.create_project(source, media_path=None, transcript_path="/b.srt")
            # Text edits on lines without the word, so the replace-all still finds 10k.
            ids = [
                line.id for line in source.lines if line.id is not None and WORD not in line.text
            ]
            edit = EditStore(library)
            text_ms = _median_ms(lambda i: edit.set_text(rng.choice(ids), f"edited text {i}"))

            started = time.perf_counter()
            loaded = library.load_transcript(project).lines
            load_s = time.perf_counter() - started
            started = time.perf_counter()
            changes = []
            for line in loaded:
                text, count = replace_in_text(line.text, WORD, "okapi", whole_words=True)
                if count and line.id is not None:
                    changes.append((line.id, text))
            find_s = time.perf_counter() - started
            started = time.perf_counter()
            previous = edit.replace_all(changes)
            write_s = time.perf_counter() - started
            started = time.perf_counter()
            edit.put_text_states(previous)
            undo_s = time.perf_counter() - started

            def split_merge(_i: int) -> None:
                first = loaded[0]  # each merge gives it back exactly, ids included
                a1, a2 = split_line(first, first.text.index(" ") + 1)
                _gone, (b1, b2) = edit.replace_lines(project, [first.id or 0], 0, [a1, a2])
                edit.replace_lines(project, [b1.id or 0, b2.id or 0], 0, [merge_lines(b1, b2)])

            split_ms = _median_ms(split_merge, rounds=10) / 2
        finally:
            library.close()
    count = len(changes)
    print(f"edit_text_store_100k: {text_ms:.2f} ms (target: well under 10 ms, median of {ROUNDS})")
    print(
        f"replace_all_10k_store: {find_s + write_s:.2f} s (target < 1 s incl. finding; "
        f"{count} lines: find {find_s:.2f} s + write {write_s:.2f} s; the load before it "
        f"{load_s:.2f} s; undo {undo_s:.2f} s)"
    )
    print(
        f"split_merge_store_100k: {split_ms:.1f} ms (one split or merge at the first line, "
        "rows of all 100k lines moved; median of 10 pairs)"
    )


if __name__ == "__main__":
    main()
