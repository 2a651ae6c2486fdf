"""SubRip (``.srt``) subtitles: the format every video tool can read and write.

The reader is forgiving in the ways real files need: a UTF-8 BOM, CRLF, ``.`` or ``,`` before
the milliseconds, missing or repeated cue numbers, display tags (``<i>``, ``<font ...>``,
``{\\an8}``). Anything it changes or drops goes into the report with the input line number.
``<i>``, ``<b>``, ``<u>``, ``<s>``, ``<font color>`` and ASS ``{\\i1}`` become style runs over the
plain text (app.core.styling), and the writer puts them back as tags.

Speed: one compiled regex finds the timing lines of the whole text and each cue's text is the
slice between two of them, so a 100k-cue file costs one pass in C plus a short loop per cue.
"""

from __future__ import annotations

import re
from typing import cast

from app.core.allocation import gc_paused
from app.core.formats.base import Format, ImportReport, ReadResult, TranscriptFormatError
from app.core.formats.markup import TAG, strip_tags
from app.core.limits import MAX_HOURS, bounded_int
from app.core.styling import WEBVTT_COLOURS, Markers, drop_blank_rows, render
from app.core.timecode import format_srt
from app.core.transcript import Line, StyleRun, Transcript

__all__ = ["FORMAT", "TAG", "read_srt", "sniff_srt", "write_srt"]

# Loose on purpose (any digit count, optional hours, ``-->`` or ``->``): a timing line with a
# bad value is then reported by line number instead of its cue turning into stray text. It is
# anchored on the newline before it (the text gets one prepended) because ``re.split`` with a
# leading ``\n`` runs faster than a MULTILINE ``^`` tried at every offset.
_TIMING = re.compile(
    r"\n[ \t]*(-)?(?:(\d+):)?(\d+):(\d+)(?:[,.](\d+))?[ \t]*-{1,2}>[ \t]*"
    r"(-)?(?:(\d+):)?(\d+):(\d+)(?:[,.](\d+))?[^\n]*",
    re.ASCII,
)
_GROUPS = 10  # capture groups of _TIMING: sign, h, m, s, ms for the start, then for the end
# A row that means to be a timing but that _TIMING does not take: it starts with a time-like
# field (digits and a ":", "," or ".") before an arrow, or with an arrow before one. Tested on
# the raw row, so "<i></i>00:00:09,000 --> ..." (how the writer defuses a row of text) and
# "The score went 2 -> 3" stay text.
_TIMING_LIKE = re.compile(
    r"[ \t]*(?:-?\d+(?:[ \t]*[:;,.][ \t]*\d*)+[ \t]*-+>|-+>[ \t]*-?\d+[ \t]*[:;,.])", re.ASCII
)
# What a well-formed SubRip timing line looks like, for sniffing.
_STRICT_TIMING = re.compile(
    r"^\d+\n\d{2}:\d{2}:\d{2}[,.]\d{3} --> \d{2}:\d{2}:\d{2}[,.]\d{3}", re.MULTILINE | re.ASCII
)
_BAD_FIELD = "minutes or seconds past 59, or ms of 4+ digits"
_BLANKS = " \t"  # what a row is trimmed of; other white space (NBSP...) is content


def _field_table(top: int, scale: int) -> dict[str | None, int]:
    """``"7"``, ``"07"`` -> 7 x scale for 0..top: a dict look-up is several times cheaper than
    ``int()``, and a value out of range is simply missing (KeyError -> the careful path)."""
    table: dict[str | None, int] = {None: 0}
    for value in range(top + 1):
        table[str(value)] = table[f"{value:02d}"] = value * scale
    return table


_HOURS = _field_table(99, 3_600_000)
_MINUTES = _field_table(59, 60_000)
_SECONDS = _field_table(59, 1000)
# Milliseconds are a decimal fraction: "5" is 500 ms, "05" 50 ms, "005" 5 ms.
_FRACTION: dict[str | None, int] = {None: 0, "": 0}
for _digits in (1, 2, 3):
    for _value in range(10**_digits):
        _FRACTION[f"{_value:0{_digits}d}"] = _value * 10 ** (3 - _digits)


def _millis(h: str | None, m: str, s: str, frac: str | None) -> int:
    """Milliseconds of one side of a timing line; -1 when a field is out of range, -2 for
    hours past MAX_HOURS."""
    try:
        return _HOURS[h] + _MINUTES[m] + _SECONDS[s] + _FRACTION[frac]
    except KeyError:
        pass
    # Bounded before int(): a 5,000-digit field must not cost (or raise in) a conversion.
    minutes, seconds = bounded_int(m, 59), bounded_int(s, 59)
    if minutes is None or seconds is None or (frac is not None and len(frac) > 3):
        return -1
    hours = bounded_int(h or "0", MAX_HOURS)
    if hours is None:
        return -2
    # Only hours past 99 or fields with surplus leading zeros ("007") get here.
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + _FRACTION[frac]


