"""Every corrected line in one list: its time and a word-level diff of the imported text against
the corrected one (deleted words struck through, inserted ones underlined), with "Revert".

Built for 100k lines with 10k changes: the list holds only row numbers, and a row's diff is
computed when the view first paints it (then cached by its two texts). A change to a few lines
inserts, updates or removes just those entries; anything bigger marks the list stale, rebuilt once
per event-loop turn while it is shown, or when it is next shown, so a hidden dock costs nothing.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QAction,
    QColor,
    QHideEvent,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QShowEvent,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.core.editing import word_diff
from app.core.timecode import format_clock, format_hms
from app.ui.transcript_model import TranscriptModel, is_edited

if TYPE_CHECKING:
    from app.ui.edit_session import EditSession

__all__ = [
    "ChangesModel",
    "ChangesView",
    "DiffDelegate",
    "DiffHtmlRole",
    "SourceRowRole",
    "TimeTextRole",
    "diff_colours",
    "diff_html",
    "text_changed",
]

DiffHtmlRole = Qt.ItemDataRole.UserRole + 20  # the word diff as rich text
TimeTextRole = Qt.ItemDataRole.UserRole + 21  # "01:23", drawn left of the diff
SourceRowRole = Qt.ItemDataRole.UserRole + 22  # the line's row in the TranscriptModel
_Index = QModelIndex | QPersistentModelIndex
#: dataChanged over more rows than this rebuilds the list instead of checking row by row.
INCREMENTAL_LIMIT = 256
_DOC_CACHE = 256
_COLOURED = re.compile(r' style="color:#[0-9a-f]{6}"')  # what diff_html puts on a run


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


class ChangesModel(QAbstractListModel):
    """The changed lines, as rows of the session's TranscriptModel, in transcript order."""

    countChanged = Signal(int)

    def __init__(self, session: EditSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.source: TranscriptModel = session.model
        self._rows: list[int] = []
        self._html: dict[int, tuple[str, str, str]] = {}  # row -> (original, text, diff html)
        self._with_hours = False
        self._dirty = True
        self._pending: set[int] = set()  # rows whose text changed since the last refresh
        self._live = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)  # an undo of a replace-all: one rebuild, not 10k
        self._timer.timeout.connect(self.refresh)
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

    # -- keeping in step -------------------------------------------------------------------
    def mark_dirty(self, *_args: object) -> None:
        self._dirty = True
        self._pending.clear()
        if self._live:
            self._timer.start()

    def set_live(self, live: bool) -> None:
        self._live = live
        if live:
            self.refresh()

    def _on_data_changed(self, top: QModelIndex, bottom: QModelIndex, roles: Sequence[int]) -> None:
        if not text_changed(roles):
            return  # the playing line moved, a colour changed: no text changed
        if self._dirty:
            return  # rebuilt from scratch anyway
        if len(self._pending) + bottom.row() - top.row() >= INCREMENTAL_LIMIT:
            self.mark_dirty()  # a replace-all or its undo: one rebuild beats 10k inserts
            return
        self._pending.update(range(top.row(), bottom.row() + 1))
        if self._live:
            self._timer.start()

    def _update_row(self, row: int) -> None:
        changed = is_edited(self.source.line(row))
        pos = bisect_left(self._rows, row)
        present = pos < len(self._rows) and self._rows[pos] == row
        if changed and not present:
            self.beginInsertRows(QModelIndex(), pos, pos)
            self._rows.insert(pos, row)
            self.endInsertRows()
        elif present and not changed:
            self.beginRemoveRows(QModelIndex(), pos, pos)
            del self._rows[pos]
            self._html.pop(row, None)
            self.endRemoveRows()
        elif present:
            self.dataChanged.emit(self.index(pos), self.index(pos))
            return
        else:
            return
        self.countChanged.emit(len(self._rows))

    def refresh(self) -> None:
        """Bring the list up to date: the few changed rows in place, else a rebuild."""
        if not self._dirty:
            rows, self._pending = sorted(self._pending), set()
            for row in rows:
                self._update_row(row)
            return
        lines = self.source.lines()
        self.beginResetModel()
        self._rows = [row for row, line in enumerate(lines) if is_edited(line)]
        self._html.clear()
        self._with_hours = bool(lines) and lines[-1].start_ms >= 3_600_000
        self._dirty = False
        self.endResetModel()
        self.countChanged.emit(len(self._rows))

    # -- reading ---------------------------------------------------------------------------
    def source_row(self, row: int) -> int:
        return self._rows[row]

    def position_of(self, source_row: int) -> int | None:
        pos = bisect_left(self._rows, source_row)
        return pos if pos < len(self._rows) and self._rows[pos] == source_row else None

    def diff_of(self, source_row: int) -> str:
        line = self.source.line(source_row)
        old, new = line.original, line.text
        cached = self._html.get(source_row)
        if cached is not None and cached[0] == old and cached[1] == new:
            return cached[2]
        text = diff_html(old, new)
        self._html[source_row] = (old, new, text)
        return text

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        line = self.source.line(row)
        if role == DiffHtmlRole:
            return self.diff_of(row)
        if role == TimeTextRole:
            return format_clock(line.start_ms, with_hours=self._with_hours)
        if role == SourceRowRole:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.display_text(index.row())
        if role == Qt.ItemDataRole.ToolTipRole:
            return before_after_tip(line.original, line.text)
        return None

    def display_text(self, row: int) -> str:
        line = self.source.line(self._rows[row])
        # Not one tr("%1 … %2 … %3"): a "%2" typed in the text must never be substituted.
        head = self.tr("%1, changed").replace("%1", format_hms(line.start_ms))
        return f"{head}: “{line.original}” \u2192 “{line.text}”"


