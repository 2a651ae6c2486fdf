"""Speakers: set on selected lines with the project's names offered, renamed everywhere, coloured
(colours kept in the library file)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QColorDialog, QInputDialog
from pytestqt.qtbot import QtBot

from app.store.library import Library
from app.ui.editing.speakers import SpeakerColors, SpeakerPicker, SpeakersDialog, speaker_counts
from tests.ui.test_changes_view import Editing, make_editing

# Speakers of test_changes_view.LINES: Alice, Bob, Alice, (none).


@pytest.fixture
def editing(library: Library) -> Iterator[Editing]:
    made = make_editing(library)
    yield made
    made.owner.deleteLater()


def speakers_of(editing: Editing) -> list[str]:
    return [line.speaker for line in editing.model.lines()]


def test_speaker_counts_most_lines_first(editing: Editing) -> None:
    assert speaker_counts(editing.model.lines()) == [("Alice", 2), ("Bob", 1)]


def test_the_picker_offers_the_projects_names_and_sets_the_rows(
    qtbot: QtBot, editing: Editing
) -> None:
    picker = SpeakerPicker(editing.session, [3, 1])
    qtbot.addWidget(picker)
    picker.show()
    qtbot.waitExposed(picker)
    assert picker.completer.model().stringList() == ["Alice", "Bob"]
    assert picker.edit.text() == ""  # the rows' speakers differ: nothing to suggest

    picker.edit.clear()
    QTest.keyClicks(picker.edit, "li")  # anywhere in the name, any case
    qtbot.waitUntil(lambda: picker.completer.popup().isVisible())
    assert picker.completer.currentCompletion() == "Alice"
    assert picker.completer.completionCount() == 1

    picker.edit.setText("alice")  # typed in another case: the project's spelling is kept
    picker.accept()
    assert speakers_of(editing) == ["Alice", "Alice", "Alice", "Alice"]
    with Library.open(str(editing.library.engine.url.database)) as fresh:
        stored = [line.speaker for line in fresh.load_transcript(editing.project_id).lines]
    assert stored == ["Alice", "Alice", "Alice", "Alice"]
    editing.undo.undo()  # one step
    assert speakers_of(editing) == ["Alice", "Bob", "Alice", ""]


def test_the_picker_starts_from_the_shared_speaker_and_a_new_name_works(
    qtbot: QtBot, editing: Editing
) -> None:
    picker = SpeakerPicker(editing.session, [0, 2])
    qtbot.addWidget(picker)
    assert picker.edit.text() == "Alice"
    picker.edit.setText("  Carol   Ann ")
    picker.accept()
    assert speakers_of(editing) == ["Carol Ann", "Bob", "Carol Ann", ""]


def test_the_dialog_lists_renames_and_undo_puts_back(
    qtbot: QtBot, editing: Editing, monkeypatch: pytest.MonkeyPatch
) -> None:
    colours = SpeakerColors(editing.library, editing.project_id)
    dialog = SpeakersDialog(editing.session, colours)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.speakers() == [("Alice", 2), ("Bob", 1)]

    dialog.select("Alice")
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("Alicia", True))
    dialog.rename_button.click()
    assert speakers_of(editing) == ["Alicia", "Bob", "Alicia", ""]
    assert dialog.speakers() == [("Alicia", 2), ("Bob", 1)]
    assert dialog.current_name() == "Alicia"

    assert not dialog.rename("Bob", "   ")
    assert dialog.error.isVisible()

    assert dialog.rename("Bob", "Alicia")  # into a name in use: the two merge
    assert dialog.speakers() == [("Alicia", 3)]
    editing.undo.undo()
    editing.undo.undo()
    qtbot.waitUntil(lambda: dialog.speakers() == [("Alice", 2), ("Bob", 1)])


def test_colours_are_kept_in_the_library(
    qtbot: QtBot, editing: Editing, monkeypatch: pytest.MonkeyPatch
) -> None:
    colours = SpeakerColors(editing.library, editing.project_id)
    dialog = SpeakersDialog(editing.session, colours)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.select("Bob")
    assert not dialog.clear_button.isEnabled()
    monkeypatch.setattr(QColorDialog, "getColor", lambda *args, **kwargs: QColor("#ffb870"))
    with qtbot.waitSignal(colours.changed):
        dialog.colour_button.click()
    assert colours.speaker_color("Bob") == QColor("#ffb870")
    assert colours.speaker_color("Alice") is None
    assert dialog.clear_button.isEnabled()
    background, text = colours.model_colors()["Bob"]
    assert background == QColor("#ffb870") and text == QColor("black")

    path = str(editing.library.engine.url.database)
    with Library.open(path) as fresh:
        assert SpeakerColors(fresh, editing.project_id).speaker_color("Bob") == QColor("#ffb870")
        assert SpeakerColors(fresh, editing.project_id + 1).colors() == {}  # per project

    # A rename takes the colour along; undoing it finds the old name's colour still there.
    dialog.rename("Bob", "Robert")
    assert colours.speaker_color("Robert") == QColor("#ffb870")
    editing.undo.undo()
    assert colours.speaker_color("Bob") == QColor("#ffb870")

    qtbot.waitUntil(lambda: dialog.select("Bob"))  # the list follows the undo
    dialog.clear_button.click()
    with Library.open(path) as fresh:
        again = SpeakerColors(fresh, editing.project_id)
        assert again.speaker_color("Bob") is None
        assert again.speaker_color("Robert") == QColor("#ffb870")


def test_unreadable_stored_colours_are_ignored(editing: Editing) -> None:
    from app.store.review import ReviewStore
    from app.ui.editing.speakers import colors_key

    store = ReviewStore(editing.library)
    store.set_setting(colors_key(editing.project_id), "{not json")
    assert SpeakerColors(editing.library, editing.project_id).colors() == {}
    store.set_setting(colors_key(editing.project_id), '{"Bob": "not a colour", "Al": "#123456"}')
    assert SpeakerColors(editing.library, editing.project_id).colors() == {"Al": QColor("#123456")}
