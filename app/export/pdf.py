"""PDF through Qt (QTextDocument + QPdfWriter): the HTML export's layout, no extra native
dependency, headless with the offscreen platform. QtGui only: never QtWidgets.

Speed: one QTextDocument for 100k lines takes a long time and a lot of memory, and
QTextDocument.print_ lays everything out twice. Lines are laid out in chunks instead, and pages
are cut here between transcript lines (a line and its notes stay on one page unless together
they are taller than a page), with each chunk continuing on the page where the last one ended.

Layout: time and status sit in fixed columns (an even tab distance) and a line's text wraps
under its own column (a hanging indent), so wrapped rows never run back under the time and the
text column does not move with the width of the status word.

Fonts: Qt picks a fallback font per character. A character no installed font has is drawn as
a blank; it is found after layout (glyph 0 in the laid-out glyph runs) and reported as a
warning with its lines, so a PDF never loses text silently.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
    QTextLayout,
)

from app.core.plural import plural
from app.core.threads import flatten
from app.core.timecode import format_clock
from app.core.transcript import Line
from app.export.html import esc
from app.export.job import Job, ReviewSummary, note_when
from app.export.segments import hex_color, ink_for, split_segments, styled
from app.export.threads import export_threads, resolved_words

__all__ = ["write"]

_CHUNK = 300  # lines per QTextDocument: layout cost stays linear, memory stays small
_RESOLUTION = 96
_STATUS_COLOR = {"flagged": "#c62828", "approved": "#2e7d32", "unreviewed": "#757575"}
_app: QGuiApplication | None = None
_STATUS_PT = 7  # the status word's size: small, it is a label beside the time
_GAP_PX = 8.0  # between the columns
#: Characters that need no glyph: white space, controls, joiners and other format characters.
_INVISIBLE = frozenset({"Cc", "Cf", "Zl", "Zp", "Zs"})
_SHOWN_MISSING = 8  # characters named in the warning; the rest are counted


def _ensure_app() -> None:
    """Fonts need a QGuiApplication; when none exists (CLI, tests) make an offscreen one, which
    needs no display."""
    global _app
    if QGuiApplication.instance() is None:
        _app = QGuiApplication(["proofreel", "-platform", "offscreen"])


def _text(job: Job, line: Line) -> str:
    marks = job.highlights(line)
    if not marks and not line.styles:
        return esc(line.text).replace("\n", "<br/>")
    parts: list[str] = []
    for segment in split_segments(line.text, marks, line.styles):
        piece = styled(esc(segment.text).replace("\n", "<br/>"), segment)
        if segment.top is None:
            parts.append(piece)
        else:
            color = hex_color(segment.top.color)
            parts.append(
                f'<span style="background-color:{color};color:{ink_for(color)}">{piece}</span>'
            )
    return "".join(parts)


def _line(job: Job, line: Line, indent: float) -> tuple[str, int]:
    """The line's paragraph and one per note, and how many paragraphs (blocks) that is."""
    href, clock = job.time_href(line.start_ms), job.clock(line.start_ms)
    head = (
        f'<a href="{esc(href)}">{clock}</a>'
        if href
        else f'<span style="color:#757575">{clock}</span>'
    )
    # A tab, kept by white-space:pre, moves to the next column's tab stop.
    tab = '<span style="white-space:pre">\t</span>'
    status = job.status(line)
    if job.options.include_status:
        color = _STATUS_COLOR.get(status, "#757575")
        head += (
            f'{tab}<span style="color:{color};font-size:{_STATUS_PT}pt">'
            f"{esc(status.upper())}</span>"
        )
    body = _text(job, line)
    original = job.original(line)
    if original is not None:
        body = f'<span style="color:#c62828"><s>{esc(original)}</s></span> <u>{body}</u>'
    if line.speaker:
        body = f"<b>{esc(line.speaker)}</b>&nbsp;&nbsp;{body}"
    # One paragraph per line, head and text on the same row: half the rows (and pages) of a
    # head-above-text layout, which is what decides the time a 100k-line PDF takes.
    out = [
        f'<p style="margin-top:3px;margin-left:{indent:.1f}px;text-indent:{-indent:.1f}px">'
        f"{head}{tab}{body}</p>"
    ]
    notes = flatten(export_threads(job, job.notes(line)))  # replies under their note
    for note in notes:
        who = ", ".join(esc(p) for p in (note.author, note_when(note)) if p)
        lead = f"<i>{who}:</i> " if who else ""
        text = esc(note.body).replace("\n", "<br/>")
        done = resolved_words(note)
        text += f" <b>&#10003; {esc(done)}</b>" if done else ""
        margin = indent + (26 if note.parent_id is not None else 10)
        out.append(
            f'<p style="margin-left:{margin:.1f}px;text-indent:-10px;color:#37474f">'
            f"&#9658; {lead}{text}</p>"
        )
    return "".join(out), 1 + len(notes)


