"""The reading view: the transcript as flowing paragraphs, one speaker each (as Descript shows it),
the playing line (and word, when the line has word timings) highlighted, a click on a line's
words seeking there.

It has no cursor of its own: the table's selection is the one the review keys act on, so a click
here selects the line in the table and a line chosen there (Ctrl+R, Shift+A, a jump) shows here.

100k lines are normal: only the paragraphs on screen are ever laid out. The scroll bar counts
paragraphs, not pixels (a paragraph's height is known only once it is laid out), and the wheel
scrolls by pixels across paragraph boundaries.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import (
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QShowEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from app.ui.transcript.follow import FollowController
from app.ui.transcript.reading_layout import MARGIN, ParagraphLayout
from app.ui.transcript.reading_paragraphs import Paragraphs
from app.ui.transcript.transcript_model import CurrentRole, TranscriptModel
from app.ui.transcript.transcript_view import TranscriptView

__all__ = ["ReadingView"]

_LOOK_ONLY = {Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.FontRole, CurrentRole}


class ReadingView(QAbstractScrollArea):
    lineActivated = Signal(int)  # source row: the user clicked a line's words or pressed Enter

    def __init__(
        self,
        model: TranscriptModel,
        table: TranscriptView,
        follow: FollowController,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("readingView")
        self.setAccessibleName(self.tr("Transcript, reading view"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(False)
        self._model = model
        self._table = table
        self._follow = follow
        self._paragraphs = Paragraphs(model)
        self._top = 0  # the paragraph at the top of the viewport...
        self._offset = 0  # ...and how many of its pixels are scrolled above it
        self._programmatic = False
        self._held = False  # the next playing line comes from a click here: leave the view be
        self._word: tuple[int, int] | None = None  # the spoken word in the playing line
        self._ms = 0  # the clock, as last ticked
        bar = self.verticalScrollBar()
        bar.setSingleStep(1)
        bar.valueChanged.connect(self._on_bar)
        table.proxy.modelReset.connect(self.rebuild)
        model.modelReset.connect(self._from_the_top)  # another transcript: its own place
        model.dataChanged.connect(self._on_data_changed)
        selection = table.selectionModel()
        selection.selectionChanged.connect(self._repaint)
        selection.currentRowChanged.connect(self._on_table_current)
        follow.currentRowChanged.connect(self._on_playing_row)
        follow.followingChanged.connect(self._on_following)
        follow.ticked.connect(self.set_time)
        self.rebuild()

    # -- what is shown ------------------------------------------------------------------------
    def paragraph_count(self) -> int:
        return len(self._paragraphs)

    def paragraph_of(self, row: int) -> int | None:
        return self._paragraphs.of_row(row)

    def paragraph_text(self, at: int) -> tuple[str, str]:
        """Paragraph ``at`` as the reader sees it: its speaker, its text."""
        layout = self._layout(at)
        return layout.speaker, layout.layout.text()

    def rebuild(self) -> None:
        """Regroup every line shown (the table's filter applies here too), keeping the place."""
        keep = self._paragraphs.rows(self._top)[0] if self._paragraphs else None
        proxy = self._table.proxy
        self._paragraphs.rebuild(proxy.source_rows() if proxy.is_filtered() else None)
        at = None if keep is None else self.paragraph_of(keep)
        self._top, self._offset = (at or 0), 0
        self._sync_bar()
        self.viewport().update()

    def _from_the_top(self) -> None:
        self._top, self._offset = 0, 0
        self._sync_bar()

    def _on_data_changed(
        self, top_left: QModelIndex, bottom_right: QModelIndex, roles: Sequence[int] = ()
    ) -> None:
        if roles and set(roles) <= _LOOK_ONLY:  # the playing line moved: nothing to measure
            self.viewport().update()
            return
        if not self._paragraphs.regroup(top_left.row(), bottom_right.row()):
            self.rebuild()
            return
        self._top = min(self._top, max(0, len(self._paragraphs) - 1))
        self._sync_bar()
        self.viewport().update()

    def _layout(self, at: int) -> ParagraphLayout:
        return self._paragraphs.layout(at, self._table.font(), self.viewport().width())

    # -- scrolling ----------------------------------------------------------------------------
    def _sync_bar(self) -> None:
        bar = self.verticalScrollBar()
        self._programmatic = True
        try:
            bar.setRange(0, max(0, len(self._paragraphs) - 1))
            bar.setPageStep(3)  # paragraphs: about a screen
            bar.setValue(self._top)
        finally:
            self._programmatic = False

    def _on_bar(self, value: int) -> None:
        if self._programmatic:
            return
        self._top, self._offset = value, 0
        self._user_scrolled()
        self.viewport().update()

    def scroll_by(self, pixels: int) -> None:
        """Move the text up by ``pixels`` (down when negative), across paragraphs."""
        if not self._paragraphs:
            return
        offset = self._offset + pixels
        while offset < 0 and self._top > 0:
            self._top -= 1
            offset += self._layout(self._top).height
        while self._top < len(self._paragraphs) - 1 and offset >= self._layout(self._top).height:
            offset -= self._layout(self._top).height
            self._top += 1
        self._offset = max(0, min(offset, self._layout(self._top).height - 1))
        self._sync_bar()
        self.viewport().update()

    def keep_in_view(self, row: int, *, band: float = 0.8, force: bool = False) -> None:
        """Show line ``row``: leave the view be while it sits between the top and ``band`` of the
        height, else put it a third of the way down (the reader sees what comes next)."""
        at = self.paragraph_of(row)
        if at is None:
            return
        height = self.viewport().height()
        top, bottom = self._line_y(row)
        visible = top is not None and bottom is not None and top >= 0 and bottom <= height * band
        if visible and not force:
            return
        line_top, _ = self._layout(at).line_span(row)
        self._top, self._offset = at, 0
        self.scroll_by(int(line_top) - height // 3)

    def _line_y(self, row: int) -> tuple[float | None, float | None]:
        """Line ``row``'s top and bottom in the viewport, None when it is not near the screen."""
        at = self.paragraph_of(row)
        if at is None or at < self._top:
            return None, None
        y, height = -self._offset, self.viewport().height()
        for index in range(self._top, at):
            y += self._layout(index).height
            if y > height:
                return None, None
        top, bottom = self._layout(at).line_span(row)
        return y + top, y + bottom

    def is_row_visible(self, row: int) -> bool:
        top, bottom = self._line_y(row)
        return (
            top is not None
            and bottom is not None
            and top >= 0
            and bottom <= self.viewport().height()
        )

    def _user_scrolled(self) -> None:
        self._follow.user_scrolled()

    def wheelEvent(self, event: QWheelEvent) -> None:
        pixels = event.pixelDelta().y()
        if not pixels:
            pixels = event.angleDelta().y() * 3 * self.fontMetrics().lineSpacing() // 120
        if pixels:
            self.scroll_by(-pixels)
            self._user_scrolled()
        event.accept()

    # -- following the table and the player ----------------------------------------------------
    def _repaint(self, *_args: object) -> None:
        self.viewport().update()

    def _on_table_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """A line chosen in the table or by a command (Shift+A, Ctrl+R): show it here too."""
        row = self._table.current_source_row()
        if row is not None and self.isVisible() and not self._held:
            self.keep_in_view(row, band=1.0)
        self.viewport().update()

    def _on_playing_row(self, row: int | None) -> None:
        self._update_word()  # the clock ticked before the line changed
        if row is None or not self.isVisible() or not self._follow.following:
            return
        if self._held and self.is_row_visible(row):
            return
        self.keep_in_view(row)

    def _on_following(self, following: bool) -> None:
        row = self._model.current_row
        if following and row is not None and self.isVisible():
            self.keep_in_view(row, force=True)

    def set_time(self, ms: int) -> None:
        """The clock: underline the word being spoken, when the playing line has word timings."""
        self._ms = ms
        self._update_word()

    def _update_word(self) -> None:
        row = self._model.current_row
        at = None if row is None else self.paragraph_of(row)
        word = None
        if row is not None and at is not None and self._model.line(row).words:
            word = self._layout(at).word_at(row, self._model.line(row).words, self._ms)
        if word != self._word:
            self._word = word
            self.viewport().update()

    def spoken_word(self) -> str | None:
        """The word underlined as being spoken now (None: no word timings, or between words)."""
        row, word = self._model.current_row, self._word
        at = None if row is None else self.paragraph_of(row)
        if row is None or word is None or at is None:
            return None
        return self._layout(at).text_of(row, word)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        row = self._table.current_source_row()
        row = self._model.current_row if row is None else row
        if row is not None:
            self.keep_in_view(row, band=1.0)

    # -- painting and the mouse -----------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        palette = self.palette()
        painter.fillRect(event.rect(), palette.base())
        selected = set(self._table.selected_rows())
        current = self._model.current_row
        y, height, at = -self._offset, self.viewport().height(), self._top
        while y < height and at < len(self._paragraphs):
            layout = self._layout(at)
            word = self._word if current in layout.rows else None
            layout.paint(painter, y, palette, self._model, selected, current, word)
            y += layout.height
            at += 1
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._paragraphs.forget_layouts()  # new width: laid out again, only those shown

    def row_at(self, pos: QPoint) -> int | None:
        """The line drawn at ``pos`` in the viewport."""
        y, at = -self._offset, self._top
        while at < len(self._paragraphs):
            layout = self._layout(at)
            if pos.y() < y + layout.height:
                return layout.row_at(pos.x(), pos.y() - y)
            y += layout.height
            at += 1
        return None

    def word_point(self, row: int) -> QPoint | None:
        """A point on line ``row``'s first word in the viewport (None when off screen): where a
        user aims to click that line."""
        top, _bottom = self._line_y(row)
        at = self.paragraph_of(row)
        if top is None or at is None:
            return None
        layout = self._layout(at)
        start = layout.starts[layout.rows.index(row)]
        line = layout.layout.lineForTextPosition(start)
        x = line.cursorToX(start)
        left = float(x[0] if isinstance(x, tuple) else x)  # type: ignore[arg-type]
        return QPoint(int(left) + MARGIN + 3, int(top + line.height() / 2))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        row = self.row_at(event.position().toPoint())
        if row is None:
            return
        # The line is under the mouse: neither choosing it nor playing from it scrolls it away.
        self._held = True
        try:
            self._table.go_to_row(row)
            self.lineActivated.emit(row)
        finally:
            self._held = False
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, row = event.key(), self._table.current_source_row()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not event.modifiers():
            step = -1 if key == Qt.Key.Key_Up else 1
            target = self._table.next_shown_row(step)
            if target is not None:
                self._table.go_to_row(target)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and row is not None:
            self.lineActivated.emit(row)
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown):
            step = self.viewport().height() * 9 // 10
            self.scroll_by(-step if key == Qt.Key.Key_PageUp else step)
            self._user_scrolled()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            row = self.row_at(event.pos())
            if row is None:
                QToolTip.hideText()
            else:
                notes = self._model.index(row, TranscriptModel.NOTES)
                tip = self._model.index(row, TranscriptModel.TEXT).data(Qt.ItemDataRole.ToolTipRole)
                extra = notes.data(Qt.ItemDataRole.ToolTipRole)
                QToolTip.showText(event.globalPos(), f"{tip}\n\n{extra}" if extra else tip, self)
            return True
        return super().viewportEvent(event)
