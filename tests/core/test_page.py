"""A video page copied from a browser (tests/data/news-page.txt) becomes a clean transcript."""

from __future__ import annotations

from itertools import pairwise

import pytest

from app.core.formats.base import ReadResult, TranscriptFormatError
from app.core.formats.page import read_page
from tests.conftest import DATA

# Read off news-page.txt by eye, one per stamped row, in file order.
EXPECTED_STARTS_MS = [
    0, 26_000, 32_000, 37_000, 44_000, 45_000, 51_000, 55_000, 61_000, 66_000,
    72_000, 77_000, 83_000, 89_000, 94_000, 100_000, 104_000, 111_000, 116_000, 119_000,
    125_000, 126_000, 129_000, 135_000, 138_000, 143_000, 144_000, 145_000, 150_000, 155_000,
    158_000, 160_000, 161_000, 164_000, 168_000, 169_000, 174_000, 175_000, 180_000, 182_000,
    183_000, 186_000, 187_000, 194_000, 195_000, 201_000, 203_000, 206_000, 208_000, 211_000,
    214_000, 221_000, 226_000, 231_000, 236_000, 238_000, 245_000, 248_000, 252_000, 256_000,
    262_000,
]  # fmt: skip

EXPECTED_TAGS = [
    "RussiaUkraineWar", "Putin", "Trump", "PeaceTalks", "BreakingNews", "Ukraine", "Russia",
    "Geopolitics", "WorldNews", "Diplomacy", "WarUpdate", "Moscow", "USRussia", "Ceasefire",
    "GlobalAffairs", "SecurityTalks", "Territory", "InternationalRelations", "HeadlineNews",
    "Conflict",
]  # fmt: skip


@pytest.fixture(scope="module")
def news() -> ReadResult:
    return read_page((DATA / "news-page.txt").read_text(encoding="utf-8"))


def test_news_page_has_61_lines_at_the_page_times(news: ReadResult) -> None:
    starts = [line.start_ms for line in news.transcript.lines]
    assert len(EXPECTED_STARTS_MS) == 61
    assert starts == EXPECTED_STARTS_MS
    assert news.report.lines_read == 61
    assert news.report.clean


def test_first_and_last_lines(news: ReadResult) -> None:
    first, last = news.transcript.lines[0], news.transcript.lines[-1]
    assert first.start_ms == 0
    assert first.text.startswith("After months of stalled diplomacy")
    assert first.text.endswith("late-night meeting in Moscow")
    assert last.start_ms == 262_000
    assert last.text.startswith("Until those questions are answered")
    assert last.text.endswith("advancing side-by-side.")
    assert last.end_ms > last.start_ms  # the last line still gets some length


def test_each_line_ends_where_the_next_starts(news: ReadResult) -> None:
    lines = news.transcript.lines
    for line, following in pairwise(lines):
        assert line.end_ms == following.start_ms
    assert all(line.end_inferred for line in lines)


def test_metadata_is_kept(news: ReadResult) -> None:
    meta = news.transcript.metadata
    assert meta.tags == EXPECTED_TAGS
    assert meta.category == "News"
    assert meta.description.startswith("After months of deadlock and battlefield escalation")
    assert "Abu Dhabi" in meta.description


def test_no_page_furniture_in_lines(news: ReadResult) -> None:
    for line in news.transcript.lines:
        for furniture in ("Skip to", "~HT.318", "Comments", "Recommended", "Category", "#Putin"):
            assert furniture not in line.text
    assert "Skip to" not in news.transcript.metadata.description
    assert "~HT.318" not in news.transcript.metadata.description


def test_stamp_followed_by_a_space() -> None:
    result = read_page("Transcript\n0:05 Hello there\n0:09 General Kenobi\n")
    assert [(line.start_ms, line.text) for line in result.transcript.lines] == [
        (5_000, "Hello there"),
        (9_000, "General Kenobi"),
    ]


def test_hour_stamps() -> None:
    result = read_page("1:59:58 Almost two hours\n2:00:03 Two hours in\n")
    assert [line.start_ms for line in result.transcript.lines] == [7_198_000, 7_203_000]
    assert result.transcript.lines[0].end_ms == 7_203_000


def test_text_without_stamps_is_refused() -> None:
    with pytest.raises(TranscriptFormatError, match="no time stamps"):
        read_page("Just a paragraph of prose.\nNo times anywhere in it.\n")


def _last_rows(tail: str) -> ReadResult:
    """The news page with its last stamped row wrapped onto a second row, as pages do."""
    page = (DATA / "news-page.txt").read_text(encoding="utf-8")
    last = "side-by-side.\n"
    assert page.count(last) == 1
    return read_page(page.replace(last, last + tail, 1))


def test_text_after_the_last_stamp_is_joined_and_reported_as_in_the_middle() -> None:
    result = _last_rows("onto a second row\nComments\n")
    last = result.transcript.lines[-1]
    assert last.text.endswith("advancing side-by-side. onto a second row")
    rows = (DATA / "news-page.txt").read_text(encoding="utf-8").split("\n")
    where = rows.index(next(r for r in rows if r.endswith("side-by-side."))) + 2
    assert [(i.line_no, i.reason) for i in result.report.issues if i.line_no == where] == [
        (where, "text without a time stamp joined to the line above")
    ]


def test_rows_after_the_last_stamp_are_kept_when_the_file_ends_there() -> None:
    page = "Transcript\n00:01First line\n00:05Last line goes on\nonto a second row\nand a third"
    result = read_page(page)
    assert [line.text for line in result.transcript.lines] == [
        "First line",
        "Last line goes on onto a second row and a third",
    ]
    assert [(i.line_no, i.repaired) for i in result.report.issues] == [(4, True), (5, True)]
