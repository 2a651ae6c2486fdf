"""A project whose media moved: the bar says so, finds the file (verified by size and the hash of
its first MiB) or lets the user choose one, asking before a different file is used."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from app.store.importing import import_transcript
from app.store.library import Library
from app.store.media import HEAD_BYTES, media_identity
from app.ui.library.relink_bar import RelinkBar

SRT = "1\n00:00:00,000 --> 00:00:01,000\nHello.\n"
Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


def _media(path: Path, seed: int = 1) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    block = bytes((seed * 17 + i) % 251 for i in range(4096))
    path.write_bytes(block * (HEAD_BYTES // len(block) + 2))
    return path


@pytest.fixture
def project(library: Library, tmp_path: Path) -> tuple[int, Path]:
    """A project with its media in tmp/shoot/ and its transcript in tmp/edit/."""
    transcript = tmp_path / "edit" / "news.srt"
    transcript.parent.mkdir()
    transcript.write_text(SRT, encoding="utf-8")
    media = _media(tmp_path / "shoot" / "news.mp4")
    return import_transcript(library, transcript, media).project_id, media


@pytest.fixture
def bar(qtbot: QtBot, library: Library) -> Iterator[RelinkBar]:
    host = QWidget()  # the window the bar sits in (and dialogs are parented to)
    qtbot.addWidget(host)
    widget = RelinkBar(library, host)
    host.resize(800, 60)
    host.show()
    yield widget


def _stored_media(library: Library, project_id: int) -> str | None:
    with Library.open(str(library.engine.url.database)) as fresh:
        return fresh.get_project(project_id).media_path


def _no_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_args: object) -> object:
        raise AssertionError("no dialog expected")

    for owner, name in (
        (QFileDialog, "getOpenFileName"),
        (QMessageBox, "question"),
        (QMessageBox, "warning"),
        (QInputDialog, "getItem"),
    ):
        monkeypatch.setattr(owner, name, staticmethod(fail))


def test_bar_hides_when_media_is_there(
    bar: RelinkBar, project: tuple[int, Path], library: Library
) -> None:
    project_id, _media_file = project
    assert not bar.check(project_id)
    assert bar.isHidden()


def test_moved_media_is_found_automatically_and_verified(
    qtbot: QtBot,
    bar: RelinkBar,
    project: tuple[int, Path],
    library: Library,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    project_id, media = project
    moved = tmp_path / "edit" / "news.mp4"
    media.rename(moved)
    assert bar.check(project_id)
    assert bar.isVisible()
    assert bar.text == f"The media file was not found: {media}"
    _no_dialogs(monkeypatch)  # one verified match: relinked without asking
    with qtbot.waitSignal(bar.relinked) as relinked:
        qtbot.mouseClick(bar.find_button, Qt.MouseButton.LeftButton)
    assert relinked.args == [str(moved)]
    assert str(tmp_path / "edit") in bar.text and "same size and contents" in bar.text
    assert bar.find_button.isHidden() and bar.choose_button.isHidden()
    assert _stored_media(library, project_id) == str(moved)


def test_renamed_copy_is_found_by_size_and_hash(
    bar: RelinkBar, project: tuple[int, Path], library: Library, tmp_path: Path
) -> None:
    project_id, media = project
    renamed = tmp_path / "edit" / "final" / "2024-03-12 news FINAL.mp4"
    renamed.parent.mkdir()
    media.rename(renamed)
    _media(tmp_path / "edit" / "news-other-take.mp4", seed=9)  # same size, other contents
    bar.check(project_id)
    assert bar.find_automatically() == str(renamed)
    assert library.media_identity(project_id) == media_identity(renamed)


def test_several_matches_let_the_user_pick(
    bar: RelinkBar,
    project: tuple[int, Path],
    library: Library,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    project_id, media = project
    first = tmp_path / "edit" / "news.mp4"
    second = tmp_path / "shoot" / "backup" / "news copy.mp4"
    second.parent.mkdir()
    second.write_bytes(media.read_bytes())
    media.rename(first)
    offered: list[list[str]] = []

    def pick(_parent: object, _title: str, _label: str, items: list[str], *_rest: object):
        offered.append(list(items))
        return str(second), True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(pick))
    bar.check(project_id)
    assert bar.find_automatically() == str(second)
    assert sorted(offered[0]) == sorted([str(first), str(second)])
    assert library.get_project(project_id).media_path == str(second)


def test_nothing_found_offers_the_file_dialog(
    bar: RelinkBar,
    project: tuple[int, Path],
    library: Library,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    project_id, media = project
    far = tmp_path / "archive" / "2024" / "march" / "n.mp4"
    far.parent.mkdir(parents=True)
    media.rename(far)
    asked: list[str] = []

    def question(_parent: object, title: str, *_rest: object) -> QMessageBox.StandardButton:
        asked.append(title)
        return Yes

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a: (str(far), "")))
    bar.check(project_id)
    assert bar.find_automatically() == str(far)
    assert asked == ["Media not found"]
    assert _stored_media(library, project_id) == str(far)


def test_chosen_file_that_differs_asks_use_it_anyway(
    qtbot: QtBot,
    bar: RelinkBar,
    project: tuple[int, Path],
    library: Library,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    project_id, media = project
    media.unlink()
    other = _media(tmp_path / "edit" / "news-v2.mp4", seed=5)  # same size, other contents
    answers = [No, Yes]
    asked: list[str] = []

    def question(_parent: object, title: str, text: str, *_rest: object) -> object:
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *_a: (str(other), "")))
    bar.check(project_id)
    with qtbot.assertNotEmitted(bar.relinked):
        assert bar.choose_file() is None  # "No": nothing changes
    assert library.get_project(project_id).media_path == str(media)
    assert "Use it anyway?" in asked[0]
    with qtbot.waitSignal(bar.relinked):
        assert bar.choose_file() == str(other)  # "Yes": used, and it is the file from now on
    assert _stored_media(library, project_id) == str(other)
    assert library.media_identity(project_id) == media_identity(other)
