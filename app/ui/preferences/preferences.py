"""Edit > Preferences: settings kept per user (QSettings), one tab per area.

Review (the author of notes), Playback (rewind on resume, skip amounts, click), Shortcuts (every
command's keys) and Appearance (colours, transcript font). Nothing changes until OK; Cancel
leaves everything as it was. ``playback_settings()`` reads the playback values where they are
used, so a change applies at the next key press.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
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
from app.ui.listening.listen_prefs import ListeningPrefsPage
from app.ui.playback.playback_settings import (
    MAX_REWIND_MS,
    MAX_SKIP_MS,
    PlaybackSettings,
    playback_settings,
    save_playback_settings,
)
from app.ui.preferences.shortcuts_page import ShortcutsPage


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
        self.tabs.addTab(ListeningPrefsPage(self), self.tr("&Listening"))

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
