"""The review commands as the user reaches them: keys, menu entries with their shortcuts.

Status keys act on every selected line; "Approve and Next" is the everyday flow of watching and
approving line after line. Single-letter keys are window shortcuts, which text fields override
while typing (a QLineEdit keeps its letters), so they never get in the way of a note.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMenu, QWidget

from app.core.search import next_row
from app.core.transcript import Line
from app.ui.review.done_rule_menu import DoneRuleMenu
from app.ui.review.review_session import ReviewSession
from app.ui.transcript.transcript_view import TranscriptView

__all__ = ["ReviewActions"]


class ReviewActions(QObject):
    message = Signal(str)  # for the status bar: "No flagged line"

    def __init__(
        self,
        window: QWidget,
        session: ReviewSession,
        undo: QUndoStack,
        view: TranscriptView,
        go_to_row: Callable[[int], None],
        jump_to_row: Callable[[int], None],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._session = session
        self._view = view
        self._go_to_row = go_to_row
        self._jump_to_row = jump_to_row
        self.undo = undo.createUndoAction(self, self.tr("&Undo"))
        self.undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo = undo.createRedoAction(self, self.tr("&Redo"))
        self.redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        for action in (self.undo, self.redo):
            window.addAction(action)
        self.approve = self._add(self.tr("&Approve"), "A", lambda: self.mark("approved"))
        self.flag = self._add(self.tr("&Flag (Needs a Fix)"), "F", lambda: self.mark("flagged"))
        self.unreview = self._add(self.tr("Mark &Unreviewed"), "U", lambda: self.mark("unreviewed"))
        self.approve_next = self._add(
            self.tr("Approve and &Next Line"), "Shift+A", self.approve_and_next
        )
        self.done_rule = DoneRuleMenu(session, window)

    def _add(self, text: str, keys: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        # Never pass triggered(bool)'s `checked` on to the command (see WindowMenus._action).
        action.triggered.connect(lambda _checked=False, run=slot: run())
        self._window.addAction(action)
        return action

    def add_navigation(
        self, text: str, keys: str, predicate: Callable[[Line], bool], none_left: str
    ) -> QAction:
        """A "Next flagged"-style jump: the next line after the current one that matches."""
        return self._add(text, keys, lambda: self.jump(predicate, none_left))

    def fill_menu(self, menu: QMenu) -> None:
        for action in (self.approve, self.approve_next, self.flag, self.unreview):
            menu.addAction(action)
        menu.addMenu(self.done_rule)

    def mark(self, status: str) -> None:
        rows = self._view.selected_rows()
        model = self._session.model
        ids = [model.line(row).id for row in rows]
        self._session.set_status([i for i in ids if i is not None], status)

    def approve_and_next(self) -> None:
        row = self._view.current_source_row()
        if row is None:
            return
        line_id = self._session.model.line(row).id
        if line_id is not None:
            self._session.set_status([line_id], "approved")
        if row + 1 < self._session.model.rowCount():
            self._go_to_row(row + 1)

    def jump(self, predicate: Callable[[Line], bool], none_left: str) -> None:
        lines = self._session.model.lines()
        start = self._view.current_source_row()
        # Within what the filtered view shows: "next flagged" while searching stays in the results.
        shown = self._view.proxy.source_rows() if self._view.proxy.is_filtered() else None
        row = next_row(lines, -1 if start is None else start, predicate, within=shown)
        if row is None:
            self.message.emit(none_left)
        else:
            self._jump_to_row(row)
