"""``proofreel history PROJECT``: the audit trail, newest first, from a real library file and
from a shared library read by a login that may only read."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from app.store.library import Library
from app.store.review import ReviewStore
from tests.helpers.postgres import PASSWORD, PASSWORD_ROLE, PostgresServer
from tests.store.conftest import sample_transcript
from tests.store.test_change_log import _pg_reviewers

ROOT = Path(__file__).resolve().parents[1]
STAMP = r"\d{4}-\d\d-\d\d \d\d:\d\d"


def history(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", "history", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )


def _review(ana: Library, ben: Library) -> int:
    project = ana.create_project(sample_transcript(), media_path=None, transcript_path="/e.srt")
    first, _second, third = (line.id or 0 for line in ana.load_transcript(project).lines)
    ben.load_transcript(project)
    ReviewStore(ana).set_status([first], "approved")
    ReviewStore(ben).set_line_text(third, "Let us start.")
    ReviewStore(ana).add_note(third, "better", "ana")
    return project


def test_history_lists_who_did_what_newest_first(tmp_path: Path) -> None:
    db = tmp_path / "library.sqlite3"
    with Library.open(str(db), actor="ana") as ana, Library.open(str(db), actor="ben") as ben:
        project = _review(ana, ben)
    done = history(str(project), "--db", str(db))
    assert done.returncode == 0, done.stderr
    rows = done.stdout.splitlines()
    assert [re.sub(STAMP, "T", row) for row in rows] == [
        "T  ana  note added on line 3 (00:04.0)",
        "T  ben  text corrected on line 3 (00:04.0)",
        "T  ana  approved line 1 (00:00.0)",
        "T  ana  highlighted (x) on line 1 (00:00.0)",
        "T  ana  highlighted (name) on line 1 (00:00.0)",
        "T  ana  note added on line 1 (00:00.0)",
        "T  ana  added 3 lines from line 1 (00:00.0)",
    ]
    newest = history(str(project), "--limit", "2", "--db", str(db))
    assert newest.stdout.splitlines() == rows[:2]


def test_history_refuses_what_is_not_a_project_in_one_line(tmp_path: Path) -> None:
    db = tmp_path / "library.sqlite3"
    Library.open(str(db)).close()
    missing = history("7", "--db", str(db))
    assert missing.returncode == 1 and "No project with id 7" in missing.stderr
    assert "Traceback" not in missing.stderr
    word = history("seven", "--db", str(db))
    assert word.returncode == 1 and "by its number" in word.stderr
    bad = history("7", "--limit", "0", "--db", str(db))
    assert bad.returncode == 1 and "--limit" in bad.stderr


def test_a_login_that_may_only_read_reads_the_team_s_history(
    postgres_server: PostgresServer, postgres_url: str
) -> None:
    ana, ben = _pg_reviewers(postgres_server, postgres_url)
    try:
        project = _review(ana, ben)
    finally:
        ana.close()
        ben.close()
    database = postgres_url.split("@/", 1)[1].split("?", 1)[0]
    postgres_server.admin(
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {PASSWORD_ROLE}", database=database
    )
    viewer = postgres_server.url(database, user=PASSWORD_ROLE, password=PASSWORD)
    done = history(str(project), "--db", viewer)
    assert done.returncode == 0, done.stderr
    rows = [re.sub(STAMP, "T", row) for row in done.stdout.splitlines()]
    assert rows[:3] == [
        "T  log_ana  note added on line 3 (00:04.0)",
        "T  log_ben  text corrected on line 3 (00:04.0)",
        "T  log_ana  approved line 1 (00:00.0)",
    ]
    assert rows[-1] == "T  log_ana  added 3 lines from line 1 (00:00.0)"
