"""The selected line's history under its text: "approved by Ana 10:42 · text corrected by Ben
10:40 · imported", newest first, from the library's change log (app.store.change_log).

The LinePanel asks for it whenever it shows or redraws its line, so a review step, an edit, an
undo or a redo shows at once. A library that cannot be read shows nothing, never an error.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from app.ui.review.note_cards import local_time

__all__ = ["LineHistoryLabel"]

SHOWN = 4  # entries on the label; the tooltip has them all, one a line

#: (what, actor, at) newest first: ChangeLog.line_history, through the ReviewSession.
History = Callable[[int], list[tuple[str, str, str]]]


class LineHistoryLabel(QLabel):
    def __init__(self, history: History, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lineHistory")
        self.setAccessibleName(self.tr("Line history"))
        self.setTextFormat(Qt.TextFormat.PlainText)
        # Beside the line's times, as wide as the room there, never wider: a long history is cut
        # at the panel's edge (the tooltip has it all), it does not widen the window.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._history = history
        # The phrases of app.core.change_words, for translation (others are shown as they are).
        self._words = {
            "approved": self.tr("approved"),
            "flagged": self.tr("flagged"),
            "marked unreviewed": self.tr("marked unreviewed"),
            "mark cleared": self.tr("mark cleared"),
            "text corrected": self.tr("text corrected"),
            "re-timed": self.tr("re-timed"),
            "speaker changed": self.tr("speaker changed"),
            "note added": self.tr("note added"),
            "note edited": self.tr("note edited"),
            "note deleted": self.tr("note deleted"),
            "replied": self.tr("replied"),
            "resolved": self.tr("resolved"),
            "reopened": self.tr("reopened"),
            "highlight moved": self.tr("highlight moved"),
            "added": self.tr("added"),
            "imported": self.tr("imported"),
        }

    def show_line(self, line_id: int | None) -> None:
        entries = [] if line_id is None else self._history(line_id)
        said = [self._entry(*entry) for entry in entries]
        if len(said) > SHOWN:
            self.setText(" · ".join([*said[:SHOWN], "…"]))
        else:
            self.setText(" · ".join(said))
        self.setToolTip("\n".join(said))
        self.setVisible(bool(said))

    def _entry(self, what: str, actor: str, at: str) -> str:
        phrase = " ".join(self._words.get(part, part) for part in what.split(" and "))
        if what == "imported":
            return phrase
        if actor:
            return (
                self.tr("%1 by %2 %3")
                .replace("%1", phrase)
                .replace("%2", actor)
                .replace("%3", local_time(at))
            )
        return f"{phrase} {local_time(at)}"
