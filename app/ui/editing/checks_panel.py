"""The timing checks of the open transcript as a list: overlaps, lines out of order, lines past
the media's end, long gaps, lines read too fast, lines with no time on screen, and the project's
subtitle rules (rows, rows per cue, time on screen, gaps; chosen in its RulesBar). A click or
Enter on an issue goes to its line (the window selects it and seeks on ``issueActivated``).

The checks re-run 300 ms after the transcript last changed, and only while the panel is shown: a
hidden panel just notes that it is stale and catches up when shown. 100k lines take a few tens
of milliseconds (bench/bench_checks.py). Repaints of the playing line are not changes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSettings,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QSpinBox,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.checks import KINDS, CheckSettings, Issue, run_checks
from app.core.subtitle_rules import SubtitleProfile
from app.ui.editing.checks_model import KIND_COLOURS, IssuesModel, kind_icon
from app.ui.editing.checks_settings import (
    HIDDEN_KINDS_KEY,
    as_list,
    check_settings,
    save_check_settings,
)
from app.ui.editing.checks_settings import MAX_CPS_KEY as MAX_CPS_KEY
from app.ui.editing.checks_settings import MAX_GAP_KEY as MAX_GAP_KEY
from app.ui.editing.checks_settings import MIN_DURATION_KEY as MIN_DURATION_KEY
from app.ui.editing.rules_bar import RulesBar
from app.ui.transcript.transcript_model import CurrentRole, TranscriptModel
from app.ui.widgets.list_model import RefreshWhenShown
from app.ui.widgets.list_table import configure_list_table, on_row_chosen

__all__ = [
    "KIND_COLOURS",
    "ChecksPanel",
    "IssuesModel",
    "check_settings",
    "save_check_settings",
]

DEBOUNCE_MS = 300

#: Repaints that change nothing a check reads (the playing line's tint and font).
_PAINT_ROLES = frozenset(
    {int(Qt.ItemDataRole.BackgroundRole), int(Qt.ItemDataRole.FontRole), int(CurrentRole)}
)


class ChecksPanel(QWidget):
    """Timing checks of ``model``'s lines; ``issueActivated(source_row)`` on a click or Enter."""

    issueActivated = Signal(int)
    checked = Signal(int)  # number of issues, after each run
    profileChosen = Signal(object)  # the SubtitleProfile the user picked, for the project

    def __init__(
        self,
        model: TranscriptModel,
        media_duration: Callable[[], int | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("checksPanel")
        self.setAccessibleName(self.tr("Timing checks"))
        self.source = model
        self._media_duration = media_duration
        self._settings = check_settings()
        model.set_reading_limit(self._settings.max_cps)  # the CPS column warns past it too
        self._kept: tuple[int | None, str, int] | None = None
        self.runs = 0  # how many times the checks ran: lets tests see the debounce work
        self.more_issues: list[Callable[[], list[Issue]]] = []  # e.g. the audio's (listening)

        self.issues = IssuesModel(self)
        self.summary = QLabel()
        self.summary.setObjectName("checksSummary")
        self.summary.setAccessibleName(self.tr("Issues found"))
        self.summary.setWordWrap(True)
        self.filter_button = QToolButton()
        self.filter_button.setObjectName("checksFilter")
        self.filter_button.setText(self.tr("Show"))
        self.filter_button.setToolTip(self.tr("Which kinds of issue to list"))
        self.filter_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.filter_menu = QMenu(self.filter_button)
        self.kind_actions: dict[str, QAction] = {}
        hidden = set(str(k) for k in as_list(QSettings().value(HIDDEN_KINDS_KEY, [])))
        for kind in KINDS:
            action = self.filter_menu.addAction(kind_icon(kind), self.issues.kind_name(kind))
            action.setCheckable(True)
            action.setChecked(kind not in hidden)
            action.toggled.connect(self._apply_filter)
            self.kind_actions[kind] = action
        self.filter_button.setMenu(self.filter_menu)

        self.gap_spin = QSpinBox()
        self.gap_spin.setObjectName("checksMaxGap")
        self.gap_spin.setAccessibleName(self.tr("Longest gap, in seconds"))
        self.gap_spin.setToolTip(self.tr("Report gaps between lines longer than this"))
        self.gap_spin.setRange(0, 3600)
        self.gap_spin.setSuffix(self.tr(" s"))
        self.gap_spin.setSpecialValueText(self.tr("Off"))
        self.cps_spin = QDoubleSpinBox()
        self.cps_spin.setObjectName("checksMaxCps")
        self.cps_spin.setAccessibleName(self.tr("Fastest reading speed, in characters per second"))
        self.cps_spin.setToolTip(self.tr("Report lines that need reading faster than this"))
        self.cps_spin.setRange(0, 100)
        self.cps_spin.setDecimals(1)
        self.cps_spin.setSingleStep(1)
        self.cps_spin.setSuffix(self.tr(" char/s"))
        self.cps_spin.setSpecialValueText(self.tr("Off"))
        self._show_settings()
        self.gap_spin.valueChanged.connect(self._thresholds_edited)
        self.cps_spin.valueChanged.connect(self._thresholds_edited)
        self.rules = RulesBar(self)
        self.rules.profileChosen.connect(self._profile_chosen)

        self.table = QTableView()
        self.table.setObjectName("checksTable")
        self.table.setAccessibleName(self.tr("Timing issues"))
        self.table.setModel(self.issues)
        configure_list_table(self.table)
        columns = self.table.horizontalHeader()
        metrics = self.fontMetrics()
        widest = max(metrics.horizontalAdvance(self.issues.kind_name(k)) for k in KINDS)
        columns.resizeSection(IssuesModel.KIND, widest + 36)
        columns.setSectionResizeMode(IssuesModel.TIME, QHeaderView.ResizeMode.Fixed)
        columns.resizeSection(IssuesModel.TIME, metrics.horizontalAdvance("0:00:00") + 20)
        columns.setStretchLastSection(True)
        on_row_chosen(self.table, self._activate)
        self.issues.modelAboutToBeReset.connect(self._remember)
        self.issues.modelReset.connect(self._restore)

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.filter_button)
        limits = QHBoxLayout()
        gap_label = QLabel(self.tr("&Gaps over"))
        gap_label.setBuddy(self.gap_spin)
        self._cps_label = cps_label = QLabel(self.tr("&Faster than"))
        cps_label.setBuddy(self.cps_spin)
        for widget in (gap_label, self.gap_spin, cps_label, self.cps_spin):
            limits.addWidget(widget)
        limits.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(limits)
        # The chooser on a row of its own: beside the thresholds it would widen the dock past
        # what a 1280-pixel screen leaves it.
        layout.addWidget(self.rules.chooser)
        layout.addWidget(self.rules.limits)

        self._freshness = RefreshWhenShown(self.refresh, DEBOUNCE_MS, self, show_later=True)
        model.dataChanged.connect(self._on_data_changed)
        model.rowsInserted.connect(self.mark_dirty)
        model.rowsRemoved.connect(self.mark_dirty)
        model.rowsMoved.connect(self.mark_dirty)
        model.modelReset.connect(self.mark_dirty)
        self.issues.set_hidden_kinds(hidden)
        self._update_summary()

    # -- running the checks ----------------------------------------------------------------
    def mark_dirty(self, *_args: object) -> None:
        """The lines (or the media's length) changed: re-run soon if shown, else when shown."""
        self._freshness.mark_stale()

    def _on_data_changed(self, _top: QModelIndex, _bottom: QModelIndex, roles: list[int]) -> None:
        if roles and _PAINT_ROLES.issuperset(int(r) for r in roles):
            return
        self.mark_dirty()

    def refresh(self) -> None:
        """Run the checks now if anything changed since the last run."""
        if not self._freshness.take():
            return
        self.runs += 1
        duration = self._media_duration()
        settings = self.rules.profile().check_settings(self._settings)
        issues = run_checks(self.source.lines(), duration or None, settings)
        more = [issue for source in self.more_issues for issue in source()]
        if more:
            issues = sorted([*issues, *more], key=lambda issue: issue.row)
        self.issues.set_issues(issues)
        self.checked.emit(len(issues))

    @property
    def is_dirty(self) -> bool:
        return self._freshness.stale

    def settings(self) -> CheckSettings:
        """The user's own thresholds (Preferences > Editing, or the limits row)."""
        return self._settings

    def profile(self) -> SubtitleProfile:
        return self.rules.profile()

    def set_profile(self, profile: SubtitleProfile) -> None:
        """Check against the project's kept subtitle rules (a project opened)."""
        if profile != self.rules.profile():
            self.rules.set_profile(profile)
            self._profile_shown()

    def _profile_chosen(self, profile: SubtitleProfile) -> None:
        self._profile_shown()
        self.profileChosen.emit(profile)

    def _profile_shown(self) -> None:
        # A profile's reading speed replaces the user's: one "Faster than" on screen, not two.
        own_speed = self.rules.profile().rules is None
        self._cps_label.setVisible(own_speed)
        self.cps_spin.setVisible(own_speed)
        self.mark_dirty()

    def reload_settings(self) -> None:
        """Read the thresholds again (after Preferences changed them) and re-check."""
        values = check_settings()
        if values != self._settings:
            self._settings = values
            self.source.set_reading_limit(values.max_cps)
            self._show_settings()
            self.mark_dirty()

    def _show_settings(self) -> None:
        for spin in (self.gap_spin, self.cps_spin):
            spin.blockSignals(True)
        self.gap_spin.setValue(round(self._settings.max_gap_ms / 1000))
        self.cps_spin.setValue(self._settings.max_cps)
        for spin in (self.gap_spin, self.cps_spin):
            spin.blockSignals(False)

    def _thresholds_edited(self) -> None:
        values = CheckSettings(
            max_gap_ms=self.gap_spin.value() * 1000,
            max_cps=round(self.cps_spin.value(), 1),
            min_duration_ms=self._settings.min_duration_ms,
            end_slack_ms=self._settings.end_slack_ms,
        )
        if values != self._settings:
            self._settings = values
            self.source.set_reading_limit(values.max_cps)
            save_check_settings(values)
            self.mark_dirty()

    # -- showing ---------------------------------------------------------------------------
    def _apply_filter(self) -> None:
        hidden = {kind for kind, action in self.kind_actions.items() if not action.isChecked()}
        self.issues.set_hidden_kinds(hidden)
        QSettings().setValue(HIDDEN_KINDS_KEY, sorted(hidden))
        self._update_summary()

    def _update_summary(self) -> None:
        counts = self.issues.counts()
        parts = [self.issues.count_text(kind, n) for kind, n in counts.items() if n]
        if not parts:
            text = self.tr("No timing issues") if self.runs else ""
        else:
            text = " \u00b7 ".join(parts)
        hidden = self.issues.hidden_kinds()
        shown = self.issues.rowCount()
        if hidden and shown != len(self.issues.all_issues()):
            text += "  " + self.tr("(%1 shown)").replace("%1", str(shown))
        self.summary.setText(text)
        self.filter_button.setText(self.tr("Show (filtered)") if hidden else self.tr("Show"))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._freshness.set_shown(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._freshness.set_shown(False)

    # -- going to a line -------------------------------------------------------------------
    def source_row(self, issue: Issue) -> int | None:
        """The row of ``issue``'s line now (rows may have moved since the checks ran)."""
        lines = self.source.lines()
        if 0 <= issue.row < len(lines) and lines[issue.row].id == issue.line_id:
            return issue.row
        if issue.line_id is not None:
            for row, line in enumerate(lines):
                if line.id == issue.line_id:
                    return row
            return None
        return issue.row if 0 <= issue.row < len(lines) else None

    def _activate(self, index: QModelIndex | QPersistentModelIndex) -> None:
        if not index.isValid():
            return
        row = self.source_row(self.issues.issue(index.row()))
        if row is not None:
            self.issueActivated.emit(row)

    def _remember(self) -> None:
        current = self.table.currentIndex()
        if current.isValid():
            issue = self.issues.issue(current.row())
            self._kept = (issue.line_id, issue.kind, issue.row)
        else:
            self._kept = None

    def _restore(self) -> None:
        self._update_summary()
        if self._kept is None:
            return
        line_id, kind, row = self._kept
        for shown in range(self.issues.rowCount()):
            issue = self.issues.issue(shown)
            same_line = issue.line_id == line_id if line_id is not None else issue.row == row
            if same_line and issue.kind == kind:
                self.table.selectRow(shown)
                break
