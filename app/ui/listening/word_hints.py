"""What the transcript table tells of each word the recogniser heard (issue 16): a word heard
with a low probability is shaded (a hint to listen, never a verdict), and the pointer over a
word shows what the audio heard there and how sure the recogniser was.

The words' probabilities are the line's own (a transcription, a re-timed line, a Whisper JSON
import); what was heard instead comes from the second opinion's marks (opinion_marks).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QToolTip

from app.core.doubt import LOW_CONFIDENCE, low_confidence
from app.core.timecode import format_clock
from app.core.word_spans import WordSpan, span_at_char, word_spans
from app.ui.listening.opinion_marks import OpinionMarks, mark_span
from app.ui.transcript.text_delegate import HighlightDelegate
from app.ui.transcript.transcript_model import LineIdRole, TranscriptModel
from app.ui.transcript.transcript_view import TranscriptView

__all__ = ["WordHints", "percent"]


def percent(probability: float) -> str:
    return f"{round(probability * 100)}%"


class WordHints(QObject):
    def __init__(
        self,
        model: TranscriptModel,
        view: TranscriptView,
        delegate: HighlightDelegate,
        marks: OpinionMarks,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.model, self.view, self.delegate, self.marks = model, view, delegate, marks
        self._spans: dict[int, tuple[str, int, list[WordSpan]]] = {}  # id: text, words, spans
        delegate.unsure_words = self.unsure
        model.modelReset.connect(self._spans.clear)
        view.viewport().installEventFilter(self)

    def spans(self, line_id: object) -> list[WordSpan]:
        """The line's timed words where its text has them (cached until the line changes)."""
        if not isinstance(line_id, int) or self.model.row_of_id(line_id) is None:
            return []
        line = self.model.line_of_id(line_id)
        if not line.words:
            return []
        kept = self._spans.get(line_id)
        if kept is None or kept[0] != line.text or kept[1] != id(line.words):
            kept = (line.text, id(line.words), word_spans(line.text, line.words))
            self._spans[line_id] = kept
        return kept[2]

    def unsure(self, line_id: object) -> list[tuple[int, int]]:
        """For the delegate: (start, end) of the words heard under LOW_CONFIDENCE."""
        return [(s.lo, s.hi) for s in low_confidence(self.spans(line_id), LOW_CONFIDENCE)]

    def tip(self, line_id: object, char: int) -> str:
        """What was heard at offset ``char`` of the line's text ("" where nothing is known)."""
        if not isinstance(line_id, int) or self.model.row_of_id(line_id) is None:
            return ""
        text = self.model.line_of_id(line_id).text
        opinion = self.marks.of_line(line_id)
        for mark in opinion.marks if opinion is not None else ():
            lo, hi = mark_span(text, mark)
            if lo <= char < hi:
                said = f"“{text[lo:hi]}”"
                if mark.kind == "missing":
                    tip = self.tr("After %1 the audio has “%2”").replace("%1", said)
                elif mark.kind == "unsupported":
                    tip = self.tr("%1: the audio has nothing here").replace("%1", said)
                else:
                    tip = self.tr("%1: the audio has “%2”").replace("%1", said)
                tip = tip.replace("%2", mark.heard)
                if mark.probability is not None:
                    sure = self.tr(" (%1 sure)").replace("%1", percent(mark.probability))
                    tip += sure
                return tip
        word = span_at_char(self.spans(line_id), char)
        if word is None or word.confidence is None or char >= word.hi:
            return ""
        tip = self.tr("“%1”: heard at %2, %3 sure").replace("%1", text[word.lo : word.hi])
        tip = tip.replace("%2", format_clock(word.start_ms, millis=True))
        tip = tip.replace("%3", percent(word.confidence))
        if word.confidence < LOW_CONFIDENCE:
            tip += self.tr(" (unsure: listen to it)")
        return tip

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.view.indexAt(event.pos())
            if index.isValid() and index.column() == TranscriptModel.TEXT:
                line_id = index.data(LineIdRole)
                char = self.delegate.char_at(self.view, index, event.pos())
                tip = self.tip(line_id, char) if char is not None else ""
                tip = tip or self.marks.tooltip(line_id)  # the line's marks, off its words
                if tip:
                    QToolTip.showText(event.globalPos(), tip, self.view.viewport())
                    return True
        return super().eventFilter(watched, event)
