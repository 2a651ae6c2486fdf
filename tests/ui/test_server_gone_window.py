"""The window on a team library whose server goes away (issue 14, What a user gets 1): the
change the user just made is said not to be saved, nothing half-done is kept, and once the
server is back the same window saves again without being reopened."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from app.player.fake import FakePlayer
from app.store.library import Library
from tests.helpers.postgres import PostgresServer
from tests.ui.conftest import open_window


@pytest.fixture
def own_server(postgres_server: PostgresServer) -> Iterator[PostgresServer]:
    """A server of this test's own (it is stopped and started again), after the session's
    one proved PostgreSQL is installed (so CI fails rather than skips without it)."""
    server = PostgresServer()
    try:
        server.make_template()
        yield server
    finally:
        server.stop()


def test_a_mark_made_while_the_server_is_down_is_said_unsaved_then_saves_once_it_is_back(
    qtbot: QtBot, own_server: PostgresServer, srt_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []

    def warn(_parent: object, _title: str, text: str, *_args: object) -> object:
        said.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warn))
    url = own_server.fresh_database()
    with Library.open(url) as lib:
        window = open_window(qtbot, lib, FakePlayer(duration=60_000), srt_file, None)
        project = window.project_id
        assert project is not None
        window.view.go_to_row(4)
        window.view.setFocus()
        own_server.go_away()
        qtbot.keyClick(window.view, Qt.Key.Key_A)
        qtbot.waitUntil(lambda: bool(said))
        assert "not saved" in said[0] and "cannot be reached" in said[0]
        assert "Traceback" not in said[0]
        assert window.model.line(4).status != "approved"  # the screen does not claim it
        own_server.start()
        said.clear()
        qtbot.keyClick(window.view, Qt.Key.Key_A)
        qtbot.waitUntil(lambda: window.model.line(4).status == "approved")
        assert said == []
        with Library.open(url) as other:
            assert other.load_transcript(project).lines[4].status == "approved"
        window.close()
