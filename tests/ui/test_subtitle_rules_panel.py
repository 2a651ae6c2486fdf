"""Subtitle rule profiles in the Checks panel (issue 18): a preset picked with the mouse lists
the new issues, a limit typed in makes the project's Custom profile, and the choice is the
project's own, kept in the library: the next start opens the project with it, and another
project keeps its own."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from app.core.formats.registry import write_path
from app.core.subtitle_rules import CUSTOM, SubtitleProfile
from app.core.transcript import Line, Transcript
from app.player.fake import FakePlayer
from app.store.importing import open_pair
from app.store.library import Library
from app.store.models import projects
from app.ui.editing.checks_panel import ChecksPanel
from app.ui.window.main_window import MainWindow
from tests.ui.conftest import open_window

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def subtitles(path: Path) -> Path:
    """Cues that pass the default checks and break Netflix's rules, one rule each."""
    cues = [
        Line(0, 3_000, "Good evening, and welcome."),
        Line(3_040, 6_000, "Tonight: talks resume after a long pause in the capital."),  # 40 ms gap
        Line(7_000, 10_000, "One.\nTwo.\nThree."),  # three rows
        Line(11_000, 19_000, "A long look at the harbour."),  # eight seconds on screen
        Line(20_000, 23_000, "Goodnight."),
    ]
    write_path(Transcript(lines=cues, title="News"), path, "srt")
    return path


def shown_checks(qtbot: QtBot, window: MainWindow) -> ChecksPanel:
    if not window.panels["checksDock"].isVisible():
        QTest.keyClick(window, Qt.Key.Key_4, CTRL_SHIFT)  # View > Checks
    qtbot.waitUntil(window.panels["checksDock"].isVisible)
    panel = window.editing.checks
    qtbot.waitUntil(lambda: not panel.is_dirty and panel.runs > 0, timeout=3000)
    return panel


def kinds(panel: ChecksPanel) -> list[tuple[int, str, str]]:
    issues = panel.issues
    return [
        (issues.issue(r).row, issues.issue(r).kind, issues.issue(r).message)
        for r in range(issues.rowCount())
    ]


def pick(qtbot: QtBot, combo: QComboBox, text: str) -> None:
    """Open the chooser with a click and click the item, as a user does."""
    qtbot.mouseClick(combo, Qt.MouseButton.LeftButton)
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    row = combo.findText(text)
    assert row >= 0, f"{text!r} is not offered"
    rect = view.visualRect(view.model().index(row, 0))
    # The open list ignores a click as quick as a double click's second (Qt's popup guard).
    qtbot.wait(QApplication.doubleClickInterval() + 50)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: not view.isVisible())


def restart(qtbot: QtBot, again: Library, project_id: int) -> MainWindow:
    """The next start: a new window on a new connection to the same library file."""
    window = MainWindow(again, FakePlayer(duration=30_000))
    qtbot.addWidget(window)
    window.resize(1100, 600)
    window.show()
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    window.show_start_screen()
    window.open_project_id(project_id)
    return window


def test_a_preset_picked_lists_its_issues_and_stays_with_the_project(
    qtbot: QtBot, library: Library, tmp_path: Path
) -> None:
    media = tmp_path / "news.mp4"
    media.write_bytes(b"not played by the fake player")
    srt = subtitles(tmp_path / "news.srt")
    window = open_window(qtbot, library, FakePlayer(duration=30_000), srt, media)
    project_id = window.project_id
    assert project_id is not None
    panel = shown_checks(qtbot, window)
    combo = panel.findChild(QComboBox, "checksProfile")
    assert combo is not None and combo.currentText() == "Transcript (no subtitle rules)"
    assert kinds(panel) == []  # today's checks: nothing wrong
    assert panel.summary.text() == "No timing issues"
    assert not panel.rules.limits.isVisible()

    pick(qtbot, combo, "Netflix English (adult)")
    qtbot.waitUntil(lambda: len(kinds(panel)) == 4, timeout=3000)
    assert kinds(panel) == [
        (0, "gap_small", "Gap of only 40 ms before the next line (minimum 83 ms)"),
        (1, "row_length", "56 characters on one row (limit 42)"),
        (2, "rows", "3 rows (limit 2)"),
        (3, "too_long", "On screen for 8 s (maximum 7 s)"),
    ]
    assert panel.summary.text() == (
        "1 row too long \u00b7 1 with too many rows \u00b7 1 too long on screen "
        "\u00b7 1 gap too small"
    )
    # The preset's limits are shown; its reading speed stands in for the panel's own.
    assert panel.rules.limits.isVisible() and panel.rules.row_chars.value() == 42
    assert not panel.cps_spin.isVisible()
    assert library.subtitle_profile(project_id) == SubtitleProfile("netflix_en")

    # Another project keeps its own rules (the default), and coming back brings Netflix back.
    other = open_pair(library, subtitles(tmp_path / "other.srt"))
    window.show_project(other.project_id, other.transcript, other.report)
    assert combo.currentText() == "Transcript (no subtitle rules)"
    qtbot.waitUntil(lambda: not panel.is_dirty and kinds(panel) == [], timeout=3000)
    window.close()

    with Library.open(library.url) as fresh:
        again = restart(qtbot, fresh, project_id)
        panel = shown_checks(qtbot, again)
        combo = panel.findChild(QComboBox, "checksProfile")
        assert combo is not None and combo.currentText() == "Netflix English (adult)"
        qtbot.waitUntil(lambda: len(kinds(panel)) == 4, timeout=3000)
        found = [kind for _, kind, _ in kinds(panel)]
        assert found == ["gap_small", "row_length", "rows", "too_long"]
        again.close()


