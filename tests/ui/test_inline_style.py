"""Italic and bold lines look italic and bold in the transcript (issue 18 item 9): a styled
SubRip opened in the real window draws its italic words in an italic face."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPainter, QTextFormat, QTextLayout
from PySide6.QtWidgets import QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from app.core.formats.srt import read_srt
from app.player.fake import FakePlayer
from app.store.library import Library
from app.ui.transcript.text_delegate import HighlightDelegate
from app.ui.transcript.transcript_model import TranscriptModel
from tests.ui.conftest import open_window

SOURCE = (
    "1\n00:00:01,000 --> 00:00:02,000\n<i>Where were you</i> last night?\n\n"
    "2\n00:00:03,000 --> 00:00:04,000\nI was <b>home</b>, alone.\n\n"
    "3\n00:00:05,000 --> 00:00:06,000\nNo styling here.\n"
)


def _formats(delegate: HighlightDelegate, text: str) -> list[QTextLayout.FormatRange]:
    """The format ranges of the layout the delegate drew ``text`` with last."""
    for key, painted in reversed(delegate._cache.items()):
        if key[0] == text:
            return list(painted.lines[0][0].formats())
    raise AssertionError(f"{text!r} was not drawn")


def _paint(model: TranscriptModel, row: int) -> QImage:
    delegate = HighlightDelegate()
    image = QImage(600, 40, QImage.Format.Format_RGB32)
    image.fill(0xFFFFFF)
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, 600, 40)
    painter = QPainter(image)
    delegate.paint(painter, option, model.index(row, TranscriptModel.TEXT))
    painter.end()
    return image


def test_a_styled_srt_shows_italic_and_bold_words_in_the_window(
    qtbot: QtBot, library: Library, tmp_path: Path
) -> None:
    srt = tmp_path / "styled.srt"
    srt.write_text(SOURCE, encoding="utf-8")
    window = open_window(qtbot, library, FakePlayer(duration=10_000), srt, None)
    view = window.view
    # The lines hold plain text (search, spelling and highlights work on it)...
    model = view.model()
    texts = [model.index(r, TranscriptModel.TEXT).data() for r in range(model.rowCount())]
    assert texts == ["Where were you last night?", "I was home, alone.", "No styling here."]
    view.viewport().repaint()
    delegate = view.itemDelegateForColumn(TranscriptModel.TEXT)
    assert isinstance(delegate, HighlightDelegate)
    # ...and the rows are drawn with the styling the file carried.
    italic = [(f.start, f.length) for f in _formats(delegate, texts[0]) if f.format.fontItalic()]
    assert italic == [(0, len("Where were you"))]
    bold = [
        (f.start, f.length) for f in _formats(delegate, texts[1]) if f.format.fontWeight() > 500
    ]
    assert bold == [(6, 4)]
    assert not any(f.format.fontItalic() for f in _formats(delegate, texts[2]))


def _italic(window: object, row: int) -> list[tuple[int, int]]:
    view = window.view  # type: ignore[attr-defined]
    view.viewport().repaint()
    delegate = view.itemDelegateForColumn(TranscriptModel.TEXT)
    text = view.model().index(row, TranscriptModel.TEXT).data()
    return [(f.start, f.length) for f in _formats(delegate, text) if f.format.fontItalic()]


def test_italics_stay_after_reopening_and_on_their_words_through_an_edit_and_undo(
    qtbot: QtBot, library: Library, tmp_path: Path
) -> None:
    srt = tmp_path / "styled.srt"
    srt.write_text(SOURCE, encoding="utf-8")
    window = open_window(qtbot, library, FakePlayer(duration=10_000), srt, None)
    project = window.project_id
    assert project is not None
    transcript, later = window.read_project(project)  # as File > Open Recent reads it
    window.show_project(project, transcript, annotations_later=later)
    assert _italic(window, 0) == [(0, len("Where were you"))]
    assert window.editing.session.edit_text(0, "Where on earth were you last night?")
    assert _italic(window, 0) == [(0, len("Where on earth were you"))]
    window.undo_stack.undo()
    assert _italic(window, 0) == [(0, len("Where were you"))]
    window.undo_stack.redo()
    reread, _ = window.read_project(project)
    assert [(r.start, r.end, r.kind) for r in reread.lines[0].styles] == [
        (0, len("Where on earth were you"), "i")
    ]
    # Deleting every italic word and undoing brings the italics back with the words.
    assert window.editing.session.edit_text(0, "last night?")
    assert _italic(window, 0) == []
    window.undo_stack.undo()
    assert _italic(window, 0) == [(0, len("Where on earth were you"))]
    reread, _ = window.read_project(project)
    assert [(r.start, r.end) for r in reread.lines[0].styles] == [(0, 23)]


def test_the_italic_words_change_the_pixels_not_the_plain_ones() -> None:
    styled = read_srt(SOURCE).transcript.lines
    plain = read_srt(SOURCE).transcript.lines
    for line in plain:
        line.styles = []
    with_styles, without = TranscriptModel(), TranscriptModel()
    with_styles.set_lines(styled)
    without.set_lines(plain)
    assert _paint(with_styles, 0) != _paint(without, 0)  # italic words drawn differently
    assert _paint(with_styles, 2) == _paint(without, 2)  # an unstyled line as it always was


def test_a_webvtt_cue_shows_its_id_and_settings_and_its_class_colour(
    qtbot: QtBot, library: Library, tmp_path: Path
) -> None:
    vtt = tmp_path / "cues.vtt"
    vtt.write_text(
        "WEBVTT\n\nintro\n00:00:01.000 --> 00:00:02.000 line:85% align:start\n"
        "<v Bob>Hi <c.yellow>there</c>\n\n00:00:03.000 --> 00:00:04.000\nplain\n",
        encoding="utf-8",
    )
    window = open_window(qtbot, library, FakePlayer(duration=10_000), vtt, None)
    model = window.view.model()
    tips = [
        str(model.index(r, TranscriptModel.TEXT).data(Qt.ItemDataRole.ToolTipRole))
        for r in range(2)
    ]
    assert tips[0].endswith("\nWebVTT cue intro: line:85% align:start")
    assert "WebVTT cue" not in tips[1]
    window.view.clearSelection()  # a selected row keeps the palette's text colour
    window.view.viewport().repaint()
    coloured = [
        (f.start, f.length, f.format.foreground().color().name())
        for f in _formats(window.delegate, "Hi there")
        if f.format.hasProperty(QTextFormat.Property.ForegroundBrush)
    ]
    assert coloured == [(3, 5, "#ffff00")]
