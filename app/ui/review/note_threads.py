"""The Notes panel's list as threads: each first note with its replies set in under it, and a
resolved thread folded to one dim row ("Resolved by Ana 10:42 — show") until it is shown.

Also the panel's two thread commands as actions the keymap can rebind (Reply: R, Resolve or
Reopen: Shift+R), window-wide like the review keys.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QListWidgetItem, QPushButton, QWidget

from app.core.threads import NoteThread, threads_of
from app.core.transcript import Note
from app.ui.review.note_cards import (
    FoldedRole,
    IndentRole,
    MetaRole,
    NoteIdRole,
    ThreadRole,
    excerpt,
    local_time,
)

__all__ = ["ThreadButtons", "resolved_text", "thread_action", "thread_first", "thread_items"]

Tr = Callable[[str], str]

#: The keymap's label property (app.ui.window.keymap.LABEL_PROPERTY; review does not import window)
_LABEL_PROPERTY = "keymapLabel"


def thread_action(
    owner: QWidget, text: str, keys: str, action_id: str, slot: Callable[[], None]
) -> QAction:
    """A window-wide action of the panel, listed and rebindable in the keymap by ``action_id``."""
    action = QAction(text, owner)
    action.setObjectName(action_id)
    action.setProperty(_LABEL_PROPERTY, text.replace("&", ""))
    action.setShortcut(QKeySequence(keys))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(lambda _checked=False: slot())
    owner.addAction(action)
    return action


class ThreadButtons(QObject):
    """Reply and Resolve/Reopen: the panel's buttons and the window-wide actions behind them."""

    def __init__(
        self, panel: QWidget, reply: Callable[[], None], resolve: Callable[[], None]
    ) -> None:
        super().__init__(panel)
        tr = self.tr
        self.reply_action = thread_action(
            panel, tr("&Reply to Note"), "R", "review.reply_note", reply
        )
        self.resolve_action = thread_action(
            panel, tr("Resolve or Reopen &Thread"), "Shift+R", "review.resolve_thread", resolve
        )
        self.reply_button = QPushButton(tr("Re&ply"), panel)
        self.resolve_button = QPushButton(tr("Resol&ve"), panel)
        self.reply_button.clicked.connect(lambda _checked=False: reply())
        self.resolve_button.clicked.connect(lambda _checked=False: resolve())
        self.update(None)

    def update(self, first: Note | None) -> None:
        """Follow the selected thread (its first note; None: no thread to act on)."""
        self.reply_button.setEnabled(first is not None)
        self.resolve_button.setEnabled(first is not None)
        resolved = first is not None and first.resolved_at is not None
        self.resolve_button.setText(self.tr("Reo&pen") if resolved else self.tr("Resol&ve"))
        self.reply_button.setAccessibleName(self.tr("Reply"))
        self.resolve_button.setAccessibleName(self.resolve_button.text().replace("&", ""))
        tips = (
            (self.reply_button, self.reply_action, self.tr("Reply to the selected note's thread")),
            (
                self.resolve_button,
                self.resolve_action,
                self.tr("Reopen the thread") if resolved else self.tr("Mark the thread resolved"),
            ),
        )
        for button, action, tip in tips:
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            button.setToolTip(f"{tip} ({keys})" if keys else tip)


def thread_first(notes: list[Note], thread_id: int | None) -> Note | None:
    """The first note of thread ``thread_id``; with None, of the line's only thread."""
    firsts = [n for n in notes if n.parent_id is None]
    if thread_id is None:
        return firsts[0] if len(firsts) == 1 else None
    return next((n for n in firsts if n.id == thread_id), None)


def resolved_text(tr: Tr, note: Note) -> str:
    """ "Resolved by Ana 10:42" as the panel and All notes say it; "" for an open thread."""
    if note.resolved_at is None:
        return ""
    when = local_time(note.resolved_at)
    if note.resolved_by:
        return tr("Resolved by %1 %2").replace("%1", note.resolved_by).replace("%2", when)
    return tr("Resolved %1").replace("%1", when)


def thread_items(tr: Tr, notes: list[Note], unfolded: Collection[int]) -> list[QListWidgetItem]:
    """The list's rows for a line's notes: threads in order, a resolved thread folded to one row
    unless its first note's id is in ``unfolded``."""
    items: list[QListWidgetItem] = []
    for thread in threads_of(notes):
        first_id = thread.first.id
        if thread.resolved and first_id not in unfolded:
            items.append(_folded(tr, thread))
            continue
        items.append(_item(tr, thread.first, first_id, reply=False))
        items.extend(_item(tr, reply, first_id, reply=True) for reply in thread.replies)
    return items


def _folded(tr: Tr, thread: NoteThread) -> QListWidgetItem:
    first = thread.first
    replies = len(thread.replies)
    count = (
        ""
        if not replies
        else "  ·  "
        + (tr("1 reply") if replies == 1 else tr("%1 replies").replace("%1", str(replies)))
    )
    meta = resolved_text(tr, first) + count + "  —  " + tr("show")
    item = QListWidgetItem(excerpt(first.body, 60))
    item.setData(NoteIdRole, first.id)
    item.setData(ThreadRole, first.id)
    item.setData(FoldedRole, True)
    item.setData(MetaRole, (first.author, meta))
    item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{meta}: {first.author}, {first.body}")
    return item


def _item(tr: Tr, note: Note, thread_id: int | None, *, reply: bool) -> QListWidgetItem:
    when = local_time(note.created_at)
    if note.updated_at and note.updated_at != note.created_at:
        when += "  ·  " + tr("edited %1").replace("%1", local_time(note.updated_at))
    if note.resolved_at is not None:
        when += "  ·  " + resolved_text(tr, note)
    item = QListWidgetItem(note.body)
    item.setData(NoteIdRole, note.id)
    item.setData(ThreadRole, thread_id)
    item.setData(IndentRole, 1 if reply else 0)
    item.setData(MetaRole, (note.author, when))
    said = tr("reply by %1").replace("%1", note.author) if reply else note.author
    item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{said}, {when}: {note.body}")
    return item
