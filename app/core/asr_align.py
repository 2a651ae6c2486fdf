"""A transcript's words against the words a recogniser heard: the alignment under the second
opinion (app.core.asr_opinion) and re-timing (app.core.asr_retime).

Both sides become normalised tokens (casefolded, apostrophes and dots dropped, split at
hyphens and dashes: "U.S." and "US" are both ``us``, "high-stakes" is ``high`` ``stakes``), and
difflib's SequenceMatcher lines them up. Every token remembers where it came from: a transcript
token its line row, display word and characters; a heard token its recognised word and a share
of that word's time.

Pure Python: the recogniser's words arrive as app.core.transcript.Word values.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

from app.core.transcript import Word

__all__ = [
    "Block",
    "HeardToken",
    "TextToken",
    "align",
    "display_words",
    "heard_tokens",
    "normalise",
    "text_tokens",
]

_WORD = re.compile(r"\S+")
#: What is not speech in a transcript, never compared: [Applause], ♪ lyrics ♪, and a word or
#: two in brackets all in lower or upper case, "(laughs)", "(CLEARS THROAT)" (but "(United
#: States)" may well be said).
_NOT_SPEECH = re.compile(r"\[[^\]]*\]?|♪[^♪]*♪?|\((?:[a-z]+(?: [a-z]+)?|[A-Z]+(?: [A-Z]+)?)\)")
_PIECE = re.compile(r"\w+")
_DROPPED = str.maketrans("", "", "'’‘.")
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")


def normalise(word: str) -> list[str]:
    """The tokens of one written word: ``"U.S."`` -> ``["us"]``, ``"Anchorage-Trump"`` ->
    ``["anchorage", "trump"]``, ``"Trump's"`` -> ``["trump"]`` (a possessive sounds like the
    plural, and recognisers write either), ``"—"`` -> ``[]``."""
    word = _POSSESSIVE.sub("", word.casefold())
    return _PIECE.findall(word.translate(_DROPPED).replace("_", " "))


def display_words(text: str) -> list[tuple[int, int, str]]:
    """The words of a line as a reader sees them: (start, end, word), character offsets."""
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]


@dataclass(frozen=True, slots=True)
class TextToken:
    """One token of the transcript."""

    norm: str
    row: int  # the line's row
    word: int  # index into display_words(line.text)
    start: int  # the display word's characters in line.text
    end: int


@dataclass(frozen=True, slots=True)
class HeardToken:
    """One token of the recognised words, with its share of the word's time."""

    norm: str
    word: int  # index into the recognised words
    start_ms: int
    end_ms: int


def _spoken(text: str) -> list[bool]:
    """Per character: False inside a non-speech mark ([Music], (laughs), ♪ ... ♪)."""
    spoken = [True] * len(text)
    for match in _NOT_SPEECH.finditer(text):
        spoken[match.start() : match.end()] = [False] * (match.end() - match.start())
    return spoken


def text_tokens(texts: Sequence[str]) -> list[TextToken]:
    """Every line's tokens, in reading order; words in non-speech marks are left out."""
    tokens: list[TextToken] = []
    for row, text in enumerate(texts):
        spoken = _spoken(text) if any(c in text for c in "[(♪") else None
        for index, (start, end, word) in enumerate(display_words(text)):
            if spoken is not None:
                word = "".join(c for c, keep in zip(word, spoken[start:end], strict=True) if keep)
            tokens.extend(TextToken(norm, row, index, start, end) for norm in normalise(word))
    return tokens


