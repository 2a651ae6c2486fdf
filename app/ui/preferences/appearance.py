"""The look: light or dark (following the system, or forced), the transcript's font, and
whether times show to the millisecond (the transcript's time columns and the transport's clock).

Kept in QSettings: "appearance/scheme" ("system", "light" or "dark"), "appearance/font_family"
and "appearance/font_size" (points) for the transcript; absent means the system's choice;
"appearance/times_in_ms" (app.ui.transcript.timing_columns, which reads it where times show).
Forcing a scheme uses the Fusion style, the one style that takes any palette as given.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QFontComboBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from app.ui.playback.transport import TransportBar
from app.ui.transcript.timing_columns import save_show_millis, show_millis
from app.ui.transcript.transcript_view import TranscriptView
from app.ui.widgets.readable_icons import ReadableIconStyle

__all__ = [
    "SCHEMES",
    "AppearancePage",
    "AppearanceSettings",
    "appearance_settings",
    "apply_appearance",
    "apply_scheme",
    "apply_transcript_font",
    "dark_palette",
    "light_palette",
    "save_appearance_settings",
]

SCHEME_KEY = "appearance/scheme"
FONT_FAMILY_KEY = "appearance/font_family"
FONT_SIZE_KEY = "appearance/font_size"
SCHEMES = ("system", "light", "dark")
MIN_SIZE, MAX_SIZE = 6, 48
_ORIGINAL_STYLE = "proofreelOriginalStyle"  # a property on the QApplication


@dataclass(frozen=True)
class AppearanceSettings:
    scheme: str = "system"
    font_family: str = ""  # "": the system's font
    font_size: int = 0  # points; 0: the system's size
    millis: bool = False  # times to the millisecond: 00:01:02.345, not 01:02


def appearance_settings(settings: QSettings | None = None) -> AppearanceSettings:
    settings = settings if settings is not None else QSettings()
    scheme = str(settings.value(SCHEME_KEY) or "system")
    try:
        size = int(str(settings.value(FONT_SIZE_KEY) or 0))
    except (TypeError, ValueError):
        size = 0
    return AppearanceSettings(
        scheme=scheme if scheme in SCHEMES else "system",
        font_family=str(settings.value(FONT_FAMILY_KEY) or ""),
        font_size=min(max(size, MIN_SIZE), MAX_SIZE) if size else 0,
        millis=show_millis(settings),
    )


def save_appearance_settings(values: AppearanceSettings, settings: QSettings | None = None) -> None:
    settings = settings if settings is not None else QSettings()
    for key, value, default in (
        (SCHEME_KEY, values.scheme, "system"),
        (FONT_FAMILY_KEY, values.font_family, ""),
        (FONT_SIZE_KEY, values.font_size, 0),
    ):
        if value == default:
            settings.remove(key)
        else:
            settings.setValue(key, value)
    save_show_millis(values.millis, settings)


def dark_palette() -> QPalette:
    """A dark palette whose every role reads: text, disabled text, links, selection, tips."""
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    palette = QPalette()
    colours = {
        role.Window: "#2b2b2b",
        role.WindowText: "#e8e8e8",
        role.Base: "#1f1f1f",
        role.AlternateBase: "#292929",
        role.ToolTipBase: "#3c3c3c",
        role.ToolTipText: "#f0f0f0",
        role.PlaceholderText: "#9a9a9a",
        role.Text: "#e8e8e8",
        role.Button: "#383838",
        role.ButtonText: "#e8e8e8",
        role.BrightText: "#ff7b72",
        role.Light: "#505050",
        role.Midlight: "#424242",
        role.Mid: "#5e5e5e",
        role.Dark: "#1a1a1a",
        role.Shadow: "#0d0d0d",
        role.Highlight: "#3068c8",  # 5.4:1 with white (#3874d8 was 4.5, at the limit)
        role.HighlightedText: "#ffffff",
        role.Link: "#7fb4ff",
        role.LinkVisited: "#c39bff",
        role.Accent: "#3068c8",
    }
    for colour_role, colour in colours.items():
        palette.setColor(colour_role, QColor(colour))
    dimmed = QColor("#8a8a8a")  # disabled, yet still legible on #2b2b2b and #1f1f1f
    for colour_role in (role.WindowText, role.Text, role.ButtonText, role.PlaceholderText):
        palette.setColor(group.Disabled, colour_role, dimmed)
    palette.setColor(group.Disabled, role.Base, QColor("#262626"))
    palette.setColor(group.Disabled, role.Button, QColor("#303030"))
    palette.setColor(group.Disabled, role.Highlight, QColor("#4a4a4a"))
    palette.setColor(group.Disabled, role.HighlightedText, QColor("#b0b0b0"))
    palette.setColor(group.Inactive, role.Highlight, QColor("#2f5faa"))
    palette.setColor(group.Inactive, role.HighlightedText, QColor("#ffffff"))
    return palette


def apply_scheme(app: QApplication, scheme: str) -> None:
    """Light, dark or the system's; the system's also follows it when it changes later."""
    original = app.property(_ORIGINAL_STYLE)
    if not original:
        original = app.style().name()
        app.setProperty(_ORIGINAL_STYLE, original)
    hints = app.styleHints()
    if scheme in ("light", "dark"):
        if hasattr(hints, "setColorScheme"):  # Qt 6.8+: also native dialogs and title bars
            hints.setColorScheme(Qt.ColorScheme.Dark if scheme == "dark" else Qt.ColorScheme.Light)
        _set_style(app, "Fusion")
        app.setPalette(dark_palette() if scheme == "dark" else light_palette())
        return
    if hasattr(hints, "unsetColorScheme"):
        hints.unsetColorScheme()
    _set_style(app, str(original))
    # An empty palette: every role comes from the platform theme (or the style) again.
    app.setPalette(QPalette())


def _set_style(app: QApplication, name: str) -> None:
    """The style ``name``, its grey icons drawn in the palette's ink (readable_icons)."""
    current = app.style()
    if isinstance(current, ReadableIconStyle) and current.name().lower() == name.lower():
        return
    app.setStyle(ReadableIconStyle(name))


