"""Preferences > Editing: pausing the video while typing, the spell-check language (English as
en-GB or en-US, or another installed dictionary), and the timing checks' thresholds."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from app.core.checks import CheckSettings
from app.core.spelling import available_languages
from app.ui.editing.checks_panel import check_settings, save_check_settings
from app.ui.editing.spell_highlighter import LANGUAGE_KEY, language_name, spell_language
from app.ui.editing.text_editor_delegate import PAUSE_WHILE_TYPING_KEY

__all__ = ["EditingPrefsPage"]


def _is_true(value: object) -> bool:
    return value is True or str(value).lower() in ("true", "1")


class EditingPrefsPage(QWidget):
    """Preferences > Editing: the spell-check language and the timing checks' thresholds.

    Saved when ``dialog`` is accepted (or on ``save()``); ``saved`` then says what changed.
    """

    saved = Signal(bool, bool)  # language changed, check thresholds changed

    def __init__(self, dialog: QDialog | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editingPrefs")
        settings = QSettings()
        form = QFormLayout(self)
        self.pause_check = QCheckBox(self.tr("&Pause the video while typing a correction"))
        self.pause_check.setObjectName("pauseWhileTyping")
        self.pause_check.setChecked(_is_true(settings.value(PAUSE_WHILE_TYPING_KEY, False)))
        form.addRow(self.pause_check)
        self.language_combo = QComboBox()
        self.language_combo.setObjectName("spellLanguage")
        self.language_combo.setAccessibleName(self.tr("Spell check language"))
        self.language_combo.addItem(self.tr("Off"), "")
        for code in sorted(available_languages(), key=language_name):
            self.language_combo.addItem(language_name(code), code)
        current = spell_language(settings)
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(current)))
        form.addRow(self.tr("&Spell check:"), self.language_combo)
        hint = QLabel(
            self.tr(
                "Misspelt words in line text are underlined; right-click one for suggestions. "
                "Words added to the dictionary are kept in the library."
            )
        )
        hint.setWordWrap(True)
        form.addRow(hint)

        values = check_settings(settings)
        self.gap_spin = QSpinBox()
        self.gap_spin.setObjectName("prefsMaxGap")
        self.gap_spin.setAccessibleName(self.tr("Longest gap, in seconds"))
        self.gap_spin.setRange(0, 3600)
        self.gap_spin.setSuffix(self.tr(" s"))
        self.gap_spin.setSpecialValueText(self.tr("Off"))
        self.gap_spin.setValue(round(values.max_gap_ms / 1000))
        form.addRow(self.tr("Report &gaps longer than:"), self.gap_spin)
        self.cps_spin = QDoubleSpinBox()
        self.cps_spin.setObjectName("prefsMaxCps")
        self.cps_spin.setAccessibleName(self.tr("Fastest reading speed, characters per second"))
        self.cps_spin.setRange(0, 100)
        self.cps_spin.setDecimals(1)
        self.cps_spin.setSuffix(self.tr(" characters/s"))
        self.cps_spin.setSpecialValueText(self.tr("Off"))
        self.cps_spin.setValue(values.max_cps)
        form.addRow(self.tr("Report reading &faster than:"), self.cps_spin)
        self.min_spin = QDoubleSpinBox()
        self.min_spin.setObjectName("prefsMinDuration")
        self.min_spin.setAccessibleName(self.tr("Shortest line, in seconds"))
        self.min_spin.setRange(0, 10)
        self.min_spin.setDecimals(1)
        self.min_spin.setSingleStep(0.1)
        self.min_spin.setSuffix(self.tr(" s"))
        self.min_spin.setSpecialValueText(self.tr("Only empty"))
        self.min_spin.setValue(values.min_duration_ms / 1000)
        form.addRow(self.tr("Report lines &shorter than:"), self.min_spin)
        rules_hint = QLabel(
            self.tr(
                "A project checked against subtitle rules (chosen in the Checks panel) uses "
                "their reading speed and shortest time on screen instead."
            )
        )
        rules_hint.setWordWrap(True)
        form.addRow(rules_hint)
        if dialog is not None:
            dialog.accepted.connect(self.save)

    def language(self) -> str:
        return str(self.language_combo.currentData() or "")

    def check_values(self) -> CheckSettings:
        return CheckSettings(
            max_gap_ms=self.gap_spin.value() * 1000,
            max_cps=round(self.cps_spin.value(), 1),
            min_duration_ms=round(self.min_spin.value() * 1000),
        )

    def save(self) -> tuple[bool, bool]:
        settings = QSettings()
        settings.setValue(PAUSE_WHILE_TYPING_KEY, self.pause_check.isChecked())
        language_changed = self.language() != spell_language(settings)
        if language_changed:
            settings.setValue(LANGUAGE_KEY, self.language())
        values = self.check_values()
        checks_changed = values != check_settings(settings)
        if checks_changed:
            save_check_settings(values, settings)
        self.saved.emit(language_changed, checks_changed)
        return language_changed, checks_changed
