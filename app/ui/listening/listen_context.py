"""What the listening feature needs from the window around it (MainWindow builds it from the
editing feature's context)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from app.store.library import Library
from app.ui.editing.window_editing import WindowEditing
from app.ui.transcript.transcript_model import TranscriptModel
from app.ui.transcript.transcript_view import TranscriptView

__all__ = ["ListeningContext"]


@dataclass(frozen=True)
class ListeningContext:
    """What the listening feature needs from the window around it."""

    window: QWidget  # the dialogs' parent, and where the window-wide actions live
    library: Library
    model: TranscriptModel
    view: TranscriptView
    editing: WindowEditing  # its edit session, the text delegate and the Checks panel
    project_id: Callable[[], int | None]
    open_project: Callable[[int], None]  # a transcription kept as a new project, shown
    show_message: Callable[[str, int], None]  # a status-bar line, for so many ms (0: kept)

    @classmethod
    def of(cls, editing: WindowEditing, open_project: Callable[[int], None]) -> ListeningContext:
        """The window's pieces the editing feature was given, and how to show a project."""
        e = editing.w
        return cls(
            e.window,
            e.library,
            e.model,
            e.view,
            editing,
            e.project_id,
            open_project,
            e.show_message,
        )
