"""The Changes view's list: every correction of every line as a row (a line merged from others,
split from one, its text, its times: app.core.editing.CORRECTIONS), with the line's time and
what it was against what it is now as rich text (a text's word diff: deleted words struck
through, inserted ones underlined; change_entries words the others).

Built for 100k lines with 10k changes: the list holds only (row, kind) pairs, and a row's diff is
computed when the view first paints it (then cached by its two texts). A change to a few lines
inserts, updates or removes just those entries; anything bigger marks the list stale, rebuilt once
per event-loop turn while it is shown, or when it is next shown, so a hidden dock costs nothing.
"""

from __future__ import annotations

import html
from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from app.core.editing import CORRECTIONS, corrections, word_diff
from app.core.timecode import format_clock, format_hms
from app.core.transcript import Line
from app.ui.editing.change_entries import entry_html, entry_text, entry_tip, not_revertable
from app.ui.transcript.transcript_model import TranscriptModel
from app.ui.widgets.list_model import ListModel, RefreshWhenShown

if TYPE_CHECKING:
    from app.ui.editing.edit_session import EditSession

__all__ = [
    "INCREMENTAL_LIMIT",
    "ChangesModel",
    "DiffHtmlRole",
    "Entry",
    "KindRole",
    "SourceRowRole",
    "TimeTextRole",
    "before_after_tip",
    "diff_colours",
    "diff_html",
    "text_changed",
]

DiffHtmlRole = Qt.ItemDataRole.UserRole + 20  # the word diff as rich text
TimeTextRole = Qt.ItemDataRole.UserRole + 21  # "01:23", drawn left of the diff
SourceRowRole = Qt.ItemDataRole.UserRole + 22  # the line's row in the TranscriptModel
KindRole = Qt.ItemDataRole.UserRole + 23  # "merged", "split", "text" or "times"
#: One row of the list: (the line's source row, the correction's place in CORRECTIONS).
Entry = tuple[int, int]
_Index = QModelIndex | QPersistentModelIndex
#: dataChanged over more rows than this rebuilds the list instead of checking row by row.
INCREMENTAL_LIMIT = 256


def text_changed(roles: Sequence[int]) -> bool:
    """Whether a dataChanged with these roles may have changed text (no roles: anything)."""
    text_roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole)
    return not roles or any(role in roles for role in text_roles)


def diff_colours(palette: QPalette | None = None) -> tuple[QColor, QColor]:
    """Deleted and inserted words' colours, readable on the palette's base (light or dark)."""
    palette = palette or QApplication.palette()
    if palette.color(QPalette.ColorRole.Base).lightness() < 128:
        return QColor("#ff7b72"), QColor("#56d364")
    return QColor("#b3261e"), QColor("#1b7a2e")


def diff_html(old: str, new: str, palette: QPalette | None = None) -> str:
    """``old`` -> ``new`` as rich text: <s> runs were deleted, <u> runs inserted; text escaped."""
    deleted, inserted = (c.name() for c in diff_colours(palette))
    parts = ['<span style="white-space:pre-wrap">']
    previous = ""
    for op, text in word_diff(old, new):
        safe = html.escape(text, quote=False)
        if op == "delete":
            parts.append(f'<s style="color:{deleted}">{safe}</s>')
        elif op == "insert":
            if previous == "delete" and not parts[-1].endswith(" </s>"):
                parts.append(" ")  # "cat dog", never "catdog": the two runs stay apart
            parts.append(f'<u style="color:{inserted}">{safe}</u>')
        else:
            parts.append(safe)
        previous = op
    parts.append("</span>")
    return "".join(parts)


def before_after_tip(old: str, new: str) -> str:
    esc = html.escape
    return f"<qt><b>{esc(old)}</b><br>\u2192<br><b>{esc(new)}</b></qt>"


