"""The transcript shown as a table or as reading text: the two views in one place, the checkable
View > Reading View that swaps them (Ctrl+Shift+R), and the choice kept between sessions.

Both show the same model with one cursor (the table's selection), so the review keys, the panels
and playback act on the same line whichever is shown. Editing a line's text is the table's: an
edit begun in the reading view shows the table until its editor closes.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QStackedWidget, QWidget

from app.ui.transcript.follow import FollowController
from app.ui.transcript.reading_view import ReadingView
from app.ui.transcript.table_words import TableWords
from app.ui.transcript.transcript_model import TranscriptModel
from app.ui.transcript.transcript_view import TranscriptView

__all__ = ["READING_KEY", "TranscriptViews"]

READING_KEY = "transcript/reading_view"


class TranscriptViews(QObject):
    def __init__(
        self,
        window: QWidget,
        model: TranscriptModel,
        table: TranscriptView,
        follow: FollowController,
    ) -> None:
        super().__init__(window)
        self.table = table
        self._follow = follow
        self.reading = ReadingView(model, table, follow)
        self.words = TableWords(model, table, follow, self)  # the spoken word, in the table too
        # A click or Enter in the reading view is the table's: seek, play, follow, as there.
        self.reading.lineActivated.connect(table.lineActivated)
        self.stack = QStackedWidget()
        self.stack.setObjectName("transcriptViews")
        self.stack.addWidget(table)
        self.stack.addWidget(self.reading)
        self.action = QAction(self.tr("&Reading View"), window)
        self.action.setObjectName("view.reading_view")
        self.action.setCheckable(True)
        self.action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.action.setToolTip(self.tr("The transcript as paragraphs by speaker, or as a table"))
        window.addAction(self.action)
        self._lent = False  # the table shows for an edit begun in the reading view
        self.action.setChecked(bool(QSettings().value(READING_KEY, False, type=bool)))
        self.set_reading(self.action.isChecked())
        self.action.toggled.connect(self.set_reading)

    def is_reading(self) -> bool:
        return self.stack.currentWidget() is self.reading

    def shown(self) -> QWidget:
        """The view showing now (the one to give the focus to)."""
        return self.reading if self.is_reading() else self.table

    def lend_table(self, *_row: object) -> None:
        """The line's text is being edited (F2, a double-click, a new line): that is the table's
        editor, so the table shows until it closes."""
        if self.is_reading():
            self._lent = True
            self.stack.setCurrentWidget(self.table)
            self.table.setFocusProxy(None)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def take_back(self, *_row: object) -> None:
        """The editor closed: back to the reading view if it lent the table."""
        if self._lent:
            self._lent = False
            self.set_reading(True)

    def set_reading(self, on: bool) -> None:
        focus = QApplication.focusWidget()
        had_focus = focus is not None and self.stack.isAncestorOf(focus)
        self.stack.setCurrentWidget(self.reading if on else self.table)
        # What gives the table the focus (a project opened, Down from the search, a dialog
        # closed) gives it to the reading view while that is the one shown.
        self.table.setFocusProxy(self.reading if on else None)
        self._follow.show_in(self.reading.is_row_visible if on else self.table.is_row_visible)
        if had_focus or self.stack.isVisible():
            self.shown().setFocus(Qt.FocusReason.OtherFocusReason)
        self.action.setChecked(on)
        QSettings().setValue(READING_KEY, on)
