"""Edit > Copy as Quote (Ctrl+Shift+C): the words selected in the Line panel, or the lines
selected in the transcript, put on the clipboard as a quote with its source (plain text and
rich text), added to the Quotes list, and the status bar says whether it is safe to quote.

The quote itself is made by app.core.quotes; this module finds what is selected and hands it
on. The transcript's header (title, media, metadata) is read from the library at copy time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QMimeData, QObject, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QTextEdit, QWidget

from app.core.asr_opinion import LineOpinion
from app.core.quotes import Quote, QuoteList, make_quote
from app.core.transcript import MediaInfo, Transcript
from app.store.errors import StoreError
from app.store.types import ProjectInfo
from app.ui.transcript.text_delegate import from_utf16
from app.ui.transcript.transcript_model import TranscriptModel

__all__ = ["QuoteCopier", "Span", "put_on_clipboard", "text_span"]

#: (row, start char, end char) of words selected in one line
Span = tuple[int, int, int]


def put_on_clipboard(quote: Quote) -> None:
    """The quote as plain text and as rich text (for mail, Word, a CMS), in one clipboard entry."""
    data = QMimeData()
    data.setText(quote.plain())
    data.setHtml(quote.html())
    QGuiApplication.clipboard().setMimeData(data)


def text_span(
    text: QTextEdit, line_id: Callable[[], int | None], model: TranscriptModel
) -> Callable[[], Span | None]:
    """The words selected in ``text`` (the Line panel's copy of a line), as a span of that line:
    only while it shows the line's text as it is, so a stale copy never quotes wrong words."""

    def span() -> Span | None:
        cursor = text.textCursor()
        chosen = line_id()
        if not cursor.hasSelection() or chosen is None:
            return None
        row = model.row_of_id(chosen)
        if row is None or text.toPlainText() != model.line(row).text:
            return None
        words = model.line(row).text
        start = from_utf16(words, cursor.selectionStart())
        end = from_utf16(words, cursor.selectionEnd())
        return (row, start, end) if start < end else None

    return span


class QuoteCopier(QObject):
    #: the status bar's line: copied, or copied with the reason it needs checking first
    message = Signal(str)
    #: a quote went onto the clipboard and into the list: its QuoteItem
    copied = Signal(object)

    def __init__(
        self,
        window: QWidget,
        model: TranscriptModel,
        selected_rows: Callable[[], list[int]],
        span: Callable[[], Span | None],
        project: Callable[[], ProjectInfo | None],
        quotes: QuoteList,
    ) -> None:
        super().__init__(window)
        self._model = model
        self._selected_rows = selected_rows
        self._span = span
        self._project = project
        self.quotes = quotes
        #: the audio's second opinion of the lines, when one was heard: a quoted word the audio
        #: heard otherwise is warned about (set by the window once listening exists)
        self.opinions: Callable[[], Sequence[LineOpinion]] = lambda: ()
        self.action = QAction(self.tr("Copy as &Quote"), window)
        self.action.setObjectName("edit.copy_as_quote")
        self.action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.action.setToolTip(
            self.tr("Copy the selected words or lines as a quote: who said them, when, a link")
        )
        self.action.triggered.connect(self.copy)
        window.addAction(self.action)

    def transcript(self) -> Transcript | None:
        """The lines as they are now, under the project's title, media and metadata."""
        try:
            info = self._project()
        except StoreError as err:
            self.message.emit(self.tr("The project could not be read: %1").replace("%1", str(err)))
            return None
        if info is None:
            return None
        media = MediaInfo(info.media_path, info.media_duration_ms) if info.media_path else None
        return Transcript(list(self._model.lines()), info.title, info.metadata, media)

    def copy(self) -> Quote | None:
        span = self._span()
        rows = [span[0]] if span is not None else self._selected_rows()
        if not rows:
            self.message.emit(self.tr("Select the lines or words to quote"))
            return None
        transcript = self.transcript()
        if transcript is None:
            return None
        lo, hi = (span[1], span[2]) if span is not None else (None, None)
        try:
            quote = make_quote(
                transcript,
                min(rows),
                max(rows),
                start_char=lo,
                end_char=hi,
                opinions=self.opinions(),
            )
        except ValueError as err:
            self.message.emit(str(err).capitalize())
            return None
        put_on_clipboard(quote)
        item = self.quotes.add(quote, lo, hi)
        self.message.emit(quote.status_message())
        self.copied.emit(item)
        return quote
