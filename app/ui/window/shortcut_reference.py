"""Help > Keyboard Shortcuts: every command and its keys, read from the window's keymap at the
moment it opens, so it lists the user's own bindings and never goes out of date."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.window.keymap import Keymap

__all__ = ["ShortcutReference", "reference_rows"]

_NATIVE = QKeySequence.SequenceFormat.NativeText


def _group_names(tr: QWidget) -> dict[str, str]:
    return {
        "file": tr.tr("File"),
        "edit": tr.tr("Edit"),
        "review": tr.tr("Review"),
        "playback": tr.tr("Playback"),
        "view": tr.tr("View"),
        "help": tr.tr("Help"),
    }


def reference_rows(keymap: Keymap) -> list[tuple[str, str, str]]:
    """(group, command, keys) for every bindable command, in the keymap's order; commands with
    no key say so, so a user sees what could be bound."""
    rows = []
    for action_id in keymap.ids():
        group = action_id.split(".", 1)[0] if "." in action_id else ""
        keys = ", ".join(k.toString(_NATIVE) for k in keymap.shortcuts(action_id))
        rows.append((group, keymap.label(action_id), keys))
    return rows


class ShortcutReference(QDialog):
    def __init__(self, keymap: Keymap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutReference")
        self.setWindowTitle(self.tr("Keyboard Shortcuts"))
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Find a command or a key"))
        self.filter.setAccessibleName(self.tr("Find a command or a key"))
        self.filter.setClearButtonEnabled(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("shortcutTree")
        self.tree.setAccessibleName(self.tr("Keyboard shortcuts"))
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Command"), self.tr("Keys")])
        self.tree.setRootIsDecorated(False)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        names = _group_names(self)
        groups: dict[str, QTreeWidgetItem] = {}
        none = self.tr("(no key)")
        for group, command, keys in reference_rows(keymap):
            parent_item = groups.get(group)
            if parent_item is None:
                parent_item = QTreeWidgetItem(self.tree, [names.get(group, group.title())])
                font = parent_item.font(0)
                font.setBold(True)
                parent_item.setFont(0, font)
                parent_item.setFirstColumnSpanned(True)
                parent_item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                groups[group] = parent_item
            QTreeWidgetItem(parent_item, [command, keys or none])
        self.tree.expandAll()
        self.filter.textChanged.connect(self._filter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.resize(520, 640)

    def _filter(self, text: str) -> None:
        wanted = text.strip().casefold()
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            shown = 0
            for j in range(group.childCount()):
                item = group.child(j)
                hit = not wanted or any(wanted in item.text(c).casefold() for c in (0, 1))
                item.setHidden(not hit)
                shown += hit
            group.setHidden(shown == 0)

    def commands(self) -> list[tuple[str, str]]:
        """What the dialog lists: (command, keys) of every shown row."""
        found = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            for j in range(group.childCount()):
                item = group.child(j)
                if not item.isHidden():
                    found.append((item.text(0), item.text(1)))
        return found
