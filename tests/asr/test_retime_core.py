"""Re-timing without a recogniser: a transcript's text laid on made-up heard words. What a user
relies on: lines come back to where their words are spoken, lines with nothing heard are placed
between their neighbours and listed, and the edits are one list to apply (and undo) at once."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.asr_retime import retime, snap_to_speech
from app.core.transcript import Line, Word

WORD = st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=9)


def _spoken(rows: list[list[str]], gap: int) -> tuple[list[Line], list[Word]]:
    """Lines as spoken: each word 300 ms, ``gap`` ms of pause between lines."""
    lines, heard, at = [], [], 500
    for row, words in enumerate(rows):
        start = at
        for w in words:
            heard.append(Word(at, at + 300, w, 0.9))
            at += 300
        lines.append(Line(start, at, " ".join(words), id=10 + row))
        at += gap
    return lines, heard


SHIFTED = (
    st.lists(st.lists(WORD, min_size=1, max_size=6), min_size=1, max_size=15),
    st.integers(-400_000, 400_000),
    st.integers(0, 3_000),
)


@settings(max_examples=80)
@given(*SHIFTED)
def test_shifted_lines_come_back_to_their_words(rows, shift, gap) -> None:
    _come_back(rows, shift, gap)


@pytest.mark.long
@settings(max_examples=3_000, deadline=None)
@given(*SHIFTED)
def test_shifted_lines_come_back_long(rows, shift, gap) -> None:
    _come_back(rows, shift, gap)


def _come_back(rows, shift, gap) -> None:
    lines, heard = _spoken(rows, gap)
    truth = [(line.start_ms, line.end_ms) for line in lines]
    for line in lines:
        line.start_ms, line.end_ms = max(0, line.start_ms + shift), max(0, line.end_ms + shift)
    result = retime(lines, heard)
    assert [(r.start_ms, r.end_ms) for r in result.lines] == truth
    assert result.unanchored == []
    changed = {
        line.id for line, t in zip(lines, truth, strict=True) if (line.start_ms, line.end_ms) != t
    }
    assert {e[0] for e in result.edits} == changed
    assert all(len(r.words) == len(lines[r.row].text.split()) for r in result.lines)


def test_a_line_nothing_matched_is_interpolated_and_listed() -> None:
    lines, heard = _spoken([["one", "two"], ["three", "four"], ["five", "six"]], 1_000)
    # The middle line was heard as something else entirely, then nothing at all.
    del heard[2:4]
    result = retime(lines, heard)
    first, middle, last = result.lines
    assert (first.anchored, middle.anchored, last.anchored) == (True, False, True)
    assert result.unanchored == [1]
    assert first.end_ms <= middle.start_ms < middle.end_ms <= last.start_ms
    assert any("interpolated" in text for text in result.report())


def test_only_the_selected_rows_are_edited() -> None:
    lines, heard = _spoken([["alpha"], ["beta"], ["gamma"]], 500)
    for line in lines:
        line.start_ms += 3_000
        line.end_ms += 3_000
    result = retime(lines, heard, rows=[1])
    assert [r.row for r in result.lines] == [1]
    assert result.edits == [(11, heard[1].start_ms, heard[1].end_ms)]
    assert result.report()[1] == "line 2: start 3 s earlier"


def test_unheard_leading_words_are_placed_just_before_the_line_s_first_heard_word() -> None:
    lines, heard = _spoken([["well", "then"], ["so", "we", "begin", "now"]], 5_000)
    del heard[2:4]  # "so we" not heard: the line must not start in the 5 s pause
    (_, second) = retime(lines, heard).lines
    begin = heard[2].start_ms
    assert begin - 600 <= second.start_ms < begin
    assert second.anchored


def test_starts_snap_to_where_speech_begins() -> None:
    lines, heard = _spoken([["hello", "there"], ["general", "kenobi"]], 2_000)
    early = Word(heard[2].start_ms - 400, heard[2].end_ms, "general", 0.9)  # starts in the pause
    heard[2] = early
    result = retime(lines, heard)
    assert result.lines[1].start_ms == early.start_ms
    speech = [(500, 1_100), (3_100, 3_700)]
    snapped = snap_to_speech(result, speech)
    assert snapped.lines[1].start_ms == 3_100 == snapped.lines[1].words[0].start_ms
    assert snapped.lines[0].start_ms == 500


def test_a_line_with_nothing_to_hear_moves_with_its_neighbours() -> None:
    lines, heard = _spoken([["one", "two"], ["three", "four"]], 2_000)
    lines.insert(1, Line(lines[0].end_ms + 500, lines[0].end_ms + 1_500, "[Music]", id=99))
    for line in lines:
        line.start_ms += 3_000
        line.end_ms += 3_000
    music = retime(lines, heard).lines[1]
    assert (music.moved_ms, music.anchored, music.words) == (-3_000, False, ())
