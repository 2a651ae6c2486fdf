"""What the window's menus (WindowMenus) reach for, as a Protocol: the features' objects whose
commands they list and the window's own few commands. MainWindow is one; nothing here imports it.

Wide on purpose and written out: every command of the menus is one of these, so a new feature's
commands show up here as one more line, not as a reach into the window."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtGui import QAction, QUndoStack
    from PySide6.QtWidgets import QMenuBar, QStatusBar

    from app.store.library import Library
    from app.ui.editing.window_editing import WindowEditing
    from app.ui.listening.window_listening import WindowListening
    from app.ui.playback.playback import PlaybackController
    from app.ui.playback.video_window import VideoDetacher
    from app.ui.quotes.quoting import Quoting
    from app.ui.review.line_panel import LinePanel
    from app.ui.review.notes_panel import NotesPanel
    from app.ui.review.review_session import ReviewSession
    from app.ui.transcript.follow import FollowController
    from app.ui.transcript.search_bar import SearchBar
    from app.ui.transcript.transcript_model import TranscriptModel
    from app.ui.transcript.transcript_view import TranscriptView
    from app.ui.transcript.transcript_views import TranscriptViews
    from app.ui.window.keymap import Keymap
    from app.ui.window.panels import Panels
    from app.ui.window.window_layout import TimelinePlace

__all__ = ["MenuHost"]


class MenuHost(Protocol):
    library: Library
    model: TranscriptModel
    view: TranscriptView
    views: TranscriptViews
    undo_stack: QUndoStack
    session: ReviewSession
    editing: WindowEditing
    listening: WindowListening
    playback: PlaybackController
    follow: FollowController
    search_bar: SearchBar
    line_panel: LinePanel
    notes_panel: NotesPanel
    video_detacher: VideoDetacher
    keymap: Keymap
    panels: Panels
    quoting: Quoting
    timeline_place: TimelinePlace

    @property
    def project_id(self) -> int | None: ...

    # the window's own commands
    def show_start_screen(self) -> None: ...
    def open_project_id(self, project_id: int) -> None: ...
    def export_transcript(self) -> None: ...
    def add_note(self) -> None: ...
    def tags_changed(self) -> None: ...
    def jump_to_row(self, row: int) -> None: ...

    # and its QMainWindow side
    def addAction(self, action: QAction) -> None: ...
    def menuBar(self) -> QMenuBar: ...
    def statusBar(self) -> QStatusBar: ...
    def close(self) -> bool: ...
    def tr(self, text: str) -> str: ...
