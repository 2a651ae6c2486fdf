"""The W3C WebVTT parser (https://www.w3.org/TR/webvtt1/, section 6), step by step.

``parse`` is the "WebVTT parser algorithm" for the parts a transcript needs: the header, blocks
(cues, STYLE and REGION blocks), cue identifiers, cue timings and settings; ``cue_text`` is the
"cue text parsing rules" reduced to what a reader sees: the text nodes, the voice names, and the
tags the rules ignore. Each step names the spec's step it follows. Where Proofreel is more lenient
than the spec, the caller decides and reports (a missing header, ``,`` before the milliseconds);
this module only tells it what the spec says.

Line numbers are kept with every row so a caller can report where each thing was found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.core.limits import MAX_HOURS

__all__ = ["ParsedCue", "ParsedFile", "cue_text", "parse", "parse_timestamp"]

# The spec's "ASCII whitespace": tab, line feed, form feed, carriage return, space.
_WS = "\t\n\f\r "
_WS_RUN = re.compile(r"[\t\n\f\r ]+")
_DIGITS = re.compile(r"[0-9]*")  # the spec's "ASCII digits" (\d would take other scripts' too)
_KNOWN_TAGS = frozenset({"c", "i", "b", "u", "ruby", "rt", "v", "lang"})
# Character references closed by ";" only: HTML's legacy forms without it would turn "&notes"
# into "¬es", which no caption author means.
_REFERENCE = re.compile(r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


@dataclass(slots=True)
class ParsedCue:
    line_no: int  # of the timing row
    id: str
    start_ms: int
    end_ms: int
    settings: dict[str, str]
    text: str  # the cue text as written, markup and all
    text_line_no: int  # of the first text row (line_no + 1)


@dataclass(slots=True)
class ParsedFile:
    header_ok: bool  # the file starts as the spec requires ("WEBVTT", then space, tab or LF)
    cues: list[ParsedCue] = field(default_factory=list)
    styles: int = 0
    regions: int = 0
    # (line_no, what): timing rows the spec rejects, blocks that are neither cue nor style nor
    # region (NOTE comments and stray text), with their first row.
    bad_timings: list[tuple[int, str]] = field(default_factory=list)
    other_blocks: list[tuple[int, str]] = field(default_factory=list)


def parse_timestamp(text: str, pos: int, *, comma: bool = False) -> tuple[int, int, str]:
    """ "Collect a WebVTT timestamp" from ``text`` at ``pos``: (milliseconds, new position, "")
    or (-1, pos, reason). ``comma`` also takes SRT's ``,`` before the milliseconds."""

    def digits(at: int) -> tuple[str, int]:
        end = _DIGITS.match(text, at).end()  # type: ignore[union-attr]  # "*" always matches
        return text[at:end], end

    first, pos = digits(pos)
    if not first:
        return -1, pos, "no digit where a time starts"
    hours_first = len(first) != 2 or int(first[:3]) > 59
    if pos >= len(text) or text[pos] != ":":
        return -1, pos, "no ':' after the first field"
    second, pos = digits(pos + 1)
    if len(second) != 2:
        return -1, pos, "a time field of other than 2 digits"
    if hours_first or (pos < len(text) and text[pos] == ":"):
        if pos >= len(text) or text[pos] != ":":
            return -1, pos, "no ':' before the seconds"
        third, pos = digits(pos + 1)
        if len(third) != 2:
            return -1, pos, "a time field of other than 2 digits"
        hours, minutes, seconds = first, second, third
    else:
        hours, minutes, seconds = "0", first, second
    if pos >= len(text) or not (text[pos] == "." or (comma and text[pos] == ",")):
        return -1, pos, "no '.' before the milliseconds"
    fraction, pos = digits(pos + 1)
    if len(fraction) != 3:
        return -1, pos, "milliseconds of other than 3 digits"
    # Bounded before int(): a 5,000-digit hour field would cost a huge conversion.
    if len(hours.lstrip("0")) > len(str(MAX_HOURS)) or int(hours) > MAX_HOURS:
        return -1, pos, f"hours past {MAX_HOURS}"
    if int(minutes) > 59 or int(seconds) > 59:
        return -1, pos, "minutes or seconds past 59"
    ms = ((int(hours) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(fraction)
    return ms, pos, ""


def _timings(line: str, comma: bool) -> tuple[int, int, dict[str, str], str]:
    """ "Collect WebVTT cue timings and settings": (start, end, settings, "") or a reason."""
    pos = len(line) - len(line.lstrip(_WS))
    start, pos, why = parse_timestamp(line, pos, comma=comma)
    if why:
        return -1, -1, {}, f"start time: {why}"
    while pos < len(line) and line[pos] in _WS:
        pos += 1
    if not line.startswith("-->", pos):
        return -1, -1, {}, "no '-->' after the start time"
    pos += 3
    while pos < len(line) and line[pos] in _WS:
        pos += 1
    end, pos, why = parse_timestamp(line, pos, comma=comma)
    if why:
        return -1, -1, {}, f"end time: {why}"
    # The settings are the rest of the row split on white space; the spec asks for none before
    # the first, so "00:01.000line:40%" is an end time and the setting line:40%.
    settings: dict[str, str] = {}
    for setting in _WS_RUN.split(line[pos:]):
        name, colon, value = setting.partition(":")
        if colon and name and value:
            settings[name] = value
    return start, end, settings, ""


def _is_block_keyword(buffer: str, word: str) -> bool:
    # "STYLE" or "REGION", then nothing but ASCII whitespace (spec: "buffer starts with ... and
    # the remaining characters in buffer, if any, are all ASCII whitespace").
    return buffer.startswith(word) and not buffer[len(word) :].strip(_WS)


def parse(text: str, *, comma: bool = False) -> ParsedFile:
    """The WebVTT file parsing algorithm over ``text`` (NULs already replaced, BOM removed).

    A file without the signature is still parsed, as if it had one (``header_ok`` says so).
    """
    rows = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    count = len(rows)
    header_ok = rows[0].startswith("WEBVTT") and (len(rows[0]) == 6 or rows[0][6] in " \t")
    result = ParsedFile(header_ok=header_ok)
    index = 0
    if header_ok:
        index = 1  # the rest of the signature row is ignored
        if index < count and rows[index] != "":
            # "Header": a block collected with "in header" set, its value ignored; it ends at an
            # empty row or before a row holding "-->".
            while index < count and rows[index] != "" and "-->" not in rows[index]:
                index += 1
    seen_cue = False
    while index < count:
        while index < count and rows[index] == "":
            index += 1  # "collect a sequence of code points that are U+000A LF"
        if index >= count:
            break
        index, seen_cue = _block(rows, index, result, seen_cue, comma)
    return result


def _block(
    rows: list[str], index: int, result: ParsedFile, seen_cue: bool, comma: bool
) -> tuple[int, bool]:
    """ "Collect a WebVTT block" (in header unset) from ``rows[index]``: the next row index and
    whether a cue has now been seen."""
    first = index
    line_count = 0
    buffer: list[str] = []
    seen_arrow = False
    cue: ParsedCue | None = None
    kind = ""  # "style" or "region" once the second row decides it
    while index < len(rows):
        line = rows[index]
        line_count += 1
        if "-->" in line:
            if line_count == 1 or (line_count == 2 and not seen_arrow):
                seen_arrow = True
                start, end, settings, why = _timings(line, comma)
                if why:
                    cue = None
                    result.bad_timings.append((index + 1, why))
                else:
                    cue = ParsedCue(index + 1, "\n".join(buffer), start, end, settings, "", 0)
                    cue.text_line_no = index + 2
                    buffer = []
                    seen_cue = True
                index += 1
                continue
            break  # this row begins the next block
        if line == "":
            break
        if line_count == 2 and not seen_cue and not seen_arrow and not kind:
            joined = "\n".join(buffer)
            if _is_block_keyword(joined, "STYLE"):
                kind = "style"
            elif _is_block_keyword(joined, "REGION"):
                kind = "region"
        buffer.append(line)
        index += 1
    if cue is not None:
        cue.text = "\n".join(buffer)
        result.cues.append(cue)
    elif kind == "style":
        result.styles += 1
    elif kind == "region":
        result.regions += 1
    elif not seen_arrow:
        result.other_blocks.append((first + 1, rows[first]))
    return index, seen_cue


@dataclass(slots=True)
class CueText:
    text: str  # the text nodes, ruby annotations (<rt>) left out
    voices: list[str] = field(default_factory=list)  # the speaker first, then later voices
    ignored_tags: list[str] = field(default_factory=list)  # as written, e.g. "<invalid_tag>"
    unclosed: bool = False  # a "<" with no ">": the rest was taken as a tag, as the spec says
    # Inline styling over ``text``: (start, end, kind, value) for <i> <b> <u>, <c.classes>
    # ("class", "yellow.bg_blue") and <lang tag> ("lang", "en"); a node never closed runs to
    # the end, as the rules close every node at the end of the cue.
    styles: list[tuple[int, int, str, str]] = field(default_factory=list)


def _unescape(text: str) -> str:
    if "&" not in text:
        return text
    import html  # here: its table of 2,000 entities loads only for a file that uses one

    return _REFERENCE.sub(lambda m: html.unescape(m[0]), text)


_TOKEN = re.compile(r"<([^>]*)(>|$)", re.DOTALL)


def _style_of(name: str, classes: str, annotation: str) -> tuple[str, str]:
    """(kind, value) of the styling a node carries; ("", "") for none (v, ruby, rt, bare c)."""
    if name in ("i", "b", "u"):
        return name, ""
    if name == "c" and classes:
        return "class", classes
    if name == "lang" and annotation:
        return "lang", annotation
    return "", ""


def cue_text(raw: str) -> CueText:
    """The cue text parsing rules: tokens, then the tree the rules build, flattened to text.

    Start tags the rules know (c, i, b, u, ruby, rt inside ruby, v, lang) open a node and end
    tags close the node they name; every other tag is ignored, and so is its mark-up (its
    contents stay as text). Text inside <rt> inside <ruby> is the ruby annotation and is left
    out: it is a reading aid, not what is said.
    """
    result = CueText("")
    if "<" not in raw:
        result.text = _unescape(raw)
        return result
    out: list[str] = []
    stack: list[str] = []  # open node names, innermost last
    opened: list[tuple[int, str, str]] = []  # (start, kind, value) of each node in stack
    size = 0  # characters in out
    pos = 0

    def end_nodes(count: int) -> None:
        for _ in range(count):
            stack.pop()
            start, kind, value = opened.pop()
            if kind and start < size:
                result.styles.append((start, size, kind, value))

    for match in _TOKEN.finditer(raw):
        if "rt" not in stack:
            piece = _unescape(raw[pos : match.start()])
            out.append(piece)
            size += len(piece)
        pos = match.end()
        body, close = match.group(1), match.group(2)
        if not close:
            result.unclosed = True
        whole = match.group(0)
        if body == "" or body[0] in _WS:
            result.ignored_tags.append(whole)  # "<" then white space or ">": no tag name
            continue
        if body[0] == "/":
            name = body[1:]
            if stack and name == stack[-1]:
                end_nodes(1)
            elif name == "ruby" and stack[-2:] == ["ruby", "rt"]:
                end_nodes(2)  # </ruby> closes an open <rt> too
            elif name not in _KNOWN_TAGS:
                result.ignored_tags.append(whole)
            continue
        if "0" <= body[0] <= "9":
            continue  # a timestamp tag: the time a karaoke word starts, not text
        head = _WS_RUN.split(body, maxsplit=1)
        name, _dot, classes = head[0].partition(".")
        annotation = head[1].strip(_WS) if len(head) > 1 else ""
        if name not in _KNOWN_TAGS or (name == "rt" and (not stack or stack[-1] != "ruby")):
            result.ignored_tags.append(whole)
            continue
        if name == "v":
            voice = " ".join(_unescape(annotation).split())
            if not result.voices or not result.voices[0]:
                result.voices[:1] = [voice]  # the first named voice is the line's speaker
            elif voice and voice != result.voices[0]:
                out.append(f"{voice}: ")  # a line has one speaker: later ones stay in the text
                size += len(voice) + 2
                result.voices.append(voice)
                # The text after the voice tag starts without its blanks: "Name: text".
                rest = len(raw) - len(raw[pos:].lstrip("\t\f "))
                pos = max(pos, rest)
        stack.append(name)
        opened.append((size, *_style_of(name, classes, annotation)))
    if "rt" not in stack:
        piece = _unescape(raw[pos:])
        out.append(piece)
        size += len(piece)
    end_nodes(len(stack))
    result.styles.sort()
    result.text = "".join(out)
    return result
