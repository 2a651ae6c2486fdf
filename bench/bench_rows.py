"""Transcript rows: what painting one screen of rows costs while scrolling a 100k-line project,
with the list's spelling underline on and off, what growing the current line's row costs, and
what learning the transcript's names costs at open.
Run under a display (xvfb-run)."""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from app.core.transcript import Line
    from app.player.fake import FakePlayer
    from app.store.library import Library
    from app.ui.window.main_window import MainWindow

    sentence = "the envoys said they would recieve the programme before the end of the month"
    words = sentence.split(" ")
    lines = [
        Line(i * 1000, i * 1000 + 900, " ".join([*words[i % 7 :], f"line{i}"]))
        for i in range(100_000)
    ]
    with tempfile.TemporaryDirectory() as folder:
        library = Library.open(str(Path(folder) / "bench.sqlite3"))
        window = MainWindow(library, FakePlayer(duration=100_000_000))
        window.resize(1280, 720)
        window.show()
        window.model.set_lines(lines)
        view = window.view
        app.processEvents()
        bar = view.verticalScrollBar()

        def screens(spell_on: bool) -> float:
            window.editing.spell.checker.set_language("en_GB" if spell_on else "")
            window.delegate.clear_cache()
            times = []
            for step in range(60):  # a new screen of rows each time: nothing cached
                bar.setValue(bar.maximum() * step // 60)
                start = time.perf_counter()
                view.viewport().repaint()
                times.append(time.perf_counter() - start)
            return statistics.median(times) * 1000

        screens(True)  # the dictionary's first load is not a screen's cost
        on, off = screens(True), screens(False)
        print(f"rows_screen_paint_spelling_on: {on:.1f} ms (median of 60 new screens)")
        print(f"rows_screen_paint_spelling_off: {off:.1f} ms")
        grow = []
        for row in range(1000, 1200):
            start = time.perf_counter()
            view.go_to_row(row)  # fit_current_row: measure the text, grow the row
            grow.append(time.perf_counter() - start)
        print(f"current_row_fit: {statistics.median(grow) * 1000:.2f} ms per line change")
        from app.ui.library.window_projects import LEARN_NAMES_FROM

        texts = [f"aide Yuri Ushakov, said {line.text}" for line in lines[:LEARN_NAMES_FROM]]
        start = time.perf_counter()
        window.editing.spell.checker.learn_names(texts)
        took = (time.perf_counter() - start) * 1000
        print(f"learn_names_at_open: {took:.0f} ms ({LEARN_NAMES_FROM:,} lines)")
        window.shutdown()
        library.close()


if __name__ == "__main__":
    main()
