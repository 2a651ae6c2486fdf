"""The library's highlight tags: add, rename (in place), recolour, delete.

Tag edits are written at once and are not on the undo stack: the tag set belongs to the library,
not to the transcript being reviewed, and one project's undo history must not change what other
projects offer. (ReviewStore.undo_tag_change / put_tag exist should that ever change.)
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.review import Tag
from app.store.errors import StoreError
from app.store.review import ReviewStore
from app.store.review_tags import TagChange
from app.ui.transcript.transcript_model import TranscriptModel
from app.ui.widgets.tag_icon import tag_icon

__all__ = ["TagsDialog", "apply_tag_change"]

NAME_ROLE = Qt.ItemDataRole.UserRole  # the name as stored, to find the tag again on rename
COLOUR_ROLE = Qt.ItemDataRole.UserRole + 1
#: Colours offered to a new tag in turn, light enough for black text like the defaults.
NEW_COLOURS = ("#a8e6a1", "#ffb870", "#f5a3d0", "#9fe3e0", "#d9d98c", "#b0b8ff")
_FAILURES = (StoreError, ValueError, LookupError, OSError)


def apply_tag_change(model: TranscriptModel, change: TagChange) -> None:
    """Make the shown highlights match what save_tag did to the stored ones."""
    renamed, recoloured = set(change.renamed), set(change.recoloured)
    if not renamed and not recoloured:
        return
    for line in model.lines():
        touched = False
        for mark in line.highlights:
            if mark.id in renamed:
                mark.tag, touched = change.after.name, True
            if mark.id in recoloured:
                mark.color, touched = change.after.color, True
        if touched and line.id is not None:
            model.refresh_line(line.id)


class TagsDialog(QDialog):
    tagsChanged = Signal()

    def __init__(
        self,
        store: ReviewStore,
        parent: QWidget | None = None,
        model: TranscriptModel | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model  # its shown highlights follow a rename or recolour
        self.setObjectName("tagsDialog")
        self.setWindowTitle(self.tr("Highlight tags"))
        self.setAccessibleName(self.tr("Highlight tags"))
        self.store = store
        self._loading = False

        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Tags"))
        self.list.setEditTriggers(
            QListWidget.EditTrigger.DoubleClicked | QListWidget.EditTrigger.EditKeyPressed
        )
        self.list.itemChanged.connect(self._renamed)
        self.list.currentItemChanged.connect(self._update_buttons)
        self.error = QLabel()
        self.error.setAccessibleName(self.tr("Problem"))
        self.error.setWordWrap(True)
        self.error.hide()

        self.add_button = self._button(self.tr("&Add"), self.add_tag)
        self.rename_button = self._button(self.tr("&Rename"), self.rename_current)
        self.colour_button = self._button(self.tr("&Colour…"), self.recolour_current)
        self.delete_button = self._button(self.tr("&Delete"), self.delete_current)
        buttons = QVBoxLayout()
        for button in (self.add_button, self.rename_button, self.colour_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(close)
        self.reload()

    def _button(self, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", ""))
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    # -- showing ---------------------------------------------------------------------------
    def reload(self, select: str | None = None) -> None:
        current = self.current_tag()
        select = select or (current.name if current else None)
        tags: list[Tag] = []
        try:
            tags = self.store.list_tags()
        except _FAILURES as err:
            self._problem(str(err))
        self._loading = True
        try:
            self.list.clear()
            for tag in tags:
                item = QListWidgetItem()
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
                self._show(item, tag)
                self.list.addItem(item)
                if tag.name == select:
                    self.list.setCurrentItem(item)
        finally:
            self._loading = False
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self._update_buttons()

    def _show(self, item: QListWidgetItem, tag: Tag) -> None:
        was, self._loading = self._loading, True
        try:
            item.setText(tag.name)
            item.setIcon(tag_icon(tag.color, 16))
            item.setData(NAME_ROLE, tag.name)
            item.setData(COLOUR_ROLE, tag.color)
            item.setToolTip(tag.color)
        finally:
            self._loading = was

    def tags(self) -> list[Tag]:
        return [self._tag(self.list.item(i)) for i in range(self.list.count())]

    def _tag(self, item: QListWidgetItem) -> Tag:
        return Tag(item.data(NAME_ROLE), item.data(COLOUR_ROLE))

    def _item(self, name: str) -> QListWidgetItem | None:
        found = (self.list.item(i) for i in range(self.list.count()))
        return next((item for item in found if item.data(NAME_ROLE) == name), None)

    def current_tag(self) -> Tag | None:
        item = self.list.currentItem()
        return None if item is None else self._tag(item)

    def _update_buttons(self) -> None:
        chosen = self.list.currentItem() is not None
        for button in (self.rename_button, self.colour_button, self.delete_button):
            button.setEnabled(chosen)

    def _problem(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _save(self, name: str, colour: str, old_name: str | None = None) -> Tag | None:
        """Write the tag; on failure say why and return None."""
        try:
            tag = Tag(name, colour)
            change = self.store.save_tag(tag, old_name)
        except _FAILURES as err:
            self._problem(str(err))
            return None
        self.error.hide()
        if self.model is not None:
            apply_tag_change(self.model, change)
        self.tagsChanged.emit()
        return tag

    # -- editing ---------------------------------------------------------------------------
    def add_tag(self) -> Tag | None:
        taken = {t.name.casefold() for t in self.tags()}
        base = self.tr("New tag")
        names = (base, *(f"{base} {i}" for i in range(2, 1000)))
        name = next(n for n in names if n.casefold() not in taken)
        tag = self._save(name, NEW_COLOURS[self.list.count() % len(NEW_COLOURS)])
        if tag is not None:
            self.reload(select=tag.name)
            self.list.editItem(self.list.currentItem())  # the user types the real name at once
        return tag

    def rename_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.list.editItem(item)

    def rename(self, old_name: str, new_name: str) -> bool:
        item = self._item(old_name)
        if item is None:
            return False
        old = self._tag(item)
        tag = self._save(new_name, old.color, old_name)
        self._show(item, tag or old)  # a refused name goes back to the old one
        return tag is not None

    def _renamed(self, item: QListWidgetItem) -> None:
        if not self._loading and item.text() != item.data(NAME_ROLE):
            self.rename(item.data(NAME_ROLE), item.text())

    def recolour(self, name: str, colour: str) -> bool:
        item = self._item(name)
        tag = None if item is None else self._save(name, colour)
        if item is not None and tag is not None:
            self._show(item, tag)
        return tag is not None

    def recolour_current(self) -> None:
        tag = self.current_tag()
        if tag is None:
            return
        title = self.tr("Colour of “%1”").replace("%1", tag.name)
        chosen = QColorDialog.getColor(QColor(tag.color), self, title)
        if chosen.isValid():
            self.recolour(tag.name, chosen.name())

    def delete_current(self) -> bool:
        tag = self.current_tag()
        if tag is None:
            return False
        answer = QMessageBox.question(
            self,
            self.tr("Delete tag"),
            self.tr("Delete the tag “%1”? Highlights already made keep their colour.").replace(
                "%1", tag.name
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            self.store.delete_tag(tag.name)
        except _FAILURES as err:
            self._problem(str(err))
            return False
        self.error.hide()
        self.reload()
        self.tagsChanged.emit()
        return True
