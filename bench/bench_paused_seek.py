"""Where a paused seek lands: the frame real libVLC shows after ``VlcPlayer.seek`` while paused,
against the frame asked for, for three encodings of one 3 s, 25 fps video whose picture spells
its frame number in eight black/white bands. Run under a display (make bench uses Xvfb).

Prints, per encoding, the worst and the typical error in frames (0: exact). A figure, not a test:
how far the picture a reviewer sees after clicking a line is from the line's start.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FRAME_MS = 40
TARGETS_MS = (1200, 1600, 400, 2400, 800, 2000, 1000, 1040, 1960, 520)
BANDS = "geq=lum='16+219*mod(floor(N/pow(2\\,floor(X/40)))\\,2)'"
ENCODINGS = {
    "h264, B-frames, GOP 25": ["-g", "25"],
    "h264, no B-frames": ["-g", "25", "-bf", "0"],
    "h264, all intra": ["-g", "1"],
}


def _video(folder: Path, name: str, options: list[str]) -> Path:
    out = folder / f"frames-{name.replace(' ', '').replace(',', '_')}.mp4"
    if not out.exists():
        ffmpeg = shutil.which("ffmpeg") or sys.exit("ffmpeg is needed to make the video")
        source = f"color=c=black:s=320x240:r=25:d=3,format=gray,{BANDS}"
        subprocess.run(
            [ffmpeg, "-v", "error", "-y", "-f", "lavfi", "-i", source, "-c:v", "libx264",
             *options, "-pix_fmt", "yuv420p", str(out)],
            check=True,
        )  # fmt: skip
    return out


def main() -> None:
    from app.player.platform import prepare_qt_platform

    prepare_qt_platform()
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QFrame

    from app.player.vlc_player import VlcPlayer

    app = QApplication.instance() or QApplication([])
    frame = QFrame()
    frame.setStyleSheet("background: black")
    frame.resize(320, 240)
    frame.show()
    QTest.qWaitForWindowExposed(frame)

    def shown_frame() -> int:
        corner = frame.mapToGlobal(frame.rect().topLeft())
        screen = QGuiApplication.primaryScreen()
        row = screen.grabWindow(0, corner.x(), corner.y() + 120, 320, 1).toImage()
        return sum(1 << k for k in range(8) if row.pixelColor(20 + 40 * k, 0).red() > 128)

    folder = Path(tempfile.gettempdir()) / "proofreel-bench"
    folder.mkdir(exist_ok=True)
    for name, options in ENCODINGS.items():
        player = VlcPlayer(audio=False)
        player.set_video_window(int(frame.winId()))
        player.load(str(_video(folder, name, options)))
        player.play()  # paused seeks need VLC's picture: play, then pause once it shows
        for _ in range(250):
            QTest.qWait(20)
            if player._mp.has_vout() and player.state().value == "playing":
                break
        player.pause()
        for _ in range(250):
            QTest.qWait(20)
            if player._mp.get_state() == player._vlc.State.Paused:
                break
        errors = []
        for target in TARGETS_MS:
            player.seek(target)
            QTest.qWait(600)  # the seek, and the redraw step after it
            errors.append(shown_frame() - target // FRAME_MS)
        player.release()
        worst = max(errors, key=abs)
        typical = statistics.median(abs(e) for e in errors)
        print(
            f"paused seek, {name}: worst {worst:+d} frames, median {typical:g} frames off "
            f"(target 0; errors {errors})"
        )
    app.processEvents()


if __name__ == "__main__":
    main()
