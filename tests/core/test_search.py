"""Find and filter: folded text, the search index against the one-line-at-a-time definition,
and the "next flagged" jumps."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.search import (
    LineFilter,
    SearchIndex,
    fold,
    has_note,
    is_flagged,
    is_unreviewed,
    next_row,
)
from app.core.transcript import STATUSES, Highlight, Line, Note


def line(
    text: str,
    *,
    status: str = "unreviewed",
    notes: int = 0,
    tags: tuple[str, ...] = (),
    speaker: str = "",
) -> Line:
    return Line(
        start_ms=0,
        end_ms=1000,
        text=text,
        status=status,
        speaker=speaker,
        notes=[Note(body=f"note {i}") for i in range(notes)],
        highlights=[Highlight(0, 1, tag) for tag in tags],
    )


@pytest.mark.parametrize(
    ("typed", "text"),
    [
        ("Zelenskyy", "zélenskyy"),
        ("zelenskyy", "ZÉLENSKYY"),
        ("STRASSE", "straße"),
        ("cafe", "Café crème"),
        ("creme", "Café crème"),
        ("fine", "ﬁne"),  # the fi ligature
        ("nino", "NIÑO"),
        ("ÅNGSTRÖM", "angstrom"),
        ("two words", "two   words"),  # white space runs fold to one space
    ],
)
def test_fold_matches_across_case_and_accents(typed: str, text: str) -> None:
    assert fold(typed) in fold(text)


def test_fold_keeps_letters_apart() -> None:
    assert fold(" Zélenskyy ") == "zelenskyy"
    assert fold("minister") not in fold("ministre")
    assert fold("Москва") == "москва"
    assert fold("İstanbul") == "istanbul"


def test_empty_filter() -> None:
    assert LineFilter().is_empty()
    assert LineFilter(text="   ").is_empty()
    assert not LineFilter(text="a").is_empty()
    assert not LineFilter(status="flagged").is_empty()
    assert not LineFilter(has_notes=True).is_empty()
    assert not LineFilter(speaker="").is_empty()  # "lines without a speaker" is a filter


LINES = [
    line("The minister said talks would resume", status="flagged", notes=1, speaker="Anna"),
    line("Zelenskyy met the minister", tags=("Quote",), speaker="Ben"),
    line("Nothing to see here", status="approved"),
    line("Die Straße war leer", notes=2, tags=("Error", "Quote"), speaker="Anna"),
    line("the MINISTER SAID no", status="flagged"),
]


@pytest.mark.parametrize(
    ("filt", "rows"),
    [
        (LineFilter(), [0, 1, 2, 3, 4]),
        (LineFilter(text="minister said"), [0, 4]),
        (LineFilter(text="zélenskyy"), [1]),
        (LineFilter(text="STRASSE"), [3]),
        (LineFilter(text="minister", status="flagged"), [0, 4]),
        (LineFilter(text="minister", has_notes=True), [0]),
        (LineFilter(tag="Quote"), [1, 3]),
        (LineFilter(tag="Quote", speaker="Anna"), [3]),
        (LineFilter(speaker=""), [2, 4]),
        (LineFilter(status="approved", text="minister"), []),
    ],
)
def test_matches(filt: LineFilter, rows: list[int]) -> None:
    assert SearchIndex(LINES).matches(filt) == rows


def test_typing_narrows_and_backspace_widens() -> None:
    index = SearchIndex(LINES)
    seen = [index.matches(LineFilter(text="minister said"[:n])) for n in range(1, 14)]
    assert seen[-1] == [0, 4]
    assert index.matches(LineFilter(text="m")) == seen[0]
    assert index.matches(LineFilter(text="mi", status="flagged")) == [0, 4]


def test_update_after_a_line_changed() -> None:
    lines = [line(t.text, status=t.status) for t in LINES]
    index = SearchIndex(lines)
    assert index.matches(LineFilter(text="minister")) == [0, 1, 4]
    lines[1].text = "Zelenskyy met the president"
    index.update(1, lines[1])
    assert index.matches(LineFilter(text="minister")) == [0, 4]
    lines[0].status = "approved"
    index.update(0, lines[0])
    assert index.matches(LineFilter(text="minister", status="flagged")) == [4]


def test_within_limits_the_search() -> None:
    assert SearchIndex(LINES).matches(LineFilter(text="the"), within=[1, 2]) == [1]


# -- the index agrees with the plain definition, whatever the lines and filters --------------

_WORDS = [
    "minister",
    "MINISTER",
    "ministre",
    "said",
    "Saïd",
    "straße",
    "STRASSE",
    "zélenskyy",
    "Zelenskyy",
    "café",
    "cafe",
    "a",
    "é",
    "ß",
    "ss",
    " ",
    "  ",
]
texts = st.lists(st.sampled_from(_WORDS), max_size=6).map(" ".join)
lines_st = st.builds(
    line,
    texts,
    status=st.sampled_from(STATUSES),
    notes=st.integers(0, 2),
    tags=st.lists(st.sampled_from(["Quote", "Error"]), max_size=2).map(tuple),
    speaker=st.sampled_from(["", "Anna", "Ben"]),
)
filters = st.builds(
    LineFilter,
    text=st.one_of(texts, st.sampled_from(_WORDS), st.text(max_size=3)),
    status=st.none() | st.sampled_from(STATUSES),
    has_notes=st.booleans(),
    tag=st.none() | st.sampled_from(["Quote", "Error", "Other"]),
    speaker=st.none() | st.sampled_from(["", "Anna", "Ben"]),
)


def naive(lines: list[Line], filt: LineFilter) -> list[int]:
    return [row for row, ln in enumerate(lines) if filt.accepts(ln)]


@settings(max_examples=300, deadline=None)
@given(st.lists(lines_st, max_size=30), st.lists(filters, min_size=1, max_size=8))
def test_index_matches_the_plain_filter(lines: list[Line], queries: list[LineFilter]) -> None:
    index = SearchIndex(lines)
    for filt in queries:  # one index for all: cached results must never leak into the next
        assert index.matches(filt) == naive(lines, filt)


@settings(max_examples=200, deadline=None)
@given(st.lists(lines_st, min_size=1, max_size=20), texts, st.data())
def test_typing_one_key_at_a_time(lines: list[Line], typed: str, data: st.DataObject) -> None:
    index = SearchIndex(lines)
    status = data.draw(st.none() | st.sampled_from(STATUSES))
    for n in [*range(len(typed) + 1), *range(len(typed), -1, -1)]:  # type, then backspace
        filt = LineFilter(text=typed[:n], status=status)
        assert index.matches(filt) == naive(lines, filt)
    row = data.draw(st.integers(0, len(lines) - 1))
    lines[row].text = data.draw(texts)
    lines[row].status = data.draw(st.sampled_from(STATUSES))
    index.update(row, lines[row])
    filt = LineFilter(text=typed, status=status)
    assert index.matches(filt) == naive(lines, filt)


# -- next flagged / unreviewed / note --------------------------------------------------------

JUMP = [
    line("0", status="flagged"),
    line("1", status="approved", notes=1),
    line("2"),
    line("3", status="flagged"),
    line("4", status="approved"),
]


def test_next_row_searches_after_start_and_wraps() -> None:
    assert next_row(JUMP, 0, is_flagged) == 3
    assert next_row(JUMP, 3, is_flagged) == 0  # wrapped to the top
    assert next_row(JUMP, 3, is_flagged, wrap=False) is None
    assert next_row(JUMP, -1, is_flagged) == 0  # no current line: from the top
    assert next_row(JUMP, 2, is_unreviewed) is None  # the only one is where we are
    assert next_row(JUMP, 4, has_note) == 1
    assert next_row(JUMP, 1, has_note) is None
    assert next_row([], -1, is_flagged) is None


def test_next_row_within_a_filtered_view() -> None:
    assert next_row(JUMP, 0, is_flagged, within=[1, 2, 4]) is None
    assert next_row(JUMP, 4, lambda _ln: True, within=[1, 2, 4]) == 1
    assert next_row(JUMP, 3, lambda _ln: True, within=[0, 2, 4]) == 4  # start not in within


@given(st.lists(st.sampled_from(STATUSES), max_size=20), st.integers(-1, 20), st.booleans())
def test_next_row_is_the_first_match_in_reading_order(
    statuses: list[str], start: int, wrap: bool
) -> None:
    lines = [line(str(i), status=s) for i, s in enumerate(statuses)]
    start = min(start, len(lines) - 1)
    order = list(range(start + 1, len(lines))) + (list(range(start)) if wrap else [])
    expected = next((r for r in order if lines[r].status == "flagged"), None)
    assert next_row(lines, start, is_flagged, wrap=wrap) == expected