def heard_tokens(words: Sequence[Word]) -> list[HeardToken]:
    """The recognised words' tokens; a word of several tokens shares its time out by length."""
    tokens: list[HeardToken] = []
    for index, word in enumerate(words):
        norms = normalise(_NOT_SPEECH.sub(" ", word.text))
        total = sum(map(len, norms))
        span = max(0, word.end_ms - word.start_ms)
        at = 0
        for norm in norms:
            start = word.start_ms + span * at // total
            at += len(norm)
            tokens.append(HeardToken(norm, index, start, word.start_ms + span * at // total))
    return tokens


BlockKind = Literal["equal", "replace", "delete", "insert"]
_KIND: dict[str, BlockKind] = {
    "equal": "equal",
    "replace": "replace",
    "delete": "delete",
    "insert": "insert",
}


@dataclass(frozen=True, slots=True)
class Block:
    """A stretch of the alignment: ``text`` and ``heard`` are token index ranges. "delete":
    transcript tokens nothing was heard for; "insert": heard tokens the transcript lacks."""

    kind: BlockKind
    text: range
    heard: range


_SHORT = 2  # an exact match this short between two disagreements may be a coincidence
_SHIFTABLE = 40  # the longest match between a removal and an addition that is looked through
_MAX_CELLS = 250_000  # the largest disagreement region worth an exact edit-distance pass


def align(text: Sequence[str], heard: Sequence[str]) -> list[Block]:
    """The alignment of two token sequences, as consecutive blocks covering both whole.

    SequenceMatcher finds the long matches (no "autojunk": in speech the frequent words, "the",
    "and", are the glue that keeps two versions of a sentence in step); the stretches between
    them, with any short match inside, get a least-edits alignment, so a changed word next to a
    repeated one is a "replace", not a word unheard plus a word heard elsewhere.
    """
    matcher = SequenceMatcher(None, list(text), list(heard), autojunk=False)
    opcodes = matcher.get_opcodes()
    blocks: list[Block] = []
    region: list[tuple[str, int, int, int, int]] = []

    def flush() -> None:
        if not region:
            return
        i1, j1 = region[0][1], region[0][3]
        i2, j2 = region[-1][2], region[-1][4]
        if len(region) == 1 or (i2 - i1) * (j2 - j1) > _MAX_CELLS:
            blocks.extend(Block(_KIND[k], range(a, b), range(c, d)) for k, a, b, c, d in region)
        else:
            blocks.extend(_least_edits(text, heard, i1, i2, j1, j2))
        region.clear()

    for index, op in enumerate(opcodes):
        kind, i1, i2, _, _ = op
        inner = 0 < index < len(opcodes) - 1
        # A word left out on one side of a match and one added on the other may be a change
        # misplaced by repeated words ("x a a a" against "a a a a"): let the least-edits pass
        # decide over the whole stretch.
        shifted = (
            inner
            and i2 - i1 <= _SHIFTABLE
            and {opcodes[index - 1][0], opcodes[index + 1][0]} == {"delete", "insert"}
        )
        if kind == "equal" and not (inner and i2 - i1 <= _SHORT) and not shifted:
            flush()
            blocks.append(Block("equal", range(i1, i2), range(op[3], op[4])))
        else:
            region.append(op)
    flush()
    return blocks


def _least_edits(
    text: Sequence[str], heard: Sequence[str], i1: int, i2: int, j1: int, j2: int
) -> list[Block]:
    """Least-cost alignment of text[i1:i2] with heard[j1:j2], as blocks. A word left out or
    added costs 2 and a changed word 3: one change beats an addition plus a removal, but two
    changes do not beat keeping a match between an addition and a removal."""
    n, m = i2 - i1, j2 - j1
    cost = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        cost[i][0] = 2 * i
    for j in range(m + 1):
        cost[0][j] = 2 * j
    for i in range(1, n + 1):
        t = text[i1 + i - 1]
        row, above = cost[i], cost[i - 1]
        for j in range(1, m + 1):
            diagonal = above[j - 1] + (3 if t != heard[j1 + j - 1] else 0)
            row[j] = min(diagonal, above[j] + 2, row[j - 1] + 2)
    steps: list[BlockKind] = []
    i, j = n, m
    while i or j:
        same = i > 0 and j > 0 and text[i1 + i - 1] == heard[j1 + j - 1]
        if i and j and cost[i][j] == cost[i - 1][j - 1] + (0 if same else 3):
            steps.append("equal" if same else "replace")
            i, j = i - 1, j - 1
        elif i and cost[i][j] == cost[i - 1][j] + 2:
            steps.append("delete")
            i -= 1
        else:
            steps.append("insert")
            j -= 1
    blocks: list[Block] = []
    i, j = i1, j1
    for step in reversed(steps):
        di, dj = (0, 1) if step == "insert" else (1, 0) if step == "delete" else (1, 1)
        last = blocks[-1] if blocks else None
        if last is not None and last.kind == step:
            blocks[-1] = Block(
                step, range(last.text.start, i + di), range(last.heard.start, j + dj)
            )
        else:
            blocks.append(Block(step, range(i, i + di), range(j, j + dj)))
        i, j = i + di, j + dj
    return blocks
