"""``proofreel export`` end to end: a real library, a real project, files on disk."""

from __future__ import annotations

import csv
from pathlib import Path

import docx
import pytest

from app.cli import main
from app.core.formats.registry import read_path
from app.core.transcript import Transcript
from app.store.library import Library
from tests.export.helpers import html_facts


@pytest.fixture
def library(tmp_path: Path, transcript: Transcript) -> tuple[str, int]:
    db = str(tmp_path / "library.sqlite")
    with Library.open(db) as lib:
        project = lib.create_project(
            transcript, media_path=str(tmp_path / "evening news.mp4"), transcript_path=None
        )
    return db, project


def _run(db: str, *argv: str) -> int:
    return main(["export", *argv], db)


def test_cli_exports_html_from_the_extension(
    library: tuple[str, int], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db, project = library
    out = tmp_path / "review.html"
    assert _run(db, str(project), "-o", str(out)) == 0
    facts = html_facts(out)
    assert facts.sections == ["L1", "L2", "L3", "L4", "L5"]
    assert (tmp_path / "evening news.mp4").as_uri() + "#t=83" in facts.links
    assert "<script>alert(1)</script>" in facts.notes
    assert capsys.readouterr().err == ""


def test_cli_options(library: tuple[str, int], tmp_path: Path) -> None:
    db, project = library
    out = tmp_path / "flagged.csv"
    assert (
        _run(
            db,
            str(project),
            "--to",
            "csv",
            "-o",
            str(out),
            "--only",
            "flagged",
            "--no-notes",
            "--from-time",
            "0:02",
            "--to-time",
            "100",
        )
        == 0
    )
    rows = list(csv.DictReader(out.read_text(encoding="utf-8-sig").splitlines()))
    assert [r["line"] for r in rows] == ["2", "4"]
    assert "notes" not in rows[0]


def test_cli_docx_with_original(library: tuple[str, int], tmp_path: Path) -> None:
    db, project = library
    out = tmp_path / "review.docx"
    assert _run(db, str(project), "-o", str(out), "--with-original") == 0
    document = docx.Document(str(out))
    assert len(document.comments) == 4
    assert any(r.font.strike for p in document.paragraphs for r in p.runs)


def test_cli_vtt_and_markers(library: tuple[str, int], tmp_path: Path) -> None:
    db, project = library
    assert _run(db, str(project), "-o", str(tmp_path / "a.vtt")) == 0
    assert len(read_path(tmp_path / "a.vtt").transcript.lines) == 5
    assert (
        _run(db, str(project), "--to", "markers-csv", "-o", str(tmp_path / "m.csv"), "--fps", "30")
        == 0
    )
    assert "01:00:02:15" in (tmp_path / "m.csv").read_text(encoding="utf-8-sig")


def test_cli_name_from_title(
    library: tuple[str, int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db, project = library
    monkeypatch.chdir(tmp_path)
    assert _run(db, str(project), "--to", "md") == 0
    name = capsys.readouterr().out.strip()
    assert name == "Evening News 1 5 draft.md"
    assert (tmp_path / name).read_text(encoding="utf-8").startswith("# Evening News")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--only", "approved"], "--only must be one of flagged, noted"),
        (["--to", "rtf"], "unknown export format 'rtf'"),
        (["--from-time", "soon"], "--from-time: not a time stamp"),
        (["--from-time", "10", "--to-time", "5"], "the time range ends before it starts"),
        (["--fps", "fast"], "--fps must be a whole number"),
        (["--fps", "0"], "frame rate must be 1..120"),
    ],
)
def test_cli_bad_values_give_one_line(
    library: tuple[str, int],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    db, project = library
    out = tmp_path / "x.html"
    assert _run(db, str(project), "-o", str(out), *argv) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert not out.exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["999", "-o", "x.html"], "999"),
        (["abc", "-o", "x.html"], "not 'abc'"),
        (["{project}", "-o", "x.unknown"], "cannot tell the export format"),
        (["{project}"], "name the output file"),
        (["{project}", "-o", "{missing}/x.html"], "No such file or directory"),
    ],
)
def test_cli_bad_targets_give_one_line(
    library: tuple[str, int],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    db, project = library
    filled = [a.format(project=project, missing=tmp_path / "nope") for a in argv]
    assert _run(db, *filled) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err, err
