"""One self-contained HTML file: title block, notes index, every line with its annotations.

Everything from the user (lines, notes, speakers, tags, metadata) goes through ``escape``;
colours only ever reach CSS as ``#rrggbb`` from :func:`hex_color`, so a note holding
``<script>`` or a tag colour holding ``red;background:url(...)`` is shown, never run.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from app.core.timecode import format_clock
from app.core.transcript import Line, Note
from app.export.atomic import write_text
from app.export.job import Job, ReviewSummary, note_iso, note_when
from app.export.segments import hex_color, ink_for, split_segments, styled
from app.export.threads import export_threads, resolved_words

__all__ = ["esc", "marked_text", "render", "write"]

_CSS = """
:root { --ink: #1d1d1f; --soft: #6b6b70; --rule: #d8d8dc; }
body { font: 15px/1.5 system-ui, sans-serif; color: var(--ink); max-width: 52rem;
       margin: 2rem auto; padding: 0 1rem; }
header h1 { margin-bottom: .2rem; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: .1rem 1rem; }
dl.facts dt { color: var(--soft); }
dl.facts dd { margin: 0; white-space: pre-wrap; }
.legend span, .tag { font-size: .8em; padding: 0 .35em; border-radius: .3em; }
nav.toc { border: 1px solid var(--rule); padding: .5rem 1rem; margin: 1rem 0 2rem; }
nav.toc ol { padding-left: 1.5rem; }
section.line { border-top: 1px solid var(--rule); padding: .4rem 0; }
.meta { font-size: .85em; color: var(--soft); }
.meta .speaker { font-weight: 600; color: var(--ink); }
.status { font-size: .75em; text-transform: uppercase; letter-spacing: .05em;
          border: 1px solid currentColor; border-radius: .3em; padding: 0 .3em; }
.status-flagged { color: #c62828; } .status-approved { color: #2e7d32; }
p.text { margin: .1rem 0; white-space: pre-wrap; }
p.original { margin: 0; font-size: .9em; color: var(--soft); white-space: pre-wrap; }
p.original del { color: #c62828; }
mark { border-radius: .2em; padding: 0 .1em; }
ul.notes { margin: .2rem 0 0; padding-left: 1.2rem; font-size: .9em; }
ul.notes li { list-style: none; border-left: 3px solid #90a4ae; padding-left: .5rem; }
.note-body { white-space: pre-wrap; }
ul.replies { margin: .2rem 0 0; padding-left: 1rem; }
li.resolved { border-left-color: #66bb6a; }
.resolved-mark { color: #2e7d32; font-size: .9em; }
@media print {
  body { font-size: 10pt; max-width: none; margin: 0; }
  a { color: inherit; text-decoration: none; }
  section.line, ul.notes li { break-inside: avoid; }
  nav.toc { break-after: page; }
  mark, .legend span { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
"""


def esc(text: str) -> str:
    return escape(text, quote=True)


def marked_text(job: Job, line: Line) -> str:
    """The line's text, escaped, with each highlight as a ``<mark>`` in its tag's colour."""
    highlights = job.highlights(line)
    if not highlights and not line.styles:
        return esc(line.text)
    parts: list[str] = []
    for segment in split_segments(line.text, highlights, line.styles):
        top = segment.top
        if top is None:
            parts.append(styled(esc(segment.text), segment))
            continue
        color = hex_color(top.color)
        tags = ", ".join(dict.fromkeys(mark.tag for mark in segment.marks))
        title = tags + (f": {top.note}" if top.note else "")
        parts.append(
            f'<mark style="background-color:{color};color:{ink_for(color)}" '
            f'data-tag="{esc(tags)}" title="{esc(title)}">'
            f"{styled(esc(segment.text), segment)}</mark>"
        )
    return "".join(parts)


def _header(job: Job) -> list[str]:
    transcript = job.transcript
    title = transcript.title or "Transcript"
    facts: list[tuple[str, str]] = []
    media = transcript.media
    if media is not None:
        duration = media.duration_ms
        length = f" ({format_clock(duration, with_hours=True)})" if duration else ""
        facts.append(("Media", esc(job.media_name()) + length))
    facts.append(("Review", esc(ReviewSummary.of(transcript).sentence())))
    meta = transcript.metadata
    if meta.category:
        facts.append(("Category", esc(meta.category)))
    if meta.tags:
        facts.append(("Tags", esc(", ".join(f"#{tag}" for tag in meta.tags))))
    if meta.description:
        facts.append(("Description", esc(meta.description)))
    if job.total != len(transcript.lines):
        facts.append(("Exported", f"{job.total} of {len(transcript.lines)} lines"))
    legend = job.all_tags()
    if legend:
        chips = " ".join(
            f'<span style="background-color:{hex_color(c)};color:{ink_for(hex_color(c))}">'
            f"{esc(tag)}</span>"
            for tag, c in legend.items()
        )
        facts.append(("Highlights", f'<span class="legend">{chips}</span>'))
    rows = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in facts)
    return [f"<header><h1>{esc(title)}</h1>", f'<dl class="facts">{rows}</dl></header>']


def _toc(job: Job) -> list[str]:
    entries: list[str] = []
    for number, line in job.rows:
        for note in job.notes(line):
            who = f"{esc(note.author)}: " if note.author else ""
            snippet = note.body if len(note.body) <= 90 else note.body[:89] + "…"
            entries.append(
                f'<li><a href="#L{number}">{job.clock(line.start_ms)}</a> {who}{esc(snippet)}</li>'
            )
    if not entries:
        return []
    return [f'<nav class="toc"><h2>Notes ({len(entries)})</h2><ol>', *entries, "</ol></nav>"]


def _line(job: Job, number: int, line: Line) -> str:
    href = job.time_href(line.start_ms)
    clock = job.clock(line.start_ms)
    time = (
        f'<a class="time" href="{esc(href)}">{clock}</a>'
        if href
        else f'<span class="time">{clock}</span>'
    )
    meta = [time]
    if line.speaker:
        meta.append(f'<span class="speaker">{esc(line.speaker)}</span>')
    status = job.status(line)
    if status:
        meta.append(f'<span class="status status-{esc(status)}">{esc(status)}</span>')
    out = [
        f'<section class="line" id="L{number}"><div class="meta">{" ".join(meta)}</div>',
        f'<p class="text">{marked_text(job, line)}</p>',
    ]
    original = job.original(line)
    if original is not None:
        out.append(f'<p class="original">Original: <del>{esc(original)}</del></p>')
    threads = export_threads(job, job.notes(line))
    if threads:
        out.append('<ul class="notes">')
        for thread in threads:
            resolved = resolved_words(thread.first)
            out.append('<li class="resolved">' if resolved else "<li>")
            out.append(_note_html(thread.first))
            if resolved:
                out.append(f'<div class="resolved-mark">\u2713 {esc(resolved)}</div>')
            if thread.replies:
                out.append('<ul class="replies">')
                out.extend(f"<li>{_note_html(reply)}</li>" for reply in thread.replies)
                out.append("</ul>")
            out.append("</li>")
        out.append("</ul>")
    out.append("</section>")
    return "".join(out)


def _note_html(note: Note) -> str:
    stamp = note_iso(note)
    when = f' <time datetime="{stamp}">{esc(note_when(note))}</time>' if stamp else ""
    author = f'<b class="author">{esc(note.author)}</b>' if note.author else ""
    return f'{author}{when}<div class="note-body">{esc(note.body)}</div>'


def render(job: Job) -> str:
    title = esc(job.transcript.title or "Transcript")
    parts = [
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="Proofreel"><title>{title}</title>',
        f"<style>{_CSS}</style></head><body>",
        *_header(job),
        *_toc(job),
        "<main>",
    ]
    parts.extend(_line(job, number, line) for number, line in job.each())
    parts.append("</main></body></html>\n")
    return "\n".join(parts)


def write(job: Job, path: Path) -> None:
    write_text(path, render(job))
