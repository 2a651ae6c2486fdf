"""A recognition pass as JSON: what the cache keeps on disk and what a project keeps as its
second opinion (app.store.audio_marks), so a reopened project shows the same marks and audio
checks without listening again."""

from __future__ import annotations

import json
from typing import Any

from app.asr.result import Transcription
from app.core.transcript import Line, MediaInfo, Transcript, Word
from app.store.audio_marks import AudioMarksStore, KeptPass
from app.store.library import Library

__all__ = [
    "VERSION",
    "from_json",
    "from_text",
    "keep_opinion",
    "kept_opinion",
    "to_json",
    "to_text",
]

VERSION = 1


def to_text(result: Transcription) -> str:
    return json.dumps(to_json(result), separators=(",", ":"))


def from_text(text: str) -> Transcription | None:
    """The pass in ``text``; None for one this Proofreel cannot read (another version, damage)."""
    try:
        data = json.loads(text)
        return from_json(data) if data.get("version") == VERSION else None
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def to_json(result: Transcription) -> dict[str, Any]:
    t = result.transcript
    return {
        "version": VERSION,
        "title": t.title,
        "media": t.media.path if t.media else None,
        "lines": [
            [
                x.start_ms,
                x.end_ms,
                x.text,
                [[w.start_ms, w.end_ms, w.text, w.confidence] for w in x.words],
            ]
            for x in t.lines
        ],
        "language": result.language,
        "language_probability": result.language_probability,
        "duration_ms": result.duration_ms,
        "model": result.model,
        "elapsed_s": result.elapsed_s,
        "speech": result.speech,
    }


def from_json(data: dict[str, Any]) -> Transcription:
    lines = [
        Line(
            int(start),
            int(end),
            str(text),
            words=[Word(int(a), int(b), str(c), d) for a, b, c, d in words],
        )
        for start, end, text, words in data["lines"]
    ]
    media = data["media"]
    transcript = Transcript(
        lines=lines,
        title=str(data["title"]),
        media=MediaInfo(str(media), int(data["duration_ms"])) if media else None,
    )
    return Transcription(
        transcript,
        str(data["language"]),
        float(data["language_probability"]),
        int(data["duration_ms"]),
        str(data["model"]),
        float(data["elapsed_s"]),
        [(int(s), int(e)) for s, e in data["speech"]],
    )


def keep_opinion(library: Library, project_id: int, heard: Transcription, made_by: str) -> KeptPass:
    """``heard`` kept as the project's second opinion, replacing the one before."""
    return AudioMarksStore(library).keep(
        project_id, heard.model, heard.language, to_text(heard), made_by
    )


def kept_opinion(library: Library, project_id: int) -> tuple[Transcription, KeptPass] | None:
    """The project's kept second opinion and what is known of its run; None if there is none
    (or it cannot be read: then it is as if never run)."""
    kept = AudioMarksStore(library).kept(project_id)
    if kept is None:
        return None
    heard = from_text(kept.heard)
    return None if heard is None else (heard, kept)
