"""Word (.docx): the HTML export's content with Word's own tools: highlights are real Word
highlighting, notes are real comments anchored on their line, corrections are struck-through
imported text followed by the underlined correction, status is a small coloured label.

Speed: python-docx builds one proxy object per call, which for 100k lines with several runs
each takes minutes. The body and the comments are written here as WordprocessingML text, parsed
by lxml in large chunks and put into a python-docx Document, which still provides the package
(styles, relationships, content types) and the save.
"""

from __future__ import annotations

import colorsys
import getpass
import re
from dataclasses import replace
from datetime import UTC, datetime
from difflib import SequenceMatcher
from html import escape
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.parser import parse_xml

from app.core.docx_read import line_bookmark  # each line's text in a bookmark, to read back
from app.core.threads import threads_of
from app.core.timecode import format_clock
from app.core.transcript import Line, Note
from app.export.docx_threads import W14, ExtendedEntry, add_comments_extended, para_id
from app.export.job import Job, ReviewSummary, note_iso
from app.export.segments import hex_color, parse_color, split_segments

__all__ = ["nearest_highlight", "write", "write_tracked"]

_LINE_MARK_BASE = 10_000_000  # bookmark ids of the lines; the notes index uses the row numbers
_REVISION_BASE = 20_000_000  # w:ins / w:del ids, apart from comment and bookmark ids
_TOKENS = re.compile(r"\s+|[^\s]+")

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CHUNK = 5000  # paragraphs parsed at a time: bounded memory for the text, few lxml calls
# Characters XML 1.0 forbids; a pasted control character must not make Word refuse the file.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_STATUS_COLOR = {"flagged": "C62828", "approved": "2E7D32", "unreviewed": "757575"}
# Word's highlight palette (w:highlight values) by hue, bright and dark; black/white left out
# because text on them cannot be read.
_BRIGHT = {0: "red", 60: "yellow", 120: "green", 180: "cyan", 240: "blue", 300: "magenta"}
_DARK = {
    0: "darkRed",
    60: "darkYellow",
    120: "darkGreen",
    180: "darkCyan",
    240: "darkBlue",
    300: "darkMagenta",
}


def nearest_highlight(color: str) -> str:
    """The Word highlight colour nearest a tag colour, by hue: tag colours are usually pastel,
    and plain RGB distance would turn every pastel into grey."""
    r, g, b = parse_color(hex_color(color)) or (255, 255, 0)
    hue, sat, val = colorsys.rgb_to_hsv(r / 255, g / 255, b / 255)
    if sat < 0.2:
        return "lightGray" if val > 0.6 else "darkGray"
    degrees = hue * 360
    key = min(_BRIGHT, key=lambda h: min(abs(degrees - h), 360 - abs(degrees - h)))
    return _BRIGHT[key] if val > 0.6 else _DARK[key]


def _x(text: str) -> str:
    if _NOT_XML.search(text):
        text = _NOT_XML.sub("", text)
    return escape(text, quote=True)


def _run(text: str, props: str = "") -> str:
    """A run; row breaks and tabs become Word's own break and tab elements."""
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    body = _x(text)
    if "\n" in body:
        body = body.replace("\n", '</w:t><w:br/><w:t xml:space="preserve">')
    if "\t" in body:
        body = body.replace("\t", '</w:t><w:tab/><w:t xml:space="preserve">')
    return f'<w:r>{rpr}<w:t xml:space="preserve">{body}</w:t></w:r>'


def _para(runs: str, style: str = "", props: str = "") -> str:
    ppr = f'<w:pStyle w:val="{style}"/>' if style else ""
    ppr = f"<w:pPr>{ppr}{props}</w:pPr>" if ppr or props else ""
    return f"<w:p>{ppr}{runs}</w:p>"


def _link(target: str, text: str, *, internal: bool = False) -> str:
    # A HYPERLINK field needs no relationship per target, unlike w:hyperlink: 100k distinct
    # media links would otherwise mean 100k relationships.
    instr = f' HYPERLINK \\l "{target}" ' if internal else f' HYPERLINK "{_x(target)}" '
    shown = _run(text, '<w:color w:val="1565C0"/><w:u w:val="single"/>')
    return f'<w:fldSimple w:instr="{_x(instr)}">{shown}</w:fldSimple>'


def _font_props(kinds: frozenset[str]) -> tuple[str, str]:
    """Word run properties of a segment's styles: (those before w:highlight, w:u after it)."""
    before = "".join(tag for kind, tag in _BEFORE_HIGHLIGHT if kind in kinds)
    return before, '<w:u w:val="single"/>' if "u" in kinds else ""


