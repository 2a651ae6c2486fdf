"""Whisper JSON (openai-whisper, whisper.cpp, WhisperX): segments become lines with their word
timings and speakers; empty segments are reported; a Proofreel JSON is never taken for one."""

from __future__ import annotations

import json

import pytest

from app.core.formats import registry
from app.core.formats.base import TranscriptFormatError
from app.core.formats.project_json import write_json
from app.core.formats.whisper import read_whisper, sniff_whisper
from app.core.transcript import Line, Transcript, Word
from tests.conftest import DATA


def test_openai_whisper_with_word_timestamps() -> None:
    result = registry.read_path(DATA / "whisper-openai.json")
    assert result.report.format == "whisper"
    lines = result.transcript.lines
    assert [(x.start_ms, x.end_ms, x.text) for x in lines] == [
        (0, 2_400, "Welcome back to the show."),
        (2_400, 4_200, "Thanks, glad to be here."),
        (5_000, 6_500, "Let's start."),
    ]
    assert lines[0].words[0] == Word(0, 520, "Welcome", 0.912)  # leading space stripped
    assert [w.text for w in lines[1].words] == ["Thanks,", "glad", "to", "be", "here."]
    assert all(x.speaker == "" for x in lines)
    assert [(i.line_no, i.reason, i.repaired) for i in result.report.issues] == [
        (0, "segment 3: empty", False)
    ]


def test_whisper_cpp_full_tokens_become_words() -> None:
    result = registry.read_path(DATA / "whispercpp-full.json")
    first, second = result.transcript.lines
    assert (first.start_ms, first.end_ms, first.text) == (0, 3_000, "And so my fellow Americans,")
    # [_BEG_] and [_TT_150] dropped; " Americ" + "ans" + "," make one word
    assert [w.text for w in first.words] == ["And", "so", "my", "fellow", "Americans,"]
    assert first.words[-1].start_ms == 1_500 and first.words[-1].end_ms == 3_000
    assert first.words[-1].confidence == pytest.approx((0.97 + 0.95 + 0.6) / 3, abs=1e-4)
    assert second.words[-1] == Word(7_400, 8_000, "you.", pytest.approx(0.945))
    assert [i.reason for i in result.report.issues] == ["segment 2: empty"]


def test_whisper_cpp_without_tokens_has_no_words() -> None:
    lines = registry.read_path(DATA / "whispercpp.json").transcript.lines
    assert [(x.start_ms, x.end_ms, x.words) for x in lines] == [(0, 3_000, []), (3_500, 8_000, [])]


def test_whisper_cpp_timestamps_used_when_offsets_missing() -> None:
    data = {
        "transcription": [
            {
                "timestamps": {"from": "00:01:02,500", "to": "00:01:04,000"},
                "text": " Hi",
                "speaker": "1",
            }
        ]
    }
    (line,) = read_whisper(json.dumps(data)).transcript.lines
    assert (line.start_ms, line.end_ms, line.text, line.speaker) == (62_500, 64_000, "Hi", "1")


def test_whisperx_speakers_and_unaligned_words() -> None:
    result = registry.read_path(DATA / "whisperx.json")
    lines = result.transcript.lines
    assert [x.speaker for x in lines] == ["SPEAKER_00", "SPEAKER_01", "SPEAKER_00"]
    assert lines[0].start_ms == 31 and lines[0].words[0] == Word(31, 352, "Hello", 0.912)
    # "1990." has no times in WhisperX: placed after "in", up to the segment's end
    assert lines[1].words[-1] == Word(3_800, 5_100, "1990.", None)
    assert [(i.reason, i.repaired) for i in result.report.issues] == [
        ("segment 2: 1 word without times placed between their neighbours", True)
    ]


