"""A line's inline styling in the library: the ``styles`` column (compact JSON runs, NULL for
none) kept on its characters whenever a text write changes the text under it.

Every text write (one line's correction, Replace All) calls :func:`restyle` in its own
transaction before it writes the new texts: the runs are mapped by
app.core.styling.rebase_runs, as highlights are, so an edit inside an italic run keeps it
italic. Undo and redo put back the runs the caller kept (:func:`put_styles`), so a word whose
deletion took its italics is italic again after undo; without them the runs are mapped too.
Only lines that have runs are read and written: a transcript without styling costs one
indexed read per write.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy import Connection, bindparam, select, update

from app.core.styling import clean_runs, rebase_runs, runs_from_json, runs_json
from app.core.transcript import StyleRun
from app.store.edit_reads import chunks
from app.store.models import lines

__all__ = ["put_styles", "restyle"]

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


def put_styles(
    conn: Connection, texts: Mapping[int, str], styles: Mapping[int, Sequence[StyleRun]]
) -> None:
    """Make each line's runs exactly the given ones (clipped to its new text in ``texts``)."""
    writes = []
    for line_id, runs in styles.items():
        kept = clean_runs(runs, len(texts[line_id]))
        writes.append({"line_id": line_id, "runs": runs_json(kept) if kept else None})
    if writes:
        conn.execute(_SET_STYLES, writes)
