"""Player test set-up: Xlib made thread-safe before Qt starts, as app.__main__ does."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFrame

from app.player.platform import prepare_qt_platform
from app.player.vlc_player import VlcPlayer

# Collection runs before any test creates the QApplication, as the app does before QApplication.
prepare_qt_platform()


@pytest.fixture
def vlc_player(qapp: object) -> Iterator[VlcPlayer]:
    """A real VlcPlayer without audio (no sound card needed), released after the test."""
    player = VlcPlayer(audio=False)
    assert player.available, player.unavailable_reason
    yield player
    player.release()


@pytest.fixture
def video_frame(qtbot: object) -> QFrame:
    """A shown, native, black 320x240 frame to embed the video into."""
    frame = QFrame()
    frame.setStyleSheet("background: black")
    frame.resize(320, 240)
    qtbot.addWidget(frame)  # type: ignore[attr-defined]
    frame.show()
    # A loaded CI machine can take seconds to map the first window of the run.
    assert QTest.qWaitForWindowExposed(frame, 15_000), "the video frame was never shown"
    return frame
