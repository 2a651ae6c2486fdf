"""A transcription as openai-whisper's JSON (``--word_timestamps True``): the shape most tools
read, and Proofreel's own Whisper reader (app.core.formats.whisper) reads back whole, word
probabilities included."""

from __future__ import annotations

import json
from typing import Any

from app.core.transcript import Transcript

__all__ = ["whisper_json"]


def _s(ms: int) -> float:
    return round(ms / 1000, 3)


def whisper_json(transcript: Transcript, language: str = "") -> str:
    segments: list[dict[str, Any]] = []
    for number, line in enumerate(transcript.lines):
        segments.append(
            {
                "id": number,
                "start": _s(line.start_ms),
                "end": _s(line.end_ms),
                "text": " " + line.text,
                "words": [
                    {
                        "word": " " + word.text,
                        "start": _s(word.start_ms),
                        "end": _s(word.end_ms),
                        "probability": word.confidence,
                    }
                    for word in line.words
                ],
            }
        )
    data = {
        "text": "".join(s["text"] for s in segments),
        "segments": segments,
        "language": language,
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
