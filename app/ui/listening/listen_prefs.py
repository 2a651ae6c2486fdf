"""Preferences > Listening: the speech model folder (any CTranslate2 conversion of Whisper,
checked as it is chosen) and the spoken language (detected, or one chosen)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.asr.models import bundled_model
from app.ui.listening.listen_settings import (
    LANGUAGES,
    ListenSettings,
    check_model_folder,
    listen_settings,
    save_listen_settings,
)

__all__ = ["ListeningPrefsPage"]


class ListeningPrefsPage(QWidget):
    """Saved when ``dialog`` is accepted (or on ``save()``). A folder that is not a model is
    kept as typed (nothing lost) and said so here; the Listen menu then says why it is grey."""

    def __init__(self, dialog: QDialog | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("listeningPrefs")
        values = listen_settings()
        form = QFormLayout(self)
        self.folder_edit = QLineEdit(values.model_folder)
        self.folder_edit.setObjectName("modelFolder")
        self.folder_edit.setAccessibleName(self.tr("Speech model folder"))
        bundled = bundled_model()
        self.folder_edit.setPlaceholderText(
            self.tr("The bundled tiny.en model") if bundled else self.tr("Choose a model folder")
        )
        self.folder_edit.setClearButtonEnabled(True)
        self.choose_button = QPushButton(self.tr("&Choose…"))
        self.choose_button.setObjectName("chooseModelFolder")
        self.choose_button.clicked.connect(self.choose_folder)
        row = QHBoxLayout()
        row.addWidget(self.folder_edit, 1)
        row.addWidget(self.choose_button)
        form.addRow(self.tr("Speech &model:"), row)
        self.folder_status = QLabel()
        self.folder_status.setObjectName("modelFolderStatus")
        self.folder_status.setWordWrap(True)
        form.addRow(self.folder_status)
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("speechLanguage")
        self.language_combo.setAccessibleName(self.tr("Spoken language"))
        self.language_combo.addItem(self.tr("Detect automatically"), "")
        for code, name in LANGUAGES:
            self.language_combo.addItem(self.tr(name), code)
        found = self.language_combo.findData(values.language)
        if found < 0 and values.language:  # a code set elsewhere: kept, shown as it is
            self.language_combo.addItem(values.language, values.language)
            found = self.language_combo.count() - 1
        self.language_combo.setCurrentIndex(max(0, found))
        form.addRow(self.tr("Spoken &language:"), self.language_combo)
        hint = QLabel(
            self.tr(
                "Any CTranslate2 conversion of Whisper (tiny … large-v3) works; larger models "
                "hear better and take longer. Models ending in .en know English only. "
                "Nothing is sent anywhere: speech is recognised on this computer."
            )
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        self.folder_edit.textChanged.connect(self._check)
        self._check()
        if dialog is not None:
            dialog.accepted.connect(self.save)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Choose a speech model folder"), self.folder_edit.text()
        )
        if folder:
            self.folder_edit.setText(folder)

    def problem(self) -> str | None:
        return check_model_folder(self.folder_edit.text().strip())

    def _check(self) -> None:
        problem = self.problem()
        if problem is None:
            folder = self.folder_edit.text().strip()
            self.folder_status.setText(
                self.tr("A speech model: ready") if folder else self.tr("Using tiny.en")
            )
            self.folder_status.setStyleSheet("")
        else:
            self.folder_status.setText(problem)
            self.folder_status.setStyleSheet("color: #d93025;")

    def values(self) -> ListenSettings:
        language = str(self.language_combo.currentData() or "")
        return ListenSettings(self.folder_edit.text().strip(), language)

    def save(self) -> None:
        save_listen_settings(self.values())
