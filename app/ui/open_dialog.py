"""File > Open: choose a media file and its transcript (the media may be left out)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from app.core.formats.registry import readable_formats

__all__ = ["OpenDialog"]

MEDIA_PATTERNS = "*.mp4 *.mkv *.mov *.webm *.avi *.m4v *.mpg *.mpeg *.ts *.mp3 *.m4a *.wav *.ogg *.opus *.flac"


def _transcript_filter() -> str:
    parts = []
    every: list[str] = []
    for fmt in readable_formats():
        patterns = " ".join(f"*.{ext}" for ext in fmt.extensions)
        every.extend(f"*.{ext}" for ext in fmt.extensions)
        parts.append(f"{fmt.label} ({patterns})")
    return ";;".join([f"Transcripts ({' '.join(dict.fromkeys(every))})", *parts, "All files (*)"])


class OpenDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openDialog")
        self.setWindowTitle(self.tr("Open Media and Transcript"))
        self.setMinimumWidth(560)
        self.media_edit = QLineEdit()
        self.media_edit.setObjectName("mediaPath")
        self.media_edit.setPlaceholderText(self.tr("Optional: video or audio file"))
        self.transcript_edit = QLineEdit()
        self.transcript_edit.setObjectName("transcriptPath")
        self.transcript_edit.setPlaceholderText(self.tr("SRT, project JSON, or a copied video page"))
        form = QFormLayout(self)
        form.addRow(self.tr("&Media:"), self._row(self.media_edit, self._browse_media))
        form.addRow(self.tr("&Transcript:"), self._row(self.transcript_edit, self._browse_transcript))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.transcript_edit.textChanged.connect(self._update_ok)
        self._update_ok()

    def _row(self, edit: QLineEdit, browse: object) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(edit, 1)
        button = QPushButton(self.tr("Browse…"))
        button.clicked.connect(browse)
        layout.addWidget(button)
        return row

    def _browse_media(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose media"), self._start_dir(), f"Media ({MEDIA_PATTERNS});;All files (*)"
        )
        if path:
            self.media_edit.setText(path)

    def _browse_transcript(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose transcript"), self._start_dir(), _transcript_filter()
        )
        if path:
            self.transcript_edit.setText(path)

    def _start_dir(self) -> str:
        for text in (self.transcript_edit.text(), self.media_edit.text()):
            if text:
                return str(Path(text).parent)
        return str(Path.home())

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Open)
        ok.setEnabled(bool(self.transcript_edit.text().strip()))

    def paths(self) -> tuple[str | None, str]:
        media = self.media_edit.text().strip() or None
        return media, self.transcript_edit.text().strip()
