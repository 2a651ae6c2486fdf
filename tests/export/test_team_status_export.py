"""Exports carry the team's state of each line (issue 15, item 3): what the done rule makes of
every reviewer's marks, not one reviewer's own mark."""

from __future__ import annotations

import csv
from pathlib import Path

from app.core.transcript import Line, Transcript
from app.export.job import ReviewSummary
from app.export.registry import export
from app.store.library import Library
from app.store.review import ReviewStore


def test_csv_and_the_review_summary_follow_the_done_rule(tmp_path: Path) -> None:
    db = str(tmp_path / "team.sqlite3")
    with Library.open(db) as setup:
        lines = [Line(i * 1000, i * 1000 + 900, f"Line {i}") for i in range(4)]
        project = setup.create_project(
            Transcript(lines=lines), media_path=None, transcript_path="/t"
        )
        ids = [line.id for line in setup.load_transcript(project).lines if line.id is not None]
    with Library.open(db, actor="ana") as ana, Library.open(db, actor="ben") as ben:
        ReviewStore(ana).set_status(ids[:3], "approved")
        ReviewStore(ben).set_status(ids[:1], "approved")
        ReviewStore(ben).set_status(ids[2:3], "flagged")
        ReviewStore(ana).set_done_rule("two")
        transcript = ben.load_transcript(project)
    out = tmp_path / "review.csv"
    export(transcript, out)
    with out.open(newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    # Line 0: two approvals, done. Line 1: one of two. Line 2: Ben's flag. Line 3: nobody.
    assert [row["status"] for row in rows] == ["approved", "unreviewed", "flagged", "unreviewed"]
    assert "2 of 4 lines reviewed" in ReviewSummary.of(transcript).sentence()
