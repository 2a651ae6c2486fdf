"""Where the library lives and how every connection to it is set up."""

from __future__ import annotations

import functools
import os
import sqlite3
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import platformdirs
from sqlalchemy import URL, Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from app.store import change_log_sqlite, postgres
from app.store.safety import BUSY_TIMEOUT_MS, install

ENV_VAR = "PROOFREEL_DB"


def default_db_path() -> Path:
    """``library.sqlite3`` in the user data dir, creating the dir so SQLite can make the file."""
    folder = Path(platformdirs.user_data_dir("proofreel", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "library.sqlite3"


def resolve_url(path_or_url: str | None) -> str:
    """An SQLAlchemy URL for ``--db``: the argument, else ``$PROOFREEL_DB``, else the default.

    Anything that parses as an SQLAlchemy URL (``dialect[+driver]://...``) passes through; anything
    else is a file path, made absolute so the URL does not depend on the working directory.
    """
    value = path_or_url or os.environ.get(ENV_VAR) or None
    if value is None:
        return f"sqlite:///{default_db_path()}"
    if "://" in value:
        try:
            make_url(value)
        except ArgumentError:
            pass  # e.g. a Windows path cannot contain "://", but a weird file name might
        else:
            return value
    return f"sqlite:///{Path(value).expanduser().absolute()}"


def sqlite_file(url: str) -> Path | None:
    """The database file behind an SQLite URL; None for other dialects and in-memory databases."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return None
    database = parsed.database or ""
    if database in ("", ":memory:") or database.startswith("file:"):
        return None
    return Path(database).absolute()


# Durability under WAL. NORMAL syncs the WAL only at checkpoints: a killed process loses nothing
# (its commits are in the WAL, in the OS's cache), but an OS crash or a power cut can lose the
# last commits, ones the window already showed. FULL syncs the WAL at every commit, so pulling the
# plug loses nothing that was on screen: the promise we make, hence FULL. It costs one fsync per
# commit. Measured (bench/bench_review_store.py, bench/bench_store.py, 100k lines, a busy 2-core
# VM): review_mark_line_100k 0.25 ms -> 0.5-3.6 ms (target < 5 ms), review_add_note_100k
# 0.2 ms -> 0.5-4 ms; store_insert_100k, one commit, stays within noise (0.44-0.68 s -> 0.68-
# 0.73 s). A reviewer presses a key a few times a second at most, so milliseconds are invisible.
SYNCHRONOUS = "FULL"


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any, *, read_only: bool = False) -> None:
    # Take transaction control from the sqlite3 module (which never BEGINs before DDL) so that
    # SQLAlchemy's BEGIN below covers everything: a failed migration rolls back as a whole.
    dbapi_connection.isolation_level = None
    # foreign_keys is off by default in SQLite and is per connection: without it, no cascades.
    # WAL lets the UI read while a write is in progress.
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        # Switching to WAL rewrites the file header: a write. A connection that cannot write
        # (mode=ro, a backup in rollback-journal mode, a read-only file) reads the file in the
        # mode it is in, rather than failing to open at all.
        if not read_only and _writable(cursor):
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA synchronous={SYNCHRONOUS}")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


def _writable(cursor: Any) -> bool:
    # A file already in WAL needs no switch (and a switch would be a write to the header).
    return str(cursor.execute("PRAGMA journal_mode").fetchone()[0]).lower() != "wal"


# Execution option that marks a connection's transactions as reads: see :func:`reading`.
READ = "proofreel_read"


def reading(engine: Engine) -> Connection:
    """A connection for reads only: its transactions BEGIN deferred, so under WAL they read the
    last commit at once, never waiting on another process's write lock. Writing on it is a bug
    (a deferred read-then-write fails with SQLITE_BUSY_SNAPSHOT when another process commits)."""
    return engine.connect().execution_options(**{READ: True})


def _begin(connection: Connection) -> None:
    if connection.get_execution_options().get(READ):
        connection.exec_driver_sql("BEGIN")
        return
    # Writes take the write lock at the start (IMMEDIATE), waiting up to busy_timeout for it.
    # A deferred transaction that reads, then writes after another process committed, fails at
    # once with SQLITE_BUSY_SNAPSHOT (the busy handler cannot help: its snapshot is stale).
    # When the lock is not free at once, the engine's waiting listener hears so first, so the
    # UI can say "waiting for the library…" before the wait.
    refusal = refused_writes.get(connection.engine)
    if refusal is not None:
        raise refusal
    listener = _wait_listeners.get(connection.engine)
    if listener is None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        return
    raw = connection.connection.dbapi_connection
    assert raw is not None
    try:
        raw.execute(f"PRAGMA busy_timeout={FIRST_WAIT_MS}")
        try:
            raw.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as err:
            if getattr(err, "sqlite_errorcode", 0) & 0xFF != 5:  # not SQLITE_BUSY
                raise
        listener(True)
        try:
            raw.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        finally:
            listener(False)
    finally:
        raw.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


# A write first waits this long, silently, for the write lock; then the listener is told.
FIRST_WAIT_MS = 150
_wait_listeners: weakref.WeakKeyDictionary[Engine, Callable[[bool], None]] = (
    weakref.WeakKeyDictionary()
)


# Engines on a library that failed its quick check at open: every write raises this error.
refused_writes: weakref.WeakKeyDictionary[Engine, Exception] = weakref.WeakKeyDictionary()


def on_write_wait(engine: Engine, listener: Callable[[bool], None] | None) -> None:
    """Call ``listener(True)`` when a write on ``engine`` must wait for another program's write
    lock (after a silent first wait of FIRST_WAIT_MS), and ``listener(False)`` when the wait
    ends, either way (the write then goes on, or fails with LibraryBusyError). It runs on the
    writing thread, just before it blocks: a GUI shows its message and repaints there."""
    if listener is None:
        _wait_listeners.pop(engine, None)
    else:
        _wait_listeners[engine] = listener


def make_engine(url: str | URL) -> Engine:
    """An engine whose SQLite connections all get the pragmas the store relies on, and whose
    file-level failures (disk full, read-only, busy, corrupt) raise app.store.errors'.

    A ``postgresql://`` URL gets psycopg 3 and the server's errors in words (app.store.postgres).
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        return postgres.engine_for(parsed, _where(parsed))
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        query = engine.url.query
        read_only = query.get("mode") == "ro" or query.get("immutable") == "1"
        event.listen(engine, "connect", functools.partial(_set_sqlite_pragmas, read_only=read_only))
        event.listen(engine, "begin", _begin)
        install(engine, _where(engine.url))
        if not read_only:
            change_log_sqlite.install(engine)
    return engine


def _where(url: URL) -> str:
    """The library as a user knows it: its file path, else the URL without its password."""
    database = url.database or ""
    if database.startswith("file:"):
        return unquote(database[len("file:") :].split("?", 1)[0])
    path = sqlite_file(url.render_as_string(hide_password=False))
    return str(path) if path is not None else url.render_as_string(hide_password=True)
