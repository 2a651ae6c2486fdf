"""The find-and-filter bar above the transcript: a search box and the review filters.

Every keystroke and every choice emits ``filterChanged`` at once, with no debounce: filtering
100k lines takes a few milliseconds (bench/bench_search.py), less than a key repeat. Esc in the
search box clears the text; a second Esc (the box already empty) clears the other filters too.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.search import LineFilter

__all__ = ["SearchBar"]


class SearchBar(QWidget):
    filterChanged = Signal(LineFilter)
    hitRequested = Signal(int)  # Enter: +1 (next hit), Shift+Enter: -1 (previous)
    listRequested = Signal()  # Down: into the transcript, at the first hit

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchBar")
        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText(self.tr("Search transcript (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search transcript"))
        self.search.setToolTip(
            self.tr(
                "Shows only the lines containing this text, whatever its "
                "case and accents. Esc clears."
            )
        )
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(self.fontMetrics().horizontalAdvance("x" * 20))
        self.search.installEventFilter(self)

        self.status = self._combo(
            "statusFilter",
            self.tr("Filter by status"),
            [
                (self.tr("Any status"), None),
                (self.tr("Unreviewed"), "unreviewed"),
                (self.tr("Approved"), "approved"),
                (self.tr("Flagged"), "flagged"),
            ],
        )
        self.tag = self._combo(
            "tagFilter", self.tr("Filter by highlight tag"), [(self.tr("Any tag"), None)]
        )
        self.speaker = self._combo(
            "speakerFilter", self.tr("Filter by speaker"), [(self.tr("Any speaker"), None)]
        )
        self.notes = QToolButton()
        self.notes.setObjectName("notesFilter")
        self.notes.setText(self.tr("Has notes"))
        self.notes.setCheckable(True)
        self.notes.setAccessibleName(self.tr("Only lines with notes"))
        self.notes.setToolTip(self.tr("Show only the lines that have notes"))
        self.notes.toggled.connect(self._emit)

        self.count = QLabel()
        self.count.setObjectName("filterCount")
        self.count.setAccessibleName(self.tr("Lines shown"))
        self.count.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        # Two rows, so the bar fits the transcript pane of a half-width window.
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.count)
        filters = QHBoxLayout()
        for widget in (self.status, self.tag, self.speaker, self.notes):
            filters.addWidget(widget)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addLayout(filters)
        self.search.textChanged.connect(self._emit)
        self.set_count(0, 0)

    def _combo(self, name: str, accessible: str, items: list[tuple[str, str | None]]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        combo.setToolTip(accessible)
        # A fixed, modest width whatever the names: long ones elide, the list shows them whole.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(7)
        combo.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        for text, data in items:
            combo.addItem(text, data)
        combo.currentIndexChanged.connect(self._emit)
        return combo

    # -- what the window feeds in ------------------------------------------------------------
    def set_tags(self, names: Iterable[str]) -> None:
        self._refill(self.tag, names)

    def set_speakers(self, names: Iterable[str]) -> None:
        self._refill(self.speaker, names)

    def _refill(self, combo: QComboBox, names: Iterable[str]) -> None:
        """Replace the choices after "Any", keeping the chosen one if it is still there."""
        chosen = combo.currentData()
        combo.blockSignals(True)
        try:
            while combo.count() > 1:
                combo.removeItem(1)
            for name in dict.fromkeys(names):
                combo.addItem(name, name)
            found = combo.findData(chosen) if chosen is not None else 0
            combo.setCurrentIndex(max(found, 0))
        finally:
            combo.blockSignals(False)
        if chosen is not None and combo.currentData() != chosen:
            self._emit()  # the chosen one is gone: the filter widened

    def set_count(self, shown: int, total: int) -> None:
        """ "123 of 4,567 lines" while filtering, "4,567 lines" when not."""
        locale = QLocale()
        if shown == total:
            text = self.tr("%1 line") if total == 1 else self.tr("%1 lines", "count", total)
        else:
            text = self.tr("%1 of %2 lines", "count", total)
        self.count.setText(
            text.replace("%1", locale.toString(shown)).replace("%2", locale.toString(total))
        )
        # Room for the longest count of this transcript, so typing never shifts the search box.
        widest = (
            self.tr("%1 of %2 lines", "count", total)
            .replace("%1", locale.toString(total))
            .replace("%2", locale.toString(total))
        )
        self.count.setMinimumWidth(self.count.fontMetrics().horizontalAdvance(widest) + 4)

    # -- what it gives out -------------------------------------------------------------------
    def current_filter(self) -> LineFilter:
        return LineFilter(
            text=self.search.text(),
            status=self.status.currentData(),
            has_notes=self.notes.isChecked(),
            tag=self.tag.currentData(),
            speaker=self.speaker.currentData(),
        )

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def clear(self) -> None:
        """Every filter back to "any", with one filterChanged."""
        widgets: tuple[QWidget, ...] = (
            self.search,
            self.status,
            self.tag,
            self.speaker,
            self.notes,
        )
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.search.clear()
            for combo in (self.status, self.tag, self.speaker):
                combo.setCurrentIndex(0)
            self.notes.setChecked(False)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self._emit()

    def _emit(self, *_args: object) -> None:
        self.filterChanged.emit(self.current_filter())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and self._navigate(event)
        ):
            return True
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            if self.search.text():
                self.search.clear()
            elif not self.current_filter().is_empty():
                self.clear()
            else:
                return False  # nothing to clear: the Esc is someone else's
            return True
        return super().eventFilter(watched, event)

    def _navigate(self, event: QKeyEvent) -> bool:
        """The keyboard path from the search to its hits, as in a browser's find bar."""
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if mods == Qt.KeyboardModifier.NoModifier:
                self.hitRequested.emit(1)
                return True
            if mods == Qt.KeyboardModifier.ShiftModifier:
                self.hitRequested.emit(-1)
                return True
        if event.key() == Qt.Key.Key_Down and mods == Qt.KeyboardModifier.NoModifier:
            self.listRequested.emit()
            return True
        return False
