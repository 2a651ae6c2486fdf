"""A new panel is one call (docs/ARCHITECTURE.md, CONTRIBUTING.md "Adding a panel"): the View
menu, its Ctrl+Shift+number, the keymap and the shortcut reference, the saved layout and the
Projects screen all follow the window's one list of panels."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QMainWindow
from pytestqt.qtbot import QtBot

import app.ui.window.main_window as main_window
from app.player.fake import FakePlayer
from app.store.library import Library
from app.ui.window.panels import Panels
from app.ui.window.shortcut_reference import reference_rows
from app.ui.window.window_layout import add_panels
from tests.ui.conftest import open_window

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_panels_are_listed_in_the_order_added_and_numbered(qtbot: QtBot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    panels = Panels(window)
    first = panels.add("First", "firstDock", QLabel())
    for number in range(2, 11):
        panels.tab(f"Panel {number}", f"panel{number}Dock", QLabel(), beside="firstDock")

    assert [dock.windowTitle() for dock in panels][:3] == ["First", "Panel 2", "Panel 3"]
    assert panels["firstDock"] is first
    keys = [toggle.shortcut().toString() for toggle in panels.view_actions()]
    assert keys[:2] == ["Ctrl+Shift+1", "Ctrl+Shift+2"]
    assert keys[8] == "Ctrl+Shift+9"
    assert keys[9] == "", "a tenth panel has its toggle but no key past Ctrl+Shift+9"
    with pytest.raises(ValueError, match="firstDock"):
        panels.add("Again", "firstDock", QLabel())


@pytest.fixture
def with_glossary(monkeypatch: pytest.MonkeyPatch) -> None:
    """The recipe's one line, added to the window's default panels."""

    def panels_and_glossary(panels: Panels, *args: object) -> None:
        add_panels(panels, *args)  # type: ignore[arg-type]
        panels.tab("Glossary", "glossaryDock", QLabel("terms"), beside="allNotesDock")

    monkeypatch.setattr(main_window, "add_panels", panels_and_glossary)


def test_a_panel_added_in_one_line_is_everywhere_a_panel_is(
    with_glossary: None, qtbot: QtBot, library: Library, srt_file: Path, tmp_path: Path
) -> None:
    media = tmp_path / "numbers.mp4"
    media.write_bytes(b"x")
    window = open_window(qtbot, library, FakePlayer(duration=60_000), srt_file, media)
    glossary = window.panels["glossaryDock"]
    assert not glossary.isVisible(), "a tabbed panel waits until asked for"

    view_menu = next(
        action.menu() for action in window.menuBar().actions() if action.text() == "&View"
    )
    toggle = next(action for action in view_menu.actions() if action.text() == "Glossary")
    assert toggle.shortcut() == QKeySequence("Ctrl+Shift+7")
    assert "view.glossary_dock" in window.keymap.ids()
    assert ("Show the Glossary Panel", "Ctrl+Shift+7") in [
        (label, keys) for _group, label, keys in reference_rows(window.keymap)
    ]

    QTest.keyClick(window, Qt.Key.Key_7, CTRL_SHIFT)
    qtbot.waitUntil(glossary.isVisible)

    QTest.keyClick(window, Qt.Key.Key_O, CTRL_SHIFT)  # File > Projects: the panels step aside
    assert window.pages.currentWidget() is window.start_screen
    assert not glossary.isVisible()
    window.open_project_id(library.list_projects()[0].id)
    assert glossary.isVisible(), "it came back with the project, as it was"

    window.close()  # the layout is kept with it
    again = main_window.MainWindow(library, FakePlayer(duration=60_000))
    qtbot.addWidget(again)
    again.restore_layout()
    again.show()
    again.open_project_id(library.list_projects()[0].id)
    assert again.panels["glossaryDock"].isVisible(), "shown when the app was left: shown again"
