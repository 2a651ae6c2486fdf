"""Word follow in the transcript table (issue 16): while playing, the word being spoken is
underlined in the playing line's row, where the line has word timings (a transcription, a
re-timed line, a Whisper JSON import), as the Line panel (app.ui.review.word_follow) and the
reading view do. Only the one cell is repainted, and only when the word changes."""

from __future__ import annotations

from PySide6.QtCore import QObject

from app.core.transcript import Line
from app.core.word_spans import WordSpan, span_at_ms, word_spans
from app.ui.transcript.follow import FollowController
from app.ui.transcript.text_delegate import HighlightDelegate
from app.ui.transcript.transcript_model import TranscriptModel
from app.ui.transcript.transcript_view import TranscriptView

__all__ = ["TableWords"]


class TableWords(QObject):
    def __init__(
        self,
        model: TranscriptModel,
        table: TranscriptView,
        follow: FollowController,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._model, self._table = model, table
        self._spoken: tuple[int, int, int] | None = None  # line id, start, end in its text
        self._cache: tuple[int, str, int, list[WordSpan]] | None = None  # id, text, words
        follow.ticked.connect(self.set_time)
        model.modelReset.connect(self._forget)

    def _spans(self, line: Line) -> list[WordSpan]:
        assert line.id is not None
        key = (line.id, line.text, id(line.words))
        if self._cache is None or self._cache[:3] != key:
            self._cache = (*key, word_spans(line.text, line.words))
        return self._cache[3]

    def set_time(self, ms: int) -> None:
        """The clock: mark the word spoken now in the playing line, if it changed."""
        row = self._model.current_row
        spoken = None
        if row is not None and row < self._model.rowCount():
            line = self._model.line(row)
            if line.words and line.id is not None:
                span = span_at_ms(self._spans(line), ms)
                if span is not None:
                    spoken = (line.id, span.lo, span.hi)
        if spoken != self._spoken:
            before, self._spoken = self._spoken, spoken
            self._repaint(before)
            self._repaint(spoken)

    def spoken(self, line_id: object) -> list[tuple[int, int]]:
        """For the delegate: (start, end) of the word spoken now, on its line."""
        if self._spoken is None or line_id != self._spoken[0]:
            return []
        return [self._spoken[1:]]

    def spoken_word(self) -> str | None:
        """The word underlined now (None: no word timings, or between words)."""
        if self._spoken is None or self._model.row_of_id(self._spoken[0]) is None:
            return None
        line_id, lo, hi = self._spoken
        return self._model.line_of_id(line_id).text[lo:hi]

    def _forget(self) -> None:
        self._spoken, self._cache = None, None

    def _repaint(self, spoken: tuple[int, int, int] | None) -> None:
        if spoken is None:
            return
        delegate = self._table.itemDelegateForColumn(TranscriptModel.TEXT)
        if isinstance(delegate, HighlightDelegate):  # the one the window set: it draws ours
            delegate.spoken_word = self.spoken
        row = self._model.row_of_id(spoken[0])
        if row is not None:
            index = self._table.proxy.mapFromSource(self._model.index(row, TranscriptModel.TEXT))
            if index.isValid():
                self._table.update(index)
