"""WCAG contrast: relative luminance, the ratio of two colours, and a colour moved just far
enough towards another to reach a ratio (AA: 4.5:1 for text, 3:1 for graphics and controls)."""

from __future__ import annotations

from PySide6.QtGui import QColor

__all__ = ["GRAPHICS", "TEXT", "contrast_ratio", "luminance", "readable_against"]

TEXT, GRAPHICS = 4.5, 3.0


def luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast_ratio(a: QColor, b: QColor) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def readable_against(
    colour: QColor, background: QColor, toward: QColor, ratio: float = GRAPHICS
) -> QColor:
    """``colour``, mixed with ``toward`` (the palette's text colour) in steps of 5% until it
    stands ``ratio`` from ``background``: its hue kept as far as the contrast allows."""
    for step in range(21):
        t = step / 20
        mixed = QColor(
            round(colour.red() + (toward.red() - colour.red()) * t),
            round(colour.green() + (toward.green() - colour.green()) * t),
            round(colour.blue() + (toward.blue() - colour.blue()) * t),
        )
        if contrast_ratio(mixed, background) >= ratio:
            return mixed
    return QColor(toward)
