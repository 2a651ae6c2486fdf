"""Help > Check Library… and File > Back Up Library… in the window, and what a read-only
library looks like."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from app.player.fake import FakePlayer
from app.store.library import Library
from app.ui.window.main_window import MainWindow
from tests.ui.conftest import open_window


def test_check_library_says_it_is_fine(
    fake_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: said.append(text))
    fake_window.menus.check_library()
    assert said == ["The library is fine."]


def test_back_up_library_writes_a_copy_that_opens(
    fake_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "copy.sqlite3"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    line_id = fake_window.model.line(3).id
    assert line_id is not None
    fake_window.session.add_note(line_id, "Keep me")
    fake_window.menus.back_up_library()
    assert "copy.sqlite3" in fake_window.statusBar().currentMessage()
    with Library.open(str(target)) as copy:
        (project,) = copy.list_projects()
        assert copy.load_transcript(project.id).lines[3].notes[0].body == "Keep me"


def test_a_read_only_library_says_so_and_keeps_working(
    qtbot: QtBot, tmp_path: Path, srt_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: shown.append(text))
    db = tmp_path / "lib.sqlite3"
    media = tmp_path / "m.mp4"
    media.write_bytes(b"x")
    with Library.open(str(db)) as writable:
        from app.store.importing import open_pair

        open_pair(writable, srt_file, media)
    library = Library.open(str(db), read_only=True)
    window = open_window(qtbot, library, FakePlayer(duration=60_000), srt_file, media)
    assert "(read-only)" in window.windowTitle()
    errors: list[str] = []
    window.session.failed.connect(errors.append)
    line_id = window.model.line(0).id
    assert line_id is not None
    assert not window.session.set_status([line_id], "approved")
    assert errors and "read-only" in errors[0]
    assert shown and "not saved" in shown[0]  # told in a message box, not a traceback
    window.player.seek(5_000)
    window.close()  # saving the place is skipped, not an error
    library.close()
