"""Spell checking where line text is shown or edited: a red wavy underline under misspelt words,
suggestions and "Add to Dictionary" in the text box's context menu (Preferences > Editing, where
the language is chosen, is app.ui.editing.editing_prefs).

``SpellService`` is the one checker of a window: it owns the ``SpellChecker`` (app.core.spelling),
keeps the personal word list in the library (``PersonalWords``: the library setting
"spelling/personal_words", a JSON list) and tells every highlighter to redraw when a word is added
or the language changes. The language is a per-user preference, QSettings "editing/spell_language"
("" is off).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Protocol

from PySide6.QtCore import QLocale, QObject, QPoint, QSettings, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QFont,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QMenu,
    QPlainTextEdit,
    QTextEdit,
)

from app.core.spelling import DEFAULT_LANGUAGE, SpellChecker, available_languages
from app.store.errors import StoreError
from app.ui.transcript.text_delegate import SPELL_UNDERLINE, from_utf16, to_utf16

__all__ = [
    "LANGUAGE_KEY",
    "PERSONAL_WORDS_KEY",
    "PersonalWords",
    "SpellHighlighter",
    "SpellService",
    "install_spell_menu",
    "spell_context_menu",
    "spell_language",
]

LANGUAGE_KEY = "editing/spell_language"
PERSONAL_WORDS_KEY = "spelling/personal_words"
MAX_SUGGESTIONS = 5
UNDERLINE = SPELL_UNDERLINE  # red reads on light and dark bases alike (as in the list rows)

#: The text boxes the spell check goes in: the Line panel's, the inline editor's.
TextBox = QTextEdit | QPlainTextEdit
#: Called with (start, end, replacement), python offsets into the text box's plain text.
Replace = Callable[[int, int, str], None]


class SettingsStore(Protocol):
    """What PersonalWords needs of app.store.review.ReviewStore."""

    def get_setting(self, key: str, default: str | None = None) -> str | None: ...

    def set_setting(self, key: str, value: str | None) -> str | None: ...


class PersonalWords:
    """The personal word list, kept in the library so that everyone using it shares the list."""

    def __init__(self, store: SettingsStore) -> None:
        self.store = store
        #: Why the list could not be read (a locked or damaged library), else None. Then the
        #: spell check works without it, and the stored list is never overwritten.
        self.problem: str | None = None

    def load(self) -> list[str]:
        try:
            raw = self.store.get_setting(PERSONAL_WORDS_KEY)
        except StoreError as err:
            self.problem = str(err)
            return []
        try:
            words = json.loads(raw) if raw else []
        except ValueError:
            return []
        return [w for w in words if isinstance(w, str)] if isinstance(words, list) else []

    def save(self, words: list[str]) -> None:
        if self.problem is not None:  # ``words`` lacks what could not be read: keep the stored
            raise StoreError(
                "The personal word list could not be read, so it is not changed: " + self.problem
            )
        self.store.set_setting(PERSONAL_WORDS_KEY, json.dumps(words, ensure_ascii=False))


def default_language() -> str:
    """English as the system spells it: American on an en_US system, else British."""
    return "en_US" if QLocale.system().name() == "en_US" else DEFAULT_LANGUAGE


def spell_language(settings: QSettings | None = None) -> str:
    """The language to check in: the preference if its dictionary is installed, "" for off.
    "en", saved before English came as en_GB and en_US, is British English."""
    settings = settings if settings is not None else QSettings()
    installed = available_languages()
    default = default_language()
    wanted = str(settings.value(LANGUAGE_KEY, default))
    if wanted == "en":
        wanted = "en_GB"
    if wanted == "" or wanted in installed:
        return wanted
    return default if default in installed else ""


def language_name(code: str) -> str:
    """ "English (United Kingdom)" for en_GB; a language alone for a code without a country."""
    if not code:
        return code
    locale = QLocale(code)
    name = QLocale.languageToString(locale.language())
    if "_" in code:
        name += f" ({QLocale.territoryToString(locale.territory())})"
    return name


class SpellHighlighter(QSyntaxHighlighter):
    """Underlines the misspelt words of a QTextDocument, block by block."""

    def __init__(self, document: QTextDocument, checker: SpellChecker) -> None:
        super().__init__(document)
        self.checker = checker
        self.underline = QTextCharFormat()
        self.underline.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self.underline.setUnderlineColor(UNDERLINE)

    def highlightBlock(self, text: str) -> None:
        if not text or not self.checker.enabled:
            return
        for start, end in self.checker.misspelled(text):
            begin = to_utf16(text, start)
            self.setFormat(begin, to_utf16(text, end) - begin, self.underline)


class SpellService(QObject):
    """The window's spell checker, its personal word list and its highlighters."""

    changed = Signal()  # the language or the personal word list changed: redraw

    def __init__(
        self,
        store: SettingsStore | None = None,
        language: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.words = PersonalWords(store) if store is not None else None
        self.checker = SpellChecker(
            spell_language() if language is None else language,
            load_words=self.words.load if self.words is not None else None,
            save_words=self.words.save if self.words is not None else None,
        )
        self._highlighters: list[SpellHighlighter] = []

    def attach(self, target: TextBox | QTextDocument) -> SpellHighlighter:
        """Underline misspelt words in ``target`` from now on."""
        document = target if isinstance(target, QTextDocument) else target.document()
        highlighter = SpellHighlighter(document, self.checker)
        self._highlighters.append(highlighter)
        highlighter.destroyed.connect(lambda: self._forget(highlighter))
        return highlighter

    def _forget(self, highlighter: SpellHighlighter) -> None:
        if highlighter in self._highlighters:
            self._highlighters.remove(highlighter)

    def install_menu(self, text_edit: TextBox, on_replace: Replace | None = None) -> None:
        """Underlines plus suggestions in ``text_edit``'s context menu."""
        self.attach(text_edit)
        install_spell_menu(text_edit, self.checker, self.add_word, on_replace)

    def add_word(self, word: str) -> None:
        if self.checker.add_word(word):
            self._redraw()

    def ignore_word(self, word: str) -> None:
        """Accept ``word`` for this session only (a spelling pass's Ignore All)."""
        if self.checker.ignore_word(word):
            self._redraw()

    def learn_names(self, texts: Iterable[str]) -> None:
        """The open transcript's names pass at a sentence's start too (SpellChecker)."""
        self.checker.learn_names(texts)
        self._redraw()

    def remove_word(self, word: str) -> None:
        if self.checker.remove_word(word):
            self._redraw()

    def set_language(self, language: str | None = None) -> None:
        """Check in ``language`` (default: the preference) from now on."""
        language = spell_language() if language is None else language
        if language != self.checker.language:
            self.checker.set_language(language)
            self._redraw()

    def _redraw(self) -> None:
        for highlighter in list(self._highlighters):
            highlighter.rehighlight()
        self.changed.emit()


def _word_under(text_edit: TextBox, pos: QPoint | None, checker: SpellChecker) -> QTextCursor:
    """A cursor selecting the misspelt word at ``pos`` (viewport coordinates; None: the text
    cursor), or a cursor without a selection."""
    cursor = text_edit.textCursor() if pos is None else text_edit.cursorForPosition(pos)
    block = cursor.block()
    text = block.text()
    index = from_utf16(text, cursor.position() - block.position())
    found = checker.word_at(text, index)
    word = QTextCursor(text_edit.document())
    if found is not None:
        word.setPosition(block.position() + to_utf16(text, found[0]))
        word.setPosition(
            block.position() + to_utf16(text, found[1]), QTextCursor.MoveMode.KeepAnchor
        )
    return word


def spell_context_menu(
    text_edit: TextBox,
    checker: SpellChecker,
    on_add_word: Callable[[str], object],
    pos: QPoint | None = None,
    on_replace: Replace | None = None,
) -> QMenu:
    """``text_edit``'s usual context menu, led by the suggestions for the misspelt word at
    ``pos`` (viewport coordinates, as customContextMenuRequested gives them) and "Add to
    Dictionary". A suggestion replaces the word through ``on_replace`` when given, else in the
    document (undoable with the text box's own undo); a read-only box without ``on_replace``
    shows the suggestions but cannot take them.
    """
    at = pos if pos is not None else text_edit.cursorRect().center()
    menu = text_edit.createStandardContextMenu(at)
    menu.setObjectName("spellMenu")
    word_cursor = _word_under(text_edit, pos, checker) if checker.enabled else None
    if word_cursor is None or not word_cursor.hasSelection():
        return menu
    word = word_cursor.selectedText()
    first = menu.actions()[0] if menu.actions() else None
    ours: list[QAction] = []
    can_replace = on_replace is not None or not text_edit.isReadOnly()
    bold = QFont(menu.font())
    bold.setBold(True)
    for suggestion in checker.suggestions(word, MAX_SUGGESTIONS):
        action = QAction(suggestion.replace("&", "&&"), menu)
        action.setFont(bold)
        action.setEnabled(can_replace)
        action.setData(suggestion)
        action.triggered.connect(
            lambda _=False, s=suggestion: _replace(text_edit, word_cursor, s, on_replace)
        )
        ours.append(action)
    if not ours:
        none = QAction(menu.tr("No suggestions"), menu)
        none.setEnabled(False)
        ours.append(none)
    add = QAction(menu.tr("Add \u201c%1\u201d to Dictionary").replace("%1", word), menu)
    add.setObjectName("addToDictionary")
    add.triggered.connect(lambda: on_add_word(word))
    separator = QAction(menu)
    separator.setSeparator(True)
    ours += [_separator(menu), add]
    if first is not None:
        ours.append(separator)
        menu.insertActions(first, ours)
    else:
        menu.addActions(ours)
    return menu


def _separator(parent: QObject) -> QAction:
    action = QAction(parent)
    action.setSeparator(True)
    return action


def _replace(
    text_edit: TextBox, word: QTextCursor, replacement: str, on_replace: Replace | None
) -> None:
    if on_replace is not None:
        text = text_edit.toPlainText()
        on_replace(
            from_utf16(text, word.selectionStart()),
            from_utf16(text, word.selectionEnd()),
            replacement,
        )
        return
    word.beginEditBlock()
    word.insertText(replacement)
    word.endEditBlock()


def install_spell_menu(
    text_edit: TextBox,
    checker: SpellChecker,
    on_add_word: Callable[[str], object],
    on_replace: Replace | None = None,
) -> None:
    """Show ``spell_context_menu`` on a right-click in ``text_edit`` (it replaces the usual
    menu, whose actions it keeps)."""

    def show(pos: QPoint) -> None:
        menu = spell_context_menu(text_edit, checker, on_add_word, pos, on_replace)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(text_edit.viewport().mapToGlobal(pos))

    text_edit.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    text_edit.customContextMenuRequested.connect(show)
