"""Light, dark or the system's colours, the transcript's font, and the playback settings, as the
Preferences dialog sets them and a restart finds them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.ui.preferences.appearance import (
    AppearanceSettings,
    appearance_settings,
    apply_appearance,
    apply_scheme,
    apply_transcript_font,
    save_appearance_settings,
)
from app.ui.preferences.preferences import PlaybackSettings, PreferencesDialog, playback_settings
from app.ui.transcript.transcript_model import TranscriptModel
from app.ui.window.main_window import MainWindow

Role, Group = QPalette.ColorRole, QPalette.ColorGroup


@pytest.fixture(autouse=True)
def clean_settings(qapp: QApplication) -> Iterator[None]:
    for group in ("appearance", "playback"):
        QSettings().remove(group)
    palette = QApplication.palette()
    yield
    for group in ("appearance", "playback"):
        QSettings().remove(group)
    apply_scheme(qapp, "system")  # other tests see the palette they started with
    assert QApplication.palette().color(Role.Base) == palette.color(Role.Base)


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio."""

    def lum(c: QColor) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())

    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_forcing_dark_gives_dark_backgrounds_and_light_readable_text(
    qtbot: QtBot, qapp: QApplication, fake_window: MainWindow
) -> None:
    save_appearance_settings(AppearanceSettings(scheme="dark"))
    apply_appearance(qapp)
    assert qapp.style().name().lower() == "fusion"
    # Widgets take the application's palette from a posted event.
    qtbot.waitUntil(lambda: fake_window.view.palette().color(Role.Base).lightnessF() < 0.3)
    palette = fake_window.view.palette()
    for role in (Role.Window, Role.Base, Role.Button):
        assert palette.color(role).lightnessF() < 0.3
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        assert palette.color(role).lightnessF() > 0.8
    assert contrast(palette.color(Role.Text), palette.color(Role.Base)) >= 7
    assert contrast(palette.color(Role.Link), palette.color(Role.Base)) >= 4.5
    highlight = palette.color(Role.Highlight)
    assert contrast(palette.color(Role.HighlightedText), highlight) >= 4.5
    disabled = palette.color(Group.Disabled, Role.Text)
    assert contrast(disabled, palette.color(Group.Disabled, Role.Base)) >= 3
    assert contrast(disabled, palette.color(Role.Window)) >= 3

    apply_scheme(qapp, "light")
    qtbot.waitUntil(lambda: fake_window.view.palette().color(Role.Base).lightnessF() > 0.8)
    light = fake_window.view.palette()
    assert light.color(Role.Base).lightnessF() > 0.8
    assert light.color(Role.Text).lightnessF() < 0.3


def test_transcript_font_sets_the_views_font_and_row_height(fake_window: MainWindow) -> None:
    view = fake_window.view
    before = view.verticalHeader().defaultSectionSize()
    save_appearance_settings(AppearanceSettings(font_family="DejaVu Serif", font_size=22))
    apply_transcript_font(view)
    assert view.font().pointSize() == 22
    assert view.font().family() == "DejaVu Serif"
    height = view.verticalHeader().defaultSectionSize()
    assert height == 2 * view.fontMetrics().lineSpacing() + 8
    assert height > before
    current = view.current_source_row()
    other = 5 if current != 5 else 6
    assert view.rowHeight(other) == height
    assert view.rowHeight(current) >= height  # the current line's row fits its whole text
    shown = str(view.model().index(current, TranscriptModel.TIME).data())  # "00:42"
    assert view.columnWidth(TranscriptModel.TIME) >= view.fontMetrics().horizontalAdvance(shown)

    save_appearance_settings(AppearanceSettings())  # back to the system's font
    apply_transcript_font(view)
    assert view.font().pointSize() == QApplication.font().pointSize()
    assert view.verticalHeader().defaultSectionSize() == before


def test_appearance_tab_saves_applies_and_persists(qtbot: QtBot, fake_window: MainWindow) -> None:
    dialog = PreferencesDialog(fake_window)
    qtbot.addWidget(dialog)
    page = dialog.appearance
    assert page.values() == AppearanceSettings()  # untouched: nothing would be written
    page.scheme_combo.setCurrentIndex(page.scheme_combo.findData("dark"))
    page.size_spin.setValue(18)
    with qtbot.waitSignal(dialog.appearanceChanged):
        dialog.accept()
    assert appearance_settings() == AppearanceSettings(scheme="dark", font_size=18)
    assert QSettings().value("appearance/scheme") == "dark"
    assert fake_window.view.font().pointSize() == 18
    qtbot.waitUntil(lambda: fake_window.palette().color(Role.Window).lightnessF() < 0.3)

    again = PreferencesDialog(fake_window)  # what a restart reads
    qtbot.addWidget(again)
    assert again.appearance.scheme_combo.currentData() == "dark"
    assert again.appearance.size_spin.value() == 18
    assert again.appearance.values() == appearance_settings()


def test_playback_tab_defaults_and_saved_values(qtbot: QtBot, fake_window: MainWindow) -> None:
    assert playback_settings() == PlaybackSettings(1000, 1000, 5000)
    dialog = PreferencesDialog(fake_window)
    qtbot.addWidget(dialog)
    assert dialog.rewind_spin.value() == 1000
    assert dialog.rewind_spin.maximum() == 5000
    dialog.rewind_spin.setValue(0)
    assert dialog.rewind_spin.text() == "Off"
    dialog.skip_short_spin.setValue(2.5)
    dialog.skip_long_spin.setValue(10)
    with qtbot.waitSignal(dialog.playbackSettingsChanged) as signal:
        dialog.accept()
    assert signal.args == [PlaybackSettings(0, 2500, 10_000)]
    assert playback_settings() == PlaybackSettings(0, 2500, 10_000)
    assert int(QSettings().value("playback/skip_short_ms")) == 2500

    QSettings().setValue("playback/rewind_ms", "99999")  # hand-edited: kept in range
    assert playback_settings().rewind_ms == 5000
    QSettings().setValue("playback/rewind_ms", "soon")
    assert playback_settings().rewind_ms == 1000


def test_cancel_keeps_look_and_playback(qtbot: QtBot, fake_window: MainWindow) -> None:
    dialog = PreferencesDialog(fake_window)
    qtbot.addWidget(dialog)
    dialog.appearance.scheme_combo.setCurrentIndex(dialog.appearance.scheme_combo.findData("dark"))
    dialog.rewind_spin.setValue(3000)
    dialog.reject()
    assert appearance_settings().scheme == "system"
    assert playback_settings().rewind_ms == 1000
    assert fake_window.palette().color(Role.Window).lightnessF() > 0.5
