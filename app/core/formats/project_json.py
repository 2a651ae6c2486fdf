"""Proofreel's own lossless JSON ("proofreel-transcript", version 1).

Everything a transcript holds survives a write and a read: ids, review status, notes, highlights,
the imported text next to the corrected one. Writing what was read gives the same bytes, so the
file can live in version control and diffs show real changes only.

``original_text`` is always written (equal to ``text`` when the line was never edited) so other
tools need no rule for its absence; it reads back as ``None`` when equal to ``text``. A line's
``words`` (word timings) appear only when it has some, so older files keep their exact bytes;
so do ``styles`` (inline styling runs over ``text``, app.core.styling), ``cue_id`` and
``cue_settings`` (a WebVTT cue's id and settings as written).
"""

from __future__ import annotations

import json
import re
from typing import Any

from app.core.formats.base import Format, ImportReport, ReadResult, TranscriptFormatError
from app.core.limits import MAX_HOURS, MAX_ID, MAX_TIME_MS
from app.core.styling import KINDS, clean_runs
from app.core.transcript import (
    STATUSES,
    Highlight,
    Line,
    MediaInfo,
    Metadata,
    Note,
    StyleRun,
    Transcript,
    Word,
)

__all__ = [
    "FORMAT",
    "FORMAT_ID",
    "VERSION",
    "line_dict",
    "note_dict",
    "read_json",
    "sniff_json",
    "write_json",
]

FORMAT_ID = "proofreel-transcript"
VERSION = 1


class _Bad(ValueError):
    """One entry of the file is unusable; the message says which field and why."""


class _TooBig:
    """What a number of more digits than any id or time has reads as (never an int)."""


_TOO_BIG = _TooBig()
_DIGITS = len(str(MAX_ID))


def _parse_int(digits: str) -> int | _TooBig:
    """json's int hook for a file with a number Python refuses to convert (4,300+ digits)."""
    return _TOO_BIG if len(digits.lstrip("-").lstrip("0")) > _DIGITS else int(digits)


def _too_big(value: object) -> bool:
    return value is _TOO_BIG or (
        isinstance(value, int)
        and not isinstance(value, bool)
        and not -MAX_ID - 1 <= value <= MAX_ID
    )


def _int(obj: dict[str, Any], key: str, *, optional: bool = False) -> int | None:
    value = obj.get(key)
    if value is None and optional:
        return None
    if _too_big(value):  # SQLite's INTEGER is 64 bits: such a number would overflow at insert
        raise _Bad(f"{key!r} is too large")
    # bool is an int subclass; `true` for a time is a broken file, not 1 ms.
    if not isinstance(value, int) or isinstance(value, bool):
        raise _Bad(f"{key!r} must be a whole number")
    return value


def _time(obj: dict[str, Any], key: str) -> int:
    value = _int(obj, key)
    assert value is not None
    if value < 0:
        raise _Bad(f"{key!r} is negative")
    if value > MAX_TIME_MS:
        raise _Bad(f"{key!r} is past {MAX_HOURS} hours")
    return value


def _id(obj: dict[str, Any], report: ImportReport, where: str) -> int | None:
    """An entry's id; one too large for the library is dropped (a new one is given), reported."""
    if _too_big(obj.get("id")):
        report.repair(0, f"{where}: id too large for a library: dropped, a new one is given")
        return None
    return _int(obj, "id", optional=True)


def _str(obj: dict[str, Any], key: str, default: str | None = "") -> str:
    value = obj.get(key, default)
    if not isinstance(value, str):
        raise _Bad(f"{key!r} must be text")
    return value


