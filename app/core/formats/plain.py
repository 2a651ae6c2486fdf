"""Plain text with a time stamp in front of each line, as people and simple tools write it.

Forms read: ``[00:01:02] Speaker: text``, ``00:01:02 text``, ``(1:02) text``, ``[1:02.5] text``.
Rows without a stamp directly under a stamped row belong to that line (a wrapped paragraph).
Only starts are written, so each line ends where the next one starts (``end_inferred``).

A speaker is taken only from a short label before a colon that looks like a name, because a
colon in ordinary speech ("He said: hello") must stay text. The label rules live here and the
SBV and Otter readers use them too.
"""

from __future__ import annotations

import re

from app.core.formats.base import Format, ImportReport, ReadResult, TranscriptFormatError
from app.core.formats.stamped import stamped_result
from app.core.timecode import TimecodeError, format_hms, parse_stamp
from app.core.transcript import Line, Transcript

__all__ = [
    "FORMAT",
    "is_speaker_label",
    "read_plain",
    "sniff_plain",
    "split_rows",
    "split_speaker",
    "text_rows",
    "write_plain",
]

_STAMP = r"(?:[0-9]{1,3}:)?[0-9]{1,2}:[0-9]{2}(?:[.,][0-9]{1,3})?"
# A bare stamp needs white space (or the row's end) after it, so that the glued ``00:26has``
# rows of a page copy and SBV's ``0:00:01.000,0:00:02.000`` are not taken for this format.
_ROW = re.compile(
    rf"^(?:\[(?P<b>{_STAMP})\]|\((?P<p>{_STAMP})\)|(?P<n>{_STAMP})(?=[ \t]|$))[ \t]*(?P<text>.*)$"
)
_LABEL = re.compile(r"^(?P<name>[^:\n]{1,40}):(?:[ \t]+|\n|$)")
# Lower-case words that are part of names ("Ludwig van Beethoven").
_PARTICLES = frozenset({"van", "von", "de", "da", "del", "der", "di", "du", "la", "le", "bin"})
# Capitalised words people put before a colon that are not speakers.
_NOT_SPEAKERS = frozenset(
    {"note", "edit", "update", "warning", "source", "tip", "example", "summary", "chapter"}
)
_SENTENCE_MARKS = frozenset('?!,;"“”:<>[]{}')


def split_rows(text: str) -> list[str]:
    """Rows of a file's ``text`` without a BOM, whatever newlines it used; row i is line i + 1."""
    return text_rows(text.removeprefix("\ufeff"))


def text_rows(text: str) -> list[str]:
    """Rows of a line's text (a leading U+FEFF there is content, not a BOM)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


def is_speaker_label(name: str) -> bool:
    """True for "Dr. Smith", "SPEAKER 2", "Mary-Jane", "李明"; false for "He said", "Note"."""
    name = name.strip()
    if not name or len(name) > 32 or name.lower() in _NOT_SPEAKERS:
        return False
    if any(ch in _SENTENCE_MARKS for ch in name):
        return False
    words = name.split()
    if len(words) > 4:
        return False
    for index, word in enumerate(words):
        first = word[0]
        capital = first.isdigit() or (first.isalpha() and not first.islower())
        if not capital and not (index and word in _PARTICLES):
            return False
        # A full stop ends abbreviations ("Dr.", "Jr.") and initials, not sentences ("Hello.").
        if word.endswith(".") and len(word.rstrip(".").rsplit(".", 1)[-1]) > 4:
            return False
    return True


def split_speaker(text: str) -> tuple[str, str]:
    """``("Dr. Smith", "hello")`` from ``"Dr. Smith: hello"``; ``("", text)`` if no label."""
    match = _LABEL.match(text)
    if match is None or not is_speaker_label(match["name"]):
        return "", text
    return match["name"].strip(), text[match.end() :].lstrip(" \t\n")


def read_plain(text: str) -> ReadResult:
    report = ImportReport(format="plain")
    # (input line, stamp or "" when unreadable, rows); rows of a bad stamp go with it.
    entries: list[tuple[int, str, list[str]]] = []
    loose: list[tuple[int, str]] = []  # unstamped rows after a blank row
    blank = False
    for index, raw in enumerate(split_rows(text)):
        row = raw.strip()
        if not row:
            blank = True
            continue
        match = _ROW.match(row)
        if match is not None:
            _settle(loose, entries, report)
            stamp = match["b"] or match["p"] or match["n"]
            entries.append((index + 1, stamp, [match["text"]] if match["text"] else []))
        elif entries and not blank and not loose:
            entries[-1][2].append(row)
        else:
            loose.append((index + 1, row))
        blank = False
    _settle(loose, entries, report)
    if not entries:
        raise TranscriptFormatError("no time stamps at the start of lines found")

    lines: list[Line] = []
    for line_no, stamp, rows in entries:
        try:
            start = parse_stamp(stamp)
        except TimecodeError as err:
            report.skip(line_no, str(err))
            continue
        speaker, body = split_speaker("\n".join(rows))
        if not body:
            report.skip(line_no, "time stamp with no text")
            continue
        if lines and start < lines[-1].start_ms:
            report.repair(line_no, "time goes backwards; kept in file order")
        lines.append(Line(start, start, body, speaker=speaker, end_inferred=True))
    return stamped_result(lines, report, empty="no transcript lines found after the time stamps")


def _settle(
    loose: list[tuple[int, str]], entries: list[tuple[int, str, list[str]]], report: ImportReport
) -> None:
    """Unstamped rows after a blank row: joined to the line above, or skipped before any."""
    if not loose:
        return
    if entries:
        entries[-1][2].extend(row for _, row in loose)
        report.repair(loose[0][0], "text after a blank line joined to the line above")
    else:
        report.skip(loose[0][0], "text before the first time stamp")
    loose.clear()


def write_plain(transcript: Transcript) -> str:
    """``[H:MM:SS.mmm] Speaker: text``; blank rows of a text are dropped (they would detach the
    rows below them). Ends are not written: this format has none."""
    out: list[str] = []
    for line in transcript.lines:
        rows = [row.strip() for row in text_rows(line.text) if row.strip()]
        speaker = " ".join(line.speaker.split())  # a newline would end the label
        label = f"{speaker}: " if speaker else ""
        out.append(f"[{format_hms(line.start_ms)}] {label}" + "\n".join(rows))
    return "".join(f"{entry}\n" for entry in out)


def sniff_plain(text: str) -> float:
    head = text[:65_536]
    if "-->" in head:
        return 0.0  # SRT and WebVTT timing lines start with a stamp followed by a space
    rows = [row.strip() for row in split_rows(head)[:2000] if row.strip()]
    matches = [m for m in map(_ROW.match, rows) if m is not None and m["text"]]
    if not matches:
        return 0.0
    bracketed = any(m["b"] or m["p"] for m in matches)
    # A page copy with a "Transcript" heading scores 0.9 as "page"; stay below it then.
    return min(0.85, 0.3 + 0.5 * len(matches) / len(rows) + (0.05 if bracketed else 0.0))


FORMAT = Format(
    name="plain",
    label="Time-stamped text",
    extensions=("txt",),
    sniff=sniff_plain,
    read=read_plain,
    write=write_plain,
)
