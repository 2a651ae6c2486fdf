"""How the library verbs open the library: never creating one to check or copy it, and never
writing a byte of a file that is only read."""

from __future__ import annotations

from pathlib import Path

from app.cli.common import CliError
from app.store.engine import resolve_url, sqlite_file
from app.store.errors import StoreError
from app.store.library import Library
from app.store.migrate import read_file_state
from app.store.migrations import HEAD

__all__ = ["FAILURES", "existing_file", "open_for_reading"]

#: What the store raises for a library the user named that cannot be used (LookupError: an
#: unknown project).
FAILURES = (StoreError, LookupError)


def existing_file(db: str | None) -> Path | None:
    """The library file ``--db`` names, which must exist: checking or copying a library must
    not create one. None for a non-file URL (then the library is opened as usual)."""
    path = sqlite_file(resolve_url(db))
    if path is None:
        return None
    if not path.is_file():
        raise CliError(f"no library file at {path}")
    read_file_state(path)  # NotADatabaseError, with the file untouched, when it is no SQLite
    return path


def _browsable(db: str | None) -> bool:
    """True when list/export can read the library without writing a byte: an up-to-date library
    file. (Opening it writable would switch a backup's rollback journal to WAL, rewriting its
    header; an older library still needs its update, a write, and is opened as usual.)"""
    path = sqlite_file(resolve_url(db))
    if path is None or not path.is_file():
        return False
    return read_file_state(path)[0] == [HEAD]


def open_for_reading(db: str | None) -> Library:
    """The library for a verb that only reads it: read-only when that needs no update."""
    return Library.open(db, read_only=_browsable(db))
