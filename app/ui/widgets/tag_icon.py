"""A highlight tag's colour as a small icon: the swatch the Line panel, the tags dialog and the
speakers dialog show."""

from __future__ import annotations

from PySide6.QtGui import (
    QColor,
    QIcon,
    QPainter,
    QPixmap,
)

__all__ = ["tag_icon"]


def tag_icon(color: str, size: int = 12) -> QIcon:
    """A swatch with a grey rim (seen on light and dark bases), unchanged when selected."""
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color))
    painter = QPainter(pixmap)
    painter.setPen(QColor("#808080"))
    painter.drawRect(0, 0, size - 1, size - 1)
    painter.end()
    icon = QIcon(pixmap)
    icon.addPixmap(pixmap, QIcon.Mode.Selected)
    return icon
