"""The review actions as the window offers them: each one written to the library at once and
pushed as an undoable command, with the shown lines and the progress kept in step.

Widgets (status keys, notes panel, highlight tools) call these methods and never the store.
A failed write (disk full, read-only library, a line gone) is reported through ``failed`` with a
message for the user, and nothing is pushed.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QUndoStack

from app.core.review import Tag
from app.core.transcript import Highlight, Note
from app.store.change_log import ChangeLog
from app.store.errors import StoreError
from app.store.library import Library
from app.store.review import ReviewStore
from app.ui.review.commands import (
    HIGHLIGHTS,
    NOTES,
    Insert,
    Kind,
    Remove,
    Replace,
    SetStatus,
    Target,
    counted,
)
from app.ui.review.team_state import TeamState
from app.ui.review.thread_commands import RemoveNotes
from app.ui.transcript.transcript_model import TranscriptModel

__all__ = ["ReviewSession"]

T = TypeVar("T")
AUTHOR_KEY = "review/author"
_FAILURES = (StoreError, ValueError, LookupError, OSError)


def default_author() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (containers) and no LOGNAME
        return ""


class ReviewSession(QObject):
    progressChanged = Signal(int, int)  # reviewed, total
    lineChanged = Signal(int)  # line id: status, notes or highlights changed (do, undo, redo)
    failed = Signal(str)

    def __init__(
        self, library: Library, model: TranscriptModel, undo: QUndoStack, parent: QObject
    ) -> None:
        super().__init__(parent)
        self.store = ReviewStore(library)
        #: What this login may change (app.core.roles): the panels grey out the rest.
        self.permissions = library.permissions
        # Whose notes a team member may change: its own (the server holds to it anyway).
        self._login = library.actor if library.role is not None else None
        self._log = ChangeLog(library)
        # On SQLite the change log names whoever Preferences names (a server knows its login).
        library.follow_actor(self.author)
        self.model = model
        self.undo = undo
        #: each reviewer's marks of the open project and the library's done rule
        self.team = TeamState(self.store, self.author, self)
        model.status_tip = self.team.describe
        model.pending_glyph = self.team.pending_glyph
        self.project_id: int | None = None
        self._target = Target(self.store, model.line_of_id, self._refresh, self.team.reread)
        self.reviewed = 0
        self._recount = QTimer(self)
        self._recount.setSingleShot(True)
        self._recount.setInterval(0)  # once per event-loop turn, however many lines changed
        self._recount.timeout.connect(self.recount)
        model.modelReset.connect(self.recount)
        model.rowsInserted.connect(self._read_new_marks)

    # -- who and how far --------------------------------------------------------------------
    @staticmethod
    def author() -> str:
        value = QSettings().value(AUTHOR_KEY)
        return str(value) if value else default_author()

    def may_change(self, note: Note | None) -> bool:
        """Whether this login may edit or delete ``note`` (None: there is none)."""
        return note is not None and self.permissions.comment and self._login in (None, note.author)

    def line_history(self, line_id: int) -> list[tuple[str, str, str]]:
        """(what, who, when) of the line's changes, newest first; [] when it cannot be read."""
        try:
            return self._log.line_history(line_id)
        except _FAILURES:
            return []

    def recount(self) -> None:
        lines = self.model.lines()
        self.reviewed = sum(1 for line in lines if line.status != "unreviewed")
        self.progressChanged.emit(self.reviewed, len(lines))

    def show_changed(self, line_id: int) -> None:
        """Someone else changed the line's status, notes or highlights (live refresh)."""
        self._refresh(line_id)

    def _refresh(self, line_id: int) -> None:
        self.model.refresh_line(line_id)
        self.lineChanged.emit(line_id)
        self._recount.start()

    def _attempt(self, action: Callable[[], T]) -> T | None:
        try:
            return action()
        except _FAILURES as err:
            self.failed.emit(str(err))
            return None

    # -- statuses ---------------------------------------------------------------------------
    def project_opened(self, project_id: int) -> None:
        """Read the project's marks and the done rule (a failure is said, the lines stay)."""
        self.project_id = project_id
        self._attempt(lambda: self.team.load(project_id))

    def _read_new_marks(self, _parent: object, first: int, last: int) -> None:
        """Lines a split, merge or insert made (or its undo put back): their marks, so A/F/U
        compare with the user's own mark there too."""
        if self.project_id is None:
            return
        ids = [self.model.line(row).id for row in range(first, last + 1)]
        self._attempt(lambda: self.team.reread([i for i in ids if i is not None]))

    def set_done_rule(self, rule: str) -> bool:
        """The library's done rule: every line's team state worked out again and shown."""
        statuses = self._attempt(lambda: self.team.set_rule(rule, self.project_id))
        if statuses is None:
            return False
        self._show_team_states(statuses)
        return True

    def reread_team(self) -> None:
        """Read the rule, the marks and the team states again (another reviewer changed the
        rule): shown at once, no undo step."""
        if self.project_id is None:
            return
        project_id = self.project_id
        statuses = self._attempt(lambda: self.team.load(project_id))
        if statuses is not None:
            self._show_team_states(statuses)

    def _show_team_states(self, statuses: dict[int, str]) -> None:
        for line in self.model.lines():
            if line.id is not None:
                line.status = statuses.get(line.id, "unreviewed")
        rows, last = self.model.rowCount(), self.model.columnCount() - 1
        if rows:  # one repaint for what may be every line (the words change even if no state)
            self.model.dataChanged.emit(self.model.index(0, 0), self.model.index(rows - 1, last))
        self.recount()

    def set_status(self, line_ids: Sequence[int], status: str) -> bool:
        """The user's own mark of the lines (their team state follows the done rule)."""
        mine = self.team.mine
        ids = [i for i in dict.fromkeys(line_ids) if mine(self.model.line_of_id(i)) != status]
        if not ids:
            return False
        previous = self._attempt(lambda: self.store.set_status(ids, status, self.author()))
        if previous is None:
            return False
        label = {"approved": "Approve", "flagged": "Flag"}.get(status, "Mark unreviewed")
        text = counted(len(ids), self.tr("%2 line"), self.tr("%2 %1 lines")).replace("%2", label)
        self.undo.push(SetStatus(self._target, status, previous, text))
        return True

    # -- notes and highlights ---------------------------------------------------------------
    def _push_insert(self, kind: Kind, line_id: int, item: object, text: str) -> None:
        self.undo.push(Insert(self._target, kind, line_id, item, text))

    def add_note(self, line_id: int, body: str) -> Note | None:
        note = self._attempt(lambda: self.store.add_note(line_id, body, self.author()))
        if note is not None:
            self._push_insert(NOTES, line_id, note, self.tr("Add note"))
        return note

    def edit_note(self, line_id: int, note_id: int, body: str) -> Note | None:
        old = self._attempt(lambda: self._find(NOTES, line_id, note_id))
        if old is None:
            return None
        new = self._attempt(lambda: self.store.update_note(note_id, body))
        if new is not None:
            self.undo.push(Replace(self._target, NOTES, line_id, old, new, self.tr("Edit note")))
        return new

    def delete_note(self, line_id: int, note_id: int) -> bool:
        """Delete a note; a thread's first note goes with its replies, in one undo step."""
        found = self._attempt(lambda: self._index(NOTES, line_id, note_id))
        if found is None:
            return False
        notes, _index = found
        gone = self._attempt(lambda: self.store.delete_thread(note_id))
        if gone is None:
            return False
        where = {note.id: i for i, note in enumerate(notes)}
        removed = [(where.get(note.id, len(notes)), note) for _line, note in gone]
        text = counted(len(gone), self.tr("Delete note"), self.tr("Delete thread of %1 notes"))
        self.undo.push(RemoveNotes(self._target, line_id, removed, text))
        return True

    def reply_note(self, line_id: int, note_id: int, body: str) -> Note | None:
        """Answer the thread ``note_id`` is in; the reply is one undo step."""
        found = self._attempt(lambda: self.store.reply(note_id, body, self.author()))
        if found is None:
            return None
        _line, reply = found
        self._push_insert(NOTES, line_id, reply, self.tr("Reply to note"))
        return reply

    def set_resolved(self, line_id: int, note_id: int, resolved: bool) -> Note | None:
        """Resolve (or reopen) the thread ``note_id`` is in; returns its first note as stored."""
        store = self.store
        found = self._attempt(
            lambda: store.resolve(note_id, self.author()) if resolved else store.reopen(note_id)
        )
        if found is None:
            return None
        _line, old, new = found
        text = self.tr("Resolve thread") if resolved else self.tr("Reopen thread")
        self.undo.push(Replace(self._target, NOTES, line_id, old, new, text))
        return new

    def add_highlight(
        self, line_id: int, start: int, end: int, tag: Tag, note: str = ""
    ) -> Highlight | None:
        mark = self._attempt(
            lambda: self.store.add_highlight(
                line_id, start, end, tag.name, tag.color, note, author=self.author()
            )
        )
        if mark is not None:
            text = self.tr("Highlight as %1").replace("%1", tag.name)
            self._push_insert(HIGHLIGHTS, line_id, mark, text)
        return mark

    def set_highlight_note(self, line_id: int, highlight_id: int, note: str) -> Highlight | None:
        old = self._attempt(lambda: self._find(HIGHLIGHTS, line_id, highlight_id))
        if old is None:
            return None
        new = self._attempt(lambda: self.store.update_highlight(highlight_id, note=note))
        if new is not None:
            text = self.tr("Edit highlight note")
            self.undo.push(Replace(self._target, HIGHLIGHTS, line_id, old, new, text))
        return new

    def delete_highlight(self, line_id: int, highlight_id: int) -> bool:
        return self._remove(HIGHLIGHTS, line_id, highlight_id, self.tr("Remove highlight"))

    def tags(self) -> list[Tag]:
        return self._attempt(self.store.list_tags) or []

    # -- shared -----------------------------------------------------------------------------
    def _index(self, kind: Kind, line_id: int, item_id: int) -> tuple[list[Any], int]:
        items = kind.items(self.model.line_of_id(line_id))
        for index, item in enumerate(items):
            if item.id == item_id:
                return items, index
        raise LookupError(f"line {line_id} has no such note or highlight ({item_id})")

    def _find(self, kind: Kind, line_id: int, item_id: int) -> Any:
        items, index = self._index(kind, line_id, item_id)
        return items[index]

    def _remove(self, kind: Kind, line_id: int, item_id: int, text: str) -> bool:
        found = self._attempt(lambda: self._index(kind, line_id, item_id))
        if found is None:
            return False
        items, index = found
        item = items[index]
        if self._attempt(lambda: kind.delete(self.store, item_id)) is None:
            return False
        self.undo.push(Remove(self._target, kind, line_id, item, index, text))
        return True
