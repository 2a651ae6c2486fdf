"""ELAN (.eaf, EAF 3.0): one tier per speaker, the notes on comment tiers (one per author, the
author as the tier's ANNOTATOR), each highlight tag on a tier of its own with the highlight's
note on a symbolic child tier, and the media linked in the header.

A highlight covers part of a line; ELAN annotations are timed, so its time is the line's time
cut in proportion to the characters (the reader, app.core.formats.eaf, finds the words again in
the line's text). app.core.formats.eaf reads what this writes, and other ELAN files.
"""

from __future__ import annotations

import mimetypes
import re
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from app.core.formats.eaf import (
    COLOUR_PROPERTY,
    COMMENT_TYPE,
    HIGHLIGHT_NOTE_TYPE,
    HIGHLIGHT_TYPE,
    TITLE_PROPERTY,
    UTTERANCE_TYPE,
    highlight_tier,
    note_tier,
)
from app.core.transcript import Line
from app.export.atomic import write_text
from app.export.job import Job

__all__ = ["render", "write"]

# Characters XML 1.0 forbids: a pasted control character must not make ELAN refuse the file.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_ELAN_MIME = {"audio/wav": "audio/x-wav", "audio/x-wav": "audio/x-wav"}


def _x(text: str) -> str:
    return escape(_NOT_XML.sub("", text))


def _a(text: str) -> str:
    return quoteattr(_NOT_XML.sub("", text))


def _mime(path: str) -> str:
    guessed = mimetypes.guess_type(path.split("?", 1)[0])[0] or ""
    return _ELAN_MIME.get(
        guessed, guessed if guessed.startswith(("audio/", "video/")) else "unknown"
    )


class _Slots:
    """Time slots, one per distinct time, written in time order."""

    def __init__(self) -> None:
        self.times: dict[int, str] = {}

    def add(self, ms: int) -> str:
        return self.times.setdefault(max(0, ms), "")

    def assign(self) -> None:
        for number, ms in enumerate(sorted(self.times), start=1):
            self.times[ms] = f"ts{number}"

    def xml(self) -> str:
        return "".join(
            f'<TIME_SLOT TIME_SLOT_ID="{ident}" TIME_VALUE="{ms}"/>'
            for ms, ident in sorted(self.times.items())
        )


def _span_ms(line: Line, start: int, end: int) -> tuple[int, int]:
    size = max(1, len(line.text))
    length = max(1, line.end_ms - line.start_ms)
    lo = line.start_ms + length * start // size
    hi = line.start_ms + length * end // size
    return lo, max(hi, lo + 1)


