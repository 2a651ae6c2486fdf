"""A shared library on PostgreSQL: the driver, its errors in words for the user, and locks.

PostgreSQL is reached through psycopg 3 (``pip install 'proofreel[team]'``). Any
``postgresql://`` URL uses it, whatever driver the URL names. Connections are checked before use
(``pool_pre_ping``), so after the server went away and came back, the next action reconnects.
"""

from __future__ import annotations

import zlib
from typing import Any

from sqlalchemy import URL, Connection, Engine, create_engine, event, text
from sqlalchemy.engine import ExceptionContext

from app.core.plural import plural
from app.store.errors import (
    DiskFullError,
    LibraryBusyError,
    LibraryConnectionError,
    LibraryFileError,
    NotPermittedError,
    ReadOnlyLibraryError,
    StoreError,
)
from app.store.roles import ROLE_OPTION, refusal, role_now

INSTALL_HINT = (
    "A PostgreSQL library needs the psycopg driver: pip install 'proofreel[team]' "
    "(or pip install 'psycopg[binary]')."
)

# Writers wait at most this long for a row or advisory lock held by another reviewer.
LOCK_TIMEOUT_MS = 10_000


def is_postgres(url: str | URL) -> bool:
    from sqlalchemy.engine import make_url

    return make_url(url).get_backend_name() == "postgresql"


def engine_for(url: URL, where: str) -> Engine:
    """An engine on a PostgreSQL URL through psycopg 3; StoreError naming the extra if absent."""
    try:
        import psycopg  # noqa: F401
    except ImportError as err:
        raise StoreError(INSTALL_HINT) from err
    engine = create_engine(
        url.set(drivername="postgresql+psycopg"),
        pool_pre_ping=True,
        connect_args={"connect_timeout": 10, "application_name": "proofreel"},
    )
    event.listen(engine, "connect", _on_connect)
    install(engine, where)
    return engine


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    with dbapi_connection.cursor() as cursor:
        cursor.execute(f"SET lock_timeout = {LOCK_TIMEOUT_MS}")
    dbapi_connection.commit()


def install(engine: Engine, where: str) -> None:
    """Raise the store's own errors for connection and server failures on this engine."""

    def on_error(context: ExceptionContext) -> BaseException | None:
        if context.is_pre_ping:
            # A pooled connection the server dropped (it restarted, or ended the session): left
            # to the pool, which then opens a new one. A store error here would escape the
            # ping and fail the first action after the server is back.
            return None
        conn = context.connection
        options = {} if conn is None else conn.get_execution_options()
        role = options.get(ROLE_OPTION)
        refused = getattr(context.original_exception, "sqlstate", None) == "42501"
        if refused and role is not None and context.engine is not None:
            role = role_now(context.engine, role)  # the admin may have changed it meanwhile
        return translate(
            context.original_exception,
            where,
            reading=bool(options.get("proofreel_read")),
            connecting=conn is None,
            role=role,
        )

    event.listen(engine, "handle_error", on_error, retval=True)


def translate(
    err: BaseException,
    where: str,
    *,
    reading: bool = False,
    connecting: bool = False,
    role: str | None = None,
) -> LibraryFileError | None:
    """The store error a user should see for a psycopg error; None for the ones that are bugs
    or constraints (those stay SQLAlchemy's errors). ``role``: the login's team role, which a
    refused write names (app.store.roles)."""
    try:
        import psycopg
    except ImportError:  # pragma: no cover - no engine without it
        return None
    if not isinstance(err, psycopg.Error):
        return None
    state = err.sqlstate or _connect_state(str(err))
    unsaved = " Nothing was changed." if reading else " The change was not saved."
    detail = _first_line(err)
    if state in ("28P01", "28000"):
        return LibraryConnectionError(
            f"The library server {where} refused the login ({detail}). Check the user name and "
            "password (in the URL, or ~/.pgpass), or ask the admin for a login role.",
            state,
        )
    if state == "3D000":
        return LibraryConnectionError(
            f"The library server {where} has no such database ({detail}). Check the name, or "
            "ask the admin to create it (createdb, then proofreel db upgrade).",
            state,
        )
    gone = state in ("57P01", "57P02", "57P03") or state.startswith("08")
    if gone or (not state and isinstance(err, psycopg.OperationalError | psycopg.InterfaceError)):
        if connecting:  # nothing was under way yet: nothing was read or written
            unsaved = " Nothing reached the library."
        return LibraryConnectionError(
            f"The library server {where} cannot be reached ({detail}).{unsaved} "
            "Proofreel reconnects by itself on the next action once the server is back.",
            state or None,
        )
    if state in ("53100", "53200"):
        return DiskFullError(
            f"The library server {where} is out of disk space or memory.{unsaved} "
            "Ask the admin to free some, and try again.",
            state,
        )
    if state == "42501" and role is not None:
        return NotPermittedError(refusal(role, detail, unsaved), state)
    if state in ("25006", "42501"):
        return ReadOnlyLibraryError(
            f"The library server {where} does not let this login change it ({detail}).{unsaved}",
            state,
        )
    if state in ("55P03", "40001", "40P01", "57014"):
        return LibraryBusyError(
            f"Another reviewer kept this part of the library {where} locked for too long."
            f"{unsaved} Try again.",
            state,
        )
    return None


