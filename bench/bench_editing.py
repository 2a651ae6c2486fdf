"""The editing issue's figures at 100k lines, through the window's own EditSession: a text edit
committed and repainted, a replace-all of a word in 10k lines (finding, database write, model
update), and the timing checks over all lines. Run under a display (make bench uses Xvfb)."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.core.checks import CheckSettings, run_checks
    from app.player.fake import FakePlayer
    from app.store.library import Library
    from app.ui.window.main_window import MainWindow
    from bench.synthetic import transcript

    app = QApplication.instance() or QApplication([])
    lines = transcript(100_000).lines
    for row in range(0, 100_000, 10):
        lines[row].text += " zephyr"  # the word replace-all will change: 10k lines
    with tempfile.TemporaryDirectory() as tmp:
        library = Library.open(str(Path(tmp) / "bench.sqlite3"))
        project = library.create_project(
            transcript(0).__class__(lines=lines, title="bench"),
            media_path=None,
            transcript_path=None,
        )
        window = MainWindow(library, FakePlayer(duration=lines[-1].end_ms))
        window.resize(1280, 760)
        window.show()
        window.show_project(project, library.load_transcript(project))
        app.processEvents()
        session = window.editing.session

        times = []
        for i in range(50):
            row = 50_000 + i
            start = time.perf_counter()
            session.edit_text(row, f"Corrected line {i}")
            window.view.viewport().repaint()  # the repaint is part of what the user waits for
            times.append((time.perf_counter() - start) * 1000)
        print(
            f"edit_text_commit_repaint_100k: {statistics.median(times):.1f} ms "
            f"(target < 10 ms; median of 50, worst {max(times):.1f} ms)"
        )

        start = time.perf_counter()
        count = session.replace_all("zephyr", "breeze", regex=False, whole_words=True, case=False)
        app.processEvents()
        seconds = time.perf_counter() - start
        print(
            f"replace_all_10k_window: {seconds:.2f} s (target < 1 s incl. the database write; "
            f"{count} replacements)"
        )

        model_lines = window.model.lines()
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            run_checks(model_lines, None, CheckSettings())
            runs.append((time.perf_counter() - start) * 1000)
        print(f"timing_checks_window_100k: {statistics.median(runs):.0f} ms (target < 200 ms)")
        window.close()
        library.close()


if __name__ == "__main__":
    main()