def _dict(value: object, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _Bad(f"{what} must be an object")
    return value


def _list(obj: dict[str, Any], key: str) -> list[Any]:
    value = obj.get(key, [])
    if not isinstance(value, list):
        raise _Bad(f"{key!r} must be a list")
    return value


def _note(raw: object, report: ImportReport, where: str) -> Note:
    obj = _dict(raw, "a note")
    return Note(
        id=_id(obj, report, where),
        author=_str(obj, "author"),
        body=_str(obj, "body", None),
        created_at=_str(obj, "created_at"),
        updated_at=_str(obj, "updated_at"),
        parent_id=_int(obj, "parent_id", optional=True) if "parent_id" in obj else None,
        resolved_by=_str(obj, "resolved_by") if "resolved_at" in obj else None,
        resolved_at=_str(obj, "resolved_at") if "resolved_at" in obj else None,
    )


def _highlight(raw: object, text: str, report: ImportReport, where: str) -> Highlight:
    obj = _dict(raw, "a highlight")
    start, end = _time(obj, "start"), _time(obj, "end")
    if not start <= end <= len(text):
        raise _Bad(f"highlight {start}..{end} lies outside the line's text")
    return Highlight(
        id=_id(obj, report, where),
        start=start,
        end=end,
        tag=_str(obj, "tag", None),
        color=_str(obj, "color"),
        note=_str(obj, "note"),
    )


def _style(raw: object, text: str) -> StyleRun:
    obj = _dict(raw, "a style run")
    start, end = _time(obj, "start"), _time(obj, "end")
    if not start < end <= len(text):
        raise _Bad(f"style run {start}..{end} lies outside the line's text")
    kind = _str(obj, "kind", None)
    if kind not in KINDS:
        raise _Bad(f"unknown style kind {kind[:20]!r}")
    return StyleRun(start, end, kind, _str(obj, "value"))


def _word(raw: object) -> Word:
    obj = _dict(raw, "a word")
    start, end = _time(obj, "start_ms"), _time(obj, "end_ms")
    if end < start:
        raise _Bad("it ends before it starts")
    confidence = obj.get("confidence")
    if confidence is not None and (
        not isinstance(confidence, int | float)
        or isinstance(confidence, bool)
        or _too_big(confidence)
    ):
        raise _Bad("'confidence' must be a number or null")
    return Word(start, end, _str(obj, "text", None), confidence)


def _line(raw: object, number: int, report: ImportReport) -> Line:
    obj = _dict(raw, "a line")
    start, end = _time(obj, "start_ms"), _time(obj, "end_ms")
    text = _str(obj, "text", None)
    original = obj.get("original_text")
    if original is not None and not isinstance(original, str):
        raise _Bad("'original_text' must be text or null")
    end_inferred = obj.get("end_inferred", False)
    if not isinstance(end_inferred, bool):
        raise _Bad("'end_inferred' must be true or false")
    status = _str(obj, "status", "unreviewed")
    if status not in STATUSES:
        report.repair(0, f"line {number}: unknown status {status!r} read as 'unreviewed'")
        status = "unreviewed"
    if end < start:
        report.repair(0, f"line {number}: ends before it starts: end set to start")
        end = start
    line = Line(
        id=_id(obj, report, f"line {number}"),
        start_ms=start,
        end_ms=end,
        end_inferred=end_inferred,
        speaker=_str(obj, "speaker"),
        text=text,
        original_text=None if original == text else original,
        status=status,
        cue_id=_str(obj, "cue_id"),
        cue_settings=_str(obj, "cue_settings"),
    )
    kinds = (
        ("note", _list(obj, "notes")),
        ("highlight", _list(obj, "highlights")),
        ("word", _list(obj, "words")),
        ("style run", _list(obj, "styles")),
    )
    for kind, items in kinds:
        for index, item in enumerate(items, start=1):
            try:
                where = f"line {number}: {kind} {index}"
                if kind == "note":
                    line.notes.append(_note(item, report, where))
                elif kind == "highlight":
                    line.highlights.append(_highlight(item, text, report, where))
                elif kind == "word":
                    line.words.append(_word(item))
                else:
                    line.styles.append(_style(item, text))
            except _Bad as err:
                report.repair(0, f"line {number}: {kind} {index} dropped: {err}")
    line.styles = clean_runs(line.styles, len(text))
    return line


def _header(data: object) -> dict[str, Any]:
    if not isinstance(data, dict) or data.get("format") != FORMAT_ID:
        raise TranscriptFormatError(f'not a Proofreel transcript (no "format": "{FORMAT_ID}")')
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise TranscriptFormatError(f"Proofreel transcript with a bad version: {version!r}")
    if version > VERSION:
        raise TranscriptFormatError(
            f"this transcript was saved by a newer Proofreel (format version {version}; "
            f"this one reads up to {VERSION}): update Proofreel to open it"
        )
    return data


def read_json(text: str) -> ReadResult:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise TranscriptFormatError(
            f"not valid JSON: {err.msg} at line {err.lineno} column {err.colno}"
        ) from None
    except ValueError:  # an integer of 4,300+ digits: read again, such numbers marked
        data = _loads_marking_huge(text)
    except RecursionError:
        raise TranscriptFormatError("not valid JSON: nested too deeply") from None
    top = _header(data)
    report = ImportReport(format="json")
    try:
        transcript = Transcript(
            title=_str(top, "title"),
            media=_media(top.get("media"), report),
            metadata=_metadata(top.get("metadata")),
        )
        raw_lines = _list(top, "lines")
    except _Bad as err:
        raise TranscriptFormatError(f"broken Proofreel transcript: {err}") from None
    for number, raw in enumerate(raw_lines, start=1):
        try:
            transcript.lines.append(_line(raw, number, report))
        except _Bad as err:
            # JSON gives no input line numbers; the entry number finds the line in the file.
            report.skip(0, f"line {number}: {err}")
    report.lines_read = len(transcript.lines)
    return ReadResult(transcript, report)


def _loads_marking_huge(text: str) -> Any:
    try:
        return json.loads(text, parse_int=_parse_int)
    except ValueError as err:
        raise TranscriptFormatError(f"not valid JSON: {err}".splitlines()[0]) from None
    except RecursionError:
        raise TranscriptFormatError("not valid JSON: nested too deeply") from None


def _media(raw: object, report: ImportReport) -> MediaInfo | None:
    if raw is None:
        return None
    obj = _dict(raw, "'media'")
    try:
        duration = _int(obj, "duration_ms", optional=True)
        if duration is not None and not 0 <= duration <= MAX_TIME_MS:
            raise _Bad(f"'duration_ms' is not a time from 0 to {MAX_HOURS} hours")
    except _Bad as err:
        report.repair(0, f"media duration dropped: {err}")
        duration = None
    return MediaInfo(path=_str(obj, "path", None), duration_ms=duration)


def _metadata(raw: object) -> Metadata:
    if raw is None:
        return Metadata()
    obj = _dict(raw, "'metadata'")
    tags = _list(obj, "tags")
    if not all(isinstance(tag, str) for tag in tags):
        raise _Bad("'tags' must be a list of text")
    return Metadata(
        description=_str(obj, "description"), tags=list(tags), category=_str(obj, "category")
    )


def note_dict(n: Note) -> dict[str, Any]:
    """A note as the file holds it; a reply names its thread's first note (``parent_id``) and a
    resolved thread's first note who resolved it and when: only then, so older files stay as
    they were."""
    entry: dict[str, Any] = {
        "id": n.id,
        "author": n.author,
        "body": n.body,
        "created_at": n.created_at,
        "updated_at": n.updated_at,
    }
    if n.parent_id is not None:
        entry["parent_id"] = n.parent_id
    if n.resolved_at is not None:
        entry["resolved_by"] = n.resolved_by or ""
        entry["resolved_at"] = n.resolved_at
    return entry


def line_dict(line: Line) -> dict[str, Any]:
    """One line as the file holds it (app.export.project_json formats unusual lines with it)."""
    entry: dict[str, Any] = {
        "id": line.id,
        "start_ms": line.start_ms,
        "end_ms": line.end_ms,
        "end_inferred": line.end_inferred,
        "speaker": line.speaker,
        "text": line.text,
        "original_text": line.original,
        "status": line.status,
        "notes": [note_dict(n) for n in line.notes],
        "highlights": [
            {
                "id": h.id,
                "start": h.start,
                "end": h.end,
                "tag": h.tag,
                "color": h.color,
                "note": h.note,
            }
            for h in line.highlights
        ],
    }
    if line.words:  # only then: files without word timings stay exactly as they were
        entry["words"] = [
            {"start_ms": w.start_ms, "end_ms": w.end_ms, "text": w.text, "confidence": w.confidence}
            for w in line.words
        ]
    if line.styles:
        entry["styles"] = [
            {"start": r.start, "end": r.end, "kind": r.kind, "value": r.value} for r in line.styles
        ]
    if line.cue_id:
        entry["cue_id"] = line.cue_id
    if line.cue_settings:
        entry["cue_settings"] = line.cue_settings
    return entry


def write_json(transcript: Transcript) -> str:
    media = transcript.media
    meta = transcript.metadata
    document = {
        "format": FORMAT_ID,
        "version": VERSION,
        "title": transcript.title,
        "media": None if media is None else {"path": media.path, "duration_ms": media.duration_ms},
        "metadata": {
            "description": meta.description,
            "tags": list(meta.tags),
            "category": meta.category,
        },
        "lines": [line_dict(line) for line in transcript.lines],
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def sniff_json(text: str) -> float:
    head = text[:4096].lstrip("\ufeff \t\r\n")
    if not head.startswith("{"):
        return 0.0
    if f'"{FORMAT_ID}"' in head:
        return 1.0
    # "{" then a key or "}": JSON of some kind; "{1}{25}" is MicroDVD, "{\rtf" a document.
    return 0.1 if re.match(r'\{\s*(?:"|\}|$)', head) else 0.0


FORMAT = Format(
    name="json",
    label="Proofreel transcript (JSON)",
    extensions=("json",),
    sniff=sniff_json,
    read=read_json,
    write=write_json,
)
