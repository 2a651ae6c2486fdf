"""Others' changes applied to the open window, without a reload.

A watch (app.ui.team.live_watch) pokes; the :class:`LiveRefresh` reads what the change log holds
past its last seq (app.store.live_changes) and compares each touched line with the one shown:

- status, notes, highlights differ: those are taken, the row repainted (dataChanged for it
  alone) and the panels showing the line told (the review session's line-changed);
- text, times or speaker differ: those are taken, the rows repainted, the Changes count kept,
  and the line's new version accepted (the next edit of it is not a conflict), except for the
  line in the inline editor: the edit in progress stays, and saving it will meet the conflict;
- lines came or went: the transcript is read again, keeping the current line and the line at
  the top of the view (after the inline editor closes, if it is open).

What this window wrote itself is already shown, so the comparison finds nothing: own changes
are never applied twice. The selection and the scroll stay, since rows are changed in place.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QPoint, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView

from app.core.transcript import Line
from app.store.errors import StoreError
from app.store.library import Library
from app.store.live_changes import LiveReader, Refresh
from app.ui.editing.edit_session import EditSession
from app.ui.editing.window_editing import WindowEditing
from app.ui.review.review_session import ReviewSession
from app.ui.team.live_watch import FileWatch, ServerWatch
from app.ui.transcript.transcript_model import TranscriptModel
from app.ui.transcript.transcript_view import TranscriptView

__all__ = ["LiveContext", "LiveRefresh"]

_REVIEW = ("status", "notes", "highlights")
_CONTENT = tuple(f.name for f in dataclasses.fields(Line) if f.name not in (*_REVIEW, "id"))
_TIMES = ("start_ms", "end_ms")


@dataclass(frozen=True)
class LiveContext:
    """What the live refresh needs from the window."""

    library: Library
    model: TranscriptModel
    view: TranscriptView
    review: ReviewSession  # tells the panels a line's marks changed; the progress
    edits: EditSession  # the Changes count
    project_id: Callable[[], int | None]  # the project shown
    editing_row: Callable[[], int | None]  # the row in the inline editor, if one is open

    @classmethod
    def of(cls, editing: WindowEditing) -> LiveContext:
        """The window's pieces the editing feature was given."""
        e, delegate = editing.w, editing.delegate

        def editing_row() -> int | None:
            state = delegate.editing_state()
            return None if state is None else state[0]

        return cls(e.library, e.model, e.view, e.review, editing.session, e.project_id, editing_row)


