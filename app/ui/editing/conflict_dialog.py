"""The conflict dialog: another reviewer changed the lines this edit (or undo) touches since
they were read, so nothing of it was saved. Theirs and yours are listed per line and field (text,
times, speaker) as the word diff the Changes panel draws (its diff_html and DiffDelegate: words
only theirs struck through, words only yours underlined), and the user picks "Keep mine", "Keep
theirs" or "Edit both": an editor holding both texts, to merge by hand. Escape keeps theirs (the
library is left as it is). What each choice does is app.ui.editing.conflicts'.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListView,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.timecode import format_clock
from app.store.versions import ConflictError
from app.ui.editing.changes_model import DiffHtmlRole, TimeTextRole, before_after_tip, diff_html
from app.ui.editing.conflicts import Ask, Choice, ConflictRow, Resolution
from app.ui.editing.diff_delegate import DiffDelegate

__all__ = ["ConflictDialog", "ask_in_dialog"]


class ConflictDialog(QDialog):
    def __init__(self, rows: Sequence[ConflictRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle(self.tr("Someone else changed this line"))
        self.rows = list(rows)
        self.resolution = Resolution(Choice.THEIRS)
        lines = len({row.line_id for row in self.rows})
        intro = QLabel(
            (
                self.tr("Another reviewer changed this line since you read it.")
                if lines == 1
                else self.tr("Another reviewer changed %1 of these lines since you read them.")
            ).replace("%1", str(lines))
            + " "
            + self.tr("Your change is not saved yet.")
        )
        intro.setWordWrap(True)
        legend = QLabel(self.tr("Struck through: only theirs. Underlined: only yours."))
        self.list = QListView()
        self.list.setObjectName("conflictDiffs")
        self.list.setAccessibleName(self.tr("Theirs against yours"))
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setItemDelegate(DiffDelegate(self.list, lines=3))
        self.list.setModel(self._diff_model())
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("mergeEditor")
        self.editor.setAccessibleName(self.tr("Both texts, to merge by hand"))
        self.editor.hide()
        self.problem = QLabel()
        self.problem.setObjectName("mergeProblem")
        self.problem.hide()
        self.keep_mine = self._button("keepMine", self.tr("Keep &mine"), self._mine)
        self.keep_theirs = self._button("keepTheirs", self.tr("Keep &theirs"), self._theirs)
        self.edit_both = self._button("editBoth", self.tr("&Edit both"), self._open_editor)
        self.save_merged = self._button("saveMerged", self.tr("&Save merged"), self._save)
        self.save_merged.hide()
        texts = [row for row in self.rows if row.field == "text"]
        self._merging = texts[0] if len(texts) == 1 else None
        self.edit_both.setEnabled(self._merging is not None)
        if self._merging is None:
            self.edit_both.setToolTip(self.tr("Only one line's text can be merged by hand"))
        buttons = QHBoxLayout()
        for button in (self.keep_mine, self.keep_theirs, self.edit_both, self.save_merged):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        for widget in (intro, legend, self.list, self.editor, self.problem):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        self.keep_theirs.setDefault(True)
        self.resize(560, 320)

    def _button(self, name: str, text: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def _diff_model(self) -> QStandardItemModel:
        model = QStandardItemModel(self)
        names = {
            "text": self.tr("Text"),
            "times": self.tr("Times"),
            "speaker": self.tr("Speaker"),
        }
        for row in self.rows:
            item = QStandardItem()
            item.setData(format_clock(row.start_ms), TimeTextRole)
            label = f"<b>{names[row.field]}:</b> "
            item.setData(label + diff_html(row.theirs, row.yours, self.palette()), DiffHtmlRole)
            item.setToolTip(
                before_after_tip(row.theirs, row.yours).replace(
                    "\u2192", self.tr("theirs \u2192 yours")
                )
            )
            model.appendRow(item)
        return model

    # -- the choices ---------------------------------------------------------------------------
    def _mine(self) -> None:
        self.resolution = Resolution(Choice.MINE)
        self.accept()

    def _theirs(self) -> None:
        self.resolution = Resolution(Choice.THEIRS)
        self.accept()

    def _open_editor(self) -> None:
        if self._merging is None:
            return
        self.editor.setPlainText(f"{self._merging.theirs}\n{self._merging.yours}")
        self.editor.show()
        self.save_merged.show()
        self.save_merged.setDefault(True)
        self.edit_both.setEnabled(False)
        self.editor.setFocus()

    def _save(self) -> None:
        text = " ".join(self.editor.toPlainText().split())
        if not text:
            self.problem.setText(self.tr("A line needs some text: keep theirs or keep mine"))
            self.problem.show()
            return
        self.resolution = Resolution(Choice.BOTH, text)
        self.accept()

    def reject(self) -> None:  # Escape, the close box: the library stays as it is
        self.resolution = Resolution(Choice.THEIRS)
        super().reject()


def ask_in_dialog(parent: QWidget) -> Ask:
    """An Ask (app.ui.editing.conflicts) that shows the dialog over ``parent`` and waits."""

    def ask(_err: ConflictError, rows: Sequence[ConflictRow]) -> Resolution:
        dialog = ConflictDialog(rows, parent)
        dialog.exec()
        resolution = dialog.resolution
        dialog.deleteLater()
        return resolution

    return ask
