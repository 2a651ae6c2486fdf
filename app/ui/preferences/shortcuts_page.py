"""Preferences > Shortcuts: every command with its keys, to rebind, with clashes shown before
anything is saved."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.window.keymap import Keymap

__all__ = ["ShortcutsPage"]


class ShortcutsPage(QWidget):
    """Preferences > Shortcuts: every command with its key and default; pick a row, press the new
    key. A key another command has is not taken silently: the page names that command and
    offers to move the key here (the other command is left without it)."""

    COMMAND, SHORTCUT, DEFAULT = range(3)

    def __init__(self, keymap: Keymap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keymap = keymap
        self._ids = sorted(keymap.ids(), key=lambda i: keymap.label(i).casefold())
        #: The bindings as the page shows them; saved on OK.
        self.pending: dict[str, list[QKeySequence]] = {i: keymap.shortcuts(i) for i in self._ids}
        self._proposal: tuple[str, QKeySequence, list[str]] | None = None

        self.search = QLineEdit()
        self.search.setObjectName("shortcutSearch")
        self.search.setPlaceholderText(self.tr("Search commands and keys"))
        self.search.setAccessibleName(self.tr("Search shortcuts"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)

        self.table = QTableWidget(len(self._ids), 3)
        self.table.setObjectName("shortcutTable")
        self.table.setAccessibleName(self.tr("Shortcuts"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Command"), self.tr("Shortcut"), self.tr("Default")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.COMMAND, QHeaderView.ResizeMode.Stretch)
        for column in (self.SHORTCUT, self.DEFAULT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for row, action_id in enumerate(self._ids):
            command = QTableWidgetItem(keymap.label(action_id))
            command.setData(Qt.ItemDataRole.UserRole, action_id)
            self.table.setItem(row, self.COMMAND, command)
            self.table.setItem(row, self.SHORTCUT, QTableWidgetItem())
            self.table.setItem(
                row, self.DEFAULT, QTableWidgetItem(_keys_text(keymap.defaults(action_id)))
            )
            self._show_row(row)
        self.table.currentCellChanged.connect(lambda row, *_: self._load(row))

        self.editor = QKeySequenceEdit()
        self.editor.setObjectName("shortcutEditor")
        self.editor.setAccessibleName(self.tr("New shortcut"))
        self.editor.setMaximumSequenceLength(1)
        self.editor.setClearButtonEnabled(True)
        self.editor.keySequenceChanged.connect(self._propose)
        self.reset_button = QPushButton(self.tr("Restore &Default"))
        self.reset_button.setObjectName("restoreDefaultShortcut")
        self.reset_button.clicked.connect(self.restore_default)
        self.reset_all_button = QPushButton(self.tr("Restore All Defaults"))
        self.reset_all_button.setObjectName("restoreAllShortcuts")
        self.reset_all_button.clicked.connect(self.restore_all_defaults)
        self.clash_label = QLabel()
        self.clash_label.setObjectName("shortcutClash")
        self.clash_label.setWordWrap(True)
        bold = self.clash_label.font()
        bold.setBold(True)
        self.clash_label.setFont(bold)
        self.clash_label.hide()
        self.clash_icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.clash_icon.setPixmap(warning.pixmap(size, size))
        self.clash_icon.hide()
        self.take_button = QPushButton(self.tr("Move the Key Here"))
        self.take_button.setObjectName("takeShortcut")
        self.take_button.clicked.connect(self.take_key)
        self.take_button.hide()

        edit_row = QHBoxLayout()
        key_label = QLabel(self.tr("New &key:"))
        key_label.setBuddy(self.editor)
        edit_row.addWidget(key_label)
        edit_row.addWidget(self.editor, 1)
        edit_row.addWidget(self.reset_button)
        clash_row = QHBoxLayout()
        clash_row.addWidget(self.clash_icon)
        clash_row.addWidget(self.clash_label, 1)
        clash_row.addWidget(self.take_button)
        bottom = QHBoxLayout()
        hint = QLabel(
            self.tr("Pick a command, then press its new key. Foot pedals: press the pedal.")
        )
        hint.setWordWrap(True)
        bottom.addWidget(hint, 1)
        bottom.addWidget(self.reset_all_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(edit_row)
        layout.addLayout(clash_row)
        layout.addLayout(bottom)
        if self._ids:
            self.table.selectRow(0)
        self._load(self.table.currentRow())

    # -- what the table shows --------------------------------------------------------------
    def row_of(self, action_id: str) -> int:
        return self._ids.index(action_id)

    def current_id(self) -> str | None:
        row = self.table.currentRow()
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def _show_row(self, row: int) -> None:
        action_id = self._ids[row]
        keys = self.pending[action_id]
        item, command = self.table.item(row, self.SHORTCUT), self.table.item(row, self.COMMAND)
        assert item is not None and command is not None
        item.setText(_keys_text(keys) or self.tr("(none)"))
        font = item.font()
        font.setBold(not self.keymap.is_default(action_id, keys))  # the user's own keys stand out
        item.setFont(font)
        command.setFont(font)

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        for row, action_id in enumerate(self._ids):
            haystack = " ".join(
                (self.keymap.label(action_id), _keys_text(self.pending[action_id]))
            ).casefold()
            self.table.setRowHidden(row, not all(w in haystack for w in words))

    def _load(self, row: int) -> None:
        self._set_clash(None)
        action_id = self._ids[row] if 0 <= row < len(self._ids) else None
        self.editor.setEnabled(action_id is not None)
        self.reset_button.setEnabled(action_id is not None)
        keys = self.pending[action_id] if action_id is not None else []
        self.editor.blockSignals(True)
        self.editor.setKeySequence(keys[0] if keys else QKeySequence())
        self.editor.blockSignals(False)

    # -- changing keys ---------------------------------------------------------------------
    def _propose(self, sequence: QKeySequence) -> None:
        action_id = self.current_id()
        if action_id is None:
            return
        self.bind(action_id, sequence)

    def bind(self, action_id: str, sequence: QKeySequence | str) -> bool:
        """Give ``action_id`` this key (alone); False, with the clash shown, when another command
        has it: then nothing changes until "Move the Key Here" or another key."""
        sequence = QKeySequence(sequence)
        others = self.keymap.clashes(action_id, sequence, self.pending)
        if others:
            self._set_clash((action_id, sequence, others))
            return False
        self._set_clash(None)
        self._set_pending(action_id, [sequence] if not sequence.isEmpty() else [])
        return True

    def take_key(self) -> None:
        """Resolve the shown clash for this command: the others lose the key."""
        if self._proposal is None:
            return
        action_id, sequence, others = self._proposal
        for other in others:
            self._set_pending(other, [k for k in self.pending[other] if k != sequence])
        self._set_clash(None)
        self._set_pending(action_id, [sequence])

    def restore_default(self) -> None:
        action_id = self.current_id()
        if action_id is not None:
            self._restore(action_id)

    def _restore(self, action_id: str) -> None:
        self._set_clash(None)
        defaults = self.keymap.defaults(action_id)
        # A default that another command has taken meanwhile is not given back twice.
        free = [k for k in defaults if not self.keymap.clashes(action_id, k, self.pending)]
        self._set_pending(action_id, free)
        if len(free) < len(defaults):
            taken = [k for k in defaults if k not in free]
            self._set_clash(
                (action_id, taken[0], self.keymap.clashes(action_id, taken[0], self.pending))
            )

    def restore_all_defaults(self) -> None:
        self._set_clash(None)
        for action_id in self._ids:
            self._set_pending(action_id, self.keymap.defaults(action_id))

    def _set_pending(self, action_id: str, keys: list[QKeySequence]) -> None:
        self.pending[action_id] = keys
        row = self.row_of(action_id)
        self._show_row(row)
        if row == self.table.currentRow():
            self._load(row)

    def _set_clash(self, proposal: tuple[str, QKeySequence, list[str]] | None) -> None:
        self._proposal = proposal
        if proposal is None:
            for widget in (self.clash_icon, self.clash_label, self.take_button):
                widget.hide()
            return
        _, sequence, others = proposal
        names = ", ".join(f"\u201c{self.keymap.label(o)}\u201d" for o in others)
        key = sequence.toString(QKeySequence.SequenceFormat.NativeText)
        self.clash_label.setText(
            self.tr("%1 is already the key of %2. Move it here, or press another key.")
            .replace("%1", key)
            .replace("%2", names)
        )
        for widget in (self.clash_icon, self.clash_label, self.take_button):
            widget.show()

    # -- saving ----------------------------------------------------------------------------
    def ready_to_save(self) -> bool:
        """False while a clash waits for an answer (the dialog stays open on OK)."""
        return self._proposal is None

    def save(self) -> None:
        for action_id, keys in self.pending.items():
            if keys != self.keymap.shortcuts(action_id):
                self.keymap.set_shortcuts(action_id, keys)


def _keys_text(keys: list[QKeySequence]) -> str:
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)
