"""The library's projects as a table model, and the texts a project is recognised by: its title,
how far the review got ("312 / 1,204 reviewed (26%)"), when it was last opened ("today 10:42"),
and the File > Recent entries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTime,
)
from PySide6.QtWidgets import QApplication, QStyle

from app.core.review import reviewed_percent
from app.store.library import Library
from app.store.media import is_local_file_path
from app.store.types import ProjectSummary
from app.ui.widgets.list_model import ListModel

__all__ = [
    "ProjectsModel",
    "file_name",
    "opened_text",
    "project_title",
    "recent_menu_entries",
    "reviewed_text",
]

ModelIndex = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    # The context these strings were translated under, before the model left start_screen.
    return QCoreApplication.translate("start_screen", text)


def project_title(summary: ProjectSummary) -> str:
    """The title, else the transcript's or media's file name, else "Untitled"."""
    if summary.title:
        return summary.title
    for path in (summary.transcript_path, summary.media_path):
        if path:
            return Path(path).stem
    return _tr("Untitled")


def reviewed_text(reviewed: int, total: int, locale: QLocale | None = None) -> str:
    """ "312 / 1,204 reviewed (26%)"; never 100% before the last line, never 0% after the first."""
    loc = locale or QLocale()
    if total <= 0:
        return _tr("no lines")
    percent = reviewed_percent(reviewed, total)
    return (
        _tr("%1 / %2 reviewed (%3%)")
        .replace("%1", loc.toString(reviewed))
        .replace("%2", loc.toString(total))
        .replace("%3", loc.toString(percent))
    )


def opened_text(iso: str, now: datetime | None = None, locale: QLocale | None = None) -> str:
    """A stored UTC time, shown in local time and relative: "today 10:42", "yesterday 18:03",
    "Monday 09:12" within the week, else the date."""
    loc = locale or QLocale()
    try:
        when = datetime.fromisoformat(iso).astimezone()
    except ValueError:
        return iso
    today = (now or datetime.now().astimezone()).date()
    days = (today - when.date()).days
    clock = loc.toString(QTime(when.hour, when.minute), QLocale.FormatType.ShortFormat)
    if days == 0:
        return _tr("today %1").replace("%1", clock)
    if days == 1:
        return _tr("yesterday %1").replace("%1", clock)
    if 1 < days < 7:
        weekday = loc.dayName(when.isoweekday(), QLocale.FormatType.LongFormat)
        return f"{weekday} {clock}"
    if loc.language() == QLocale.Language.C:
        return when.date().isoformat()  # the C locale's short date ("19 10 2026") reads badly
    return loc.toString(QDate(when.year, when.month, when.day), QLocale.FormatType.ShortFormat)


def _media_missing(path: str | None) -> bool:
    return path is not None and is_local_file_path(path) and not Path(path).is_file()


def recent_menu_entries(library: Library, limit: int = 10) -> list[tuple[int, str]]:
    """(project id, menu text) for File > Recent, most recently opened first.

    The media file's name follows the title when it adds something, so two "Interview" projects
    can be told apart, and the transcript's name follows when even that is shared (t.srt and
    t.vtt made for one video); "&" is doubled so it shows instead of making a shortcut.
    """
    summaries = library.list_projects()[: max(limit, 0)]
    texts = []
    for summary in summaries:
        text = project_title(summary)
        name = file_name(summary.media_path)
        if name and name not in text:
            text = f"{text} \u2014 {name}"
        texts.append(text)
    entries: list[tuple[int, str]] = []
    for summary, text in zip(summaries, texts, strict=True):
        transcript = file_name(summary.transcript_path)
        if texts.count(text) > 1 and transcript:
            text = f"{text} ({transcript})"
        entries.append((summary.id, text.replace("&", "&&")))
    return entries


def file_name(path: str | None) -> str:
    """The last part of a path or URL, "" for none."""
    if not path:
        return ""
    return Path(path).name or path


@dataclass(slots=True)
class _Row:
    summary: ProjectSummary
    missing: bool


class ProjectsModel(ListModel[_Row]):
    TITLE, TRANSCRIPT, MEDIA, LINES, REVIEWED, OPENED = range(6)
    ProjectIdRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        titles = (
            self.tr("Project"),
            self.tr("Transcript"),
            self.tr("Media"),
            self.tr("Lines"),
            self.tr("Review"),
            self.tr("Last opened"),
        )
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        super().__init__(titles, parent, alignments={self.LINES: right, self.REVIEWED: right})
        self.library = library

    def refresh(self) -> None:
        """Read the projects again; a StoreError leaves the list empty, and is raised."""
        rows: list[_Row] = []
        try:
            rows = [
                _Row(summary, _media_missing(summary.media_path))
                for summary in self.library.list_projects()
            ]
        finally:  # read before the reset, so a failed read never leaves the views mid-reset
            self.set_rows(rows)

    def summary(self, row: int) -> ProjectSummary:
        return self.row(row).summary

    def row_of(self, project_id: int) -> int | None:
        for row, item in enumerate(self.rows()):
            if item.summary.id == project_id:
                return row
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.TITLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def tooltip(self, item: _Row, column: int) -> str | None:
        summary = item.summary
        if column == self.MEDIA and summary.media_path:
            if item.missing:
                return self.tr("Not found: %1").replace("%1", summary.media_path)
            return summary.media_path
        if column in (self.TITLE, self.TRANSCRIPT) and summary.transcript_path:
            return summary.transcript_path
        return None

    def role_data(self, item: _Row, column: int, role: int) -> Any:
        if role == self.ProjectIdRole:
            return item.summary.id
        if role == Qt.ItemDataRole.EditRole and column == self.TITLE:
            return item.summary.title
        if role == Qt.ItemDataRole.DecorationRole and column == self.MEDIA and item.missing:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.display(item, column)
        return None

    def display(self, item: _Row, column: int) -> str:
        summary = item.summary
        if column == self.TITLE:
            return project_title(summary)
        if column == self.TRANSCRIPT:  # what tells t.srt from t.vtt made for one video
            return file_name(summary.transcript_path) or self.tr("none")
        if column == self.MEDIA:
            if not summary.media_path:
                return self.tr("no media")
            name = Path(summary.media_path).name or summary.media_path
            return self.tr("%1 (missing)").replace("%1", name) if item.missing else name
        if column == self.LINES:
            return QLocale().toString(summary.line_count)
        if column == self.REVIEWED:
            return reviewed_text(summary.reviewed_count, summary.line_count)
        return opened_text(summary.opened_at)

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != self.TITLE or role != Qt.ItemDataRole.EditRole:
            return False
        title = str(value).strip()
        item = self.row(index.row())
        summary = item.summary
        if not title or title == summary.title:
            return False
        self.library.rename_project(summary.id, title)
        item.summary = self._renamed(summary, title)
        self.dataChanged.emit(index, index)
        return True

    @staticmethod
    def _renamed(summary: ProjectSummary, title: str) -> ProjectSummary:
        return ProjectSummary(
            summary.id,
            title,
            summary.media_path,
            summary.transcript_path,
            summary.line_count,
            summary.reviewed_count,
            summary.opened_at,
            summary.created_at,
        )