def _connect_state(message: str) -> str:
    """A refused connection has no SQLSTATE in psycopg (the server said it before the session
    began): the SQLSTATE its message stands for, else ""."""
    if "password authentication failed" in message or "no pg_hba.conf entry" in message:
        return "28P01"
    if 'role "' in message and "does not exist" in message:
        return "28000"
    if 'database "' in message and "does not exist" in message:
        return "3D000"
    return ""


def _first_line(err: BaseException) -> str:
    lines = [line.strip() for line in str(err).splitlines() if line.strip()]
    return lines[0] if lines else type(err).__name__


def lock_key(name: str) -> int:
    """A stable 32-bit key for pg_advisory_lock, from a name (same on every client)."""
    return zlib.crc32(f"proofreel:{name}".encode()) & 0x7FFFFFFF  # int4, as the lock takes


def lock_project(conn: Connection, project_id: int) -> None:
    """Serialise structural edits of one project between clients, until the transaction ends
    (SQLite's BEGIN IMMEDIATE already serialises every writer)."""
    if conn.dialect.name == "postgresql":
        conn.execute(
            text("SELECT pg_advisory_xact_lock(:space, :project)"),
            {"space": lock_key("project"), "project": project_id},
        )


def ids_given(conn: Connection, table_name: str) -> None:
    """After rows were inserted with their own ids: move the table's id sequence past them,
    so the next row without an id does not get one of theirs. Never moves it back (ids of
    deleted rows are not handed out again, as SQLite's AUTOINCREMENT promises)."""
    if conn.dialect.name != "postgresql":
        return
    sequence = conn.execute(
        text("SELECT pg_get_serial_sequence(:table, 'id')"), {"table": table_name}
    ).scalar()
    if sequence is None:
        return
    conn.execute(
        text(
            f"SELECT setval(:seq, GREATEST((SELECT max(id) FROM {table_name}), "
            f"(SELECT last_value FROM {sequence})))"
        ),
        {"seq": sequence},
    )


def problems(engine: Engine) -> list[str]:
    """What check-db finds wrong in a PostgreSQL library, one readable line each ([] = fine).

    The server keeps its own pages sound; this checks what Proofreel promises on top: every
    project's lines on rows 0..n-1, and no note or highlight without its line.
    """
    found: list[str] = []
    try:
        with engine.connect().execution_options(proofreel_read=True) as conn:
            gaps = conn.execute(
                text(
                    "SELECT project_id, count(*), min(position), max(position) FROM lines "
                    "GROUP BY project_id HAVING min(position) <> 0 OR max(position) <> count(*) - 1"
                )
            )
            for project, count, low, high in gaps:
                found.append(
                    f"project {project}: its {count} lines are on rows {low}..{high}, "
                    "not one after another"
                )
            for table in ("notes", "highlights"):
                orphans = conn.execute(
                    text(
                        f"SELECT count(*) FROM {table} t "
                        "WHERE NOT EXISTS (SELECT 1 FROM lines l WHERE l.id = t.line_id)"
                    )
                ).scalar_one()
                if orphans:
                    refer = "refers" if orphans == 1 else "refer"
                    found.append(f"{plural(orphans, 'row')} of {table} {refer} to a missing line")
    except StoreError as err:
        return [str(err)]
    return found


def pg_dump(engine: Engine, target: str, *, program: str) -> None:
    """``pg_dump --format=custom`` of the library into ``target`` (restore with pg_restore).
    The password goes through the environment, never the command line."""
    import os
    import subprocess

    url = engine.url
    conninfo = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    done = subprocess.run(
        [program, "--format=custom", "--no-owner", f"--file={target}", f"--dbname={conninfo}"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        raise StoreError(
            f"pg_dump could not back up {url.render_as_string(hide_password=True)}: "
            f"{lines[-1] if lines else 'exit status ' + str(done.returncode)}. "
            "Nothing was written."
        )


def writable(engine: Engine) -> bool:
    """Whether this login may change the library: not a read-only standby, and allowed to
    write lines or add notes (a role given SELECT only, a team viewer, opens the library for
    reading; the server would refuse its writes anyway, each with a message)."""
    with engine.connect().execution_options(proofreel_read=True) as conn:
        row = conn.execute(
            text(
                "SELECT pg_is_in_recovery(), "
                "has_table_privilege(current_user, 'lines', 'INSERT, UPDATE, DELETE') "
                "OR has_table_privilege(current_user, 'notes', 'INSERT')"
            )
        ).one()
    return not row[0] and bool(row[1])
