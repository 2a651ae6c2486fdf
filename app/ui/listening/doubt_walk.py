"""Walking the transcript where it is in doubt (issue 16): Next/Previous Doubtful Line goes
most doubtful first (the second opinion's marks by their doubt, then lines with words heard
under 50% probability, app.core.doubt), Next/Previous Audio Mark goes through the marked lines
in their order. Each says in the status bar where it is and why the line is in doubt."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable

from PySide6.QtCore import QObject

from app.core.doubt import Doubt, doubtful_lines, step
from app.ui.listening.opinion_marks import OpinionMarks
from app.ui.listening.word_hints import percent
from app.ui.transcript.transcript_model import TranscriptModel
from app.ui.transcript.transcript_view import TranscriptView

__all__ = ["DoubtWalk"]


class DoubtWalk(QObject):
    def __init__(
        self,
        model: TranscriptModel,
        view: TranscriptView,
        marks: OpinionMarks,
        show_message: Callable[[str, int], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.model, self.view, self.marks, self.show_message = model, view, marks, show_message

    def order(self) -> list[Doubt]:
        """The doubtful lines, most doubtful first."""
        return doubtful_lines(self.model.lines(), self.marks.opinions())

    # -- most doubtful first ---------------------------------------------------------------
    def next_doubtful(self) -> None:
        self._doubtful(forward=True)

    def previous_doubtful(self) -> None:
        self._doubtful(forward=False)

    def _doubtful(self, forward: bool) -> None:
        order = self.order()
        if not order:
            self.show_message(
                self.tr("No line is in doubt: a second opinion or a transcription finds them"),
                5000,
            )
            return
        at = step([d.row for d in order], self.view.current_source_row(), forward)
        if at is None:
            end = self.tr("the last") if forward else self.tr("the first")
            said = self.tr("This is %1 doubtful line (%2 in all)").replace("%1", end)
            self.show_message(said.replace("%2", str(len(order))), 5000)
            return
        doubt = order[at]
        self.view.go_to_row(doubt.row)
        where = self.tr("Doubtful line %1 of %2 (line %3): ").replace("%1", str(at + 1))
        where = where.replace("%2", str(len(order))).replace("%3", str(doubt.row + 1))
        if doubt.reason == "audio" and not doubt.word:
            why = self.tr("the audio has “%1”, not in the text").replace("%1", doubt.heard)
        elif doubt.reason == "audio":
            heard = f"“{doubt.heard}”" if doubt.heard else self.tr("nothing")
            why = self.tr("“%1”: the audio has %2").replace("%1", doubt.word)
            why = why.replace("%2", heard)
        else:
            why = self.tr("“%1” heard %2 sure").replace("%1", doubt.word)
            why = why.replace("%2", percent(doubt.value))
        self.show_message(where + why, 8000)

    # -- the audio's marks in line order ---------------------------------------------------
    def next_mark(self) -> None:
        self._mark(forward=True)

    def previous_mark(self) -> None:
        self._mark(forward=False)

    def _mark(self, forward: bool) -> None:
        rows = [o.row for o in self.marks.opinions() if o.marks]
        if not rows:
            text = self.tr("No audio marks: Listen > Second Opinion marks where the audio differs")
            self.show_message(text, 5000)
            return
        current = self.view.current_source_row()
        if current is None:
            at = 0 if forward else len(rows) - 1
        else:
            at = bisect_right(rows, current) if forward else bisect_left(rows, current) - 1
        if not 0 <= at < len(rows):
            after = self.tr("No more audio marks after this line")
            before = self.tr("No audio marks before this line")
            self.show_message(after if forward else before, 5000)
            return
        row = rows[at]
        self.view.go_to_row(row)
        said = self.tr("Audio mark %1 of %2: ").replace("%1", str(at + 1))
        said = said.replace("%2", str(len(rows)))
        heard = self.marks.tooltip(self.model.line(row).id).split("\n")[1:]  # past its heading
        self.show_message(said + "; ".join(heard), 8000)
