"""The default layout at 1280x720 with the demo project, light and dark, as PNGs for a person
to look at (artifacts/screenshots/, kept by CI), each checked for what a glance would catch:
a picture in the video area, nothing blank, the current line's text whole, every panel there.

The real libVLC draws the video into its own X window, which Qt's grab() cannot see, so the
picture is taken from the screen (the X server's framebuffer), as a screenshot tool does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from app.player.base import PlayerState
from app.player.vlc_player import VlcPlayer
from app.resources import demo_paths
from app.store.library import Library
from app.ui.preferences.appearance import apply_scheme
from app.ui.transcript.transcript_model import TranscriptModel
from app.ui.window import application
from app.ui.window.main_window import MainWindow

pytestmark = [pytest.mark.vlc, pytest.mark.gui]

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
SIZE = (1280, 720)


def _colours(image: QImage, rect: QRect, step: int = 3) -> Counter[int]:
    counts: Counter[int] = Counter()
    for y in range(rect.top(), rect.bottom(), step):
        for x in range(rect.left(), rect.right(), step):
            counts[image.pixel(x, y) & 0xFFFFFF] += 1
    return counts


def _area(window: MainWindow, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


@pytest.fixture(params=["light", "dark"])
def demo_window(
    request: pytest.FixtureRequest, qtbot: QtBot, library: Library
) -> Iterator[tuple[str, MainWindow]]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_scheme(app, request.param)
    window = MainWindow(library, VlcPlayer(audio=False))
    qtbot.addWidget(window)
    window.move(0, 0)
    window.resize(*SIZE)
    window.show()
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    media, transcript = demo_paths()
    assert application.open_into(window, str(transcript), str(media), application.DEMO_TITLE)
    player = window.player
    qtbot.waitUntil(lambda: player.duration() > 0, timeout=10_000)
    window.view.go_to_row(2)
    window.seek_to_row(2)  # a line picked: its picture shows, paused
    qtbot.waitUntil(lambda: player.state() in (PlayerState.PAUSED, PlayerState.STOPPED))
    qtbot.wait(1500)  # the decoder's first picture for the new place
    yield request.param, window
    window.close()
    apply_scheme(app, "system")


def test_the_default_layout_looks_right(demo_window: tuple[str, MainWindow]) -> None:
    scheme, window = demo_window
    assert (window.width(), window.height()) == SIZE
    screen = window.screen()
    top_left = window.mapToGlobal(QPoint(0, 0))
    shot = screen.grabWindow(0, top_left.x(), top_left.y(), *SIZE).toImage()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"default-1280x720-{scheme}.png"
    assert shot.save(str(path)), f"could not write {path}"
    assert shot.size().toTuple() == SIZE

    everything = _colours(shot, shot.rect(), step=4)
    assert len(everything) > 200, "not blank: text, waveform, panels"
    video = _colours(shot, _area(window, window.video).adjusted(8, 8, -8, -8))
    (commonest, n), total = video.most_common(1)[0], sum(video.values())
    assert len(video) > 50 and n < 0.9 * total, (
        f"the video area shows a picture, not one flat colour (#{commonest:06x})"
    )
    # Every panel of the default layout is there and none is squeezed to nothing.
    for widget in (window.timeline, window.transport, window.view, window.notes_panel):
        assert widget.isVisible() and widget.width() > 250, widget.objectName()
    assert window.line_panel.isVisible() and window.line_panel.height() > 80
    # The current line reads whole: no "…" on it.
    view = window.view
    index = view.proxy.index(view.currentIndex().row(), TranscriptModel.TEXT)
    assert not window.delegate.is_elided(view, index)
    # The light and dark shots differ where they should: the window's own background.
    window_colour = window.palette().color(window.backgroundRole()).rgb() & 0xFFFFFF
    assert everything[window_colour] > 0.05 * sum(everything.values())
