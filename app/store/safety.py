"""Keeping the library safe: SQLite failures in words for the user, integrity checks, backups.

Every statement, commit and connection of a store engine goes through :func:`install`'s
``handle_error`` hook, so a full disk, a read-only file, a lock held too long or a damaged file
reaches the caller as a :class:`~app.store.errors.LibraryFileError` with a message fit to show,
at every call site at once. A failed write leaves nothing behind: each write is one transaction,
and SQLite rolls it back whole.
"""

from __future__ import annotations

import os
import resource
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import URL, Engine, event
from sqlalchemy.engine import ExceptionContext

from app.store import postgres
from app.store.errors import (
    CorruptLibraryError,
    DiskFullError,
    LibraryBusyError,
    LibraryFileError,
    ReadOnlyLibraryError,
    StoreError,
)

__all__ = [
    "BUSY_TIMEOUT_MS",
    "backup_connection",
    "backup_engine",
    "backup_file",
    "check_file",
    "check_integrity",
    "install",
    "is_read_only",
    "quick_check_file",
    "read_only_url",
    "translate",
    "translated",
]

BUSY_TIMEOUT_MS = 5000

# SQLite's primary result codes (the low byte of an extended code).
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY, SQLITE_IOERR = 5, 6, 8, 10
SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 11, 13, 14, 26
SQLITE_BUSY_SNAPSHOT = SQLITE_BUSY | (2 << 8)


def translate(err: BaseException, where: str, *, reading: bool = False) -> LibraryFileError | None:
    """The store error a user should see for an sqlite3 error; None when it is not about the
    file itself (a constraint, a bug in a statement): those stay SQLAlchemy's errors.

    ``reading``: the failure met a read, which changes nothing, so no "not saved" is said.
    """
    code = getattr(err, "sqlite_errorcode", None)
    if not isinstance(err, sqlite3.Error) or not isinstance(code, int):
        return None
    primary = code & 0xFF
    unsaved = " Nothing was changed." if reading else " The change was not saved."
    if primary == SQLITE_IOERR and _file_size_limited():
        limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
        return DiskFullError(
            f"The library {where} reached this program's file size limit ({limit} bytes, "
            f"ulimit -f) or the disk is full.{unsaved} Raise the limit or free some space, and "
            "try again.",
            code,
        )
    if primary == SQLITE_FULL:
        return DiskFullError(
            "The disk is full: the change was not saved. Free some space and try again.", code
        )
    if primary == SQLITE_READONLY:
        return ReadOnlyLibraryError(
            f"The library file cannot be written (read-only): {where}.{unsaved} Make the file "
            "and its folder writable, or work on a copy.",
            code,
        )
    if code == SQLITE_BUSY_SNAPSHOT:  # only a deferred transaction can meet this one
        return LibraryBusyError(
            f"The library {where} was changed by another program meanwhile.{unsaved} Try again.",
            code,
        )
    if primary in (SQLITE_BUSY, SQLITE_LOCKED):
        return LibraryBusyError(
            f"The library {where} is in use: another program kept it locked for more than "
            f"{BUSY_TIMEOUT_MS // 1000} seconds.{unsaved} Try again.",
            code,
        )
    if primary in (SQLITE_CORRUPT, SQLITE_NOTADB):
        return CorruptLibraryError(
            f"The library {where} is damaged or is not a database ({err}).{unsaved} "
            "Run “proofreel check-db”, and restore a copy from the backups folder "
            "beside the library.",
            code,
        )
    if primary == SQLITE_IOERR:
        return LibraryFileError(
            f"The library {where} could not be read or written ({err}): a disk or network "
            f"drive problem.{unsaved}",
            code,
        )
    if primary == SQLITE_CANTOPEN:
        return LibraryFileError(
            f"The library {where} cannot be opened ({err}): check that the file and its folder "
            "exist and can be read and written.",
            code,
        )
    return None


def install(engine: Engine, where: str) -> None:
    """Raise the store's own errors for file-level SQLite failures on this engine."""

    def on_error(context: ExceptionContext) -> BaseException | None:
        conn = context.connection
        reading = conn is not None and bool(conn.get_execution_options().get("proofreel_read"))
        return translate(context.original_exception, where, reading=reading)

    event.listen(engine, "handle_error", on_error, retval=True)


def _file_size_limited() -> bool:
    # SQLite reports EFBIG (a write past RLIMIT_FSIZE, with SIGXFSZ ignored) as a plain I/O
    # error; a finite limit on this process is the likely cause, as SQLite files only grow.
    soft = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
    return soft != resource.RLIM_INFINITY


# -- read-only libraries ------------------------------------------------------------------------


def is_read_only(path: Path) -> bool:
    """True when an existing library cannot be written here: the file, or the folder SQLite
    needs for its ``-wal`` and ``-shm`` files. (Root passes these checks whatever the mode
    bits say; then the first write fails with ReadOnlyLibraryError instead.)"""
    if not path.is_file():
        return False
    return not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK | os.X_OK)


