"""Each reviewer's mark (issue 15, item 3) at 100k lines on a temp SQLite file: reading a
project's marks when it opens (one grouped query), one reviewer approving every line, a second
approving half, and the done rule changed (every line worked out again in one statement).

Prints one line per figure, ``NAME: VALUE UNIT (...)``. Run: python bench/bench_team_marks.py
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.store.library import Library
from app.store.review import ReviewStore
from bench.synthetic import transcript

LINES = 100_000


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> None:
    source = transcript(LINES)
    with tempfile.TemporaryDirectory() as folder:
        library = Library.open(str(Path(folder) / "bench.sqlite3"))
        try:
            project = library.create_project(source, media_path=None, transcript_path="/b.srt")
            ids = [line.id for line in source.lines if line.id is not None]
            review = ReviewStore(library)
            approve_all = _timed(lambda: review.set_status(ids, "approved", reviewer="ana"))
            review.set_status(ids[: LINES // 2], "approved", reviewer="ben")
            read = _timed(lambda: review.line_marks("ana", project_id=project))
            rule = _timed(lambda: review.set_done_rule("two"))
            one = _timed(lambda: review.set_status([ids[7]], "flagged", reviewer="ana"))
        finally:
            library.close()
    print(f"team_marks_read_100k: {read:.2f} s (every line marked by 1 or 2 reviewers)")
    print(f"team_approve_all_100k: {approve_all:.2f} s (one reviewer, one transaction)")
    print(f"team_rule_change_100k: {rule:.2f} s (50k lines change state)")
    print(f"team_mark_one_line_100k: {one * 1000:.1f} ms")


if __name__ == "__main__":
    main()
