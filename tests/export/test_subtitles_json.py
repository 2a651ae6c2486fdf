"""SRT, WebVTT and JSON exports read back with the project's own readers."""

from __future__ import annotations

from pathlib import Path

from app.core.formats.registry import read_path
from app.core.transcript import Note, Transcript
from app.export import ExportOptions, export
from tests.export.helpers import export_to


def test_srt_reads_back_with_corrected_text(tmp_path: Path, transcript: Transcript) -> None:
    result = read_path(export_to(tmp_path, transcript, "srt"))
    assert result.report.clean
    got = [(x.start_ms, x.end_ms, x.text) for x in result.transcript.lines]
    assert got == [(x.start_ms, x.end_ms, x.text) for x in transcript.lines]


def test_vtt_reads_back_with_voices(tmp_path: Path, transcript: Transcript) -> None:
    out = export_to(tmp_path, transcript, "vtt")
    result = read_path(out)
    assert result.report.format == "vtt" and result.report.clean
    got = [(x.start_ms, x.end_ms, x.speaker, x.text) for x in result.transcript.lines]
    assert got == [(x.start_ms, x.end_ms, x.speaker, x.text) for x in transcript.lines]
    raw = out.read_text(encoding="utf-8")
    assert "<v Anna>" in raw and "NOTE Bob Stone: Check the minister" in raw


def test_vtt_note_cannot_become_a_cue(tmp_path: Path, transcript: Transcript) -> None:
    transcript.lines[0].notes.append(Note("sneaky ---> 00:00:00.000 --> 00:00:09.000", "X"))
    out = export_to(tmp_path, transcript, "vtt")
    blocks = out.read_text(encoding="utf-8").split("\n\n")
    assert not any(b.startswith("NOTE") and "-->" in b for b in blocks)
    assert len(read_path(out).transcript.lines) == len(transcript.lines)


def test_vtt_without_notes(tmp_path: Path, transcript: Transcript) -> None:
    raw = export_to(tmp_path, transcript, "vtt", include_notes=False).read_text(encoding="utf-8")
    assert "NOTE" not in raw


def test_json_round_trip_is_byte_stable(tmp_path: Path, transcript: Transcript) -> None:
    first = export_to(tmp_path, transcript, "json")
    again = read_path(first)
    assert again.report.clean
    second = tmp_path / "again.json"
    export(again.transcript, second, "json")
    assert second.read_bytes() == first.read_bytes()
    restored = again.transcript.lines[1]
    assert restored.original_text == "The minster said talks would resum."
    assert [n.author for n in restored.notes] == ["Bob Stone", "Cleo"]
    assert [(h.tag, h.color) for h in restored.highlights] == [
        ("name", "#ffeb3b"),
        ("claim", "#81c784"),
    ]
    assert restored.status == "flagged"
    assert again.transcript.metadata == transcript.metadata


def test_json_fast_writer_matches_core_writer(tmp_path: Path, transcript: Transcript) -> None:
    from app.core.formats.project_json import write_json

    out = export_to(tmp_path, transcript, "json")
    assert out.read_text(encoding="utf-8") == write_json(transcript)
    empty = Transcript(title="nothing")
    export(empty, tmp_path / "empty.json", "json")
    assert (tmp_path / "empty.json").read_text(encoding="utf-8") == write_json(empty)


def test_json_honours_selection_and_note_option(tmp_path: Path, transcript: Transcript) -> None:
    out = tmp_path / "flagged.json"
    export(transcript, out, "json", ExportOptions(only="flagged", include_notes=False))
    lines = read_path(out).transcript.lines
    assert [x.id for x in lines] == [2, 4]
    assert all(not x.notes for x in lines) and lines[0].highlights
    assert transcript.lines[1].notes  # the caller's transcript is not touched
