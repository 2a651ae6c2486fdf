"""Typing times: a line's start and end as H:MM:SS.mmm, and "shift every line from here by…".

The dialogs only read and check what is typed; the change itself goes through EditSession, so
it is saved and undoable like every edit. OK stays disabled while the text cannot be read, with
the reason under the fields.
"""

from __future__ import annotations

import re

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.editing import check_times
from app.core.timecode import format_hms, parse_stamp
from app.core.transcript import Line
from app.ui.editing.edit_session import EditSession
from app.ui.review.commands import counted

__all__ = ["ShiftDialog", "TimesDialog", "edit_times", "parse_offset", "shift_from_here"]

_SECONDS = re.compile(r"^\s*(?P<sign>[+-]?)\s*(?P<value>\d+(?:[.,]\d{1,3})?)\s*s?\s*$")
_SIGNED = re.compile(r"^\s*(?P<sign>[+-]?)\s*(?P<stamp>\d.*)$")


def parse_offset(text: str) -> int:
    """A signed offset in ms from "+1.5", "-0.250 s", "-0:01.200" or "+1:02:03.5".

    ValueError (with a message) for anything else or for nothing at all.
    """
    seconds = _SECONDS.match(text)
    if seconds is not None:
        value = round(float(seconds["value"].replace(",", ".")) * 1000)
        return -value if seconds["sign"] == "-" else value
    signed = _SIGNED.match(text)
    if signed is None:
        raise ValueError("Type an offset such as +1.5 (seconds) or -0:01.200")
    value = parse_stamp(signed["stamp"])
    return -value if signed["sign"] == "-" else value


class _Dialog(QDialog):
    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.problem = QLabel()
        self.problem.setObjectName("timeProblem")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def _field(self, label: str, text: str, name: str) -> QLineEdit:
        field = QLineEdit(text)
        field.setObjectName(name)
        field.setAccessibleName(label.replace("&", ""))
        field.textChanged.connect(self._check)
        self.form.addRow(label, field)
        return field

    def _show_problem(self, problem: str) -> None:
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problem)

    def _check(self) -> None:
        raise NotImplementedError


class TimesDialog(_Dialog):
    """A line's start and end, typed."""

    def __init__(self, line: Line, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Line Times"), parent)
        self.setObjectName("timesDialog")
        self.start = self._field(self.tr("&Start:"), format_hms(line.start_ms), "startField")
        self.end = self._field(self.tr("&End:"), format_hms(line.end_ms), "endField")
        for field in (self.start, self.end):
            field.setPlaceholderText("H:MM:SS.mmm")
        self.start.selectAll()
        self._check()

    def times(self) -> tuple[int, int]:
        """(start, end) in ms; ValueError when they cannot be read or are out of order."""
        start, end = parse_stamp(self.start.text()), parse_stamp(self.end.text())
        check_times(start, end)
        if end == start:
            raise ValueError("The end must come after the start")
        return start, end

    def _check(self) -> None:
        try:
            self.times()
        except ValueError as err:
            self._show_problem(str(err))
        else:
            self._show_problem("")


class ShiftDialog(_Dialog):
    """How far to move a line and every line after it."""

    def __init__(self, line: Line, count: int, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Shift Lines"), parent)
        self.setObjectName("shiftDialog")
        self._line = line
        intro = QLabel(
            counted(
                count - 1,
                self.tr("Move this line and the line after it by:"),
                self.tr("Move this line and the %1 lines after it by:"),
            )
            if count > 1
            else self.tr("Move this last line by:")
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.offset = self._field(self.tr("&Offset:"), "+0.000", "offsetField")
        self.offset.setPlaceholderText(self.tr("+1.5 or -0:01.200"))
        self.offset.selectAll()
        self.preview = QLabel()
        self.preview.setObjectName("shiftPreview")
        self.form.addRow(self.preview)
        self._check()

    def offset_ms(self) -> int:
        offset = parse_offset(self.offset.text())
        if self._line.start_ms + offset < 0:
            raise ValueError("That would move the line before the start of the media")
        return offset

    def _check(self) -> None:
        try:
            offset = self.offset_ms()
        except ValueError as err:
            self.preview.clear()
            self._show_problem(str(err))
            return
        self.preview.setText(
            self.tr("This line will start at %1").replace(
                "%1", format_hms(self._line.start_ms + offset)
            )
        )
        self._show_problem("" if offset else self.tr("Type how far to move the lines"))


def edit_times(parent: QWidget, session: EditSession, row: int) -> bool:
    """Ask for the line's times and set them (one undo step); False when cancelled or refused."""
    if not 0 <= row < session.model.rowCount():
        return False
    dialog = TimesDialog(session.model.line(row), parent)
    if not dialog.exec():
        return False
    start, end = dialog.times()
    return session.set_times(row, start, end)


def shift_from_here(parent: QWidget, session: EditSession, row: int) -> bool:
    """Ask for an offset and move the line and all after it (one undo step)."""
    count = session.model.rowCount()
    if not 0 <= row < count:
        return False
    dialog = ShiftDialog(session.model.line(row), count - row, parent)
    if not dialog.exec():
        return False
    return session.shift_from(row, dialog.offset_ms())
