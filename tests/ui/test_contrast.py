"""Every control reads in light and dark (issue 18, 10): WCAG AA contrast, 4.5:1 for text and
3:1 for the parts of a control (icons, slider handles), measured on the palette and on the
pixels the controls really draw."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.player.fake import FakePlayer
from app.store.importing import open_pair
from app.store.library import Library
from app.ui.preferences.appearance import apply_scheme
from app.ui.window.main_window import MainWindow

pytestmark = pytest.mark.gui

TEXT, PARTS = 4.5, 3.0


def luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(x) for x in (colour.redF(), colour.greenF(), colour.blueF()))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: QColor, b: QColor) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_contrast_is_computed_as_wcag_does() -> None:
    assert contrast(QColor("black"), QColor("white")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("white")) == pytest.approx(4.48, abs=0.01)


def ink_contrast(image: QImage) -> tuple[float, QColor, QColor]:
    """(contrast, ink, background) of what a control draws: the background is its commonest
    colour, the ink the colour (drawn in at least 4 pixels) that stands out most from it."""
    counts: Counter[int] = Counter()
    for y in range(image.height()):
        for x in range(image.width()):
            counts[image.pixel(x, y) & 0xFFFFFF] += 1
    background = QColor(counts.most_common(1)[0][0])
    best, ink = 1.0, background
    for rgb, n in counts.items():
        if n >= 4:
            ratio = contrast(QColor(rgb), background)
            if ratio > best:
                best, ink = ratio, QColor(rgb)
    return best, ink, background


@pytest.fixture(params=["light", "dark"])
def window(
    request: pytest.FixtureRequest, qtbot: QtBot, library: Library, srt_file: Path, tmp_path: Path
) -> Iterator[MainWindow]:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_scheme(app, request.param)
    media = tmp_path / "numbers.mp4"
    media.write_bytes(b"x")
    window = MainWindow(library, FakePlayer(duration=60_000))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    assert QTest.qWaitForWindowExposed(window)
    opened = open_pair(library, srt_file, media)
    window.show_project(opened.project_id, opened.transcript, opened.report)
    window.view.go_to_row(3)
    QApplication.processEvents()
    yield window
    apply_scheme(app, "system")


PAIRS = [
    (QPalette.ColorRole.WindowText, QPalette.ColorRole.Window, TEXT),
    (QPalette.ColorRole.Text, QPalette.ColorRole.Base, TEXT),
    (QPalette.ColorRole.Text, QPalette.ColorRole.AlternateBase, TEXT),
    (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button, TEXT),
    (QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Highlight, TEXT),
    (QPalette.ColorRole.ToolTipText, QPalette.ColorRole.ToolTipBase, TEXT),
    (QPalette.ColorRole.PlaceholderText, QPalette.ColorRole.Base, TEXT),
    (QPalette.ColorRole.PlaceholderText, QPalette.ColorRole.Window, TEXT),  # empty-panel hints
    (QPalette.ColorRole.Link, QPalette.ColorRole.Base, TEXT),
]


def test_the_palettes_text_roles_read_on_their_backgrounds(window: MainWindow) -> None:
    palette = window.palette()
    low = []
    for fg, bg, need in PAIRS:
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            ratio = contrast(palette.color(group, fg), palette.color(group, bg))
            if ratio < need:
                low.append(f"{group.name} {fg.name} on {bg.name}: {ratio:.2f}")
    assert low == []


def _controls(window: MainWindow) -> list[QWidget]:
    kinds = (QAbstractButton, QComboBox, QLineEdit, QLabel)
    return [
        w
        for w in window.findChildren(QWidget)
        if isinstance(w, kinds) and w.isVisible() and w.isEnabled() and w.width() > 4
    ]


def _has_text(widget: QWidget) -> bool:
    if isinstance(widget, QLabel):
        return bool(widget.text().strip()) and widget.pixmap().isNull()
    if isinstance(widget, QAbstractButton):
        return bool(widget.text().strip())
    return True  # combo boxes and text fields show text


def test_every_control_draws_its_text_and_icons_readably(window: MainWindow) -> None:
    controls = _controls(window)
    assert any(isinstance(w, QAbstractButton) and not w.text() for w in controls), "icons"
    low = []
    for widget in controls:
        if isinstance(widget, QLabel) and not _has_text(widget):
            continue
        ratio, ink, background = ink_contrast(widget.grab().toImage())
        need = TEXT if _has_text(widget) else PARTS
        if ratio < need:
            name = widget.objectName() or getattr(widget, "text", lambda: "")() or "?"
            low.append(
                f"{type(widget).__name__} {name!r}: {ratio:.2f} "
                f"({ink.name()} on {background.name()})"
            )
    assert low == []


def _low(widgets: list[QWidget], need: float) -> list[str]:
    out = []
    for widget in widgets:
        ratio, ink, _ = ink_contrast(widget.grab().toImage())
        if ratio < need:
            out.append(f"{widget.objectName() or widget.toolTip()}: {ratio:.2f} {ink.name()}")
    return out


def test_the_tag_buttons_read_once_there_are_words_to_tag(window: MainWindow) -> None:
    box = window.line_panel.text
    box.setFocus()
    box.selectAll()  # words selected: the tag buttons come alive
    QApplication.processEvents()
    buttons = [
        b for b in window.line_panel.findChildren(QAbstractButton) if b.isVisible() and b.text()
    ]
    enabled = [b for b in buttons if b.isEnabled()]
    assert len(enabled) >= 4, [b.text() for b in buttons]
    assert _low(enabled, TEXT) == []


def test_switching_to_dark_recolours_the_transport_icons(
    qtbot: QtBot, library: Library, srt_file: Path
) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_scheme(app, "light")
    window = MainWindow(library, FakePlayer(duration=60_000))
    qtbot.addWidget(window)
    window.show()
    assert QTest.qWaitForWindowExposed(window)
    transport = window.transport
    icons = [transport.back_button, transport.play_button, transport.forward_button]
    icons.append(transport.mute_button)
    try:
        assert _low(icons, PARTS) == []
        apply_scheme(app, "dark")  # Preferences > Appearance, with the window open
        QApplication.processEvents()
        assert _low(icons, PARTS) == []
    finally:
        apply_scheme(app, "system")


def _tag_buttons(window: MainWindow) -> list[QAbstractButton]:
    return [
        b for b in window.line_panel.findChildren(QAbstractButton) if b.isVisible() and b.text()
    ]


def test_a_scheme_switch_redraws_the_tag_buttons_as_a_fresh_start_would(
    qtbot: QtBot, library: Library, srt_file: Path, tmp_path: Path
) -> None:
    """Light, then dark with the window open: the (disabled) tag buttons were left pale with
    light text, their colours mixed once from the light window."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    opened = open_pair(library, srt_file)

    def shown() -> MainWindow:
        window = MainWindow(library, FakePlayer(duration=60_000))
        qtbot.addWidget(window)
        window.resize(1280, 720)
        window.show()
        assert QTest.qWaitForWindowExposed(window)
        window.show_project(opened.project_id, opened.transcript, opened.report)
        QApplication.processEvents()
        return window

    try:
        apply_scheme(app, "light")
        switched = shown()
        apply_scheme(app, "dark")
        QApplication.processEvents()
        fresh = shown()
        looks = [
            [ink_contrast(b.grab().toImage())[1:] for b in _tag_buttons(w)]
            for w in (switched, fresh)
        ]
        assert len(looks[0]) >= 4
        assert [(i.name(), bg.name()) for i, bg in looks[0]] == [
            (i.name(), bg.name()) for i, bg in looks[1]
        ]
    finally:
        apply_scheme(app, "system")