def test_speaker_taken_from_words_when_the_segment_has_none() -> None:
    data = {
        "segments": [
            {
                "start": 0,
                "end": 1,
                "text": "a b c",
                "words": [
                    {"word": "a", "start": 0, "end": 0.3, "speaker": "SPEAKER_01"},
                    {"word": "b", "start": 0.3, "end": 0.6, "speaker": "SPEAKER_02"},
                    {"word": "c", "start": 0.6, "end": 1, "speaker": "SPEAKER_02"},
                ],
            }
        ]
    }
    assert read_whisper(json.dumps(data)).transcript.lines[0].speaker == "SPEAKER_02"


def test_bad_segments_are_reported_and_the_rest_kept() -> None:
    data = {
        "segments": [
            {"start": "zero", "end": 1.0, "text": "no start"},
            {"start": 2.0, "end": 1.5, "text": " backwards"},
            "junk",
            {"start": float("nan"), "end": 3, "text": "nan"},
            {"start": 3.0, "end": 4.0, "text": " fine "},
        ]
    }
    result = read_whisper(json.dumps(data))
    assert [(x.start_ms, x.end_ms, x.text) for x in result.transcript.lines] == [
        (2_000, 2_000, "backwards"),
        (3_000, 4_000, "fine"),
    ]
    assert [(i.reason.split(":")[0], i.repaired) for i in result.report.issues] == [
        ("segment 1", False),
        ("segment 2", True),
        ("segment 3", False),
        ("segment 4", False),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"segments": [', "not valid JSON"),
        ('{"results": []}', 'no "segments" or "transcription"'),
        ("[1, 2]", 'no "segments" or "transcription"'),
    ],
)
def test_unreadable_input_raises_one_line(text: str, message: str) -> None:
    with pytest.raises(TranscriptFormatError, match=message) as err:
        read_whisper(text)
    assert "\n" not in str(err.value)


def test_sniff_finds_each_shape_and_leaves_project_json_alone() -> None:
    for name in ("whisper-openai.json", "whispercpp-full.json", "whispercpp.json", "whisperx.json"):
        text = (DATA / name).read_text(encoding="utf-8")
        assert registry.sniff(text).name == "whisper", name
    # A project whose lines talk about segments, start and end is still a project.
    project = write_json(
        Transcript(lines=[Line(0, 1, 'the "segments" key, "start" and "end"', speaker="x")])
    )
    assert sniff_whisper(project) == 0.0
    assert registry.sniff(project).name == "json"
    assert sniff_whisper('{"events": [{"tStartMs": 0}]}') == 0.0
    assert sniff_whisper("1\n00:00:01,000 --> 00:00:02,000\nsegments\n") == 0.0


def test_long_openai_text_before_segments_is_still_sniffed() -> None:
    """openai-whisper writes the whole "text" first: "segments" can be far past any head."""
    words = "word " * 5_000
    data = {"text": words, "segments": [{"start": 0, "end": 1, "text": words}], "language": "en"}
    assert registry.sniff(json.dumps(data)).name == "whisper"


def test_whisper_is_read_only_and_json_files_still_write_projects() -> None:
    fmt = registry.by_name("whisper")
    assert fmt.write is None and fmt in registry.readable_formats()
    assert registry.for_path("talk.json") is registry.by_name("json")


def test_numbers_no_library_can_hold_fail_their_segment_not_the_file() -> None:
    text = (
        '{"segments": [{"start": ' + "9" * 5000 + ', "end": 2, "text": "huge"},'
        ' {"start": 1e300, "end": 1e301, "text": "far"},'
        ' {"start": 1, "end": 2, "text": "kept"}]}'
    )
    result = read_whisper(text)
    assert [(x.start_ms, x.end_ms, x.text) for x in result.transcript.lines] == [
        (1000, 2000, "kept")
    ]
    assert [i.reason for i in result.report.issues] == [
        "segment 1: no valid start and end time (none, negative or past 999 h)",
        "segment 2: no valid start and end time (none, negative or past 999 h)",
    ]


def test_a_huge_number_in_what_is_not_json_is_a_json_refusal() -> None:
    with pytest.raises(TranscriptFormatError, match="not valid JSON: Extra data"):
        read_whisper("9" * 5000 + ":0:0,0")
