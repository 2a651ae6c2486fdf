"""File > Open shows how a transcript will read before it is imported, and takes overrides."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from app.player.fake import FakePlayer
from app.store.library import Library
from app.ui.library.open_dialog import OpenDialog
from app.ui.window.application import open_into
from app.ui.window.main_window import MainWindow

DATA = Path(__file__).resolve().parents[1] / "data"


def _dialog(qtbot: QtBot) -> OpenDialog:
    dialog = OpenDialog()
    qtbot.addWidget(dialog)
    return dialog


def _open_enabled(dialog: OpenDialog) -> bool:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Open).isEnabled()


def test_preview_shows_format_encoding_and_first_lines(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    assert not _open_enabled(dialog)
    dialog.transcript_edit.setText(str(DATA / "srt-cp1251-russian.srt"))
    dialog.refresh_preview()
    assert "cp1251" in dialog.summary.text()
    assert "SubRip" in dialog.summary.text()
    assert "Привет! Как у вас дела сегодня?" in dialog.preview.toPlainText()
    assert _open_enabled(dialog)


def test_encoding_override_changes_the_preview_live(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    dialog.transcript_edit.setText(str(DATA / "srt-cp1251-russian.srt"))
    dialog.refresh_preview()
    detected = dialog.preview.toPlainText()
    dialog.encoding_box.setCurrentIndex(dialog.encoding_box.findData("cp1252"))
    assert "cp1252" in dialog.summary.text()
    assert dialog.preview.toPlainText() != detected
    assert dialog.chosen_encoding() == "cp1252"


def test_unreadable_file_says_why_and_cannot_be_opened(qtbot: QtBot, tmp_path: Path) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_text("just some words\nwith no times\n", encoding="utf-8")
    dialog = _dialog(qtbot)
    dialog.transcript_edit.setText(str(junk))
    dialog.refresh_preview()
    assert dialog.summary.text().startswith("Cannot read this file")
    assert not _open_enabled(dialog)


def test_import_uses_the_chosen_encoding(qtbot: QtBot, library: Library) -> None:
    window = MainWindow(library, FakePlayer())
    qtbot.addWidget(window)
    path = str(DATA / "srt-cp1251-russian.srt")
    assert open_into(window, path, None, encoding="cp1252")
    forced = window.model.line(0).text
    assert all(ch not in forced for ch in "абвгдежзийклмнопрстуфхцчшщыэюя")
