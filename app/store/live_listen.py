"""The one dedicated PostgreSQL connection that hears the change log's notices.

The change-log triggers ``pg_notify('proofreel_changes', project_id)`` at each commit. This
connection (autocommit, ``LISTEN proofreel_changes``) is not the engine's: a pooled connection
would be handed to other work. Its socket is watched by the UI's event loop; when it is readable,
:meth:`PgListen.drain` takes the notices that came without blocking. A dropped connection
(server restart, ``pg_terminate_backend``) raises StoreError from ``drain``; NOTIFY is lost while
disconnected, so whoever reconnects reads the change log from the last seq it took.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from app.store.errors import LibraryConnectionError

__all__ = ["CHANNEL", "PgListen"]

CHANNEL = "proofreel_changes"


class PgListen:
    def __init__(self, engine: Engine, *, timeout_s: int = 5) -> None:
        import psycopg

        cargs, cparams = engine.dialect.create_connect_args(engine.url)
        params: dict[str, Any] = {**cparams, "connect_timeout": timeout_s}
        params["application_name"] = "proofreel-listen"
        try:
            self._conn = psycopg.connect(*cargs, **params, autocommit=True)
            self._conn.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error as err:
            raise LibraryConnectionError(f"The library server cannot be reached: {err}") from err

    def fileno(self) -> int:
        return self._conn.fileno()

    @property
    def backend_pid(self) -> int:
        """The server process behind this connection (what pg_terminate_backend takes)."""
        return int(self._conn.info.backend_pid)

    def drain(self) -> list[str]:
        """The notices' payloads (project ids as text) that have come; never blocks."""
        import psycopg

        try:
            return [notice.payload for notice in self._conn.notifies(timeout=0)]
        except psycopg.Error as err:
            raise LibraryConnectionError(f"The library server went away: {err}") from err

    @property
    def closed(self) -> bool:
        return bool(self._conn.closed)

    def close(self) -> None:
        self._conn.close()
