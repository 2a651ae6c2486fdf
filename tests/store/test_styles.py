"""Inline styling and WebVTT cue ids/settings kept by the library (issue 18 items 9 and 19):
what a file carried survives import, a fresh open, edits and their undo, and export."""

from __future__ import annotations

from pathlib import Path

from app.core.editing import merge_lines, split_line
from app.core.formats.project_json import read_json
from app.core.formats.srt import read_srt, write_srt
from app.core.formats.vtt import read_vtt, write_vtt
from app.core.transcript import StyleRun, Transcript
from app.export import ExportOptions, export
from app.store import EditStore
from app.store.library import Library

VTT = (
    "WEBVTT\n\n"
    "intro\n00:00:01.000 --> 00:00:02.000 line:85% align:start\n"
    "<v Bob>Hi <i>there</i>\n<c.yellow>you</c>\n\n"
    "00:00:03.000 --> 00:00:04.000 position:10%\nplain words\n"
)
SRT = (
    "1\n00:00:01,000 --> 00:00:02,000\n<i>Where were you</i> last night?\n\n"
    "2\n00:00:03,000 --> 00:00:04,000\nI was <b>home</b>, alone.\n"
)


def _fresh(library: Library, project: int) -> Transcript:
    """The project as another connection to the same library reads it."""
    with Library.open(str(library.engine.url)) as other:
        return other.load_transcript(project)


def test_webvtt_cue_ids_settings_and_classes_survive_the_library(library: Library) -> None:
    project = library.create_project(
        read_vtt(VTT).transcript, media_path=None, transcript_path="/v.vtt"
    )
    lines = _fresh(library, project).lines
    assert [(ln.cue_id, ln.cue_settings) for ln in lines] == [
        ("intro", "line:85% align:start"),
        ("", "position:10%"),
    ]
    assert lines[0].styles == [StyleRun(3, 8, "i"), StyleRun(9, 12, "class", "yellow")]
    written = write_vtt(Transcript(lines))
    assert "intro\n00:00:01.000 --> 00:00:02.000 line:85% align:start\n" in written
    assert "<v Bob>Hi <i>there</i>\n<c.yellow>you</c>" in written
    assert "00:00:03.000 --> 00:00:04.000 position:10%\nplain words" in written


def test_a_styled_srt_exported_from_the_library_keeps_its_tags(library: Library) -> None:
    project = library.create_project(
        read_srt(SRT).transcript, media_path=None, transcript_path="/s.srt"
    )
    transcript = _fresh(library, project)
    out = write_srt(transcript)
    assert "<i>Where were you</i> last night?" in out
    assert "I was <b>home</b>, alone." in out


def test_typing_inside_an_italic_run_keeps_it_italic_and_undo_puts_it_back(
    library: Library,
) -> None:
    project = library.create_project(
        read_srt(SRT).transcript, media_path=None, transcript_path="/s.srt"
    )
    edit = EditStore(library)
    line = _fresh(library, project).lines[0]
    assert line.id is not None
    old_text, old_marks = edit.set_text(line.id, "Where on earth were you last night?")
    styled = _fresh(library, project).lines[0]
    assert styled.styles == [StyleRun(0, len("Where on earth were you"), "i")]
    assert write_srt(Transcript([styled])).count("<i>Where on earth were you</i>") == 1
    edit.put_text_state(line.id, old_text, old_marks)  # undo
    assert _fresh(library, project).lines[0].styles == [StyleRun(0, 14, "i")]


def test_replace_all_moves_runs_with_their_words(library: Library) -> None:
    project = library.create_project(
        read_srt(SRT).transcript, media_path=None, transcript_path="/s.srt"
    )
    edit = EditStore(library)
    first, second = _fresh(library, project).lines
    assert first.id is not None and second.id is not None
    before = edit.replace_all(
        [(first.id, "So where were you last night?"), (second.id, "I was at home, alone.")]
    )
    lines = _fresh(library, project).lines
    assert [ln.text[r.start : r.end] for ln in lines for r in ln.styles] == [
        "where were you",
        "home",
    ]
    edit.put_text_states(before)  # undo
    assert [ln.styles for ln in _fresh(library, project).lines] == [
        [StyleRun(0, 14, "i")],
        [StyleRun(6, 10, "b")],
    ]


def test_split_and_merge_in_the_library_keep_the_runs(library: Library) -> None:
    project = library.create_project(
        read_srt(SRT).transcript, media_path=None, transcript_path="/s.srt"
    )
    edit = EditStore(library)
    line = _fresh(library, project).lines[0]
    assert line.id is not None
    head, tail = split_line(line, len("Where were"))
    edit.replace_lines(project, [line.id], 0, [head, tail])
    parts = _fresh(library, project).lines[:2]
    assert [(p.text, p.styles) for p in parts] == [
        ("Where were", [StyleRun(0, 10, "i")]),
        ("you last night?", [StyleRun(0, 3, "i")]),
    ]
    assert parts[0].id is not None and parts[1].id is not None
    edit.replace_lines(project, [parts[0].id, parts[1].id], 0, [merge_lines(*parts)])
    assert _fresh(library, project).lines[0].styles == [StyleRun(0, 14, "i")]


def test_project_json_from_the_library_carries_runs_and_cue_fields(
    library: Library, tmp_path: Path
) -> None:
    project = library.create_project(
        read_vtt(VTT).transcript, media_path=None, transcript_path="/v.vtt"
    )
    out = tmp_path / "p.json"
    export(_fresh(library, project), out, "json", ExportOptions())
    back = read_json(out.read_text(encoding="utf-8")).transcript.lines
    assert back[0].styles == [StyleRun(3, 8, "i"), StyleRun(9, 12, "class", "yellow")]
    assert (back[0].cue_id, back[0].cue_settings) == ("intro", "line:85% align:start")


def test_undo_with_the_kept_runs_brings_back_a_deleted_italic_word(library: Library) -> None:
    project = library.create_project(
        read_srt(SRT).transcript, media_path=None, transcript_path="/s.srt"
    )
    edit = EditStore(library)
    line = _fresh(library, project).lines[0]
    assert line.id is not None
    old_text, old_marks = edit.set_text(line.id, "last night?")
    assert _fresh(library, project).lines[0].styles == []  # every italic character went
    edit.put_text_state(line.id, old_text, old_marks, line.styles)  # undo, as the window does
    assert _fresh(library, project).lines[0].styles == [StyleRun(0, 14, "i")]
    first, second = _fresh(library, project).lines
    assert first.id is not None and second.id is not None
    before = edit.replace_all([(first.id, "last night?"), (second.id, "I was, alone.")])
    edit.put_text_states(before, {first.id: first.styles, second.id: second.styles})
    assert [ln.styles for ln in _fresh(library, project).lines] == [
        [StyleRun(0, 14, "i")],
        [StyleRun(6, 10, "b")],
    ]
