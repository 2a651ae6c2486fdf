"""Editing in app.core: times, split and merge, shifts, find & replace, word diffs."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.editing import (
    check_times,
    compile_find,
    corrections,
    kept_original_times,
    merge_lines,
    replace_in_text,
    shift_times,
    split_line,
    word_diff,
)
from app.core.transcript import Highlight, Line, Note, Origin, Word


def _line(**changes: object) -> Line:
    line = Line(
        1000,
        5000,
        "Welcome back to the show",
        speaker="ANNA",
        status="approved",
        notes=[Note("check the name", "ed", "2024-01-01", "2024-01-01", 7)],
        highlights=[
            Highlight(0, 7, "Quote", "#f9d65c", "", 11),  # "Welcome"
            Highlight(8, 17, "Error", "", "two words", 12),  # "back to t" across no cut
            Highlight(20, 24, "Quote", "", "", 13),  # "show"
        ],
        id=5,
    )
    for key, value in changes.items():
        setattr(line, key, value)
    return line


# -- times -------------------------------------------------------------------------------------


def test_times_refuse_a_negative_start_and_an_end_before_the_start() -> None:
    check_times(0, 0)
    check_times(1000, 2000)
    with pytest.raises(ValueError, match="The start cannot be negative"):
        check_times(-1, 10)
    with pytest.raises(ValueError) as err:
        check_times(4000, 3200)
    assert str(err.value) == "The end (0:00:03.200) is before the start (0:00:04.000)"


def test_shift_moves_copies_and_refuses_a_negative_start() -> None:
    lines = [Line(500, 900, "a", words=[Word(500, 700, "a")]), Line(1000, 2000, "b")]
    moved = shift_times(lines, -500)
    assert [(m.start_ms, m.end_ms) for m in moved] == [(0, 400), (500, 1500)]
    assert moved[0].words[0] == Word(0, 200, "a")
    assert lines[0].start_ms == 500 and lines[0].words[0].start_ms == 500  # untouched
    with pytest.raises(ValueError, match="before the start"):
        shift_times(lines, -501)


# -- split -------------------------------------------------------------------------------------


def test_split_cuts_text_time_and_highlights_and_keeps_notes_on_the_first_part() -> None:
    line = _line()
    first, second = split_line(line, 13)  # before "to"
    assert (first.text, second.text) == ("Welcome back", "to the show")
    assert first.id == 5 and second.id is None
    assert first.notes == line.notes and second.notes == []
    assert (first.speaker, second.speaker, first.status, second.status) == (
        "ANNA",
        "ANNA",
        "approved",
        "approved",
    )
    # 12 and 11 characters: the 4 s are cut in proportion.
    assert (first.start_ms, first.end_ms, second.start_ms, second.end_ms) == (
        1000,
        3087,
        3087,
        5000,
    )
    assert first.highlights == [
        Highlight(0, 7, "Quote", "#f9d65c", "", 11),
        Highlight(8, 12, "Error", "", "two words", 12),
    ]
    assert second.highlights == [
        Highlight(0, 4, "Error", "", "two words", None),  # the clipped copy: a new highlight
        Highlight(7, 11, "Quote", "", "", 13),
    ]
    assert first.original_text is None and second.original_text is None
    assert line.text == "Welcome back to the show"  # the argument is unchanged


def test_split_at_a_time_inside_the_line_uses_it() -> None:
    first, second = split_line(_line(), 13, at_ms=2000)
    assert (first.end_ms, second.start_ms) == (2000, 2000)
    first, second = split_line(_line(), 13, at_ms=5000)  # at the end: proportion instead
    assert first.end_ms == 3087


def test_split_refuses_an_empty_part() -> None:
    for at in (0, 24, -1, 99):
        with pytest.raises(ValueError, match="need some text"):
            split_line(_line(), at)
    with pytest.raises(ValueError):
        split_line(_line(text="one   "), 3)


def test_split_of_an_edited_line_keeps_the_original_on_the_first_part() -> None:
    line = _line(original_text="Welcom back to da show")
    first, second = split_line(line, 13)
    assert first.original_text == "Welcom back to da show"
    assert second.original_text == ""


def test_split_sends_words_to_the_part_they_start_in() -> None:
    words = [Word(1000, 2000, "one"), Word(2000, 3000, "two"), Word(3000, 4000, "three")]
    line = Line(1000, 4000, "one two three", words=words)
    first, second = split_line(line, 8, at_ms=3000)
    assert [w.text for w in first.words] == ["one", "two"]
    assert [w.text for w in second.words] == ["three"]


# -- merge -------------------------------------------------------------------------------------


def test_merge_joins_texts_times_notes_and_highlights() -> None:
    a = Line(0, 1000, "Hello", speaker="", status="approved", notes=[Note("n1", id=1)], id=3)
    a.highlights = [Highlight(0, 5, "Quote", id=20)]
    b = Line(900, 2500, "world.", speaker="BEN", end_inferred=True, status="flagged", id=4)
    b.notes, b.highlights = [Note("n2", id=2)], [Highlight(0, 5, "Error", id=21)]
    ab = merge_lines(a, b)
    assert ab.text == "Hello world."
    assert (ab.start_ms, ab.end_ms, ab.id, ab.speaker) == (0, 2500, 3, "BEN")
    assert ab.status == "flagged" and ab.end_inferred is True
    assert [n.id for n in ab.notes] == [1, 2]
    assert ab.highlights == [Highlight(0, 5, "Quote", id=20), Highlight(6, 11, "Error", id=21)]
    assert ab.original_text is None


@pytest.mark.parametrize(
    ("a", "b", "merged"),
    [
        ("approved", "approved", "approved"),
        ("approved", "unreviewed", "unreviewed"),
        ("unreviewed", "flagged", "flagged"),
        ("flagged", "approved", "flagged"),
    ],
)
def test_merge_status_is_the_least_settled(a: str, b: str, merged: str) -> None:
    assert merge_lines(Line(0, 1, "x", status=a), Line(1, 2, "y", status=b)).status == merged


def test_merge_skips_an_empty_side() -> None:
    merged = merge_lines(Line(0, 1, ""), Line(1, 2, "y", highlights=[Highlight(0, 1, "Q")]))
    assert merged.text == "y" and merged.highlights == [Highlight(0, 1, "Q")]


def test_split_then_merge_gives_back_the_line() -> None:
    for original_text in (None, "Welcom back to da show"):
        line = _line(original_text=original_text)
        for at in (7, 8, 12, 13, 15, 16):
            assert merge_lines(*split_line(line, at)) == line


@st.composite
def _line_and_cut(draw: st.DrawFn) -> tuple[Line, int]:
    word = st.text(min_size=1, max_size=6).filter(lambda w: not any(c.isspace() for c in w))
    words = draw(st.lists(word, min_size=2, max_size=8))
    text = " ".join(words)
    k = draw(st.integers(1, len(words) - 1))
    space = len(" ".join(words[:k]))  # the cut's space
    at = draw(st.sampled_from([space, space + 1]))  # before or after it
    spans = []
    for _ in range(draw(st.integers(0, 4))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        if start == space or end == space + 1:
            continue  # a highlight starting or ending on the cut's space loses that space
        spans.append((start, end))
    spans.sort()
    start_ms = draw(st.integers(0, 10**7))
    end_ms = start_ms + draw(st.integers(0, 10**6))
    edited = draw(st.booleans())
    words_timed = sorted(draw(st.lists(st.integers(start_ms, end_ms), max_size=5)))
    line = Line(
        start_ms,
        end_ms,
        text,
        speaker=draw(st.sampled_from(["", "ANNA"])),
        end_inferred=draw(st.booleans()),
        original_text=draw(st.text(min_size=1)).strip() or "x" if edited else None,
        status=draw(st.sampled_from(["unreviewed", "approved", "flagged"])),
        notes=[Note(f"note {i}", id=i + 1) for i in range(draw(st.integers(0, 2)))],
        highlights=[
            # Each its own tag: two alike ending at the cut cannot be told apart by merge.
            Highlight(s, e, f"T{i}", id=100 + i)
            for i, (s, e) in enumerate(spans)
        ],
        id=9,
        words=[Word(t, t, "w") for t in words_timed],
    )
    if line.original_text == line.text:
        line.original_text = None
    return line, at


@settings(max_examples=300, deadline=None)
@given(_line_and_cut())
def test_split_then_merge_round_trips_on_any_text(case: tuple[Line, int]) -> None:
    line, at = case
    first, second = split_line(line, at)
    assert first.text and second.text
    assert first.start_ms <= first.end_ms == second.start_ms <= second.end_ms
    assert merge_lines(first, second) == line


# -- find & replace ----------------------------------------------------------------------------


def test_replace_plain_text_ignores_case_by_default_and_takes_the_replacement_literally() -> None:
    assert replace_in_text("The cat and the CAT", "cat", r"dog\1") == (
        r"The dog\1 and the dog\1",
        2,
    )
    assert replace_in_text("The cat and the CAT", "cat", "dog", case=True) == (
        "The dog and the CAT",
        1,
    )
    assert replace_in_text("a.b a+b", "a.b", "x") == ("x a+b", 1)


def test_replace_whole_words() -> None:
    assert replace_in_text("cat catalog cat.", "cat", "dog", whole_words=True) == (
        "dog catalog dog.",
        2,
    )
    assert replace_in_text("Mr. Mr.x", "Mr.", "Mister", whole_words=True) == ("Mister Mr.x", 1)


def test_replace_with_a_regex_and_groups() -> None:
    assert replace_in_text("10 min, 5 min", r"(\d+) min", r"\1 minutes", regex=True) == (
        "10 minutes, 5 minutes",
        2,
    )
    with pytest.raises(ValueError, match="replacement"):
        replace_in_text("abc", "b", r"\3", regex=True)


def test_bad_patterns_have_readable_messages() -> None:
    with pytest.raises(ValueError, match=r"not a valid regular expression: .*at character"):
        compile_find("(unclosed", regex=True, whole_words=False, case=False)
    with pytest.raises(ValueError, match="Type something"):
        compile_find("", regex=False, whole_words=False, case=False)
    found = compile_find("a+", regex=False, whole_words=False, case=True)
    assert isinstance(found, re.Pattern) and found.search("xa+") is not None


# -- word diff ---------------------------------------------------------------------------------


def test_word_diff_runs() -> None:
    assert word_diff("Welcome back to the show", "Welcome back to our show") == [
        ("equal", "Welcome back to "),
        ("delete", "the"),
        ("insert", "our"),
        ("equal", " show"),
    ]
    assert word_diff("the cat sat", "a dog sat") == [
        ("delete", "the cat"),
        ("insert", "a dog"),
        ("equal", " sat"),
    ]
    assert word_diff("same", "same") == [("equal", "same")]
    assert word_diff("", "new") == [("insert", "new")]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40), st.text(max_size=40))
def test_word_diff_rebuilds_both_texts(old: str, new: str) -> None:
    runs = word_diff(old, new)
    assert "".join(t for kind, t in runs if kind != "insert") == old
    assert "".join(t for kind, t in runs if kind != "delete") == new
    assert all(t for _kind, t in runs)


def test_merge_and_split_say_what_the_line_was_made_of() -> None:
    a = Line(1000, 2000, "Hello there", original_text="Helo there")
    b = Line(2000, 3500, "friend.", original_start_ms=2100, original_end_ms=3500)
    ab = merge_lines(a, b)
    assert ab.origin == Origin("merged", ((1000, 2000, "Helo there"), (2100, 3500, "friend.")))
    assert corrections(ab) == ["merged", "text"]
    first, second = split_line(ab, 5)
    # Cut from a merged line: still made of the two lines as imported.
    assert first.origin == second.origin == Origin("split", ab.origin.lines if ab.origin else ())
    assert corrections(first) == ["split", "text"]


def test_a_retimed_line_split_and_merged_again_is_the_line_as_it_was() -> None:
    line = Line(4000, 6000, "one two", original_start_ms=3900, original_end_ms=6000)
    assert corrections(line) == ["times"]
    first, second = split_line(line, 3)
    assert corrections(first) == corrections(second) == ["split"]
    assert first.original_start_ms is None and second.origin == Origin(
        "split", ((3900, 6000, "one two"),)
    )
    back = merge_lines(first, second)
    assert back == line and corrections(back) == ["times"]
    assert kept_original_times(back, 3900, 6000) == (None, None)
    assert kept_original_times(back, 4100, 6000) == (3900, 6000)
