"""ELAN annotation files (.eaf): reading them as a transcript.

Tiers of the types app.export.eaf writes come back as what they were: an utterance tier per
speaker gives the lines (the speaker is the tier's PARTICIPANT, else its id), a comment tier the
notes (the author is its ANNOTATOR), a highlight tier per tag the highlights (found again in the
text of the line they overlap) with their notes on the child tier. Other ELAN files are read by
the same rules: each top-level time-aligned tier is a speaker's; child tiers (translations,
glosses) are not lines, and the report says each one that was left out.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import unquote, urlparse

from app.core.formats.base import Format, ImportReport, ReadResult, TranscriptFormatError
from app.core.transcript import Highlight, Line, MediaInfo, Note, Transcript

__all__ = [
    "COLOUR_PROPERTY",
    "COMMENT_TYPE",
    "FORMAT",
    "HIGHLIGHT_NOTE_TYPE",
    "HIGHLIGHT_TYPE",
    "TITLE_PROPERTY",
    "UTTERANCE_TYPE",
    "highlight_tier",
    "note_tier",
    "read",
]

UTTERANCE_TYPE = "utterance"
COMMENT_TYPE = "comment"
HIGHLIGHT_TYPE = "highlight"
HIGHLIGHT_NOTE_TYPE = "highlight-note"
TITLE_PROPERTY = "proofreel:title"
COLOUR_PROPERTY = "proofreel:colour:"
_HIGHLIGHT_PREFIX = "Highlight: "


def note_tier(author: str) -> str:
    return f"Notes: {author}" if author else "Notes"


def highlight_tier(tag: str) -> str:
    return _HIGHLIGHT_PREFIX + tag


def sniff(text: str) -> float:
    head = text[:4000]
    return 0.95 if "<ANNOTATION_DOCUMENT" in head else 0.0


def _media(header: ET.Element | None) -> MediaInfo | None:
    if header is None:
        return None
    for descriptor in header.iter("MEDIA_DESCRIPTOR"):
        url = descriptor.get("MEDIA_URL", "")
        if not url:
            continue
        parsed = urlparse(url)
        if parsed.scheme == "file":
            return MediaInfo(unquote(parsed.path))
        return MediaInfo(url)
    return None


def _slots(root: ET.Element) -> dict[str, int]:
    times: dict[str, int] = {}
    for slot in root.iter("TIME_SLOT"):
        value = slot.get("TIME_VALUE")
        if value is not None and value.isdigit():
            times[slot.get("TIME_SLOT_ID", "")] = int(value)
    return times


def _alignable(
    tier: ET.Element, times: dict[str, int], report: ImportReport
) -> list[tuple[str, int, int, str]]:
    """(annotation id, start ms, end ms, value) of the tier's timed annotations; those whose
    time ELAN left open (unaligned slots) are reported."""
    out = []
    for ann in tier.iter("ALIGNABLE_ANNOTATION"):
        start = times.get(ann.get("TIME_SLOT_REF1", ""))
        end = times.get(ann.get("TIME_SLOT_REF2", ""))
        if start is None or end is None:
            value = ann.findtext("ANNOTATION_VALUE", "")[:40]
            report.skip(0, f"{value!r} on tier {tier.get('TIER_ID', '')!r} has no time: left out")
            continue
        out.append((ann.get("ANNOTATION_ID", ""), start, end, ann.findtext("ANNOTATION_VALUE", "")))
    return out


def _line_at(lines: list[Line], start: int, end: int) -> Line | None:
    """The line an annotation belongs to: the one it overlaps most (ties: the earlier)."""
    best, overlap = None, -1
    for line in lines:
        shared = min(end, line.end_ms) - max(start, line.start_ms)
        if shared > overlap or (shared == overlap == 0 and line.start_ms == start):
            best, overlap = line, shared
    return best if overlap >= 0 else None


def _find_words(line: Line, words: str, start_ms: int) -> int | None:
    """Where ``words`` are in the line's text: of all places, the one nearest the time."""
    if not words:
        return None
    places = []
    at = line.text.find(words)
    while at != -1:
        places.append(at)
        at = line.text.find(words, at + 1)
    if not places:
        return None
    length = max(1, line.end_ms - line.start_ms)
    guess = (start_ms - line.start_ms) * len(line.text) / length
    return min(places, key=lambda p: abs(p - guess))


