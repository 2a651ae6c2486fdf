"""Speakers: set the speaker of the selected lines (typing, with the project's names offered),
rename one everywhere, and give each a colour the transcript's speaker column shows.

Names and counts come from the shown lines (a Counter over 100k lines takes milliseconds), so
they always match what the table shows. Colours belong to the project: they are kept in the
library's settings table under ``speakers/colors/<project id>`` as a JSON object, so they travel
with the library file (backups, another machine) like the speakers themselves; QSettings holds
only this user's preferences. Colour changes are not on the undo stack, like tag colours.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QColor, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QColorDialog,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.store.errors import StoreError
from app.ui.editing.changes_view import text_changed
from app.ui.editing.speaker_colors import SpeakerColors, colors_key, speaker_counts
from app.ui.widgets.tag_icon import tag_icon

if TYPE_CHECKING:
    from app.ui.editing.edit_session import EditSession

__all__ = ["SpeakerColors", "SpeakerPicker", "SpeakersDialog", "colors_key", "speaker_counts"]

_FAILURES = (StoreError, ValueError, LookupError, OSError)
NAME_ROLE = Qt.ItemDataRole.UserRole


def _names_completer(names: Sequence[str], parent: QObject) -> QCompleter:
    completer = QCompleter(list(names), parent)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    return completer


def _known_spelling(name: str, names: Iterable[str]) -> str:
    """``name`` as the project already spells it ("alice" -> "Alice"), else as typed."""
    folded = name.casefold()
    return next((known for known in names if known.casefold() == folded), name)


class SpeakerPicker(QDialog):
    """Type the speaker of the selected lines, the project's names offered as you type."""

    def __init__(
        self, session: EditSession, rows: Sequence[int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("speakerPicker")
        self.setWindowTitle(self.tr("Set Speaker"))
        self.setAccessibleName(self.tr("Set speaker"))
        self.session = session
        self.rows = sorted(set(rows))
        lines = session.model.lines()
        self.names = [name for name, _count in speaker_counts(lines)]
        if len(self.rows) == 1:
            label = self.tr("Speaker of this line:")
        else:
            label = self.tr("Speaker of %1 lines:").replace("%1", f"{len(self.rows):,}")
        self.edit = QLineEdit()
        self.edit.setObjectName("speakerName")
        self.edit.setAccessibleName(self.tr("Speaker"))
        self.edit.setPlaceholderText(self.tr("Empty: no speaker"))
        self.edit.setClearButtonEnabled(True)
        self.completer = _names_completer(self.names, self.edit)
        self.edit.setCompleter(self.completer)
        current = {lines[row].speaker for row in self.rows}
        if len(current) == 1:
            self.edit.setText(current.pop())
            self.edit.selectAll()
        caption = QLabel(label)
        caption.setBuddy(self.edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(caption)
        layout.addWidget(self.edit)
        layout.addWidget(buttons)
        self.setMinimumWidth(320)

    def name(self) -> str:
        return _known_spelling(" ".join(self.edit.text().split()), self.names)

    def accept(self) -> None:
        self.apply()
        super().accept()

    def apply(self) -> None:
        if self.rows:
            self.session.set_speaker(self.rows, self.name())


class SpeakersDialog(QDialog):
    """The project's speakers with their line counts: rename everywhere, choose colours."""

    NAME, LINES = range(2)

    def __init__(
        self, session: EditSession, colors: SpeakerColors, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("speakersDialog")
        self.setWindowTitle(self.tr("Speakers"))
        self.setAccessibleName(self.tr("Speakers"))
        self.session = session
        self.colors = colors
        self.tree = QTreeWidget()
        self.tree.setObjectName("speakersList")
        self.tree.setAccessibleName(self.tr("Speakers"))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setHeaderLabels([self.tr("Speaker"), self.tr("Lines")])
        self.tree.header().setStretchLastSection(False)
        self.tree.setColumnWidth(self.NAME, 240)
        self.tree.currentItemChanged.connect(self._update_buttons)
        self.tree.itemDoubleClicked.connect(lambda *_: self.rename_current())
        self.error = QLabel()
        self.error.setAccessibleName(self.tr("Problem"))
        self.error.setWordWrap(True)
        self.error.hide()

        self.rename_button = self._button(self.tr("&Rename…"), self.rename_current)
        self.colour_button = self._button(self.tr("&Colour…"), self.recolour_current)
        self.clear_button = self._button(self.tr("&No Colour"), self.clear_colour_current)
        side = QVBoxLayout()
        for button in (self.rename_button, self.colour_button, self.clear_button):
            side.addWidget(button)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.tree, 1)
        row.addLayout(side)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(close)
        self.resize(460, 360)

        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(0)
        self._reload_timer.timeout.connect(self.reload)
        model = session.model
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(self._schedule)
        model.dataChanged.connect(self._data_changed)
        colors.changed.connect(self._schedule)
        self.reload()

    def _button(self, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    # -- showing ---------------------------------------------------------------------------
    def _schedule(self, *_args: object) -> None:
        if self.isVisible():
            self._reload_timer.start()

    def _data_changed(self, _top: object, _bottom: object, roles: Sequence[int] = ()) -> None:
        if text_changed(roles):  # a speaker may have changed; the playing line moving did not
            self._schedule()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.reload()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._reload_timer.stop()

    def reload(self, select: str | None = None) -> None:
        select = select or self.current_name()
        self.tree.clear()
        for name, count in speaker_counts(self.session.model.lines()):
            item = QTreeWidgetItem([name, f"{count:,}"])
            item.setData(self.NAME, NAME_ROLE, name)
            item.setTextAlignment(self.LINES, Qt.AlignmentFlag.AlignRight)
            colour = self.colors.speaker_color(name)
            # An empty swatch for "no colour": the names stay in line, and it says what it is.
            item.setIcon(self.NAME, tag_icon(colour.name() if colour else "transparent", 16))
            item.setToolTip(self.NAME, colour.name() if colour else self.tr("No colour"))
            self.tree.addTopLevelItem(item)
            if name == select:
                self.tree.setCurrentItem(item)
        first = self.tree.topLevelItem(0)
        if self.tree.currentItem() is None and first is not None:
            self.tree.setCurrentItem(first)
        self._update_buttons()

    def _items(self) -> list[QTreeWidgetItem]:
        found = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [item for item in found if item is not None]

    def speakers(self) -> list[tuple[str, int]]:
        """What the list shows: (name, lines)."""
        return [
            (item.data(self.NAME, NAME_ROLE), int(item.text(1).replace(",", "")))
            for item in self._items()
        ]

    def current_name(self) -> str | None:
        item = self.tree.currentItem()
        return None if item is None else item.data(self.NAME, NAME_ROLE)

    def select(self, name: str) -> bool:
        for item in self._items():
            if item.data(self.NAME, NAME_ROLE) == name:
                self.tree.setCurrentItem(item)
                return True
        return False

    def _update_buttons(self, *_args: object) -> None:
        name = self.current_name()
        for button in (self.rename_button, self.colour_button):
            button.setEnabled(name is not None)
        self.clear_button.setEnabled(
            name is not None and self.colors.speaker_color(name) is not None
        )

    def _problem(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))

    # -- editing ---------------------------------------------------------------------------
    def rename(self, old: str, new: str) -> bool:
        """Rename ``old`` on every line (one undo step); a name already used merges into it."""
        new = " ".join(new.split())
        if not new:
            self._problem(self.tr("A speaker needs a name."))
            return False
        if new == old:
            return False
        self._problem(None)
        self.session.rename_speaker(old, new)
        try:
            self.colors.carry_over(old, new)
        except _FAILURES as err:
            self._problem(str(err))
        self.reload(select=new)
        return True

    def rename_current(self) -> None:
        name = self.current_name()
        if name is None:
            return
        new, ok = QInputDialog.getText(
            self,
            self.tr("Rename Speaker"),
            self.tr("New name for “%1” on every line:").replace("%1", name),
            QLineEdit.EchoMode.Normal,
            name,
        )
        if ok:
            self.rename(name, new)

    def recolour(self, name: str, colour: QColor | str | None) -> bool:
        try:
            self.colors.set_color(name, colour)
        except _FAILURES as err:
            self._problem(str(err))
            return False
        self._problem(None)
        self.reload(select=name)
        return True

    def recolour_current(self) -> None:
        name = self.current_name()
        if name is None:
            return
        start = self.colors.speaker_color(name) or QColor("#ffd27f")
        title = self.tr("Colour of “%1”").replace("%1", name)
        chosen = QColorDialog.getColor(start, self, title)
        if chosen.isValid():
            self.recolour(name, chosen)

    def clear_colour_current(self) -> None:
        name = self.current_name()
        if name is not None:
            self.recolour(name, None)