_BEFORE_HIGHLIGHT = (("b", "<w:b/>"), ("i", "<w:i/>"), ("s", "<w:strike/>"))


def _text_runs(job: Job, line: Line, extra: str) -> str:
    # Word refuses run properties out of schema order: w:b, w:i and w:strike come before
    # w:highlight, which comes before w:u.
    marks = job.highlights(line)
    if not marks and not line.styles:
        return _run(line.text, extra)
    out = []
    for segment in split_segments(line.text, marks, line.styles):
        top = segment.top
        before, underline = _font_props(segment.styles)
        tail = extra or underline  # an edited line is underlined whole already
        highlight = "" if top is None else f'<w:highlight w:val="{nearest_highlight(top.color)}"/>'
        out.append(_run(segment.text, before + highlight + tail))
    return "".join(out)


def _range_runs(job: Job, line: Line, lo: int, hi: int) -> str:
    """Runs of ``line.text[lo:hi]`` with their highlights and styles."""
    out = []
    at = 0
    for segment in split_segments(line.text, job.highlights(line), line.styles):
        start, end = at, at + len(segment.text)
        at = end
        piece = line.text[max(lo, start) : min(hi, end)]
        if not piece:
            continue
        top = segment.top
        before, underline = _font_props(segment.styles)
        highlight = "" if top is None else f'<w:highlight w:val="{nearest_highlight(top.color)}"/>'
        out.append(_run(piece, before + highlight + underline))
    return "".join(out)


def _revision_stamp(job: Job) -> tuple[str, str]:
    options = job.options
    author = options.revision_author
    if not author:
        try:
            author = getpass.getuser()
        except (OSError, KeyError):  # no login name (a container): still a named author
            author = "Proofreel"
    when = options.revision_date or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return author, when