def read(text: str) -> ReadResult:
    report = ImportReport(format="eaf")
    try:
        root = ET.fromstring(text.lstrip("\ufeff"))
    except ET.ParseError as err:
        raise TranscriptFormatError(f"not a readable ELAN file: {err}") from None
    if root.tag != "ANNOTATION_DOCUMENT":
        raise TranscriptFormatError(f"not an ELAN file: its root is <{root.tag}>")
    times = _slots(root)
    types = {
        t.get("LINGUISTIC_TYPE_ID", ""): t.get("TIME_ALIGNABLE", "true") == "true"
        for t in root.iter("LINGUISTIC_TYPE")
    }
    header = root.find("HEADER")
    props = {p.get("NAME", ""): p.text or "" for p in root.iter("PROPERTY")}
    tiers = root.findall("TIER")
    lines: list[Line] = []
    later: list[ET.Element] = []
    for tier in tiers:
        kind = tier.get("LINGUISTIC_TYPE_REF", "")
        name = tier.get("TIER_ID", "")
        if kind in (COMMENT_TYPE, HIGHLIGHT_TYPE, HIGHLIGHT_NOTE_TYPE):
            later.append(tier)
        elif tier.get("PARENT_REF") or not types.get(kind, True):
            count = len(tier.findall("ANNOTATION"))
            report.skip(0, f"tier {name!r} ({count} annotations) depends on another tier: left out")
        else:
            speaker = tier.get("PARTICIPANT") or ("" if name == "Transcript" else name)
            for _ident, start, end, value in _alignable(tier, times, report):
                lines.append(Line(start, end, value, speaker=speaker))
    if not lines:
        raise TranscriptFormatError("the ELAN file has no timed annotations to make lines of")
    lines.sort(key=lambda line: (line.start_ms, line.end_ms))
    marks: dict[str, Highlight] = {}
    for tier in later:
        kind = tier.get("LINGUISTIC_TYPE_REF", "")
        if kind == COMMENT_TYPE:
            for _ident, start, end, value in _alignable(tier, times, report):
                line = _line_at(lines, start, end)
                if line is not None:
                    line.notes.append(Note(value, tier.get("ANNOTATOR", "")))
        elif kind == HIGHLIGHT_TYPE:
            name = tier.get("TIER_ID", "")
            tag = name.removeprefix(_HIGHLIGHT_PREFIX)
            colour = props.get(COLOUR_PROPERTY + tag, "")
            for ident, start, end, value in _alignable(tier, times, report):
                line = _line_at(lines, start, end)
                at = None if line is None else _find_words(line, value, start)
                if line is None or at is None:
                    report.skip(0, f"highlight {value[:40]!r} on {name!r}: words not in a line")
                    continue
                mark = Highlight(at, at + len(value), tag, colour)
                line.highlights.append(mark)
                marks[ident] = mark
    for tier in later:
        if tier.get("LINGUISTIC_TYPE_REF") == HIGHLIGHT_NOTE_TYPE:
            for ann in tier.iter("REF_ANNOTATION"):
                found = marks.get(ann.get("ANNOTATION_REF", ""))
                if found is not None:
                    found.note = ann.findtext("ANNOTATION_VALUE", "")
    report.lines_read = len(lines)
    transcript = Transcript(lines=lines, title=props.get(TITLE_PROPERTY, ""), media=_media(header))
    return ReadResult(transcript, report)


FORMAT = Format("eaf", "ELAN annotations", ("eaf",), sniff, read)
