from app.core.transcript import Word
from app.core.word_spans import WordSpan, span_at_char, span_at_ms, word_spans

WORDS = [Word(0, 400, " The"), Word(400, 900, " talks"), Word(1000, 1500, " resumed.")]


def test_words_are_found_in_order_with_their_offsets() -> None:
    text = "The talks resumed."
    spans = word_spans(text, WORDS)
    assert [text[s.lo : s.hi] for s in spans] == ["The", "talks", "resumed."]
    assert spans[1] == WordSpan(400, 900, 4, 9)


def test_a_word_an_edit_took_away_is_skipped_and_the_rest_kept() -> None:
    text = "The meeting resumed."
    assert [text[s.lo : s.hi] for s in word_spans(text, WORDS)] == ["The", "resumed."]


def test_the_word_at_a_time_and_at_a_character() -> None:
    spans = word_spans("The talks resumed.", WORDS)
    assert span_at_ms(spans, 450) == spans[1]
    assert span_at_ms(spans, 950) is None, "between words"
    assert span_at_char(spans, 6) == spans[1]
    assert span_at_char(spans, 9) == spans[1], "just after its last letter"
    assert span_at_ms([], 10) is None
