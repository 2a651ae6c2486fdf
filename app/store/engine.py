"""Where the library lives and how every connection to it is set up."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

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


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Take transaction control from the sqlite3 module (which never BEGINs before DDL) so that
    # SQLAlchemy's BEGIN below covers everything: a failed migration rolls back as a whole.
    dbapi_connection.isolation_level = None
    # foreign_keys is off by default in SQLite and is per connection: without it, no cascades.
    # WAL lets the UI read while a write is in progress; NORMAL is durable enough under WAL.
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=5000")
    finally:
        cursor.close()


def _begin(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN")


def make_engine(url: str) -> Engine:
    """An engine whose SQLite connections all get the pragmas the store relies on."""
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _set_sqlite_pragmas)
        event.listen(engine, "begin", _begin)
    return engine
