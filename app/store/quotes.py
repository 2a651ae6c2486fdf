"""The Quotes list, kept (table ``quotes``): each quote a user copied from a project, with what
was selected (the lines by id, the character span) and the quote as it was copied, so closing
the window loses no fact-check hand-off.

A list belongs to its author: on a shared (PostgreSQL) library each login role keeps its own
(the author is the login, whatever the caller says; row-level security keeps others' rows out
of reach for writing); on a one-person SQLite file the project's list is the file's.
The quote is stored as JSON of app.core.quotes.Quote, read back into one.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, insert, select, true

from app.core.quotes import Quote, QuotedLine, QuoteItem
from app.store.engine import reading
from app.store.errors import ProjectNotFound
from app.store.models import projects, quotes
from app.store.types import utc_now

if TYPE_CHECKING:
    from app.store.library import Library

__all__ = ["QuotesStore", "quote_from_json", "quote_to_json"]


def quote_to_json(quote: Quote) -> str:
    lines = [[q.number, q.line_id, q.status, q.heard_otherwise, q.deleted] for q in quote.lines]
    return json.dumps(
        {
            "text": quote.text,
            "speakers": list(quote.speakers),
            "start_ms": quote.start_ms,
            "end_ms": quote.end_ms,
            "title": quote.title,
            "link": quote.link,
            "lines": lines,
        },
        ensure_ascii=False,
    )


def quote_from_json(text: str) -> Quote:
    """The quote kept in ``text``; ValueError when it is not one (a damaged row)."""
    try:
        data: dict[str, Any] = json.loads(text)
        lines = tuple(
            QuotedLine(int(n), None if i is None else int(i), str(s), str(h), bool(d))
            for n, i, s, h, d in data["lines"]
        )
        return Quote(
            text=str(data["text"]),
            speakers=tuple(str(s) for s in data["speakers"]),
            start_ms=int(data["start_ms"]),
            end_ms=int(data["end_ms"]),
            title=str(data["title"]),
            link=None if data["link"] is None else str(data["link"]),
            lines=lines,
        )
    except (TypeError, KeyError, ValueError) as err:  # JSONDecodeError is a ValueError
        raise ValueError(f"not a kept quote: {err}") from err


class QuotesStore:
    """The kept quotes of one open Library; cheap to make, holds only the engine."""

    def __init__(self, library: Library) -> None:
        self._library = library
        self._engine = library.engine

    def _mine(self) -> Any:
        if self._library.shared:
            return quotes.c.author == self._library.actor
        return true()

    def keep(self, project_id: int, item: QuoteItem) -> QuoteItem:
        """Keep ``item`` at the end of the project's list; returns it with its key.
        ProjectNotFound; a StoreError when the library cannot be written."""
        values = {
            "project_id": project_id,
            "author": self._library.actor,
            "made_at": utc_now(),
            "line_ids": json.dumps(list(item.line_ids)),
            "start_char": item.start_char,
            "end_char": item.end_char,
            "quote": quote_to_json(item.quote),
        }
        with self._engine.begin() as conn:
            exists = conn.execute(select(projects.c.id).where(projects.c.id == project_id))
            if exists.first() is None:
                raise ProjectNotFound(project_id)
            key = conn.execute(insert(quotes).values(**values).returning(quotes.c.id))
            new_key = int(key.scalar_one())
        return QuoteItem(item.line_ids, item.start_char, item.end_char, item.quote, new_key)

    def kept(self, project_id: int) -> tuple[list[QuoteItem], int]:
        """The project's list (this author's, on a server), oldest first, and how many rows
        could not be read back (damaged; left in the library untouched)."""
        columns = (
            quotes.c.id,
            quotes.c.line_ids,
            quotes.c.start_char,
            quotes.c.end_char,
            quotes.c.quote,
        )
        query = (
            select(*columns)
            .where(quotes.c.project_id == project_id, self._mine())
            .order_by(quotes.c.id)
        )
        with reading(self._engine) as conn:
            found = conn.execute(query).all()
        items: list[QuoteItem] = []
        damaged = 0
        for key, ids, lo, hi, kept in found:
            try:
                line_ids = tuple(int(i) for i in json.loads(ids))
                items.append(QuoteItem(line_ids, lo, hi, quote_from_json(kept), int(key)))
            except (TypeError, ValueError):
                damaged += 1
        return items, damaged

    def forget(self, key: int) -> bool:
        """Take the quote out of the list; True if it was there (and this author's)."""
        with self._engine.begin() as conn:
            done = conn.execute(delete(quotes).where(quotes.c.id == key, self._mine()))
        return bool(done.rowcount)