def read_only_url(path: Path) -> URL:
    """An SQLAlchemy URL opening ``path`` with SQLite's ``mode=ro``: writes fail, reads work."""
    return URL.create(
        "sqlite", database=f"file:{quote(str(path))}", query={"mode": "ro", "uri": "true"}
    )


# -- integrity and backups ----------------------------------------------------------------------


def _problems(rows: Callable[[str], Iterable[Sequence[Any]]]) -> list[str]:
    found = [str(row[0]) for row in rows("PRAGMA integrity_check")]
    problems = [] if found == ["ok"] else found
    for table, rowid, parent, _fk in rows("PRAGMA foreign_key_check"):
        problems.append(f"row {rowid} of {table} refers to a missing row of {parent}")
    return problems


def check_integrity(engine: Engine) -> list[str]:
    """SQLite's integrity_check and foreign_key_check, one readable line per problem."""
    try:
        with engine.connect().execution_options(proofreel_read=True) as conn:
            return _problems(lambda sql: conn.exec_driver_sql(sql).all())
    except StoreError as err:  # so damaged that the check itself could not run
        return [str(err)]


def check_file(path: Path) -> list[str]:
    """:func:`check_integrity` of a library file of any schema revision, without opening it as a
    library (which could migrate it) and without writing a byte."""
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            return _problems(lambda sql: conn.execute(sql).fetchall())
        finally:
            conn.close()
    except sqlite3.Error as err:
        return [str(translate(err, str(path)) or f"{path}: {err}")]


def quick_check_file(path: Path) -> list[str]:
    """SQLite's quick_check of a file, read-only: [] when sound, else its findings (at most 10).
    A file that cannot be read at all (locked, not SQLite) is left to the caller's own open."""
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            found = [str(row[0]) for row in conn.execute("PRAGMA quick_check(10)")]
        finally:
            conn.close()
    except sqlite3.Error as err:
        code = getattr(err, "sqlite_errorcode", 0) & 0xFF
        return [str(err)] if code in (SQLITE_CORRUPT, SQLITE_NOTADB) else []
    return [] if found == ["ok"] else found


def backup_engine(engine: Engine, target: Path, *, where: str) -> Path:
    """Copy the library behind ``engine`` into ``target``: see :func:`backup_connection`."""
    with engine.connect().execution_options(proofreel_read=True) as conn:
        source = conn.connection.dbapi_connection
        if not isinstance(source, sqlite3.Connection):
            raise StoreError(f"Only an SQLite library file can be backed up, not {where}.")
        return backup_connection(source, target, where=where)


def backup_file(path: Path, target: Path) -> Path:
    """Copy a library file of any schema revision into ``target``, reading it read-only."""
    try:
        source = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as err:
        raise translate(err, str(path)) or StoreError(f"{path}: {err}") from err
    try:
        return backup_connection(source, target, where=str(path))
    finally:
        source.close()


def backup_connection(source: sqlite3.Connection, target: Path, *, where: str) -> Path:
    """Copy the library into ``target`` with SQLite's online backup API, atomically.

    The copy is one consistent snapshot, even while this or another process writes (under WAL
    the backup reads a snapshot and blocks no writer). It is written beside the target and
    renamed over it only when complete, so a failed backup never leaves a half-written file.
    """
    target = target.expanduser().absolute()
    if target.is_dir():
        raise StoreError(f"{target} is a folder: choose a file name for the backup.")
    partial = target.with_name(f".{target.name}.partial")
    try:
        main = source.execute("PRAGMA database_list").fetchone()[2]
        if main and Path(main).absolute() == target:
            raise StoreError("The backup must go to another file than the library itself.")
        partial.unlink(missing_ok=True)
        copy = sqlite3.connect(partial)
        try:
            source.backup(copy)
            # A standalone file: one that needs no -wal beside it and opens anywhere.
            copy.execute("PRAGMA journal_mode=DELETE")
        finally:
            copy.close()
        os.replace(partial, target)
    except sqlite3.Error as err:
        found = translate(err, where)
        if isinstance(found, (DiskFullError, CorruptLibraryError)):
            raise found from err
        raise StoreError(
            f"The backup to {target} failed ({err}); the library was not changed."
        ) from err
    finally:
        partial.unlink(missing_ok=True)
    return target


@contextmanager
def translated(where: str) -> Iterator[None]:
    """For work on the bare driver (bulk reads skip SQLAlchemy's execution, and its hook):
    raise the same store errors :func:`install` gives everything else."""
    try:
        yield
    except sqlite3.Error as err:
        raise translate(err, where) or err from err
    except Exception as err:  # psycopg's, on a server library (app.store.postgres)
        found = postgres.translate(err, where)
        if found is None:
            raise
        raise found from err
