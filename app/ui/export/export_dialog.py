"""File > Export: the format, what goes in (notes, highlights, status, the original text, which
lines, a time range) and where the file goes. The last choice comes back next time."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.timecode import TimecodeError, format_clock, parse_stamp
from app.core.transcript import Transcript
from app.export import EXPORTERS, ONLY_CHOICES, ExportOptions, exporter_for, suggested_filename

__all__ = ["FORMAT_ALWAYS", "FORMAT_OPTIONS", "ExportDialog", "parse_time"]

NOTES, HIGHLIGHTS, STATUS, ORIGINAL = "notes", "highlights", "status", "original"
_ALL = frozenset({NOTES, HIGHLIGHTS, STATUS, ORIGINAL})
#: What each format can show. The CSV line table and the project JSON always carry the original
#: text; subtitles hold text only (VTT keeps notes); markers come from flags and notes.
FORMAT_OPTIONS: dict[str, frozenset[str]] = {
    "html": _ALL,
    "docx": _ALL,
    "pdf": _ALL,
    "md": _ALL,
    "csv": frozenset({NOTES, HIGHLIGHTS, STATUS}),
    "json": frozenset({NOTES, HIGHLIGHTS}),
    "srt": frozenset(),
    "vtt": frozenset({NOTES}),
    "edl": frozenset({NOTES, STATUS}),
    "markers-csv": frozenset({NOTES, STATUS}),
    "docx-tracked": _ALL,
    # Hand-offs in a fixed shape: ELAN tiers, MAXQDA/NVivo timestamped text, spans by tag.
    "eaf": frozenset(),
    "qda": frozenset(),
    "tags-csv": frozenset(),
}
#: What a format holds whatever the boxes say: shown ticked and greyed out.
FORMAT_ALWAYS: dict[str, frozenset[str]] = {"tags-csv": frozenset({HIGHLIGHTS})}
_KEY = "export/"


def parse_time(text: str) -> int | None:
    """Milliseconds from ``M:SS``, ``H:MM:SS`` (or plain seconds); None when empty."""
    text = text.strip()
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        return parse_stamp(text)  # TimecodeError (a ValueError) says what is wrong
    if not 0 <= seconds < float("inf"):
        raise TimecodeError(f"not a time: {text!r}")
    return round(seconds * 1000)


def _suffix(fmt: str) -> str:
    """The ending a file of this format gets (``.markers.csv`` for the marker table)."""
    return suggested_filename(Transcript(title="x"), fmt)[1:]


class ExportDialog(QDialog):
    def __init__(
        self, title: str, duration_ms: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export"))
        self._title = title
        self._duration_ms = duration_ms
        tr = self.tr

        self.format_combo = QComboBox()
        self.format_combo.setAccessibleName(tr("Format"))
        for exporter in EXPORTERS.values():
            self.format_combo.addItem(f"{exporter.label} (.{exporter.extension})", exporter.name)

        self.checks = {
            NOTES: QCheckBox(tr("&Notes")),
            HIGHLIGHTS: QCheckBox(tr("&Highlights")),
            STATUS: QCheckBox(tr("&Status")),
            ORIGINAL: QCheckBox(tr("&Original text beside corrections")),
        }
        include = QGridLayout()
        include.setContentsMargins(0, 0, 0, 0)
        for index, (key, box) in enumerate(self.checks.items()):
            box.setObjectName(f"export_{key}")
            box.setAccessibleName(box.text().replace("&", ""))
            include.addWidget(box, index // 3, index % 3, 1, 3 if key == ORIGINAL else 1)

        self.lines_combo = QComboBox()
        self.lines_combo.setAccessibleName(tr("Lines"))
        self.lines_combo.addItem(tr("All lines"), "")
        self.lines_combo.addItem(tr("Only flagged lines"), "flagged")
        self.lines_combo.addItem(tr("Only lines with notes"), "noted")

        self.from_edit = QLineEdit()
        self.from_edit.setAccessibleName(tr("From time"))
        self.from_edit.setPlaceholderText(tr("start"))
        self.to_edit = QLineEdit()
        self.to_edit.setAccessibleName(tr("To time"))
        end = tr("end")
        if duration_ms:
            end += f" ({format_clock(duration_ms, with_hours=duration_ms >= 3_600_000)})"
        self.to_edit.setPlaceholderText(end)
        for edit in (self.from_edit, self.to_edit):
            edit.setToolTip(tr("M:SS or H:MM:SS; empty for the whole transcript"))
        times = QHBoxLayout()
        times.addWidget(self.from_edit)
        times.addWidget(QLabel(tr("to")))
        times.addWidget(self.to_edit)

        self.path_edit = QLineEdit()
        self.path_edit.setAccessibleName(tr("Export file"))
        self.path_edit.setMinimumWidth(360)
        self.browse_button = QPushButton(tr("&Browse…"))
        self.browse_button.setAccessibleName(tr("Choose the export file"))
        self.browse_button.clicked.connect(self.browse)
        where = QHBoxLayout()
        where.addWidget(self.path_edit, 1)
        where.addWidget(self.browse_button)

        self.error_label = QLabel()
        self.error_label.setObjectName("exportError")
        self.error_label.setWordWrap(True)
        font = self.error_label.font()
        font.setBold(True)
        self.error_label.setFont(font)
        self.error_label.hide()

        form = QFormLayout()
        rows = (
            (tr("&Format:"), self.format_combo, self.format_combo),
            (tr("Include:"), include, None),
            (tr("&Lines:"), self.lines_combo, self.lines_combo),
            (tr("&Time range:"), times, self.from_edit),
            (tr("F&ile:"), where, self.path_edit),
        )
        for text, field, buddy in rows:
            label = QLabel(text)
            if buddy is not None:
                label.setBuddy(buddy)  # the mnemonic focuses the field
            form.addRow(label, field)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("&Export"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)

        self._fmt = ""
        self._wanted: dict[str, bool] = {}
        self._restore()
        self.format_combo.currentIndexChanged.connect(self._format_changed)

    # -- what was chosen ------------------------------------------------------------------------
    def format_name(self) -> str:
        return str(self.format_combo.currentData())

    def path(self) -> str:
        return os.path.expanduser(self.path_edit.text().strip())

    def options(self) -> ExportOptions:
        """The options as typed; raises ValueError (one line) for a time range that cannot be."""
        start, end = parse_time(self.from_edit.text()), parse_time(self.to_edit.text())
        only = self.lines_combo.currentData() or None
        assert only in (None, *ONLY_CHOICES)
        return ExportOptions(
            include_notes=self._include(NOTES),
            include_highlights=self._include(HIGHLIGHTS),
            include_status=self._include(STATUS),
            only=only,
            with_original=self._include(ORIGINAL),
            start_ms=start,
            end_ms=end,
        )

    def _include(self, key: str) -> bool:
        """The box, or the remembered choice when the format makes the box meaningless."""
        box = self.checks[key]
        return box.isChecked() if box.isEnabled() else self._wanted[key]

    # -- behaviour ------------------------------------------------------------------------------
    def _format_changed(self) -> None:
        fmt = self.format_name()
        usable = FORMAT_OPTIONS.get(fmt, _ALL)
        always = FORMAT_ALWAYS.get(fmt, frozenset())
        label = EXPORTERS[fmt].label
        for key, box in self.checks.items():
            if box.isEnabled():
                self._wanted[key] = box.isChecked()
            box.setEnabled(key in usable)
            # A box the format cannot honour reads unchecked, one it always holds reads checked;
            # the choice returns with the next format.
            box.setChecked(key in always or (self._wanted[key] and key in usable))
            if key in always:
                tip = self.tr("%1 always holds this").replace("%1", label)
            else:
                tip = "" if key in usable else self.tr("%1 cannot hold this").replace("%1", label)
            box.setToolTip(tip)
        path = self.path_edit.text().strip()
        if self._fmt and path.lower().endswith(_suffix(self._fmt)):
            path = path[: -len(_suffix(self._fmt))]
        elif path:
            path = str(Path(path).with_suffix(""))
        if path:
            self.path_edit.setText(path + _suffix(fmt))
        self._fmt = fmt

    def browse(self) -> None:
        exporter = exporter_for(fmt=self.format_name())
        pattern = f"{exporter.label} (*.{exporter.extension})"
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export to"), self.path() or self._folder(), pattern
        )
        if chosen:
            if not chosen.lower().endswith(f".{exporter.extension}"):
                chosen += _suffix(exporter.name)
            self.path_edit.setText(chosen)

    def _refuse(self, message: str, field: QWidget) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        field.setFocus()

    def accept(self) -> None:
        times: list[int | None] = []
        for edit, name in ((self.from_edit, self.tr("From")), (self.to_edit, self.tr("To"))):
            try:
                times.append(parse_time(edit.text()))
            except ValueError:
                text = self.tr("%1: type a time as M:SS or H:MM:SS, or leave it empty.")
                return self._refuse(text.replace("%1", name), edit)
        start, end = times
        if start is not None and end is not None and end <= start:
            return self._refuse(self.tr("The time range ends before it starts."), self.to_edit)
        if start is not None and self._duration_ms and start >= self._duration_ms:
            return self._refuse(
                self.tr("The time range starts after the media ends."), self.from_edit
            )
        if not self.path() or os.path.isdir(self.path()):
            return self._refuse(self.tr("Name the file to export to."), self.path_edit)
        self._remember()
        super().accept()

    # -- the last choice ------------------------------------------------------------------------
    def _folder(self) -> str:
        folder = str(QSettings().value(_KEY + "folder", "") or "")
        if folder and os.path.isdir(folder):
            return folder
        docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        return docs if docs and os.path.isdir(docs) else os.path.expanduser("~")

    def _restore(self) -> None:
        settings = QSettings()
        index = self.format_combo.findData(settings.value(_KEY + "format", "html"))
        self.format_combo.setCurrentIndex(max(index, 0))
        for key, box in self.checks.items():
            default = "false" if key == ORIGINAL else "true"
            self._wanted[key] = str(settings.value(_KEY + key, default)).lower() == "true"
            box.setChecked(self._wanted[key])
        self.lines_combo.setCurrentIndex(
            max(self.lines_combo.findData(settings.value(_KEY + "only", "")), 0)
        )
        name = suggested_filename(Transcript(title=self._title), self.format_name())
        self.path_edit.setText(os.path.join(self._folder(), name))
        self._format_changed()

    def _remember(self) -> None:
        settings = QSettings()
        settings.setValue(_KEY + "format", self.format_name())
        for key in self.checks:
            settings.setValue(_KEY + key, "true" if self._include(key) else "false")
        settings.setValue(_KEY + "only", self.lines_combo.currentData())
        folder = os.path.dirname(self.path())
        if folder:
            settings.setValue(_KEY + "folder", folder)
