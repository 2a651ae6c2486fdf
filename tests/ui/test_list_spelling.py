"""Misspelt words are underlined in the transcript's rows, not only in the editor (issue 18,
15): the red wavy line shows under "recieve" where the row is drawn, and goes once the word is
added to the dictionary."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, QSettings, QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot

from app.core.formats.registry import write_path
from app.core.transcript import Line, Transcript
from app.player.fake import FakePlayer
from app.store.importing import open_pair
from app.store.library import Library
from app.ui.editing.spell_highlighter import LANGUAGE_KEY, UNDERLINE
from app.ui.preferences.preferences import PreferencesDialog
from app.ui.window.main_window import MainWindow


def _reddish(image: QImage, rect: QRect) -> int:
    """Pixels of ``rect`` of the spelling underline's red hue (the thin wave is drawn blended
    with the row's background, so pink on a light row)."""
    assert UNDERLINE.red() > UNDERLINE.green() + 100  # what is looked for
    count = 0
    for y in range(rect.top(), rect.bottom() + 1):
        for x in range(rect.left(), rect.right() + 1):
            c = QColor(image.pixel(x, y))
            if c.red() > c.green() + 40 and c.red() > c.blue() + 40:
                count += 1
    return count


def test_a_misspelt_word_is_underlined_in_its_row(
    qtbot: QtBot, library: Library, tmp_path: Path
) -> None:
    QSettings().setValue(LANGUAGE_KEY, "en_GB")
    lines = [
        Line(0, 1000, "We will recieve the programme tomorrow"),
        Line(1000, 2000, "Everything here is spelt right"),
        Line(2000, 3000, "A third line"),
    ]
    path = tmp_path / "spell.srt"
    write_path(Transcript(lines=lines), path, "srt")
    window = MainWindow(library, FakePlayer(duration=3000))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    assert QTest.qWaitForWindowExposed(window)
    opened = open_pair(library, path)
    window.show_project(opened.project_id, opened.transcript, opened.report)
    view = window.view
    view.go_to_row(2)  # not selected: the rows are drawn in their plain colours
    QApplication.processEvents()

    def shot() -> QImage:
        return view.viewport().grab().toImage()

    image = shot()
    wrong, right = view.row_rect(0), view.row_rect(1)
    assert _reddish(image, wrong) > 10, "the misspelt row shows the red underline"
    assert _reddish(image, right) == 0, "a row spelt right has none"
    assert not window.editing.spell.checker.known("recieve")
    window.editing.spell.add_word("recieve")  # Add to Dictionary (from the editor's menu)
    qtbot.waitUntil(lambda: _reddish(shot(), view.row_rect(0)) == 0)


def test_choosing_american_english_flags_programme_in_the_list(
    qtbot: QtBot, library: Library, tmp_path: Path
) -> None:
    QSettings().setValue(LANGUAGE_KEY, "en_GB")
    path = tmp_path / "gb.srt"
    write_path(Transcript(lines=[Line(0, 1000, "The programme"), Line(1000, 2000, "x")]), path)
    window = MainWindow(library, FakePlayer(duration=2000))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    assert QTest.qWaitForWindowExposed(window)
    opened = open_pair(library, path)
    window.show_project(opened.project_id, opened.transcript, opened.report)
    view = window.view
    view.go_to_row(1)
    QApplication.processEvents()
    assert _reddish(view.viewport().grab().toImage(), view.row_rect(0)) == 0  # fine in en-GB

    def choose_us() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PreferencesDialog):
            QTimer.singleShot(20, choose_us)
            return
        combo = dialog.findChild(QComboBox, "spellLanguage")
        assert combo is not None
        names = [combo.itemText(i) for i in range(combo.count())]
        assert "English (United Kingdom)" in names and "English (United States)" in names
        combo.setCurrentIndex(combo.findData("en_US"))
        dialog.accept()

    QTimer.singleShot(0, choose_us)
    window.menus.preferences.trigger()  # Edit > Preferences…
    assert window.editing.spell.checker.language == "en_US"
    qtbot.waitUntil(lambda: _reddish(view.viewport().grab().toImage(), view.row_rect(0)) > 10)


def test_a_name_starting_a_line_is_not_underlined_when_the_transcript_uses_it_as_a_name(
    qtbot: QtBot, library: Library, tmp_path: Path
) -> None:
    QSettings().setValue(LANGUAGE_KEY, "en_GB")
    lines = [
        Line(0, 1000, "According to aide Yuri Ushakov, the talks went on"),
        Line(1000, 2000, "Ushakov said Moscow remains committed"),
        Line(2000, 3000, "x"),
    ]
    path = tmp_path / "names.srt"
    write_path(Transcript(lines=lines), path)
    window = MainWindow(library, FakePlayer(duration=3000))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    assert QTest.qWaitForWindowExposed(window)
    opened = open_pair(library, path)
    window.show_project(opened.project_id, opened.transcript, opened.report)
    view = window.view
    view.go_to_row(2)
    QApplication.processEvents()
    assert _reddish(view.viewport().grab().toImage(), view.row_rect(1)) == 0
