"""The notes panel's text box: Ctrl+Return asks to save the draft and Esc to drop it, even where
the window has shortcuts on those keys.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit

__all__ = ["NoteEditor"]


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
