"""The window on a team library greys out what the login's role may not do (issue 15, item 7),
driven with real keys and clicks on a real PostgreSQL library opened with a real login."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QAbstractItemView, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from app.core.transcript import Note
from app.player.fake import FakePlayer
from app.store.importing import open_pair
from app.store.library import Library
from app.store.review import ReviewStore
from app.store.team_roles import add_user
from app.ui.transcript.transcript_model import TranscriptModel
from app.ui.window.main_window import MainWindow
from tests.helpers.postgres import PostgresServer
from tests.ui.conftest import open_window


class TeamLibrary:
    """A project on the test server (with a note by its owner) and a login per role asked."""

    def __init__(self, server: PostgresServer, url: str, srt: Path) -> None:
        self.server, self.url, self.srt = server, url, srt
        self.database = url.split("@/", 1)[1].split("?", 1)[0]
        with Library.open(url) as owner:
            opened = open_pair(owner, srt)
            self.project = opened.project_id
            first = opened.transcript.lines[0].id
            assert first is not None
            self.owner_note = ReviewStore(owner).add_note(first, "The owner's note", "owner")
        self.opened: list[Library] = []

    def login(self, role: str) -> Library:
        name = f"{role}_w_{self.database}"
        with Library.open(self.url) as owner, owner.engine.begin() as conn:
            add_user(conn, name, role, "pw")
        lib = Library.open(self.server.url(self.database, user=name, password="pw"))
        self.opened.append(lib)
        return lib

    def notes(self, row: int) -> list[Note]:
        with Library.open(self.url) as owner:
            return owner.load_transcript(self.project).lines[row].notes

    def status(self, row: int) -> str:
        with Library.open(self.url) as owner:
            return owner.load_transcript(self.project).lines[row].status


@pytest.fixture
def team(
    postgres_server: PostgresServer, postgres_url: str, srt_file: Path
) -> Iterator[TeamLibrary]:
    made = TeamLibrary(postgres_server, postgres_url, srt_file)
    yield made
    for lib in made.opened:
        lib.close()


@pytest.fixture
def said(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The window's warnings (a refused write is one), recorded instead of shown modally."""
    shown: list[str] = []

    def warn(_parent: object, _title: str, text: str, *_args: object) -> object:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warn))
    return shown


def _window(qtbot: QtBot, lib: Library, team: TeamLibrary) -> MainWindow:
    return open_window(qtbot, lib, FakePlayer(duration=60_000), team.srt, None)


def _action(window: MainWindow, name: str) -> QAction:
    found = window.findChild(QAction, name)
    assert found is not None, name
    return found


def _role_label(window: MainWindow) -> str:
    label = window.statusBar().findChild(QLabel, "roleLabel")
    assert label is not None and label.isVisible()
    return label.text()


def test_a_commenter_may_comment_but_not_edit_or_set_statuses(
    qtbot: QtBot, team: TeamLibrary, said: list[str]
) -> None:
    lib = team.login("commenter")
    window = _window(qtbot, lib, team)
    assert _role_label(window) == "Role: commenter"
    for name in ("edit.text", "edit.split", "edit.merge", "edit.set_speaker", "edit.times"):
        action = _action(window, name)
        assert not action.isEnabled()
        assert "does not allow" in action.toolTip()
    review = window.menus.review
    assert not review.approve.isEnabled() and not review.flag.isEnabled()
    for name in ("listen.transcribe", "listen.retime_all", "listen.accept"):  # they change lines
        assert not _action(window, name).isEnabled()
        assert "does not allow" in _action(window, name).toolTip()
    assert "does not allow" not in _action(window, "listen.second_opinion").toolTip()
    assert window.menus.add_note.isEnabled()
    window.view.go_to_row(2)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_A)  # Approve: greyed out, so nothing happens
    qtbot.keyClick(window.view, Qt.Key.Key_F2)  # Edit text: no editor opens
    assert window.view.state() != QAbstractItemView.State.EditingState
    cell = window.view.visualRect(window.proxy.index(2, TranscriptModel.TEXT)).center()
    qtbot.mouseDClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=cell)
    assert window.view.state() != QAbstractItemView.State.EditingState
    assert team.status(2) == "unreviewed"
    # A note: N, type, Ctrl+Return; stored under the login's own name.
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_N)
    panel = window.notes_panel
    qtbot.waitUntil(panel.editor.isVisible)
    qtbot.keyClicks(panel.editor, "Is this the right name?")
    qtbot.keyClick(panel.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    [mine] = team.notes(2)
    assert (mine.body, mine.author) == ("Is this the right name?", lib.actor)
    assert panel.edit_button.isEnabled() and panel.delete_button.isEnabled()
    # The owner's note on the first line: shown, but not the commenter's to edit or delete.
    window.view.go_to_row(0)
    qtbot.waitUntil(lambda: panel.list.count() == 1)
    panel.list.setCurrentRow(0)
    assert not panel.edit_button.isEnabled() and not panel.delete_button.isEnabled()
    panel.list.setFocus()
    qtbot.keyClick(panel.list, Qt.Key.Key_Delete)
    assert [n.body for n in team.notes(0)] == ["The owner's note"]
    # Highlights: select words in the Line panel, the tag actions are there to use.
    text = window.line_panel.text
    cursor = text.textCursor()
    cursor.setPosition(0)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfWord, QTextCursor.MoveMode.KeepAnchor)
    text.setTextCursor(cursor)
    assert window.line_panel.actions_for_menu()[0].isEnabled()
    assert said == []  # nothing greyed out was tried and refused


