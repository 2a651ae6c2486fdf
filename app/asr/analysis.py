"""One recognition pass (a Transcription) put to work on a transcript: the second opinion, the
re-timing and the audio checks, by the pure logic in app.core. The window runs a TranscribeJob
off the GUI thread, then calls these (they take well under a second on an hour of speech's
words, see bench/bench_asr.py)."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from app.asr.engine import Transcription
from app.asr.vad import Span
from app.core.asr_opinion import LineOpinion, OpinionSettings, second_opinion
from app.core.asr_retime import RetimeResult, retime, snap_to_speech
from app.core.audio_checks import AudioCheckSettings, run_audio_checks
from app.core.checks import Issue
from app.core.transcript import Line

__all__ = ["audio_checks", "merge_pauses", "opinion_of", "retimed"]

#: Speech with pauses shorter than this counts as one stretch for the audio checks (the VAD's
#: finer stretches are for snapping line starts).
CHECK_PAUSE_MS = 300


def merge_pauses(speech: Sequence[Span], pause_ms: int) -> list[Span]:
    """Stretches of speech with pauses shorter than ``pause_ms`` joined."""
    merged: list[Span] = []
    for start, end in speech:
        if merged and start - merged[-1][1] < pause_ms:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def opinion_of(
    lines: Sequence[Line], heard: Transcription, settings: OpinionSettings | None = None
) -> list[LineOpinion]:
    """Where ``lines`` and what was heard disagree, line by line."""
    return second_opinion(lines, heard.words, settings, heard.speech)


def retimed(
    lines: Sequence[Line], heard: Transcription, rows: Collection[int] | None = None
) -> RetimeResult:
    """New times for ``lines`` (or the ``rows`` given), snapped to where speech starts."""
    result = retime(lines, heard.words, rows)
    return snap_to_speech(result, heard.speech) if heard.speech else result


def audio_checks(
    lines: Sequence[Line], heard: Transcription, settings: AudioCheckSettings | None = None
) -> list[Issue]:
    """Lines over silence, speech with no line, repeated-text lines."""
    return run_audio_checks(lines, merge_pauses(heard.speech, CHECK_PAUSE_MS), settings)
