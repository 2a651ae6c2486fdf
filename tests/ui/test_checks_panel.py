"""The Checks panel: lists the timing issues of the shown lines, follows edits (debounced, only
while shown), and a click or Enter on an issue names its line's row."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from app.core.transcript import Line
from app.ui.editing.checks_panel import MAX_CPS_KEY, ChecksPanel, IssuesModel, check_settings
from app.ui.transcript.transcript_model import TranscriptModel


def crafted() -> list[Line]:
    return [
        Line(0, 2_000, "Good evening.", id=10),
        Line(2_000, 5_400, "Here is the news.", id=11),  # overlaps the next by 0.4 s
        Line(5_000, 6_000, "Far too many words for one second on screen.", id=12),  # too fast
        Line(7_000, 9_000, "Thank you.", id=13),
    ]


class Media:
    def __init__(self) -> None:
        self.duration: int | None = 60_000

    def __call__(self) -> int | None:
        return self.duration


@pytest.fixture
def model() -> TranscriptModel:
    transcript = TranscriptModel()
    transcript.set_lines(crafted())
    return transcript


@pytest.fixture
def panel(qtbot: QtBot, model: TranscriptModel) -> ChecksPanel:
    widget = ChecksPanel(model, Media())
    qtbot.addWidget(widget)
    widget.resize(520, 300)
    widget.show()
    assert QTest.qWaitForWindowExposed(widget)
    qtbot.waitUntil(lambda: widget.runs == 1, timeout=2000)
    return widget


def listed(panel: ChecksPanel) -> list[tuple[int, str, str]]:
    issues = panel.issues
    return [
        (issues.issue(r).row, issues.issue(r).kind, issues.issue(r).message)
        for r in range(issues.rowCount())
    ]


def test_issues_are_listed_with_a_count_per_kind(panel: ChecksPanel) -> None:
    assert listed(panel) == [
        (1, "overlap", "Overlaps the next line by 0.4 s"),
        (2, "reading_speed", "Reading speed 44 characters/s (limit 20)"),
    ]
    assert panel.summary.text() == "1 overlap \u00b7 1 too fast"
    index = panel.issues.index(0, IssuesModel.TIME)
    assert index.data() == "00:02"
    assert panel.issues.index(0, IssuesModel.KIND).data(Qt.ItemDataRole.DecorationRole)


def test_an_edit_updates_the_list(qtbot: QtBot, panel: ChecksPanel, model: TranscriptModel) -> None:
    model.line(1).end_ms = 4_800  # as an edit command would, then dataChanged
    model.line(3).start_ms = 30_000
    model.line(3).end_ms = 32_000
    model.dataChanged.emit(model.index(1, 0), model.index(3, model.columnCount() - 1))
    qtbot.waitUntil(lambda: panel.runs == 2, timeout=2000)
    assert [(row, kind) for row, kind, _ in listed(panel)] == [(2, "gap"), (2, "reading_speed")]
    assert panel.summary.text() == "1 long gap \u00b7 1 too fast"


def test_edits_are_debounced_and_playback_repaints_ignored(
    qtbot: QtBot, panel: ChecksPanel, model: TranscriptModel
) -> None:
    for row in range(4):
        model.set_current_row(row)  # the playing line moves: a repaint, not a change
    qtbot.wait(400)
    assert panel.runs == 1
    for _ in range(5):
        model.dataChanged.emit(model.index(0, 0), model.index(0, 4))
    qtbot.wait(150)
    assert panel.runs == 1  # still waiting for the edits to settle
    qtbot.waitUntil(lambda: panel.runs == 2, timeout=2000)
    qtbot.wait(400)
    assert panel.runs == 2


def test_rows_inserted_and_removed_rerun_the_checks(
    qtbot: QtBot, panel: ChecksPanel, model: TranscriptModel
) -> None:
    lines = model.lines()
    assert isinstance(lines, list)
    model.beginInsertRows(QModelIndex(), 0, 0)  # as the editing session will
    lines.insert(0, Line(0, 100, "A new line read much too fast.", id=20))
    model.endInsertRows()
    qtbot.waitUntil(lambda: panel.runs == 2, timeout=2000)
    assert (0, "reading_speed") in [(r, k) for r, k, _ in listed(panel)]
    model.beginRemoveRows(QModelIndex(), 0, 0)
    del lines[0]
    model.endRemoveRows()
    qtbot.waitUntil(lambda: panel.runs == 3, timeout=2000)
    assert [r for r, _, _ in listed(panel)] == [1, 2]


def test_a_hidden_panel_waits_until_shown(
    qtbot: QtBot, panel: ChecksPanel, model: TranscriptModel
) -> None:
    panel.hide()
    model.set_lines(crafted()[:1])
    qtbot.wait(400)
    assert panel.runs == 1 and panel.is_dirty
    panel.show()
    qtbot.waitUntil(lambda: panel.runs == 2, timeout=2000)
    assert listed(panel) == []
    assert panel.summary.text() == "No timing issues"


def test_past_end_follows_the_media_duration(qtbot: QtBot, model: TranscriptModel) -> None:
    media = Media()
    media.duration = 8_000
    panel = ChecksPanel(model, media)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: panel.runs == 1, timeout=2000)
    assert (3, "past_end", "Past the end of the media (0:08)") in listed(panel)
    media.duration = None  # the media is gone: nothing to be past
    panel.mark_dirty()
    qtbot.waitUntil(lambda: panel.runs == 2, timeout=2000)
    assert "past_end" not in [k for _, k, _ in listed(panel)]


def test_click_and_enter_name_the_line(qtbot: QtBot, panel: ChecksPanel) -> None:
    table = panel.table
    rect = table.visualRect(panel.issues.index(1, IssuesModel.MESSAGE))
    with qtbot.waitSignal(panel.issueActivated, timeout=1000) as clicked:
        QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert clicked.args == [2]
    table.setFocus()
    table.setCurrentIndex(panel.issues.index(0, 0))
    with qtbot.waitSignal(panel.issueActivated, timeout=1000) as entered:
        QTest.keyClick(table, Qt.Key.Key_Return)
    assert entered.args == [1]


def test_activation_follows_the_line_when_rows_moved(
    qtbot: QtBot, panel: ChecksPanel, model: TranscriptModel
) -> None:
    panel.hide()  # stale: the list still has the old rows
    model.beginInsertRows(QModelIndex(), 0, 0)
    model.lines().insert(0, Line(0, 1_000, "New first line.", id=30))  # type: ignore[attr-defined]
    model.endInsertRows()
    issue = panel.issues.issue(0)
    assert issue.row == 1 and issue.line_id == 11
    assert panel.source_row(issue) == 2


def test_filters_hide_kinds(qtbot: QtBot, panel: ChecksPanel) -> None:
    panel.kind_actions["overlap"].setChecked(False)
    assert [k for _, k, _ in listed(panel)] == ["reading_speed"]
    assert "(1 shown)" in panel.summary.text()
    assert QSettings().value("checks/hidden_kinds") in (["overlap"], "overlap")
    panel.kind_actions["overlap"].setChecked(True)
    assert len(listed(panel)) == 2


def test_thresholds_are_stored_and_applied(qtbot: QtBot, panel: ChecksPanel) -> None:
    panel.cps_spin.setValue(50)
    qtbot.waitUntil(lambda: panel.runs == 2, timeout=2000)
    assert [k for _, k, _ in listed(panel)] == ["overlap"]
    assert float(QSettings().value(MAX_CPS_KEY)) == 50
    assert check_settings().max_cps == 50
    panel.gap_spin.setValue(0)
    assert check_settings().max_gap_ms == 0
    QSettings().setValue(MAX_CPS_KEY, 10)  # as Preferences would
    panel.reload_settings()
    assert panel.cps_spin.value() == 10
    qtbot.waitUntil(lambda: panel.runs == 3, timeout=2000)
