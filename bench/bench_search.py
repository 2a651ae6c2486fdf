"""Find-and-filter figures at 100k lines (10k with notes, 10k with highlights): building the
search index, and each keystroke of "minister said" typed into the filter with a transcript
view attached and painted. Runs offscreen without a display, on X under one (make bench).

    xvfb-run -a .venv/bin/python bench/bench_search.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from app.core.search import LineFilter, SearchIndex  # noqa: E402
from app.core.transcript import Highlight, Line, Note  # noqa: E402
from app.ui.transcript.filter_model import FilterProxy  # noqa: E402
from app.ui.transcript.transcript_model import TranscriptModel  # noqa: E402
from app.ui.transcript.transcript_view import TranscriptView  # noqa: E402
from bench.synthetic import transcript  # noqa: E402

N = 100_000
PHRASE = "minister said"


def reviewed_lines() -> list[Line]:
    lines = transcript(N).lines
    for row, line in enumerate(lines):
        if row % 10 == 3:
            line.notes.append(Note(body=f"Check this against the agency copy ({row})", id=row))
        if row % 10 == 7:
            line.highlights.append(Highlight(0, 5, "Quote", "#f9d65c", id=row))
        if row % 17 == 0:
            line.status = "flagged"
        elif row % 3 == 0:
            line.status = "approved"
    return lines


def timed(action: Callable[[], None]) -> float:
    """Milliseconds for ``action()`` plus the repaint it causes."""
    app = QApplication.instance()
    assert app is not None
    start = time.perf_counter()
    action()
    app.processEvents()  # the view's delayed layout after a reset...
    app.processEvents()  # ...and the paint it schedules
    return (time.perf_counter() - start) * 1000


def keystrokes(
    proxy: FilterProxy, texts: list[str], others: LineFilter | None = None
) -> list[float]:
    """Milliseconds for each of ``texts`` typed in turn, with the ``others`` filters set."""
    base = others or LineFilter()
    times = []
    for text in texts:
        filt = replace(base, text=text)
        times.append(timed(lambda f=filt: proxy.set_filter(f)))  # type: ignore[misc]
    return times


def report(name: str, times: list[float]) -> None:
    print(
        f"{name}: {statistics.median(times):.1f} ms median, {max(times):.1f} ms worst "
        f"(target < 30 ms)"
    )


def main() -> None:
    app = QApplication.instance() or QApplication(sys.argv)
    lines = reviewed_lines()

    builds = []
    for _ in range(3):
        start = time.perf_counter()
        SearchIndex(lines)
        builds.append((time.perf_counter() - start) * 1000)
    print(f"search_index_build_100k: {min(builds):.0f} ms (best of 3)")

    model = TranscriptModel()
    model.set_lines(lines)
    proxy = FilterProxy(model)
    view = TranscriptView()
    view.setModel(proxy)  # type: ignore[arg-type]
    view.resize(900, 700)
    view.show()
    app.processEvents()

    typed = [PHRASE[: i + 1] for i in range(len(PHRASE))]
    runs = []
    for _ in range(5):  # five times over
        proxy.set_filter(LineFilter())
        model.set_lines(lines)  # the proxy rebuilds its index: no cached results
        app.processEvents()
        runs.append(keystrokes(proxy, typed))
    per_key = [statistics.median(run[i] for run in runs) for i in range(len(typed))]
    report("search_keystroke_100k", [t for run in runs for t in run])
    print("  per key: " + " ".join(f"{c!r}:{t:.1f}" for c, t in zip(PHRASE, per_key, strict=True)))
    print(f"  shown after {PHRASE!r}: {proxy.visible_count():,} of {N:,}")

    backspaces = keystrokes(proxy, [*typed[::-1][1:], ""])
    report("search_backspace_100k", backspaces)
    report("search_keystroke_flagged_100k", keystrokes(proxy, typed, LineFilter(status="flagged")))
    report("search_keystroke_notes_100k", keystrokes(proxy, typed, LineFilter(has_notes=True)))
    view.close()


if __name__ == "__main__":
    main()