class DiffDelegate(QStyledItemDelegate):
    """Paints TimeTextRole, then DiffHtmlRole as rich text, at a fixed height of ``lines``."""

    def __init__(self, parent: QObject | None = None, lines: int = 2) -> None:
        super().__init__(parent)
        self.lines = lines
        self._docs: OrderedDict[tuple[str, int, str, bool], QTextDocument] = OrderedDict()

    def _document(
        self, html_text: str, width: int, option: QStyleOptionViewItem, selected: bool
    ) -> QTextDocument:
        key = (html_text, width, option.font.key(), selected)
        doc = self._docs.get(key)
        if doc is not None:
            self._docs.move_to_end(key)
            return doc
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(option.font)
        text_option = QTextOption()
        text_option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        doc.setDefaultTextOption(text_option)
        # On the selection colour red and green read badly: the struck and underlined runs
        # keep their marks and take the selected text's colour.
        doc.setHtml(_COLOURED.sub("", html_text) if selected else html_text)
        doc.setTextWidth(width)
        self._docs[key] = doc
        if len(self._docs) > _DOC_CACHE:
            self._docs.popitem(last=False)
        return doc

    def time_width(self, option: QStyleOptionViewItem) -> int:
        return option.fontMetrics.horizontalAdvance("0:00:00") + 16

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget
        style = widget.style() if widget is not None else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        group = (
            QPalette.ColorGroup.Active
            if opt.state & QStyle.StateFlag.State_Active
            else QPalette.ColorGroup.Inactive
        )
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_colour = opt.palette.color(group, text_role)
        rect = opt.rect.adjusted(6, 4, -6, -4)
        time_w = self.time_width(opt)
        painter.save()
        painter.setClipRect(opt.rect)
        time_text = index.data(TimeTextRole)
        if time_text:
            muted = QColor(text_colour)
            muted.setAlphaF(0.65)
            painter.setPen(muted)
            painter.setFont(opt.font)
            flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
            painter.drawText(rect.adjusted(0, 0, -(rect.width() - time_w), 0), flags, time_text)
        body = rect.adjusted(time_w if time_text else 0, 0, 0, 0)
        doc = self._document(str(index.data(DiffHtmlRole) or ""), body.width(), opt, selected)
        painter.translate(QPointF(body.topLeft()))
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, text_colour)
        context.clip = QRectF(0, 0, body.width(), body.height())
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        return QSize(200, self.lines * option.fontMetrics.lineSpacing() + 8)


class ChangesView(QWidget):
    """The changed lines with a count and Revert; ``lineActivated(source_row)`` on click/Enter."""

    lineActivated = Signal(int)

    def __init__(self, session: EditSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("changesView")
        self.setAccessibleName(self.tr("Changes"))
        self.model = ChangesModel(session, self)
        self.list = QListView(self)
        self.list.setObjectName("changesList")
        self.list.setAccessibleName(self.tr("Changed lines"))
        self.list.setModel(self.model)
        self.delegate = DiffDelegate(self.list)
        self.list.setItemDelegate(self.delegate)
        self.list.setUniformItemSizes(True)  # 10k entries cost what the visible ones cost
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.list.clicked.connect(self._activate)
        self.list.installEventFilter(self)
        self.count_label = QLabel(self)
        self.count_label.setAccessibleName(self.tr("Number of changed lines"))
        self.revert_button = QPushButton(self.tr("&Revert Line"), self)
        self.revert_button.setAccessibleName(self.tr("Revert line"))
        self.revert_button.setToolTip(self.tr("Give the selected line its imported text back"))
        self.revert_button.clicked.connect(self.revert_selected)
        self.revert_action = QAction(self.tr("Revert This Line"), self.list)
        self.revert_action.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        self.revert_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.revert_action.triggered.connect(self.revert_selected)
        self.list.addAction(self.revert_action)
        self.list.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.countChanged.connect(self._update_count)
        self.model.modelReset.connect(self._update_buttons)
        self.model.rowsRemoved.connect(self._after_remove)
        self._reverted_at: int | None = None

        bottom = QHBoxLayout()
        bottom.setContentsMargins(6, 2, 6, 4)
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.revert_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(bottom)
        self._update_count(0)
        self._update_buttons()

    # -- actions ---------------------------------------------------------------------------
    def selected_source_row(self) -> int | None:
        index = self.list.currentIndex()
        if not index.isValid() or not self.list.selectionModel().isSelected(index):
            return None
        return self.model.source_row(index.row())

    def select_source_row(self, source_row: int) -> bool:
        pos = self.model.position_of(source_row)
        if pos is None:
            return False
        self.list.setCurrentIndex(self.model.index(pos))
        return True

    def revert_selected(self) -> None:
        row = self.selected_source_row()
        if row is None:
            return
        self._reverted_at = self.list.currentIndex().row()
        self.session.revert_line(row)

    def _after_remove(self) -> None:
        # After a revert the next change (or the last one) is selected: Revert, Revert, ...
        at, self._reverted_at = self._reverted_at, None
        if at is not None and self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(min(at, self.model.rowCount() - 1)))
        self._update_buttons()

    def _activate(self, index: QModelIndex) -> None:
        if index.isValid():
            self.lineActivated.emit(self.model.source_row(index.row()))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.list
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self._activate(self.list.currentIndex())
            return True
        return super().eventFilter(watched, event)

    # -- showing ---------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.model.set_live(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.model.set_live(False)

    def _update_count(self, count: int) -> None:
        if count == 1:
            text = self.tr("1 changed line")
        else:
            text = self.tr("%1 changed lines").replace("%1", f"{count:,}")
        self.count_label.setText(text)

    def _update_buttons(self) -> None:
        has = self.selected_source_row() is not None
        self.revert_button.setEnabled(has)
        self.revert_action.setEnabled(has)