class _LineCounter:
    """Input line number of each timing row, counted only as far as an issue needs it.

    ``parts`` is ``_TIMING.split`` output: each timing row brings one newline (the one the regex
    consumed) and each text piece its own.
    """

    __slots__ = ("_cue", "_line", "_parts")

    def __init__(self, parts: list[str | None]) -> None:
        self._parts = parts
        self._cue = 0
        lead = parts[0]
        assert lead is not None
        self._line = lead.count("\n") + 1  # the prepended newline stands for the row's own

    def at(self, cue: int) -> int:
        while self._cue < cue:
            body = self._parts[(self._cue + 1) * (_GROUPS + 1)]
            assert body is not None
            self._line += body.count("\n") + 1
            self._cue += 1
        return self._line


def _clean_rows(
    text: str, report: ImportReport, first_line: int, marks: Markers | None = None
) -> str:
    """Tags dropped, rows trimmed; rows after a blank row are joined on (and reported), except
    a cue that has lost its timing: a number row then text, or a row that means to be a timing
    but is not one. Those are reported as what they are and never join the cue before.

    A row is judged as written (a timing is never markup), then its tags are dropped, or with
    ``marks`` turned into marker characters that the rows' cleaning carries along."""
    rows = [row.strip(_BLANKS) for row in text.split("\n")]
    tagged = "<" in text or "{" in text
    kept: list[str] = []
    pending = ""  # markers of rows of markup only, for the next row kept
    skipping = False
    blank = 0  # line number of the blank row before this one, 0 when none
    for index, row in enumerate(rows):
        line_no = first_line + index
        following = rows[index + 1] if index + 1 < len(rows) else ""
        if not row:
            blank, skipping = blank or line_no, False
            continue
        if skipping:
            continue
        if _TIMING_LIKE.match(row):
            report.skip(line_no, f"unrecognised timing row {row[:40]!r}: its cue is skipped")
            skipping, blank = True, 0
            continue
        if row.isdigit() and blank and following:
            if _TIMING_LIKE.match(following):
                continue  # the number of the cue reported on the next row
            report.skip(line_no, f"cue {row[:20]} has no timing row: its text is skipped")
            skipping, blank = True, 0
            continue
        if tagged and ("<" in row or "{" in row):
            if marks is None:
                row = strip_tags(row, report, line_no).strip(_BLANKS)
            else:
                row = marks.trim(strip_tags(row, report, line_no, markers=marks), _BLANKS)
                if not marks.strip(row):
                    pending += row  # a row of markup only: its styling goes on with the text
                    continue
            if not row:
                continue  # a row of markup only: nothing a viewer reads
        if blank and kept:
            report.repair(blank, "blank line inside a cue: joined")
        blank = 0
        kept.append(pending + row)
        pending = ""
    if pending and kept:
        kept[-1] += pending
    return "\n".join(kept)


def read_srt(text: str) -> ReadResult:
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    report = ImportReport(format="srt")
    parts: list[str | None] = _TIMING.split("\n" + text)
    if len(parts) == 1:
        raise TranscriptFormatError("no SubRip timing lines (00:00:01,000 --> ...) found")
    where = _LineCounter(parts)

    lead = str(parts[0])[1:].split("\n")
    if lead and not lead[-1].strip():
        lead.pop()
    if lead and lead[-1].strip().isdigit():
        lead.pop()
    if any(row.strip() for row in lead):
        report.skip(1, "text before the first cue")

    with gc_paused():
        lines = _read_cues(parts, report, where)
    report.lines_read = len(lines)
    return ReadResult(Transcript(lines=lines), report)