def test_a_limit_typed_in_makes_the_projects_custom_rules(
    qtbot: QtBot, library: Library, tmp_path: Path
) -> None:
    srt = subtitles(tmp_path / "news.srt")
    window = open_window(qtbot, library, FakePlayer(duration=30_000), srt, None)
    project_id = window.project_id
    assert project_id is not None
    panel = shown_checks(qtbot, window)
    pick(qtbot, panel.rules.combo, "Netflix English (adult)")
    qtbot.waitUntil(lambda: len(kinds(panel)) == 4, timeout=3000)

    # Rows of 60 characters: the long row passes; the chooser now says Custom.
    spin = panel.rules.row_chars
    qtbot.mouseClick(spin, Qt.MouseButton.LeftButton)
    QTest.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(spin, "60")
    QTest.keyClick(spin, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: panel.rules.combo.currentText() == "Custom")
    qtbot.waitUntil(lambda: len(kinds(panel)) == 3, timeout=3000)
    assert "row_length" not in [kind for _, kind, _ in kinds(panel)]
    kept = library.subtitle_profile(project_id)
    assert kept.key == CUSTOM and kept.rules is not None
    assert (kept.rules.max_row_chars, kept.rules.max_rows, kept.rules.max_cps) == (60, 2, 20.0)
    window.close()

    with Library.open(library.url) as fresh:
        again = restart(qtbot, fresh, project_id)
        panel = shown_checks(qtbot, again)
        assert panel.rules.combo.currentText() == "Custom"
        assert panel.rules.row_chars.value() == 60

        # Back to the default with the keyboard: the subtitle issues go, nothing is kept.
        panel.rules.combo.setFocus()
        QTest.keyClick(panel.rules.combo, Qt.Key.Key_Home)
        qtbot.waitUntil(lambda: panel.rules.combo.currentText() == "Transcript (no subtitle rules)")
        qtbot.waitUntil(lambda: kinds(panel) == [], timeout=3000)
        assert library.get_project(project_id).subtitle_rules is None
        again.close()


def test_rules_this_proofreel_cannot_read_are_said_and_left_as_they_are(
    qtbot: QtBot, library: Library, tmp_path: Path
) -> None:
    opened = open_pair(library, subtitles(tmp_path / "news.srt"))
    newer = '{"profile": "netflix_2031"}'
    with library.engine.begin() as conn:
        conn.execute(
            update(projects).where(projects.c.id == opened.project_id).values(subtitle_rules=newer)
        )
    window = restart(qtbot, library, opened.project_id)
    qtbot.waitUntil(lambda: "Checked without subtitle rules" in window.statusBar().currentMessage())
    assert 'unknown profile, "netflix_2031"' in window.statusBar().currentMessage()
    panel = shown_checks(qtbot, window)
    assert panel.rules.combo.currentText() == "Transcript (no subtitle rules)"
    assert kinds(panel) == []
    window.close()
    assert library.get_project(opened.project_id).subtitle_rules == newer  # nothing lost


def test_a_read_only_library_checks_the_rules_picked_and_says_they_are_not_kept(
    qtbot: QtBot, library: Library, tmp_path: Path
) -> None:
    opened = open_pair(library, subtitles(tmp_path / "news.srt"))
    with Library.open(library.url, read_only=True) as browsing:
        window = restart(qtbot, browsing, opened.project_id)
        panel = shown_checks(qtbot, window)
        pick(qtbot, panel.rules.combo, "Netflix English (children's)")
        # Children's 17 characters/s: the 56-character line, at 19, is too fast as well.
        qtbot.waitUntil(lambda: len(kinds(panel)) == 5, timeout=3000)
        assert (1, "reading_speed") in [(row, kind) for row, kind, _ in kinds(panel)]
        message = window.statusBar().currentMessage()
        assert message.startswith("The subtitle rules could not be kept:")
        window.close()
    assert library.subtitle_profile(opened.project_id) == SubtitleProfile()
