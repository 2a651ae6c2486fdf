"""Whisper JSON keeps the word confidences of every dialect, and a transcription written as
Whisper JSON reads back whole: the shading and the review order work on imported ASR output."""

from __future__ import annotations

import json

from app.asr.whisper_json import whisper_json
from app.core.formats import registry
from app.core.formats.whisper import read_whisper
from app.core.transcript import Line, Transcript, Word


def test_whisper_timestamped_confidence_is_kept() -> None:
    data = {
        "text": " Hello there.",
        "segments": [
            {
                "id": 0,
                "start": 0.5,
                "end": 1.6,
                "text": " Hello there.",
                "confidence": 0.81,
                "words": [
                    {"text": "Hello", "start": 0.5, "end": 0.9, "confidence": 0.93},
                    {"text": "there.", "start": 1.0, "end": 1.6, "confidence": 0.42},
                ],
            }
        ],
        "language": "en",
    }
    (line,) = read_whisper(json.dumps(data)).transcript.lines
    assert line.words == [Word(500, 900, "Hello", 0.93), Word(1000, 1600, "there.", 0.42)]


def test_a_transcription_reads_back_with_its_probabilities(tmp_path) -> None:
    lines = [
        Line(
            0,
            1_200,
            "Good evening.",
            words=[Word(0, 500, "Good", 0.9), Word(520, 1_200, "evening.", 0.35)],
        ),
        Line(1_500, 2_000, "Welcome.", words=[Word(1_500, 2_000, "Welcome.", 1.0)]),
    ]
    path = tmp_path / "out.json"
    path.write_text(whisper_json(Transcript(lines=lines), "en"), "utf-8")
    result = registry.read_path(path)
    assert result.report.format == "whisper" and result.report.clean
    assert [(x.start_ms, x.end_ms, x.text, x.words) for x in result.transcript.lines] == [
        (x.start_ms, x.end_ms, x.text, x.words) for x in lines
    ]
    assert json.loads(path.read_text("utf-8"))["language"] == "en"
