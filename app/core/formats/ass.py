"""Advanced SubStation Alpha (``.ass``) and SubStation Alpha (``.ssa``) subtitles.

The events are read by a scanner of our own, as the format's spec says: each section's
``Format:`` line names its fields in any order (the Name field is the speaker, Text is the last
and takes the commas in it), ``Dialogue:`` rows are speech and ``Comment:`` rows the author's
notes (left out without a report). Override blocks (``{\\i1}``, ``{\\pos(..)}``...) are dropped
from the text (``\\i``, ``\\b``, ``\\u`` and ``\\s`` kept as style runs, app.core.styling),
``\\N`` is a new row and ``\\n``/``\\h`` are spaces; vector drawings (``{\\p1}``) are not text
and are skipped with a report. Styles carry nothing a transcript keeps, so [V4+ Styles] is only
checked against its Format line.

Why not pysubs2 (still used to check what we write): it refuses a whole file for one style
whose fields are in another order or one bad time, gives no line numbers, and builds a full
style and event model; this scan is several times faster on 20k events (bench/bench_formats.py).
"""

from __future__ import annotations

import re

from app.core.allocation import gc_paused
from app.core.formats.base import Format, ImportReport, ReadResult, TranscriptFormatError
from app.core.limits import MAX_HOURS, bounded_int
from app.core.styling import Markers, rebase_runs, render
from app.core.transcript import Line, StyleRun, Transcript

__all__ = ["FORMAT", "plain_text", "read_ass", "sniff_ass", "write_ass"]

_SECTION = re.compile(r"^\[[^\]]+\]$")
# H:MM:SS.cc; hours, minutes and seconds of any width (files have "0:1:2.5"), the fraction a
# decimal fraction of a second, optional (some tools write none), a leading "-" clamped to 0.
_TIME = re.compile(r"[ \t]*(-?)([0-9]+):([0-9]+):([0-9]+)(?:[.,:]([0-9]*))?[ \t]*", re.ASCII)
# \N hard break, \n soft break (a space unless wrap style 2), \h hard space, \{ \} literal
# braces (libass), then whole override blocks.
_MARKUP = re.compile(r"\\[Nnh{}]|\{[^}]*\}")
_MARKUP_TEXT = {"\\N": "\n", "\\n": " ", "\\h": " ", "\\{": "{", "\\}": "}"}
# \p1.. switches an override block into vector drawing mode (\pos and \pbo are not it).
_DRAWING = re.compile(r"\{[^}]*\\p[1-9]", re.ASCII)
_DEFAULT_TITLES = {"", "Default Aegisub file", "<untitled>"}
# The spec's event fields when a file has no Format line (v4.00+ and v4.00).
_ASS_EVENT_FIELDS = ("layer", "start", "end", "style", "name", "marginl", "marginr", "marginv",
                     "effect", "text")  # fmt: skip
_SSA_EVENT_FIELDS = ("marked", *_ASS_EVENT_FIELDS[1:])


def plain_text(markup: str) -> str:
    """An event's text without ASS markup: override blocks gone, ``\\N`` as a new row."""
    if "\\" in markup or "{" in markup:
        markup = _MARKUP.sub(lambda m: _MARKUP_TEXT.get(m.group(), ""), markup)
    elif "\n" not in markup:
        return " ".join(markup.split())
    rows = (" ".join(row.split()) for row in markup.split("\n"))
    return "\n".join(row for row in rows if row)


def _table(top: int, scale: int, widths: tuple[int, ...]) -> dict[str, int]:
    return {f"{v:0{w}d}": v * scale for v in range(top + 1) for w in widths if v < 10**w}


# Dict look-ups for the usual "H:MM:SS.cc": several times cheaper than int() on every field.
_HOURS = _table(99, 3_600_000, (1, 2))
_MINUTES = _table(59, 60_000, (1, 2))
_SECONDS = _table(59, 1000, (1, 2))
_FRACTION = {
    **{f"{v:01d}": v * 100 for v in range(10)},
    **{f"{v:02d}": v * 10 for v in range(100)},
    **{f"{v:03d}": v for v in range(1000)},
}


def _millis(stamp: str) -> int:
    """Milliseconds of an event time; -1 when unreadable, -2 past MAX_HOURS; negative times
    come back as ``-(ms) - 3`` so the caller can clamp and report them."""
    try:
        h, m, rest = stamp.split(":")
        sec, frac = rest.split(".")
        return _HOURS[h.lstrip()] + _MINUTES[m] + _SECONDS[sec] + _FRACTION[frac.rstrip()]
    except (KeyError, ValueError):
        pass  # another shape or a value out of range: the careful path
    match = _TIME.fullmatch(stamp)
    if match is None:
        return -1
    sign, h, m, s, frac = match.groups()
    hours = bounded_int(h, MAX_HOURS)
    minutes, seconds = bounded_int(m, 59), bounded_int(s, 59)
    if hours is None:
        return -2
    if minutes is None or seconds is None:
        return -1
    frac = (frac or "")[:3]
    ms = ((hours * 60 + minutes) * 60 + seconds) * 1000 + int(frac.ljust(3, "0"))
    return -ms - 3 if sign else ms


