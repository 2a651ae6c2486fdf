"""Line text on EditStore: one line's correction, replace-all over many, and their undo.

Highlights move with their words on every text write (app.core.review), so their offsets stay
valid for the new text in the same transaction.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, bindparam, delete, select, update

from app.core.review import rebase_highlights
from app.core.transcript import Highlight, StyleRun
from app.store.edit_reads import check_project, chunks
from app.store.engine import reading
from app.store.errors import LineNotFound
from app.store.line_styles import put_styles, restyle
from app.store.models import highlights as marks
from app.store.models import lines
from app.store.review_highlights import check_span
from app.store.versions import SeenVersions, bumped, check_versions

if TYPE_CHECKING:
    from app.store.review import ReviewStore

__all__ = ["TextOps", "TextState"]

#: (line id, text, highlights): one line's text state, as replace_all returns it.
TextState = tuple[int, str, list[Highlight]]


def _texts(conn: Connection, line_ids: Sequence[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for part in chunks(line_ids):
        query = select(lines.c.id, lines.c.text).where(lines.c.id.in_(part))
        found.update((row[0], row[1]) for row in conn.execute(query))
    missing = [i for i in line_ids if i not in found]
    if missing:
        raise LineNotFound(missing)
    return found


def _marks_of(conn: Connection, line_ids: Sequence[int]) -> dict[int, list[Highlight]]:
    found: dict[int, list[Highlight]] = {}
    for part in chunks(line_ids):
        query = (
            select(
                marks.c.line_id,
                marks.c.id,
                marks.c.start,
                marks.c.end,
                marks.c.tag,
                marks.c.color,
                marks.c.note,
            )
            .where(marks.c.line_id.in_(part))
            .order_by(marks.c.id)
        )
        for line_id, mark_id, start, end, tag, color, note in conn.execute(query):
            found.setdefault(line_id, []).append(Highlight(start, end, tag, color, note, mark_id))
    return found


def _common_ends(a: str, b: str) -> tuple[int, int]:
    """Lengths of the common prefix and suffix, by bisection over slice compares (C speed)."""
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if a[:mid] == b[:mid] else (lo, mid - 1)
    prefix = lo
    lo, hi = 0, min(len(a), len(b))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if a[len(a) - mid :] == b[len(b) - mid :] else (lo, mid - 1)
    return prefix, lo


def _rebased(
    old: str, new: str, marks_of_line: list[Highlight]
) -> tuple[list[Highlight], list[Highlight]]:
    """rebase_highlights, with a shortcut for the usual replace-all line: when one stretch
    changed and every highlight lies before or after it, those before stay and those after move
    by the change in length; that is what rebase_highlights gives then, without its diff."""
    prefix, suffix = _common_ends(old, new)
    if prefix + suffix <= min(len(old), len(new)):
        tail, grow = len(old) - suffix, len(new) - len(old)
        if all(
            0 <= h.start < h.end <= len(old) and (h.end <= prefix or h.start >= tail)
            for h in marks_of_line
        ):
            kept = [
                h if h.end <= prefix else replace(h, start=h.start + grow, end=h.end + grow)
                for h in marks_of_line
            ]
            return kept, []
    return rebase_highlights(old, new, marks_of_line)


_SET_TEXT = (
    update(lines)
    .where(lines.c.id == bindparam("line_id"))
    .values(text=bindparam("txt"), version=lines.c.version + 1)
)
_MOVE_MARK = (
    update(marks)
    .where(marks.c.id == bindparam("mark_id"))
    .values(start=bindparam("new_start"), end=bindparam("new_end"))
)


class TextOps:
    """Text writes; mixed into EditStore, which sets ``_engine`` and ``_review``."""

    _engine: Engine
    _review: ReviewStore
    _versions: SeenVersions

    def set_text(self, line_id: int, text: str) -> tuple[str, list[Highlight]]:
        """Correct the line's text; highlights follow their words. Returns (previous text,
        previous highlights) for put_text_state to undo."""
        return self._review.set_line_text(line_id, text)

    def put_text_state(
        self,
        line_id: int,
        text: str,
        highlights: Sequence[Highlight],
        styles: Sequence[StyleRun] | None = None,
    ) -> None:
        """Make the line's text and highlights exactly these, ids included (undo, redo);
        ``styles``, when given, its inline styling runs too."""
        self._review.put_line_text_state(line_id, text, highlights, styles)

    def replace_all(self, changes: Sequence[tuple[int, str]]) -> list[TextState]:
        """Write many new texts at once (find & replace): one transaction, highlights moved with
        their words. Returns each line's previous (id, text, highlights) for put_text_states."""
        wanted = list(dict.fromkeys(line_id for line_id, _text in changes))
        new_text = dict(changes)
        with self._engine.begin() as conn:
            ours = {i: {"text": new_text[i]} for i in wanted}
            seen = check_versions(conn, self._versions, wanted, ours)
            old = _texts(conn, wanted)
            before = _marks_of(conn, wanted)
            moved: list[dict[str, int]] = []
            gone: list[int] = []
            for line_id, mark_list in before.items():
                kept, dropped = _rebased(old[line_id], new_text[line_id], mark_list)
                was = {h.id: (h.start, h.end) for h in mark_list}
                moved.extend(
                    {"mark_id": h.id, "new_start": h.start, "new_end": h.end}
                    for h in kept
                    if h.id is not None and was[h.id] != (h.start, h.end)
                )
                gone.extend(h.id for h in dropped if h.id is not None)
            writes = [{"line_id": i, "txt": new_text[i]} for i in wanted if new_text[i] != old[i]]
            restyle(conn, [(i, new_text[i]) for i in wanted if new_text[i] != old[i]])
            if writes:
                conn.execute(_SET_TEXT, writes)
            if moved:
                conn.execute(_MOVE_MARK, moved)
            for part in chunks(gone):
                conn.execute(delete(marks).where(marks.c.id.in_(part)))
        self._versions.update(bumped(seen, [i for i in wanted if new_text[i] != old[i]]))
        return [(i, old[i], before.get(i, [])) for i in wanted]

    def put_text_states(
        self,
        states: Sequence[tuple[int, str, Sequence[Highlight]]],
        styles: Mapping[int, Sequence[StyleRun]] | None = None,
    ) -> None:
        """Make each line's text and highlights exactly as given, ids included, in one
        transaction: the undo of replace_all (and, with its result's new states, the redo).
        ``styles``: lines' inline styling runs as given, by line id (others move with text)."""
        for _line_id, text, highlight_list in states:
            for mark in highlight_list:
                check_span(mark.start, mark.end, text)
                if mark.id is None:
                    raise ValueError("Only highlights read from the library can be put back.")
        wanted = list(dict.fromkeys(line_id for line_id, _t, _h in states))
        with self._engine.begin() as conn:
            ours = {i: {"text": text} for i, text, _h in states}
            seen = check_versions(conn, self._versions, wanted, ours)  # nothing written yet
            given_styles = styles or {}
            restyle(conn, [(i, text) for i, text, _h in states if i not in given_styles])
            put_styles(conn, {i: text for i, text, _h in states}, given_styles)
            conn.execute(_SET_TEXT, [{"line_id": i, "txt": text} for i, text, _h in states])
            rows = [
                {
                    "id": h.id,
                    "line_id": line_id,
                    "start": h.start,
                    "end": h.end,
                    "tag": h.tag,
                    "color": h.color,
                    "note": h.note,
                }
                for line_id, _text, highlight_list in states
                for h in highlight_list
            ]
            # Clear the lines' highlights (and any row holding a given id), then write the given
            # ones back: two deletes and one executemany, however many lines.
            for part in chunks(wanted):
                conn.execute(delete(marks).where(marks.c.line_id.in_(part)))
            given = [h.id for _i, _t, marks_of in states for h in marks_of if h.id is not None]
            for part in chunks(given):
                conn.execute(delete(marks).where(marks.c.id.in_(part)))
            if rows:
                conn.execute(marks.insert(), rows)
        self._versions.update(bumped(seen, wanted))

    def changed_lines(self, project_id: int) -> list[int]:
        """Ids of the lines whose text differs from the imported one, in line order."""
        query = (
            select(lines.c.id)
            .where(lines.c.project_id == project_id, lines.c.text != lines.c.original_text)
            .order_by(lines.c.position)
        )
        with reading(self._engine) as conn:
            found = list(conn.scalars(query))
            if not found:
                check_project(conn, project_id)
        return found