def _front(job: Job) -> str:
    transcript = job.transcript
    out = [f"<h1>{esc(transcript.title or 'Transcript')}</h1>"]
    if transcript.media is not None:
        length = transcript.media.duration_ms
        tail = f" ({format_clock(length, with_hours=True)})" if length else ""
        out.append(f"<p><b>Media:</b> {esc(job.media_name())}{tail}</p>")
    out.append(f"<p><b>Review:</b> {esc(ReviewSummary.of(transcript).sentence())}</p>")
    legend = job.all_tags()
    if legend:
        chips = " ".join(
            f'<span style="background-color:{hex_color(color)};color:{ink_for(hex_color(color))}">'
            f"&nbsp;{esc(tag)}&nbsp;</span>"
            for tag, color in legend.items()
        )
        out.append(f"<p><b>Highlights:</b> {chips}</p>")
    meta = transcript.metadata
    for name, value in (
        ("Category", meta.category),
        ("Tags", " ".join(f"#{t}" for t in meta.tags)),
        ("Description", meta.description),
    ):
        if value:
            out.append(f"<p><b>{name}:</b> {esc(value)}</p>")
    index = [
        f"<li>{job.clock(line.start_ms)} {esc(note.author + ': ' if note.author else '')}"
        f"{esc(note.body[:90])}</li>"
        for number, line in job.rows
        for note in job.notes(line)
    ]
    if index:
        out.append(f"<h2>Notes ({len(index)})</h2><ol>{''.join(index)}</ol>")
    out.append("<h2>Transcript</h2>")
    return "".join(out)


class _Pages:
    """Draws laid-out documents one after another onto the writer's pages."""

    def __init__(self, writer: QPdfWriter, painter: QPainter, title: str) -> None:
        self.writer, self.painter, self.title = writer, painter, title
        rect = writer.pageLayout().paintRectPixels(_RESOLUTION)
        self.width, self.height = float(rect.width()), float(rect.height()) - 24  # footer room
        self.used = 0.0
        self.page = 1

    def new_page(self) -> None:
        self._footer()
        self.writer.newPage()
        self.page += 1
        self.used = 0.0

    def _footer(self) -> None:
        box = QRectF(0, self.height + 6, self.width, 18)
        self.painter.drawText(box, 0x84, f"{self.title} — {self.page}")  # right|vcenter

    def _draw(self, doc: QTextDocument, top: float, bottom: float) -> None:
        self.painter.translate(0, self.used - top)
        doc.drawContents(self.painter, QRectF(0, top, self.width, bottom - top - 1))
        self.painter.resetTransform()
        self.used += bottom - top

    def add(self, doc: QTextDocument, starts: list[bool] | None = None) -> None:
        """Draw ``doc``; a page may end only before a block whose ``starts`` entry is True (the
        first block of a transcript line), so notes stay with their line. None: any block."""
        layout = doc.documentLayout()
        start = 0.0
        block = doc.begin()
        index = 0
        while block.isValid():
            # A unit is a block and the blocks that must stay with it: measured as one.
            first = block
            block = block.next()
            index += 1
            while block.isValid() and starts is not None and not _get(starts, index):
                block = block.next()
                index += 1
            last = block.previous() if block.isValid() else doc.lastBlock()
            top = layout.blockBoundingRect(first).top()
            bottom = layout.blockBoundingRect(last).bottom()
            if bottom - start > self.height - self.used:
                if top > start:
                    self._draw(doc, start, top)
                    start = top
                if self.used > 0:
                    self.new_page()
                while bottom - start > self.height:  # a unit taller than a page
                    self._draw(doc, start, start + self.height)
                    start += self.height
                    self.new_page()
        end = layout.documentSize().height()
        if end > start:
            self._draw(doc, start, end)

    def finish(self) -> None:
        self._footer()


def _get(starts: list[bool], index: int) -> bool:
    return starts[index] if index < len(starts) else True


def _columns(job: Job, font: QFont) -> tuple[float, float]:
    """(column width, text indent): time and status word get columns of one width, because
    Qt's rich text honours only an even tab distance (a block's own tab positions replace the
    document's), and the text starts after the last of them."""
    widest = QFontMetricsF(font).horizontalAdvance(job.clock(0).replace("0", "8"))
    columns = 1
    if job.options.include_status:
        small = QFont(font)
        small.setPointSizeF(_STATUS_PT)
        metrics = QFontMetricsF(small)
        widest = max(widest, *(metrics.horizontalAdvance(s.upper()) for s in _STATUS_COLOR))
        columns = 2
    width = widest + _GAP_PX
    return width, width * columns


