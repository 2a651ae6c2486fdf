"""Edit > Next Misspelling (F7) and Previous Misspelling (Shift+F7): a small non-modal spelling
dialog, as word processors have, that walks the whole transcript word by word.

It shows the misspelt word in its line (the line selected in the list), suggestions, and Change /
Change All (ordinary undoable text edits: the imported text stays on record), Ignore (this once),
Ignore All (this session), Add to Dictionary (the personal word list) and Next. The search
(app.core.spell_pass) runs in slices of a few milliseconds on a zero timer, so the window stays
responsive over 100k lines; Esc closes the dialog, stops a search, and gives the transcript the
focus back.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from html import escape

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.spell_pass import Misspelling, Progress, SpellPass
from app.store.errors import StoreError
from app.ui.editing.edit_session import EditSession
from app.ui.editing.spell_highlighter import SpellService
from app.ui.transcript.transcript_view import TranscriptView

__all__ = ["SpellPassDialog"]

#: Seconds of searching between two looks at the event loop.
SLICE_S = 0.025
MAX_SUGGESTIONS = 7


class SpellPassDialog(QDialog):
    def __init__(
        self,
        session: EditSession,
        spell: SpellService,
        view: TranscriptView,
        parent: QWidget,
        keys: tuple[QAction, ...] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("spellPassDialog")
        self.setWindowTitle(self.tr("Spelling"))
        self.setModal(False)
        self.session, self.spell, self.view = session, spell, view
        model = session.model
        self.finder = SpellPass(spell.checker, lambda row: model.line(row).text, model.rowCount)
        spell.changed.connect(self.finder.forget)
        # Lines came or went (a merge, a delete, another project): the place found is gone.
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved):
            signal.connect(self._transcript_changed)
        for action in keys:  # F7 / Shift+F7 go on from here too, with the user's own keys
            self.addAction(action)
        self.found: Misspelling | None = None
        self._forward = True
        self._search: Iterator[Misspelling | Progress] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)

        tr = self.tr
        self.context = QLabel()
        self.context.setObjectName("spellContext")
        self.context.setAccessibleName(tr("The misspelt word in its line"))
        self.context.setWordWrap(True)
        self.context.setTextFormat(Qt.TextFormat.RichText)
        self.context.setMinimumWidth(380)
        self.status = QLabel()
        self.status.setObjectName("spellStatus")
        self.status.setWordWrap(True)
        self.change_to = QLineEdit()
        self.change_to.setObjectName("changeTo")
        self.change_to.setAccessibleName(tr("Change to"))
        self.suggestions = QListWidget()
        self.suggestions.setObjectName("suggestions")
        self.suggestions.setAccessibleName(tr("Suggestions"))
        self.suggestions.setMaximumHeight(120)
        self.suggestions.currentTextChanged.connect(
            lambda text: text and self.change_to.setText(text)
        )
        # Enter is the default button's (Change), in the list too: a double-click alone here.
        self.suggestions.itemDoubleClicked.connect(lambda _item: self.change())
        form = QFormLayout()
        for text, field in (
            (tr("C&hange to:"), self.change_to),
            (tr("&Suggestions:"), self.suggestions),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)

        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        specs = (
            ("change", tr("&Change"), self.change),
            ("change_all", tr("Change A&ll"), self.change_all),
            ("ignore", tr("&Ignore"), self.next),
            ("ignore_all", tr("I&gnore All"), self.ignore_all),
            ("add", tr("&Add to Dictionary"), self.add_to_dictionary),
            ("next", tr("&Next"), self.next),
        )
        for index, (name, text, slot) in enumerate(specs):
            button = QPushButton(text)
            button.setObjectName(f"spell_{name}")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, run=slot: run())
            grid.addWidget(button, index // 2, index % 2)
            self.buttons[name] = button
        self.buttons["change"].setDefault(True)  # Enter takes the word in "Change to"
        close = QPushButton(tr("Close"))
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        grid.addWidget(close, 3, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(self.context)
        layout.addLayout(form)
        layout.addLayout(grid)
        layout.addWidget(self.status)
        self.finished.connect(self._closed)
        self._show(None)

    # -- searching ------------------------------------------------------------------------------
    def find(self, forward: bool = True) -> None:
        """F7 (or Shift+F7): on from the word shown, else from the current line; the dialog
        shows (and takes the keys) while it looks."""
        self._forward = forward
        self.show()
        self.raise_()
        self.activateWindow()
        if not self.spell.checker.enabled:
            self._show(None)
            self.status.setText(
                self.tr("Spell checking is off: choose a language in Preferences > Editing.")
            )
            return
        found = self.found
        if found is not None and found.row < self.session.model.rowCount():
            row, offset = found.row, found.end if forward else found.start
        else:
            row = self.view.current_source_row() or 0
            rows = self.session.model.rowCount()
            text = self.session.model.line(row).text if row < rows else ""
            offset = 0 if forward else len(text)
        self._start(row, offset)

    def _start(self, row: int, offset: int) -> None:
        self._search = self.finder.search(row, offset, forward=self._forward)
        self._show(None)
        self.status.setText(self.tr("Checking…"))
        self._timer.start()
        self._step()

    def _step(self) -> None:
        search = self._search
        if search is None:
            self._timer.stop()
            return
        deadline = time.perf_counter() + SLICE_S
        for item in search:
            if isinstance(item, Misspelling):
                self._stop()
                self._show(item)
                return
            if time.perf_counter() >= deadline:
                text = self.tr("Checking line %1 of %2…").replace("%1", f"{item.checked:,}")
                self.status.setText(text.replace("%2", f"{item.total:,}"))
                return
        self._stop()
        self._show(None)
        self.status.setText(self.tr("No misspelt words in the transcript."))

    def _stop(self) -> None:
        self._timer.stop()
        self._search = None

    def _transcript_changed(self, *_args: object) -> None:
        if self.found is None and self._search is None:
            return
        self._stop()
        self._show(None)
        self.status.setText(self.tr("The lines changed: press F7 to go on from the current line."))

    def searching(self) -> bool:
        return self._search is not None

    # -- what was found ---------------------------------------------------------------------------
    def _show(self, found: Misspelling | None) -> None:
        self.found = found
        for button in self.buttons.values():
            button.setEnabled(found is not None)
        self.change_to.setEnabled(found is not None)
        self.suggestions.clear()
        if found is None:
            self.context.setText("")
            self.change_to.clear()
            return
        self.view.go_to_row(found.row)
        text = self.session.model.line(found.row).text
        before, after = escape(text[: found.start]), escape(text[found.end :])
        number = self.tr("Line %1:").replace("%1", f"{found.row + 1:,}")
        self.context.setText(f"{escape(number)} {before}<b><u>{escape(found.word)}</u></b>{after}")
        offered = self.spell.checker.suggestions(found.word, MAX_SUGGESTIONS)
        self.suggestions.addItems(offered)
        if offered:
            self.suggestions.setCurrentRow(0)
        else:
            self.change_to.setText(found.word)
        self.status.setText(self._where(found))
        (self.suggestions if offered else self.change_to).setFocus()

    def _where(self, found: Misspelling) -> str:
        heading = self.tr("Not in the dictionary: “%1”").replace("%1", found.word)
        if not found.wrapped:
            return heading
        if self._forward:
            return heading + " " + self.tr("(went on from the start of the transcript)")
        return heading + " " + self.tr("(went on from the end of the transcript)")

    def _current(self) -> Misspelling | None:
        """The word shown, if its line still holds it (an edit elsewhere may have moved it)."""
        found = self.found
        model = self.session.model
        if found is None or found.row >= model.rowCount():
            return None
        if model.line(found.row).text[found.start : found.end] != found.word:
            return None
        return found

    def _go_on(self, row: int, offset: int) -> None:
        self._forward = True
        self._start(row, offset)

    # -- the buttons ----------------------------------------------------------------------------
    def change(self) -> None:
        found, word = self._current(), self.change_to.text()
        if found is None:
            return self.find(True)
        text = self.session.model.line(found.row).text
        new = text[: found.start] + word + text[found.end :]
        if word and new != text:
            self.session.edit_text(found.row, new, self.tr("Correct spelling"))
        self._go_on(found.row, found.start + len(word))

    def change_all(self) -> None:
        found, word = self._current(), self.change_to.text()
        if found is None or not word:
            return
        self.session.replace_all(found.word, word, regex=False, whole_words=True, case=True)
        self._go_on(found.row, found.start + len(word))

    def next(self) -> None:
        found = self.found
        if found is None:
            return self.find(True)
        self._go_on(found.row, found.end)

    def ignore_all(self) -> None:
        found = self.found
        if found is not None:
            self.spell.ignore_word(found.word)
            self._go_on(found.row, found.end)

    def add_to_dictionary(self) -> None:
        found = self.found
        if found is None:
            return
        try:
            self.spell.add_word(found.word)
        except StoreError as err:  # the word is accepted now, but not kept for next time
            self.status.setText(self.tr("Not saved: %1").replace("%1", str(err)))
            return
        self._go_on(found.row, found.end)

    def _closed(self, _result: int) -> None:
        self._stop()
        self.found = None
        self.view.window().activateWindow()
        self.view.setFocus()  # back to the transcript, where Ctrl+Z undoes a change
