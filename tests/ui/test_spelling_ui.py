"""Spell checking in text boxes: the red wavy underline, suggestions and "Add to Dictionary" in
the context menu, the personal word list kept in the library, Preferences > Editing."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QTextCharFormat
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit
from pytestqt.qtbot import QtBot

from app.store.library import Library
from app.store.review import ReviewStore
from app.ui.editing.checks_panel import check_settings
from app.ui.editing.editing_prefs import EditingPrefsPage
from app.ui.editing.spell_highlighter import (
    LANGUAGE_KEY,
    PERSONAL_WORDS_KEY,
    SpellService,
    default_language,
    spell_context_menu,
    spell_language,
)
from app.ui.preferences.preferences import PreferencesDialog
from app.ui.transcript.text_delegate import to_utf16

SPELL = QTextCharFormat.UnderlineStyle.SpellCheckUnderline


@pytest.fixture
def edit(qtbot: QtBot) -> QTextEdit:
    box = QTextEdit()
    qtbot.addWidget(box)
    box.resize(400, 120)
    box.show()
    assert QTest.qWaitForWindowExposed(box)
    return box


def underlined(box: QTextEdit, block: int = 0) -> list[str]:
    """The words of ``block`` that the layout draws with the spell-check underline."""
    text_block = box.document().findBlockByNumber(block)
    utf16 = text_block.text().encode("utf-16-le")
    return [
        utf16[r.start * 2 : (r.start + r.length) * 2].decode("utf-16-le")
        for r in text_block.layout().formats()
        if r.format.underlineStyle() == SPELL
    ]


def menu_texts(menu: QMenu) -> list[str]:
    return [a.text() for a in menu.actions() if not a.isSeparator()]


def word_pos(box: QTextEdit, text: str, word: str):  # -> QPoint
    cursor = box.textCursor()
    cursor.setPosition(to_utf16(text, text.index(word) + 2))
    return box.cursorRect(cursor).center()


def test_the_misspelt_word_is_underlined(edit: QTextEdit) -> None:
    service = SpellService(language="en")
    service.attach(edit)
    edit.setPlainText("We recieve NATO mail from Siobhan.\nA secnod line \U0001f600 teh end")
    assert underlined(edit, 0) == ["recieve"]
    assert underlined(edit, 1) == ["secnod", "teh"]  # positions right after an emoji too
    block = edit.document().firstBlock()
    ranges = block.layout().formats()  # kept: the formats live as long as this list
    colours = [r.format.underlineColor().name() for r in ranges]
    assert colours == ["#e53935"]


def test_typing_rechecks_and_off_means_no_underline(edit: QTextEdit) -> None:
    service = SpellService(language="en")
    service.attach(edit)
    edit.setPlainText("all good here")
    assert underlined(edit) == []
    edit.textCursor().insertText("wrnog ")
    assert underlined(edit) == ["wrnog"]
    service.set_language("")
    assert underlined(edit) == []


def test_the_menu_offers_suggestions_and_replaces(edit: QTextEdit) -> None:
    service = SpellService(language="en")
    service.attach(edit)
    text = "We recieve it"
    edit.setPlainText(text)
    added: list[str] = []
    menu = spell_context_menu(edit, service.checker, added.append, word_pos(edit, text, "recieve"))
    texts = menu_texts(menu)
    assert texts[0] == "receive"
    assert "Add \u201crecieve\u201d to Dictionary" in texts
    assert any("Copy" in t for t in texts)  # the usual entries stay
    first: QAction = menu.actions()[0]
    first.trigger()
    assert edit.toPlainText() == "We receive it"
    assert underlined(edit) == []
    edit.undo()
    assert edit.toPlainText() == "We recieve it"
    menu.deleteLater()


def test_no_suggestion_entries_on_a_good_word(edit: QTextEdit) -> None:
    service = SpellService(language="en")
    text = "We receive it"
    edit.setPlainText(text)
    menu = spell_context_menu(edit, service.checker, print, word_pos(edit, text, "receive"))
    assert not [t for t in menu_texts(menu) if "Dictionary" in t]


def test_a_read_only_box_replaces_through_the_callback(edit: QTextEdit) -> None:
    service = SpellService(language="en")
    text = "\U0001f600 so recieve it"
    edit.setPlainText(text)
    edit.setReadOnly(True)
    replaced: list[tuple[int, int, str]] = []
    pos = word_pos(edit, text, "recieve")
    menu = spell_context_menu(edit, service.checker, print, pos, lambda *a: replaced.append(a))
    menu.actions()[0].trigger()
    assert replaced == [(5, 12, "receive")]  # python offsets, past the emoji
    assert edit.toPlainText() == text  # the callback's owner changes the line, not the menu
    menu = spell_context_menu(edit, service.checker, print, pos)
    assert not menu.actions()[0].isEnabled()  # read-only and nobody to replace it


def test_added_words_are_kept_in_the_library(edit: QTextEdit, library: Library) -> None:
    service = SpellService(ReviewStore(library), language="en")
    service.attach(edit)
    text = "Ask Zorbex about zorbex and flimbo"
    edit.setPlainText(text)
    assert underlined(edit) == ["zorbex", "flimbo"]
    menu = spell_context_menu(
        edit, service.checker, service.add_word, word_pos(edit, text, "flimbo")
    )
    add = next(a for a in menu.actions() if a.objectName() == "addToDictionary")
    add.trigger()
    assert underlined(edit) == ["zorbex"]  # redrawn at once
    service.add_word("zorbex")
    assert underlined(edit) == []
    path = str(library.engine.url.database)
    with Library.open(path) as fresh:
        store = ReviewStore(fresh)
        assert json.loads(store.get_setting(PERSONAL_WORDS_KEY) or "[]") == ["flimbo", "zorbex"]
        again = SpellService(store, language="en")
        assert again.checker.misspelled(text) == []
        again.remove_word("flimbo")
        assert json.loads(store.get_setting(PERSONAL_WORDS_KEY) or "[]") == ["zorbex"]


def test_the_language_is_a_preference() -> None:
    default = default_language()
    assert default in ("en_GB", "en_US") and spell_language() == default
    QSettings().setValue(LANGUAGE_KEY, "de")
    assert spell_language() == "de"
    QSettings().setValue(LANGUAGE_KEY, "klingon")  # not installed: back to the default
    assert spell_language() == default
    QSettings().setValue(LANGUAGE_KEY, "en")  # saved by a version with one English
    assert spell_language() == "en_GB"
    QSettings().setValue(LANGUAGE_KEY, "")
    assert spell_language() == ""
    assert not SpellService().checker.enabled


def test_the_editing_tab_saves_with_the_dialog(qtbot: QtBot) -> None:
    dialog = PreferencesDialog()
    qtbot.addWidget(dialog)
    page = EditingPrefsPage(dialog)
    dialog.tabs.addTab(page, dialog.tr("&Editing"))  # the lead's one line in preferences.py
    assert page.language() == default_language()
    languages = [page.language_combo.itemData(i) for i in range(page.language_combo.count())]
    assert languages[0] == "" and {"en_GB", "en_US", "de", "fr"} <= set(languages)
    assert "en" not in languages
    names = [page.language_combo.itemText(i) for i in range(page.language_combo.count())]
    assert {"English (United Kingdom)", "English (United States)"} <= set(names)
    page.language_combo.setCurrentIndex(page.language_combo.findData("fr"))
    page.cps_spin.setValue(17)
    page.min_spin.setValue(0.5)
    with qtbot.waitSignal(page.saved) as saved:
        dialog.accept()
    assert saved.args == [True, True]
    assert spell_language() == "fr"
    values = check_settings()
    assert (values.max_cps, values.min_duration_ms, values.max_gap_ms) == (17, 500, 10_000)


def test_the_inline_editors_plain_text_box_works_too(qtbot: QtBot) -> None:
    box = QPlainTextEdit()
    qtbot.addWidget(box)
    box.show()
    service = SpellService(language="en")
    service.install_menu(box)
    text = "fix teh word"
    box.setPlainText(text)
    block = box.document().firstBlock()
    ranges = block.layout().formats()
    assert [(r.start, r.length) for r in ranges if r.format.underlineStyle() == SPELL] == [(4, 3)]
    cursor = box.textCursor()
    cursor.setPosition(5)
    pos = box.cursorRect(cursor).center()
    menu = spell_context_menu(box, service.checker, service.add_word, pos)
    menu.actions()[0].trigger()
    assert box.toPlainText() == "fix the word"
