"""Counted nouns read right on one and on two: "1 line", "2 lines", never "line(s)"."""

from __future__ import annotations

import json

import pytest

from app.core.asr_retime import RetimedLine, RetimeResult
from app.core.formats.vtt import read_vtt
from app.core.formats.whisper import read_whisper
from app.core.plural import plural


def test_plural_on_one_two_many_and_irregular() -> None:
    assert plural(1, "line") == "1 line"
    assert plural(2, "line") == "2 lines"
    assert plural(0, "note") == "0 notes"
    assert plural(1204, "line") == "1,204 lines"
    assert plural(1, "entry", "entries") == "1 entry"
    assert plural(2, "entry", "entries") == "2 entries"


def _retimed(row: int, moved: int) -> RetimedLine:
    return RetimedLine(row, row + 1, 1000, 2000, 1000 + moved, 2000 + moved, (), True)


@pytest.mark.parametrize(
    ("rows", "summary"),
    [(1, "1 of 1 line re-timed; 0 interpolated"), (2, "2 of 2 lines re-timed; 0 interpolated")],
)
def test_retime_report_counts_its_lines(rows: int, summary: str) -> None:
    result = RetimeResult(tuple(_retimed(row, 500) for row in range(rows)))
    assert result.report()[0].startswith(summary)


@pytest.mark.parametrize(
    ("nuls", "noun"), [(1, "1 NUL byte replaced"), (2, "2 NUL bytes replaced")]
)
def test_vtt_nul_repair_counts_its_bytes(nuls: int, noun: str) -> None:
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHel" + "\0" * nuls + "lo\n"
    (issue,) = read_vtt(text).report.issues
    assert issue.reason.startswith(noun)


@pytest.mark.parametrize(("untimed", "noun"), [(1, "1 word without"), (2, "2 words without")])
def test_whisper_untimed_words_counted(untimed: int, noun: str) -> None:
    words = [{"word": "Hello", "start": 1.0, "end": 1.4}]
    words += [{"word": f"w{i}"} for i in range(untimed)]
    data = {"segments": [{"start": 1.0, "end": 3.0, "text": "Hello w0 w1", "words": words}]}
    (issue,) = read_whisper(json.dumps(data)).report.issues
    assert issue.reason == f"segment 1: {noun} times placed between their neighbours"
