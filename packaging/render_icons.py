"""Render resources/icons/proofreel.svg to the PNG sizes desktops and the window use.

Run from the repository root after changing the SVG, and commit the PNGs::

    .venv/bin/python packaging/render_icons.py

Uses Qt's own SVG renderer (QtSvg, in PySide6-Essentials) at build time only: the app loads the
PNGs, so the bundle needs no SVG support.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (48, 128, 256)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "proofreel.svg"))
    if not renderer.isValid():
        print("render_icons: the SVG did not load", file=sys.stderr)
        return 1
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        out = ICONS / f"proofreel-{size}.png"
        if not image.save(str(out)):
            print(f"render_icons: could not write {out}", file=sys.stderr)
            return 1
        print(out.relative_to(ICONS.parent.parent))
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
