"""Recognised words into transcript lines a person reads: one sentence a line where it fits.

A recogniser's segments follow its 30-second windows, not the sentences ("... linked to
President" / "Donald Trump, talks ..."). LineBuilder takes the words as they are recognised and
hands back a line whenever one is complete: at the end of a sentence, at a long pause, or
before the line grows past ``max_chars`` or ``max_ms`` (then at its last comma, if there is one
late enough, else before the word that does not fit). Pure: words in, lines out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from app.core.transcript import Line, Word

__all__ = ["LineBuilder", "LineRules", "lines_of"]

_SENTENCE_END = re.compile(r"[.?!…][\"'”’)\]]*$")
_INITIALISM = re.compile(r"^(?:[A-Za-z]\.)+$")  # U.S., e.g.
_ABBREVIATIONS = frozenset({"mr.", "mrs.", "ms.", "dr.", "st.", "jr.", "sr.", "vs.", "prof."})


@dataclass(frozen=True, slots=True)
class LineRules:
    max_chars: int = 84  # two subtitle rows of 42
    max_ms: int = 8_000
    pause_ms: int = 1_500  # a silence this long ends a line


def _ends_sentence(text: str) -> bool:
    if not _SENTENCE_END.search(text):
        return False
    bare = text.rstrip("\"'”’)]").lower()
    return bare not in _ABBREVIATIONS and not _INITIALISM.match(bare)


def _length(words: list[Word]) -> int:
    return sum(len(w.text) for w in words) + max(0, len(words) - 1)


class LineBuilder:
    """Feed words in time order with :meth:`add`; :meth:`finish` gives the last line."""

    def __init__(self, rules: LineRules | None = None) -> None:
        self.rules = rules or LineRules()
        self._words: list[Word] = []

    def add(self, words: Iterable[Word]) -> list[Line]:
        """The lines these words complete (often none, sometimes several)."""
        done: list[Line] = []
        for word in words:
            while self._words and self._breaks_before(word):
                done.extend(self._split_for(word))
            self._words.append(word)
            if _ends_sentence(word.text):
                done.append(self._take(len(self._words)))
        return done

    def finish(self) -> list[Line]:
        return [self._take(len(self._words))] if self._words else []

    def _breaks_before(self, word: Word) -> bool:
        last = self._words[-1]
        if word.start_ms - last.end_ms >= self.rules.pause_ms:
            return True
        too_long = _length(self._words) + 1 + len(word.text) > self.rules.max_chars
        return too_long or word.end_ms - self._words[0].start_ms > self.rules.max_ms

    def _split_for(self, word: Word) -> list[Line]:
        """Room for ``word``: the words up to the last comma (in the later two thirds) become
        a line, or all of them if there is no such comma or it is a pause."""
        last = self._words[-1]
        if word.start_ms - last.end_ms < self.rules.pause_ms:
            third = len(self._words) // 3
            for at in range(len(self._words) - 1, max(0, third) - 1, -1):
                if self._words[at].text.endswith((",", ";", ":")) and at + 1 < len(self._words):
                    return [self._take(at + 1)]
        return [self._take(len(self._words))]

    def _take(self, count: int) -> Line:
        words, self._words = self._words[:count], self._words[count:]
        text = " ".join(w.text for w in words)
        return Line(words[0].start_ms, max(words[0].start_ms, words[-1].end_ms), text, words=words)


def lines_of(words: Iterable[Word], rules: LineRules | None = None) -> list[Line]:
    """All the lines of ``words`` at once."""
    builder = LineBuilder(rules)
    return [*builder.add(words), *builder.finish()]
