"""Without libVLC the player still constructs, says what to install, and does nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import types
from pathlib import Path

import pytest
from PySide6.QtCore import QObject

from app.player import create_player
from app.player.base import PlayerState
from app.player.vlc_player import VlcPlayer

ROOT = Path(__file__).resolve().parents[2]
NEWS = ROOT / "tests" / "data" / "news-page.txt"
DEMO_MEDIA = ROOT / "resources" / "demo" / "news.mp4"


def _exercise(player: VlcPlayer) -> None:
    player.load("/tmp/whatever.mp4")
    player.play()
    player.pause()
    player.toggle()
    player.seek(1234)
    player.set_rate(1.5)
    player.stop()
    player.set_video_window(12345)
    assert player.time() == 0
    assert player.duration() == 0
    assert player.state() == PlayerState.EMPTY
    assert player.snapshot("/tmp/x.png") is False
    player.release()
    player.release()


@pytest.mark.parametrize("error", [OSError, ImportError, NotImplementedError, AttributeError])
def test_import_failure(qapp: object, monkeypatch: pytest.MonkeyPatch, error: type) -> None:
    def broken() -> types.ModuleType:
        raise error("libvlc.so.5: cannot open shared object file")

    monkeypatch.setattr("app.player.vlc_loader._import_vlc", broken)
    player = VlcPlayer(audio=False)
    assert player.available is False
    assert "libVLC was not found" in player.unavailable_reason
    assert "install VLC 3" in player.unavailable_reason
    assert "\n" not in player.unavailable_reason
    _exercise(player)


def test_instance_returns_none(qapp: object, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_vlc = types.SimpleNamespace(Instance=lambda *args: None)
    monkeypatch.setattr("app.player.vlc_loader._import_vlc", lambda: fake_vlc)
    with pytest.MonkeyPatch.context():
        player = create_player(QObject(), audio=False)
    assert isinstance(player, VlcPlayer)
    assert player.available is False
    assert "VLC" in player.unavailable_reason and "plugins" in player.unavailable_reason
    _exercise(player)


@pytest.mark.vlc
def test_create_player_gives_a_working_vlc_player(qapp: object) -> None:
    player = create_player(audio=False)
    try:
        assert isinstance(player, VlcPlayer)
        assert player.available and player.unavailable_reason == ""
        assert player.state() == PlayerState.EMPTY
    finally:
        player.release()


def test_a_hidden_libvlc_leaves_the_window_usable_with_a_message(tmp_path: Path) -> None:
    """libVLC hidden from the loader (python-vlc pointed at a file that is not there), in a
    process of its own: the window opens with the transcript and says what to install."""
    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from app.player import create_player\n"
        "from app.store.importing import open_pair\n"
        "from app.store.library import Library\n"
        "from app.ui.window.main_window import MainWindow\n"
        "app = QApplication([])\n"
        f"library = Library.open({str(tmp_path / 'lib.sqlite3')!r})\n"
        "player = create_player(audio=False)\n"
        "window = MainWindow(library, player)\n"
        f"opened = open_pair(library, {str(NEWS)!r}, {str(DEMO_MEDIA)!r})\n"
        "window.show_project(opened.project_id, opened.transcript)\n"
        "print('available', player.available)\n"
        "print('rows', window.model.rowCount())\n"
        "print('message', window.video.message.text())\n"
        "window.close()\n"
    )
    env = {
        **os.environ,
        "PYTHON_VLC_LIB_PATH": str(tmp_path / "no" / "libvlc.so.5"),
        "QT_QPA_PLATFORM": "offscreen",
    }
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "available False" in done.stdout
    assert "rows 61" in done.stdout
    assert "install VLC 3" in done.stdout


def test_a_wrong_libvlc_version_is_named(qapp: object, monkeypatch: pytest.MonkeyPatch) -> None:
    import vlc

    from app.player import vlc_loader

    monkeypatch.setattr(vlc, "libvlc_get_version", lambda: b"4.0.0-dev Otto Chriek")
    _module, instance, reason = vlc_loader.load_instance(audio=False)
    assert instance is None
    assert "libVLC 4.0.0-dev" in reason and "needs VLC 3" in reason
