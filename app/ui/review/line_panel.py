"""The selected line in full, where its words are highlighted: select a span (mouse, or
Shift+arrows), press a tag's button or Ctrl+1..9. A click inside a highlight selects it for
"Remove highlight" (Delete) and "Highlight note…", and shows its note under the text.

Every change goes through the ReviewSession (undoable). The panel redraws from the model's Line
whenever that line changes in any way (a review step, an F2 edit, new times, a revert, undo or
redo, rows split or merged): it listens to the model itself, so it never shows a stale copy.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QKeySequence,
    QPalette,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.review import Tag
from app.core.timecode import format_hms
from app.core.transcript import Highlight, Line
from app.ui.review.line_history import LineHistoryLabel
from app.ui.review.review_session import ReviewSession
from app.ui.review.tag_shortcuts import TagShortcuts
from app.ui.transcript.text_delegate import (
    FALLBACK_COLOUR,
    from_utf16,
    readable_text_colour,
    to_utf16,
)
from app.ui.widgets.tag_icon import tag_button_style, tag_icon

__all__ = ["LinePanel"]


class LinePanel(QWidget):
    actionsChanged = Signal()  # tag actions were rebuilt: rebuild menus made of actions_for_menu()

    def __init__(self, session: ReviewSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("linePanel")
        self.setAccessibleName(self.tr("Selected line"))
        self.session = session
        self._line_id: int | None = None
        #: marks drawn with the highlights (the spoken word); repaint_marks() redraws them
        self.more_marks: Callable[[], list[QTextEdit.ExtraSelection]] = list
        self.repaint_marks = self._paint_highlights
        self._tag_actions: list[QAction] = []  # one per tag: the numbered ones, then the rest
        self.tag_shortcuts = TagShortcuts(self, self._apply_number)
        self._tag_buttons: list[QToolButton] = []
        self._tags: list[Tag] = []
        self._chosen: int | None = None  # id of the highlight drawn as selected

        self.header = QLabel()
        self.header.setAccessibleName(self.tr("Line time and speaker"))
        self.text = QTextEdit()
        self.text.setObjectName("lineText")
        self.text.setAccessibleName(self.tr("Line text"))
        self.text.setReadOnly(True)
        self.text.setTabChangesFocus(True)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.note_label = QLabel()
        self.note_label.setAccessibleName(self.tr("Highlight note"))
        self.note_label.setTextFormat(Qt.TextFormat.PlainText)
        self.note_label.setWordWrap(True)
        self.note_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history = LineHistoryLabel(session.line_history)

        self.remove_action = self._action(self.tr("Remove highlight"), self.remove_highlight)
        self.remove_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.note_action = self._action(self.tr("Highlight note…"), self.edit_highlight_note)

        self._tag_row = QHBoxLayout()
        self._tag_row.setSpacing(4)
        tools = QHBoxLayout()
        tools.addLayout(self._tag_row)
        tools.addStretch(1)
        for action in (self.note_action, self.remove_action):
            tools.addWidget(self._button(action))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()  # the history beside the times: no extra height for the panel
        top.addWidget(self.header)
        top.addWidget(self.history, 1)
        layout.addLayout(top)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.note_label)
        layout.addLayout(tools)

        self.text.cursorPositionChanged.connect(self._update_state)
        self.text.selectionChanged.connect(self._update_state)
        session.lineChanged.connect(lambda line_id: line_id == self._line_id and self._sync())
        model = session.model
        model.modelReset.connect(lambda: self.show_line(self._line_id))
        model.dataChanged.connect(self._on_data_changed)
        model.rowsRemoved.connect(self._sync)
        model.rowsInserted.connect(self._sync)
        self.refresh_tags()
        self.show_line(None)

    # -- building --------------------------------------------------------------------------
    def _action(self, text: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _button(self, action: QAction) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setAccessibleName(action.text().replace("&&", "&"))
        return button

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._tag_buttons:
            self.refresh_tags()  # light <-> dark: the faded tag colours mix with the window's

    def refresh_tags(self) -> None:
        """Rebuild the tag buttons and actions from the library's tag set."""
        numbered = self.tag_shortcuts.actions
        for action in self._tag_actions:
            if action not in numbered:  # the numbered commands stay: the keymap holds them
                self.removeAction(action)
                action.deleteLater()
        for button in self._tag_buttons:
            button.deleteLater()
        self._tags = self.session.tags()
        self._tag_actions = self.tag_shortcuts.assign(self._tags)
        for tag in self._tags[len(self._tag_actions) :]:  # the tenth tag on: no key
            action = self._action(tag.name.replace("&", "&&"), self._tag_slot(tag))
            action.setIcon(tag_icon(tag.color))
            action.setData(tag.name)
            action.setToolTip(self.tr("Highlight the selected words as %1").replace("%1", tag.name))
            self._tag_actions.append(action)
        self._tag_buttons = []
        for action, tag in zip(self._tag_actions, self._tags, strict=True):
            button = self._button(action)
            button.setAccessibleName(action.toolTip())
            ink = readable_text_colour(QColor(tag.color)).name()
            window = self.palette().color(QPalette.ColorRole.Window)
            button.setStyleSheet(tag_button_style(tag.color, ink, window))
            self._tag_row.addWidget(button)
            self._tag_buttons.append(button)
        self._update_state()
        self.actionsChanged.emit()

    def _tag_slot(self, tag: Tag) -> Callable[[], object]:
        return lambda: self.apply_tag(tag)

    def _apply_number(self, number: int) -> None:
        """Ctrl+<number>: the tag in that place now, or a word that there is none."""
        if number <= len(self._tags):
            self.apply_tag(self._tags[number - 1])
            return
        text = self.tr("No tag %1: Review > Highlight Tags… adds one").replace("%1", str(number))
        self.note_label.setText(text)
        self.note_label.show()

    def actions_for_menu(self) -> list[QAction]:
        """Tag actions, then remove and note: for the window's Review > Highlight menu."""
        return [*self._tag_actions, self.remove_action, self.note_action]

    # -- showing ---------------------------------------------------------------------------
    @property
    def line_id(self) -> int | None:
        return self._line_id

    def _line(self) -> Line | None:
        if self._line_id is None:
            return None
        try:
            return self.session.model.line_of_id(self._line_id)
        except LookupError:
            return None

    def show_line(self, line_id: int | None) -> None:
        self._line_id = line_id
        line = self._line()
        if line is None:
            self._line_id = None
            self.header.setText(self.tr("No line selected"))
            self.text.clear()
        else:
            self._show_header(line)
            self.text.setPlainText(line.text)
        self.history.show_line(self._line_id)
        self._paint_highlights()
        self._update_state()

    def _show_header(self, line: Line) -> None:
        when = f"{format_hms(line.start_ms)} \u2192 {format_hms(line.end_ms)}"
        team = self.session.team.describe(line)  # "" with one reviewer: the header as before
        self.header.setText(f"{when}   {line.speaker}   {team}".rstrip())

    def _shows(self, line: Line) -> bool:
        return self.text.toPlainText() == line.text.replace("\n", "\u2029")

    def _sync(self, *_args: object) -> None:
        """Show the line as the model has it now: its times, speaker, text and highlights (the
        cursor kept where it was, within the new text), or nothing when the line is gone."""
        if self._line_id is None:
            return
        line = self._line()
        if line is None:
            self.show_line(None)
            return
        self._show_header(line)
        if not self._shows(line):
            cursor = self.text.textCursor()
            anchor, position = cursor.anchor(), cursor.position()
            self.text.setPlainText(line.text)
            cursor = self.text.textCursor()
            end = len(self.text.toPlainText())
            cursor.setPosition(min(anchor, end))
            cursor.setPosition(min(position, end), QTextCursor.MoveMode.KeepAnchor)
            self.text.setTextCursor(cursor)
        self.history.show_line(self._line_id)
        self._paint_highlights()
        self._update_state()

    def _on_data_changed(self, top: QModelIndex, bottom: QModelIndex, *_roles: object) -> None:
        if self._line_id is None:
            return
        row = self.session.model.row_of_id(self._line_id)
        if row is not None and top.row() <= row <= bottom.row():
            self._sync()

    def _colour(self, mark: Highlight) -> str:
        if mark.color:
            return mark.color
        return next((t.color for t in self._tags if t.name == mark.tag), FALLBACK_COLOUR)

    def _paint_highlights(self) -> None:
        line = self._line()
        selections = self.more_marks()  # under the highlights: the spoken word (word_follow)
        for mark in line.highlights if line is not None else ():
            assert line is not None
            colour = QColor(self._colour(mark))
            fmt = QTextCharFormat()
            fmt.setBackground(colour)
            fmt.setForeground(readable_text_colour(colour))
            if self._chosen is not None and mark.id == self._chosen:
                fmt.setFontUnderline(True)
                fmt.setUnderlineColor(readable_text_colour(colour))
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.text.document())
            cursor.setPosition(to_utf16(line.text, mark.start))
            cursor.setPosition(to_utf16(line.text, mark.end), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor, selection.format = cursor, fmt
            selections.append(selection)
        self.text.setExtraSelections(selections)

    # -- the highlight under the cursor ----------------------------------------------------
    def selected_highlight(self) -> Highlight | None:
        """The highlight the cursor is in (no selection), or whose span is selected exactly."""
        line = self._line()
        if line is None or not self._shows(line):
            return None
        cursor = self.text.textCursor()
        start = from_utf16(line.text, cursor.selectionStart())
        end = from_utf16(line.text, cursor.selectionEnd())
        if start != end:
            return next((h for h in line.highlights if (h.start, h.end) == (start, end)), None)
        inside = [h for h in line.highlights if h.start <= start < h.end]
        inside = inside or [h for h in line.highlights if h.start < start == h.end]
        return min(inside, key=lambda h: h.end - h.start, default=None)

    def _update_state(self) -> None:
        line = self._line()
        may = self.session.permissions.comment  # a viewer's role: nothing to mark
        has_span = may and line is not None and self.text.textCursor().hasSelection()
        for action in self._tag_actions:
            action.setEnabled(has_span)
        mark = self.selected_highlight()
        self.remove_action.setEnabled(may and mark is not None)
        self.note_action.setEnabled(may and mark is not None)
        if mark is None:
            self.note_label.hide()
        else:
            label = mark.note or self.tr("(no note)")
            self.note_label.setText(f"{mark.tag}: {label}")
            self.note_label.show()
        chosen = None if mark is None else mark.id
        if chosen != self._chosen:  # redraw only when the underlined highlight changes
            self._chosen = chosen
            self._paint_highlights()

    # -- actions ---------------------------------------------------------------------------
    def apply_tag(self, tag: Tag) -> Highlight | None:
        line = self._line()
        if line is not None and not self._shows(line):
            self._sync()  # never measure a span of the new text against an old copy
            return None
        cursor = self.text.textCursor()
        if line is None or not cursor.hasSelection() or not self.session.permissions.comment:
            return None
        start = from_utf16(line.text, cursor.selectionStart())
        end = from_utf16(line.text, cursor.selectionEnd())
        # A span selected by double-click or Shift+Ctrl+Right takes a trailing space along.
        while start < end and line.text[start].isspace():
            start += 1
        while end > start and line.text[end - 1].isspace():
            end -= 1
        if start == end:
            return None
        mark = self.session.add_highlight(self._line_id or 0, start, end, tag)
        if mark is not None:
            cursor.setPosition(to_utf16(line.text, mark.start))
            self.text.setTextCursor(cursor)  # the new highlight is selected: note or remove it
        return mark

    def remove_highlight(self) -> bool:
        mark, line = self.selected_highlight(), self._line()
        if mark is None or line is None or mark.id is None:
            return False
        return self.session.delete_highlight(self._line_id or 0, mark.id)

    def edit_highlight_note(self) -> Highlight | None:
        mark, line = self.selected_highlight(), self._line()
        if mark is None or line is None or mark.id is None:
            return None
        title = self.tr("Highlight note")
        label = self.tr("Note on the %1 highlight “%2”:").replace("%1", mark.tag)
        label = label.replace("%2", line.text[mark.start : mark.end])
        note, ok = QInputDialog.getMultiLineText(self, title, label, mark.note)
        if not ok or note == mark.note:
            return None
        return self.session.set_highlight_note(self._line_id or 0, mark.id, note)
