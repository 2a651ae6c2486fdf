"""Where the video is drawn: a native child window VLC paints into, or, when libVLC cannot play,
a clear message in its place (the transcript stays usable)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QStackedLayout, QWidget

__all__ = ["VideoPane"]


class VideoPane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("videoPane")
        self.setMinimumSize(320, 180)
        # VLC draws into this frame's own X11/HWND/NSView window, so it must be native and Qt
        # must not paint over it.
        self.surface = QFrame(self)
        self.surface.setObjectName("videoSurface")
        self.surface.setAccessibleName(self.tr("Video"))
        self.surface.setAttribute(Qt.WidgetAttribute.WA_NativeWindow)
        self.surface.setAttribute(Qt.WidgetAttribute.WA_DontCreateNativeAncestors)
        self.surface.setAutoFillBackground(True)
        palette = self.surface.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("black"))
        self.surface.setPalette(palette)

        self.message = QLabel(self)
        self.message.setObjectName("videoMessage")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setMargin(24)
        self.message.setFrameShape(QFrame.Shape.StyledPanel)

        self._stack = QStackedLayout(self)
        self._stack.setContentsMargins(0, 0, 0, 0)
        self._stack.addWidget(self.surface)
        self._stack.addWidget(self.message)

    def win_id(self) -> int:
        return int(self.surface.winId())

    def show_video(self) -> None:
        self._stack.setCurrentWidget(self.surface)

    def show_message(self, text: str) -> None:
        """Replace the picture with ``text`` (no video: libVLC missing, media missing...)."""
        self.message.setText(text)
        self._stack.setCurrentWidget(self.message)

    @property
    def showing_message(self) -> bool:
        return self._stack.currentWidget() is self.message
