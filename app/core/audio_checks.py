"""Checks that need the audio: lines over silence, speech with no line, and repeated-text lines
(a known hallucination of Whisper-style recognisers, which repeat a phrase over music or
silence). They give app.core.checks.Issue values, so the checks panel lists them beside the
timing checks.

Speech is a sorted list of (start_ms, end_ms) stretches, as a voice-activity detector finds
them (app.asr.vad runs faster-whisper's Silero VAD); these functions only compare spans.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from app.core.asr_align import normalise
from app.core.checks import Issue, IssueKind, format_seconds
from app.core.transcript import Line

__all__ = [
    "AUDIO_KINDS",
    "AudioCheckSettings",
    "over_silence",
    "repeated_text",
    "run_audio_checks",
    "speech_without_line",
]

#: The audio checks' kinds, in the order the checks panel lists them.
AUDIO_KINDS: tuple[IssueKind, ...] = ("over_silence", "speech_without_line", "repeated_text")

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class AudioCheckSettings:
    #: A line is "over silence" when speech covers less than this share of it ...
    min_speech_share: float = 0.1
    #: ... and it lasts at least this long (a short line between words is fine).
    min_line_ms: int = 500
    #: Speech with no line is reported from this length on.
    min_unlined_ms: int = 1000
    #: A phrase of this many words or more said this many times in a row in one line.
    min_repeat_words: int = 1
    min_repeats: int = 3


def _covered(spans: Sequence[Span], start: int, end: int) -> int:
    """Milliseconds of [start, end) inside the (sorted, non-overlapping) spans."""
    if end <= start:
        return 0
    total = 0
    i = max(0, bisect_left(spans, (start, start)) - 1)
    while i < len(spans) and spans[i][0] < end:
        s, e = spans[i]
        total += max(0, min(e, end) - max(s, start))
        i += 1
    return total


def over_silence(
    lines: Sequence[Line], speech: Sequence[Span], settings: AudioCheckSettings
) -> list[Issue]:
    """Lines shown while nobody speaks (or hardly)."""
    issues = []
    for row, line in enumerate(lines):
        length = line.end_ms - line.start_ms
        if length < settings.min_line_ms or not line.text.strip():
            continue
        share = _covered(speech, line.start_ms, line.end_ms) / length
        if share < settings.min_speech_share:
            what = "no speech" if share == 0 else f"speech for only {share:.0%} of it"
            issues.append(
                Issue(row, line.id, "over_silence", f"Over silence: {what}", line.start_ms)
            )
    return issues


def speech_without_line(
    lines: Sequence[Line], speech: Sequence[Span], settings: AudioCheckSettings
) -> list[Issue]:
    """Stretches of speech no line covers, reported on the line before them (the first line
    when the speech comes before all lines); ``start_ms`` is where the speech starts."""
    if not lines:
        return []
    covered = sorted((line.start_ms, line.end_ms) for line in lines if line.end_ms > line.start_ms)
    merged: list[Span] = []
    for s, e in covered:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    starts = [line.start_ms for line in lines]
    issues = []
    for s, e in speech:
        # The uncovered pieces of this stretch of speech.
        at, pieces = s, []
        for cs, ce in merged[max(0, bisect_left(merged, (s, s)) - 1) :]:
            if cs >= e:
                break
            if cs > at:
                pieces.append((at, min(cs, e)))
            at = max(at, ce)
        if at < e:
            pieces.append((at, e))
        for ps, pe in pieces:
            if pe - ps < settings.min_unlined_ms:
                continue
            row = max(0, bisect_left(starts, ps) - 1)
            message = f"Speech for {format_seconds(pe - ps)} with no line"
            issues.append(Issue(row, lines[row].id, "speech_without_line", message, ps))
    return issues


_MAX_PHRASE = 8  # words: a hallucinated loop is a short phrase


def _longest_repeat(tokens: list[str], min_words: int) -> tuple[int, int, int]:
    """(where, phrase length, times in a row) of the most repeated phrase in ``tokens``."""
    best = (0, 0, 1)
    count = len(tokens)
    for size in range(max(1, min_words), min(_MAX_PHRASE, count // 2) + 1):
        for begin in range(count - 2 * size + 1):
            unit = tokens[begin : begin + size]
            times = 1
            while tokens[begin + times * size : begin + (times + 1) * size] == unit:
                times += 1
            if times > best[2]:
                best = (begin, size, times)
    return best


def repeated_text(lines: Sequence[Line], settings: AudioCheckSettings) -> list[Issue]:
    """Lines of two words or more that say the same as the line before, and lines that repeat
    a phrase over and over."""
    issues = []
    previous: list[str] = []
    for row, line in enumerate(lines):
        tokens = [t for word in line.text.split() for t in normalise(word)]
        if len(tokens) >= 2 and tokens == previous:
            message = "Same text as the line before"
            issues.append(Issue(row, line.id, "repeated_text", message, line.start_ms))
        elif len(tokens) >= settings.min_repeats:
            begin, size, times = _longest_repeat(tokens, settings.min_repeat_words)
            if times >= settings.min_repeats:
                phrase = " ".join(tokens[begin : begin + size])
                message = f"Repeats “{phrase}” {times} times"
                issues.append(Issue(row, line.id, "repeated_text", message, line.start_ms))
        previous = tokens
    return issues


def run_audio_checks(
    lines: Sequence[Line], speech: Sequence[Span], settings: AudioCheckSettings | None = None
) -> list[Issue]:
    """Every audio issue, ordered by row (then time), as the checks panel shows them."""
    settings = settings or AudioCheckSettings()
    found = (
        over_silence(lines, speech, settings)
        + speech_without_line(lines, speech, settings)
        + repeated_text(lines, settings)
    )
    return sorted(found, key=lambda i: (i.row, i.start_ms, AUDIO_KINDS.index(i.kind)))
