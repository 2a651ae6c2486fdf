"""The second opinion: where a transcript and the words a recogniser heard disagree, line by line,
and how much each disagreement is worth a reviewer's look.

The alignment (app.core.asr_align) gives three kinds of disagreement:

- "unsupported": transcript words the recogniser heard nothing for;
- "missing": words heard that the transcript does not have;
- "different": the transcript says one thing where the recogniser heard another.

A small recogniser mishears often (names, short words, sound-alikes), so every disagreement gets
a ``doubt`` in 0..1: how confident the recogniser was (its words' probability) times how unlike
the two versions are (1 - difflib's character ratio), with lengths standing in for the
unheard side of "unsupported" and "missing". Only disagreements at or above
``OpinionSettings.min_doubt`` are *marks*; the others stay available as hints. A line's
``score`` is the share of its words the audio supports.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from app.core.asr_align import Block, HeardToken, TextToken, align, heard_tokens, text_tokens
from app.core.checks import Issue
from app.core.transcript import Line, Word

__all__ = [
    "Disagreement",
    "LineOpinion",
    "OpinionSettings",
    "accept",
    "most_doubtful_first",
    "opinion_issues",
    "second_opinion",
]

DisagreementKind = Literal["unsupported", "missing", "different"]

_FULL_LENGTH = 8  # characters: shorter unheard or extra words count for less (recognisers drop "a")
_MS_PER_CHAR_FAST = 50  # fast speech: about 20 characters a second
_SKIPPED_WEIGHT = 0.6  # how far speech the recogniser skipped lowers an "unsupported" doubt


@dataclass(frozen=True, slots=True)
class OpinionSettings:
    #: Disagreements with at least this doubt are marked. 0.5 with tiny.en on clear speech marks
    #: a changed word the recogniser heard well, and few of its own mishearings.
    min_doubt: float = 0.5


@dataclass(frozen=True, slots=True)
class Disagreement:
    kind: DisagreementKind
    start: int  # characters of the line's text; for "missing", an empty span where they go
    end: int
    expected: str  # the transcript's words ("" for missing)
    heard: str  # the recognised words ("" for unsupported)
    heard_start_ms: int | None  # where the heard words are in the media (None: none heard)
    heard_end_ms: int | None
    probability: float | None  # the recogniser's mean probability of the heard words
    doubt: float


@dataclass(frozen=True, slots=True)
class LineOpinion:
    row: int
    line_id: int | None
    score: float  # 0..1: the share of the line's words the audio supports (1 for no words)
    disagreements: tuple[Disagreement, ...]  # every one, marked or not, in text order
    heard: tuple[Word, ...]  # the recognised words aligned with this line
    min_doubt: float

    @property
    def marks(self) -> tuple[Disagreement, ...]:
        return tuple(d for d in self.disagreements if d.doubt >= self.min_doubt)

    @property
    def doubt(self) -> float:
        """The largest doubt on the line (0 when all agrees)."""
        return max((d.doubt for d in self.disagreements), default=0.0)


def _mean(values: Sequence[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


class _Builder:
    """Turns alignment blocks into per-line disagreements."""

    def __init__(
        self,
        lines: Sequence[Line],
        words: Sequence[Word],
        settings: OpinionSettings,
        speech: Sequence[tuple[int, int]],
    ):
        self.lines = lines
        self.speech = speech
        self.words = words
        self.settings = settings
        self.text = text_tokens([line.text for line in lines])
        self.heard = heard_tokens(words)
        self.found: list[list[Disagreement]] = [[] for _ in lines]
        self.heard_rows: list[set[int]] = [set() for _ in lines]
        self.supported = [0] * len(lines)
        self.total = [0] * len(lines)
        for token in self.text:
            self.total[token.row] += 1

    def _heard_words(self, heard: Sequence[HeardToken]) -> list[Word]:
        indexes = sorted({t.word for t in heard})
        return [self.words[i] for i in indexes]

    def _probability(self, heard: Sequence[HeardToken]) -> float | None:
        return _mean([w.confidence for w in self._heard_words(heard)])

    def _span(self, tokens: Sequence[TextToken]) -> tuple[int, int, str]:
        row_text = self.lines[tokens[0].row].text
        start, end = tokens[0].start, tokens[-1].end
        return start, end, row_text[start:end]

    def _add(
        self,
        row: int,
        kind: DisagreementKind,
        span: tuple[int, int, str],
        heard: Sequence[HeardToken],
        doubt: float,
    ) -> None:
        words = self._heard_words(heard)
        self.heard_rows[row].update(t.word for t in heard)
        self.found[row].append(
            Disagreement(
                kind,
                span[0],
                span[1],
                span[2],
                " ".join(w.text for w in words),
                words[0].start_ms if words else None,
                words[-1].end_ms if words else None,
                _mean([w.confidence for w in words]),
                round(min(1.0, max(0.0, doubt)), 4),
            )
        )

    def _neighbour_probability(self, at: int) -> float:
        near = self.heard[max(0, at - 1) : at + 1]
        return self._probability(near) or 0.0

    def _unheard_speech(self, at: int, chars: int) -> float:
        """0..1: how much speech the VAD found between the heard words around ``at`` that the
        recogniser wrote nothing for, against the time ``chars`` characters take to say. Where
        it skipped speech, its silence is no evidence against the transcript."""
        if not self.speech:
            return 0.0
        after = self.heard[at].start_ms if at < len(self.heard) else None
        before = self.heard[at - 1].end_ms if at > 0 else 0
        end = after if after is not None else (self.speech[-1][1] if self.speech else before)
        covered = sum(max(0, min(e, end) - max(s, before)) for s, e in self.speech)
        return min(1.0, covered / max(1, chars * _MS_PER_CHAR_FAST))

    def block(self, block: Block) -> None:
        text = [self.text[i] for i in block.text]
        heard = [self.heard[j] for j in block.heard]
        if block.kind == "equal":
            for token, h in zip(text, heard, strict=True):
                self.supported[token.row] += 1
                self.heard_rows[token.row].add(h.word)
            return
        if block.kind == "insert":
            self._missing(block, heard)
            return
        rows = sorted({t.row for t in text})
        taken = 0
        for n, row in enumerate(rows):
            part = [t for t in text if t.row == row]
            # The heard tokens are shared out between the lines by their number of tokens.
            last = n == len(rows) - 1
            upto = len(heard) if last else taken + round(len(heard) * len(part) / len(text))
            share, taken = heard[taken:upto], upto
            span = self._span(part)
            chars = sum(len(t.norm) for t in part)
            if not share:
                at = block.heard.start
                doubt = self._neighbour_probability(at) * min(1.0, chars / _FULL_LENGTH)
                doubt *= 1.0 - _SKIPPED_WEIGHT * self._unheard_speech(at, chars)
                self._add(row, "unsupported", span, share, doubt)
                continue
            said = "".join(t.norm for t in part)
            got = "".join(t.norm for t in share)
            unlike = 1.0 - SequenceMatcher(None, said, got, autojunk=False).ratio()
            self._add(row, "different", span, share, (self._probability(share) or 0.0) * unlike)

    def _missing(self, block: Block, heard: Sequence[HeardToken]) -> None:
        if not self.text:
            return
        at = block.text.start
        before = self.text[at - 1] if at > 0 else None
        after = self.text[at] if at < len(self.text) else None
        # Words heard at a line boundary belong to the line they are nearer in time.
        target = before or after
        if (
            before is not None
            and after is not None
            and before.row != after.row
            and heard[0].start_ms >= self.lines[after.row].start_ms
        ):
            target = after
        assert target is not None
        at_char = target.start if target is after else target.end
        span = (at_char, at_char, "")
        chars = sum(len(t.norm) for t in heard)
        doubt = (self._probability(heard) or 0.0) * min(1.0, chars / _FULL_LENGTH)
        self._add(target.row, "missing", span, heard, doubt)

    def result(self) -> list[LineOpinion]:
        opinions = []
        for row, line in enumerate(self.lines):
            total = self.total[row]
            found = sorted(self.found[row], key=lambda d: (d.start, d.end))
            opinions.append(
                LineOpinion(
                    row,
                    line.id,
                    round(self.supported[row] / total, 4) if total else 1.0,
                    tuple(found),
                    tuple(self.words[i] for i in sorted(self.heard_rows[row])),
                    self.settings.min_doubt,
                )
            )
        return opinions


def second_opinion(
    lines: Sequence[Line],
    words: Sequence[Word],
    settings: OpinionSettings | None = None,
    speech: Sequence[tuple[int, int]] = (),
) -> list[LineOpinion]:
    """One opinion per line, in row order: ``words`` are the recogniser's, in time order;
    ``speech``, if known, where a voice-activity detector heard speech (sorted spans)."""
    builder = _Builder(lines, words, settings or OpinionSettings(), speech)
    for block in align([t.norm for t in builder.text], [h.norm for h in builder.heard]):
        builder.block(block)
    return builder.result()


def most_doubtful_first(opinions: Sequence[LineOpinion]) -> list[LineOpinion]:
    """The review order: marked lines by their largest doubt, then the least supported lines,
    then the rest in row order."""

    def key(o: LineOpinion) -> tuple[bool, float, float, int]:
        marked = bool(o.marks)
        return (not marked, -o.doubt if marked else o.score, -o.doubt, o.row)

    return sorted(opinions, key=key)


def opinion_issues(opinions: Sequence[LineOpinion]) -> list[Issue]:
    """The marked lines as checks-panel issues ("Audio disagrees"), in row order."""
    issues = []
    for o in opinions:
        marks = o.marks
        if not marks:
            continue
        first = marks[0]
        said = f"“{first.expected}”" if first.expected else "nothing"
        heard = f"“{first.heard}”" if first.heard else "nothing"
        more = f" (and {len(marks) - 1} more)" if len(marks) > 1 else ""
        message = f"Audio disagrees: {said}, heard {heard}{more}"
        start = first.heard_start_ms if first.heard_start_ms is not None else 0
        issues.append(Issue(o.row, o.line_id, "audio_disagrees", message, start))
    return issues


def accept(text: str, disagreement: Disagreement) -> str:
    """The line's text with the heard words taken: a "different" span replaced by them, an
    "unsupported" span removed (with one space beside it), the "missing" words put in."""
    before, after = text[: disagreement.start], text[disagreement.end :]
    heard = disagreement.heard
    if disagreement.kind == "unsupported":
        if before.endswith(" ") and (after.startswith(" ") or not after):
            before = before[:-1]
        elif not before and after.startswith(" "):
            after = after[1:]
        return before + after
    if disagreement.kind == "missing":
        if before and not before.endswith(" "):
            heard = " " + heard
        if after and not after.startswith(" "):
            heard += " "
    return before + heard + after
