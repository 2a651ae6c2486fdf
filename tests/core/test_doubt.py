"""Most doubtful first: the second opinion's marked lines by their doubt, then lines with words
the recogniser was unsure of, by the least probable word; and the walk through that order."""

from __future__ import annotations

from app.core.asr_opinion import second_opinion
from app.core.doubt import doubtful_lines, low_confidence, step
from app.core.transcript import Line, Word
from app.core.word_spans import word_spans


def _line(start: int, text: str, probabilities: list[float | None] | None = None) -> Line:
    words = []
    if probabilities is not None:
        for n, (token, p) in enumerate(zip(text.split(), probabilities, strict=True)):
            words.append(Word(start + n * 300, start + n * 300 + 250, token, p))
    return Line(start, start + 2_000, text, words=words)


def test_unsure_words_are_found_in_the_text_with_their_probability() -> None:
    line = _line(0, "we met Vladimir Putin", [0.95, 0.9, 0.31, 0.62])
    unsure = low_confidence(word_spans(line.text, line.words))
    assert [(line.text[s.lo : s.hi], s.confidence) for s in unsure] == [("Vladimir", 0.31)]
    assert low_confidence(word_spans(line.text, line.words), below=0.7)[1].confidence == 0.62


def test_lines_by_their_least_probable_word_then_row() -> None:
    lines = [
        _line(0, "all clear here", [0.9, 0.9, 0.9]),
        _line(2_000, "a name Zelensky", [0.9, 0.8, 0.42]),
        _line(4_000, "typed by hand"),  # no word probabilities: never doubtful by them
        _line(6_000, "mumbled something", [0.12, 0.7]),
        _line(8_000, "another Zelensky", [0.9, 0.42]),
    ]
    order = doubtful_lines(lines)
    assert [(d.row, d.word) for d in order] == [(3, "mumbled"), (1, "Zelensky"), (4, "Zelensky")]
    assert all(d.reason == "word" for d in order)


def test_the_audio_s_marks_come_before_unsure_words() -> None:
    lines = [
        _line(0, "the talks in Geneva", [0.9, 0.9, 0.9, 0.3]),
        _line(2_000, "ended late at night", [0.9, 0.9, 0.9, 0.9]),
    ]
    heard = [  # the recogniser heard "... ended late at noon", sure of it
        Word(0, 300, "the", 0.9),
        Word(300, 600, "talks", 0.9),
        Word(600, 900, "in", 0.9),
        Word(900, 1_400, "Geneva", 0.9),
        Word(2_000, 2_300, "ended", 0.95),
        Word(2_300, 2_600, "late", 0.95),
        Word(2_600, 2_900, "at", 0.95),
        Word(2_900, 3_300, "noon", 0.97),
    ]
    opinions = second_opinion(lines, heard)
    order = doubtful_lines(lines, opinions)
    assert [(d.row, d.reason) for d in order] == [(1, "audio"), (0, "word")]
    assert (order[0].word, order[0].heard) == ("night", "noon") and order[0].value >= 0.5


def test_the_walk_goes_through_the_order_and_stops_at_its_ends() -> None:
    order = [7, 2, 9]
    assert step(order, None, True) == 0, "from no line: the most doubtful"
    assert step(order, 4, True) == 0 and step(order, 4, False) == 2
    assert step(order, 7, True) == 1 and step(order, 2, True) == 2
    assert step(order, 9, True) is None, "past the last"
    assert step(order, 7, False) is None
    assert step([], 3, True) is None
