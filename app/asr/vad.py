"""Where the audio has speech: faster-whisper's Silero VAD (the model ships in its wheel, run by
onnxruntime), as sorted (start_ms, end_ms) stretches.

The settings are much finer than faster-whisper's own (which keeps 2 s pauses inside a stretch
and pads 0.4 s): every pause of 50 ms splits a stretch, so a line's start can be snapped to
where its speech begins (app.core.asr_retime.snap_to_speech); the audio checks join short
pauses back (app.asr.analysis.merge_pauses).
"""

from __future__ import annotations

from typing import Any

from app.asr.models import faster_whisper

__all__ = ["Span", "speech_spans"]

Span = tuple[int, int]

_RATE = 16_000


def speech_spans(
    audio: Any, *, min_silence_ms: int = 50, pad_ms: int = 30, threshold: float = 0.5
) -> list[Span]:
    """Speech in ``audio`` (16 kHz mono float32 samples)."""
    vad = faster_whisper("vad")
    options = vad.VadOptions(
        threshold=threshold, min_silence_duration_ms=min_silence_ms, speech_pad_ms=pad_ms
    )
    stamps = vad.get_speech_timestamps(audio, options, sampling_rate=_RATE)
    spans: list[Span] = []
    for stamp in stamps:
        start, end = int(stamp["start"]) * 1000 // _RATE, int(stamp["end"]) * 1000 // _RATE
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        elif end > start:
            spans.append((start, end))
    return spans
