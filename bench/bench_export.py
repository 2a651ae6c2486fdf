"""Export timings on a 100k-line project with 10k notes, highlights and statuses.

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_export.py

Prints one ``NAME: VALUE UNIT (target ...)`` line per format.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.core.transcript import Highlight, MediaInfo, Note, Transcript
from app.export import export
from bench.synthetic import transcript as synthetic

LINES = 100_000
TARGETS = {"json": 1.0, "srt": 1.0, "html": 2.0, "docx": 15.0, "pdf": 15.0}
# The hand-off formats (issue 17): Word with tracked changes, ELAN, QDA text, the tag table.
TARGETS |= {"docx-tracked": 15.0, "eaf": 5.0, "qda": 1.0, "tags-csv": 1.0}
_COLORS = ("#ffeb3b", "#81c784", "#64b5f6", "#e57373")


def annotated(n: int) -> Transcript:
    """Every 10th line noted, every 7th highlighted, every 5th reviewed, every 50th corrected."""
    t = synthetic(n)
    t.media = MediaInfo("/media/synthetic.mp4", t.lines[-1].end_ms)
    for i, line in enumerate(t.lines):
        line.id = i + 1
        if i % 10 == 0:
            line.notes.append(
                Note(f"Check this line ({i})", "Reviewer", "2024-05-01T14:03:00+00:00")
            )
        if i % 7 == 0:
            line.highlights.append(
                Highlight(0, min(12, len(line.text)), f"tag{i % 4}", _COLORS[i % 4])
            )
        if i % 5 == 0:
            line.status = "flagged" if i % 15 == 0 else "approved"
        if i % 50 == 0:
            line.original_text = line.text.replace("the", "teh")
    return t


def main() -> int:
    transcript = annotated(LINES)
    only = sys.argv[1:] or list(TARGETS)
    with tempfile.TemporaryDirectory() as tmp:
        for fmt, target in TARGETS.items():
            if fmt not in only:
                continue
            out = Path(tmp) / f"bench.{fmt}"
            started = time.perf_counter()
            export(transcript, out, fmt)
            elapsed = time.perf_counter() - started
            size = out.stat().st_size / 1e6
            print(
                f"export_{fmt}_100k: {elapsed:.2f} s (target < {target:g} s; {size:.1f} MB)",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
