"""Take the README screenshot from the real app: the demo project playing, under any X display.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python packaging/screenshot.py [OUT.png]

It opens the demo as `proofreel --demo` does (in a throw-away library), plays from 1:20 for a few
seconds so the current line follows the voice, and grabs the window from the X screen (VLC draws
into a native child window that Qt's own widget grab cannot see).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.player import create_player  # noqa: E402
from app.player.platform import prepare_qt_platform  # noqa: E402
from app.resources import demo_paths  # noqa: E402
from app.store.library import Library  # noqa: E402
from app.ui.window.application import DEMO_TITLE, open_into  # noqa: E402
from app.ui.window.main_window import MainWindow  # noqa: E402

START_MS = 80_000
PLAY_MS = 3_500


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "resources" / "screenshot.png"
    prepare_qt_platform()
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        library = Library.open(str(Path(tmp) / "shot.sqlite3"))
        window = MainWindow(library, create_player(audio=False))
        window.resize(1280, 720)
        window.move(0, 0)
        window.show()
        media, transcript = demo_paths()
        if not open_into(window, str(transcript), str(media), DEMO_TITLE):
            return 1

        def start() -> None:
            window.player.seek(START_MS)
            window.player.play()
            QTimer.singleShot(PLAY_MS, grab)

        def grab() -> None:
            screen = app.primaryScreen()
            frame = window.frameGeometry()
            image = screen.grabWindow(0, frame.x(), frame.y(), frame.width(), frame.height())
            image.save(str(out))
            print(f"saved {out} ({image.width()}x{image.height()})")
            window.close()
            app.quit()

        QTimer.singleShot(800, start)
        app.exec()
        library.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