def light_palette() -> QPalette:
    """Fusion's light palette, with the two roles it leaves below WCAG AA made darker: the
    selection (white on #308cc6 is 3.7:1) and placeholder text (the empty Notes hint on the
    window's grey)."""
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    palette = QApplication.style().standardPalette()
    for colour_group in (group.Active, group.Inactive):
        palette.setColor(colour_group, role.Highlight, QColor("#2a6fb0"))  # 5.2:1 with white
        palette.setColor(colour_group, role.HighlightedText, QColor("#ffffff"))
        palette.setColor(colour_group, role.Accent, QColor("#2a6fb0"))
        palette.setColor(colour_group, role.PlaceholderText, QColor("#5c5c5c"))
    return palette


def transcript_font(settings: QSettings | None = None) -> QFont:
    """The transcript's font: only what the user chose is set, the rest is inherited."""
    values = appearance_settings(settings)
    font = QFont()
    if values.font_family:
        font.setFamily(values.font_family)
    if values.font_size:
        font.setPointSize(values.font_size)
    return font


def apply_transcript_font(view: TranscriptView, settings: QSettings | None = None) -> None:
    """Set the transcript font and size the fixed rows and columns for it (two lines a row)."""
    view.setFont(transcript_font(settings))
    metrics = view.fontMetrics()
    view.verticalHeader().setDefaultSectionSize(2 * metrics.lineSpacing() + 8)
    if view.model() is not None:
        view.columns.fit_widths()  # the fixed columns, for their sample texts in the new font
        view.fit_current_row()  # the current line's row, for its text in the new font
    view.viewport().update()


