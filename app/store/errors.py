"""Errors the store raises; each message is written to be shown to the user as is."""

from __future__ import annotations


class StoreError(Exception):
    """Base of the store's own errors."""


class NotADatabaseError(StoreError):
    """The chosen file is not an SQLite database, or not a Proofreel library."""


class NewerDatabaseError(StoreError):
    """The database was made by a newer Proofreel; it was left untouched."""


class ProjectNotFound(StoreError, LookupError):
    def __init__(self, project_id: int) -> None:
        super().__init__(f"No project with id {project_id} in this library.")
        self.project_id = project_id


class ProjectExistsError(StoreError, ValueError):
    """A project for this media and transcript pair already exists; reopen it instead."""

    def __init__(self, project_id: int) -> None:
        super().__init__(
            f"A project for this media and transcript already exists (id {project_id})."
        )
        self.project_id = project_id


def _ids(ids: int | list[int]) -> str:
    return ", ".join(str(i) for i in ids) if isinstance(ids, list) else str(ids)


class LineNotFound(StoreError, LookupError):
    def __init__(self, line_ids: int | list[int]) -> None:
        many = isinstance(line_ids, list) and len(line_ids) > 1
        super().__init__(
            f"No line{'s' if many else ''} with id{'s' if many else ''} {_ids(line_ids)} in this "
            "library; it may have been deleted."
        )
        self.line_ids = line_ids


class NoteNotFound(StoreError, LookupError):
    def __init__(self, note_id: int) -> None:
        super().__init__(f"No note with id {note_id} in this library; it may have been deleted.")
        self.note_id = note_id


class HighlightNotFound(StoreError, LookupError):
    def __init__(self, highlight_id: int) -> None:
        super().__init__(
            f"No highlight with id {highlight_id} in this library; it may have been deleted."
        )
        self.highlight_id = highlight_id


class TagNotFound(StoreError, LookupError):
    def __init__(self, name: str) -> None:
        super().__init__(f"No tag named {name!r} in this library.")
        self.name = name


class LibraryFileError(StoreError):
    """The library could not be read or written; nothing of the failed change was kept.

    ``code`` is SQLite's (extended) result code or PostgreSQL's SQLSTATE, when known, for logs
    and tests.
    """

    def __init__(self, message: str, code: int | str | None = None) -> None:
        super().__init__(message)
        self.code = code


class DiskFullError(LibraryFileError):
    """The disk (or the library's size limit) is full: the change was not saved."""


class ReadOnlyLibraryError(LibraryFileError):
    """The library file, its folder or the connection is read-only."""


class NotPermittedError(ReadOnlyLibraryError):
    """The login's team role (app.store.team_roles) does not allow this write."""


class LibraryBusyError(LibraryFileError):
    """Another program held the library locked for longer than the busy timeout."""


class CorruptLibraryError(LibraryFileError):
    """SQLite found the library damaged (SQLITE_CORRUPT) or not a database (SQLITE_NOTADB)."""


class LibraryConnectionError(LibraryFileError):
    """The library server cannot be reached, refused the login, or has no such database."""


class SchemaMismatchError(StoreError):
    """A shared library's schema is older or newer than this Proofreel; the admin must act."""


class NetworkFileSystemError(ReadOnlyLibraryError):
    """An SQLite library on a network share, opened for reading only: SQLite's locking is not
    safe there; a team shares a PostgreSQL library instead."""
