"""What the window shows when things are missing, and what it keeps between sessions."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from app.player.fake import FakePlayer
from app.store.importing import open_pair
from app.store.library import Library
from app.ui.library.open_dialog import OpenDialog
from app.ui.window import application
from app.ui.window.main_window import MainWindow
from tests.ui.conftest import open_window

SHIFT = Qt.KeyboardModifier.ShiftModifier


def test_without_libvlc_the_transcript_stays_usable(
    qtbot: QtBot, library: Library, srt_file: Path, tmp_path: Path
) -> None:
    player = FakePlayer(duration=60_000)
    player.available = False
    player.unavailable_reason = "libVLC was not found: install VLC 3"
    media = tmp_path / "m.mp4"
    media.write_bytes(b"x")
    window = open_window(qtbot, library, player, srt_file, media)
    assert window.video.showing_message
    assert "install VLC" in window.video.message.text()
    assert window.model.rowCount() == 60
    assert window.model.line(59).text == "Line number 59"


def test_player_error_is_shown_in_place_of_the_video(qtbot: QtBot, fake_window: MainWindow) -> None:
    assert isinstance(fake_window.player, FakePlayer)
    fake_window.player.fail("Cannot play: unsupported codec")
    assert fake_window.video.showing_message
    assert "unsupported codec" in fake_window.video.message.text()


def test_missing_media_on_the_command_line_opens_the_transcript_with_the_relink_bar(
    qtbot: QtBot, library: Library, srt_file: Path, tmp_path: Path
) -> None:
    window = MainWindow(library, FakePlayer())
    qtbot.addWidget(window)
    window.show()
    gone = tmp_path / "gone.mp4"
    assert application.open_into(window, str(srt_file), str(gone))
    assert window.project_id is not None
    assert window.model.rowCount() == 60  # the transcript, to read while the media is away
    assert window.relink_bar.isVisible()
    assert str(gone) in window.relink_bar.text
    assert window.relink_bar.find_button.isVisible()


def test_moved_media_on_the_command_line_is_found_and_used(
    qtbot: QtBot, library: Library, srt_file: Path, tmp_path: Path
) -> None:
    media = tmp_path / "talk.mp4"
    media.write_bytes(b"the recording" * 1000)
    first = open_pair(library, srt_file, media)  # the project knows the file's size and hash
    moved = tmp_path / "media" / "talk.mp4"
    moved.parent.mkdir()
    media.rename(moved)
    player = FakePlayer()
    window = MainWindow(library, player)
    qtbot.addWidget(window)
    window.show()
    assert application.open_into(window, str(srt_file), str(media))  # the old path, as typed
    assert window.project_id == first.project_id
    assert "Found talk.mp4" in window.relink_bar.text
    assert library.get_project(first.project_id).media_path == str(moved)
    assert player.path == str(moved)  # and the player plays it


def test_unreadable_transcript_is_refused_with_a_message_on_the_start_screen(
    qtbot: QtBot, library: Library, tmp_path: Path, monkeypatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a, **k: shown.append(text))
    junk = tmp_path / "junk.srt"
    junk.write_bytes(b"\x00\x01\x02binary")
    window = MainWindow(library, FakePlayer())
    qtbot.addWidget(window)
    assert not application.open_into(window, str(junk), None)
    assert shown == []  # no box to click away before the window can be used
    assert window.pages.currentWidget() is window.start_screen
    assert "junk.srt" in window.start_screen.status_text
    assert library.list_projects() == []


def test_reopening_a_pair_restores_the_line_and_position(
    qtbot: QtBot, tmp_path: Path, srt_file: Path
) -> None:
    db = tmp_path / "lib.sqlite3"
    media = tmp_path / "m.mp4"
    media.write_bytes(b"x")
    library = Library.open(str(db))
    window = open_window(qtbot, library, FakePlayer(duration=60_000), srt_file, media)
    window.view.selectRow(33)
    window.player.seek(33_400)
    window.close()
    first_id = window.project_id
    library.close()

    again = Library.open(str(db))  # a new engine on the same file, as after a restart
    player = FakePlayer(duration=60_000)
    window2 = open_window(qtbot, again, player, srt_file, media)
    assert window2.project_id == first_id
    assert window2.view.currentIndex().row() == 33
    assert player.seeks[-1] == 33_400
    assert window2.transport.time_label.text().startswith("00:33")
    assert len(again.list_projects()) == 1
    window2.close()
    again.close()


def test_opening_the_same_pair_twice_gives_one_project(
    library: Library, srt_file: Path, tmp_path: Path
) -> None:
    media = tmp_path / "m.mp4"
    media.write_bytes(b"x")
    first = open_pair(library, srt_file, media)
    second = open_pair(library, srt_file, media)
    assert first.created and not second.created
    assert first.project_id == second.project_id
    assert [line.id for line in first.transcript.lines] == [
        line.id for line in second.transcript.lines
    ]


def test_audio_only_media_gives_the_timeline_the_pictures_place(
    qtbot: QtBot, library: Library, srt_file: Path, tmp_path: Path
) -> None:
    player = FakePlayer(duration=60_000)
    player.video = False  # what the player finds in an mp3
    media = tmp_path / "talk.mp3"
    media.write_bytes(b"x")
    window = open_window(qtbot, library, player, srt_file, media)
    assert not window.video.isVisible()
    assert window.timeline.isVisible()
    qtbot.waitUntil(lambda: window.timeline.height() > 200)  # it grows into the video's room


def test_esc_leaves_the_projects_screen_back_to_the_open_project(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    window = fake_window
    project = window.project_id
    window.view.go_to_row(20)
    QTest.keyClick(window.view, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier | SHIFT)
    assert window.pages.currentWidget() is window.start_screen
    back = window.start_screen.back_button
    assert back.isVisible() and "numbers" in back.text()  # the project, by its title
    focused = QApplication.focusWidget() or window.start_screen.view
    QTest.keyClick(focused, Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is window.project_page
    assert window.project_id == project
    assert window.view.current_source_row() == 20  # where it was left
    assert window.model.rowCount() == 60


def test_file_open_says_the_media_is_missing_before_it_closes(
    qtbot: QtBot, srt_file: Path, tmp_path: Path
) -> None:
    dialog = OpenDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.transcript_edit.setText(str(srt_file))
    dialog.media_edit.setText(str(tmp_path / "gone.mp4"))
    dialog.refresh_preview()
    open_button = dialog.buttons.button(QDialogButtonBox.StandardButton.Open)
    qtbot.mouseClick(open_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()  # still there, with both paths
    assert "gone.mp4" in dialog.summary.text() and "not found" in dialog.summary.text()
    assert dialog.paths() == (str(tmp_path / "gone.mp4"), str(srt_file))
    qtbot.mouseClick(open_button, Qt.MouseButton.LeftButton)  # "open it anyway"
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_export_is_offered_only_with_a_project_open(
    qtbot: QtBot, fake_window: MainWindow, monkeypatch
) -> None:
    window = fake_window
    assert window.menus.export.isEnabled()
    window.show_start_screen()
    assert not window.menus.export.isEnabled()  # greyed in File, and its key does nothing
    opened: list[object] = []
    monkeypatch.setattr("app.ui.window.main_window.open_export", lambda *a: opened.append(a))
    QTest.keyClick(
        window.start_screen.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | SHIFT
    )
    assert opened == []
    QTest.keyClick(window.start_screen.view, Qt.Key.Key_Escape)  # back to the project
    assert window.menus.export.isEnabled()