class LiveRefresh(QObject):
    #: (log entries, lines changed) after each refresh applied, for the status bar and tests
    applied = Signal(int, int)
    #: lines came or went: the transcript was read again
    reloaded = Signal()
    message = Signal(str, int)  # a status-bar line, for so many ms

    def __init__(self, ctx: LiveContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.c = ctx
        self.reader: LiveReader | None = None
        self.last_refresh: Refresh | None = None  # the last one applied (its entries' times)
        self._reload_waiting = False
        self._held: dict[int, tuple[Line, int | None]] = {}  # the edited line, as others left it
        self._failing = False
        self._soon = QTimer(self)  # one read per event-loop turn, however many pokes
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self.poll)
        library = ctx.library
        self.watch: FileWatch | ServerWatch | None = None
        if library.shared:
            self.watch = ServerWatch(library.engine, self)
            self.watch.connected.connect(self._on_connected)
        elif library.path is not None:
            self.watch = FileWatch(library.path, self)
        if self.watch is not None:
            self.watch.poke.connect(self._soon.start)

    def project_showing(self, showing: bool) -> None:
        """A project's page came up (follow it), or the Projects screen (stop)."""
        self.follow(self.c.project_id() if showing else None)

    def follow(self, project_id: int | None) -> None:
        """Follow this project's changes from now (None: the Projects screen, stop)."""
        self.reader = None
        self._reload_waiting = False
        self._held = {}
        if self.watch is None:
            return
        if project_id is None:
            self.watch.stop()
            return
        try:
            self.reader = LiveReader(self.c.library, project_id)
        except StoreError as err:
            self.message.emit(
                self.tr("Others' changes cannot be shown: %1").replace("%1", str(err)), 0
            )
            return
        if isinstance(self.watch, ServerWatch):
            self.watch.project_id = project_id
        self.watch.start()

    # -- reading ------------------------------------------------------------------------------
    def poll(self) -> None:
        if self.reader is None:
            return
        try:
            refresh = self.reader.poll(self._owner)
        except StoreError as err:  # the server went away: the watch retries, we catch up then
            if not self._failing:
                self._failing = True
                text = self.tr("Others' changes are not coming in: %1").replace("%1", str(err))
                self.message.emit(text, 0)
            return
        if self._failing:
            self._failing = False
            self.message.emit(self.tr("Others' changes are coming in again"), 4000)
        if refresh is not None:
            self.apply(refresh)

    def _owner(self, table: str, item_id: int) -> int | None:
        """The shown line that holds a note or highlight deleted since (a scan: deletions are
        few and rare)."""
        for line in self.c.model.lines():
            items = line.notes if table == "notes" else line.highlights
            if any(item.id == item_id for item in items):
                return line.id
        return None

    def _on_connected(self, up: bool) -> None:
        if up:
            self.message.emit(self.tr("Connected to the library server again"), 4000)
        else:
            self.message.emit(self.tr("Lost the library server; reconnecting…"), 0)

    # -- applying -----------------------------------------------------------------------------
    def apply(self, refresh: Refresh) -> None:
        self.last_refresh = refresh
        model = self.c.model
        there = {line.id for line in refresh.lines}
        came_or_went = any(
            (i in there) != (model.row_of_id(i) is not None) for i in refresh.touched
        )
        if came_or_went or (refresh.order is not None and refresh.order != _ids(model)):
            self._reload()  # lines came or went (not by this window: it shows them so)
            self.applied.emit(refresh.entries, len(refresh.lines))
            return
        changed = self._apply_lines(refresh.lines, refresh.versions, self._editing_line())
        self.applied.emit(refresh.entries, changed)

    def _apply_lines(self, lines: list[Line], versions: dict[int, int], editing: int | None) -> int:
        """Take what differs from the shown lines; the line in the inline editor keeps its
        text, times and speaker (and its old version) until the editor closes."""
        model = self.c.model
        content_rows: list[int] = []
        times = False
        reviewed: list[int] = []
        accepted: dict[int, int] = {}
        for fresh in lines:
            line_id = fresh.id or 0
            row = model.row_of_id(line_id)
            if row is None:
                continue
            shown = model.line(row)
            if line_id == editing:
                self._held[line_id] = (fresh, versions.get(line_id))
            elif _differs(shown, fresh, _CONTENT):
                times = times or _differs(shown, fresh, _TIMES)
                _take(shown, fresh, _CONTENT)
                content_rows.append(row)
            if _differs(shown, fresh, _REVIEW):
                _take(shown, fresh, _REVIEW)
                reviewed.append(line_id)
            if line_id != editing and line_id in versions:
                accepted[line_id] = versions[line_id]
        self.c.library.versions.others_wrote(accepted)
        if content_rows:
            model.lines_changed(content_rows, times=times)
            self.c.edits.lines_changed_elsewhere(content_rows)
        for line_id in reviewed:
            self.c.review.show_changed(line_id)
        return len(content_rows) + len(reviewed)

    def _editing_line(self) -> int | None:
        row = self.c.editing_row()
        return None if row is None else self.c.model.line(row).id

    def editing_finished(self, *_row: object) -> None:
        """The inline editor closed (its words saved, or refused as a conflict, or dropped):
        the others' version of its line now, and a reload that waited for it."""
        held, self._held = self._held, {}
        if held:
            versions = {i: v for i, (_line, v) in held.items() if v is not None}
            self._apply_lines([line for line, _v in held.values()], versions, None)
        if self._reload_waiting:
            self._reload()

    def _reload(self) -> None:
        if self.c.editing_row() is not None:  # the words being typed stay
            self._reload_waiting = True
            return
        self._reload_waiting = False
        if self.reader is None:
            return
        c = self.c
        try:
            transcript = c.library.load_transcript(self.reader.project_id)
        except StoreError as err:
            self.message.emit(str(err), 0)
            return
        view, model = c.view, c.model
        current = _line_at(c, view.current_source_row())
        chosen = [_line_at(c, row) for row in view.selected_rows()]
        shown = view.indexAt(QPoint(0, 0))
        top = _line_at(c, view.proxy.mapToSource(shown).row() if shown.isValid() else None)
        model.set_lines(transcript.lines)
        rows = [model.row_of_id(i) for i in dict.fromkeys([current, *chosen]) if i is not None]
        view.select_rows([row for row in rows if row is not None])
        if top is not None and (row := model.row_of_id(top)) is not None:
            index = view.proxy.mapFromSource(model.index(row, 0))
            view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)
        self.reloaded.emit()


def _ids(model: TranscriptModel) -> list[int]:
    return [line.id or 0 for line in model.lines()]


def _line_at(c: LiveContext, row: int | None) -> int | None:
    return None if row is None else c.model.line(row).id


def _differs(a: Line, b: Line, names: tuple[str, ...]) -> bool:
    return any(getattr(a, n) != getattr(b, n) for n in names)


def _take(shown: Line, fresh: Line, names: tuple[str, ...]) -> None:
    for name in names:
        setattr(shown, name, getattr(fresh, name))