def _share(line: Line, index: int, count: int) -> tuple[int, int]:
    """The ``index``-th of ``count`` equal parts of the line's time (at least 1 ms each)."""
    if count == 1:
        return line.start_ms, line.end_ms
    length = max(count, line.end_ms - line.start_ms)
    lo = line.start_ms + length * index // count
    return lo, max(lo + 1, line.start_ms + length * (index + 1) // count)


def render(job: Job) -> str:
    slots = _Slots()
    # (tier id, attributes) -> annotations as (start ms, end ms, value, child value or None)
    tiers: dict[str, tuple[str, list[tuple[int, int, str, str | None]]]] = {}

    colours: dict[str, str] = {}

    def tier(ident: str, attributes: str) -> list[tuple[int, int, str, str | None]]:
        return tiers.setdefault(ident, (attributes, []))[1]

    for _number, line in job.each():
        speaker = line.speaker.strip()
        ident = speaker or "Transcript"
        attrs = f'LINGUISTIC_TYPE_REF="{UTTERANCE_TYPE}" PARTICIPANT={_a(speaker)}'
        tier(f"speaker:{ident}", attrs).append((line.start_ms, line.end_ms, line.text, None))
        notes = job.notes(line)
        for note in notes:
            # ELAN wants no overlap on a tier: one author's notes on a line share its time.
            same = [n for n in notes if n.author == note.author]
            lo, hi = _share(line, same.index(note), len(same))
            name = note_tier(note.author)
            attrs = f'LINGUISTIC_TYPE_REF="{COMMENT_TYPE}" ANNOTATOR={_a(note.author)}'
            tier(f"note:{name}", attrs).append((lo, hi, note.body, None))
        for mark in job.highlights(line):
            lo, hi = _span_ms(line, mark.start, mark.end)
            attrs = f'LINGUISTIC_TYPE_REF="{HIGHLIGHT_TYPE}"'
            colours.setdefault(mark.tag, mark.color)
            tier(f"tag:{mark.tag}", attrs).append(
                (lo, hi, line.text[mark.start : mark.end], mark.note or None)
            )
    for _attrs, spans in tiers.values():
        for start, end, _value, _child in spans:
            slots.add(start)
            slots.add(max(end, start + 1))
    slots.assign()

    body: list[str] = []
    counter = 0
    taken: set[str] = set()
    for key, (attrs, spans) in tiers.items():
        kind, _, name = key.partition(":")
        tier_id = {"speaker": name, "note": name, "tag": highlight_tier(name)}[kind]
        base, copy = tier_id, 1
        while tier_id in taken:  # a speaker called "Notes": tier ids must be unique
            copy += 1
            tier_id = f"{base} ({copy})"
        taken.add(tier_id)
        parts = [f"<TIER TIER_ID={_a(tier_id)} {attrs}>\n"]
        children: list[str] = []
        for start, end, value, child in spans:
            counter += 1
            ref1, ref2 = slots.times[max(0, start)], slots.times[max(max(end, start + 1), 0)]
            parts.append(
                f'<ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a{counter}" '
                f'TIME_SLOT_REF1="{ref1}" TIME_SLOT_REF2="{ref2}">'
                f"<ANNOTATION_VALUE>{_x(value)}</ANNOTATION_VALUE>"
                "</ALIGNABLE_ANNOTATION></ANNOTATION>\n"
            )
            if child is not None:
                children.append(
                    f'<ANNOTATION><REF_ANNOTATION ANNOTATION_ID="a{counter}n" '
                    f'ANNOTATION_REF="a{counter}"><ANNOTATION_VALUE>{_x(child)}'
                    "</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>\n"
                )
        body.append("".join(parts) + "</TIER>")
        if children:
            body.append(
                f"<TIER TIER_ID={_a(tier_id + ' (notes)')} PARENT_REF={_a(tier_id)} "
                f'LINGUISTIC_TYPE_REF="{HIGHLIGHT_NOTE_TYPE}">\n{"".join(children)}</TIER>'
            )
    return _document(job, slots, body, colours)


def _document(job: Job, slots: _Slots, body: list[str], colours: dict[str, str]) -> str:
    media = ""
    href = job.media_href
    transcript = job.transcript
    if transcript.media is not None and transcript.media.path:
        url = href or transcript.media.path
        relative = f" RELATIVE_MEDIA_URL={_a('./' + job.media_name())}" if href else ""
        media = f"<MEDIA_DESCRIPTOR MEDIA_URL={_a(url)} MIME_TYPE={_a(_mime(url))}{relative}/>"
    title = f'<PROPERTY NAME="{TITLE_PROPERTY}">{_x(transcript.title)}</PROPERTY>'
    title += "".join(
        f"<PROPERTY NAME={_a(COLOUR_PROPERTY + tag)}>{_x(colour)}</PROPERTY>"
        for tag, colour in colours.items()
        if colour
    )
    stamp = datetime.now(UTC).replace(microsecond=0).isoformat()
    types = (
        f'<LINGUISTIC_TYPE LINGUISTIC_TYPE_ID="{UTTERANCE_TYPE}" TIME_ALIGNABLE="true" '
        'GRAPHIC_REFERENCES="false"/>'
        f'<LINGUISTIC_TYPE LINGUISTIC_TYPE_ID="{COMMENT_TYPE}" TIME_ALIGNABLE="true" '
        'GRAPHIC_REFERENCES="false"/>'
        f'<LINGUISTIC_TYPE LINGUISTIC_TYPE_ID="{HIGHLIGHT_TYPE}" TIME_ALIGNABLE="true" '
        'GRAPHIC_REFERENCES="false"/>'
        f'<LINGUISTIC_TYPE LINGUISTIC_TYPE_ID="{HIGHLIGHT_NOTE_TYPE}" TIME_ALIGNABLE="false" '
        'CONSTRAINTS="Symbolic_Association" GRAPHIC_REFERENCES="false"/>'
    )
    constraints = (
        '<CONSTRAINT STEREOTYPE="Time_Subdivision" DESCRIPTION="Time subdivision of parent '
        "annotation's time interval, no time gaps allowed within this interval\"/>"
        '<CONSTRAINT STEREOTYPE="Symbolic_Subdivision" DESCRIPTION="Symbolic subdivision of a '
        'parent annotation. Annotations refering to the same parent are ordered"/>'
        '<CONSTRAINT STEREOTYPE="Symbolic_Association" DESCRIPTION="1-1 association with a '
        'parent annotation"/>'
        '<CONSTRAINT STEREOTYPE="Included_In" DESCRIPTION="Time alignable annotations within the '
        "parent annotation's time interval, gaps are allowed\"/>"
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<ANNOTATION_DOCUMENT AUTHOR="Proofreel" DATE="{stamp}" FORMAT="3.0" VERSION="3.0" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:noNamespaceSchemaLocation="http://www.mpi.nl/tools/elan/EAFv3.0.xsd">\n'
        f'<HEADER MEDIA_FILE="" TIME_UNITS="milliseconds">{media}{title}</HEADER>\n'
        f"<TIME_ORDER>{slots.xml()}</TIME_ORDER>\n"
        + "\n".join(body)
        + f"\n{types}\n{constraints}\n</ANNOTATION_DOCUMENT>\n"
    )


def write(job: Job, path: Path) -> None:
    write_text(path, render(job))
