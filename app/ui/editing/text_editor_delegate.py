"""Editing a line's text in place: the TEXT column keeps its highlighted drawing and gains an
editor (F2 or a double-click; Enter commits, Shift+Enter starts a new line, Esc cancels).

A commit goes to ``EditSession.edit_text``, so it is saved at once and undoable like any edit.
Enter without an editor open still seeks (TranscriptView): it is the transcript's "play this
line" key, and starting an edit on it would take that away.

While the editor is open the video keeps playing, unless the preference "pause while typing"
is on: ``PauseWhileTyping`` pauses when an editor opens and resumes when it closes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSettings,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QFrame,
    QPlainTextEdit,
    QStyleOptionViewItem,
    QWidget,
)

from app.player.base import Player
from app.ui.editing.edit_session import EditSession
from app.ui.transcript.text_delegate import HighlightDelegate, from_utf16, line_count
from app.ui.transcript.transcript_model import TranscriptModel
from app.ui.transcript.transcript_view import TranscriptView

if TYPE_CHECKING:
    from app.ui.editing.spell_highlighter import SpellService

__all__ = ["PAUSE_WHILE_TYPING_KEY", "PauseWhileTyping", "TextEditorDelegate"]

PAUSE_WHILE_TYPING_KEY = "editing/pause_while_typing"
EDITOR_LINES = 2  # the editor (and so its row) shows at least this many lines

_Index = QModelIndex | QPersistentModelIndex


def _source_row(index: _Index) -> int:
    model = index.model()
    if isinstance(model, QAbstractProxyModel):
        return model.mapToSource(model.index(index.row(), index.column())).row()
    return index.row()


class TextEditorDelegate(HighlightDelegate):
    """The TEXT column's delegate: highlights when drawn, a plain-text editor when edited."""

    editingStarted = Signal(int)  # source row
    editingFinished = Signal(int)  # source row (committed or cancelled)

    def __init__(self, session: EditSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: False when the login's role may not correct text (app.ui.window.role_gate).
        self.editable = True
        self.session = session
        self._view: TranscriptView | None = None
        self._editor: QPlainTextEdit | None = None
        self._row: int | None = None
        self._select_all = False
        self.spell: SpellService | None = None  # underlines and suggestions in the editor

    def misspelt(self, text: str) -> list[tuple[int, int]]:
        """The misspelt words of a row's text, underlined in the list as in the editor."""
        spell = self.spell
        if spell is None or not spell.checker.enabled:
            return []
        return spell.checker.misspelled(text)

    def install(self, view: TranscriptView) -> None:
        """Draw and edit ``view``'s TEXT column; a new line (insert) opens its editor."""
        self._view = view
        view.setItemDelegateForColumn(TranscriptModel.TEXT, self)
        view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        # F2 edits the line's text wherever the row's current cell is (the view's own edit key
        # would try the current cell, often the status column). A window action on F2, when
        # there is one, gets the key first and calls edit_current too.
        view.installEventFilter(self)
        self.session.editRequested.connect(lambda row: self.edit_row(row, select_all=True))

    # -- starting and asking ------------------------------------------------------------------
    def edit_row(self, row: int, *, select_all: bool = False) -> bool:
        """Open the editor on source ``row`` (made current and shown first)."""
        view = self._view
        if not self.editable or view is None or not 0 <= row < view.proxy.sourceModel().rowCount():
            return False
        shown = view.proxy.proxy_row(row)
        if shown is None:
            return False  # hidden by the filter
        index = view.proxy.index(shown, TranscriptModel.TEXT)
        view.setCurrentIndex(index)
        view.show_row(row)
        self._select_all = select_all
        view.setFocus()
        view.edit(index)
        return self._editor is not None

    def edit_current(self) -> bool:
        """Edit the view's current line (F2)."""
        row = None if self._view is None else self._view.current_source_row()
        return row is not None and self.edit_row(row)

    def is_editing(self) -> bool:
        return self._editor is not None

    def editing_state(self) -> tuple[int, str, int] | None:
        """(source row, the editor's text, the cursor as a python offset) while editing."""
        if self._editor is None or self._row is None:
            return None
        text = self._editor.toPlainText()
        return self._row, text, from_utf16(text, self._editor.textCursor().position())

    def commit_and_close(self) -> None:
        editor = self._editor
        if editor is not None:
            self.commitData.emit(editor)
            self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def split_at_cursor(self, at_ms: int | None) -> bool:
        """While editing: save the text, then split the line at the text cursor (False when no
        editor is open, for the caller to split at the playhead instead)."""
        state = self.editing_state()
        if state is None:
            return False
        row, _text, cursor = state
        self.commit_and_close()
        self.session.split(row, cursor, at_ms)
        return True

    # -- QStyledItemDelegate ------------------------------------------------------------------
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: _Index) -> QWidget:
        editor = QPlainTextEdit(parent)
        editor.setObjectName("inlineTextEditor")
        editor.setAccessibleName(self.tr("Line text"))
        editor.setFrameShape(QFrame.Shape.Box)
        editor.setTabChangesFocus(True)
        editor.setFont(option.font)
        editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        # The row grows with the text (never a scroll bar in a two-line box, never over the
        # next row): the height is asked for on every change.
        editor.textChanged.connect(lambda: self._fit(editor))
        if self.spell is not None:
            self.spell.install_menu(editor)
        self._editor = editor
        self._row = _source_row(index)
        self.editingStarted.emit(self._row)
        return editor

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        if not isinstance(editor, QPlainTextEdit):
            return
        text = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if editor.toPlainText() == text:
            return  # a repaint of the row while typing: keep the cursor where it is
        editor.setPlainText(text)
        cursor = editor.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.End)
        if self._select_all:
            cursor.movePosition(QTextCursor.MoveOperation.Start, QTextCursor.MoveMode.KeepAnchor)
            self._select_all = False
        editor.setTextCursor(cursor)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        if isinstance(editor, QPlainTextEdit):
            text = editor.toPlainText()
            if text != index.data(Qt.ItemDataRole.EditRole):
                self.session.edit_text(_source_row(index), text)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: _Index
    ) -> None:
        width_changed = editor.width() != option.rect.width()
        editor.setGeometry(option.rect)  # the row, which grows to the editor's text
        if width_changed and isinstance(editor, QPlainTextEdit):
            self._fit(editor)  # another width wraps the text to another number of rows

    def editor_height(self, editor: QPlainTextEdit) -> int:
        """The height that shows all of ``editor``'s text at its width, without a scroll bar."""
        margin = editor.document().documentMargin()
        frame = editor.frameWidth()
        width = editor.width() - 2 * frame - 2 * margin - 1
        lines = max(EDITOR_LINES, line_count(editor.toPlainText(), editor.font(), width))
        spacing = editor.fontMetrics().lineSpacing()
        return int(lines * spacing + 2 * margin + 2 * frame) + 2

    def _fit(self, editor: QPlainTextEdit) -> None:
        view = self._view
        if editor is not self._editor or view is None or editor.width() <= 0:
            return
        height = self.editor_height(editor)
        room = view.viewport().height()
        # A scroll bar only for a text taller than the whole list; else the box fits it all.
        policy = Qt.ScrollBarPolicy.ScrollBarAsNeeded
        if height <= room:
            policy = Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        editor.setVerticalScrollBarPolicy(policy)
        editor.resize(editor.width(), min(height, room))  # now, before the row follows
        view.set_editor_height(height)

    def destroyEditor(self, editor: QWidget, index: _Index) -> None:
        row = self._row
        if editor is self._editor:
            self._editor, self._row = None, None
            if self._view is not None:
                self._view.set_editor_height(0)  # the row goes back to its text's height
        super().destroyEditor(editor, index)
        if row is not None:
            self.editingFinished.emit(row)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._view:
            if (
                event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_F2
                and not event.modifiers()
            ):
                self.edit_current()
                return True
            return False
        if (
            isinstance(watched, QPlainTextEdit)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                watched.insertPlainText("\n")
            else:
                self.commitData.emit(watched)
                self.closeEditor.emit(watched, QAbstractItemDelegate.EndEditHint.SubmitModelCache)
            return True
        return super().eventFilter(watched, event)


class PauseWhileTyping(QObject):
    """Pause the video while a line is edited, when the preference asks for it."""

    def __init__(
        self,
        player: Player,
        delegate: TextEditorDelegate,
        parent: QObject | None = None,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self._player = player
        self._settings = settings
        self._paused_by_us = False
        delegate.editingStarted.connect(self._on_started)
        delegate.editingFinished.connect(self._on_finished)

    def enabled(self) -> bool:
        settings = self._settings if self._settings is not None else QSettings()
        return bool(settings.value(PAUSE_WHILE_TYPING_KEY, False, type=bool))

    def _on_started(self, _row: int) -> None:
        if self.enabled() and self._player.is_playing():
            self._player.pause()
            self._paused_by_us = True

    def _on_finished(self, _row: int) -> None:
        if self._paused_by_us:
            self._paused_by_us = False
            self._player.play()
