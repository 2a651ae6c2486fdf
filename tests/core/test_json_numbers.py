"""Numbers in a project JSON that no library can hold (ids or times of 2^63 and up, a field of
5,000 digits) are handled at the reader, line by line: the rest of the file is read, the report
says what happened, and the library stores the lines without an overflow."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.core.formats.project_json import FORMAT_ID, read_json
from app.core.limits import MAX_ID
from app.store.importing import import_transcript
from app.store.library import Library


def _file(*lines: str, media: str = "null") -> str:
    return (
        f'{{"format": "{FORMAT_ID}", "version": 1, "title": "t", "media": {media}, '
        f'"lines": [{", ".join(lines)}]}}'
    )


def _line(
    text: str, start: str = "0", end: str = "1000", line_id: str = "null", **extra: Any
) -> str:
    more = "".join(f', "{key}": {value}' for key, value in extra.items())
    return f'{{"id": {line_id}, "start_ms": {start}, "end_ms": {end}, "text": "{text}"{more}}}'


def _reasons(text: str) -> list[str]:
    return [issue.reason for issue in read_json(text).report.issues]


def test_an_id_of_2_63_is_dropped_and_the_line_kept() -> None:
    text = _file(_line("kept", line_id=str(2**63)), _line("fine", line_id=str(MAX_ID)))
    lines = read_json(text).transcript.lines
    assert [(line.id, line.text) for line in lines] == [(None, "kept"), (MAX_ID, "fine")]
    assert _reasons(text) == ["line 1: id too large for a library: dropped, a new one is given"]


def test_a_time_past_999_hours_is_an_error_for_that_line() -> None:
    text = _file(_line("lost", start=str(2**63), end=str(2**63 + 1)), _line("kept"))
    assert [line.text for line in read_json(text).transcript.lines] == ["kept"]
    assert _reasons(text) == ["line 1: 'start_ms' is too large"]
    hours = _file(_line("late", start=str(1000 * 3_600_000)), _line("kept"))
    assert _reasons(hours) == ["line 1: 'start_ms' is past 999 hours"]


def test_a_5000_digit_field_is_an_error_for_its_line_not_the_file() -> None:
    text = _file(_line("lost", end="9" * 5000), _line("kept", start="10", end="20"))
    lines = read_json(text).transcript.lines
    assert [(line.start_ms, line.end_ms, line.text) for line in lines] == [(10, 20, "kept")]
    assert _reasons(text) == ["line 1: 'end_ms' is too large"]


def test_huge_numbers_in_notes_words_and_media_are_dropped_with_a_report() -> None:
    note = '{"id": ' + "7" * 5000 + ', "body": "n"}'
    word = '{"start_ms": 0, "end_ms": ' + str(2**64) + ', "text": "w"}'
    text = _file(
        _line("kept", notes=f"[{note}]", words=f"[{word}]"),
        media='{"path": "a.mp4", "duration_ms": ' + str(2**63) + "}",
    )
    result = read_json(text)
    (line,) = result.transcript.lines
    assert [note.body for note in line.notes] == ["n"] and line.notes[0].id is None
    assert line.words == []
    assert result.transcript.media is not None and result.transcript.media.duration_ms is None
    reasons = _reasons(text)
    assert "line 1: note 1: id too large for a library: dropped, a new one is given" in reasons
    assert "line 1: word 1 dropped: 'end_ms' is too large" in reasons
    assert any(reason.startswith("media duration dropped") for reason in reasons)


def test_the_library_stores_such_a_file_without_an_overflow(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    path.write_text(
        _file(
            _line("one", line_id=str(2**63)),
            _line("two", start="9" * 5000),
            _line("three", start="2000", end="3000", line_id=str(2**70)),
        ),
        encoding="utf-8",
    )
    library = Library.open(f"sqlite:///{tmp_path / 'library.sqlite'}")
    try:
        opened = import_transcript(library, path)
        stored = library.load_transcript(opened.project_id)
    finally:
        library.close()
    assert [(line.start_ms, line.text) for line in stored.lines] == [(0, "one"), (2000, "three")]
    assert all(line.id is not None and 0 < line.id <= MAX_ID for line in stored.lines)
    assert opened.report is not None and len(opened.report.issues) == 3
