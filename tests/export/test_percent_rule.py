"""One rounding rule for "N% reviewed": the status bar, the Projects screen and every export."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from app.core.review import reviewed_percent
from app.core.transcript import Line, Transcript
from app.export.job import ReviewSummary
from app.ui.library.projects_model import reviewed_text
from app.ui.review.progress import ReviewProgress


def test_status_bar_projects_and_exports_agree() -> None:
    for reviewed, total in ((5, 66), (1, 300), (299, 300), (1, 2), (0, 7), (7, 7)):
        percent = reviewed_percent(reviewed, total)
        lines = [
            Line(i, i + 1, "x", status="approved" if i < reviewed else "unreviewed")
            for i in range(total)
        ]
        bar = ReviewProgress()
        bar.set_progress(reviewed, total)
        assert bar.label.text().endswith(f"({percent}%)")
        assert f"({percent}%)" in reviewed_text(reviewed, total, QLocale.c())
        assert f"({percent}%)" in ReviewSummary.of(Transcript(lines=lines)).sentence()
    assert reviewed_percent(5, 66) == 8  # the PDF said 7% (rounded down) here
    assert reviewed_percent(1, 300) == 1 and reviewed_percent(299, 300) == 99
