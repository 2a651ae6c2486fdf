"""File > Open: choose a media file and its transcript, see how the transcript reads (format,
encoding, first lines, anything skipped or repaired) and override the guesses before importing."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from app.core.formats.base import ReadResult, TranscriptFormatError
from app.core.formats.registry import read_path, readable_formats
from app.core.timecode import format_clock
from app.ui.review.commands import counted

__all__ = ["OpenDialog"]

MEDIA_PATTERNS = (
    "*.mp4 *.mkv *.mov *.webm *.avi *.m4v *.mpg *.mpeg *.ts *.mp3 *.m4a *.wav *.ogg *.opus *.flac"
)
#: Encodings offered when detection guessed wrong (the commonest legacy ones first).
ENCODINGS = (
    "utf-8",
    "cp1252",
    "cp1251",
    "cp1250",
    "iso-8859-1",
    "iso-8859-2",
    "cp1253",
    "cp1254",
    "cp1256",
    "koi8-r",
    "shift_jis",
    "euc-jp",
    "gb18030",
    "big5",
    "euc-kr",
    "utf-16",
)
PREVIEW_LINES = 12
PREVIEW_ISSUES = 8


def _transcript_filter() -> str:
    parts = []
    every: list[str] = []
    for fmt in readable_formats():
        patterns = " ".join(f"*.{ext}" for ext in fmt.extensions)
        every.extend(f"*.{ext}" for ext in fmt.extensions)
        parts.append(f"{fmt.label} ({patterns})")
    return ";;".join([f"Transcripts ({' '.join(dict.fromkeys(every))})", *parts, "All files (*)"])


def describe(result: ReadResult) -> str:
    """The preview text: the first lines as they will be imported, then the report's issues."""
    out = []
    for line in result.transcript.lines[:PREVIEW_LINES]:
        who = f"{line.speaker}: " if line.speaker else ""
        out.append(f"{format_clock(line.start_ms):>8}  {who}{line.text.replace(chr(10), ' / ')}")
    more = len(result.transcript.lines) - PREVIEW_LINES
    if more > 0:
        out.append(f"{'':>8}  … {more:,} more")
    issues = result.report.issues
    if issues:
        out.append("")
        for issue in issues[:PREVIEW_ISSUES]:
            what = "repaired" if issue.repaired else "skipped"
            where = f"line {issue.line_no}" if issue.line_no else "file"
            out.append(f"{where}: {what}: {issue.reason}")
        if len(issues) > PREVIEW_ISSUES:
            out.append(f"… {len(issues) - PREVIEW_ISSUES} more in the import report")
    return "\n".join(out)


class OpenDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("openDialog")
        self.setWindowTitle(self.tr("Open Media and Transcript"))
        self.setMinimumWidth(680)
        self.media_edit = QLineEdit()
        self.media_edit.setObjectName("mediaPath")
        self.media_edit.setPlaceholderText(self.tr("Optional: video or audio file"))
        self.transcript_edit = QLineEdit()
        self.transcript_edit.setObjectName("transcriptPath")
        self.transcript_edit.setPlaceholderText(
            self.tr("SRT, WebVTT, Whisper JSON, a YouTube paste, a copied video page…")
        )
        self.format_box = QComboBox()
        self.format_box.setObjectName("formatChoice")
        self.format_box.addItem(self.tr("Detect from content"), None)
        for fmt in readable_formats():
            self.format_box.addItem(fmt.label, fmt.name)
        self.encoding_box = QComboBox()
        self.encoding_box.setObjectName("encodingChoice")
        self.encoding_box.addItem(self.tr("Detect"), None)
        for name in ENCODINGS:
            self.encoding_box.addItem(name, name)
        self.summary = QLabel()
        self.summary.setObjectName("previewSummary")
        self.summary.setWordWrap(True)
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("preview")
        self.preview.setAccessibleName(self.tr("Preview of the transcript"))
        self.preview.setReadOnly(True)
        self.preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.preview.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.preview.setMinimumHeight(220)

        form = QFormLayout(self)
        form.addRow(self.tr("&Media:"), self._row(self.media_edit, self._browse_media))
        form.addRow(
            self.tr("&Transcript:"), self._row(self.transcript_edit, self._browse_transcript)
        )
        choices = QWidget()
        choice_layout = QHBoxLayout(choices)
        choice_layout.setContentsMargins(0, 0, 0, 0)
        choice_layout.addWidget(self.format_box, 2)
        choice_layout.addWidget(QLabel(self.tr("&Encoding:")))
        choice_layout.itemAt(1).widget().setBuddy(self.encoding_box)  # type: ignore[attr-defined]
        choice_layout.addWidget(self.encoding_box, 1)
        form.addRow(self.tr("&Format:"), choices)
        form.addRow(self.summary)
        form.addRow(self.preview)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

        # Re-read after typing pauses, not on every keystroke: a big file takes a moment.
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.refresh_preview)
        self._warned_media = ""  # the missing media path already pointed out once
        self.transcript_edit.textChanged.connect(self._debounce.start)
        self.format_box.currentIndexChanged.connect(self.refresh_preview)
        self.encoding_box.currentIndexChanged.connect(self.refresh_preview)
        self.refresh_preview()

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
            self,
            self.tr("Choose media"),
            self._start_dir(),
            f"Media ({MEDIA_PATTERNS});;All files (*)",
        )
        if path:
            self.media_edit.setText(path)

    def _browse_transcript(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose transcript"), self._start_dir(), _transcript_filter()
        )
        if path:
            self.transcript_edit.setText(path)
            self.refresh_preview()

    def _start_dir(self) -> str:
        for text in (self.transcript_edit.text(), self.media_edit.text()):
            if text:
                return str(Path(text).parent)
        return str(Path.home())

    def refresh_preview(self) -> None:
        """Read the transcript as it would be imported and show the result (or why not)."""
        self._debounce.stop()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Open)
        path = self.transcript_edit.text().strip()
        if not path:
            self.summary.setText(self.tr("Choose a transcript to see how it reads."))
            self.preview.clear()
            ok.setEnabled(False)
            return
        try:
            result = read_path(path, self.chosen_format(), encoding=self.chosen_encoding())
        except (TranscriptFormatError, OSError, LookupError) as err:
            self.summary.setText(self.tr("Cannot read this file: %1").replace("%1", str(err)))
            self.preview.clear()
            ok.setEnabled(False)
            return
        report = result.report
        fmt = next((f.label for f in readable_formats() if f.name == report.format), report.format)
        self.summary.setText(
            self.tr("%1, %2: %3 lines")
            .replace("%1", fmt)
            .replace("%2", report.encoding)
            .replace("%3", f"{len(result.transcript.lines):,}")
            + (
                ""
                if report.clean
                else counted(
                    len(report.issues),
                    self.tr(" — 1 issue, listed below"),
                    self.tr(" — %1 issues, listed below"),
                )
            )
        )
        self.preview.setPlainText(describe(result))
        ok.setEnabled(True)

    def accept(self) -> None:
        """Open, but say first when the media is not there (the dialog and both paths stay):
        Open again opens the transcript anyway, with the bar that finds the media later."""
        media = self.media_edit.text().strip()
        if media and not Path(media).is_file() and self._warned_media != media:
            self._warned_media = media
            self.summary.setText(
                self.tr(
                    "The media file was not found: %1. Correct it, or press Open again to open "
                    "the transcript without it and find the media later."
                ).replace("%1", media)
            )
            self.media_edit.setFocus()
            return
        super().accept()

    def chosen_format(self) -> str | None:
        return self.format_box.currentData()

    def chosen_encoding(self) -> str | None:
        return self.encoding_box.currentData()

    def paths(self) -> tuple[str | None, str]:
        media = self.media_edit.text().strip() or None
        return media, self.transcript_edit.text().strip()
