"""Cancel while the speech model is loading (issue 16): CTranslate2 cannot stop a load, so the
window does not wait for it: the progress dialog goes at once, nothing is kept, the commands
are free again, and the model goes on loading in the background, ready for the next run. With
the real recogniser (tiny.en, offline), loaded from a folder of its own so the load is fresh."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from app.store.library import Library
from app.ui.listening import listen_job
from app.ui.listening.listen_settings import ListenSettings, save_listen_settings
from tests.ui import test_listening as listening
from tests.ui.test_listening import LONG_WAIT_MS, _click_in_listen_menu, _progress, _window

clip = listening.clip  # the fixtures: the 14 s clip, and a recognition cache of the test's own
own_cache = listening.own_cache


def test_cancel_during_the_model_load_frees_the_window_at_once(
    qtbot: QtBot, library: Library, clip: Path, tmp_path: Path
) -> None:
    from app.asr.models import MODEL_FILES, bundled_model

    bundled = bundled_model()
    assert bundled is not None
    folder = tmp_path / "tiny-copy"  # not loaded yet in this process: a real, fresh load
    folder.mkdir()
    for name in MODEL_FILES:
        (folder / name).symlink_to(bundled / name)
    for extra in bundled.iterdir():
        if not (folder / extra.name).exists():
            (folder / extra.name).symlink_to(extra)
    save_listen_settings(ListenSettings(str(folder), "en"))
    window = _window(qtbot, library, clip, [])
    runs = window.listening.runs
    _click_in_listen_menu(qtbot, window, "listen.transcribe")
    assert runs.job is not None
    worker = runs.job.worker
    qtbot.waitUntil(lambda: worker.loading, timeout=LONG_WAIT_MS)
    dialog = _progress(window)
    assert dialog is not None
    cancel = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Cancel")
    QTest.mouseClick(cancel, Qt.MouseButton.LeftButton)
    # At once, not after the load: the window is free and says what happened.
    assert worker.loading, "the model is still loading"
    assert not runs.busy and _progress(window) is None
    assert "cancelled" in window.statusBar().currentMessage()
    assert "goes on loading" in window.statusBar().currentMessage()
    assert window.model.rowCount() == 0
    # The load ends in the background, and says nothing more; the model is kept.
    qtbot.waitUntil(lambda: not runs.leaving, timeout=LONG_WAIT_MS)
    assert str(folder) in listen_job._loaded
    assert window.model.rowCount() == 0
    # The next run uses it, and goes to the end.
    window.listening.update_enabled()
    _click_in_listen_menu(qtbot, window, "listen.transcribe")
    qtbot.waitUntil(lambda: not runs.busy, timeout=LONG_WAIT_MS)
    assert "moscow" in " ".join(x.text for x in window.model.lines()).lower()
    listen_job._loaded.pop(str(folder), None)  # the folder goes with the test
