"""The author shown with notes is set in Preferences and used for the next note."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from app.ui.preferences.preferences import PreferencesDialog
from app.ui.review.review_session import AUTHOR_KEY, default_author
from app.ui.window.main_window import MainWindow


def test_author_from_preferences_signs_the_next_note(qtbot: QtBot, fake_window: MainWindow) -> None:
    dialog = PreferencesDialog(fake_window)
    qtbot.addWidget(dialog)
    dialog.author_edit.setText("  Maria Keller ")
    dialog.accept()
    line_id = fake_window.model.line(2).id
    assert line_id is not None
    note = fake_window.session.add_note(line_id, "Check the spelling")
    assert note is not None and note.author == "Maria Keller"
    assert fake_window.model.line(2).notes[-1].author == "Maria Keller"

    cleared = PreferencesDialog(fake_window)
    qtbot.addWidget(cleared)
    assert cleared.author_edit.text() == "Maria Keller"
    cleared.author_edit.clear()
    cleared.accept()
    assert QSettings().value(AUTHOR_KEY) is None
    assert fake_window.session.author() == default_author()


def test_cancel_changes_nothing(qtbot: QtBot, fake_window: MainWindow) -> None:
    QSettings().setValue(AUTHOR_KEY, "Before")
    dialog = PreferencesDialog(fake_window)
    qtbot.addWidget(dialog)
    dialog.author_edit.setText("After")
    dialog.reject()
    assert fake_window.session.author() == "Before"
    QSettings().remove(AUTHOR_KEY)
