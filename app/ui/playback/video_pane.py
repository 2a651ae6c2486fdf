"""Where the video is drawn: a native child window VLC paints into; the player's poster (the exact
frame, decoded by PyAV) while VLC has no picture to show (opened, never played; paused seeks); or,
when libVLC cannot play, a clear message in its place (the transcript stays usable)."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QStackedLayout, QWidget

__all__ = ["VideoPane"]


class _Poster(QWidget):
    """One still frame, scaled to fit on black, as a video output would show it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("videoPoster")
        self.image = QImage()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("black"))
        if self.image.isNull():
            return
        size = self.image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        target = QRect(0, 0, size.width(), size.height())
        target.moveCenter(self.rect().center())
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(target, self.image)


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
        self.poster = _Poster(self)
        self._stack.addWidget(self.poster)

    def win_id(self) -> int:
        return int(self.surface.winId())

    def show_video(self) -> None:
        self._stack.setCurrentWidget(self.surface)

    def show_message(self, text: str) -> None:
        """Replace the picture with ``text`` (no video: libVLC missing, media missing...)."""
        self.message.setText(text)
        self._stack.setCurrentWidget(self.message)

    def show_poster(self, image: QImage) -> None:
        """The player's still frame while VLC shows none; a null image gives VLC the pane back.
        A message (no libVLC, missing media) is never covered."""
        if self.showing_message:
            return
        self.poster.image = image
        if image.isNull():
            self._stack.setCurrentWidget(self.surface)
        else:
            self._stack.setCurrentWidget(self.poster)
            self.poster.update()

    @property
    def showing_message(self) -> bool:
        return self._stack.currentWidget() is self.message
