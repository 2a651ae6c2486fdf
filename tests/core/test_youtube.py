"""A transcript pasted from YouTube's "Show transcript" panel: stamps, text, chapter titles."""

from __future__ import annotations

import contextlib
import shutil
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.formats import registry
from app.core.formats.base import TranscriptFormatError
from app.core.formats.youtube import read_youtube, sniff_youtube
from app.core.transcript import Transcript
from tests.conftest import DATA


def _read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def _starts_texts(transcript: Transcript) -> list[tuple[int, str]]:
    return [(x.start_ms, x.text) for x in transcript.lines]


def test_paste_with_chapter_titles() -> None:
    result = read_youtube(_read("youtube-paste.txt"))
    assert _starts_texts(result.transcript) == [
        (0, "hello everyone and welcome"),
        (4_000, "to the show"),
        (9_000, "today we look at\ntwo things at once"),  # "9 seconds" restated the stamp
        (62_000, "first the news"),
        (67_000, "and the weather"),
        (3_723_000, "any questions"),
    ]
    lines = result.transcript.lines
    assert all(x.end_inferred and x.speaker == "" for x in lines)
    for line, following in pairwise(lines):
        assert line.end_ms == following.start_ms
    assert lines[-1].end_ms > lines[-1].start_ms
    issues = [(i.line_no, i.repaired, i.reason) for i in result.report.issues]
    assert issues == [
        (1, False, "text before the first time stamp"),  # the panel's "Transcript" heading
        (2, False, "chapter title"),  # "Intro": top of the paste, right above a stamp
        (12, False, "chapter title"),  # "Main Part": after a blank row
        (17, False, "chapter title"),  # "Q&A": a heading-like second row above a stamp
        (20, False, "time stamp with no text"),
    ]
    for title in ("Intro", "Main Part", "Q&A", "Transcript"):
        assert all(title not in x.text for x in lines)


def test_second_rows_that_read_as_text_stay_text() -> None:
    text = "0:01\nhello\nthere.\n0:02\nJOHN: hi\nMARY: hey\n0:03\nlast\n"
    assert [x.text for x in read_youtube(text).transcript.lines] == [
        "hello\nthere.",  # ends like a sentence
        "JOHN: hi\nMARY: hey",  # a speaker label, not a heading
        "last",
    ]


def test_broken_paste_is_reported_with_line_numbers() -> None:
    result = read_youtube(_read("youtube-broken.txt"))
    assert _starts_texts(result.transcript) == [
        (1_000, "fine"),
        (6_000, "after an empty stamp\njoined after a blank\nand this row too"),
        (4_000, "back in time"),
    ]
    issues = {(i.line_no, i.repaired): i.reason for i in result.report.issues}
    assert set(issues) == {(3, False), (5, False), (9, True), (11, True)}
    assert "below 60" in issues[3, False]
    assert "no text" in issues[5, False]
    assert "joined" in issues[9, True]
    assert "backwards" in issues[11, True]


def test_text_without_bare_stamps_is_refused() -> None:
    with pytest.raises(TranscriptFormatError, match="no time stamps"):
        read_youtube("0:05 glued to the text\n")
    with pytest.raises(TranscriptFormatError, match="no transcript lines"):
        read_youtube("0:05\n0:06\n")


def test_sniff() -> None:
    assert sniff_youtube(_read("youtube-paste.txt")) == 0.97
    for other in ("news-page.txt", "srt-quirks.srt", "plain-stamped.txt", "otter.txt"):
        assert sniff_youtube(_read(other)) < 0.5
    # Even with the panel's "Transcript" heading, which makes the page reader sure too.
    assert registry.sniff(_read("youtube-paste.txt")).name == "youtube"
    assert registry.sniff(_read("news-page.txt")).name == "page"


def test_content_picks_youtube_over_page_for_a_txt_file(tmp_path: Path) -> None:
    path = tmp_path / "pasted.txt"
    shutil.copy(DATA / "youtube-paste.txt", path)
    result = registry.read_path(path)
    assert result.report.format == "youtube"
    assert len(result.transcript.lines) == 6


@given(st.text())
def test_any_text_raises_only_format_errors(text: str) -> None:
    try:
        result = read_youtube(text)
    except TranscriptFormatError as err:
        assert "\n" not in str(err)
    else:
        assert result.report.lines_read == len(result.transcript.lines) > 0


_PIECES = ["0:00", "1:02:03", "9:99", "\n", "\n\n", "Intro", "hello", "2 seconds", "x.", " "]


@given(st.lists(st.sampled_from(_PIECES)))
def test_paste_like_noise_raises_only_format_errors(pieces: list[str]) -> None:
    with contextlib.suppress(TranscriptFormatError):
        result = read_youtube("".join(pieces))
        assert all(line.end_ms >= line.start_ms for line in result.transcript.lines)
