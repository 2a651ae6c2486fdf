"""The video in a window of its own (a second screen) or full screen, and back in the main window.

The VideoPane moves as a whole; its surface is the native window libVLC draws into, so after
every move the player is handed the surface's window id again. Full screen uses the same
separate window: a pane in the main window moves there for the time of full screen and comes
back after. Esc or a double-click on the picture leaves full screen; closing the separate window
brings the video back. The window's commands (play, approve, ...) keep their keys in the video
window too. Whether the video was detached, and where, is kept in QSettings.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QColor, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import QBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.player.base import Player
from app.ui.playback.video_pane import VideoPane

__all__ = ["DETACHED_KEY", "GEOMETRY_KEY", "VideoDetacher", "VideoWindow"]

DETACHED_KEY = "window/video_detached"
GEOMETRY_KEY = "window/video_geometry"


class VideoWindow(QWidget):
    """A top-level window holding the video pane (owned by the main window, closed with it)."""

    closing = Signal()
    escapePressed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("videoWindow")
        self.setWindowTitle(self.tr("Video \u2014 Proofreel"))
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("black"))
        self.setPalette(palette)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.resize(800, 450)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self.escapePressed.emit()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()  # the detacher takes the video back; the window only hides
        super().closeEvent(event)


class VideoDetacher(QObject):
    """Moves ``pane`` between its place in ``window`` and a VideoWindow, and full screen."""

    detachedChanged = Signal(bool)
    fullScreenChanged = Signal(bool)

    def __init__(
        self,
        window: QWidget,
        pane: VideoPane,
        player: Player,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._pane = pane
        self._player = player
        self._settings = settings
        self._video_window: VideoWindow | None = None
        self._detached = False
        self._back_after_full_screen = False  # full screen began with the pane at home
        self._restored = False
        self._announced = False  # the last detachedChanged sent
        self._home_index = 0
        self._home_stretch = 0

        self.placeholder = QWidget()
        self.placeholder.setObjectName("videoPlaceholder")
        column = QVBoxLayout(self.placeholder)
        note = QLabel(self.tr("The video plays in its own window."))
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        note.setWordWrap(True)
        self.back_button = QPushButton(self.tr("Bring the Video Back"))
        self.back_button.setObjectName("videoBackButton")
        self.back_button.clicked.connect(self.attach)
        column.addStretch(1)
        column.addWidget(note)
        column.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(1)
        self.placeholder.hide()

        self.detach_action = self._action(
            self.tr("&Video in a Separate Window"), "Ctrl+Shift+D", "view.detach_video"
        )
        self.detach_action.toggled.connect(self.set_detached)
        self.full_screen_action = self._action(
            self.tr("&Full Screen Video"), "F11", "view.full_screen_video"
        )
        self.full_screen_action.toggled.connect(self.set_full_screen)

        pane.surface.installEventFilter(self)
        pane.installEventFilter(self)
        window.installEventFilter(self)

    def _action(self, text: str, keys: str, name: str) -> QAction:
        action = QAction(text, self._window)
        action.setObjectName(name)
        action.setCheckable(True)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self._window.addAction(action)
        return action

    def actions(self) -> list[QAction]:
        """For the View menu."""
        return [self.detach_action, self.full_screen_action]

    def settings(self) -> QSettings:
        return self._settings if self._settings is not None else QSettings()

    @property
    def video_window(self) -> VideoWindow | None:
        return self._video_window

    def is_detached(self) -> bool:
        """The video is in its own window for good (not just for the time of full screen)."""
        return self._detached and not self._back_after_full_screen

    def is_full_screen(self) -> bool:
        return self._video_window is not None and self._video_window.isFullScreen()

    # -- moving the pane -------------------------------------------------------------------
    def set_detached(self, detached: bool) -> None:
        if detached:
            self.detach()
        else:
            self.attach()

    def detach(self) -> None:
        if self._detached:
            if self._back_after_full_screen:  # already out for full screen: now it stays out
                self._back_after_full_screen = False
                self._sync_actions()
            return
        self._move_out()
        target = self._ensure_window()
        geometry = self.settings().value(GEOMETRY_KEY)
        if isinstance(geometry, QByteArray | bytes) and geometry:
            target.restoreGeometry(QByteArray(geometry))
        target.show()
        target.raise_()
        self.settings().setValue(DETACHED_KEY, True)
        self._sync_actions()

    def attach(self) -> None:
        """Back into the main window (what closing the video window does too)."""
        if not self._detached:
            return
        target = self._video_window
        assert target is not None
        was_full_screen = target.isFullScreen()
        if was_full_screen:
            target.showNormal()
        elif not self._back_after_full_screen:
            self.settings().setValue(GEOMETRY_KEY, target.saveGeometry())
        self._back_after_full_screen = False
        home = self._home_layout()
        home.removeWidget(self.placeholder)
        self.placeholder.hide()
        home.insertWidget(self._home_index, self._pane, self._home_stretch)
        self._pane.show()
        target.hide()
        self._detached = False
        self.settings().setValue(DETACHED_KEY, False)
        self._tell_player()
        self._sync_actions()
        if was_full_screen:
            self.fullScreenChanged.emit(False)

    def _move_out(self) -> None:
        home = self._home_layout()
        self._home_index = max(0, home.indexOf(self._pane))
        self._home_stretch = home.stretch(self._home_index)
        target = self._ensure_window()
        target.winId()  # a native parent first: the surface's native window is moved, not remade
        home.removeWidget(self._pane)
        home.insertWidget(self._home_index, self.placeholder, self._home_stretch)
        self.placeholder.show()
        target_layout = target.layout()
        assert target_layout is not None
        target_layout.addWidget(self._pane)
        self._pane.show()
        self._detached = True
        self._tell_player()

    def _home_layout(self) -> QBoxLayout:
        parent = (
            self._pane.parentWidget() if not self._detached else self.placeholder.parentWidget()
        )
        layout = parent.layout() if parent is not None else None
        if not isinstance(layout, QBoxLayout):
            raise RuntimeError("the video pane must sit in a box layout to be detached")
        return layout

    def _ensure_window(self) -> VideoWindow:
        if self._video_window is None:
            self._video_window = VideoWindow(self._window)
            self._video_window.closing.connect(self._on_video_window_closing)
            self._video_window.escapePressed.connect(lambda: self.set_full_screen(False))
        # The main window's commands work from the video window too (Space, A, pedal keys...).
        known = set(self._video_window.actions())
        self._video_window.addActions([a for a in self._window.actions() if a not in known])
        return self._video_window

    def _tell_player(self) -> None:
        if self._player.available:
            self._player.set_video_window(self._pane.win_id())

    # -- full screen -----------------------------------------------------------------------
    def toggle_full_screen(self) -> None:
        self.set_full_screen(not self.is_full_screen())

    def set_full_screen(self, on: bool) -> None:
        if on == self.is_full_screen():
            self._sync_actions()
            return
        if on:
            self._back_after_full_screen = not self._detached
            # Full screen on the screen the video is on now.
            screen = (self._video_window or self._window).screen()
            if not self._detached:
                screen = self._window.screen()
                self._move_out()
            target = self._ensure_window()
            target.setScreen(screen)
            target.setGeometry(screen.geometry())
            target.showFullScreen()
            target.raise_()
            target.activateWindow()
        else:
            shown = self._video_window
            assert shown is not None
            shown.showNormal()
            if self._back_after_full_screen:
                self.attach()
        self._sync_actions()
        self.fullScreenChanged.emit(on)

    def _on_video_window_closing(self) -> None:
        self.attach()

    def _sync_actions(self) -> None:
        for action, checked in (
            (self.detach_action, self.is_detached()),
            (self.full_screen_action, self.is_full_screen()),
        ):
            if action.isChecked() != checked:
                action.blockSignals(True)
                action.setChecked(checked)
                action.blockSignals(False)
        if self._announced != self.is_detached():
            self._announced = self.is_detached()
            self.detachedChanged.emit(self._announced)

    # -- events ----------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonDblClick and watched in (self._pane, self._pane.surface):
            self.toggle_full_screen()
            return True
        if watched is self._window:
            if kind == QEvent.Type.Show and not self._restored:
                self._restored = True
                if self.settings().value(DETACHED_KEY) in (True, "true"):
                    QTimer.singleShot(0, self.detach)
            elif kind == QEvent.Type.Close:
                self._save_and_bring_back()
        return False

    def _save_and_bring_back(self) -> None:
        """The main window closes: remember the layout, and keep the video for the next start."""
        detached = self.is_detached()
        if self._detached:
            self.attach()  # saves the geometry, sets DETACHED_KEY False
        self.settings().setValue(DETACHED_KEY, detached)
