"""Edit > Preferences: settings kept per user (QSettings), one tab per area.

Review (the author of notes), Playback (rewind on resume, skip amounts, click), Shortcuts (every
command's keys) and Appearance (colours, transcript font). Nothing changes until OK; Cancel
leaves everything as it was. ``playback_settings()`` reads the playback values where they are
used, so a change applies at the next key press.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QKeySequenceEdit,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.ui.preferences.appearance import (
    AppearancePage,
    AppearanceSettings,
    appearance_settings,
    apply_appearance,
    save_appearance_settings,
)
from app.ui.review.review_session import AUTHOR_KEY, default_author
from app.ui.window.keymap import Keymap

__all__ = [
    "PlaybackSettings",
    "PreferencesDialog",
    "ShortcutsPage",
    "playback_settings",
    "save_playback_settings",
]

from app.ui.editing.editing_prefs import EditingPrefsPage
from app.ui.playback.playback_settings import (
    MAX_REWIND_MS,
    MAX_SKIP_MS,
    PlaybackSettings,
    playback_settings,
    save_playback_settings,
)


class ShortcutsPage(QWidget):
    """Preferences > Shortcuts: every command with its key and default; pick a row, press the new
    key. A key another command has is not taken silently: the page names that command and
    offers to move the key here (the other command is left without it)."""

    COMMAND, SHORTCUT, DEFAULT = range(3)

    def __init__(self, keymap: Keymap, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keymap = keymap
        self._ids = sorted(keymap.ids(), key=lambda i: keymap.label(i).casefold())
        #: The bindings as the page shows them; saved on OK.
        self.pending: dict[str, list[QKeySequence]] = {i: keymap.shortcuts(i) for i in self._ids}
        self._proposal: tuple[str, QKeySequence, list[str]] | None = None

        self.search = QLineEdit()
        self.search.setObjectName("shortcutSearch")
        self.search.setPlaceholderText(self.tr("Search commands and keys"))
        self.search.setAccessibleName(self.tr("Search shortcuts"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)

        self.table = QTableWidget(len(self._ids), 3)
        self.table.setObjectName("shortcutTable")
        self.table.setAccessibleName(self.tr("Shortcuts"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Command"), self.tr("Shortcut"), self.tr("Default")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.COMMAND, QHeaderView.ResizeMode.Stretch)
        for column in (self.SHORTCUT, self.DEFAULT):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for row, action_id in enumerate(self._ids):
            command = QTableWidgetItem(keymap.label(action_id))
            command.setData(Qt.ItemDataRole.UserRole, action_id)
            self.table.setItem(row, self.COMMAND, command)
            self.table.setItem(row, self.SHORTCUT, QTableWidgetItem())
            self.table.setItem(
                row, self.DEFAULT, QTableWidgetItem(_keys_text(keymap.defaults(action_id)))
            )
            self._show_row(row)
        self.table.currentCellChanged.connect(lambda row, *_: self._load(row))

        self.editor = QKeySequenceEdit()
        self.editor.setObjectName("shortcutEditor")
        self.editor.setAccessibleName(self.tr("New shortcut"))
        self.editor.setMaximumSequenceLength(1)
        self.editor.setClearButtonEnabled(True)
        self.editor.keySequenceChanged.connect(self._propose)
        self.reset_button = QPushButton(self.tr("Restore &Default"))
        self.reset_button.setObjectName("restoreDefaultShortcut")
        self.reset_button.clicked.connect(self.restore_default)
        self.reset_all_button = QPushButton(self.tr("Restore All Defaults"))
        self.reset_all_button.setObjectName("restoreAllShortcuts")
        self.reset_all_button.clicked.connect(self.restore_all_defaults)
        self.clash_label = QLabel()
        self.clash_label.setObjectName("shortcutClash")
        self.clash_label.setWordWrap(True)
        bold = self.clash_label.font()
        bold.setBold(True)
        self.clash_label.setFont(bold)
        self.clash_label.hide()
        self.clash_icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.clash_icon.setPixmap(warning.pixmap(size, size))
        self.clash_icon.hide()
        self.take_button = QPushButton(self.tr("Move the Key Here"))
        self.take_button.setObjectName("takeShortcut")
        self.take_button.clicked.connect(self.take_key)
        self.take_button.hide()

        edit_row = QHBoxLayout()
        key_label = QLabel(self.tr("New &key:"))
        key_label.setBuddy(self.editor)
        edit_row.addWidget(key_label)
        edit_row.addWidget(self.editor, 1)
        edit_row.addWidget(self.reset_button)
        clash_row = QHBoxLayout()
        clash_row.addWidget(self.clash_icon)
        clash_row.addWidget(self.clash_label, 1)
        clash_row.addWidget(self.take_button)
        bottom = QHBoxLayout()
        hint = QLabel(
            self.tr("Pick a command, then press its new key. Foot pedals: press the pedal.")
        )
        hint.setWordWrap(True)
        bottom.addWidget(hint, 1)
        bottom.addWidget(self.reset_all_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(edit_row)
        layout.addLayout(clash_row)
        layout.addLayout(bottom)
        if self._ids:
            self.table.selectRow(0)
        self._load(self.table.currentRow())

    # -- what the table shows --------------------------------------------------------------
    def row_of(self, action_id: str) -> int:
        return self._ids.index(action_id)

    def current_id(self) -> str | None:
        row = self.table.currentRow()
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def _show_row(self, row: int) -> None:
        action_id = self._ids[row]
        keys = self.pending[action_id]
        item, command = self.table.item(row, self.SHORTCUT), self.table.item(row, self.COMMAND)
        assert item is not None and command is not None
        item.setText(_keys_text(keys) or self.tr("(none)"))
        font = item.font()
        font.setBold(not self.keymap.is_default(action_id, keys))  # the user's own keys stand out
        item.setFont(font)
        command.setFont(font)

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        for row, action_id in enumerate(self._ids):
            haystack = " ".join(
                (self.keymap.label(action_id), _keys_text(self.pending[action_id]))
            ).casefold()
            self.table.setRowHidden(row, not all(w in haystack for w in words))

    def _load(self, row: int) -> None:
        self._set_clash(None)
        action_id = self._ids[row] if 0 <= row < len(self._ids) else None
        self.editor.setEnabled(action_id is not None)
        self.reset_button.setEnabled(action_id is not None)
        keys = self.pending[action_id] if action_id is not None else []
        self.editor.blockSignals(True)
        self.editor.setKeySequence(keys[0] if keys else QKeySequence())
        self.editor.blockSignals(False)

    # -- changing keys ---------------------------------------------------------------------
    def _propose(self, sequence: QKeySequence) -> None:
        action_id = self.current_id()
        if action_id is None:
            return
        self.bind(action_id, sequence)

    def bind(self, action_id: str, sequence: QKeySequence | str) -> bool:
        """Give ``action_id`` this key (alone); False, with the clash shown, when another command
        has it: then nothing changes until "Move the Key Here" or another key."""
        sequence = QKeySequence(sequence)
        others = self.keymap.clashes(action_id, sequence, self.pending)
        if others:
            self._set_clash((action_id, sequence, others))
            return False
        self._set_clash(None)
        self._set_pending(action_id, [sequence] if not sequence.isEmpty() else [])
        return True

    def take_key(self) -> None:
        """Resolve the shown clash for this command: the others lose the key."""
        if self._proposal is None:
            return
        action_id, sequence, others = self._proposal
        for other in others:
            self._set_pending(other, [k for k in self.pending[other] if k != sequence])
        self._set_clash(None)
        self._set_pending(action_id, [sequence])

    def restore_default(self) -> None:
        action_id = self.current_id()
        if action_id is not None:
            self._restore(action_id)

    def _restore(self, action_id: str) -> None:
        self._set_clash(None)
        defaults = self.keymap.defaults(action_id)
        # A default that another command has taken meanwhile is not given back twice.
        free = [k for k in defaults if not self.keymap.clashes(action_id, k, self.pending)]
        self._set_pending(action_id, free)
        if len(free) < len(defaults):
            taken = [k for k in defaults if k not in free]
            self._set_clash(
                (action_id, taken[0], self.keymap.clashes(action_id, taken[0], self.pending))
            )

    def restore_all_defaults(self) -> None:
        self._set_clash(None)
        for action_id in self._ids:
            self._set_pending(action_id, self.keymap.defaults(action_id))

    def _set_pending(self, action_id: str, keys: list[QKeySequence]) -> None:
        self.pending[action_id] = keys
        row = self.row_of(action_id)
        self._show_row(row)
        if row == self.table.currentRow():
            self._load(row)

    def _set_clash(self, proposal: tuple[str, QKeySequence, list[str]] | None) -> None:
        self._proposal = proposal
        if proposal is None:
            for widget in (self.clash_icon, self.clash_label, self.take_button):
                widget.hide()
            return
        _, sequence, others = proposal
        names = ", ".join(f"\u201c{self.keymap.label(o)}\u201d" for o in others)
        key = sequence.toString(QKeySequence.SequenceFormat.NativeText)
        self.clash_label.setText(
            self.tr("%1 is already the key of %2. Move it here, or press another key.")
            .replace("%1", key)
            .replace("%2", names)
        )
        for widget in (self.clash_icon, self.clash_label, self.take_button):
            widget.show()

    # -- saving ----------------------------------------------------------------------------
    def ready_to_save(self) -> bool:
        """False while a clash waits for an answer (the dialog stays open on OK)."""
        return self._proposal is None

    def save(self) -> None:
        for action_id, keys in self.pending.items():
            if keys != self.keymap.shortcuts(action_id):
                self.keymap.set_shortcuts(action_id, keys)


def _keys_text(keys: list[QKeySequence]) -> str:
    return ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in keys)


class PreferencesDialog(QDialog):
    playbackSettingsChanged = Signal(object)  # PlaybackSettings, on OK when they changed
    appearanceChanged = Signal(object)  # AppearanceSettings, on OK (already applied)

    def __init__(self, parent: QWidget | None = None, keymap: Keymap | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Preferences"))
        self.setMinimumWidth(560)
        settings = QSettings()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._review_page(settings), self.tr("&Review"))
        self.tabs.addTab(self._playback_page(), self.tr("&Playback"))
        keymap = keymap if keymap is not None else getattr(parent, "keymap", None)
        self.shortcuts: ShortcutsPage | None = None
        if isinstance(keymap, Keymap):
            self.shortcuts = ShortcutsPage(keymap)
            self.tabs.addTab(self.shortcuts, self.tr("&Shortcuts"))
        self.appearance = AppearancePage()
        self.tabs.addTab(self.appearance, self.tr("A&ppearance"))
        self.tabs.addTab(EditingPrefsPage(self), self.tr("&Editing"))

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)

    def _review_page(self, settings: QSettings) -> QWidget:
        review = QWidget()
        form = QFormLayout(review)
        self.author_edit = QLineEdit(str(settings.value(AUTHOR_KEY) or ""))
        self.author_edit.setObjectName("authorName")
        self.author_edit.setAccessibleName(self.tr("Author name for notes"))
        self.author_edit.setPlaceholderText(default_author() or self.tr("Your name"))
        form.addRow(self.tr("&Author of notes:"), self.author_edit)
        hint = QLabel(
            self.tr("Shown with every note you write. Empty: your login name (%1).").replace(
                "%1", default_author() or "?"
            )
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        return review

    def _playback_page(self) -> QWidget:
        values = playback_settings()
        page = QWidget()
        form = QFormLayout(page)
        self.rewind_spin = QSpinBox()
        self.rewind_spin.setObjectName("rewindOnResume")
        self.rewind_spin.setAccessibleName(self.tr("Rewind on resume, in milliseconds"))
        self.rewind_spin.setRange(0, MAX_REWIND_MS)
        self.rewind_spin.setSingleStep(250)
        self.rewind_spin.setSuffix(self.tr(" ms"))
        self.rewind_spin.setSpecialValueText(self.tr("Off"))
        self.rewind_spin.setValue(values.rewind_ms)
        form.addRow(self.tr("&Rewind on resume:"), self.rewind_spin)
        hint = QLabel(
            self.tr(
                "After a pause, playback starts this much earlier, so the words cut off by the "
                "pause are heard again. 0 turns it off."
            )
        )
        hint.setWordWrap(True)
        form.addRow(hint)
        self.skip_short_spin = self._seconds(values.skip_short_ms, "skipShort")
        self.skip_short_spin.setAccessibleName(self.tr("Short skip, in seconds"))
        form.addRow(self.tr("&Short skip:"), self.skip_short_spin)
        self.skip_long_spin = self._seconds(values.skip_long_ms, "skipLong")
        self.skip_long_spin.setAccessibleName(self.tr("Long skip, in seconds"))
        form.addRow(self.tr("&Long skip:"), self.skip_long_spin)
        self.click_combo = QComboBox(objectName="clickLine")
        self.click_combo.addItems([self.tr("Play from it"), self.tr("Only go there")])
        self.click_combo.setCurrentIndex(0 if values.click_plays else 1)
        form.addRow(self.tr("&Clicking a line:"), self.click_combo)
        return page

    def _seconds(self, ms: int, name: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setObjectName(name)
        spin.setDecimals(1)
        spin.setRange(0.1, MAX_SKIP_MS / 1000)
        spin.setSingleStep(0.5)
        spin.setSuffix(self.tr(" s"))
        spin.setValue(ms / 1000)
        return spin

    def playback_values(self) -> PlaybackSettings:
        return PlaybackSettings(
            rewind_ms=self.rewind_spin.value(),
            skip_short_ms=round(self.skip_short_spin.value() * 1000),
            skip_long_ms=round(self.skip_long_spin.value() * 1000),
            click_plays=self.click_combo.currentIndex() == 0,
        )

    def accept(self) -> None:
        if self.shortcuts is not None and not self.shortcuts.ready_to_save():
            self.tabs.setCurrentWidget(self.shortcuts)
            return
        settings = QSettings()
        author = self.author_edit.text().strip()
        if author:
            settings.setValue(AUTHOR_KEY, author)
        else:
            settings.remove(AUTHOR_KEY)
        playback = self.playback_values()
        if playback != playback_settings(settings):
            save_playback_settings(playback, settings)
            self.playbackSettingsChanged.emit(playback)
        if self.shortcuts is not None:
            self.shortcuts.save()
        look: AppearanceSettings = self.appearance.values()
        if look != appearance_settings(settings):
            save_appearance_settings(look, settings)
            app = QApplication.instance()
            if isinstance(app, QApplication):
                apply_appearance(app, settings)
            self.appearanceChanged.emit(look)
        super().accept()
