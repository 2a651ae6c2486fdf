"""Key bindings the user can change: every command's default keys, the user's own, and clashes.

Each bindable QAction has a stable id (its objectName, e.g. "review.approve"). The defaults are
the shortcuts the action had when it was registered; the user's choices are kept in QSettings
under "shortcuts/<id>" (an empty string: no key at all) and set on the actions by ``apply``, so
menus show them. A foot pedal that sends F13-F24 or media keys works by binding those keys here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu, QWidget

__all__ = ["GROUP", "LABEL_PROPERTY", "Keymap", "install_keymap", "plain_text"]

GROUP = "shortcuts"
#: An action's property naming it in the keymap when its text changes with what it acts on
#: (the Line panel's Ctrl+1..9 show their tag's name: listed as "Highlight with Tag 1"). An
#: action of a panel with this property is a command of the keymap, though not the window's.
LABEL_PROPERTY = "keymapLabel"
_PORTABLE = QKeySequence.SequenceFormat.PortableText

# Stable ids for the main window's commands, by their attribute names in WindowMenus and
# ReviewActions; used when an action has no objectName of its own (an objectName always wins).
_MENU_IDS = {
    "open": "file.open",
    "quit": "file.quit",
    "find": "edit.find",
    "preferences": "edit.preferences",
    "play": "playback.play",
    "back": "playback.back",
    "forward": "playback.forward",
    "current": "playback.current_line",
    "add_note": "review.add_note",
    "next_flagged": "review.next_flagged",
    "next_unreviewed": "review.next_unreviewed",
    "next_note": "review.next_note",
}
_REVIEW_IDS = {
    "undo": "edit.undo",
    "redo": "edit.redo",
    "approve": "review.approve",
    "flag": "review.flag",
    "unreview": "review.unreview",
    "approve_next": "review.approve_next",
}


def plain_text(text: str) -> str:
    """An action's text as a command name: no mnemonic "&", no trailing ellipsis."""
    text = re.sub(r"&(.)", r"\1", text).strip()
    return text.removesuffix("…").removesuffix("...").strip()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", plain_text(text).lower()).strip("_") or "action"


def _windows(action: QAction) -> set[QWidget] | None:
    """The windows whose key presses reach ``action``; None for everywhere."""
    if action.shortcutContext() == Qt.ShortcutContext.ApplicationShortcut:
        return None
    found: set[QWidget] = set()
    todo: list[QObject] = list(action.associatedObjects())
    seen: set[int] = set()
    while todo:
        obj = todo.pop()
        if id(obj) in seen:
            continue
        seen.add(id(obj))
        if isinstance(obj, QMenu):  # a menu's keys work in the window its menu bar is in
            todo.extend(obj.menuAction().associatedObjects())
        elif isinstance(obj, QWidget):
            found.add(obj.window())
    return found or None  # not shown anywhere yet: assume it may clash with anything


@dataclass
class _Entry:
    action: QAction
    label: str
    defaults: tuple[QKeySequence, ...]


