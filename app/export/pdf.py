"""PDF through Qt (QTextDocument + QPdfWriter): the HTML export's layout, no extra native
dependency, headless with the offscreen platform. QtGui only: never QtWidgets.

Speed: one QTextDocument for 100k lines takes a long time and a lot of memory, and
QTextDocument.print_ lays everything out twice. Lines are laid out in chunks instead, and pages
are cut here at block boundaries (a line or a note is never split unless it is taller than a
page), with each chunk continuing on the page where the last one ended.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from app.core.timecode import format_clock
from app.core.transcript import Line
from app.export.html import esc
from app.export.job import Job, ReviewSummary, note_when
from app.export.segments import hex_color, ink_for, split_segments

__all__ = ["write"]

_CHUNK = 300  # lines per QTextDocument: layout cost stays linear, memory stays small
_RESOLUTION = 96
_STATUS_COLOR = {"flagged": "#c62828", "approved": "#2e7d32", "unreviewed": "#757575"}
_app: QGuiApplication | None = None


def _ensure_app() -> None:
    """Fonts need a QGuiApplication; when none exists (CLI, tests) make an offscreen one, which
    needs no display."""
    global _app
    if QGuiApplication.instance() is None:
        _app = QGuiApplication(["proofreel", "-platform", "offscreen"])


def _text(job: Job, line: Line) -> str:
    marks = job.highlights(line)
    if not marks:
        return esc(line.text).replace("\n", "<br/>")
    parts: list[str] = []
    for segment in split_segments(line.text, marks):
        piece = esc(segment.text).replace("\n", "<br/>")
        if segment.top is None:
            parts.append(piece)
        else:
            color = hex_color(segment.top.color)
            parts.append(
                f'<span style="background-color:{color};color:{ink_for(color)}">{piece}</span>'
            )
    return "".join(parts)


def _line(job: Job, number: int, line: Line) -> str:
    href, clock = job.time_href(line.start_ms), job.clock(line.start_ms)
    head = [
        f'<a href="{esc(href)}">{clock}</a>'
        if href
        else f'<span style="color:#757575">{clock}</span>'
    ]
    if line.speaker:
        head.append(f"<b>{esc(line.speaker)}</b>")
    status = job.status(line)
    if status:
        color = _STATUS_COLOR.get(status, "#757575")
        head.append(f'<span style="color:{color};font-size:7pt">{esc(status.upper())}</span>')
    body = _text(job, line)
    original = job.original(line)
    if original is not None:
        body = f'<span style="color:#c62828"><s>{esc(original)}</s></span> <u>{body}</u>'
    # One paragraph per line, head and text on the same row: half the rows (and pages) of a
    # head-above-text layout, which is what decides the time a 100k-line PDF takes.
    out = [f'<p style="margin-top:3px">{"&nbsp;&nbsp;".join(head)}&nbsp;&nbsp; {body}</p>']
    for note in job.notes(line):
        who = ", ".join(esc(p) for p in (note.author, note_when(note)) if p)
        lead = f"<i>{who}:</i> " if who else ""
        text = esc(note.body).replace("\n", "<br/>")
        out.append(f'<p style="margin-left:18px;color:#37474f">&#9658; {lead}{text}</p>')
    return "".join(out)


def _front(job: Job) -> str:
    transcript = job.transcript
    out = [f"<h1>{esc(transcript.title or 'Transcript')}</h1>"]
    if transcript.media is not None:
        length = transcript.media.duration_ms
        tail = f" ({format_clock(length, with_hours=True)})" if length else ""
        out.append(f"<p><b>Media:</b> {esc(job.media_name())}{tail}</p>")
    out.append(f"<p><b>Review:</b> {esc(ReviewSummary.of(transcript).sentence())}</p>")
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

    def add(self, doc: QTextDocument) -> None:
        layout = doc.documentLayout()
        start = 0.0
        block = doc.begin()
        while block.isValid():
            rect = layout.blockBoundingRect(block)
            top, bottom = rect.top(), rect.bottom()
            if bottom - start > self.height - self.used:
                if top > start:
                    self._draw(doc, start, top)
                    start = top
                if self.used > 0:
                    self.new_page()
                while bottom - start > self.height:  # a block taller than a page
                    self._draw(doc, start, start + self.height)
                    start += self.height
                    self.new_page()
            block = block.next()
        end = layout.documentSize().height()
        if end > start:
            self._draw(doc, start, end)

    def finish(self) -> None:
        self._footer()


def _document(html: str, width: float, writer: QPdfWriter, font: QFont) -> QTextDocument:
    doc = QTextDocument()
    doc.setUndoRedoEnabled(False)
    doc.documentLayout().setPaintDevice(writer)
    doc.setDefaultFont(font)
    doc.setDocumentMargin(0)
    doc.setTextWidth(width)
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


def _render(job: Job, writer: QPdfWriter, painter: QPainter) -> None:
    font = _font()
    pages = _Pages(writer, painter, job.transcript.title or "Transcript")
    pages.add(_document(_front(job), pages.width, writer, font))
    chunk: list[str] = []
    for number, line in job.each():
        chunk.append(_line(job, number, line))
        if len(chunk) >= _CHUNK:
            pages.add(_document("".join(chunk), pages.width, writer, font))
            chunk = []
    if chunk:
        pages.add(_document("".join(chunk), pages.width, writer, font))
    pages.finish()


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
