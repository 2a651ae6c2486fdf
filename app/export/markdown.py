"""Markdown: time, speaker and text per line; highlights as ``==marks==`` with their tag,
notes as quoted lines under the line.

User text is backslash-escaped (CommonMark escapes any ASCII punctuation), so a note that holds
``<script>`` or ``**`` renders as those characters, never as markup.
"""

from __future__ import annotations

import re
from pathlib import Path

from app.core.transcript import Line, Note
from app.export.atomic import write_text
from app.export.job import Job, ReviewSummary, note_when
from app.export.segments import split_segments
from app.export.threads import export_threads, resolved_words

__all__ = ["md_escape", "render", "write"]

# Inline markup characters anywhere; list and heading markers only where a row starts.
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~=&])")
_ROW_START = re.compile(r"^([ \t]*(?:\d+)?)([-+.)])", re.MULTILINE)


def md_escape(text: str) -> str:
    return _ROW_START.sub(r"\1\\\2", _SPECIAL.sub(r"\\\1", text))


_BLANK_ROWS = re.compile(r"\n[ \t]*(?=\n)")


def _inline(text: str) -> str:
    """Escaped text whose line breaks stay breaks (two spaces: a hard break in CommonMark).
    A blank row would end the paragraph and cut the line in two, so blank rows are dropped."""
    text = _BLANK_ROWS.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "  \n".join(md_escape(row) for row in text.split("\n"))


def _text(job: Job, line: Line) -> str:
    highlights = job.highlights(line)
    if not highlights:
        return _inline(line.text)
    parts: list[str] = []
    for segment in split_segments(line.text, highlights):
        if segment.top is None:
            parts.append(_inline(segment.text))
            continue
        # "==" must touch the marked text: white space goes outside the mark. The tag label
        # uses "*", which (unlike "_") also works inside a word.
        core = segment.text.strip()
        lead = segment.text[: len(segment.text) - len(segment.text.lstrip())]
        trail = segment.text[len(segment.text.rstrip()) :]
        if not core:
            parts.append(segment.text)
            continue
        tags = ", ".join(dict.fromkeys(mark.tag for mark in segment.marks))
        parts.append(f"{lead}=={_inline(core)}== *\\[{md_escape(tags)}\\]*{trail}")
    return "".join(parts)


def _line(job: Job, line: Line) -> str:
    clock = job.clock(line.start_ms)
    href = job.time_href(line.start_ms)
    head = [f"[{clock}]({href})" if href else f"**{clock}**"]
    if line.speaker:
        # One row: a newline in a speaker would end the head row's paragraph.
        head.append(f"**{md_escape(' '.join(line.speaker.split()))}**")
    status = job.status(line)
    if status:
        head.append(f"`{status}`")
    # Blank rows before or after the text would end the paragraph under the head row.
    out = [" · ".join(head) + "  ", _text(job, line).strip(" \t\n")]
    original = job.original(line)
    if original is not None:
        out.append(f"\nOriginal: ~~{_inline(original)}~~")
    for thread in export_threads(job, job.notes(line)):
        out.append("")
        out.extend(_quoted(thread.first, ">"))
        resolved = resolved_words(thread.first)
        if resolved:
            out += [">", f"> \u2713 *{md_escape(resolved)}*"]
        for reply in thread.replies:  # a quote inside the note's quote: read as its answer
            out.append(">")
            out.extend(_quoted(reply, "> >"))
    return "\n".join(out) + "\n"


def _quoted(note: Note, mark: str) -> list[str]:
    who = " ".join(part for part in (note.author, note_when(note)) if part)
    lead = f"**{md_escape(who)}:** " if who else ""
    rows = note.body.split("\n")
    head = [f"{mark} {lead}{md_escape(rows[0])}"]
    return head + [f"{mark} {md_escape(row)}" if row.strip() else mark for row in rows[1:]]


def render(job: Job) -> str:
    transcript = job.transcript
    out = [f"# {md_escape(transcript.title or 'Transcript')}", ""]
    if transcript.media is not None:
        out.append(f"- Media: {md_escape(job.media_name())}")
    out.append(f"- Review: {ReviewSummary.of(transcript).sentence()}")
    meta = transcript.metadata
    if meta.category:
        out.append(f"- Category: {md_escape(meta.category)}")
    if meta.tags:
        out.append("- Tags: " + ", ".join(md_escape(f"#{tag}") for tag in meta.tags))
    if meta.description:
        out += ["", _inline(meta.description)]
    out += ["", "---", ""]
    out.extend(_line(job, line) for _, line in job.each())
    return "\n".join(out)


def write(job: Job, path: Path) -> None:
    write_text(path, render(job))
