"""A line's inline styling in the library: the ``styles`` column (compact JSON runs, NULL for
none) kept on its characters whenever a text write changes the text under it.

Every text write (one line's correction, Replace All, and their undo and redo) calls
:func:`restyle` in its own transaction before it writes the new texts: the runs are mapped by
app.core.styling.rebase_runs, as highlights are, so an edit inside an italic run keeps it
italic. Only lines that have runs are read and written, so a transcript without styling costs
one indexed read of ids per write.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, bindparam, select, update

from app.core.styling import rebase_runs, runs_from_json, runs_json
from app.store.edit_reads import chunks
from app.store.models import lines

__all__ = ["restyle"]

_SET_STYLES = (
    update(lines).where(lines.c.id == bindparam("line_id")).values(styles=bindparam("runs"))
)


def restyle(conn: Connection, changes: Sequence[tuple[int, str]]) -> None:
    """Move the runs of each (line id, new text) from the line's stored text to the new one;
    call it before the new texts are written."""
    new_text = dict(changes)
    writes: list[dict[str, object]] = []
    for part in chunks(list(new_text)):
        query = select(lines.c.id, lines.c.text, lines.c.styles).where(
            lines.c.id.in_(part), lines.c.styles.is_not(None)
        )
        for line_id, old_text, raw in conn.execute(query):
            text = new_text[line_id]
            if text == old_text:
                continue
            moved = rebase_runs(old_text, text, runs_from_json(raw))
            writes.append({"line_id": line_id, "runs": runs_json(moved) if moved else None})
    if writes:
        conn.execute(_SET_STYLES, writes)
