"""Edit > Preferences: settings kept per user (QSettings), one tab per area."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.ui.review_session import AUTHOR_KEY, default_author

__all__ = ["PreferencesDialog"]


class PreferencesDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self.setMinimumWidth(460)
        settings = QSettings()

        review = QWidget()
        form = QFormLayout(review)
        self.author_edit = QLineEdit(str(settings.value(AUTHOR_KEY) or ""))
        self.author_edit.setObjectName("authorName")
        self.author_edit.setAccessibleName(self.tr("Author name for notes"))
        self.author_edit.setPlaceholderText(default_author() or self.tr("Your name"))
        form.addRow(self.tr("&Author of notes:"), self.author_edit)
        hint = QLabel(
            self.tr("Shown with every note you write. Empty: your login name (%1).").replace(
                "%1", default_author() or "?"
            )
        )
        hint.setWordWrap(True)
        form.addRow(hint)

        tabs = QTabWidget()
        tabs.addTab(review, self.tr("&Review"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)

    def accept(self) -> None:
        settings = QSettings()
        author = self.author_edit.text().strip()
        if author:
            settings.setValue(AUTHOR_KEY, author)
        else:
            settings.remove(AUTHOR_KEY)
        super().accept()
