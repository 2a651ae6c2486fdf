"""The notes panel's text box: Ctrl+Return asks to save the draft and Esc to drop it, even where
the window has shortcuts on those keys; and NoteEditorBox, the box around it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

__all__ = ["NoteEditor", "NoteEditorBox"]


class NoteEditor(QPlainTextEdit):
    saveRequested = Signal()
    cancelRequested = Signal()

    def _is_save(self, event: QKeyEvent) -> bool:
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        return bool(ctrl) and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)

    def event(self, event: QEvent) -> bool:
        # Keep Ctrl+Return and Esc for the editor even if the window has shortcuts on them.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (self._is_save(event) or event.key() == Qt.Key.Key_Escape)
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._is_save(event):
            self.saveRequested.emit()
        elif event.key() == Qt.Key.Key_Escape:
            self.cancelRequested.emit()
        else:
            super().keyPressEvent(event)


class NoteEditorBox(QWidget):
    """The editor with its title, the reason a draft was refused, and Save / Cancel."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.editor = NoteEditor(self)
        self.editor.setAccessibleName(self.tr("Note text"))
        self.editor.setPlaceholderText(self.tr("Write a note… Ctrl+Return saves, Esc cancels"))
        self.editor.setTabChangesFocus(True)
        self.editor.setMaximumHeight(6 * self.fontMetrics().lineSpacing() + 12)
        self.error = QLabel(self)  # why the text was refused
        self.error.setWordWrap(True)
        self.error.setAccessibleName(self.tr("Note error"))
        self.error.hide()
        self.save_button = QPushButton(self.tr("Save"), self)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.save_button.setToolTip(self.tr("Save the note (Ctrl+Return)"))
        self.cancel_button.setToolTip(self.tr("Discard the draft (Esc)"))
        for button in (self.save_button, self.cancel_button):
            button.setAccessibleName(button.text())
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.label)
        box.addWidget(self.editor)
        box.addWidget(self.error)
        box.addLayout(buttons)
        self.hide()

    def connect_to(self, save: Callable[[], None], cancel: Callable[[], None]) -> None:
        """Ctrl+Return and Save call ``save``; Esc and Cancel call ``cancel``."""
        self.editor.saveRequested.connect(save)
        self.editor.cancelRequested.connect(cancel)
        self.save_button.clicked.connect(lambda _checked=False: save())
        self.cancel_button.clicked.connect(lambda _checked=False: cancel())