class Keymap(QObject):
    changed = Signal()  # a binding changed (set, reset, applied)

    def __init__(self, settings: QSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._entries: dict[str, _Entry] = {}

    def settings(self) -> QSettings:
        return self._settings if self._settings is not None else QSettings()

    # -- registration ----------------------------------------------------------------------
    def register(
        self, action: QAction, action_id: str | None = None, label: str | None = None
    ) -> str:
        """Make ``action`` bindable; its current shortcuts become its defaults. Applies the
        user's saved binding at once. Returns the id (objectName, set when missing)."""
        action_id = action_id or action.objectName() or _slug(action.text())
        if action_id in self._entries and self._entries[action_id].action is not action:
            raise ValueError(f"two actions share the shortcut id {action_id!r}")
        if not action.objectName():
            action.setObjectName(action_id)
        label = label or str(action.property(LABEL_PROPERTY) or "") or plain_text(action.text())
        self._entries[action_id] = _Entry(action, label, tuple(action.shortcuts()))
        self._apply_one(action_id)
        return action_id

    def ids(self) -> list[str]:
        return list(self._entries)

    def action(self, action_id: str) -> QAction:
        return self._entries[action_id].action

    def label(self, action_id: str) -> str:
        return self._entries[action_id].label

    def defaults(self, action_id: str) -> list[QKeySequence]:
        return list(self._entries[action_id].defaults)

    # -- the user's bindings ---------------------------------------------------------------
    def saved(self, action_id: str) -> list[QKeySequence] | None:
        """The user's own keys for ``action_id``, or None when it keeps its defaults."""
        key = f"{GROUP}/{action_id}"
        settings = self.settings()
        if not settings.contains(key):
            return None
        value = settings.value(key)
        if isinstance(value, list):  # a value with ";" or "," may come back split
            value = "; ".join(str(v) for v in value)
        text = str(value or "").strip()
        if not text:
            return []
        return [s for s in QKeySequence.listFromString(text, _PORTABLE) if not s.isEmpty()]

    def shortcuts(self, action_id: str) -> list[QKeySequence]:
        saved = self.saved(action_id)
        return self.defaults(action_id) if saved is None else saved

    def is_default(self, action_id: str, keys: Sequence[QKeySequence] | None = None) -> bool:
        keys = self.shortcuts(action_id) if keys is None else keys
        return list(keys) == self.defaults(action_id)

    def set_shortcuts(self, action_id: str, keys: Sequence[QKeySequence]) -> None:
        """Bind ``keys`` (empty: no key) to the action, saved for the next start."""
        keys = [k for k in keys if not k.isEmpty()]
        settings = self.settings()
        if self.is_default(action_id, keys):
            settings.remove(f"{GROUP}/{action_id}")
        else:
            settings.setValue(f"{GROUP}/{action_id}", QKeySequence.listToString(keys, _PORTABLE))
        self._apply_one(action_id)
        self.changed.emit()

    def set_shortcut(self, action_id: str, key: QKeySequence | str | None) -> None:
        sequence = QKeySequence(key) if key else QKeySequence()
        self.set_shortcuts(action_id, [sequence])

    def reset(self, action_id: str) -> None:
        self.settings().remove(f"{GROUP}/{action_id}")
        self._apply_one(action_id)
        self.changed.emit()

    def reset_all(self) -> None:
        settings = self.settings()
        for action_id in self._entries:
            settings.remove(f"{GROUP}/{action_id}")
        self.apply()

    def apply(self) -> None:
        """Put every action's keys (the user's, else the defaults) on the action."""
        for action_id in self._entries:
            self._apply_one(action_id)
        self.changed.emit()

    def _apply_one(self, action_id: str) -> None:
        self._entries[action_id].action.setShortcuts(self.shortcuts(action_id))

    # -- clashes ---------------------------------------------------------------------------
    def clashes(
        self,
        action_id: str,
        sequence: QKeySequence | str,
        bindings: Mapping[str, Sequence[QKeySequence]] | None = None,
    ) -> list[str]:
        """Ids of the other actions that already use ``sequence`` where ``action_id`` would
        (the same window). ``bindings`` overrides the current keys of some actions, as a dialog
        with unsaved changes has them."""
        sequence = QKeySequence(sequence)
        if sequence.isEmpty():
            return []
        mine = _windows(self._entries[action_id].action)
        found = []
        for other, entry in self._entries.items():
            if other == action_id:
                continue
            keys = bindings[other] if bindings and other in bindings else self.shortcuts(other)
            if sequence not in keys:
                continue
            theirs = _windows(entry.action)
            if mine is None or theirs is None or mine & theirs:
                found.append(other)
        return found


def install_keymap(
    window: QWidget, actions: Iterable[QAction] = (), settings: QSettings | None = None
) -> Keymap:
    """A Keymap over the window's commands, with the user's keys applied.

    Registers ``actions``, every action added to the window (``window.addAction``), the panels'
    actions that carry a ``LABEL_PROPERTY`` and the docks' show/hide toggles. Actions without an
    objectName get one: from WindowMenus' and ReviewActions' attribute names where known, else
    from their text. Call it once every action exists (the end of the window's ``__init__``) and
    keep the result (``window.keymap``).
    """
    keymap = Keymap(settings, window)
    _name_known_actions(window)
    chosen: list[QAction] = [*actions, *window.actions()]
    chosen += [a for a in window.findChildren(QAction) if a.property(LABEL_PROPERTY)]
    labels: dict[int, str] = {}
    for dock in window.findChildren(QDockWidget):
        toggle = dock.toggleViewAction()
        if not toggle.objectName() and dock.objectName():
            snake = re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", dock.objectName()).lower()
            toggle.setObjectName(f"view.{snake}")
        # "Line" alone says little in a list of commands.
        labels[id(toggle)] = keymap.tr("Show the %1 Panel").replace("%1", plain_text(toggle.text()))
        chosen.append(toggle)
    seen: set[int] = set()
    for action in chosen:
        if id(action) in seen or action.isSeparator() or action.menu() is not None:
            continue
        seen.add(id(action))
        if plain_text(action.text()):
            keymap.register(action, label=labels.get(id(action)))
    return keymap


def _name_known_actions(window: QWidget) -> None:
    menus = getattr(window, "menus", None)
    for owner, table in ((menus, _MENU_IDS), (getattr(menus, "review", None), _REVIEW_IDS)):
        for attribute, action_id in table.items():
            action = getattr(owner, attribute, None)
            if isinstance(action, QAction) and not action.objectName():
                action.setObjectName(action_id)
