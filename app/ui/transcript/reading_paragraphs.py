"""What the reading view shows: the lines shown gathered into paragraphs (app.core.reading), found
by row with a bisect, and the paragraphs laid out so far (only those that were on screen).

An edit regroups only around the lines it changed; a new filter, rows coming and going or a
change of many lines regroups all of them (a linear pass: milliseconds for 100k lines).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from PySide6.QtGui import QFont

from app.core.reading import paragraphs
from app.ui.transcript.reading_layout import ParagraphLayout
from app.ui.transcript.transcript_model import TranscriptModel

__all__ = ["Paragraphs"]

_CACHE_MAX = 400  # laid-out paragraphs kept: a few screens' worth
_REGROUP_MAX = 50  # paragraphs an edit regroups in place; past that, all of them


class Paragraphs:
    def __init__(self, model: TranscriptModel) -> None:
        self._model = model
        self._groups: list[tuple[int, ...]] = []
        self._firsts: list[int] = []  # each paragraph's first row, for bisect
        self._layouts: dict[int, ParagraphLayout] = {}

    def __len__(self) -> int:
        return len(self._groups)

    def rows(self, at: int) -> tuple[int, ...]:
        return self._groups[at]

    def of_row(self, row: int) -> int | None:
        """The paragraph holding line ``row`` (None when the filter hides it)."""
        at = bisect_right(self._firsts, row) - 1
        return at if at >= 0 and row in self._groups[at] else None

    def rebuild(self, rows: Sequence[int] | None) -> None:
        """Group ``rows`` (every line when None) afresh."""
        self._set(paragraphs(self._model.lines(), rows))

    def regroup(self, first_row: int, last_row: int) -> bool:
        """Lines ``first_row``..``last_row`` changed (text, speaker, status, notes): group them and
        their neighbours again. False when that is not worth doing in place (rebuild instead)."""
        first, last = self.of_row(first_row), self.of_row(last_row)
        if first is None or last is None or last - first > _REGROUP_MAX:
            return False
        # A new speaker may split a paragraph or join it to the one before or after.
        first, last = max(0, first - 1), min(len(self._groups) - 1, last + 1)
        rows = [row for group in self._groups[first : last + 1] for row in group]
        regrouped = paragraphs(self._model.lines(), rows)
        if len(regrouped) == last - first + 1:
            for at, group in enumerate(regrouped, first):
                self._groups[at] = group
                self._layouts.pop(at, None)
        else:
            self._set([*self._groups[:first], *regrouped, *self._groups[last + 1 :]])
        return True

    def _set(self, groups: list[tuple[int, ...]]) -> None:
        self._groups = groups
        self._firsts = [group[0] for group in groups]
        self._layouts.clear()

    def layout(self, at: int, font: QFont, width: int) -> ParagraphLayout:
        """Paragraph ``at`` laid out ``width`` wide in ``font`` (kept while those stay)."""
        found = self._layouts.get(at)
        if found is None or found.width != width or found.font_key != font.key():
            if len(self._layouts) > _CACHE_MAX:
                self._layouts.clear()
            found = ParagraphLayout(self._model, self._groups[at], font, width)
            self._layouts[at] = found
        return found

    def forget_layouts(self) -> None:
        self._layouts.clear()
