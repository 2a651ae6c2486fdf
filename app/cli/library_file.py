"""How the library verbs open the library: never creating one to check or copy it, and never
writing a byte of a file that is only read.

The store (SQLAlchemy, ~0.3 s) is imported when a verb runs, not when its module loads, so
``proofreel VERB --help`` and refused arguments answer at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from app.cli.common import CliError

if TYPE_CHECKING:
    from pathlib import Path

    from app.store.library import Library

__all__ = ["existing_file", "failures", "open_for_reading"]


def failures() -> tuple[type[Exception], ...]:
    """A library verb's ``FAILURES``: what the store raises for a library the user named that
    cannot be used, LookupError for an unknown project, and a transcript import cannot read."""
    from app.core.formats.base import TranscriptFormatError
    from app.store.errors import StoreError

    return (StoreError, LookupError, TranscriptFormatError)


def existing_file(db: str | None) -> Path | None:
    """The library file ``--db`` names, which must exist: checking or copying a library must
    not create one. None for a non-file URL (then the library is opened as usual)."""
    from app.store.engine import resolve_url, sqlite_file
    from app.store.migrate import read_file_state

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
    from app.store.engine import resolve_url, sqlite_file
    from app.store.migrate import read_file_state
    from app.store.migrations import HEAD

    path = sqlite_file(resolve_url(db))
    if path is None or not path.is_file():
        return False
    return read_file_state(path)[0] == [HEAD]


def open_library(db: str | None, *, read_only: bool = False) -> Library:
    from app.store.library import Library

    return Library.open(db, read_only=read_only)


def open_for_reading(db: str | None) -> Library:
    """The library for a verb that only reads it: read-only when that needs no update."""
    return open_library(db, read_only=_browsable(db))
