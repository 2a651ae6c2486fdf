"""The quoting feature as the window builds it: the copier (its action in the Edit menu) and
the Quotes panel over one list of quotes, already wired to each other."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from app.core.quotes import QuoteList
from app.store.types import ProjectInfo
from app.ui.quotes.quote_copier import QuoteCopier, Span
from app.ui.quotes.quotes_panel import QuotesPanel
from app.ui.transcript.transcript_model import TranscriptModel

__all__ = ["Quoting"]


class Quoting:
    """``copier.action`` for the Edit menu, ``panel`` for its dock; the window connects
    ``copier.message`` (status bar) and ``panel.lineActivated`` (go to the line)."""

    def __init__(
        self,
        window: QWidget,
        model: TranscriptModel,
        selected_rows: Callable[[], list[int]],
        span: Callable[[], Span | None],
        project: Callable[[], ProjectInfo | None],
    ) -> None:
        self.quotes = QuoteList()
        self.copier = QuoteCopier(window, model, selected_rows, span, project, self.quotes)
        self.panel = QuotesPanel(
            self.quotes, model, self.copier.transcript, lambda: self.copier.opinions()
        )
        self.copier.copied.connect(self.panel.quote_added)
