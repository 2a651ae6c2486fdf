"""The library database: SQLite through SQLAlchemy 2.x, schema managed by Alembic.

Callers use :class:`Library`; it takes and returns the value types of ``app.core.transcript``,
never ORM rows. This package must not import PySide6 or vlc.
"""

from app.store.editing import EditStore
from app.store.engine import default_db_path, make_engine, resolve_url
from app.store.errors import (
    HighlightNotFound,
    LineNotFound,
    NewerDatabaseError,
    NotADatabaseError,
    NoteNotFound,
    ProjectExistsError,
    ProjectNotFound,
    StoreError,
    TagNotFound,
)
from app.store.library import Library
from app.store.migrate import upgrade
from app.store.review import ReviewStore, TagChange
from app.store.types import ProjectInfo, ProjectSummary

__all__ = [
    "EditStore",
    "HighlightNotFound",
    "Library",
    "LineNotFound",
    "NewerDatabaseError",
    "NotADatabaseError",
    "NoteNotFound",
    "ProjectExistsError",
    "ProjectInfo",
    "ProjectNotFound",
    "ProjectSummary",
    "ReviewStore",
    "StoreError",
    "TagChange",
    "TagNotFound",
    "default_db_path",
    "make_engine",
    "resolve_url",
    "upgrade",
]
