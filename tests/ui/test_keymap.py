"""Every command's key can be changed (a foot pedal's F13 too), clashes are caught, defaults come
back, and the user's keys survive a restart."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from app.player.fake import FakePlayer
from app.store.library import Library
from app.ui.preferences.preferences import PreferencesDialog
from app.ui.window.keymap import GROUP, Keymap, install_keymap
from app.ui.window.main_window import MainWindow
from app.ui.window.shortcut_reference import ShortcutReference
from tests.ui.conftest import open_window


@pytest.fixture(autouse=True)
def clean_shortcuts() -> Iterator[None]:
    QSettings().remove(GROUP)
    yield
    QSettings().remove(GROUP)


def keys(action: QAction) -> list[str]:
    return [k.toString() for k in action.shortcuts()]


def statuses(window: MainWindow) -> list[str]:
    assert window.project_id is not None
    return [line.status for line in window.library.load_transcript(window.project_id).lines]


def test_every_command_is_bindable_by_a_stable_id(fake_window: MainWindow) -> None:
    keymap = install_keymap(fake_window)
    for action_id in ("review.approve", "playback.play", "edit.redo", "view.notes_dock"):
        assert action_id in keymap.ids()
    assert keymap.label("review.flag") == "Flag (Needs a Fix)"
    assert [k.toString() for k in keymap.defaults("edit.redo")] == ["Ctrl+Shift+Z", "Ctrl+Y"]
    assert fake_window.menus.review.approve.objectName() == "review.approve"


def test_a_pedal_key_binding_works_and_survives_a_restart(
    qtbot: QtBot, fake_window: MainWindow, library: Library, srt_file: Path, tmp_path: Path
) -> None:
    keymap = fake_window.keymap
    keymap.set_shortcut("review.approve", "F13")
    approve = fake_window.menus.review.approve
    assert keys(approve) == ["F13"]
    assert QSettings().value(f"{GROUP}/review.approve") == "F13"

    fake_window.view.select_rows([4])
    qtbot.keyClick(fake_window.view, Qt.Key.Key_F13)
    assert statuses(fake_window)[4] == "approved"
    qtbot.keyClick(fake_window.view, Qt.Key.Key_A)  # the old key is free now
    fake_window.view.select_rows([5])
    qtbot.keyClick(fake_window.view, Qt.Key.Key_A)
    assert statuses(fake_window)[5] == "unreviewed"

    media = tmp_path / "again.mp4"
    media.write_bytes(b"x")
    again = open_window(qtbot, library, FakePlayer(duration=60_000), srt_file, media)
    assert keys(again.menus.review.approve) == ["F13"]  # the window applies it at start


def test_no_key_is_kept_as_an_empty_string(fake_window: MainWindow) -> None:
    keymap = install_keymap(fake_window)
    keymap.set_shortcuts("review.flag", [])
    assert QSettings().value(f"{GROUP}/review.flag") == ""
    assert fake_window.menus.review.flag.shortcuts() == []
    fresh = Keymap()
    fresh.register(fake_window.menus.review.flag)
    assert fresh.shortcuts("review.flag") == []


def test_clashes_are_found_within_a_window_only(qtbot: QtBot, fake_window: MainWindow) -> None:
    keymap = install_keymap(fake_window)
    assert keymap.clashes("review.approve", "F") == ["review.flag"]
    assert keymap.clashes("review.approve", "Ctrl+Y") == ["edit.redo"]
    assert keymap.clashes("review.approve", "F13") == []
    assert keymap.clashes("review.approve", QKeySequence()) == []
    # The View menu's dock toggles live only in the menu bar: still the same window.
    assert keymap.clashes("review.approve", "Ctrl+Shift+1") == ["view.line_dock"]

    other = QWidget()
    qtbot.addWidget(other)
    elsewhere = QAction("Elsewhere", other)
    elsewhere.setShortcut(QKeySequence("F"))
    other.addAction(elsewhere)
    keymap.register(elsewhere, "other.elsewhere")
    assert keymap.clashes("review.approve", "F") == ["review.flag"]


def test_reset_and_reset_all_bring_the_defaults_back(fake_window: MainWindow) -> None:
    keymap = install_keymap(fake_window)
    keymap.set_shortcut("review.approve", "F13")
    keymap.set_shortcut("review.flag", "F14")
    keymap.reset("review.approve")
    assert keys(fake_window.menus.review.approve) == ["A"]
    assert not QSettings().contains(f"{GROUP}/review.approve")
    keymap.reset_all()
    assert keys(fake_window.menus.review.flag) == ["F"]
    assert not [k for k in QSettings().allKeys() if k.startswith(f"{GROUP}/")]


def page_dialog(qtbot: QtBot, window: MainWindow) -> PreferencesDialog:
    window.keymap = install_keymap(window)  # type: ignore[attr-defined]
    dialog = PreferencesDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.shortcuts is not None
    dialog.tabs.setCurrentWidget(dialog.shortcuts)
    return dialog


def test_shortcuts_tab_records_a_pedal_key(qtbot: QtBot, fake_window: MainWindow) -> None:
    dialog = page_dialog(qtbot, fake_window)
    page = dialog.shortcuts
    assert page is not None
    page.table.selectRow(page.row_of("review.approve"))
    assert page.editor.keySequence().toString() == "A"
    page.editor.clear()
    qtbot.keyClick(page.editor, Qt.Key.Key_F13)
    assert [k.toString() for k in page.pending["review.approve"]] == ["F13"]
    assert page.table.item(page.row_of("review.approve"), page.SHORTCUT).text() == "F13"
    assert keys(fake_window.menus.review.approve) == ["A"]  # nothing changes before OK
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert keys(fake_window.menus.review.approve) == ["F13"]


def test_a_clash_is_named_and_must_be_resolved(qtbot: QtBot, fake_window: MainWindow) -> None:
    dialog = page_dialog(qtbot, fake_window)
    page = dialog.shortcuts
    assert page is not None
    page.table.selectRow(page.row_of("review.approve"))
    assert not page.bind("review.approve", "F")
    assert page.clash_label.isVisibleTo(page)
    assert "Flag (Needs a Fix)" in page.clash_label.text()
    assert [k.toString() for k in page.pending["review.approve"]] == ["A"]
    dialog.accept()  # refused while the clash waits
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.tabs.currentWidget() is page

    page.take_key()
    assert not page.clash_label.isVisibleTo(page)
    assert [k.toString() for k in page.pending["review.approve"]] == ["F"]
    assert page.pending["review.flag"] == []
    assert page.table.item(page.row_of("review.flag"), page.SHORTCUT).text() == "(none)"
    dialog.accept()
    assert keys(fake_window.menus.review.approve) == ["F"]
    assert keys(fake_window.menus.review.flag) == []


def test_search_restore_default_and_restore_all(qtbot: QtBot, fake_window: MainWindow) -> None:
    dialog = page_dialog(qtbot, fake_window)
    page = dialog.shortcuts
    assert page is not None
    page.search.setText("line next")  # every word, anywhere
    shown = [i for i in page._ids if not page.table.isRowHidden(page.row_of(i))]
    assert sorted(shown) == [
        "edit.merge",  # "Merge With Next Line"
        "listen.next_doubtful",  # "Next Doubtful Line"
        "playback.next_line",
        "review.approve_next",
        "review.next_flagged",
        "review.next_note",
        "review.next_unreviewed",
    ]
    page.search.setText("ctrl+e")  # keys are searched too
    shown = [i for i in page._ids if not page.table.isRowHidden(page.row_of(i))]
    assert shown == ["review.next_flagged"]
    page.search.clear()

    assert page.bind("review.flag", "F14")
    assert page.bind("review.approve", "F15")
    page.table.selectRow(page.row_of("review.flag"))
    page.restore_default()
    assert [k.toString() for k in page.pending["review.flag"]] == ["F"]
    page.restore_all_defaults()
    assert [k.toString() for k in page.pending["review.approve"]] == ["A"]
    dialog.accept()
    assert not QSettings().contains(f"{GROUP}/review.approve")


def test_without_a_keymap_the_dialog_has_no_shortcuts_tab(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = PreferencesDialog(parent)
    qtbot.addWidget(dialog)
    assert dialog.shortcuts is None
    titles = [dialog.tabs.tabText(i).replace("&", "") for i in range(dialog.tabs.count())]
    assert titles == ["Review", "Playback", "Appearance", "Editing", "Listening"]


def test_help_lists_every_command_with_the_users_keys(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    fake_window.keymap.set_shortcut("review.flag", "F13")  # a pedal: the reference shows it
    qtbot.keyClick(fake_window.view, Qt.Key.Key_F1)
    dialog = fake_window.findChild(ShortcutReference)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    listed = dict(dialog.commands())
    assert len(listed) == len(fake_window.keymap.ids())
    assert listed["Flag (Needs a Fix)"] == "F13"
    assert listed["Loop Line or Selection"] == "Ctrl+L"
    assert listed["Approve and Next Line"] == "Shift+A"
    assert listed["Keyboard Shortcuts"] == "F1"
    dialog.filter.setText("loop")
    assert [name for name, _keys in dialog.commands()] == ["Loop Line or Selection"]
    help_menu = fake_window.menuBar().actions()[-1].menu()
    assert "&Keyboard Shortcuts" in [a.text() for a in help_menu.actions()]
    dialog.close()


def _select_in_line_panel(qtbot: QtBot, window: MainWindow, row: int, length: int) -> None:
    """The line picked in the list, then its first ``length`` characters with Shift+Right."""
    window.view.select_rows([row])
    window.panels["lineDock"].show()
    text = window.line_panel.text
    text.setFocus()
    qtbot.keyClick(text, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for _ in range(length):
        qtbot.keyClick(text, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)


def test_the_tag_keys_are_commands_the_user_can_rebind(
    qtbot: QtBot, fake_window: MainWindow
) -> None:
    keymap = fake_window.keymap
    numbered = [f"review.highlight_tag_{n}" for n in range(1, 10)]
    assert set(numbered) <= set(keymap.ids())
    assert keymap.label(numbered[0]) == "Highlight with Tag 1"  # not the tag of the moment
    assert [keys(keymap.action(i)) for i in numbered] == [[f"Ctrl+{n}"] for n in range(1, 10)]
    tags = fake_window.session.tags()

    keymap.set_shortcut("review.highlight_tag_2", "Alt+2")
    tag_2 = keymap.action("review.highlight_tag_2")
    assert tag_2.toolTip().endswith("(Alt+2)"), "the button's tip names the new key"
    _select_in_line_panel(qtbot, fake_window, 3, 4)
    qtbot.keyClick(fake_window.line_panel.text, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert fake_window.model.line(3).highlights == [], "Ctrl+2 is free now"
    qtbot.keyClick(fake_window.line_panel.text, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert [(h.tag, h.start, h.end) for h in fake_window.model.line(3).highlights] == [
        (tags[1].name, 0, 4)
    ]

    qtbot.keyClick(fake_window.view, Qt.Key.Key_F1)  # Help > Keyboard Shortcuts lists them
    dialog = fake_window.findChild(ShortcutReference)
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    listed = dict(dialog.commands())
    assert listed["Highlight with Tag 1"] == "Ctrl+1"
    assert listed["Highlight with Tag 2"] == "Alt+2"
    assert listed["Highlight with Tag 9"] == "Ctrl+9"
    dialog.close()


def test_the_tag_keys_are_listed_in_preferences(qtbot: QtBot, fake_window: MainWindow) -> None:
    dialog = page_dialog(qtbot, fake_window)
    page = dialog.shortcuts
    assert page is not None
    shown = {
        page.table.item(row, 0).text(): page.table.item(row, 1).text()
        for row in range(page.table.rowCount())
    }
    assert shown["Highlight with Tag 1"] == "Ctrl+1"
    assert shown["Highlight with Tag 9"] == "Ctrl+9"