def apply_appearance(app: QApplication, settings: QSettings | None = None) -> None:
    """The saved scheme on the application, the saved font on every transcript shown, and
    times to the millisecond (or not) in every transcript and on every transport bar."""
    values = appearance_settings(settings)
    apply_scheme(app, values.scheme)
    for top in app.topLevelWidgets():
        views = top.findChildren(TranscriptView)
        if isinstance(top, TranscriptView):
            views.append(top)
        for view in views:
            apply_transcript_font(view, settings)
            if view.model() is not None:
                view.columns.set_millis(values.millis)
        bars = top.findChildren(TransportBar)
        for bar in [*bars, top] if isinstance(top, TransportBar) else bars:
            bar.set_millis(values.millis)


class AppearancePage(QWidget):
    """Preferences > Appearance: the scheme, the transcript's font and size, with a sample."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        values = appearance_settings()
        form = QFormLayout(self)
        self.scheme_combo = QComboBox()
        self.scheme_combo.setObjectName("colorScheme")
        self.scheme_combo.setAccessibleName(self.tr("Colour scheme"))
        for name, text in zip(
            SCHEMES, (self.tr("Follow the system"), self.tr("Light"), self.tr("Dark")), strict=True
        ):
            self.scheme_combo.addItem(text, name)
        self.scheme_combo.setCurrentIndex(SCHEMES.index(values.scheme))
        form.addRow(self.tr("&Colours:"), self.scheme_combo)

        default = QApplication.font()
        self.family_combo = QFontComboBox()
        self.family_combo.setObjectName("transcriptFontFamily")
        self.family_combo.setAccessibleName(self.tr("Transcript font"))
        self.family_combo.setCurrentFont(QFont(values.font_family or default.family()))
        self._saved = values
        form.addRow(self.tr("Transcript &font:"), self.family_combo)
        self.size_spin = QSpinBox()
        self.size_spin.setObjectName("transcriptFontSize")
        self.size_spin.setAccessibleName(self.tr("Transcript font size"))
        self.size_spin.setRange(MIN_SIZE, MAX_SIZE)
        self.size_spin.setSuffix(self.tr(" pt"))
        self.size_spin.setValue(values.font_size or max(default.pointSize(), MIN_SIZE))
        form.addRow(self.tr("Font &size:"), self.size_spin)
        self.sample = QLabel(self.tr("So the reviewer listens, reads, and marks the line."))
        self.sample.setObjectName("fontSample")
        self.sample.setWordWrap(True)
        self.sample.setMinimumHeight(56)
        form.addRow(self.tr("Sample:"), self.sample)
        self.millis_check = QCheckBox(self.tr("Show times to the &millisecond"))
        self.millis_check.setObjectName("timesInMs")
        self.millis_check.setToolTip(
            self.tr("00:01:02.345 instead of 01:02 in the transcript and under the video")
        )
        self.millis_check.setChecked(values.millis)
        form.addRow(self.tr("Times:"), self.millis_check)
        self.family_combo.currentFontChanged.connect(self._show_sample)
        self.size_spin.valueChanged.connect(self._show_sample)
        self._shown = (self.family_combo.currentFont().family(), self.size_spin.value())
        self._show_sample()

    def _show_sample(self) -> None:
        font = QFont(self.family_combo.currentFont())
        font.setPointSize(self.size_spin.value())
        self.sample.setFont(font)

    def values(self) -> AppearanceSettings:
        """What the page shows. What was not touched stays as saved, so the system's font (which
        the font list may only approximate) is never written down unasked."""
        default = QApplication.font()
        family = self.family_combo.currentFont().family()
        size = self.size_spin.value()
        if family == self._shown[0] or family == default.family():
            family = self._saved.font_family if family == self._shown[0] else ""
        if size == self._shown[1] or size == default.pointSize():
            size = self._saved.font_size if size == self._shown[1] else 0
        return AppearanceSettings(
            scheme=str(self.scheme_combo.currentData()),
            font_family=family,
            font_size=size,
            millis=self.millis_check.isChecked(),
        )
