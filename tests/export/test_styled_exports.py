"""A styled SubRip file (issue 18 item 9) exported as a reviewer would: SRT and VTT keep the
tags, the annotated exports show italic and bold words as such, highlights still on top."""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest

from app.core.formats.srt import read_srt
from app.core.formats.vtt import read_vtt
from app.core.transcript import Highlight, Transcript
from tests.export.helpers import export_to

SOURCE = (
    "1\n00:00:01,000 --> 00:00:02,500\n<i>Where were you</i> last night?\n\n"
    "2\n00:00:03,000 --> 00:00:04,000\nI was <b>home</b>, <i>alone</i>.\n"
)


@pytest.fixture
def styled() -> Transcript:
    transcript = read_srt(SOURCE).transcript
    transcript.title = "Styled"
    # A highlight over part of an italic run: both must show.
    transcript.lines[0].highlights = [Highlight(6, 10, "Quote", "#f9d65c")]
    return transcript


def test_srt_and_vtt_exports_keep_the_tags(tmp_path: Path, styled: Transcript) -> None:
    srt = export_to(tmp_path, styled, "srt").read_text(encoding="utf-8")
    assert "<i>Where were you</i> last night?" in srt
    assert "I was <b>home</b>, <i>alone</i>." in srt
    assert [ln.styles for ln in read_srt(srt).transcript.lines] == [
        ln.styles for ln in styled.lines
    ]
    vtt = export_to(tmp_path, styled, "vtt").read_text(encoding="utf-8")
    assert "<i>Where were you</i> last night?" in vtt
    assert "I was <b>home</b>, <i>alone</i>." in vtt
    assert [ln.styles for ln in read_vtt(vtt).transcript.lines] == [
        ln.styles for ln in styled.lines
    ]


class _Styles(HTMLParser):
    """Text inside <i> and <b> as a browser would style it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.italic: list[str] = []
        self.bold: list[str] = []
        self.marked: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        if "i" in self.open:
            self.italic.append(data)
        if "b" in self.open:
            self.bold.append(data)
        if "mark" in self.open:
            self.marked.append(data)


def test_html_shows_italic_and_bold_words_under_highlights(
    tmp_path: Path, styled: Transcript
) -> None:
    facts = _Styles()
    facts.feed(export_to(tmp_path, styled, "html").read_text(encoding="utf-8"))
    assert "".join(facts.italic) == "Where were youalone"
    assert "".join(facts.bold) == "home"
    assert "".join(facts.marked) == "were"


def test_docx_runs_are_italic_and_bold_where_the_file_was(
    tmp_path: Path, styled: Transcript
) -> None:
    document = docx.Document(str(export_to(tmp_path, styled, "docx")))
    lines = [p for p in document.paragraphs if "last night" in p.text or "alone" in p.text]
    runs = [r for p in lines for r in p.runs]
    assert "".join(r.text for r in runs if r.font.italic) == "Where were youalone"
    assert "".join(r.text for r in runs if r.font.bold) == "home"
    assert [r.text for r in runs if r.font.highlight_color and r.font.italic] == ["were"]


def test_pdf_sets_the_italic_words_in_an_italic_face(tmp_path: Path, styled: Transcript) -> None:
    tool = shutil.which("pdffonts")
    assert tool is not None, "pdffonts (poppler-utils) is needed"
    fonts_of = {}
    for name, transcript in (("styled", styled), ("plain", _unstyled(styled))):
        (tmp_path / name).mkdir()
        out = export_to(tmp_path / name, transcript, "pdf")
        listing = subprocess.run([tool, str(out)], capture_output=True, text=True, check=True)
        fonts_of[name] = listing.stdout.lower()
    # The same text and highlight both times: only the styling brings an italic face in.
    assert any(word in fonts_of["styled"] for word in ("italic", "oblique"))
    assert not any(word in fonts_of["plain"] for word in ("italic", "oblique"))


def _unstyled(transcript: Transcript) -> Transcript:
    copy = read_srt(SOURCE).transcript
    copy.title = transcript.title
    for line in copy.lines:
        line.styles = []
    copy.lines[0].highlights = list(transcript.lines[0].highlights)
    return copy
