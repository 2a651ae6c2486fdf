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
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.timecode import format_clock
from app.core.transcript import Line, Note
from app.ui.review.note_cards import (
    FoldedRole,
    NoteCardDelegate,
    NoteIdRole,
    ThreadRole,
    excerpt,
    local_time,
)
from app.ui.review.note_editor import NoteEditorBox
from app.ui.review.note_threads import ThreadButtons, thread_first, thread_items
from app.ui.review.review_session import ReviewSession

__all__ = ["NotesPanel", "excerpt", "local_time"]


class NotesPanel(QWidget):
    """Notes on the shown line as threads: list, Add/Reply/Resolve/Edit/Delete, an inline editor.

    The editor stays bound to the line it was opened on, so a draft is never saved onto a line
    the user clicked meanwhile.
    """

    statusMessage = Signal(str)  # short feedback for the status bar ("Deleted — Ctrl+Z to undo")
    showRequested = Signal()  # a reply is being written: the panel must be on screen

    def __init__(self, session: ReviewSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._line_id: int | None = None
        self._target: tuple[int, int | None] | None = None  # editing: (line id, note id or None)
        self._reply_to: int | None = None  # the new note being written answers this thread
        self._unfolded: set[int] = set()  # resolved threads the user chose to show
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
        self.threads = ThreadButtons(self, self.start_reply, self.toggle_resolved)

        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Notes on the line"))
        self.list.setItemDelegate(NoteCardDelegate(self.list))
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemDoubleClicked.connect(lambda _item: self._open_selected())
        self.list.installEventFilter(self)
        self.empty = QLabel(self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.list)
        self.stack.addWidget(self.empty)

        self.editor_box = NoteEditorBox(self)
        self.editor_label, self.editor = self.editor_box.label, self.editor_box.editor
        self.editor_error = self.editor_box.error
        self.save_button, self.cancel_button = (
            self.editor_box.save_button,
            self.editor_box.cancel_button,
        )
        self.editor_box.connect_to(self.save_editor, self.cancel_editor)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        # Two rows, so the panel is no wider than before threads (the window's default layout).
        threads = self.threads
        for row in (
            (self.add_button, self.edit_button, self.delete_button),
            (threads.reply_button, threads.resolve_button),
        ):
            actions = QHBoxLayout()
            for button in row:
                actions.addWidget(button)
            actions.addStretch(1)
            layout.addLayout(actions)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.editor_box)

        self._list_keys = {
            Qt.Key.Key_Delete: self.delete_selected,
            Qt.Key.Key_F2: self.edit_selected,
            Qt.Key.Key_Return: self._open_selected,
            Qt.Key.Key_Enter: self._open_selected,
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
            for item in thread_items(self.tr, line.notes, self._unfolded):
                self.list.addItem(item)
                if item.data(NoteIdRole) == keep:
                    self.list.setCurrentRow(self.list.count() - 1)
        self.stack.setCurrentWidget(self.list if self.list.count() else self.empty)
        self._update_buttons()

    def _line_title(self, line: Line) -> str:
        when = format_clock(line.start_ms)
        return self.tr("Notes on %1 — %2").replace("%1", when).replace("%2", excerpt(line.text))

    def _update_buttons(self) -> None:
        has_line = self._line_id is not None
        self.add_button.setEnabled(has_line and self.session.permissions.comment)
        mine = self.session.may_change(self._note(self._line_id, self.selected_note_id()))
        self.edit_button.setEnabled(mine)
        self.delete_button.setEnabled(mine)
        self.threads.update(self._thread_first() if self.session.permissions.comment else None)

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
            self._reply_to = None
            self._open_editor((self._line_id, None), "", self.tr("New note"))

    def _thread_first(self) -> Note | None:
        """The first note of the selected note's thread, or of the line's only thread."""
        line = self._line(self._line_id)
        if line is None or not line.notes:
            return None
        item = self.list.currentItem()
        thread_id = item.data(ThreadRole) if item is not None and item.isSelected() else None
        return thread_first(line.notes, thread_id)

    def _open_selected(self) -> None:
        """Enter or a double click: a folded thread unfolds, a note opens for editing."""
        item = self.list.currentItem()
        if item is not None and item.data(FoldedRole):
            self._unfolded.add(int(item.data(ThreadRole)))
            self._refresh(select=int(item.data(ThreadRole)))
        else:
            self.edit_selected()

    def start_reply(self) -> None:
        """Open the editor for a reply to the selected thread (R)."""
        first = self._thread_first()
        if self._line_id is None or first is None or first.id is None:
            self.statusMessage.emit(self.tr("Select a note to reply to"))
            return
        self._reply_to = first.id
        self.showRequested.emit()
        title = self.tr("Reply to %1").replace("%1", first.author or self.tr("(no author)"))
        self._open_editor((self._line_id, None), "", title)

    def toggle_resolved(self) -> None:
        """Resolve the selected thread, or reopen it when it is resolved (Shift+R)."""
        first = self._thread_first()
        if self._line_id is None or first is None or first.id is None:
            self.statusMessage.emit(self.tr("Select a note to resolve"))
            return
        resolving = first.resolved_at is None
        if self.session.set_resolved(self._line_id, first.id, resolving) is None:
            return
        if resolving:
            self._unfolded.discard(first.id)
            self.statusMessage.emit(self.tr("Thread resolved — Ctrl+Z to undo"))
        self._refresh(select=first.id)

    def edit_selected(self) -> None:
        note = self._note(self._line_id, self.selected_note_id())
        if self._line_id is not None and self.session.may_change(note):
            self._open_editor((self._line_id, note.id), note.body, self.tr("Edit note"))

    def delete_selected(self) -> None:
        line_id, note_id = self._line_id, self.selected_note_id()
        note = self._note(line_id, note_id)
        if line_id is None or note_id is None or not self.session.may_change(note):
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
        if note_id is None and self._reply_to is not None:
            saved = self.session.reply_note(line_id, self._reply_to, body)
        elif note_id is None:
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
        self._reply_to = None
        self.editor.clear()
        self.editor_error.hide()
        self.editor_box.hide()