class _Events:
    """Where the fields of one section's rows are, from its Format line."""

    __slots__ = ("count", "end", "name", "start", "text")

    def __init__(self, fields: tuple[str, ...]) -> None:
        self.count = len(fields)
        self.start = fields.index("start") if "start" in fields else -1
        self.end = fields.index("end") if "end" in fields else -1
        self.name = fields.index("name") if "name" in fields else -1
        self.text = fields.index("text") if "text" in fields else -1


def _format_fields(value: str) -> tuple[str, ...]:
    return tuple(field.strip().lower() for field in value.split(","))


def _time(value: str, line_no: int, report: ImportReport, what: str) -> int | None:
    ms = _millis(value)
    if ms == -1:
        report.skip(line_no, f"event with a bad or missing time ({what} {value.strip()[:20]!r})")
        return None
    if ms == -2:
        report.skip(line_no, f"event with a bad time: hours past {MAX_HOURS}")
        return None
    if ms < 0:
        report.repair(line_no, f"negative {what} time: set to 0")
        return 0
    return ms


def _scan(text: str, report: ImportReport) -> tuple[list[Line], str, bool]:
    """Lines, the title, and whether an [Events] section was seen."""
    lines: list[Line] = []
    append = lines.append
    title = ""
    section = ""
    ssa = bool(re.search(r"^[ \t]*\[V4 Styles\]", text, re.MULTILINE | re.IGNORECASE))
    events = _Events(_SSA_EVENT_FIELDS if ssa else _ASS_EVENT_FIELDS)
    style_fields = 0
    seen_events = False
    for index, raw in enumerate(text.split("\n")):
        row = raw.strip()
        if not row or row[0] == ";":
            continue
        if row[0] == "[" and _SECTION.match(row):
            section = row[1:-1].strip().lower()
            seen_events = seen_events or section == "events"
            continue
        key, colon, value = row.partition(":")
        if not colon:
            continue
        key = key.strip().lower()
        if section == "events" or (not section and key in ("dialogue", "comment")):
            if key == "dialogue":
                line = _event(value, index + 1, events, report)
                if line is not None:
                    append(line)
            elif key == "format":
                fields = _format_fields(value)
                if "text" not in fields or fields[-1] != "text":
                    report.repair(index + 1, "[Events] Format line without Text last: default kept")
                elif "start" not in fields or "end" not in fields:
                    report.repair(
                        index + 1, "[Events] Format line without Start or End: default kept"
                    )
                else:
                    events = _Events(fields)
        elif section in ("v4+ styles", "v4 styles", "v4 styles+"):
            if key == "format":
                style_fields = len(_format_fields(value))
            elif key == "style" and style_fields and len(value.split(",")) != style_fields:
                # Styles are not used by a transcript: a bad one costs nothing but a note.
                report.repair(index + 1, "style row does not match its Format line: ignored")
        elif section == "script info" and key == "title":
            title = value.strip()
    return lines, title, seen_events


def _event(value: str, line_no: int, events: _Events, report: ImportReport) -> Line | None:
    fields = value.split(",", events.count - 1)
    if len(fields) < events.count:
        report.skip(
            line_no, f"event with {len(fields)} fields, its Format line names {events.count}"
        )
        return None
    body = fields[events.text]
    if "\\p" in body and _DRAWING.search(body):
        report.skip(line_no, "vector drawing (\\p), not text")
        return None
    start = _time(fields[events.start], line_no, report, "start")
    end = _time(fields[events.end], line_no, report, "end")
    if start is None or end is None:
        return None
    plain = plain_text(body)
    styles = _styles(body, plain) if "{" in body and _STYLE_TAG.search(body) else []
    if not plain:
        report.skip(line_no, "event without text")
        return None
    if end < start:
        report.repair(line_no, "event ends before it starts: end set to start")
        end = start
    speaker = fields[events.name].strip() if events.name >= 0 else ""
    return Line(start, end, plain, speaker=speaker, styles=styles)


_STYLE_TAG = re.compile(r"\\[ibus][0-9]", re.ASCII)  # \i1 \b0 \u1 \s1, \b700 too
_STYLE_VALUES = re.compile(r"\\([ibus])([0-9]+)", re.ASCII)