def _read_cues(parts: list[str | None], report: ImportReport, where: _LineCounter) -> list[Line]:
    lines: list[Line] = []
    append = lines.append
    step = _GROUPS + 1
    # m and s groups and the text pieces are never None; sign, h and ms groups are optional.
    fields = cast(list[list[str]], [parts[first::step] for first in range(1, step + 1)])
    # A newline after the last piece: its last row is then "", never taken for a cue number.
    fields[-1][-1] += "\n"
    for cue, (n1, h1, m1, s1, f1, n2, h2, m2, s2, f2, body) in enumerate(zip(*fields, strict=True)):
        cut = body.rfind("\n")
        if cut >= 0 and body[cut + 1 :].strip().isdigit():
            body = body[:cut]  # the next cue's number
        stripped = body.strip(" \t\n")
        if (
            (
                "\n" in stripped
                and (
                    "\n\n" in stripped or " \n" in stripped or "\n " in stripped or "\t" in stripped
                )
            )
            or "<" in stripped
            or "{" in stripped
            or ">" in stripped
        ):
            lead = len(body) - len(body.lstrip(" \t\n"))
            first_line = where.at(cue) + body[:lead].count("\n")
            if ("<" in stripped or "{" in stripped) and Markers.usable(stripped):
                marks = Markers()
                body, styles = marks.extract(_clean_rows(stripped, report, first_line, marks))
            else:
                body, styles = _clean_rows(stripped, report, first_line), []
        else:
            body, styles = stripped, []
        try:
            start = _HOURS[h1] + _MINUTES[m1] + _SECONDS[s1] + _FRACTION[f1]
            end = _HOURS[h2] + _MINUTES[m2] + _SECONDS[s2] + _FRACTION[f2]
        except KeyError:
            start = _millis(h1, m1, s1, f1)
            end = _millis(h2, m2, s2, f2)
        if start < 0 or end < 0:
            why = f"hours past {MAX_HOURS}" if -2 in (start, end) else _BAD_FIELD
            report.skip(where.at(cue), f"bad time: {why}")
            continue
        if n1 or n2:
            # As the ASS reader does: a time before the media's start is its start.
            which = "start and end" if n1 and n2 else "start" if n1 else "end"
            report.repair(where.at(cue), f"negative {which} time: set to 0")
            start, end = (0 if n1 else start), (0 if n2 else end)
        if not body:
            report.skip(where.at(cue), "cue without text")
            continue
        if end < start:
            report.repair(where.at(cue), "cue ends before it starts: end set to start")
            end = start
        append(Line(start, end, body, styles=styles) if styles else Line(start, end, body))
    return lines


#: A text row a reader would take for a timing line (and so start a new cue at it).
_LOOKS_TIMED = re.compile(r"[ \t]*-?(?:\d+:)?\d+:\d+(?:[,.]\d+)?[ \t]*-{1,2}>", re.ASCII)
#: SubRip has no escape character. An empty italic span is the one thing every player shows as
#: nothing and every reader that drops display tags (ours included) takes away again, so a
#: timing-like row written after one reads back as the same text instead of a new cue.
_DEFUSE = "<i></i>"


def _defused(row: str) -> str:
    return _DEFUSE + row if _LOOKS_TIMED.match(row) else row


def _srt_tags(run: StyleRun) -> tuple[str, str] | None:
    """SubRip's tag for a run: <i> <b> <u> <s>, <font color> for a colour (or a WebVTT colour
    class); a language or another class has none."""
    if run.kind in ("i", "b", "u", "s"):
        return f"<{run.kind}>", f"</{run.kind}>"
    colour = run.value.strip() if run.kind == "color" else ""
    if run.kind == "class":
        colour = next((c for c in run.value.split(".") if c in WEBVTT_COLOURS), "")
    if colour and not any(c in colour for c in '"<>\n'):
        return f'<font color="{colour}">', "</font>"
    return None


def write_srt(transcript: Transcript) -> str:
    """Standard SubRip: numbered from 1, ``HH:MM:SS,mmm``, a blank line between cues.

    Blank rows inside a line's text would end the cue early for every reader, so they are
    dropped; a row that looks like a timing line (``00:00:09,000 --> ...``) is defused with an
    empty ``<i></i>`` before it, so reading it back gives the same text, not an extra cue.
    """
    out: list[str] = []
    for number, line in enumerate(transcript.lines, start=1):
        body = line.text
        if line.styles:
            body, runs = drop_blank_rows(body, line.styles, blanks=_BLANKS)
            body = render(body, runs, _srt_tags)
        elif "\n" in body or "\r" in body:
            body = body.replace("\r\n", "\n").replace("\r", "\n")
            body = "\n".join(row for row in body.split("\n") if row.strip(_BLANKS))
        if ">" in body:  # the cheap test first: every timing line holds one
            body = "\n".join(_defused(row) for row in body.split("\n"))
        out.append(f"{number}\n{format_srt(line.start_ms)} --> {format_srt(line.end_ms)}\n{body}\n")
    return "\n".join(out)


def sniff_srt(text: str) -> float:
    head = text[:65_536].lstrip("\ufeff").replace("\r\n", "\n")
    if head.lstrip().startswith("WEBVTT"):
        return 0.2  # WebVTT cues read acceptably as SubRip, but a VTT reader should win
    if _STRICT_TIMING.search(head):
        return 1.0
    return 0.6 if _TIMING.search("\n" + head) else 0.0


FORMAT = Format(
    name="srt",
    label="SubRip subtitles",
    extensions=("srt",),
    sniff=sniff_srt,
    read=read_srt,
    write=write_srt,
)
