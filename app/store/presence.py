"""Presence (issue 15, item 6): who is editing which stretch of a project, as a lease that
expires. "Ana is editing 12:40-13:05" is a hint for the others, never a lock: nothing here is
checked by any write, and a lease nobody renews simply stops being shown.

One row per (project, actor) in ``presence``: the time span of the lines being edited and when
the lease runs out (``LEASE_SECONDS`` ahead, ISO 8601 UTC text as :func:`app.store.types.utc_now`
writes it, so expiry compares as text on both dialects). The actor is the Library's
(``Library.actor``: the login role on PostgreSQL, the name given at open on SQLite). Expiry is
reckoned by the reading client's clock against the writer's: clocks a few seconds apart only
move when a hint disappears.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete, select
from sqlalchemy.exc import SQLAlchemyError

from app.store.engine import reading
from app.store.errors import StoreError
from app.store.models import presence

if TYPE_CHECKING:
    from app.store.library import Library

__all__ = ["LEASE_SECONDS", "Lease", "Presence"]

LEASE_SECONDS = 60

Clock = Callable[[], datetime]


def _utc() -> datetime:
    return datetime.now(UTC)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


@contextmanager
def _as_store_error() -> Iterator[None]:
    """Any database failure of presence as a StoreError: the window lets it go (a hint)."""
    try:
        yield
    except SQLAlchemyError as err:
        raise StoreError(f"Presence could not be kept: {err}") from err


@dataclass(frozen=True, slots=True)
class Lease:
    actor: str
    first_ms: int
    last_ms: int
    expires_at: str  # ISO 8601 UTC


class Presence:
    """The presence rows of one Library: its own lease, and the others' live ones."""

    def __init__(self, library: Library, clock: Clock = _utc) -> None:
        self._library = library
        self._engine = library.engine
        self._clock = clock

    @property
    def actor(self) -> str:
        return self._library.actor

    def hold(
        self, project_id: int, first_ms: int, last_ms: int, seconds: float = LEASE_SECONDS
    ) -> Lease:
        """Take or renew this actor's lease on ``first_ms..last_ms`` for ``seconds``."""
        first, last = sorted((int(first_ms), int(last_ms)))
        lease = Lease(self.actor, first, last, _stamp(self._clock() + timedelta(seconds=seconds)))
        mine = (presence.c.project_id == project_id) & (presence.c.actor == lease.actor)
        with _as_store_error(), self._engine.begin() as conn:  # one row per actor, replaced
            conn.execute(delete(presence).where(mine))
            conn.execute(
                presence.insert().values(
                    project_id=project_id,
                    actor=lease.actor,
                    first_ms=lease.first_ms,
                    last_ms=lease.last_ms,
                    expires_at=lease.expires_at,
                )
            )
        return lease

    def drop(self, project_id: int) -> None:
        """This actor's lease ends (the edit ended, the window closed)."""
        mine = (presence.c.project_id == project_id) & (presence.c.actor == self.actor)
        with _as_store_error(), self._engine.begin() as conn:
            conn.execute(delete(presence).where(mine))

    def others(self, project_id: int) -> list[Lease]:
        """The other actors' leases on the project that have not run out, by start."""
        query = (
            select(presence.c.actor, presence.c.first_ms, presence.c.last_ms, presence.c.expires_at)
            .where(
                presence.c.project_id == project_id,
                presence.c.actor != self.actor,
                presence.c.expires_at > _stamp(self._clock()),
            )
            .order_by(presence.c.first_ms, presence.c.actor)
        )
        with _as_store_error(), reading(self._engine) as conn:
            found = [Lease(str(a), int(f), int(la), str(e)) for a, f, la, e in conn.execute(query)]
        return found
