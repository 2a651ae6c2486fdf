"""Word-level follow in the Line panel (issue 16, 4): while playing, the word being spoken is
underlined in the line's text, where the line has word timings (a transcription, a re-timed
line, a Whisper JSON import); a click on a word (not a drag that selects words for a highlight)
plays from that word. Lines without word timings are left as they are."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal, SignalInstance
from PySide6.QtGui import QMouseEvent, QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextEdit

from app.core.transcript import Line
from app.core.word_spans import WordSpan, span_at_char, span_at_ms, word_spans
from app.ui.review.line_panel import LinePanel
from app.ui.transcript.inline_style import from_utf16, to_utf16
from app.ui.transcript.transcript_model import TranscriptModel

__all__ = ["WordFollow", "follow_words"]

CLICK_PX = 4  # a press and release closer than this is a click, not a selection


class WordFollow(QObject):
    #: a word clicked: play from its start (ms)
    seekRequested = Signal(int)

    def __init__(
        self,
        text: QTextEdit,
        line_id: Callable[[], int | None],
        model: TranscriptModel,
        repaint: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._text, self._line_id, self._model, self._repaint = text, line_id, model, repaint
        self._cache: tuple[int, str, int, list[WordSpan]] | None = None  # id, text, words
        self._spoken: WordSpan | None = None
        self._pressed: QPointF | None = None
        text.viewport().installEventFilter(self)

    def _line(self) -> Line | None:
        line_id = self._line_id()
        if line_id is None or self._model.row_of_id(line_id) is None:
            return None
        return self._model.line_of_id(line_id)

    def spans(self) -> list[WordSpan]:
        """The timed words of the line shown, where its text has them."""
        line = self._line()
        if line is None or line.id is None or not line.words:
            return []
        key = (line.id, line.text, id(line.words))
        if self._cache is None or self._cache[:3] != key:
            self._cache = (*key, word_spans(line.text, line.words))
        return self._cache[3]

    def tick(self, ms: int) -> None:
        """The playback clock: mark the word spoken now, if it changed."""
        spoken = span_at_ms(self.spans(), ms)
        if spoken != self._spoken:
            self._spoken = spoken
            self._repaint()

    def spoken_word(self) -> str | None:
        line = self._line()
        if self._spoken is None or line is None:
            return None
        return line.text[self._spoken.lo : self._spoken.hi]

    def marks(self) -> list[QTextEdit.ExtraSelection]:
        """For the Line panel: the spoken word, underlined in the highlight colour."""
        line = self._line()
        if self._spoken is None or line is None or self._spoken not in self.spans():
            return []
        fmt = QTextCharFormat()
        fmt.setFontUnderline(True)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(self._text.palette().color(QPalette.ColorRole.Highlight))
        cursor = QTextCursor(self._text.document())
        cursor.setPosition(to_utf16(line.text, self._spoken.lo))
        cursor.setPosition(to_utf16(line.text, self._spoken.hi), QTextCursor.MoveMode.KeepAnchor)
        selection = QTextEdit.ExtraSelection()
        selection.cursor, selection.format = cursor, fmt
        return [selection]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QMouseEvent) and event.button() == Qt.MouseButton.LeftButton:
            if event.type() == QEvent.Type.MouseButtonPress:
                self._pressed = event.position()
            elif event.type() == QEvent.Type.MouseButtonRelease and self._pressed is not None:
                moved = (event.position() - self._pressed).manhattanLength()
                self._pressed = None
                if moved < CLICK_PX and not self._text.textCursor().hasSelection():
                    self._clicked(event.position())
        return super().eventFilter(watched, event)

    def _clicked(self, pos: QPointF) -> None:
        line = self._line()
        if line is None or line.text != self._text.toPlainText():
            return  # a stale copy of the line: never seek by its offsets
        at = from_utf16(line.text, self._text.cursorForPosition(pos.toPoint()).position())
        word = span_at_char(self.spans(), at)
        if word is not None:
            self.seekRequested.emit(word.start_ms)


def follow_words(
    panel: LinePanel, model: TranscriptModel, ticked: SignalInstance, seek: Callable[[int], None]
) -> WordFollow:
    """Word follow on ``panel``: fed by the clock's ``ticked``, a clicked word to ``seek``."""
    words = WordFollow(panel.text, lambda: panel.line_id, model, panel.repaint_marks, panel)
    panel.more_marks = words.marks
    ticked.connect(words.tick)
    words.seekRequested.connect(seek)
    return words
