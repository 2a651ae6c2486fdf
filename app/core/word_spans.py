"""Where a line's timed words (Line.words, from a recogniser or a Whisper JSON import) sit in its
text, so a word can be marked while it is spoken and a click on it can play from it.

The words are looked for in the text in order, each after the one before; a word the text no
longer has (an edit took it away) is skipped, so an edited line keeps the words it still has.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from typing import NamedTuple

from app.core.transcript import Word

__all__ = ["WordSpan", "span_at_char", "span_at_ms", "word_spans"]


class WordSpan(NamedTuple):
    start_ms: int
    end_ms: int
    lo: int  # offsets into the line's text
    hi: int
    confidence: float | None = None  # the recogniser's probability of the word, if known


def word_spans(text: str, words: Sequence[Word]) -> list[WordSpan]:
    """Each timed word found in ``text`` (in order), with its offsets."""
    spans: list[WordSpan] = []
    after = 0
    for word in words:
        token = word.text.strip()
        if not token:
            continue
        found = text.find(token, after)
        if found < 0:
            continue
        end = found + len(token)
        spans.append(WordSpan(word.start_ms, word.end_ms, found, end, word.confidence))
        after = found + len(token)
    return spans


def span_at_ms(spans: Sequence[WordSpan], ms: int) -> WordSpan | None:
    """The word being spoken at ``ms`` (None between words)."""
    index = bisect_right([s.start_ms for s in spans], ms) - 1
    return spans[index] if index >= 0 and ms < spans[index].end_ms else None


def span_at_char(spans: Sequence[WordSpan], char: int) -> WordSpan | None:
    """The word at offset ``char`` of the text, if any (its last character included)."""
    return next((s for s in spans if s.lo <= char <= s.hi), None)
