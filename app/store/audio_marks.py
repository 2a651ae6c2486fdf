"""A project's second opinion, kept (table ``audio_marks``): the recognition pass its marks and
audio checks are worked out from, stored as the JSON text app.asr.passes writes (the store does
not read inside it), with the model, the language, when and by whom.

One row per project: keeping a new pass replaces the old one, in one transaction. On a shared
(PostgreSQL) library the one who ran it is the login role, whatever the caller says.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, insert, select

from app.store.engine import reading
from app.store.errors import ProjectNotFound
from app.store.models import audio_marks, projects
from app.store.types import utc_now

if TYPE_CHECKING:
    from app.store.library import Library

__all__ = ["AudioMarksStore", "KeptPass"]


@dataclass(frozen=True, slots=True)
class KeptPass:
    """A project's kept recognition pass."""

    model: str
    language: str
    made_at: str  # ISO 8601 UTC
    made_by: str
    heard: str  # JSON, app.asr.passes


class AudioMarksStore:
    """The kept second opinions of one open Library; cheap to make, holds only the engine."""

    def __init__(self, library: Library) -> None:
        self._library = library
        self._engine = library.engine

    def keep(
        self, project_id: int, model: str, language: str, heard: str, made_by: str = ""
    ) -> KeptPass:
        """Keep ``heard`` as the project's pass, replacing the one before; ProjectNotFound."""
        who = self._library.actor if self._library.shared else made_by
        kept = KeptPass(model, language, utc_now(), who, heard)
        with self._engine.begin() as conn:
            exists = conn.execute(select(projects.c.id).where(projects.c.id == project_id))
            if exists.first() is None:
                raise ProjectNotFound(project_id)
            conn.execute(delete(audio_marks).where(audio_marks.c.project_id == project_id))
            conn.execute(
                insert(audio_marks).values(
                    project_id=project_id,
                    model=kept.model,
                    language=kept.language,
                    made_at=kept.made_at,
                    made_by=kept.made_by,
                    heard=kept.heard,
                )
            )
        return kept

    def kept(self, project_id: int) -> KeptPass | None:
        """The project's pass, or None (never run, or cleared)."""
        columns = (
            audio_marks.c.model,
            audio_marks.c.language,
            audio_marks.c.made_at,
            audio_marks.c.made_by,
            audio_marks.c.heard,
        )
        with reading(self._engine) as conn:
            query = select(*columns).where(audio_marks.c.project_id == project_id)
            row = conn.execute(query).first()
        return None if row is None else KeptPass(*row)

    def clear(self, project_id: int) -> bool:
        """Forget the project's pass; True if there was one."""
        with self._engine.begin() as conn:
            done = conn.execute(delete(audio_marks).where(audio_marks.c.project_id == project_id))
        return bool(done.rowcount)
