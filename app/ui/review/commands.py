"""Undoable review actions. Each command wraps one ReviewStore change and its exact inverse, and
keeps the shown lines (the model's core Line objects) in step with the database.

The change itself is made before the command is pushed (so a failure can be shown and nothing
is pushed); ``redo`` skips that first time. Later undo/redo calls replay stored states with
``put_*``/``restore_*``/``delete_*``, which give back the same ids and times.

Notes and highlights are handled alike through a ``Kind``: which list of the line holds them and
which store calls write and remove them.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtGui import QUndoCommand

from app.core.transcript import Line
from app.store.errors import StoreError
from app.store.review import ReviewStore, StatusChange

__all__ = [
    "HIGHLIGHTS",
    "NOTES",
    "Insert",
    "Kind",
    "Remove",
    "Replace",
    "SetStatus",
    "StoreCommand",
    "counted",
]


def counted(count: int, one: str, many: str) -> str:
    """``one`` for a single item, else ``many`` with "%1" the count: "Flag line", "Flag 3
    lines", never a bracketed plural. Both come translated from the caller's ``tr``."""
    return one if count == 1 else many.replace("%1", f"{count:,}")


LineLookup = Callable[[int], Line]  # line id -> the shown Line
Refresh = Callable[[int], None]  # line id -> repaint it


@dataclass(frozen=True, slots=True)
class Kind:
    items: Callable[[Line], list[Any]]
    put: Callable[[ReviewStore, int, Any], None]  # (store, line_id, item)
    delete: Callable[[ReviewStore, int], Any]  # (store, item_id)
    ordered: bool  # keep the list sorted by span (highlights)


NOTES = Kind(lambda line: line.notes, ReviewStore.put_note, ReviewStore.delete_note, False)
HIGHLIGHTS = Kind(
    lambda line: line.highlights, ReviewStore.put_highlight, ReviewStore.delete_highlight, True
)


@dataclass(slots=True)
class Target:
    store: ReviewStore
    lookup: LineLookup
    refresh: Refresh
    #: line ids -> their team states as stored now (each reviewer's marks read again)
    statuses: Callable[[list[int]], dict[int, str]] | None = None


class StoreCommand(QUndoCommand):
    """An undoable change already written when pushed: ``redo`` skips the store the first time
    and shows it; later redo/undo write the stored states again and show them. Review and
    editing commands both build on it."""

    def __init__(self, text: str, target: Any) -> None:
        super().__init__(text)
        self.t = target
        self._first = True  # the change itself was made before the push

    def redo(self) -> None:
        if self._first:
            self._first = False
        else:
            self.store_forward()
        self.show(forward=True)

    def undo(self) -> None:
        self.store_back()
        self.show(forward=False)

    def store_forward(self) -> None:
        raise NotImplementedError

    def store_back(self) -> None:
        raise NotImplementedError

    def show(self, *, forward: bool) -> None:
        raise NotImplementedError


class SetStatus(StoreCommand):
    """The reviewer's own mark of the lines; undo gives back their previous mark. What the
    lines show is the team's state read back from the store (others' marks count too)."""

    def __init__(self, target: Target, status: str, previous: StatusChange, text: str) -> None:
        super().__init__(text, target)
        self.status, self.previous = status, previous

    def store_forward(self) -> None:
        ids = list(self.previous)
        self.previous = self.t.store.set_status(ids, self.status, self.previous.reviewer)

    def store_back(self) -> None:
        self.t.store.restore_statuses(self.previous)

    def show(self, *, forward: bool) -> None:
        now: dict[int, str] = {}
        if self.t.statuses is not None:
            # Written already: a read that fails now shows the mark as the state, never raises.
            with contextlib.suppress(StoreError, OSError, LookupError):
                now = self.t.statuses(list(self.previous))
        for line_id, before in self.previous.items():
            shown = now.get(line_id, self.status if forward else before)
            self.t.lookup(line_id).status = shown
            self.t.refresh(line_id)


def _place(kind: Kind, line: Line, item: Any, index: int | None = None) -> None:
    items = kind.items(line)
    items[:] = [x for x in items if x.id != item.id]
    items.insert(len(items) if index is None else min(index, len(items)), replace(item))
    if kind.ordered:
        items.sort(key=lambda x: (x.start, x.end))


def _take(kind: Kind, line: Line, item_id: int) -> None:
    items = kind.items(line)
    items[:] = [x for x in items if x.id != item_id]


class Insert(StoreCommand):
    """A note or highlight was added (``item`` as stored, with its id)."""

    def __init__(self, target: Target, kind: Kind, line_id: int, item: Any, text: str) -> None:
        super().__init__(text, target)
        self.kind, self.line_id, self.item = kind, line_id, item

    def store_forward(self) -> None:
        self.kind.put(self.t.store, self.line_id, self.item)

    def store_back(self) -> None:
        self.kind.delete(self.t.store, self.item.id)

    def show(self, *, forward: bool) -> None:
        line = self.t.lookup(self.line_id)
        if forward:
            _place(self.kind, line, self.item)
        else:
            _take(self.kind, line, self.item.id)
        self.t.refresh(self.line_id)


class Remove(StoreCommand):
    """A note or highlight was deleted; undo puts it back where it was."""

    def __init__(
        self, target: Target, kind: Kind, line_id: int, item: Any, index: int, text: str
    ) -> None:
        super().__init__(text, target)
        self.kind, self.line_id, self.item, self.index = kind, line_id, item, index

    def store_forward(self) -> None:
        self.kind.delete(self.t.store, self.item.id)

    def store_back(self) -> None:
        self.kind.put(self.t.store, self.line_id, self.item)

    def show(self, *, forward: bool) -> None:
        line = self.t.lookup(self.line_id)
        if forward:
            _take(self.kind, line, self.item.id)
        else:
            _place(self.kind, line, self.item, self.index)
        self.t.refresh(self.line_id)


class Replace(StoreCommand):
    """A note or highlight changed from ``old`` to ``new`` (same id)."""

    def __init__(
        self, target: Target, kind: Kind, line_id: int, old: Any, new: Any, text: str
    ) -> None:
        super().__init__(text, target)
        self.kind, self.line_id, self.old, self.new = kind, line_id, old, new

    def store_forward(self) -> None:
        self.kind.put(self.t.store, self.line_id, self.new)

    def store_back(self) -> None:
        self.kind.put(self.t.store, self.line_id, self.old)

    def show(self, *, forward: bool) -> None:
        line = self.t.lookup(self.line_id)
        state = self.new if forward else self.old
        index = next((i for i, x in enumerate(self.kind.items(line)) if x.id == state.id), None)
        _place(self.kind, line, state, index)
        self.t.refresh(self.line_id)
