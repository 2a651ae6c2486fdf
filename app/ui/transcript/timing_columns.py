"""The transcript table's optional columns (End, Duration, CPS) and how its times read.

The user picks the columns in View > Columns or from the table header's context menu (one menu,
shown in both places); the choice is kept in QSettings ("transcript/columns"), as is "Show times
to the millisecond" ("appearance/times_in_ms", set in Preferences > Appearance). The columns are
always in the model and hidden in the view, so showing one costs nothing until it is painted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QObject, QPoint, QSettings, Qt
from PySide6.QtGui import QAction, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView

from app.ui.transcript.transcript_model import TranscriptModel

__all__ = [
    "COLUMNS_KEY",
    "MILLIS_KEY",
    "OPTIONAL_COLUMNS",
    "TimingColumns",
    "column_widths",
    "save_show_millis",
    "show_millis",
]

COLUMNS_KEY = "transcript/columns"
MILLIS_KEY = "appearance/times_in_ms"

#: The columns the user may show, by the names QSettings keeps them under.
OPTIONAL_COLUMNS = {
    "end": TranscriptModel.END,
    "duration": TranscriptModel.DURATION,
    "cps": TranscriptModel.CPS,
}


_MEASURED = (TranscriptModel.TIME, *OPTIONAL_COLUMNS.values())


def _true(value: object) -> bool:
    """A bool as QSettings gives it back: True, or "true" from an INI file."""
    return value is True or str(value).lower() in ("true", "1")


def show_millis(settings: QSettings | None = None) -> bool:
    """Whether times show to the millisecond (``00:01:02.345``) instead of ``01:02``."""
    settings = settings if settings is not None else QSettings()
    return _true(settings.value(MILLIS_KEY, False))


def save_show_millis(on: bool, settings: QSettings | None = None) -> None:
    settings = settings if settings is not None else QSettings()
    if on:
        settings.setValue(MILLIS_KEY, True)
    else:
        settings.remove(MILLIS_KEY)


def _shown_columns(settings: QSettings) -> set[str]:
    value = settings.value(COLUMNS_KEY, [])
    names: Sequence[object] = [value] if isinstance(value, str) else value or []  # INI: one item
    return {str(name) for name in names} & OPTIONAL_COLUMNS.keys()


def column_widths(
    metrics: QFontMetrics,
    header: QFontMetrics,
    labels: Mapping[int, str],
    *,
    millis: bool,
    hours: bool = True,
) -> dict[int, int]:
    """The fixed columns' widths for the table's font (``metrics``) and the header's: measured
    on sample text, never on the rows (100k of them), and wide enough for the header's
    ``labels`` (as translated). ``hours``: the transcript's times show hours."""
    clock = ("0:00:00" if hours else "00:00") + (".000" if millis else "")
    samples = {
        TranscriptModel.TIME: clock,
        TranscriptModel.END: clock,
        TranscriptModel.DURATION: "000.000" if millis else "000.0",
        TranscriptModel.CPS: "00.0",
    }
    widths = {
        TranscriptModel.STATUS: metrics.horizontalAdvance("\u2691") + 16,
        TranscriptModel.NOTES: metrics.horizontalAdvance("\u270e99") + 12,
    }
    for column, sample in samples.items():
        label = header.horizontalAdvance(labels.get(column, ""))
        widths[column] = max(metrics.horizontalAdvance(sample), label) + 16
    return widths


class TimingColumns(QObject):
    """Shows and hides ``view``'s optional columns, keeps the choice, and sizes the fixed
    columns for the font and for how times read."""

    def __init__(
        self, view: QTableView, model: TranscriptModel, settings: QSettings | None = None
    ) -> None:
        super().__init__(view)
        self._view = view
        self._model = model
        self._settings = settings if settings is not None else QSettings()
        shown = _shown_columns(self._settings)
        self.menu = QMenu(self.tr("&Columns"), view)
        self.menu.setObjectName("columnsMenu")
        labels = {
            "end": self.tr("&End Time"),
            "duration": self.tr("&Duration"),
            "cps": self.tr("&CPS (Characters per Second)"),
        }
        self.actions: dict[str, QAction] = {}
        for name, column in OPTIONAL_COLUMNS.items():
            action = QAction(labels[name], self.menu)
            action.setObjectName(f"column_{name}")  # not in the keymap: not a window action
            action.setCheckable(True)
            action.setChecked(name in shown)
            action.toggled.connect(lambda on, c=column: self._show(c, on))
            self.menu.addAction(action)
            self.actions[name] = action
            view.setColumnHidden(column, name not in shown)
        header = view.horizontalHeader()
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        model.lookChanged.connect(view.viewport().update)
        # Times with hours or without: a transcript opened, or lines past the hour added.
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(self.fit_widths)
        model.set_time_format(millis=show_millis(self._settings))
        self.fit_widths()

    def shown(self) -> list[str]:
        """The optional columns shown, by name."""
        return [name for name, action in self.actions.items() if action.isChecked()]

    def set_millis(self, on: bool) -> None:
        """Times to the millisecond, or not (Preferences > Appearance applies it)."""
        self._model.set_time_format(millis=on)
        self.fit_widths()

    def fit_widths(self, *_args: object) -> None:
        header, model = self._view.horizontalHeader(), self._model
        labels = {c: str(model.headerData(c, Qt.Orientation.Horizontal)) for c in _MEASURED}
        metrics, timing = self._view.fontMetrics(), model.timing
        widths = column_widths(
            metrics, header.fontMetrics(), labels, millis=timing.millis, hours=timing.with_hours
        )
        for column, width in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, width)

    def _show(self, column: int, on: bool) -> None:
        self._view.setColumnHidden(column, not on)
        if on:
            self.fit_widths()  # sized for the font and the times it has now, not when hidden
        self._settings.setValue(COLUMNS_KEY, self.shown())

    def _header_menu(self, pos: QPoint) -> None:
        self.menu.popup(self._view.horizontalHeader().viewport().mapToGlobal(pos))