class _Builder:
    def __init__(self, job: Job) -> None:
        self.job = job
        self.comments: list[str] = []
        self.extended: list[ExtendedEntry] = []
        self.revisions = 0
        self.author, self.date = _revision_stamp(job) if job.options.tracked_changes else ("", "")

    def _mark(self, kind: str, body: str) -> str:
        self.revisions += 1
        ident = _REVISION_BASE + self.revisions
        return (
            f'<w:{kind} w:id="{ident}" w:author="{_x(self.author)}" w:date="{self.date}">'
            f"{body}</w:{kind}>"
        )

    def tracked(self, line: Line, original: str) -> str:
        """The correction as Word revisions: the imported words deleted, the new ones inserted,
        word by word, so Accept/Reject works on each change."""
        old, new = _TOKENS.findall(original), _TOKENS.findall(line.text)
        offsets = [0]
        for token in new:
            offsets.append(offsets[-1] + len(token))
        out = []
        matcher = SequenceMatcher(None, old, new, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag in ("delete", "replace"):
                gone = _x("".join(old[i1:i2]))
                out.append(
                    self._mark(
                        "del", f'<w:r><w:delText xml:space="preserve">{gone}</w:delText></w:r>'
                    )
                )
            if j2 > j1:
                runs = _range_runs(self.job, line, offsets[j1], offsets[j2])
                out.append(runs if tag == "equal" else self._mark("ins", runs))
        return "".join(out)

    def comment(self, note: Note, parent: int | None = None, done: bool = False) -> int:
        """The note as a Word comment (``parent``: the comment it is a reply to)."""
        ident = len(self.comments)
        self.extended.append((ident, parent, done))
        stamp = note_iso(note)
        date = f' w:date="{stamp}"' if stamp else ""
        initials = "".join(word[0] for word in note.author.split()[:3])
        paras = "".join(_para(_run(row)) for row in (note.body.split("\n") or [""]))
        last = paras.rfind("<w:p>")  # Word links replies by the last paragraph's id
        paras = f'{paras[:last]}<w:p w14:paraId="{para_id(ident)}">{paras[last + 5 :]}'
        self.comments.append(
            f'<w:comment w:id="{ident}" w:author="{_x(note.author)}"{date} '
            f'w:initials="{_x(initials)}">{paras}</w:comment>'
        )
        return ident

    def line(self, number: int, line: Line) -> str:
        job = self.job
        out: list[str] = []
        notes = job.notes(line)
        if notes:  # a target for the notes index
            out.append(
                f'<w:bookmarkStart w:id="{number}" w:name="L{number}"/>'
                f'<w:bookmarkEnd w:id="{number}"/>'
            )
        href, clock = job.time_href(line.start_ms), job.clock(line.start_ms)
        out.append(_link(href, clock) if href else _run(clock, '<w:color w:val="757575"/>'))
        if line.speaker:
            out.append(_run("\t" + line.speaker, "<w:b/>"))
        status = job.status(line)
        if status:
            color = _STATUS_COLOR.get(status, "757575")
            out.append(
                _run(f"\t{status}", f'<w:caps/><w:color w:val="{color}"/><w:sz w:val="16"/>')
            )
        out.append("<w:r><w:br/></w:r>")
        ids = []
        for thread in threads_of(notes):
            first = self.comment(thread.first, done=thread.resolved)
            ids.append(first)
            ids += [self.comment(r, first, thread.resolved) for r in thread.replies]
        out.extend(f'<w:commentRangeStart w:id="{i}"/>' for i in ids)
        mark = _LINE_MARK_BASE + number
        start = ""
        if line.id is not None:
            start = f'<w:bookmarkStart w:id="{mark}" w:name="{line_bookmark(line.id, line.text)}"/>'
        original = line.original_text if job.options.tracked_changes else None
        if original is not None and original != line.text:
            out.append(start + self.tracked(line, original))
        elif (original := job.original(line)) is not None:
            out.append(_run(original, '<w:strike/><w:color w:val="C62828"/>'))
            out.append(_run(" "))
            out.append(start + _text_runs(job, line, '<w:u w:val="single"/>'))
        else:
            out.append(start + _text_runs(job, line, ""))
        if line.id is not None:
            out.append(f'<w:bookmarkEnd w:id="{_LINE_MARK_BASE + number}"/>')
        for i in ids:
            out.append(
                f'<w:commentRangeEnd w:id="{i}"/><w:r><w:commentReference w:id="{i}"/></w:r>'
            )
        return _para("".join(out), props='<w:spacing w:after="120"/>')

    def front(self) -> list[str]:
        job, transcript = self.job, self.job.transcript
        out = [_para(_run(transcript.title or "Transcript"), "Title")]
        facts: list[tuple[str, str]] = []
        if transcript.media is not None:
            length = transcript.media.duration_ms
            tail = f" ({format_clock(length, with_hours=True)})" if length else ""
            facts.append(("Media", job.media_name() + tail))
        facts.append(("Review", ReviewSummary.of(transcript).sentence()))
        meta = transcript.metadata
        facts += [("Category", meta.category)] if meta.category else []
        facts += [("Tags", ", ".join(f"#{t}" for t in meta.tags))] if meta.tags else []
        facts += [("Description", meta.description)] if meta.description else []
        out.extend(_para(_run(f"{name}: ", "<w:b/>") + _run(value)) for name, value in facts)
        legend = job.all_tags()
        if legend:
            chips = "".join(
                _run(tag, f'<w:highlight w:val="{nearest_highlight(color)}"/>') + _run("  ")
                for tag, color in legend.items()
            )
            out.append(_para(_run("Highlights: ", "<w:b/>") + chips))
        index = [
            _para(
                _link(f"L{number}", job.clock(line.start_ms), internal=True)
                + _run(f"  {note.author}: " if note.author else "  ")
                + _run(note.body[:90])
            )
            for number, line in job.rows
            for note in job.notes(line)
        ]
        if index:
            out.append(_para(_run(f"Notes ({len(index)})"), "Heading1"))
            out.extend(index)
        out.append(_para(_run("Transcript"), "Heading1"))
        return out


def write(job: Job, path: Path) -> None:
    document = docx.Document()
    body = document.element.body
    section = body[-1]  # the template's w:sectPr, which must stay the body's last child
    body.remove(section)
    builder = _Builder(job)
    pending = builder.front()
    for number, line in job.each():
        pending.append(builder.line(number, line))
        if len(pending) >= _CHUNK:
            body.extend(list(parse_xml(f'<w:body xmlns:w="{_W}">{"".join(pending)}</w:body>')))
            pending = []
    if pending:
        body.extend(list(parse_xml(f'<w:body xmlns:w="{_W}">{"".join(pending)}</w:body>')))
    body.append(section)
    if builder.comments:
        _ = document.comments  # python-docx >= 1.2 creates and relates the comments part here
        part = document.part.part_related_by(RT.COMMENTS)
        root = part.element  # type: ignore[attr-defined]
        for start in range(0, len(builder.comments), _CHUNK):
            chunk = "".join(builder.comments[start : start + _CHUNK])
            xml = f'<w:comments xmlns:w="{_W}" xmlns:w14="{W14}">{chunk}</w:comments>'
            root.extend(list(parse_xml(xml)))
        add_comments_extended(document, builder.extended)
    job.check(job.total)  # the save takes a while on big documents: a last chance to cancel
    document.save(str(path))


def write_tracked(job: Job, path: Path) -> None:
    """The Word document with every correction as a tracked change."""
    job.options = replace(job.options, tracked_changes=True)
    write(job, path)
