"""A spelling pass through a whole transcript, as a word processor's F7: from a place in one line
to the next (or the previous) misspelt word, wrapping round the transcript once.

The search is a generator that says how far it got every so many lines, so a window can run it a
slice at a time and stay responsive on a 100k-line transcript (bench/bench_spell_pass.py). Each
line's misspelt spans are kept per text, so the second F7 over lines already looked at costs a
dictionary lookup; ``forget`` drops them when the language or the accepted words change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from app.core.spelling import SpellChecker

__all__ = ["Misspelling", "Progress", "SpellPass"]

#: Lines between two progress reports: a few milliseconds of checking.
STEP = 200


@dataclass(frozen=True, slots=True)
class Misspelling:
    row: int
    start: int  # python offsets into the line's text
    end: int
    word: str
    wrapped: bool  # the search went past the transcript's end (or its start, going back)


@dataclass(frozen=True, slots=True)
class Progress:
    checked: int  # lines looked at so far
    total: int  # lines the whole pass looks at


class SpellPass:
    """Finds misspelt words line after line; ``text_of(row)`` and ``count()`` are the
    transcript as it is now (it may change between two searches)."""

    def __init__(
        self, checker: SpellChecker, text_of: Callable[[int], str], count: Callable[[], int]
    ) -> None:
        self.checker = checker
        self._text_of = text_of
        self._count = count
        self._spans: dict[str, list[tuple[int, int]]] = {}

    def forget(self) -> None:
        """The checker's answers changed (language, personal or ignored words): look again."""
        self._spans.clear()

    def spans(self, text: str) -> list[tuple[int, int]]:
        found = self._spans.get(text)
        if found is None:
            found = self.checker.misspelled(text)
            self._spans[text] = found
        return found

    def search(
        self, row: int, offset: int, *, forward: bool = True, step: int | None = None
    ) -> Iterator[Misspelling | Progress]:
        """Progress every ``step`` lines, then the first misspelt word from ``offset`` in
        ``row`` on (forward: starting at or after it; back: ending at or before it), if any.
        The line the search started in is looked at again last, on its other side."""
        step = step or STEP
        total = self._count()
        if total == 0 or not self.checker.enabled:
            return
        row = min(max(row, 0), total - 1)
        hit = self._in_line(row, offset, forward, after=True)
        if hit is not None:
            yield Misspelling(row, *hit, self._text_of(row)[hit[0] : hit[1]], False)
            return
        direction = 1 if forward else -1
        for checked in range(1, total):
            if checked % step == 0:
                yield Progress(checked, total)
            current = (row + direction * checked) % total
            wrapped = current < row if forward else current > row
            hit = self._in_line(current, None, forward, after=True)
            if hit is not None:
                text = self._text_of(current)
                yield Misspelling(current, *hit, text[hit[0] : hit[1]], wrapped)
                return
        hit = self._in_line(row, offset, forward, after=False)  # round to where it started
        if hit is not None:
            yield Misspelling(row, *hit, self._text_of(row)[hit[0] : hit[1]], True)

    def _in_line(
        self, row: int, offset: int | None, forward: bool, *, after: bool
    ) -> tuple[int, int] | None:
        """The first (forward) or last (back) misspelt span of the line; with ``offset``, only
        the spans on the search's side of it (``after``) or, coming round, on the other."""
        spans = self.spans(self._text_of(row))
        if offset is not None:
            if forward:
                spans = [s for s in spans if (s[0] >= offset) == after]
            else:
                spans = [s for s in spans if (s[1] <= offset) == after]
        if not spans:
            return None
        return spans[0] if forward else spans[-1]
