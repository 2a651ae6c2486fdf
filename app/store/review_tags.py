"""The library's highlight tags and its settings: the other half of ReviewStore.

Highlights carry their own tag name and colour (so an export needs no tag table). Renaming or
recolouring a tag therefore updates the highlights that follow it, and TagChange records which
ones, so that undo puts each back exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, delete, func, insert, select, update

from app.core.review import Tag
from app.store.edit_reads import CHUNK
from app.store.engine import reading
from app.store.errors import TagNotFound
from app.store.models import highlights as marks
from app.store.models import settings, tags

__all__ = ["TagChange", "TagOps"]


@dataclass(frozen=True, slots=True)
class TagChange:
    """What save_tag did, for undo_tag_change; redo is save_tag with the same arguments."""

    before: Tag | None  # None: the tag was new
    after: Tag
    position: int
    renamed: tuple[int, ...] = ()  # ids of highlights whose tag name followed the rename
    recoloured: tuple[int, ...] = ()  # ids of highlights whose colour followed the tag's


def _set_marks(conn: Connection, ids: Sequence[int], **values: str) -> None:
    for i in range(0, len(ids), CHUNK):
        conn.execute(update(marks).where(marks.c.id.in_(ids[i : i + CHUNK])).values(values))


def _tag_row(conn: Connection, name: str) -> tuple[Tag, int] | None:
    row = conn.execute(select(tags.c.color, tags.c.position).where(tags.c.name == name)).first()
    return None if row is None else (Tag(name, row[0]), row[1])


class TagOps:
    """Tags and settings; mixed into ReviewStore, which sets ``_engine``."""

    _engine: Engine

    def list_tags(self) -> list[Tag]:
        query = select(tags.c.name, tags.c.color).order_by(tags.c.position, tags.c.name)
        with reading(self._engine) as conn:
            return [Tag(name, color) for name, color in conn.execute(query)]

    def save_tag(self, tag: Tag, old_name: str | None = None) -> TagChange:
        """Add ``tag``, or change the tag ``old_name`` (default: ``tag.name``) into it.

        A rename carries the highlights tagged with the old name along; a new colour carries
        those that had the tag's old colour. A name already used by another tag (ignoring case)
        is refused with ValueError; a missing ``old_name`` raises TagNotFound.
        """
        with self._engine.begin() as conn:
            found = _tag_row(conn, tag.name if old_name is None else old_name)
            if found is None and old_name is not None:
                raise TagNotFound(old_name)
            others = conn.scalars(select(tags.c.name)).all()
            current = None if found is None else found[0].name
            if any(n.casefold() == tag.name.casefold() and n != current for n in others):
                raise ValueError(f"There is already a tag named {tag.name!r}.")
            if found is None:
                top = conn.execute(select(func.max(tags.c.position))).scalar()
                position = 0 if top is None else top + 1
                conn.execute(insert(tags).values(name=tag.name, color=tag.color, position=position))
                return TagChange(None, tag, position)
            before, position = found
            conn.execute(
                update(tags)
                .where(tags.c.name == before.name)
                .values(name=tag.name, color=tag.color)
            )
            follows = marks.c.tag == before.name
            renamed: tuple[int, ...] = ()
            recoloured: tuple[int, ...] = ()
            if tag.name != before.name:
                renamed = tuple(
                    conn.scalars(select(marks.c.id).where(follows).order_by(marks.c.id))
                )
            if tag.color != before.color:
                same = func.lower(marks.c.color) == before.color
                recoloured = tuple(
                    conn.scalars(select(marks.c.id).where(follows, same).order_by(marks.c.id))
                )
            _set_marks(conn, renamed, tag=tag.name)
            _set_marks(conn, recoloured, color=tag.color)
        return TagChange(before, tag, position, renamed, recoloured)

    def undo_tag_change(self, change: TagChange) -> None:
        """Take back a save_tag exactly: the tag, its position and the highlights it moved."""
        with self._engine.begin() as conn:
            if change.before is None:
                done = conn.execute(delete(tags).where(tags.c.name == change.after.name))
            else:
                before = change.before
                done = conn.execute(
                    update(tags)
                    .where(tags.c.name == change.after.name)
                    .values(name=before.name, color=before.color, position=change.position)
                )
                _set_marks(conn, change.renamed, tag=before.name)
                _set_marks(conn, change.recoloured, color=before.color)
            if done.rowcount == 0:
                raise TagNotFound(change.after.name)

    def delete_tag(self, name: str) -> tuple[int, Tag]:
        """Remove a tag from the set; highlights keep their tag name and colour.

        Returns (position, tag) for put_tag to undo.
        """
        with self._engine.begin() as conn:
            found = _tag_row(conn, name)
            if found is None:
                raise TagNotFound(name)
            conn.execute(delete(tags).where(tags.c.name == name))
        return found[1], found[0]

    def put_tag(self, tag: Tag, position: int) -> None:
        """Write a tag back exactly at ``position`` (undo of delete_tag)."""
        with self._engine.begin() as conn:
            conn.execute(delete(tags).where(tags.c.name == tag.name))
            conn.execute(insert(tags).values(name=tag.name, color=tag.color, position=position))

    # -- settings --------------------------------------------------------------------------------

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        with reading(self._engine) as conn:
            value = conn.execute(select(settings.c.value).where(settings.c.key == key)).scalar()
        return default if value is None else str(value)

    def set_setting(self, key: str, value: str | None) -> str | None:
        """Store ``value`` (None removes the key); return the previous value, for undo."""
        with self._engine.begin() as conn:
            where = settings.c.key == key
            previous = conn.execute(select(settings.c.value).where(where)).scalar()
            conn.execute(delete(settings).where(where))
            if value is not None:
                conn.execute(insert(settings).values(key=key, value=value))
        return None if previous is None else str(previous)
