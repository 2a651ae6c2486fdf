"""Every note of the open project in one table: time, line, author, note and its thread's state
(replies under their note, "Resolved by Ana 10:42"), with a filter "Open notes" that leaves out
resolved threads and a combo for one author's notes (the authors present, and All); a click or
Enter on a row jumps to its line (the window seeks the video on ``noteActivated``).

Built from the shown lines (all notes are in memory already), not from the database: 10k notes
take a few milliseconds. Changes only mark the table stale; it is rebuilt once per event-loop
turn while visible, or when it is next shown, so a hidden dock costs nothing.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.core.threads import threads_of
from app.core.timecode import format_clock, format_hms
from app.core.transcript import Note
from app.ui.review.note_threads import resolved_text
from app.ui.review.notes_panel import excerpt, local_time
from app.ui.review.review_session import ReviewSession
from app.ui.transcript.transcript_model import LineIdRole
from app.ui.widgets.list_model import ListModel, RefreshWhenShown
from app.ui.widgets.list_table import configure_list_table, on_row_chosen

__all__ = ["AllNotesModel", "AllNotesView", "NoteIdRole"]

NoteIdRole = Qt.ItemDataRole.UserRole + 10


class _Row(NamedTuple):
    line_id: int
    start_ms: int
    line_text: str
    author: str
    body: str
    created_at: str
    note_id: int | None
    state: str  # "Open", "Resolved by Ana 10:42"
    reply: bool


class AllNotesModel(ListModel[_Row]):
    TIME, LINE, AUTHOR, NOTE, STATE = range(5)

    def __init__(self, session: ReviewSession, parent: QObject | None = None) -> None:
        titles = (
            self.tr("Time"),
            self.tr("Line"),
            self.tr("Author"),
            self.tr("Note"),
            self.tr("State"),
        )
        super().__init__(titles, parent, alignments={self.TIME: Qt.AlignmentFlag.AlignCenter})
        self.session = session
        self._with_hours = False
        #: Whose notes are shown (None: everyone's), and every author the project's notes have.
        self.author: str | None = None
        self.authors: list[str] = []
        self._open_only = False
        self._freshness = RefreshWhenShown(self.refresh, 0, self)
        session.lineChanged.connect(self.mark_dirty)
        session.model.modelReset.connect(self.mark_dirty)

    def mark_dirty(self) -> None:
        self._freshness.mark_stale()

    @property
    def open_only(self) -> bool:
        return self._open_only

    def set_open_only(self, open_only: bool) -> None:
        """Leave out resolved threads (the "Open notes" filter), or show every note again."""
        if open_only != self._open_only:
            self._open_only = open_only
            self.mark_dirty()
            self.refresh()

    def set_live(self, live: bool) -> None:
        """While live (shown), changes are applied at once; otherwise on the next refresh."""
        self._freshness.set_shown(live)

    def show_author(self, author: str | None) -> None:
        """Only this author's notes from now on (None: everyone's)."""
        if author != self.author:
            self.author = author
            self._freshness.mark_stale()
            self.refresh()

    def refresh(self) -> None:
        """Rebuild from the shown lines if anything changed since the last build."""
        if not self._freshness.take():
            return
        rows: list[_Row] = []
        append = rows.append
        open_text, tr = self.tr("Open"), self.tr
        for line in self.session.model.lines():
            if line.notes and line.id is not None:
                if all(n.parent_id is None and n.resolved_at is None for n in line.notes):
                    threads = None  # the common case: no replies, nothing resolved
                else:
                    threads = threads_of(line.notes)
                for thread_notes, state in self._threads(line.notes, threads, open_text, tr):
                    for note in thread_notes:
                        append(
                            _Row(
                                line.id,
                                line.start_ms,
                                line.text,
                                note.author,
                                note.body,
                                note.created_at,
                                note.id,
                                state,
                                note.parent_id is not None and note is not thread_notes[0],
                            )
                        )
        self._with_hours = bool(rows) and rows[-1].start_ms >= 3_600_000
        self.authors = sorted({row.author for row in rows}, key=str.casefold)
        if self.author is not None:
            rows = [row for row in rows if row.author == self.author]
        self.set_rows(rows)

    def _threads(
        self, notes: list[Note], threads: Any, open_text: str, tr: Any
    ) -> list[tuple[list[Note], str]]:
        if threads is None:
            return [([note], open_text) for note in notes]
        return [
            (thread.notes, resolved_text(tr, thread.first) if thread.resolved else open_text)
            for thread in threads
            if not (self._open_only and thread.resolved)
        ]

    def display(self, item: _Row, column: int) -> str:
        if column == self.TIME:
            return format_clock(item.start_ms, with_hours=self._with_hours)
        if column == self.LINE:
            return excerpt(item.line_text, 60)
        if column == self.AUTHOR:
            return item.author
        if column == self.STATE:
            return item.state
        body = " ".join(item.body.split())  # one row each: newlines would be cut off
        return "\u21b3 " + body if item.reply else body

    def tooltip(self, item: _Row, column: int) -> str:
        if column == self.NOTE:
            return f"{item.author} · {local_time(item.created_at)}\n\n{item.body}"
        if column == self.LINE:
            return item.line_text
        return format_hms(item.start_ms)

    def role_data(self, item: _Row, column: int, role: int) -> Any:
        if role == LineIdRole:
            return item.line_id
        if role == NoteIdRole:
            return item.note_id
        return None


class AllNotesView(QWidget):
    """The table and a count; ``noteActivated(line_id)`` on a click or Enter."""

    noteActivated = Signal(int)

    def __init__(self, session: ReviewSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("allNotes")
        self.setAccessibleName(self.tr("All notes"))
        self.model = AllNotesModel(session, self)
        self.open_only = QCheckBox(self.tr("&Open notes"), self)
        self.open_only.setObjectName("allNotesOpenOnly")
        self.open_only.setToolTip(self.tr("Show only the threads nobody has resolved"))
        self.open_only.toggled.connect(self.model.set_open_only)
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName(self.tr("Number of notes"))
        self.author_combo = QComboBox(self)
        self.author_combo.setObjectName("notesAuthor")
        self.author_combo.setAccessibleName(self.tr("Show the notes of"))
        self.author_combo.addItem(self.tr("All authors"), None)
        # A long name must not widen the dock (and with it the window's least width).
        self.author_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.author_combo.setMinimumContentsLength(8)
        self.author_combo.activated.connect(self._author_chosen)
        author_label = QLabel(self.tr("&Author:"), self)
        author_label.setBuddy(self.author_combo)
        self.table = QTableView(self)
        self.table.setAccessibleName(self.tr("All notes"))
        self.table.setModel(self.model)
        configure_list_table(self.table)
        columns = self.table.horizontalHeader()
        metrics = self.fontMetrics()
        columns.setSectionResizeMode(AllNotesModel.TIME, QHeaderView.ResizeMode.Fixed)
        columns.resizeSection(AllNotesModel.TIME, metrics.horizontalAdvance("0:00:00") + 20)
        columns.resizeSection(AllNotesModel.LINE, metrics.horizontalAdvance("m" * 16))
        columns.resizeSection(AllNotesModel.AUTHOR, metrics.horizontalAdvance("m" * 7))
        columns.resizeSection(AllNotesModel.STATE, metrics.horizontalAdvance("m" * 12))
        columns.setSectionResizeMode(AllNotesModel.NOTE, QHeaderView.ResizeMode.Stretch)
        on_row_chosen(self.table, self._activate)
        self.model.modelAboutToBeReset.connect(self._remember)
        self.model.modelReset.connect(self._restore)
        self._kept: int | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 0)
        bar.addWidget(author_label)
        bar.addWidget(self.author_combo, 1)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.open_only)
        layout.addLayout(bottom)
        self.count_label.setContentsMargins(6, 2, 6, 4)
        self._update_count()

    def _activate(self, index: QModelIndex | QPersistentModelIndex) -> None:
        line_id = index.data(LineIdRole) if index.isValid() else None
        if line_id is not None:
            self.noteActivated.emit(int(line_id))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.model.set_live(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.model.set_live(False)

    def _remember(self) -> None:
        current = self.table.currentIndex()
        self._kept = current.data(NoteIdRole) if current.isValid() else None

    def _author_chosen(self, index: int) -> None:
        chosen = self.author_combo.itemData(index)
        self.model.show_author(None if chosen is None else str(chosen))

    def _fill_authors(self) -> None:
        """The combo's authors as the notes have them now, the chosen one kept (even when its
        last note is gone: the empty list says so)."""
        names = list(self.model.authors)
        if self.model.author is not None and self.model.author not in names:
            names.append(self.model.author)
        shown = [self.author_combo.itemData(i) for i in range(1, self.author_combo.count())]
        if shown != names:
            self.author_combo.blockSignals(True)
            while self.author_combo.count() > 1:
                self.author_combo.removeItem(1)
            for name in names:
                self.author_combo.addItem(name or self.tr("(no author)"), name)
            self.author_combo.blockSignals(False)
        author = self.model.author
        chosen = 0 if author is None else self.author_combo.findData(author)
        self.author_combo.setCurrentIndex(max(chosen, 0))

    def _restore(self) -> None:
        self._fill_authors()
        self._update_count()
        if self._kept is None:
            return
        for row in range(self.model.rowCount()):
            if self.model.row(row).note_id == self._kept:
                self.table.selectRow(row)
                break

    def _update_count(self) -> None:
        count = self.model.rowCount()
        text = self.tr("1 note") if count == 1 else self.tr("%1 notes").replace("%1", str(count))
        self.count_label.setText(text)
