"""The PDF as a reader sees its pages: fonts for every script (or a warning naming what is
missing), a fixed text column, notes on the page of their line, counts and links that are right.
Read with poppler's pdftotext, the way a user's viewer extracts the text."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from html import unescape
from pathlib import Path

import pytest

from app.core.review import reviewed_percent
from app.core.transcript import Line, MediaInfo, Note, Transcript
from app.export import ExportOptions, export
from tests.export.helpers import html_facts

_TOOL = shutil.which("pdftotext")
if _TOOL is None and os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
    raise RuntimeError("pdftotext (poppler-utils) is required in CI but missing")
pytestmark = pytest.mark.skipif(_TOOL is None, reason="pdftotext (poppler-utils) missing")


def _pdf(tmp_path: Path, transcript: Transcript, **options: object) -> tuple[Path, list[str]]:
    out = tmp_path / "out.pdf"
    warnings = export(transcript, out, "pdf", ExportOptions(**options))  # type: ignore[arg-type]
    return out, warnings


def _text(path: Path) -> str:
    assert _TOOL is not None
    run = subprocess.run([_TOOL, str(path), "-"], capture_output=True, text=True, check=True)
    return unicodedata.normalize("NFKC", run.stdout)


def _words(path: Path) -> list[tuple[str, float, float]]:
    """(word, x, y) of every word on the pages, in reading order."""
    assert _TOOL is not None
    run = subprocess.run(
        [_TOOL, "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    )
    found = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', run.stdout)
    return [(unescape(w), float(x), float(y)) for x, y, w in found]


def test_every_script_has_a_font_and_none_is_reported(tmp_path: Path) -> None:
    scripts = "日本語 中文 한국어 שלום עולם مرحبا بالعالم Ελληνικά Русский"
    out, warnings = _pdf(tmp_path, Transcript(lines=[Line(0, 1000, scripts)]))
    assert warnings == []
    text = " ".join(_text(out).split())
    for word in ("日本語", "中文", "한국어", "Ελληνικά", "Русский"):
        assert word in text
    # Right-to-left runs come out in visual or logical order depending on the reader.
    for word in ("שלום", "مرحبا"):
        assert word in text or word[::-1] in text


def test_a_character_no_font_has_is_reported_with_its_line(tmp_path: Path) -> None:
    lines = [
        Line(0, 1000, "plain"),
        Line(1000, 2000, "private \ue000 use and more"),
        Line(2000, 3000, "again \ue000"),
    ]
    out, warnings = _pdf(tmp_path, Transcript(lines=lines))
    assert len(warnings) == 1
    assert "U+E000" in warnings[0] and "lines 2, 3" in warnings[0]
    assert "\n" not in warnings[0]
    text = " ".join(_text(out).split())
    assert "private" in text and "use and more" in text  # the rest of the line is kept


def test_cli_shows_the_font_warning_and_still_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from app.cli import main
    from app.store.library import Library

    db = str(tmp_path / "lib.sqlite")
    with Library.open(db) as lib:
        project = lib.create_project(
            Transcript(lines=[Line(0, 1000, "odd \ue000 glyph")]),
            media_path=None,
            transcript_path=None,
        )
    out = tmp_path / "r.pdf"
    assert main(["export", str(project), "-o", str(out)], db) == 0
    assert out.read_bytes().startswith(b"%PDF-")
    err = capsys.readouterr().err
    assert "U+E000" in err and "line 1" in err and "Traceback" not in err


def _long(n: int) -> str:
    return f"Row{n} start " + "words that wrap onto the next row of the page " * 4 + f"end{n}"


def test_wrapped_rows_and_every_line_start_in_one_text_column(tmp_path: Path) -> None:
    lines = [
        Line(0, 1000, _long(1), status="approved"),
        Line(1000, 2000, _long(2), status="unreviewed"),
        Line(2000, 3000, _long(3), status="flagged", speaker="Ann"),
    ]
    out, _ = _pdf(tmp_path, Transcript(lines=lines))
    words = _words(out)
    x_of = {w: x for w, x, _ in words}
    starts = [x_of["Row1"], x_of["Row2"], x_of["Ann"]]
    assert max(starts) - min(starts) < 0.5, starts  # the status word's width moves nothing
    # The first word of each row: a time, or text at the text column, never under the time
    # or the status word (where a wrapped row would land without the hanging indent).
    first_of_row: dict[int, float] = {}
    top = next(y for w, _, y in words if w == "Row1")
    bottom = next(y for w, _, y in words if w == "end3")
    for w, x, y in words:
        # The status words' smaller type puts them on rows of their own; title and footer
        # are outside the transcript's rows.
        if w not in ("APPROVED", "UNREVIEWED", "FLAGGED") and top - 3 <= y <= bottom + 1:
            first_of_row.setdefault(round(y), x)
    clock_x = x_of["0:00"] if "0:00" in x_of else min(first_of_row.values())
    text_rows = [x for x in first_of_row.values() if x > clock_x + 1]
    assert len(text_rows) >= 6  # three lines, each wrapped at least once
    assert [x for x in text_rows if abs(x - starts[0]) >= 0.5] == [], (starts, text_rows)


def test_a_note_stays_on_the_page_of_its_line(tmp_path: Path) -> None:
    lines = [
        Line(
            i * 1000,
            i * 1000 + 900,
            f"Spoken line {i}",
            notes=[Note(f"Note for {i}:\nsecond row\nthird row", "Rev", "", "", i + 1)],
        )
        for i in range(120)
    ]
    out, _ = _pdf(tmp_path, Transcript(lines=lines), include_status=False)
    pages = _text(out).split("\f")
    assert len([p for p in pages if p.strip()]) > 3
    for i in range(120):
        with_line = [n for n, page in enumerate(pages) if f"Spoken line {i}\n" in page + "\n"]
        # Its rows as the transcript part shows them (the front page's index runs them on).
        with_note = [n for n, page in enumerate(pages) if f"Note for {i}:\nsecond row" in page]
        assert len(with_line) == 1 and with_line == with_note, i


def test_counts_use_the_right_plural_and_the_status_bar_percent(tmp_path: Path) -> None:
    # 5 of 66 reviewed is 7.6%: the status bar says 8%, and so must every export.
    lines = [Line(i * 1000, i * 1000 + 500, f"l{i}") for i in range(66)]
    for line in lines[:5]:
        line.status = "approved"
    lines[0].notes = [Note("only one", "", "", "", 1)]
    transcript = Transcript(lines=lines)
    assert reviewed_percent(5, 66) == 8
    out, _ = _pdf(tmp_path, transcript)
    pdf = " ".join(_text(out).split())
    html = "".join(html_facts(_export(tmp_path, transcript, "html")).text)
    md = _export(tmp_path, transcript, "md").read_text(encoding="utf-8")
    for text in (pdf, " ".join(html.split()), md):
        assert "5 of 66 lines reviewed (8%)" in text
        assert "; 1 note" in text and "1 notes" not in text
    two = Transcript(lines=[Line(0, 1, "a", notes=[Note("x", "", "", "", 1)] * 2)])
    assert "2 notes" in _export(tmp_path, two, "md").read_text(encoding="utf-8")
    one = Transcript(lines=[Line(0, 1, "a")])
    assert "0 of 1 line reviewed" in _export(tmp_path, one, "md").read_text(encoding="utf-8")


def _export(tmp_path: Path, transcript: Transcript, fmt: str) -> Path:
    out = tmp_path / f"out.{fmt}"
    export(transcript, out, fmt)
    return out


def _pdf_links(path: Path) -> list[str]:
    return re.findall(rb"/URI\s*\(([^)]*)\)", path.read_bytes())  # type: ignore[return-value]


@pytest.mark.parametrize(
    ("media", "expected"),
    [
        ("/videos/evening news.mp4", "file:///videos/evening%20news.mp4#t=1"),
        ("https://example.org/a.mp4", "https://example.org/a.mp4#t=1"),
        ("news.mp4", None),  # a bare name would point beside the export: no link
        (None, None),
    ],
)
def test_time_links_point_at_the_media_itself(
    tmp_path: Path, media: str | None, expected: str | None
) -> None:
    transcript = Transcript(
        lines=[Line(1000, 2000, "hello")],
        media=MediaInfo(media, 5000) if media is not None else None,
    )
    html_links = html_facts(_export(tmp_path, transcript, "html")).links
    md = _export(tmp_path, transcript, "md").read_text(encoding="utf-8")
    out, _ = _pdf(tmp_path, transcript)
    pdf_links = [link.decode() for link in _pdf_links(out)]  # type: ignore[attr-defined]
    if expected is None:
        assert [h for h in html_links if "#t=" in h] == []
        assert "#t=" not in md
        assert pdf_links == []
    else:
        assert expected in html_links
        assert f"]({expected})" in md
        assert pdf_links and all(link.startswith(expected.split("#")[0]) for link in pdf_links)


def test_the_front_page_has_a_legend_of_the_highlight_tags(
    tmp_path: Path, transcript: Transcript
) -> None:
    out, _ = _pdf(tmp_path, transcript)
    front = " ".join(_text(out).split("\f")[0].split())
    assert "Highlights: name claim foreign" in front
    out, _ = _pdf(tmp_path, transcript, include_highlights=False)
    assert "Highlights:" not in _text(out)
