"""Where a transcript is most in doubt, for a reviewer who checks the doubtful places first:
lines the second opinion marked (by their largest doubt, app.core.asr_opinion), then lines with
words the recogniser was unsure of (by the least probable word: a transcription, or a Whisper
JSON import that kept its words' probabilities). A low probability is a hint to listen, never a
verdict: the text is not changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from app.core.asr_opinion import LineOpinion
from app.core.transcript import Line
from app.core.word_spans import WordSpan, word_spans

__all__ = ["LOW_CONFIDENCE", "Doubt", "doubtful_lines", "low_confidence", "step"]

#: Words the recogniser gave a probability below this are shaded and count as doubtful.
#: tiny.en gives most clearly spoken words 0.8-0.99; names and mumbles fall under 0.5.
LOW_CONFIDENCE = 0.5


@dataclass(frozen=True, slots=True)
class Doubt:
    row: int
    line_id: int | None
    reason: Literal["audio", "word"]  # the second opinion's mark, or an unsure word
    value: float  # "audio": the largest doubt 0..1; "word": the least probability 0..1
    word: str  # the marked words, or the least probable word
    heard: str = ""  # "audio": what the recogniser heard there ("" for nothing)


def low_confidence(spans: Sequence[WordSpan], below: float = LOW_CONFIDENCE) -> list[WordSpan]:
    """The words heard with a probability under ``below``."""
    return [s for s in spans if s.confidence is not None and s.confidence < below]


def doubtful_lines(
    lines: Sequence[Line],
    opinions: Sequence[LineOpinion] = (),
    below: float = LOW_CONFIDENCE,
) -> list[Doubt]:
    """The lines in doubt, most doubtful first: marked lines by their largest doubt, then
    lines with unsure words by their least probable word; ties in row order."""
    found: list[Doubt] = []
    marked: set[int] = set()
    for opinion in opinions:
        marks = opinion.marks
        if marks and opinion.row < len(lines):
            worst = max(marks, key=lambda m: m.doubt)
            found.append(
                Doubt(
                    opinion.row, opinion.line_id, "audio", worst.doubt, worst.expected, worst.heard
                )
            )
            marked.add(opinion.row)
    for row, line in enumerate(lines):
        if row in marked or not line.words:
            continue
        unsure = low_confidence(word_spans(line.text, line.words), below)
        if unsure:
            least = min(unsure, key=lambda s: s.confidence or 0.0)
            text = line.text[least.lo : least.hi]
            found.append(Doubt(row, line.id, "word", least.confidence or 0.0, text))

    def key(d: Doubt) -> tuple[int, float, int]:
        return (0, -d.value, d.row) if d.reason == "audio" else (1, d.value, d.row)

    return sorted(found, key=key)


def step(order: Sequence[int], current: int | None, forward: bool) -> int | None:
    """The place in ``order`` (rows) after (or before) the ``current`` row's: from a row not in
    it, the first (or the last); None past either end."""
    if not order:
        return None
    if current not in order:
        return 0 if forward else len(order) - 1
    at = order.index(current) + (1 if forward else -1)
    return at if 0 <= at < len(order) else None
