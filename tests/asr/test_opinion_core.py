"""The second opinion without a recogniser: a transcript against made-up heard words. What a
reviewer relies on: a word changed where the audio is clear is marked with what was heard, and
lines the audio agrees with carry no mark."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.asr_align import normalise
from app.core.asr_opinion import accept, most_doubtful_first, opinion_issues, second_opinion
from app.core.transcript import Line, Word

# Transcript words from a-m, replacements from n-z: a replacement never resembles the original.
WORD = st.text("abcdefghijklm", min_size=2, max_size=9)
OTHER = st.text("nopqrstuvwxyz", min_size=3, max_size=9)
LINES = st.lists(st.lists(WORD, min_size=2, max_size=8), min_size=1, max_size=12)


def _project(rows: list[list[str]]) -> tuple[list[Line], list[Word]]:
    """Lines 1 s apart, each word 200 ms, and the heard words exactly as spoken."""
    lines, heard = [], []
    for row, words in enumerate(rows):
        start = row * 2_000
        lines.append(Line(start, start + 200 * len(words), " ".join(words), id=100 + row))
        heard += [
            Word(start + 200 * i, start + 200 * (i + 1), w, 0.95) for i, w in enumerate(words)
        ]
    return lines, heard


def test_words_compare_as_spoken() -> None:
    assert normalise("U.S.") == normalise("US") == ["us"]
    assert normalise("high-stakes,") == ["high", "stakes"]
    assert normalise("Trump's") == normalise("Trump’s") == normalise("trump") == ["trump"]
    assert normalise("don't") == ["dont"]
    assert normalise("—") == []


@given(LINES)
def test_audio_that_agrees_marks_nothing(rows: list[list[str]]) -> None:
    lines, heard = _project(rows)
    opinions = second_opinion(lines, heard)
    assert [o.line_id for o in opinions] == [line.id for line in lines]
    assert all(o.score == 1.0 and not o.disagreements for o in opinions)


def _changed_word_is_marked(rows: list[list[str]], data: st.DataObject) -> None:
    lines, heard = _project(rows)
    row = data.draw(st.integers(0, len(rows) - 1))
    col = data.draw(st.integers(0, len(rows[row]) - 1))
    new = data.draw(OTHER)
    spoken = rows[row][col]
    words = [*rows[row][:col], new, *rows[row][col + 1 :]]
    lines[row].text = " ".join(words)
    opinions = second_opinion(lines, heard)
    marked = [o.row for o in opinions if o.marks]
    assert marked == [row]
    (mark,) = opinions[row].marks
    assert (mark.kind, mark.expected, mark.heard) == ("different", new, spoken)
    assert lines[row].text[mark.start : mark.end] == new
    assert mark.heard_start_ms == lines[row].start_ms + 200 * col
    assert opinions[row].score < 1.0
    assert most_doubtful_first(opinions)[0].row == row
    (issue,) = opinion_issues(opinions)
    assert (issue.row, issue.line_id, issue.kind) == (row, lines[row].id, "audio_disagrees")
    assert new in issue.message and spoken in issue.message


@settings(max_examples=60)
@given(LINES, st.data())
def test_a_changed_word_is_marked_with_what_was_heard(rows, data) -> None:
    _changed_word_is_marked(rows, data)


@pytest.mark.long
@settings(max_examples=3_000, deadline=None)
@given(LINES, st.data())
def test_a_changed_word_is_marked_long(rows, data) -> None:
    _changed_word_is_marked(rows, data)


def test_words_unheard_and_words_heard_but_missing() -> None:
    lines, heard = _project([["alpha", "bravo", "charlie"], ["delta", "echo", "foxtrot"]])
    lines[0].text = "alpha bravo charlie extraordinary"  # the audio never says it
    heard.insert(4, Word(2_200, 2_800, "unmentionable", 0.9))  # said, but not in line 2
    first, second = second_opinion(lines, heard)
    (unheard,) = first.marks
    assert (unheard.kind, unheard.expected, unheard.heard) == ("unsupported", "extraordinary", "")
    (missing,) = second.marks
    assert (missing.kind, missing.expected, missing.heard) == ("missing", "", "unmentionable")
    assert missing.start == missing.end == len("delta")  # where the heard word goes
    assert [w.text for w in second.heard] == ["delta", "unmentionable", "echo", "foxtrot"]


def test_an_unsure_mishearing_is_a_hint_not_a_mark() -> None:
    lines, heard = _project([["the", "committee", "met"], ["on", "tuesday", "evening"]])
    heard[1] = Word(heard[1].start_ms, heard[1].end_ms, "comedy", 0.2)
    first, second = second_opinion(lines, heard)
    assert not first.marks and first.disagreements[0].heard == "comedy"
    assert first.doubt > 0 and first.score < 1.0
    assert [o.row for o in most_doubtful_first([first, second])] == [0, 1]  # least supported first


def test_accepting_a_suggestion_takes_the_heard_words() -> None:
    lines, heard = _project([["alpha", "bravo", "charlie"]])
    heard.insert(3, Word(600, 800, "delta", 0.9))
    for typed, wanted in [
        ("alpha zulu charlie", "alpha bravo charlie delta"),  # different, then missing at the end
        ("alpha bravo extraordinary charlie", "alpha bravo charlie delta"),  # unsupported
    ]:
        lines[0].text = typed
        text = typed
        # Accept from the end of the line backwards, so earlier offsets stay valid.
        for mark in reversed(second_opinion(lines, heard)[0].marks):
            text = accept(text, mark)
        assert text == wanted


def test_non_speech_marks_are_not_words_to_hear() -> None:
    lines, heard = _project([["alpha", "bravo"], ["charlie", "delta"]])
    lines[0].text = "[Applause] alpha (laughs) bravo"
    lines[1].text = "♪ la la ♪ charlie delta"
    heard.insert(0, Word(0, 100, "[Music]", 0.9))
    opinions = second_opinion(lines, heard)
    assert all(not o.disagreements and o.score == 1.0 for o in opinions)
    lines[1].text = "charlie (Delta Force)"  # words in brackets that may well be said
    (mark,) = second_opinion(lines, heard)[1].marks
    assert (mark.kind, mark.expected) == ("unsupported", "Force)")  # "Delta" was heard


def test_speech_the_recogniser_skipped_is_no_evidence_against_the_transcript() -> None:
    lines, heard = _project([["alpha", "bravo"], ["extraordinary", "unbelievable"], ["charlie"]])
    del heard[2:4]  # nothing written for line 2
    silent = second_opinion(lines, heard, speech=[(0, 400), (4_000, 4_200)])
    assert [m.kind for m in silent[1].marks] == ["unsupported"]  # the audio is quiet there
    skipped = second_opinion(lines, heard, speech=[(0, 400), (2_000, 3_300), (4_000, 4_200)])
    assert skipped[1].disagreements and not skipped[1].marks  # there was speech: unsure
    assert skipped[1].doubt < silent[1].doubt
