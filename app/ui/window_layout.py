"""The main window's layout kept between sessions: its size and place, the panels (docks) and the
split between the video and the transcript.

Saved a moment after every change (a panel shown, hidden, moved or floated, the splitter dragged)
and once more on the way out, so no exit path (quit from the Projects screen, a crash, a kill)
loses it. While the Projects screen shows, the panels step aside: that is not the user's layout,
so it is never saved as theirs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QSettings, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter

__all__ = ["GEOMETRY_KEY", "SAVE_AFTER_MS", "SPLITTER_KEY", "STATE_KEY", "LayoutSaver"]

GEOMETRY_KEY = "window/geometry"
SPLITTER_KEY = "window/splitter"
STATE_KEY = "window/state"
#: A drag emits many changes: the layout is written once they settle.
SAVE_AFTER_MS = 300


class LayoutSaver(QObject):
    def __init__(
        self,
        window: QMainWindow,
        splitter: QSplitter,
        docks: Sequence[QDockWidget],
        showing_project: Callable[[], bool],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._splitter = splitter
        self._showing_project = showing_project
        self._restoring = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_AFTER_MS)
        self._timer.timeout.connect(self.save_now)
        for dock in docks:
            dock.visibilityChanged.connect(self._changed)
            dock.dockLocationChanged.connect(self._changed)
            dock.topLevelChanged.connect(self._changed)
        splitter.splitterMoved.connect(self._changed)

    @property
    def pending(self) -> bool:
        """A change not written yet."""
        return self._timer.isActive()

    def _changed(self, *_args: object) -> None:
        if not self._restoring and self._showing_project():
            self._timer.start()

    def save_now(self) -> None:
        """Write the layout now; the panels only while they are the project's (not hidden for
        the Projects screen)."""
        self._timer.stop()
        settings = QSettings()
        settings.setValue(GEOMETRY_KEY, self._window.saveGeometry())
        if self._showing_project():
            settings.setValue(SPLITTER_KEY, self._splitter.saveState())
            settings.setValue(STATE_KEY, self._window.saveState())

    def restore(self) -> None:
        settings = QSettings()
        self._restoring = True
        try:
            geometry = settings.value(GEOMETRY_KEY)
            if geometry is not None:
                self._window.restoreGeometry(geometry)
            splitter = settings.value(SPLITTER_KEY)
            if splitter is not None:
                self._splitter.restoreState(splitter)
            state = settings.value(STATE_KEY)
            if state is not None:
                self._window.restoreState(state)
        finally:
            self._restoring = False