def _document(
    html: str, width: float, writer: QPdfWriter, font: QFont, column: float = 0.0
) -> QTextDocument:
    doc = QTextDocument()
    doc.setUndoRedoEnabled(False)
    doc.documentLayout().setPaintDevice(writer)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setTextWidth(width)
    if column:
        option = doc.defaultTextOption()
        option.setTabStopDistance(column)  # device pixels, like the CSS margins
        doc.setDefaultTextOption(option)
    # Qt's rich text gives every <p> 12px above and below; lines set their own spacing.
    doc.setDefaultStyleSheet("p { margin-top: 0; margin-bottom: 0; } h2 { margin-top: 14px; }")
    doc.setHtml(html)
    return doc


def _font() -> QFont:
    font = QFont()
    font.setPointSizeF(9)
    # No fi/fl ligatures: with them, search and copy in PDF readers miss words like "fine".
    font.setFeature(QFont.Tag("liga"), 0)
    return font


def _layout(writer: QPdfWriter) -> None:
    writer.setResolution(_RESOLUTION)
    margins = QMarginsF(15, 12, 15, 12)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            margins,
            QPageLayout.Unit.Millimeter,
        )
    )


def _missing_glyphs(doc: QTextDocument, owners: list[int], found: dict[str, list[int]]) -> None:
    """Characters laid out with glyph 0 (no font has them) -> the line numbers they are on
    (0: the title page), added to ``found``. ``owners`` gives each block's line number."""
    flags = (
        QTextLayout.GlyphRunRetrievalFlag.RetrieveGlyphIndexes
        | QTextLayout.GlyphRunRetrievalFlag.RetrieveStringIndexes
    )
    block = doc.begin()
    index = 0
    while block.isValid():
        text = block.text()
        if not text.isascii():  # every font has ASCII: the cheap common case
            units = block.length() - 1  # UTF-16 code units, without the block separator
            missing = {
                at
                for run in block.layout().glyphRuns(0, units, flags)
                for glyph, at in zip(run.glyphIndexes(), run.stringIndexes(), strict=False)
                if glyph == 0
            }
            if missing:
                number = owners[index] if index < len(owners) else 0
                for char in _at_utf16(text, missing):
                    if unicodedata.category(char) not in _INVISIBLE:
                        lines = found.setdefault(char, [])
                        if not lines or lines[-1] != number:
                            lines.append(number)
        block = block.next()
        index += 1


def _at_utf16(text: str, offsets: set[int]) -> list[str]:
    """The characters of ``text`` at these UTF-16 offsets (Qt counts astral characters twice)."""
    chars: list[str] = []
    unit = 0
    for char in text:
        if unit in offsets:
            chars.append(char)
        unit += 2 if ord(char) > 0xFFFF else 1
    return chars


def _warning(found: dict[str, list[int]]) -> str:
    def where(lines: list[int]) -> str:
        numbers = [str(n) for n in lines if n]
        named = ["the title page"] if 0 in lines else []
        if numbers:
            more = f" and {len(numbers) - 5} more" if len(numbers) > 5 else ""
            word = "line" if len(numbers) == 1 else "lines"
            named.append(f"{word} {', '.join(numbers[:5])}{more}")
        return ", ".join(named)

    parts = [
        f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')} ({where(lines)})"
        for char, lines in list(found.items())[:_SHOWN_MISSING]
    ]
    rest = len(found) - _SHOWN_MISSING
    tail = f" and {plural(rest, 'other character')}" if rest > 0 else ""
    return (
        f"No installed font can show {'; '.join(parts)}{tail}: "
        "they are blank in the PDF (install a font that has them, or export another format)"
    )


def _render(job: Job, writer: QPdfWriter, painter: QPainter) -> None:
    font = _font()
    column, indent = _columns(job, font)
    missing: dict[str, list[int]] = {}
    pages = _Pages(writer, painter, job.transcript.title or "Transcript")
    front = _document(_front(job), pages.width, writer, font)
    _missing_glyphs(front, [], missing)
    pages.add(front)
    chunk: list[str] = []
    owners: list[int] = []  # per block: its line number
    starts: list[bool] = []  # per block: True where a line begins (a page may end before it)

    def flush() -> None:
        doc = _document("".join(chunk), pages.width, writer, font, column)
        _missing_glyphs(doc, owners, missing)
        pages.add(doc, starts)
        chunk.clear()
        owners.clear()
        starts.clear()

    for number, line in job.each():
        html, blocks = _line(job, line, indent)
        chunk.append(html)
        owners.extend([number] * blocks)
        starts.extend([True] + [False] * (blocks - 1))
        if len(chunk) >= _CHUNK:
            flush()
    if chunk:
        flush()
    pages.finish()
    if missing:
        job.warnings.append(_warning(missing))


def write(job: Job, path: Path) -> None:
    _ensure_app()
    writer = QPdfWriter(str(path))
    _layout(writer)
    writer.setTitle(job.transcript.title)
    writer.setCreator("Proofreel")
    painter = QPainter(writer)
    try:
        _render(job, writer, painter)
    finally:
        painter.end()
        del painter, writer
