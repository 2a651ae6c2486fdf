"""Copy as quote (the pure part the window calls) and the quote sheet it feeds."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest

from app.core.asr_opinion import second_opinion
from app.core.quotes import make_quote, moment_link, typographic
from app.core.transcript import Line, MediaInfo, Metadata, Transcript, Word
from app.export.options import ExportError
from app.export.quote_sheet import write_quote_sheet


def _words(text: str, start: int, end: int) -> list[Word]:
    parts = text.split()
    step = (end - start) // len(parts)
    return [Word(start + i * step, start + (i + 1) * step, w, 0.97) for i, w in enumerate(parts)]


def test_an_approved_line_is_quoted_in_typographic_quotes_with_its_source(
    transcript: Transcript,
) -> None:
    quote = make_quote(transcript, 0)
    assert quote.plain() == (
        "“Good evening, here is the news.”\n"
        "— Anna, Evening News: 1/5 <draft>, 00:00–00:02\n"
        "file:///videos/evening%20news.mp4#t=0"
    )
    assert quote.problems == [] and quote.review_state == "approved"
    assert quote.status_message() == "Quote copied."


def test_the_corrected_words_are_quoted_and_a_flagged_line_warns(transcript: Transcript) -> None:
    quote = make_quote(transcript, 1, start_char=4, end_char=29)
    assert quote.text == "minister said talks would"  # the correction, not "minster"
    assert quote.plain().splitlines()[-1] == "⚠ Check before quoting: line 2 is flagged."
    assert "line 2 is flagged" in quote.status_message()
    assert quote.review_state == "flagged"


def test_an_unreviewed_line_in_a_selection_warns_by_its_number(transcript: Transcript) -> None:
    quote = make_quote(transcript, 0, 2)
    assert quote.speakers == ("Anna", "Jörg")
    assert "— Anna and Jörg," in quote.plain()
    assert quote.warning() == ("⚠ Check before quoting: line 2 is flagged; line 3 is unreviewed.")


def test_a_line_the_audio_heard_otherwise_warns_even_when_approved() -> None:
    lines = [
        Line(0, 3000, "We will cut taxes next year.", speaker="Mia", status="approved", id=7),
        Line(3000, 6000, "That is our plan.", speaker="Mia", status="approved", id=8),
    ]
    heard = _words("We will raise taxes next year.", 0, 3000) + _words(
        "That is our plan.", 3000, 6000
    )
    opinions = second_opinion(lines, heard)
    transcript = Transcript(lines=lines, title="Budget")
    quote = make_quote(transcript, 0, 1, opinions=opinions)
    assert "line 1 differs from the audio (“cut” heard as “raise”)" in quote.warning()
    assert quote.review_state == "check"
    # The second line alone agrees with the audio: no warning.
    assert make_quote(transcript, 1, opinions=opinions).warning() == ""


def test_html_quote_links_the_moment_and_escapes_the_text(transcript: Transcript) -> None:
    quote = make_quote(transcript, 3)
    html = quote.html()
    assert '<a href="file:///videos/evening%20news.mp4#t=90">' in html
    assert "<cite>Evening News: 1/5 &lt;draft&gt;</cite>" in html
    assert "“=HYPERLINK(‘http://evil’)”" in html  # inner quotes typographic, nothing live
    assert "line 4 is flagged" in html


def test_youtube_and_vimeo_links_open_at_the_quote() -> None:
    lines = [Line(83_600, 90_000, "Hello", status="approved")]
    yt = Transcript(
        lines=lines,
        metadata=Metadata("Watch https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=5 today."),
        media=MediaInfo("/tmp/a.mp4"),
    )
    assert moment_link(yt, 83_600) == "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=83"
    short = Transcript(lines=lines, media=MediaInfo("https://youtu.be/dQw4w9WgXcQ"))
    assert moment_link(short, 83_600) == "https://youtu.be/dQw4w9WgXcQ?t=83"
    vimeo = Transcript(lines=lines, metadata=Metadata(tags=["https://vimeo.com/76979871"]))
    assert moment_link(vimeo, 83_600) == "https://vimeo.com/76979871#t=83s"
    assert moment_link(Transcript(lines=lines, media=MediaInfo("clip.mp4")), 0) is None


def test_typographic_quotes_and_apostrophes() -> None:
    assert typographic("He said \"don't\" in the '90s") == "He said ‘don’t’ in the ’90s"
    assert typographic("'quoted' here") == "‘quoted’ here"


def test_an_empty_selection_is_refused_in_words(transcript: Transcript) -> None:
    with pytest.raises(ValueError, match="no words"):
        make_quote(transcript, 0, start_char=5, end_char=5)
    with pytest.raises(ValueError, match="no such rows"):
        make_quote(transcript, 9)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append(dict(attrs).get("href") or "")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def test_quote_sheet_in_three_formats_lists_each_quote_with_its_state(
    tmp_path: Path, transcript: Transcript
) -> None:
    quotes = [make_quote(transcript, 0), make_quote(transcript, 1)]
    write_quote_sheet(quotes, tmp_path / "q.html", title=transcript.title)
    reader = _Text()
    reader.feed((tmp_path / "q.html").read_text(encoding="utf-8"))
    text = "".join(reader.parts)
    assert "1. Approved" in text and "2. Flagged" in text
    assert "“The minister said talks would resume.”" in text
    assert "Checked by:" in text
    assert reader.links == [
        "file:///videos/evening%20news.mp4#t=0",
        "file:///videos/evening%20news.mp4#t=2.5",
    ]

    write_quote_sheet(quotes, tmp_path / "q.md")
    md = (tmp_path / "q.md").read_text(encoding="utf-8")
    assert "## 2. Flagged" in md and "**⚠ Check before quoting: line 2 is flagged.**" in md

    write_quote_sheet(quotes, tmp_path / "q.docx", title="News")
    paras = [p.text for p in docx.Document(str(tmp_path / "q.docx")).paragraphs]
    assert paras[0] == "Quote sheet: News"
    assert "“Good evening, here is the news.”" in paras
    assert "⚠ Check before quoting: line 2 is flagged." in paras


def test_quote_sheet_refuses_bad_requests_and_leaves_no_file(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="no quotes"):
        write_quote_sheet([], tmp_path / "q.html")
    with pytest.raises(ExportError, match="not 'pdf'"):
        write_quote_sheet([], tmp_path / "q.pdf")
    assert list(tmp_path.iterdir()) == []


def test_the_quote_list_follows_the_review_and_says_when_a_line_is_gone(
    transcript: Transcript, tmp_path: Path
) -> None:
    from app.core.quotes import QuoteList

    book = QuoteList()
    book.add(make_quote(transcript, 2), None, None)
    book.add(make_quote(transcript, 1, start_char=4, end_char=12), 4, 12)
    assert [q.review_state for q in book.quotes] == ["check", "flagged"]

    transcript.lines[2].status = "approved"  # reviewed since the copy
    transcript.lines[1].text = "The ministers said talks would resume."  # corrected since
    assert book.refresh(transcript) == []
    assert book.quotes[0].review_state == "approved" and book.quotes[0].warning() == ""
    assert book.quotes[1].text == "minister"

    del transcript.lines[1]
    assert book.refresh(transcript) == ["quote 2: a quoted line is no longer in the transcript"]
    assert book.quotes[1].review_state == "check"
    assert book.quotes[1].warning() == "⚠ Check before quoting: line 2 was deleted since the copy."
    write_quote_sheet(book.quotes, tmp_path / "s.md")
    assert "## 1. Approved" in (tmp_path / "s.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("count", "said"), [(1, "1 quote"), (2, "2 quotes")])
def test_the_sheet_counts_its_quotes(
    transcript: Transcript, tmp_path: Path, count: int, said: str
) -> None:
    quotes = [make_quote(transcript, row) for row in range(count)]
    for name in ("q.md", "q.html"):
        write_quote_sheet(quotes, tmp_path / name)
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert said in text and "(s)" not in text
    write_quote_sheet(quotes, tmp_path / "q.docx")
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "q.docx")).paragraphs]
    assert said in paragraphs
