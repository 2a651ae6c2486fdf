"""Timeline figures: the waveform of a 2-hour AAC track (computed, then from the cache) and the
timeline's repaint cost during playback at 10k lines. Run under a display (make bench uses Xvfb);
without one it falls back to Qt's offscreen platform.

The 2-hour file takes about a minute to make; it is kept in the temp dir for the next run.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HOURS_MS = 2 * 3600 * 1000
LINES = 10_000


def _audio() -> Path:
    folder = Path(tempfile.gettempdir()) / "proofreel-bench"
    path = folder / "audio-2h.m4a"
    if not path.exists():
        folder.mkdir(exist_ok=True)
        partial = folder / "audio-2h.partial.m4a"
        ffmpeg = shutil.which("ffmpeg") or sys.exit("ffmpeg is needed to make the audio")
        subprocess.run(
            [ffmpeg, "-v", "error", "-y", "-f", "lavfi", "-i", "sine=f=220:d=7200",
             "-ac", "1", "-c:a", "aac", "-b:a", "32k", str(partial)],
            check=True,
        )  # fmt: skip
        partial.replace(path)
    return path


def _ms(seconds: list[float]) -> float:
    return statistics.median(seconds) * 1000


def bench_waveform() -> object:
    from app.media.waveform import compute_peaks, load_or_compute

    audio = _audio()
    cache = Path(tempfile.mkdtemp(prefix="proofreel-wave-"))
    try:
        began = time.perf_counter()
        peaks = compute_peaks(audio)
        computed = time.perf_counter() - began
        load_or_compute(audio, cache)  # computes again and writes the cache
        began = time.perf_counter()
        cached = load_or_compute(audio, cache)
        reopened = time.perf_counter() - began
        assert cached == peaks
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    print(f"waveform_2h_aac_compute: {computed:.2f} s (target < 10 s)")
    print(f"waveform_2h_cache_reopen: {reopened * 1000:.1f} ms (target < 100 ms)")
    return peaks


def bench_timeline(peaks: object) -> None:
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.core.transcript import Line, Note
    from app.media.waveform import Peaks
    from app.ui.playback.timeline import Timeline

    assert isinstance(peaks, Peaks)
    app = QApplication.instance() or QApplication([])
    step = HOURS_MS // LINES
    lines = [
        Line(i * step, (i + 1) * step - 80, f"Line {i}", status="flagged" if i % 97 == 0 else "")
        for i in range(LINES)
    ]
    for line in lines[::53]:
        line.notes = [Note("a note")]
    widget = Timeline()
    widget.resize(1200, 90)
    widget.set_lines(lines)
    widget.set_duration(HOURS_MS)
    widget.set_peaks(peaks)
    widget.show()
    app.processEvents()

    def full_repaints(n: int = 200) -> float:
        times = []
        for _ in range(n):
            began = time.perf_counter()
            widget.repaint()
            times.append(time.perf_counter() - began)
        return _ms(times)

    def rebuilds(n: int = 50) -> float:
        times = []
        for _ in range(n):
            began = time.perf_counter()
            widget._invalidate()  # what a zoom or a scroll costs: the layer drawn again
            widget.repaint()
            times.append(time.perf_counter() - began)
        return _ms(times)

    def ticks(n: int = 500) -> float:
        times, ms = [], widget.position()
        start, end = widget.visible_range()
        tick = max(40, (end - start) // 800)  # keep the playhead on screen
        for _ in range(n):
            ms += tick
            began = time.perf_counter()
            widget.set_position(ms)
            app.processEvents()  # the queued strip repaints happen here
            times.append(time.perf_counter() - began)
        return _ms(times)

    whole = (full_repaints(), ticks(), rebuilds())
    widget.set_position(3_600_000)
    widget.set_view(3_590_000, 50)  # 60 s across, near the middle
    app.processEvents()
    zoomed = (full_repaints(), ticks(), rebuilds())
    for name, (full, tick, rebuild) in (("whole", whole), ("zoomed", zoomed)):
        print(f"timeline_10k_{name}_full_repaint: {full:.2f} ms (target < 2 ms)")
        print(f"timeline_10k_{name}_playhead_tick: {tick:.2f} ms (target < 2 ms)")
        print(f"timeline_10k_{name}_layer_rebuild: {rebuild:.2f} ms (target < 16 ms, zoom/scroll)")
    widget.close()


def main() -> None:
    bench_timeline(bench_waveform())


if __name__ == "__main__":
    main()
