"""Going to a line of the transcript: clicked in the list (seek there, the row stays under the
mouse), jumped to (a next-flagged, a note's line, a search hit: selected and played from), and
the search filter that keeps the current line current when it still shows."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from app.core.search import LineFilter
from app.player.base import Player
from app.ui.transcript.follow import FollowController
from app.ui.transcript.transcript_model import TranscriptModel
from app.ui.transcript.transcript_view import TranscriptView

__all__ = ["LineJumps"]


class LineJumps(QObject):
    def __init__(
        self,
        player: Player,
        model: TranscriptModel,
        view: TranscriptView,
        follow: FollowController,
        save_position: Callable[[], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._player = player
        self._model = model
        self._view = view
        self._follow = follow
        self._save_position = save_position

    def seek_to_row(self, row: int) -> None:
        """A line clicked or activated in the list: play from its start."""
        self._follow.follow_from_click()  # the line is on screen: no scrolling it away
        self._player.seek(self._model.line(row).start_ms)
        self._save_position()

    def jump_to_row(self, row: int) -> None:
        """Go to a line found by a jump (next flagged, a note's line): select it and play there."""
        self._view.go_to_row(row)
        self.seek_to_row(row)

    def go_to_line_id(self, line_id: int) -> None:
        row = self._model.row_of_id(line_id)
        if row is not None:
            self.jump_to_row(row)

    def go_to_hit(self, step: int) -> None:
        """Enter / Shift+Enter in the search: the next / previous line shown, selected and played
        from, with the focus left in the search for the next Enter."""
        row = self._view.next_shown_row(step)
        if row is not None:
            self.jump_to_row(row)

    def apply_filter(self, line_filter: LineFilter) -> None:
        """Filter, keeping the current line current when it still shows."""
        row = self._view.current_source_row()
        self._view.proxy.set_filter(line_filter)
        if row is not None and self._view.proxy.proxy_row(row) is not None:
            self._view.go_to_row(row)
        elif self._model.current_row is not None:
            self._view.keep_in_view(self._model.current_row, force=True)
