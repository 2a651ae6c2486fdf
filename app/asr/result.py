"""What one recognition pass found (the engine makes it, the cache keeps it): its own module so
the cache and the engine both use it without importing each other."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.asr.vad import Span
from app.core.transcript import Transcript, Word

__all__ = ["Transcription"]


@dataclass(slots=True)
class Transcription:
    """What one recognition pass found."""

    transcript: Transcript  # lines with word timings and probabilities
    language: str
    language_probability: float
    duration_ms: int
    model: str
    elapsed_s: float
    speech: list[Span] = field(default_factory=list)  # where the VAD heard speech

    @property
    def words(self) -> list[Word]:
        return [w for line in self.transcript.lines for w in line.words]

    @property
    def real_time_factor(self) -> float:
        return self.elapsed_s / (self.duration_ms / 1000) if self.duration_ms else 0.0
