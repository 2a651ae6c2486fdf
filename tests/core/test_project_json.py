"""The project's own JSON keeps everything, byte for byte, and refuses what it cannot trust."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core.formats.base import TranscriptFormatError
from app.core.formats.project_json import read_json, sniff_json, write_json
from app.core.transcript import Highlight, Line, MediaInfo, Metadata, Note, Transcript


def _sample() -> Transcript:
    return Transcript(
        title="Moscow talks — evening news",
        media=MediaInfo(path="/videos/news.mp4", duration_ms=263_500),
        metadata=Metadata(
            description="Talks in Moscow.", tags=["Putin", "Ukraine"], category="News"
        ),
        lines=[
            Line(0, 26_000, "After months of stalled diplomacy", end_inferred=True, id=1),
            Line(
                26_000,
                32_000,
                "has reopened the door to high-stakes negotiations",
                speaker="Anchor",
                original_text="has reopend the door",
                status="approved",
                notes=[
                    Note(
                        "Typo fixed",
                        author="ana",
                        created_at="2025-01-02T03:04:05Z",
                        updated_at="2025-01-02T03:04:06Z",
                        id=7,
                    )
                ],
                highlights=[Highlight(4, 12, "name", color="#ffcc00", note="check", id=3)],
                id=2,
            ),
            Line(32_000, 37_000, "Zelensky — «ещё» 日本", status="flagged"),
        ],
    )


def _fields(transcript: Transcript) -> Any:
    return (transcript.title, transcript.media, transcript.metadata, transcript.lines)


def test_round_trip_keeps_everything() -> None:
    original = _sample()
    result = read_json(write_json(original))
    assert _fields(result.transcript) == _fields(original)
    assert result.report.clean
    assert result.report.lines_read == 3


def test_unedited_line_reads_back_as_never_edited() -> None:
    text = write_json(_sample())
    document = json.loads(text)
    assert document["lines"][0]["original_text"] == document["lines"][0]["text"]
    lines = read_json(text).transcript.lines
    assert lines[0].original_text is None
    assert lines[1].original_text == "has reopend the door"


def test_read_then_write_is_byte_identical() -> None:
    text = write_json(_sample())
    assert write_json(read_json(text).transcript) == text


def test_file_shape() -> None:
    text = write_json(_sample())
    assert text.endswith("}\n")
    assert "日本" in text  # readable, not \\u escapes
    document = json.loads(text)
    assert list(document) == ["format", "version", "title", "media", "metadata", "lines"]
    assert document["format"] == "proofreel-transcript"
    assert document["version"] == 1
    assert list(document["lines"][1]) == [
        "id",
        "start_ms",
        "end_ms",
        "end_inferred",
        "speaker",
        "text",
        "original_text",
        "status",
        "notes",
        "highlights",
    ]
    assert document["lines"][2]["id"] is None


def _document(**changes: Any) -> str:
    document = json.loads(write_json(_sample()))
    document.update(changes)
    return json.dumps(document)


def test_newer_version_is_refused() -> None:
    with pytest.raises(TranscriptFormatError, match="newer Proofreel") as err:
        read_json(_document(version=2))
    assert "\n" not in str(err.value)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"format": "something-else"}, "not a Proofreel transcript"),
        ({"version": "1"}, "bad version"),
        ({"version": 0}, "bad version"),
        ({"lines": {}}, "'lines' must be a list"),
        ({"metadata": {"tags": [1]}}, "'tags'"),
    ],
)
def test_broken_headers_are_refused(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(TranscriptFormatError, match=message):
        read_json(_document(**changes))


def test_bad_lines_are_reported_not_fatal() -> None:
    document = json.loads(write_json(_sample()))
    document["lines"][0]["start_ms"] = "zero"
    document["lines"][1]["highlights"][0]["end"] = 999
    document["lines"][1]["status"] = "maybe"
    document["lines"].append(42)
    result = read_json(json.dumps(document))
    assert [line.text[:8] for line in result.transcript.lines] == ["has reop", "Zelensky"]
    assert result.transcript.lines[0].highlights == []
    assert result.transcript.lines[0].status == "unreviewed"
    reasons = [issue.reason for issue in result.report.issues]
    assert any(r.startswith("line 1:") and "start_ms" in r for r in reasons)
    assert any(r.startswith("line 2: highlight 1 dropped") for r in reasons)
    assert any(r.startswith("line 2: unknown status") for r in reasons)
    assert any(r.startswith("line 4:") for r in reasons)


def test_unknown_keys_are_ignored() -> None:
    document = json.loads(write_json(_sample()))
    document["from_the_future"] = {"x": 1}
    document["lines"][0]["mood"] = "calm"
    result = read_json(json.dumps(document))
    assert _fields(result.transcript) == _fields(_sample())


def test_minimal_lines_get_defaults() -> None:
    text = (
        '{"format": "proofreel-transcript", "version": 1, '
        '"lines": [{"start_ms": 5, "end_ms": 9, "text": "hi"}]}'
    )
    (line,) = read_json(text).transcript.lines
    assert (line.start_ms, line.end_ms, line.text, line.status) == (5, 9, "hi", "unreviewed")
    assert line.original_text is None and line.notes == [] and line.id is None


def test_sniff() -> None:
    assert sniff_json(write_json(_sample())) == 1.0
    assert sniff_json('{"other": 1}') < 0.5
    assert sniff_json("1\n00:00:01,000 --> 00:00:02,000\nHi\n") == 0.0


@given(st.text())
def test_any_text_raises_only_format_errors(text: str) -> None:
    try:
        read_json(text)
    except TranscriptFormatError as err:
        assert "\n" not in str(err)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)
_LINE_KEYS = st.sampled_from(
    [
        "id",
        "start_ms",
        "end_ms",
        "end_inferred",
        "speaker",
        "text",
        "original_text",
        "status",
        "notes",
        "highlights",
    ]
)


@given(st.lists(st.dictionaries(_LINE_KEYS, _JSON), max_size=4), _JSON)
def test_any_structure_raises_only_format_errors(lines: list[Any], media: Any) -> None:
    text = json.dumps(
        {"format": "proofreel-transcript", "version": 1, "lines": lines, "media": media}
    )
    try:
        result = read_json(text)
    except TranscriptFormatError as err:
        assert "\n" not in str(err)
    else:
        assert len(result.transcript.lines) + len(
            [i for i in result.report.issues if not i.repaired]
        ) == len(lines)
