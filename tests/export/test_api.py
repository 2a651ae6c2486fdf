"""The export entry point: formats, options, progress, cancel, atomic replace, file names,
and the layering rule (only the PDF module may load Qt, and never QtWidgets)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from app.core.transcript import Line, Transcript
from app.export import (
    EXPORTERS,
    ExportCancelled,
    ExportError,
    ExportOptions,
    export,
    exporter_for,
    suggested_filename,
)
from app.export.job import select_lines
from tests.export.helpers import export_to, html_facts

ROOT = Path(__file__).resolve().parents[2]


def test_registry_lists_every_format() -> None:
    assert list(EXPORTERS) == [
        "html",
        "docx",
        "pdf",
        "md",
        "csv",
        "json",
        "srt",
        "vtt",
        "edl",
        "markers-csv",
        "eaf",
        "qda",
        "tags-csv",
        "docx-tracked",
    ]
    assert {n for n, e in EXPORTERS.items() if e.binary} == {"docx", "pdf", "docx-tracked"}
    assert exporter_for("a.docx").name == "docx"  # tracked changes are asked for by name
    assert exporter_for("x/review.HTML").name == "html"
    assert exporter_for("a.csv").name == "csv"  # the line table; markers need --to
    with pytest.raises(ExportError, match="cannot tell"):
        exporter_for("notes.xyz")
    with pytest.raises(ExportError, match="unknown export format"):
        exporter_for("a.html", "rtf")


@pytest.mark.parametrize("fmt", list(EXPORTERS))
def test_every_format_writes_an_empty_transcript(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"empty.{EXPORTERS[fmt].extension}"
    export(Transcript(title="Nothing yet"), out, fmt)
    assert out.is_file()
    assert out.stat().st_size > 0 or fmt == "srt"  # SubRip has no header: empty is right


def test_options_select_lines(transcript: Transcript) -> None:
    def ids(**kw: object) -> list[int | None]:
        return [line.id for _, line in select_lines(transcript, ExportOptions(**kw))]  # type: ignore[arg-type]

    assert ids() == [1, 2, 3, 4, 5]
    assert ids(only="flagged") == [2, 4]
    assert ids(only="noted") == [2, 4, 5]
    # Overlap, not containment: a line cut by the range is kept.
    assert ids(start_ms=5000, end_ms=90_000) == [2, 3]
    assert ids(start_ms=6000) == [3, 4, 5]
    with pytest.raises(ValueError, match="ends before"):
        ExportOptions(start_ms=10, end_ms=5)
    with pytest.raises(ValueError, match="only"):
        ExportOptions(only="approved")  # type: ignore[arg-type]


def test_options_change_the_html(tmp_path: Path, transcript: Transcript) -> None:
    flagged = html_facts(export_to(tmp_path, transcript, "html", only="flagged"))
    assert flagged.sections == ["L2", "L4"]
    quiet = html_facts(
        export_to(tmp_path, transcript, "html", include_notes=False, include_highlights=False)
    )
    assert quiet.notes == [] and quiet.marks == []
    ranged = html_facts(export_to(tmp_path, transcript, "html", start_ms=80_000, end_ms=95_000))
    assert ranged.sections == ["L3", "L4"]


def _big(n: int = 3500) -> Transcript:
    return Transcript([Line(i * 10, i * 10 + 5, f"line {i}") for i in range(n)], title="Big")


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf", "json", "csv"])
def test_cancel_leaves_existing_file_untouched(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"keep.{EXPORTERS[fmt].extension}"
    out.write_bytes(b"previous export")
    asked: list[int] = []

    def cancel() -> bool:
        asked.append(1)
        return len(asked) >= 2  # the second check: after the first 1000 lines

    with pytest.raises(ExportCancelled):
        export(_big(), out, fmt, cancel=cancel)
    assert out.read_bytes() == b"previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]  # no temporary left


def test_cancel_before_anything_leaves_no_file(tmp_path: Path) -> None:
    out = tmp_path / "new.html"
    with pytest.raises(ExportCancelled):
        export(_big(), out, cancel=lambda: True)
    assert list(tmp_path.iterdir()) == []


def test_progress_counts_to_the_total(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    export(_big(), tmp_path / "p.md", progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 3500) and seen[-1] == (3500, 3500)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert len(seen) == 5  # every 1000 lines, and the end


def test_failed_export_leaves_no_file(tmp_path: Path, transcript: Transcript) -> None:
    transcript.lines[0].highlights.append("not a highlight")  # type: ignore[arg-type]
    with pytest.raises(AttributeError):
        export(transcript, tmp_path / "broken.html")
    assert list(tmp_path.iterdir()) == []


def test_export_refuses_a_folder(tmp_path: Path, transcript: Transcript) -> None:
    (tmp_path / "dir.html").mkdir()
    with pytest.raises(ExportError, match="folder"):
        export(transcript, tmp_path / "dir.html")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Evening News: 1/5 <draft>", "Evening News 1 5 draft.html"),
        ("../../etc/passwd", "etc passwd.html"),
        ("CON", "CON_.html"),
        ("", "evening news.html"),
        ("...", "transcript.html"),
        ("é" * 200, "é" * 60 + ".html"),
    ],
)
def test_suggested_filename_is_safe(transcript: Transcript, title: str, expected: str) -> None:
    transcript.title = title
    assert suggested_filename(transcript, "html") == expected


def test_suggested_marker_csv_name(transcript: Transcript) -> None:
    transcript.title = "News"
    assert suggested_filename(transcript, "markers-csv") == "News.markers.csv"


def test_only_the_pdf_module_loads_qt_and_never_widgets() -> None:
    code = (
        "import sys, importlib, pkgutil, app.export as e\n"
        "names = [m.name for m in pkgutil.iter_modules(e.__path__, 'app.export.')]\n"
        "for n in names:\n"
        "    if n != 'app.export.pdf': importlib.import_module(n)\n"
        "print(any(m.startswith('PySide6') for m in sys.modules))\n"
        "importlib.import_module('app.export.pdf')\n"
        "print(any(m.startswith('PySide6.QtWidgets') for m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "False"]