def test_a_viewer_may_change_nothing(qtbot: QtBot, team: TeamLibrary, said: list[str]) -> None:
    lib = team.login("viewer")
    window = _window(qtbot, lib, team)
    assert _role_label(window) == "Role: viewer"
    assert not window.menus.add_note.isEnabled()
    assert not _action(window, "edit.delete").isEnabled()
    assert not window.menus.review.approve_next.isEnabled()
    window.view.go_to_row(0)
    panel = window.notes_panel
    qtbot.waitUntil(lambda: panel.list.count() == 1)
    assert not panel.add_button.isEnabled()
    panel.list.setCurrentRow(0)
    assert not panel.edit_button.isEnabled() and not panel.delete_button.isEnabled()
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_N)
    assert not panel.editor.isVisible()
    text = window.line_panel.text
    cursor = text.textCursor()
    cursor.setPosition(0)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfWord, QTextCursor.MoveMode.KeepAnchor)
    text.setTextCursor(cursor)
    assert not any(action.isEnabled() for action in window.line_panel.actions_for_menu())
    assert [n.body for n in team.notes(0)] == ["The owner's note"]
    window.show_start_screen()  # the Projects screen: open, but not rename or delete
    screen = window.start_screen
    screen.select_project(team.project)
    assert screen.open_button.isEnabled()
    assert not screen.rename_button.isEnabled() and not screen.delete_button.isEnabled()
    assert said == []


def test_a_refused_write_is_a_message_naming_the_role(
    qtbot: QtBot, team: TeamLibrary, said: list[str]
) -> None:
    """The admin makes the commenter a viewer while its window is open: the note it then adds
    is refused by the server, and the window says so in words."""
    lib = team.login("commenter")
    window = _window(qtbot, lib, team)
    name = lib.actor
    with Library.open(team.url) as owner, owner.engine.begin() as conn:
        add_user(conn, name, "viewer")
    window.view.go_to_row(3)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_N)
    panel = window.notes_panel
    qtbot.waitUntil(panel.editor.isVisible)
    qtbot.keyClicks(panel.editor, "Too late")
    qtbot.keyClick(panel.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(said))
    assert "You are a viewer on this library: you may read it" in said[0]
    assert "Traceback" not in said[0] and "not saved" in said[0]
    assert team.notes(3) == []


def test_an_editor_edits_but_sets_no_status(
    qtbot: QtBot, team: TeamLibrary, said: list[str]
) -> None:
    lib = team.login("editor")
    window = _window(qtbot, lib, team)
    assert _role_label(window) == "Role: editor"
    assert _action(window, "edit.text").isEnabled() and _action(window, "edit.split").isEnabled()
    assert not window.menus.review.approve.isEnabled()
    assert "does not allow" in window.menus.review.approve.toolTip()
    window.view.go_to_row(4)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    qtbot.keyClick(window.view, Qt.Key.Key_F2)  # the line's text opens for editing
    qtbot.waitUntil(lambda: window.view.state() == QAbstractItemView.State.EditingState)
    assert team.status(4) == "unreviewed" and said == []
    window.show_start_screen()  # an editor renames projects; deleting is the owner's
    window.start_screen.select_project(team.project)
    assert window.start_screen.rename_button.isEnabled()
    assert not window.start_screen.delete_button.isEnabled()


def test_an_approver_sees_every_action_and_approves_with_a_key(
    qtbot: QtBot, team: TeamLibrary
) -> None:
    lib = team.login("approver")
    window = _window(qtbot, lib, team)
    assert window.statusBar().findChild(QLabel, "roleLabel") is None  # nothing is held back
    assert window.menus.review.approve.isEnabled() and _action(window, "edit.merge").isEnabled()
    window.view.go_to_row(4)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: team.status(4) == "approved")
