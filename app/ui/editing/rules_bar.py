"""The Checks panel's subtitle rules: which profile the project is checked against (the
built-in presets or Custom) and its limits, which a user can change: changing a preset's
limit makes it the project's Custom profile, starting from that preset's figures.

Two widgets the panel places: ``chooser`` and ``limits`` (hidden for Transcript). The bar
only shows and chooses; ``profileChosen`` says what the user picked, and whoever owns the
project keeps it (WindowEditing, in the library); ``set_profile`` shows a kept one.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from app.core.subtitle_rules import CUSTOM, PRESETS, TRANSCRIPT, SubtitleProfile, SubtitleRules

__all__ = ["RulesBar"]


class RulesBar(QObject):
    """A profile chooser and the limits of the chosen profile (hidden for Transcript)."""

    profileChosen = Signal(object)  # the SubtitleProfile the user picked or edited

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._profile = SubtitleProfile()
        # What Custom starts from when picked with no custom limits of its own yet.
        self._custom = PRESETS["netflix_en"][1] or SubtitleRules()
        names = {
            TRANSCRIPT: self.tr("Transcript (no subtitle rules)"),
            "netflix_en": self.tr("Netflix English (adult)"),
            "netflix_en_children": self.tr("Netflix English (children's)"),
            "bbc": self.tr("BBC"),
        }
        self.combo = QComboBox()
        self.combo.setObjectName("checksProfile")
        self.combo.setAccessibleName(self.tr("Subtitle rules"))
        self.combo.setToolTip(self.tr("The subtitle rules this project is checked against"))
        # The names are long; a narrow dock shows what fits rather than growing for them.
        policy = QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        self.combo.setSizeAdjustPolicy(policy)
        self.combo.setMinimumContentsLength(14)
        for key, (name, _rules) in PRESETS.items():
            self.combo.addItem(names.get(key, name), key)
        self.combo.addItem(self.tr("Custom"), CUSTOM)
        self.combo.activated.connect(self._picked)

        self.row_chars = self._int_spin("rulesRowChars", self.tr("Characters per row"), 200)
        self.row_chars.setSuffix(self.tr(" chars"))
        self.rows = self._int_spin("rulesRows", self.tr("Rows per cue"), 10)
        self.min_duration = self._seconds_spin("rulesMinDuration", self.tr("Shortest, seconds"))
        self.max_duration = self._seconds_spin("rulesMaxDuration", self.tr("Longest, seconds"))
        self.min_gap = self._int_spin("rulesMinGap", self.tr("Smallest gap, milliseconds"), 5000)
        self.min_gap.setSuffix(self.tr(" ms"))
        self.cps = QDoubleSpinBox()
        self._spin_common(self.cps, "rulesCps", self.tr("Reading speed, characters per second"))
        self.cps.setRange(0, 100)
        self.cps.setDecimals(1)
        self.cps.setSuffix(self.tr(" char/s"))

        self.limits = QWidget()
        grid = QGridLayout(self.limits)
        grid.setContentsMargins(0, 0, 0, 0)
        cells = (
            (self.tr("Row:"), self.row_chars),
            (self.tr("Rows:"), self.rows),
            (self.tr("CPS:"), self.cps),
            (self.tr("Min:"), self.min_duration),
            (self.tr("Max:"), self.max_duration),
            (self.tr("Gap:"), self.min_gap),
        )
        # No mnemonics but the chooser's: Alt+letters here would clash with the menus' and the
        # other panels' while the dock is shown; Tab goes through them in order.
        for n, (text, spin) in enumerate(cells):
            label = QLabel(text)
            label.setBuddy(spin)
            grid.addWidget(label, n // 3, (n % 3) * 2)
            grid.addWidget(spin, n // 3, (n % 3) * 2 + 1)
            spin.valueChanged.connect(self._edited)
        self.chooser = QWidget()
        self.chooser.setObjectName("rulesChooser")
        top = QHBoxLayout(self.chooser)
        top.setContentsMargins(0, 0, 0, 0)
        label = QLabel(self.tr("R&ules:"))
        label.setBuddy(self.combo)
        top.addWidget(label)
        top.addWidget(self.combo, 1)
        self._show()

    def _spin_common(self, spin: QAbstractSpinBox, name: str, accessible: str) -> None:
        spin.setObjectName(name)
        spin.setAccessibleName(accessible)
        spin.setToolTip(accessible)
        spin.setSpecialValueText(self.tr("Off"))
        spin.setKeyboardTracking(False)  # "42" typed is one change, not "4" then "42"

    def _int_spin(self, name: str, accessible: str, most: int) -> QSpinBox:
        spin = QSpinBox()
        self._spin_common(spin, name, accessible)
        spin.setRange(0, most)
        return spin

    def _seconds_spin(self, name: str, accessible: str) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        self._spin_common(spin, name, accessible)
        spin.setRange(0, 60)
        spin.setDecimals(3)
        spin.setSingleStep(0.1)
        spin.setSuffix(self.tr(" s"))
        return spin

    # -- the profile -----------------------------------------------------------------------
    def profile(self) -> SubtitleProfile:
        return self._profile

    def set_profile(self, profile: SubtitleProfile) -> None:
        """Show a kept profile (no ``profileChosen``: nothing was picked)."""
        self._profile = profile
        if profile.key == CUSTOM and profile.custom is not None:
            self._custom = profile.custom
        self._show()

    def _picked(self, index: int) -> None:
        key = str(self.combo.itemData(index))
        if key == self._profile.key:
            return
        if key == CUSTOM:  # from the limits last shown, so a preset can be adjusted
            shown = self._profile.rules
            profile = SubtitleProfile(CUSTOM, shown if shown is not None else self._custom)
        else:
            profile = SubtitleProfile(key)
        self.set_profile(profile)
        self.profileChosen.emit(profile)

    def _edited(self) -> None:
        rules = SubtitleRules(
            max_row_chars=self.row_chars.value(),
            max_rows=self.rows.value(),
            min_duration_ms=round(self.min_duration.value() * 1000),
            max_duration_ms=round(self.max_duration.value() * 1000),
            min_gap_ms=self.min_gap.value(),
            max_cps=round(self.cps.value(), 1),
        )
        if rules == self._profile.rules:
            return
        profile = SubtitleProfile(CUSTOM, rules)
        self.set_profile(profile)
        self.profileChosen.emit(profile)

    def _show(self) -> None:
        profile = self._profile
        self.combo.setCurrentIndex(max(0, self.combo.findData(profile.key)))
        rules = profile.rules
        self.limits.setVisible(rules is not None)
        if rules is None:
            return
        spins = (self.row_chars, self.rows, self.min_duration, self.max_duration)
        spins += (self.min_gap, self.cps)
        for spin in spins:
            spin.blockSignals(True)
        self.row_chars.setValue(rules.max_row_chars)
        self.rows.setValue(rules.max_rows)
        self.min_duration.setValue(rules.min_duration_ms / 1000)
        self.max_duration.setValue(rules.max_duration_ms / 1000)
        self.min_gap.setValue(rules.min_gap_ms)
        self.cps.setValue(rules.max_cps)
        for spin in spins:
            spin.blockSignals(False)