def _styles(markup: str, plain: str) -> list[StyleRun]:
    """The italic, bold, underline and strike-out runs of an event's override tags, over the
    text plain_text gives (none if the two ever disagree)."""
    if not Markers.usable(markup):
        return []
    marks = Markers()

    def swap(match: re.Match[str]) -> str:
        found = match.group()
        if found in _MARKUP_TEXT:
            return _MARKUP_TEXT[found]
        return "".join(marks.mark(v != "0", k) for k, v in _STYLE_VALUES.findall(found))

    rows = (marks.collapse(row) for row in _MARKUP.sub(swap, markup).split("\n"))
    kept: list[str] = []
    pending = ""
    for row in rows:
        if not marks.strip(row):
            pending += row
        else:
            kept.append(pending + row)
            pending = ""
    if pending and kept:
        kept[-1] += pending
    text, runs = marks.extract("\n".join(kept))
    return runs if text == plain else []


def read_ass(text: str) -> ReadResult:
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    report = ImportReport(format="ass")
    with gc_paused():  # thousands of Lines: a collection pass per 700 would cost 10%
        lines, title, seen_events = _scan(text, report)
    if not lines and not seen_events:
        raise TranscriptFormatError("no ASS/SSA [Events] section or Dialogue lines found")
    report.lines_read = len(lines)
    return ReadResult(
        Transcript(lines=lines, title="" if title in _DEFAULT_TITLES else title), report
    )


def _stamp(ms: int) -> str:
    """``H:MM:SS.cc``: ASS counts centiseconds; rounded to the nearest, as Aegisub does."""
    if ms < 0:
        raise ValueError(f"negative time: {ms} ms")
    centis = (ms + 5) // 10
    seconds, cs = divmod(centis, 100)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}.{cs:02d}"


def _field(value: str) -> str:
    """A Name field: one row, and no comma (commas separate the fields)."""
    return " ".join(value.split()).replace(",", ";")


def _text(value: str) -> str:
    rows = (" ".join(row.split()) for row in value.replace("\r\n", "\n").split("\n"))
    escaped = "\\N".join(row for row in rows if row)
    return escaped.replace("{", "\\{").replace("}", "\\}")


_HEADER = """\
[Script Info]
; Written by Proofreel
Title: {title}
ScriptType: v4.00+
WrapStyle: 0
ScaledBorderAndShadow: yes
PlayResX: 1920
PlayResY: 1080

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, \
Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, \
Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
Style: Default,Arial,54,&H00FFFFFF,&H000000FF,&H00000000,&H80000000,0,0,0,0,100,100,0,0,1,2,1,\
2,60,60,50,1

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
"""


def _styled_text(line: Line) -> str:
    """The event text of a styled line: ``{\\i1}``..``{\\i0}`` (and b, u, s) around its runs."""
    rows = (" ".join(row.split()) for row in line.text.replace("\r\n", "\n").split("\n"))
    flat = "\n".join(row for row in rows if row)
    runs = rebase_runs(line.text, flat, line.styles)

    def escape(piece: str) -> str:
        return piece.replace("{", "\\{").replace("}", "\\}").replace("\n", "\\N")

    return render(flat, runs, _ass_tags, escape)


def _ass_tags(run: StyleRun) -> tuple[str, str] | None:
    if run.kind in ("i", "b", "u", "s"):
        return f"{{\\{run.kind}1}}", f"{{\\{run.kind}0}}"
    return None  # colours and classes: the one default style has none


def write_ass(transcript: Transcript) -> str:
    """A minimal ASS file: one default style, the speaker in Name, ``\\N`` between rows,
    italic, bold, underline and strike-out runs as override tags."""
    out = [_HEADER.format(title=_field(transcript.title) or "Proofreel transcript")]
    for line in transcript.lines:
        text = _styled_text(line) if line.styles else _text(line.text)
        out.append(
            f"Dialogue: 0,{_stamp(line.start_ms)},{_stamp(line.end_ms)},Default,"
            f"{_field(line.speaker)},0,0,0,,{text}\n"
        )
    return "".join(out)


def sniff_ass(text: str) -> float:
    head = text[:65_536].lower()
    if "[script info]" in head:
        return 1.0
    if "[events]" in head and re.search(r"^\s*dialogue:\s*\d", head, re.MULTILINE):
        return 0.9
    return 0.0


FORMAT = Format(
    name="ass",
    label="Advanced SubStation Alpha subtitles",
    extensions=("ass", "ssa"),
    sniff=sniff_ass,
    read=read_ass,
    write=write_ass,
)
