"""Moving between projects in the window: the start screen, File > Open Recent, and media that
moved since the project was made."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.player.fake import FakePlayer
from app.store.importing import open_pair
from app.store.library import Library
from app.ui.window.main_window import MainWindow
from tests.ui.conftest import open_window


def test_the_start_screen_lists_projects_and_opens_one(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    project = fake_window.project_id
    fake_window.show_start_screen()
    assert fake_window.pages.currentWidget() is fake_window.start_screen
    assert fake_window.model.rowCount() == 0
    screen = fake_window.start_screen
    screen.select_project(project)  # type: ignore[arg-type]
    screen.view.setFocus()
    qtbot.keyClick(screen.view, Qt.Key.Key_Return)
    assert fake_window.pages.currentWidget() is fake_window.project_page
    assert fake_window.project_id == project
    assert fake_window.model.rowCount() == 60


def test_open_recent_lists_the_projects(fake_window: MainWindow) -> None:
    fake_window.menus.fill_recent_menu()
    texts = [a.text() for a in fake_window.menus.recent_menu.actions()]
    assert any("numbers" in t.lower() for t in texts)
    fake_window.show_start_screen()
    fake_window.menus.recent_menu.actions()[0].trigger()
    assert fake_window.pages.currentWidget() is fake_window.project_page
    assert fake_window.model.rowCount() == 60


def test_moved_media_is_offered_for_relink_and_found(
    qtbot: QtBot, library: Library, srt_file: Path, tmp_path: Path
) -> None:
    media_dir = tmp_path / "media"
    media_dir.mkdir()
    media = media_dir / "numbers.mp4"
    media.write_bytes(b"\x00" * 4096 + b"the picture")
    opened = open_pair(library, srt_file, media)
    # The user moves the video next to the transcript.
    shutil.move(str(media), str(srt_file.parent / "numbers.mp4"))
    player = FakePlayer(duration=60_000)
    window = MainWindow(library, player)
    qtbot.addWidget(window)
    window.show()
    window.open_project_id(opened.project_id)
    assert window.relink_bar.isVisible()
    assert window.video.showing_message
    assert window.model.rowCount() == 60  # the transcript is usable meanwhile
    qtbot.mouseClick(window.relink_bar.find_button, Qt.MouseButton.LeftButton)
    assert not window.relink_bar.find_button.isVisible()  # it says where it found the file
    assert "numbers.mp4" in window.relink_bar.text
    assert not window.video.showing_message
    assert player.path == str(srt_file.parent / "numbers.mp4")
    assert library.get_project(opened.project_id).media_path == str(srt_file.parent / "numbers.mp4")


def test_a_project_with_its_media_shows_no_relink_bar(
    qtbot: QtBot, library: Library, srt_file: Path, tmp_path: Path
) -> None:
    media = tmp_path / "here.mp4"
    media.write_bytes(b"x" * 100)
    window = open_window(qtbot, library, FakePlayer(duration=60_000), srt_file, media)
    assert not window.relink_bar.isVisible()


def test_the_start_screen_puts_the_panels_away_and_back(fake_window: MainWindow) -> None:
    fake_window.panels["allNotesDock"].show()
    fake_window.show_start_screen()
    assert not fake_window.panels["notesDock"].isVisible()
    assert not fake_window.panels["allNotesDock"].isVisible()
    assert not fake_window.progress.isVisible()
    fake_window.start_screen.openProject.emit(fake_window.start_screen.current_project_id())
    assert (
        fake_window.panels["notesDock"].isVisible()
        and fake_window.panels["allNotesDock"].isVisible()
    )
    assert fake_window.progress.isVisible()
