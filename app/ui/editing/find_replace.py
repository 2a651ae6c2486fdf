"""Find and replace across the whole transcript: plain text or a regular expression, whole words,
match case; a live count and a preview of the first lines it would change, then one Replace All
that the session pushes as a single undo step.

The count runs over every shown line (the filter does not narrow it) a moment after the last
keystroke, so typing stays smooth on 100k lines. The dialog is not modal: the transcript stays
usable, and "Find Next" asks the window to select the next matching line (``findNext``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShowEvent, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.editing import compile_find, replace_in_text
from app.ui.editing.changes_view import (
    SourceRowRole,
    diff_colours,
    text_changed,
)
from app.ui.editing.replace_preview import (
    AfterRole,
    BeforeRole,
    preview_item,
    preview_list,
    preview_rows,
)

if TYPE_CHECKING:
    from app.ui.editing.edit_session import EditSession

__all__ = ["PREVIEW_LIMIT", "AfterRole", "BeforeRole", "FindReplaceDialog"]

PREVIEW_LIMIT = 200
DEBOUNCE_MS = 150
#: What a bad replacement template raises from re.sub ("\\3" with two groups, a lone "\\").
_BAD_REPLACEMENT = (re.error, ValueError, IndexError)


def _plural(count: int, one: str, many: str) -> str:
    return one if count == 1 else many.replace("%1", f"{count:,}")


class FindReplaceDialog(QDialog):
    findNext = Signal(int)  # source row of the next matching line, for the window to select
    replaced = Signal(int, int)  # replacements, lines: for the window's status bar

    def __init__(
        self,
        session: EditSession,
        parent: QWidget | None = None,
        current_row: Callable[[], int | None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("findReplaceDialog")
        self.setWindowTitle(self.tr("Find and Replace"))
        self.setAccessibleName(self.tr("Find and replace"))
        self.setModal(False)
        self.session = session
        self.model = session.model
        self._current_row = current_row
        self._last_found: int | None = None
        self.matches = 0
        self.matching_lines: list[int] = []
        self._valid = False
        # What the last Replace All left: (query, matching lines' texts). While both still hold,
        # it is not offered again (a replacement that contains its find text would repeat).
        self._spent: tuple[object, object] | None = None

        self.find_edit = QLineEdit()
        self.find_edit.setObjectName("findText")
        self.find_edit.setAccessibleName(self.tr("Find"))
        self.find_edit.setClearButtonEnabled(True)
        self.replace_edit = QLineEdit()
        self.replace_edit.setObjectName("replaceText")
        self.replace_edit.setAccessibleName(self.tr("Replace with"))
        self.replace_edit.setClearButtonEnabled(True)
        self.regex_box = QCheckBox(self.tr("Regular e&xpression"))
        self.words_box = QCheckBox(self.tr("&Whole words"))
        self.case_box = QCheckBox(self.tr("Match &case"))
        self.regex_box.setToolTip(
            self.tr("Python regular expression; in the replacement, \\1 or \\g<name> is a group")
        )
        self.count_label = QLabel()
        self.count_label.setAccessibleName(self.tr("Matches"))
        self.error_label = QLabel()
        self.error_label.setObjectName("findError")
        self.error_label.setAccessibleName(self.tr("Problem"))
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setStyleSheet(f"color: {diff_colours()[0].name()};")
        self.error_label.hide()
        self.result_label = QLabel()
        self.result_label.setObjectName("replaceResult")
        self.result_label.setAccessibleName(self.tr("Result"))
        self.result_label.hide()

        self.preview_model = QStandardItemModel(self)
        self.preview = preview_list(self.preview_model, self.tr("Preview of the changed lines"))
        self.preview.clicked.connect(self._preview_clicked)
        self.preview_label = QLabel(self.tr("Preview"))
        self.preview_label.setBuddy(self.preview)

        self.find_next_button = QPushButton(self.tr("Find &Next"))
        self.find_next_button.setDefault(True)
        self.find_next_button.clicked.connect(self.find_next)
        self.replace_button = QPushButton(self.tr("&Replace"))
        self.replace_button.setAutoDefault(False)
        self.replace_button.setToolTip(self.tr("Replace in the line found, then find the next one"))
        self.replace_button.clicked.connect(self.replace_one)
        self.replace_all_button = QPushButton(self.tr("Replace &All"))
        self.replace_all_button.setAutoDefault(False)
        self.replace_all_button.clicked.connect(self.replace_all)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.find_next_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.replace_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.replace_all_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("&Find:"), self.find_edit)
        form.addRow(self.tr("Re&place with:"), self.replace_edit)
        options = QHBoxLayout()
        for box in (self.regex_box, self.words_box, self.case_box):
            options.addWidget(box)
        options.addStretch(1)
        form.addRow("", options)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.count_label)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.result_label)
        layout.addWidget(buttons)
        self.resize(640, 460)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.recount)
        for edit in (self.find_edit, self.replace_edit):
            edit.textEdited.connect(self._edited)
        for box in (self.regex_box, self.words_box, self.case_box):
            box.toggled.connect(self._edited)
        # The transcript changed (a replace, an undo, an edit): count again, once.
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.rowsRemoved):
            signal.connect(self._model_changed)
        self.model.dataChanged.connect(self._data_changed)
        self.recount()

    # -- options ---------------------------------------------------------------------------
    def flags(self) -> dict[str, bool]:
        return {
            "regex": self.regex_box.isChecked(),
            "whole_words": self.words_box.isChecked(),
            "case": self.case_box.isChecked(),
        }

    def set_find_text(self, text: str) -> None:
        """Start from ``text`` (the window passes the selected words or the search bar's)."""
        self.find_edit.setText(text)
        self.find_edit.selectAll()
        self._edited()

    def _edited(self, *_args: object) -> None:
        self.result_label.hide()
        self._last_found = None
        self._timer.start()

    def _model_changed(self, *_args: object) -> None:
        if self.isVisible():
            self._timer.start()

    def _data_changed(self, _top: object, _bottom: object, roles: Sequence[int] = ()) -> None:
        if text_changed(roles):  # not the playing line moving on, 25 times a second
            self._model_changed()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.recount()  # the transcript may have changed while the dialog was closed

    # -- counting --------------------------------------------------------------------------
    def _problem(self, message: str | None) -> None:
        self.error_label.setText(message or "")
        self.error_label.setVisible(bool(message))

    def recount(self) -> None:
        """Count matches over every line and fill the preview; say what is wrong, if anything."""
        self._timer.stop()
        self.preview_model.clear()
        self.matches, self.matching_lines, self._valid = 0, [], False
        text = self.find_edit.text()
        pattern = None
        if text:
            try:
                pattern = compile_find(text, **self.flags())
            except ValueError as err:  # its message is written for the user already
                self._problem(str(err))
        if pattern is None:
            if not text:
                self._problem(None)
            self.count_label.setText("")
            self._update_buttons()
            return
        self._problem(None)
        search, finditer = pattern.search, pattern.finditer
        lines = self.model.lines()
        for row, line in enumerate(lines):
            if search(line.text) is not None:
                self.matching_lines.append(row)
                self.matches += sum(1 for _ in finditer(line.text))
        self._valid = self._fill_preview(text)
        if self.matches:
            count = _plural(self.matches, self.tr("1 match"), self.tr("%1 matches"))
            where = _plural(len(self.matching_lines), self.tr("in 1 line"), self.tr("in %1 lines"))
            self.count_label.setText(f"{count} {where}")
        else:
            self.count_label.setText(self.tr("No matches"))
        self._update_buttons()

    def _fill_preview(self, text: str) -> bool:
        """The first PREVIEW_LIMIT lines before -> after; False when the replacement is bad."""
        replacement = self.replace_edit.text()
        lines = self.model.lines()
        with_hours = bool(lines) and lines[-1].start_ms >= 3_600_000
        for row in self.matching_lines[:PREVIEW_LIMIT]:
            line = lines[row]
            try:
                after, _count = replace_in_text(line.text, text, replacement, **self.flags())
            except _BAD_REPLACEMENT as err:
                self.preview_model.clear()
                self._problem(str(err))
                return False
            self.preview_model.appendRow(preview_item(row, line, after, with_hours))
        shown = min(len(self.matching_lines), PREVIEW_LIMIT)
        if len(self.matching_lines) > shown:
            label = self.tr("Preview (the first %1 lines)").replace("%1", str(shown))
        else:
            label = self.tr("Preview")
        self.preview_label.setText(label)
        return True

    def _query(self) -> object:
        return (self.find_edit.text(), self.replace_edit.text(), tuple(self.flags().items()))

    def _state(self) -> object:
        lines = self.model.lines()
        return tuple((row, lines[row].text) for row in self.matching_lines)

    def _update_buttons(self) -> None:
        found = self._valid and self.matches > 0
        spent = self._spent is not None and self._spent == (self._query(), self._state())
        self.replace_all_button.setEnabled(found and not spent)
        self.replace_button.setEnabled(found and not spent)
        self.find_next_button.setEnabled(found)

    def preview_rows(self) -> list[tuple[int, str, str]]:
        """What the preview shows: (source row, before, after) per line."""
        return preview_rows(self.preview_model)

    # -- acting ----------------------------------------------------------------------------
    def find_next(self) -> int | None:
        """Emit ``findNext`` with the first matching line after the current one (wrapping)."""
        if self._timer.isActive():
            self.recount()
        if not self.matching_lines:
            return None
        start = self._current_row() if self._current_row is not None else None
        if start is None:
            start = self._last_found if self._last_found is not None else -1
        following = (row for row in self.matching_lines if row > start)
        row = next(following, self.matching_lines[0])
        self._last_found = row
        self.findNext.emit(row)
        return row

    def _preview_clicked(self, index: object) -> None:
        row = self.preview_model.data(index, SourceRowRole)  # type: ignore[arg-type]
        if row is not None:
            self._last_found = int(row)
            self.findNext.emit(int(row))

    def replace_one(self) -> int | None:
        """Replace the matches in the line found (one undo step), then find the next line; with
        no line found yet, only find it. Returns the line the dialog went on to."""
        if self._timer.isActive():
            self.recount()
        if not (self._valid and self.matches):
            return None
        row = self._current_row() if self._current_row is not None else self._last_found
        if row is None or row not in self.matching_lines:
            return self.find_next()
        text = self.model.line(row).text
        try:
            after, count = replace_in_text(
                text, self.find_edit.text(), self.replace_edit.text(), **self.flags()
            )
        except _BAD_REPLACEMENT as err:
            self._problem(str(err))
            return None
        if count and self.session.edit_text(row, after, self.tr("Replace")):
            self.replaced.emit(count, 1)
        self._last_found = row
        self.recount()
        return self.find_next()

    def replace_all(self) -> int:
        """Replace every match as one undo step; returns how many were replaced."""
        self.recount()  # what was counted is exactly what gets replaced
        if not (self._valid and self.matches):
            return 0
        lines = len(self.matching_lines)
        count = self.session.replace_all(
            self.find_edit.text(), self.replace_edit.text(), **self.flags()
        )
        if count:
            undo = QKeySequence(QKeySequence.StandardKey.Undo).toString(
                QKeySequence.SequenceFormat.NativeText
            )
            done = _plural(count, self.tr("Replaced 1"), self.tr("Replaced %1"))
            where = _plural(lines, self.tr("in 1 line"), self.tr("in %1 lines"))
            message = self.tr("%1 %2 \u2014 %3 to undo").replace("%1", done)
            self.result_label.setText(message.replace("%2", where).replace("%3", undo))
            self.replaced.emit(count, lines)
        else:
            self.result_label.setText(self.tr("Nothing was replaced"))
        self.result_label.show()
        self.recount()
        self._spent = (self._query(), self._state())
        self._update_buttons()
        return int(count or 0)
