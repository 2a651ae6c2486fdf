"""Icons drawn in the palette's text colour, so they read in light and dark alike.

The styles' own media and title-bar icons are grey pixmaps made for a light window: on a dark
one the transport's play, skip and mute buttons and the panels' float and close buttons all but
vanish (1.4:1). ``ReadableIconStyle`` wraps the style in use and hands out those icons as masks
painted, when drawn, in the current palette's ButtonText (WindowText for title bars; the
Disabled group for a disabled button), so a scheme change recolours them at once.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

__all__ = ["TINTED", "ReadableIconStyle", "TintedIconEngine"]

_SP = QStyle.StandardPixmap
#: The standard icons that are one grey shape (tinted); the rest keep their colours.
TINTED = frozenset(
    {
        _SP.SP_MediaPlay,
        _SP.SP_MediaPause,
        _SP.SP_MediaStop,
        _SP.SP_MediaSeekForward,
        _SP.SP_MediaSeekBackward,
        _SP.SP_MediaSkipForward,
        _SP.SP_MediaSkipBackward,
        _SP.SP_MediaVolume,
        _SP.SP_MediaVolumeMuted,
        _SP.SP_TitleBarNormalButton,
        _SP.SP_TitleBarCloseButton,
        _SP.SP_TitleBarMaxButton,
        _SP.SP_TitleBarMinButton,
        _SP.SP_DockWidgetCloseButton,
    }
)


class TintedIconEngine(QIconEngine):
    """``base``'s shape, filled with the palette colour of ``role`` at paint time."""

    def __init__(self, base: QIcon, role: QPalette.ColorRole) -> None:
        super().__init__()
        self._base = base
        self._role = role

    def _colour(self, mode: QIcon.Mode) -> QColor:
        palette = QApplication.palette()
        group = (
            QPalette.ColorGroup.Disabled
            if mode == QIcon.Mode.Disabled
            else QPalette.ColorGroup.Normal
        )
        return palette.color(group, self._role)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        shape = self._base.pixmap(size, QIcon.Mode.Normal, state)
        if shape.isNull():
            return shape
        tinted = QPixmap(shape.size())
        tinted.setDevicePixelRatio(shape.devicePixelRatio())
        tinted.fill(Qt.GlobalColor.transparent)
        painter = QPainter(tinted)
        painter.drawPixmap(QPoint(0, 0), shape)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(tinted.rect(), self._colour(mode))
        painter.end()
        return tinted

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        pixmap = self.pixmap(rect.size() * ratio, mode, state)
        painter.drawPixmap(rect, pixmap)

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        return self._base.actualSize(size, mode, state)

    def availableSizes(self, mode: QIcon.Mode, state: QIcon.State) -> list[QSize]:
        return self._base.availableSizes(mode, state)

    def clone(self) -> QIconEngine:
        return TintedIconEngine(self._base, self._role)


class ReadableIconStyle(QProxyStyle):
    """The style named ``base`` (e.g. "Fusion"), with its grey icons in the palette's ink."""

    def name(self) -> str:
        """The wrapped style's name ("fusion"): what the rest of the app asks about."""
        base = self.baseStyle()
        return base.name() if base is not None else super().name()

    def standardIcon(
        self,
        standard_icon: QStyle.StandardPixmap,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> QIcon:
        icon = super().standardIcon(standard_icon, option, widget)
        if standard_icon not in TINTED or icon.isNull():
            return icon
        title_bar = standard_icon.name.startswith(("SP_TitleBar", "SP_DockWidget"))
        role = QPalette.ColorRole.WindowText if title_bar else QPalette.ColorRole.ButtonText
        return QIcon(TintedIconEngine(icon, role))
