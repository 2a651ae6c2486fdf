"""Word and PDF exports, opened the way their readers open them: python-docx and pdftotext."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_COLOR_INDEX

from app.core.transcript import Transcript
from app.export.docx import nearest_highlight
from tests.export.helpers import export_to

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_docx_comments_highlights_and_corrections(tmp_path: Path, transcript: Transcript) -> None:
    document = docx.Document(str(export_to(tmp_path, transcript, "docx", with_original=True)))
    comments = {c.comment_id: c for c in document.comments}
    assert [(c.author, c.text) for c in comments.values()] == [
        ("Bob Stone", "Check the minister's title <b>again</b>"),
        ("Cleo", "Second opinion:\nfine by me"),
        ("Mallory", "<script>alert(1)</script>"),
        ("", "-2+3 @sum"),
    ]
    assert comments[0].initials == "BS"
    assert comments[0].timestamp is not None and comments[0].timestamp.year == 2024
    line2 = next(p for p in document.paragraphs if "talks would resume" in p.text)
    # Comments are anchored on the line: their ranges open and close inside its paragraph.
    starts = [e.get(f"{_W}id") for e in line2._p.iter(f"{_W}commentRangeStart")]
    ends = [e.get(f"{_W}id") for e in line2._p.iter(f"{_W}commentRangeEnd")]
    assert starts == ends == ["0", "1"]
    runs = line2.runs
    struck = [r.text for r in runs if r.font.strike]
    assert struck == ["The minster said talks would resum."]
    marked = {r.text: r.font.highlight_color for r in runs if r.font.highlight_color}
    assert marked == {
        "minister": WD_COLOR_INDEX.BRIGHT_GREEN,
        " said ": WD_COLOR_INDEX.BRIGHT_GREEN,
    }
    assert all(r.font.underline for r in runs if r.text in ("minister", " talks would resume."))
    assert any(r.text == "\tflagged" for r in runs)
    unicode_line = next(p for p in document.paragraphs if "日本語" in p.text)
    assert {
        r.text: r.font.highlight_color for r in unicode_line.runs if r.font.highlight_color
    } == {"日本語": WD_COLOR_INDEX.TURQUOISE}
    assert document.paragraphs[0].text == transcript.title
    assert document.paragraphs[0].style is not None and document.paragraphs[0].style.name == "Title"


def test_docx_without_notes_has_no_comments(tmp_path: Path, transcript: Transcript) -> None:
    document = docx.Document(str(export_to(tmp_path, transcript, "docx", include_notes=False)))
    assert len(document.comments) == 0
    assert not any(r.font.strike for p in document.paragraphs for r in p.runs)


def test_docx_survives_control_characters(tmp_path: Path, transcript: Transcript) -> None:
    transcript.lines[0].text = "bell\x07 and\x00 null"
    document = docx.Document(str(export_to(tmp_path, transcript, "docx")))
    assert any("bell and null" in p.text for p in document.paragraphs)


@pytest.mark.parametrize(
    ("color", "expected"),
    [
        ("#ffeb3b", "yellow"),
        ("#81c784", "green"),
        ("#64b5f6", "cyan"),
        ("#1565c0", "blue"),
        ("#e57373", "red"),
        ("#bdbdbd", "lightGray"),
        ("#800000", "darkRed"),
        ("not a colour", "yellow"),
    ],
)
def test_nearest_word_highlight(color: str, expected: str) -> None:
    assert nearest_highlight(color) == expected


def _pdftotext() -> str:
    path = shutil.which("pdftotext")
    if path is None:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail("pdftotext (poppler-utils) is required in CI but missing", pytrace=False)
        pytest.skip("pdftotext missing (install poppler-utils)")
    return path


def test_pdf_holds_lines_and_notes(tmp_path: Path, transcript: Transcript) -> None:
    tool = _pdftotext()
    out = export_to(tmp_path, transcript, "pdf", with_original=True)
    assert out.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(
        [tool, "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    # NFKC: Qt's PDF text map names a glyph shared by 日 (U+65E5) and the Kangxi radical ⽇
    # (U+2F47) by the lower code point, so extraction gives the radical; NFKC folds it back.
    flat = unicodedata.normalize("NFKC", " ".join(text.split()))
    for expected in (
        "Evening News: 1/5 <draft>",
        "3 of 5 lines reviewed",
        "The minister said talks would resume.",
        "The minster said talks would resum.",
        "Bob Stone, 2024-05-01 14:03 UTC: Check the minister's title <b>again</b>",
        "fine by me",
        "<script>alert(1)</script>",
        "日本語",
        "FLAGGED",
    ):
        assert expected in flat, expected


def test_pdf_paginates_a_long_transcript(tmp_path: Path, transcript: Transcript) -> None:
    tool = _pdftotext()
    base = transcript.lines[0]
    transcript.lines = [
        base.__class__(i * 1000, i * 1000 + 900, f"Line number {i}", id=i + 1) for i in range(700)
    ]
    out = export_to(tmp_path, transcript, "pdf")
    text = subprocess.run([tool, str(out), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    assert len([p for p in pages if p.strip()]) > 5
    found = [int(n) for n in re.findall(r"Line number (\d+)", text)]
    assert sorted(found) == list(range(700))  # every line once: none lost or doubled at a cut
