"""Where the user left a project: the place in the video and the current line, saved while
playing, on pause, stop and end, on a click on a line and on close, and restored when the project
opens again.

Part of ProjectPresenter (window_projects), which builds it and says whose project is open.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from app.player.base import Player, PlayerState
from app.store.errors import StoreError
from app.store.library import Library
from app.ui.playback.transport import TransportBar
from app.ui.transcript.transcript_model import TranscriptModel
from app.ui.transcript.transcript_view import TranscriptView

__all__ = ["SAVE_POSITION_EVERY_MS", "ProjectPlace"]

#: While playing, the position is saved this often (and always on pause, seek and close).
SAVE_POSITION_EVERY_MS = 10_000


class ProjectPlace(QObject):
    #: a save that failed, for the status bar: (text, ms to show it, 0: kept)
    message = Signal(str, int)

    def __init__(
        self,
        library: Library,
        player: Player,
        model: TranscriptModel,
        view: TranscriptView,
        transport: TransportBar,
        project_id: Callable[[], int | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._player = player
        self._model = model
        self._view = view
        self._transport = transport
        self._project_id = project_id
        self._last_saved_ms = -SAVE_POSITION_EVERY_MS

    def save(self) -> None:
        project_id = self._project_id()
        if project_id is None or self._library.read_only:
            return
        ms = self._player.time()
        row = self._view.current_source_row()
        line_id = self._model.line(row).id if row is not None else None
        self._last_saved_ms = ms  # also on failure: no retry, and no message, on every tick
        try:
            self._library.set_position(project_id, ms, line_id)
        except StoreError as err:
            # Only the place in the video is lost; say so where it does not interrupt.
            self.message.emit(self.tr("The position was not saved: %1").replace("%1", str(err)), 0)

    def save_now_and_then(self, ms: int) -> None:
        """On every tick of playback: saved once it moved SAVE_POSITION_EVERY_MS."""
        if abs(ms - self._last_saved_ms) >= SAVE_POSITION_EVERY_MS:
            self.save()

    def player_state_changed(self, state: str) -> None:
        if state in (PlayerState.PAUSED, PlayerState.ENDED, PlayerState.STOPPED):
            self.save()

    def restore(self, position_ms: int, line_id: int | None) -> None:
        row = self._model.row_of_id(line_id) if line_id is not None else None
        if row is None and self._model.rowCount():
            row = self._model.last_started_row(position_ms) or 0
        if row is not None:
            self._view.go_to_row(row)
            self._view.show_row(row, center=True)
        if position_ms > 0:
            self._player.seek(position_ms)
        self._transport.set_time(position_ms)
