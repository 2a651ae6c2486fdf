"""A highlight tag's colour as a small icon (the swatch the Line panel, the tags dialog and the
speakers dialog show) and as the Line panel's tag button."""

from __future__ import annotations

from PySide6.QtGui import (
    QColor,
    QIcon,
    QPainter,
    QPixmap,
)

__all__ = ["tag_button_style", "tag_icon"]


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


def _mix(a: QColor, b: QColor, share_of_b: float) -> str:
    def mix(x: int, y: int) -> int:
        return round(x + (y - x) * share_of_b)

    return QColor(mix(a.red(), b.red()), mix(a.green(), b.green()), mix(a.blue(), b.blue())).name()


def tag_button_style(color: str, ink: str, window: QColor) -> str:
    """A button in the tag's colour with ``ink`` on it; faded into ``window`` when disabled
    (nothing selected to tag)."""
    faded = _mix(QColor(color), window, 0.6)
    faded_ink = _mix(QColor(ink), window, 0.6)
    return (
        f"QToolButton {{ background: {color}; color: {ink}; border: 1px solid "
        f"palette(mid); border-radius: 3px; padding: 2px 8px; }}"
        f"QToolButton:disabled {{ background: {faded}; color: {faded_ink}; }}"
    )