class ChangesModel(ListModel[Entry]):
    """The corrections, as (row of the session's TranscriptModel, kind), in transcript order."""

    countChanged = Signal(int)  # lines with a correction (not entries)

    def __init__(self, session: EditSession, parent: QObject | None = None) -> None:
        super().__init__((self.tr("Change"),), parent)
        self.session = session
        self.source: TranscriptModel = session.model
        self._html: dict[int, tuple[str, str, str]] = {}  # row -> (original, text, diff html)
        self._with_hours = False
        self._lines = 0  # lines with at least one entry
        self._pending: set[int] = set()  # rows whose text changed since the last refresh
        # An undo of a replace-all: one rebuild, not 10k.
        self._freshness = RefreshWhenShown(self.refresh, 0, self)
        src = self.source
        for signal in (
            src.modelReset,
            src.rowsInserted,
            src.rowsRemoved,
            src.rowsMoved,
            src.layoutChanged,
        ):
            signal.connect(self.mark_dirty)
        src.dataChanged.connect(self._on_data_changed)
        session.structureChanged.connect(self.mark_dirty)

    def index(
        self,
        row: int,
        column: int = 0,
        parent: _Index = QModelIndex(),  # noqa: B008 - Qt's signature
    ) -> QModelIndex:
        """A list's index: ``index(row)``, as in a QAbstractListModel."""
        return super().index(row, column, parent)

    # -- keeping in step -------------------------------------------------------------------
    def mark_dirty(self, *_args: object) -> None:
        self._pending.clear()
        self._freshness.mark_stale()

    def set_live(self, live: bool) -> None:
        self._freshness.set_shown(live)

    def _on_data_changed(self, top: QModelIndex, bottom: QModelIndex, roles: Sequence[int]) -> None:
        if not text_changed(roles):
            return  # the playing line moved, a colour changed: no text changed
        if self._freshness.stale:
            return  # rebuilt from scratch anyway
        if len(self._pending) + bottom.row() - top.row() >= INCREMENTAL_LIMIT:
            self.mark_dirty()  # a replace-all or its undo: one rebuild beats 10k inserts
            return
        self._pending.update(range(top.row(), bottom.row() + 1))
        self._freshness.schedule()

    @staticmethod
    def _entries_of(line_row: int, kinds: Sequence[str]) -> list[Entry]:
        return [(line_row, CORRECTIONS.index(kind)) for kind in kinds]

    def _update_row(self, row: int) -> None:
        """The entries of one line, brought up to date in place: the others keep their rows
        (a view's selection and current row among them)."""
        wanted = self._entries_of(row, corrections(self.source.line(row)))
        lo = bisect_left(self._rows, (row, -1))
        hi = bisect_left(self._rows, (row + 1, -1))
        had = self._rows[lo:hi]
        if had == wanted:
            if had:
                self.dataChanged.emit(self.index(lo), self.index(hi - 1))
            return
        self._html.pop(row, None)
        # Entries that went, last first, then those that came: each one a row removed or
        # inserted, so nothing else in the list moves for a view.
        for pos in range(hi - 1, lo - 1, -1):
            if self._rows[pos] not in wanted:
                self.beginRemoveRows(QModelIndex(), pos, pos)
                del self._rows[pos]
                self.endRemoveRows()
        for entry in wanted:
            pos = bisect_left(self._rows, entry)
            if pos < len(self._rows) and self._rows[pos] == entry:
                self.dataChanged.emit(self.index(pos), self.index(pos))
                continue
            self.beginInsertRows(QModelIndex(), pos, pos)
            self._rows.insert(pos, entry)
            self.endInsertRows()
        self._lines += bool(wanted) - bool(had)
        self.countChanged.emit(self._lines)

    def refresh(self) -> None:
        """Bring the list up to date: the few changed rows in place, else a rebuild."""
        if not self._freshness.take():
            rows, self._pending = sorted(self._pending), set()
            for row in rows:
                self._update_row(row)
            return
        lines = self.source.lines()
        self._html.clear()
        self._with_hours = bool(lines) and lines[-1].start_ms >= 3_600_000
        entries: list[Entry] = []
        count = 0
        for row, line in enumerate(lines):
            kinds = corrections(line)
            if kinds:
                count += 1
                entries.extend(self._entries_of(row, kinds))
        self._lines = count
        self.set_rows(entries)
        self.countChanged.emit(count)

    # -- reading ---------------------------------------------------------------------------
    def line_count(self) -> int:
        """How many lines have a correction."""
        return self._lines

    def source_row(self, row: int) -> int:
        return self._rows[row][0]

    def kind(self, row: int) -> str:
        return CORRECTIONS[self._rows[row][1]]

    def position_of(self, source_row: int) -> int | None:
        """The list row of the line's first entry (None: the line has none)."""
        pos = bisect_left(self._rows, (source_row, -1))
        return pos if pos < len(self._rows) and self._rows[pos][0] == source_row else None

    def why_not_revertable(self, row: int) -> str:
        """Why the panel cannot revert entry ``row`` ("" when it can)."""
        found = self._line_of(self._rows[row])
        if found is None:
            return self.tr("This change is no longer there.")
        return not_revertable(*found)

    def diff_of(self, source_row: int) -> str:
        line = self.source.line(source_row)
        old, new = line.original, line.text
        cached = self._html.get(source_row)
        if cached is not None and cached[0] == old and cached[1] == new:
            return cached[2]
        text = diff_html(old, new)
        self._html[source_row] = (old, new, text)
        return text

    def _line_of(self, item: Entry) -> tuple[Line, str] | None:
        """The entry's line and kind; None while the line no longer has that correction (an
        undo, a merge: painted once before the list catches up)."""
        line_row, order = item
        if line_row >= self.source.rowCount():
            return None
        line, kind = self.source.line(line_row), CORRECTIONS[order]
        return (line, kind) if kind in corrections(line) else None

    def _html_of(self, item: Entry) -> str:
        found = self._line_of(item)
        if found is None:
            return ""
        line_row, kind = item[0], found[1]
        diff = self.diff_of(line_row) if kind == "text" else ""
        gone, added = (c.name() for c in diff_colours())
        return entry_html(found[0], kind, diff, (gone, added), self._with_hours)

    def display(self, item: Entry, column: int) -> str:
        return self._described(item)

    def tooltip(self, item: Entry, column: int) -> str:
        found = self._line_of(item)
        return "" if found is None else entry_tip(*found, self._with_hours)

    def role_data(self, item: Entry, column: int, role: int) -> Any:
        if role == DiffHtmlRole:
            return self._html_of(item)
        if role == TimeTextRole:
            found = self._line_of(item)
            return (
                ""
                if found is None
                else format_clock(found[0].start_ms, with_hours=self._with_hours)
            )
        if role == SourceRowRole:
            return item[0]
        if role == KindRole:
            return CORRECTIONS[item[1]]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._described(item)
        return None

    def display_text(self, row: int) -> str:
        return self._described(self._rows[row])

    def _described(self, item: Entry) -> str:
        found = self._line_of(item)
        if found is None:
            return ""
        line, kind = found
        # Not one tr("%1 … %2 … %3"): a "%2" typed in the text must never be substituted.
        head = self.tr("%1, changed").replace("%1", format_hms(line.start_ms))
        return f"{head}: {entry_text(line, kind, self._with_hours)}"
