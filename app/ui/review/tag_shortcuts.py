"""Ctrl+1..9: highlight the words selected in the Line panel with the first nine tags.

The nine commands are made once, with the stable ids ``review.highlight_tag_1`` ..
``review.highlight_tag_9``, so that the keymap lists them (Preferences > Shortcuts, Help >
Keyboard Shortcuts) and a user's own keys stay on them while the tags behind them change: a
command names the tag it applies now (its text, icon and tip) and finds that tag when it runs.
A number without a tag (a library with four tags, Ctrl+7) tells the panel so.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QWidget

from app.core.review import Tag
from app.ui.widgets.tag_icon import tag_icon

__all__ = ["MAX_TAG_SHORTCUTS", "TagShortcuts"]

MAX_TAG_SHORTCUTS = 9
#: The name the keymap lists a command by (app.ui.window.keymap.LABEL_PROPERTY).
_KEYMAP_LABEL = "keymapLabel"


class TagShortcuts(QObject):
    """The nine numbered highlight commands of ``owner`` (the Line panel: its keys work where
    its text is); ``apply(number)`` runs for a press, 1-based."""

    def __init__(self, owner: QWidget, apply: Callable[[int], object]) -> None:
        super().__init__(owner)
        self.actions: list[QAction] = []
        for number in range(1, MAX_TAG_SHORTCUTS + 1):
            generic = self.tr("Highlight with Tag %1").replace("%1", str(number))
            action = QAction(generic, owner)
            action.setObjectName(f"review.highlight_tag_{number}")
            action.setProperty(_KEYMAP_LABEL, generic)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _checked=False, n=number: apply(n))
            # Rebound in Preferences: the tip names the new key.
            action.changed.connect(lambda a=action: self._retip(a))
            owner.addAction(action)
            self.actions.append(action)

    def assign(self, tags: Sequence[Tag]) -> list[QAction]:
        """Name each command for its tag now; the commands that have one, in tag order."""
        for index, action in enumerate(self.actions):
            tag = tags[index] if index < len(tags) else None
            if tag is None:
                action.setText(str(action.property(_KEYMAP_LABEL)))
                action.setIcon(QIcon())
                action.setData(None)
                action.setEnabled(True)  # a press says there is no such tag
            else:
                action.setText(tag.name.replace("&", "&&"))
                action.setIcon(tag_icon(tag.color))
                action.setData(tag.name)
            self._retip(action)
        return self.actions[: len(tags)]

    def _retip(self, action: QAction) -> None:
        name = action.data()
        if not name:
            tip = str(action.property(_KEYMAP_LABEL))
        else:
            tip = self.tr("Highlight the selected words as %1").replace("%1", str(name))
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        if keys:
            tip += f" ({keys})"
        action.setToolTip(tip)  # unchanged text: no changed() again
