"""The main window's panels (docks) where they go by default, and its layout kept between
sessions: its size and place, the panels and the split between the video and the transcript.

Saved a moment after every change (a panel shown, hidden, moved or floated, the splitter dragged)
and once more on the way out, so no exit path (quit from the Projects screen, a crash, a kill)
loses it. While the Projects screen shows, the panels step aside: that is not the user's layout,
so it is never saved as theirs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QBoxLayout,
    QDockWidget,
    QMainWindow,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from app.ui.editing.window_editing import WindowEditing
    from app.ui.window.panels import Panels

__all__ = [
    "GEOMETRY_KEY",
    "SAVE_AFTER_MS",
    "SPLITTER_KEY",
    "STATE_KEY",
    "WIDE_TIMELINE_KEY",
    "LayoutSaver",
    "TimelinePlace",
    "add_panels",
    "default_size",
    "fit_timeline",
    "project_page",
]

GEOMETRY_KEY = "window/geometry"
WIDE_TIMELINE_KEY = "window/wide_timeline"
SPLITTER_KEY = "window/splitter"
STATE_KEY = "window/state"
#: A drag emits many changes: the layout is written once they settle.
SAVE_AFTER_MS = 300


#: The first start's window: what the default panels are laid out for.
DEFAULT_SIZE = QSize(1280, 760)


def default_size(available: QSize | None) -> QSize:
    """The window's size on a first start: the default, never more than the screen has room
    for (a 1280x720 laptop gets a window that fits, title bar and panel included)."""
    if available is None or available.isEmpty():
        return DEFAULT_SIZE
    return DEFAULT_SIZE.boundedTo(available)


def add_panels(
    panels: Panels,
    notes: QWidget,
    line: QWidget,
    all_notes: QWidget,
    editing: WindowEditing,
    quotes: QWidget,
) -> None:
    """The panels in their default places, in View-menu order (Ctrl+Shift+1 is the Line panel).

    A new panel is one more line here: ``panels.tab(title, objectName, widget, beside=…)``.

    The Notes column runs the window's full height on the right; the panels below (the line's
    text with its highlight buttons, all notes, checks, changes) span the video and the
    transcript, so their width never adds to theirs and a 1280 px screen fits.
    """
    window = panels.window
    right, bottom = Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea
    window.setCorner(Qt.Corner.BottomRightCorner, right)
    window.setCorner(Qt.Corner.TopRightCorner, right)
    tr = window.tr
    line_dock = panels.add(tr("Line"), "lineDock", line, bottom)
    notes_dock = panels.add(tr("Notes"), "notesDock", notes, right)
    # hidden like the tabs beside it: shown when asked for
    panels.add(tr("All Notes"), "allNotesDock", all_notes, bottom, shown=False)
    panels.tab(tr("Checks"), "checksDock", editing.checks, beside="allNotesDock")
    panels.tab(tr("Changes"), "changesDock", editing.changes, beside="allNotesDock")
    panels.tab(tr("Quotes"), "quotesDock", quotes, beside="allNotesDock")
    # The video and the transcript come first; the panels take what a note needs.
    window.resizeDocks([notes_dock], [280], Qt.Orientation.Horizontal)
    window.resizeDocks([line_dock], [150], Qt.Orientation.Vertical)


def _column(widgets: Sequence[QWidget], stretch: QWidget) -> QWidget:
    column = QWidget()
    layout = QVBoxLayout(column)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget, 1 if widget is stretch else 0)
    return column


def project_page(
    video_side: tuple[QWidget, QWidget, QWidget],
    transcript_side: tuple[QWidget, QWidget, QWidget],
    relink_bar: QWidget,
) -> tuple[QSplitter, QWidget]:
    """The open project's page: (video, timeline, transport) beside (search bar, transcript,
    back button), split evenly, under the relink bar. Returns the splitter and the page."""
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.setObjectName("mainSplitter")
    splitter.addWidget(_column(video_side, video_side[0]))
    splitter.addWidget(_column(transcript_side, transcript_side[1]))
    splitter.setStretchFactor(0, 1)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes([500, 500])
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(relink_bar)
    layout.addWidget(splitter, 1)
    return splitter, page


def fit_timeline(video: QWidget, timeline: QWidget, height: int, has_video: bool) -> None:
    """Audio-only media: the timeline (and its waveform) takes the picture's place."""
    video.setVisible(has_video)
    timeline.setMinimumHeight(height)
    timeline.setMaximumHeight(height if has_video else 16_777_215)
    vertical = QSizePolicy.Policy.Fixed if has_video else QSizePolicy.Policy.Expanding
    timeline.setSizePolicy(QSizePolicy.Policy.Expanding, vertical)
    layout = timeline.parentWidget().layout()
    if isinstance(layout, QBoxLayout):
        layout.setStretchFactor(timeline, 0 if has_video else 1)


class TimelinePlace(QObject):
    """Where the timeline sits: under the video (the default), or wide, across the whole page
    under the video and the transcript, for retiming with room to see. View > Wide Timeline;
    kept between sessions."""

    def __init__(self, window: QMainWindow, timeline: QWidget, splitter: QSplitter) -> None:
        super().__init__(window)
        self._timeline = timeline
        self._splitter = splitter
        self.action = QAction(self.tr("&Wide Timeline"), window)
        self.action.setObjectName("view.wide_timeline")
        self.action.setCheckable(True)
        self.action.setToolTip(self.tr("The timeline across the whole window, under both panes"))
        window.addAction(self.action)
        self.action.setChecked(QSettings().value(WIDE_TIMELINE_KEY, False, type=bool))
        self.set_wide(self.action.isChecked())
        self.action.toggled.connect(self._toggled)

    def is_wide(self) -> bool:
        return self._timeline.parentWidget() is self._splitter.parentWidget()

    def set_wide(self, wide: bool) -> None:
        column = self._splitter.widget(0).layout()  # the video, the timeline, the transport
        page = self._splitter.parentWidget().layout()  # the relink bar, the splitter
        assert isinstance(column, QBoxLayout) and isinstance(page, QBoxLayout)
        source, target = (column, page) if wide else (page, column)
        if wide != self.is_wide():
            stretch = source.stretch(source.indexOf(self._timeline))
            source.removeWidget(self._timeline)
            at = page.indexOf(self._splitter) + 1 if wide else 1
            target.insertWidget(at, self._timeline, stretch)
        self.action.setChecked(wide)

    def _toggled(self, wide: bool) -> None:
        """The user's choice: placed, and kept for the next start."""
        self.set_wide(wide)
        QSettings().setValue(WIDE_TIMELINE_KEY, wide)


class LayoutSaver(QObject):
    def __init__(
        self,
        window: QMainWindow,
        splitter: QSplitter,
        docks: Iterable[QDockWidget],
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
