"""The selected line's notes as small cards, with an inline editor to add and edit them.

Every change goes through the ReviewSession (written at once, undoable); the panel redraws
itself from the shown Line whenever the session says that line changed, so undo and redo need
nothing special here. The header follows the model: an edit, a retime or a merge shows at once.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.timecode import format_clock
from app.core.transcript import Line, Note
from app.ui.review.note_cards import MetaRole, NoteCardDelegate, NoteIdRole, excerpt, local_time
from app.ui.review.note_editor import NoteEditor
from app.ui.review.review_session import ReviewSession

__all__ = ["NotesPanel", "excerpt", "local_time"]


class NotesPanel(QWidget):
    """Notes on the shown line: list, Add/Edit/Delete, and an inline editor.

    The editor stays bound to the line it was opened on, so a draft is never saved onto a line
    the user clicked meanwhile.
    """

    statusMessage = Signal(str)  # short feedback for the status bar ("Deleted — Ctrl+Z to undo")

    def __init__(self, session: ReviewSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._line_id: int | None = None
        self._target: tuple[int, int | None] | None = None  # editing: (line id, note id or None)
        self.setObjectName("notesPanel")
        self.setAccessibleName(self.tr("Notes"))

        self.header = QLabel(self)
        self.header.setObjectName("notesHeader")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        font = self.header.font()
        font.setBold(True)
        self.header.setFont(font)
        self.add_button = self._button(self.tr("&Add note"), self.start_new_note)
        self.edit_button = self._button(self.tr("&Edit"), self.edit_selected)
        self.delete_button = self._button(self.tr("&Delete"), self.delete_selected)
        self.add_button.setToolTip(self.tr("Add a note to this line (N)"))

        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Notes on the line"))
        self.list.setItemDelegate(NoteCardDelegate(self.list))
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemDoubleClicked.connect(lambda _item: self.edit_selected())
        self.list.installEventFilter(self)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.empty)

        self.editor_box = QWidget(self)
        self.editor_label = QLabel(self.editor_box)
        self.editor = NoteEditor(self.editor_box)
        self.editor.setAccessibleName(self.tr("Note text"))
        self.editor.setPlaceholderText(self.tr("Write a note… Ctrl+Return saves, Esc cancels"))
        self.editor.setTabChangesFocus(True)
        self.editor.setMaximumHeight(6 * self.fontMetrics().lineSpacing() + 12)
        self.editor.saveRequested.connect(self.save_editor)
        self.editor.cancelRequested.connect(self.cancel_editor)
        self.editor_error = QLabel(self.editor_box)  # why the text was refused
        self.editor_error.setWordWrap(True)
        self.editor_error.setAccessibleName(self.tr("Note error"))
        self.editor_error.hide()
        self.save_button = self._button(self.tr("Save"), self.save_editor)
        self.cancel_button = self._button(self.tr("Cancel"), self.cancel_editor)
        self.save_button.setToolTip(self.tr("Save the note (Ctrl+Return)"))
        self.cancel_button.setToolTip(self.tr("Discard the draft (Esc)"))
        edit_buttons = QHBoxLayout()
        edit_buttons.addStretch(1)
        edit_buttons.addWidget(self.cancel_button)
        edit_buttons.addWidget(self.save_button)
        box = QVBoxLayout(self.editor_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.editor_label)
        box.addWidget(self.editor)
        box.addWidget(self.editor_error)
        box.addLayout(edit_buttons)
        self.editor_box.hide()

        actions = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addLayout(actions)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.editor_box)

        self._list_keys = {
            Qt.Key.Key_Delete: self.delete_selected,
            Qt.Key.Key_F2: self.edit_selected,
            Qt.Key.Key_Return: self.edit_selected,
            Qt.Key.Key_Enter: self.edit_selected,
        }
        session.lineChanged.connect(self._on_line_changed)
        model = session.model
        model.modelReset.connect(self._on_model_reset)
        # The header names the line by its time and words: it follows every change of them.
        model.dataChanged.connect(self._on_data_changed)
        model.rowsRemoved.connect(self._on_rows_moved)
        model.rowsInserted.connect(self._on_rows_moved)
        self.show_line(None)

    def _button(self, text: str, slot: object) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(text.replace("&", ""))
        button.clicked.connect(slot)
        return button

    # -- what is shown ---------------------------------------------------------------------
    @property
    def line_id(self) -> int | None:
        return self._line_id

    def _line(self, line_id: int | None) -> Line | None:
        if line_id is None:
            return None
        try:
            return self.session.model.line_of_id(line_id)
        except LookupError:
            return None

    def show_line(self, line_id: int | None) -> None:
        """Show the notes of line ``line_id`` (None: no line selected)."""
        self._line_id = line_id if self._line(line_id) is not None else None
        self._refresh()

    def selected_note_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None or not item.isSelected() else item.data(NoteIdRole)

    def _refresh(self, select: int | None = None) -> None:
        line = self._line(self._line_id)
        keep = select if select is not None else self.selected_note_id()
        self.list.clear()
        if line is None:
            self.header.setText(self.tr("Notes"))
            self.empty.setText(self.tr("Select a line to see its notes."))
        else:
            self.header.setText(self._line_title(line))
            self.header.setToolTip(line.text)
            self.empty.setText(self.tr("No notes on this line yet.\nPress N to add one."))
            for note in line.notes:
                self.list.addItem(self._item(note))
                if note.id == keep:
                    self.list.setCurrentRow(self.list.count() - 1)
        self.stack.setCurrentWidget(self.list if self.list.count() else self.empty)
        self._update_buttons()

    def _line_title(self, line: Line) -> str:
        when = format_clock(line.start_ms)
        return self.tr("Notes on %1 — %2").replace("%1", when).replace("%2", excerpt(line.text))

    def _item(self, note: Note) -> QListWidgetItem:
        when = local_time(note.created_at)
        if note.updated_at and note.updated_at != note.created_at:
            when += "  ·  " + self.tr("edited %1").replace("%1", local_time(note.updated_at))
        item = QListWidgetItem(note.body)
        item.setData(NoteIdRole, note.id)
        item.setData(MetaRole, (note.author, when))
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{note.author}, {when}: {note.body}")
        return item

    def _update_buttons(self) -> None:
        has_line = self._line_id is not None
        self.add_button.setEnabled(has_line and self.session.permissions.comment)
        note = self._note(self._line_id, self.selected_note_id())
        mine = note is not None and self.session.may_change(note)
        self.edit_button.setEnabled(mine)
        self.delete_button.setEnabled(mine)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Delete removes the selected note, F2 or Enter edits it, while the list has the focus.
        if watched is self.list and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            slot = self._list_keys.get(Qt.Key(event.key()))
            if slot is not None and self.selected_note_id() is not None:
                slot()
                return True
        return super().eventFilter(watched, event)

    def _on_line_changed(self, line_id: int) -> None:
        if line_id == self._line_id:
            self._refresh()

    def _on_data_changed(self, top: QModelIndex, bottom: QModelIndex, *_roles: object) -> None:
        row = None if self._line_id is None else self.session.model.row_of_id(self._line_id)
        if row is not None and top.row() <= row <= bottom.row():
            self._show_header()

    def _on_rows_moved(self, *_args: object) -> None:
        if self._line_id is not None and self._line(self._line_id) is None:
            self.show_line(None)  # its line was merged away or deleted
        else:
            self._show_header()

    def _show_header(self) -> None:
        line = self._line(self._line_id)
        if line is not None:
            self.header.setText(self._line_title(line))
            self.header.setToolTip(line.text)

    def _on_model_reset(self) -> None:
        if self._target is not None and self._line(self._target[0]) is None:
            self.cancel_editor()  # its line is gone (another project was opened)
        self.show_line(self._line_id)

    # -- actions ---------------------------------------------------------------------------
    def start_new_note(self) -> None:
        """Open the editor for a new note on the shown line and focus it (the window's N key)."""
        if self._line_id is not None and self.session.permissions.comment:
            self._open_editor((self._line_id, None), "", self.tr("New note"))

    def edit_selected(self) -> None:
        note = self._note(self._line_id, self.selected_note_id())
        if note is not None and self._line_id is not None and self.session.may_change(note):
            self._open_editor((self._line_id, note.id), note.body, self.tr("Edit note"))

    def delete_selected(self) -> None:
        line_id, note_id = self._line_id, self.selected_note_id()
        note = self._note(line_id, note_id)
        if line_id is None or note_id is None or note is None or not self.session.may_change(note):
            return
        row = self.list.currentRow()
        if self.session.delete_note(line_id, note_id):
            self.list.setCurrentRow(min(row, self.list.count() - 1))
            self.statusMessage.emit(self.tr("Note deleted — Ctrl+Z to undo"))

    def _note(self, line_id: int | None, note_id: int | None) -> Note | None:
        line = self._line(line_id)
        return next((n for n in line.notes if n.id == note_id), None) if line else None

    def _open_editor(self, target: tuple[int, int | None], body: str, title: str) -> None:
        self._target = target
        line = self._line(target[0])
        where = format_clock(line.start_ms) if line else ""
        self.editor_label.setText(f"{title} ({where})" if where else title)
        self.editor_error.hide()
        self.editor.setPlainText(body)
        self.editor.moveCursor(self.editor.textCursor().MoveOperation.End)
        self.editor_box.show()
        self.editor.setFocus(Qt.FocusReason.ShortcutFocusReason)

    @property
    def editing(self) -> bool:
        return self._target is not None

    def save_editor(self) -> None:
        """Write the editor's text (refused when empty); the editor closes once it is stored."""
        if self._target is None:
            return
        body = self.editor.toPlainText().strip()
        if not body:
            self._refuse(self.tr("A note needs some text."))
            return
        line_id, note_id = self._target
        if note_id is None:
            saved = self.session.add_note(line_id, body)
        else:
            old = self._note(line_id, note_id)
            if old is None:
                self._refuse(self.tr("This note was deleted meanwhile."))
                return
            saved = old if old.body == body else self.session.edit_note(line_id, note_id, body)
        if saved is None:  # the session reported why; keep the draft
            return
        self._close_editor()
        if line_id == self._line_id:
            self._refresh(select=saved.id)
            self.list.setFocus()

    def _refuse(self, why: str) -> None:
        self.editor_error.setText("\u26a0 " + why)
        self.editor_error.show()
        self.editor.setFocus()

    def cancel_editor(self) -> None:
        if self._target is not None:
            self._close_editor()
            self.list.setFocus()

    def _close_editor(self) -> None:
        self._target = None
        self.editor.clear()
        self.editor_error.hide()
        self.editor_box.hide()
