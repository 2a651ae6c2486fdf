"""Recognised words become lines a person reads: a sentence a line where it fits, never a word
lost or moved, no line past its length limits."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.core.asr_lines import LineBuilder, LineRules, lines_of
from app.core.transcript import Word

TEXT = st.sampled_from(
    ["the", "news", "tonight,", "Mr.", "U.S.", "said.", "why?", "Washington", "a", "talks"]
)


LONG = "After months of stalled diplomacy and battlefield escalation, a rare late-night meeting in Moscow has reopened the door."


@st.composite
def spoken(draw) -> list[Word]:
    words, at = [], 0
    for text in draw(st.lists(TEXT, max_size=80)):
        at += draw(st.sampled_from([0, 40, 200, 2_000]))
        length = draw(st.integers(50, 900))
        words.append(Word(at, at + length, text, 0.9))
        at += length
    return words


@given(spoken())
def test_every_word_kept_in_order_and_lines_within_limits(words) -> None:
    rules = LineRules()
    lines = lines_of(words, rules)
    assert [w for line in lines for w in line.words] == words
    for line in lines:
        assert line.text == " ".join(w.text for w in line.words)
        assert (line.start_ms, line.end_ms) == (line.words[0].start_ms, line.words[-1].end_ms)
        if len(line.words) > 1:
            assert len(line.text) <= rules.max_chars
            assert line.end_ms - line.start_ms <= rules.max_ms
        # A sentence ends a line, but "Mr." and "U.S." do not end sentences.
        inner = [w.text for w in line.words[:-1]]
        assert not any(t in ("said.", "why?") for t in inner)


def test_lines_follow_sentences_not_segments() -> None:
    builder = LineBuilder()
    first = [
        Word(0, 300, "Putin", 0.9),
        Word(300, 600, "met", 0.9),
        Word(600, 900, "envoys", 0.9),
        Word(900, 1_200, "of", 0.9),
        Word(1_200, 1_500, "Mr.", 0.9),
    ]
    second = [
        Word(1_500, 1_800, "Trump.", 0.9),
        Word(1_900, 2_200, "Talks", 0.9),
        Word(2_200, 2_500, "went", 0.9),
    ]
    assert builder.add(first) == []  # no sentence is complete yet
    (done,) = builder.add(second)
    assert done.text == "Putin met envoys of Mr. Trump."
    (rest,) = builder.finish()
    assert (rest.text, rest.start_ms, rest.end_ms) == ("Talks went", 1_900, 2_500)


def test_a_long_sentence_breaks_at_its_last_comma() -> None:
    texts = LONG.split()
    words = [Word(i * 300, i * 300 + 250, t, 0.9) for i, t in enumerate(texts)]
    lines = lines_of(words)
    assert [x.text for x in lines] == [
        "After months of stalled diplomacy and battlefield escalation,",
        "a rare late-night meeting in Moscow has reopened the door.",
    ]
