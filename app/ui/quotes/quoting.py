"""The quoting feature as the window builds it: the copier (its action in the Edit menu) and
the Quotes panel over one list of quotes, already wired to each other and to the library,
where the list is kept (app.store.quotes): a project opened shows its list again, redone
against its lines as they are now."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from app.core.quotes import QuoteItem, QuoteList
from app.store.errors import StoreError
from app.store.library import Library
from app.store.quotes import QuotesStore
from app.store.types import ProjectInfo
from app.ui.quotes.quote_copier import QuoteCopier, Span
from app.ui.quotes.quotes_panel import QuotesPanel
from app.ui.transcript.transcript_model import TranscriptModel

__all__ = ["Quoting"]


class Quoting(QObject):
    """``copier.action`` for the Edit menu, ``panel`` for its dock; the window connects
    ``message`` (status bar) and ``panel.lineActivated`` (go to the line)."""

    #: a line for the status bar: copied (and whether it is safe), or why the list is not kept
    message = Signal(str)

    def __init__(
        self,
        window: QWidget,
        library: Library,
        model: TranscriptModel,
        selected_rows: Callable[[], list[int]],
        span: Callable[[], Span | None],
        project_id: Callable[[], int | None],
    ) -> None:
        super().__init__(window)
        self._store = QuotesStore(library)
        self._project_id = project_id
        self._shown_for: int | None = None
        self.quotes = QuoteList()

        def project() -> ProjectInfo | None:
            chosen = project_id()
            return None if chosen is None else library.get_project(chosen)

        self.copier = QuoteCopier(window, model, selected_rows, span, project, self.quotes)
        self.panel = QuotesPanel(
            self.quotes, model, self.copier.transcript, lambda: self.copier.opinions()
        )
        self.copier.message.connect(self.message)
        self.copier.copied.connect(self.panel.quote_added)
        self.copier.copied.connect(self._keep)
        self.panel.removed.connect(self._forget)
        model.modelReset.connect(self._project_lines_set)

    def _project_lines_set(self) -> None:
        """The lines of a project were set: when it is another project, its kept list."""
        chosen = self._project_id()
        if chosen == self._shown_for:
            return
        self._shown_for = chosen
        items: list[QuoteItem] = []
        if chosen is not None:
            try:
                items, damaged = self._store.kept(chosen)
            except StoreError as err:
                said = self.tr("The Quotes list could not be read: %1")
                self.message.emit(said.replace("%1", str(err)))
            else:
                if damaged:
                    said = self.tr("%1 kept quotes could not be read and are not listed.")
                    self.message.emit(said.replace("%1", str(damaged)))
        self.quotes.replace_all(items)
        self.panel.list_replaced()

    def _keep(self, item: QuoteItem) -> None:
        chosen = self._project_id()
        if chosen is None:
            return
        try:
            kept = self._store.keep(chosen, item)
        except StoreError as err:  # on the clipboard and in the list, but only until closing
            said = self.tr("Quote copied, but not kept in the library (gone when you close): %1")
            self.message.emit(said.replace("%1", str(err)))
            return
        self.quotes.set_key(item, kept.key)

    def _forget(self, item: QuoteItem) -> None:
        if item.key is None:
            return
        try:
            self._store.forget(item.key)
        except StoreError as err:
            said = self.tr("The quote was taken off this list but is still kept: %1")
            self.message.emit(said.replace("%1", str(err)))
