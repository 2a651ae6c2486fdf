"""The issues of the timing checks as a table (kind, time, issue), with each kind's name, colour
and icon; kinds can be filtered out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from app.core.checks import KINDS, Issue
from app.core.timecode import format_clock, format_hms
from app.ui.widgets.list_model import ListModel

__all__ = ["KIND_COLOURS", "IssuesModel", "kind_icon"]

#: One colour per kind, strong enough to read on light and dark bases.
KIND_COLOURS: dict[str, str] = {
    "overlap": "#d93025",
    "order": "#9c27b0",
    "past_end": "#8d6e63",
    "gap": "#1a73e8",
    "reading_speed": "#e8710a",
    "zero_length": "#7f8c8d",
    "row_length": "#00897b",
    "rows": "#c2185b",
    "too_long": "#2e7d32",
    "gap_small": "#0097a7",
    "audio_disagrees": "#1e88e5",
    "over_silence": "#5e35b1",
    "speech_without_line": "#ad1457",
    "repeated_text": "#6d4c41",
}


def kind_icon(kind: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(KIND_COLOURS.get(kind, "#808080")))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


class IssuesModel(ListModel[Issue]):
    """The issues of the last run, less the kinds filtered out."""

    KIND, TIME, MESSAGE = range(3)

    def __init__(self, parent: QObject | None = None) -> None:
        titles = (self.tr("Kind"), self.tr("Time"), self.tr("Issue"))
        super().__init__(titles, parent, alignments={self.TIME: Qt.AlignmentFlag.AlignCenter})
        self._all: list[Issue] = []
        self._hidden: set[str] = set()
        self._with_hours = False
        self._names = {
            "overlap": self.tr("Overlap"),
            "order": self.tr("Order"),
            "past_end": self.tr("Past end"),
            "gap": self.tr("Gap"),
            "reading_speed": self.tr("Too fast"),
            "zero_length": self.tr("Too short"),
            "row_length": self.tr("Row too long"),
            "rows": self.tr("Too many rows"),
            "too_long": self.tr("Too long on screen"),
            "gap_small": self.tr("Gap too small"),
            "audio_disagrees": self.tr("Audio disagrees"),
            "over_silence": self.tr("Over silence"),
            "speech_without_line": self.tr("Speech, no line"),
            "repeated_text": self.tr("Repeated text"),
        }
        self._icons = {kind: kind_icon(kind) for kind in KINDS}

    def kind_name(self, kind: str) -> str:
        return self._names.get(kind, kind)

    def set_issues(self, issues: list[Issue]) -> None:
        self._all = issues
        self._with_hours = any(issue.start_ms >= 3_600_000 for issue in issues[-1:])
        self.set_rows(self._filtered())

    def set_hidden_kinds(self, kinds: set[str]) -> None:
        if kinds == self._hidden:
            return
        self._hidden = set(kinds)
        self.set_rows(self._filtered())

    def hidden_kinds(self) -> set[str]:
        return set(self._hidden)

    def _filtered(self) -> list[Issue]:
        hidden = self._hidden
        return [i for i in self._all if i.kind not in hidden] if hidden else self._all

    def all_issues(self) -> Sequence[Issue]:
        return self._all

    def issue(self, row: int) -> Issue:
        return self.row(row)

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = dict.fromkeys(KINDS, 0)
        for issue in self._all:
            counts[issue.kind] += 1
        return counts

    def count_text(self, kind: str, n: int) -> str:
        """ "1 overlap", "12 overlaps": the summary's words for ``n`` issues of ``kind``."""
        one, many = {
            "overlap": (self.tr("1 overlap"), self.tr("%1 overlaps")),
            "order": (self.tr("1 out of order"), self.tr("%1 out of order")),
            "past_end": (self.tr("1 past the end"), self.tr("%1 past the end")),
            "gap": (self.tr("1 long gap"), self.tr("%1 long gaps")),
            "reading_speed": (self.tr("1 too fast"), self.tr("%1 too fast")),
            "zero_length": (self.tr("1 too short"), self.tr("%1 too short")),
            "row_length": (self.tr("1 row too long"), self.tr("%1 rows too long")),
            "rows": (self.tr("1 with too many rows"), self.tr("%1 with too many rows")),
            "too_long": (self.tr("1 too long on screen"), self.tr("%1 too long on screen")),
            "gap_small": (self.tr("1 gap too small"), self.tr("%1 gaps too small")),
            "audio_disagrees": (
                self.tr("1 line unlike the audio"),
                self.tr("%1 lines unlike the audio"),
            ),
            "over_silence": (self.tr("1 over silence"), self.tr("%1 over silence")),
            "speech_without_line": (self.tr("1 speech, no line"), self.tr("%1 speech, no line")),
            "repeated_text": (self.tr("1 repeated"), self.tr("%1 repeated")),
        }[kind]
        return one if n == 1 else many.replace("%1", f"{n:,}")

    def display(self, item: Issue, column: int) -> str:
        if column == self.KIND:
            return self.kind_name(item.kind)
        if column == self.TIME:
            return format_clock(item.start_ms, with_hours=self._with_hours)
        return item.message

    def tooltip(self, item: Issue, column: int) -> str:
        return f"{format_hms(item.start_ms)} \u00b7 {self.kind_name(item.kind)}\n{item.message}"

    def role_data(self, item: Issue, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DecorationRole and column == self.KIND:
            return self._icons.get(item.kind)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == self.TIME:
            return format_hms(item.start_ms)
        return None
