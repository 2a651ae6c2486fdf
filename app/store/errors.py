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
