"""How a library is opened: which engine, read-only or not, and why.

An SQLite file is checked first (its folder, whether this process may write it, SQLite's quick
check, a network share), then migrated when needed; a damaged file, one on a network share or
one this process cannot write is opened for reading only, its writes refused with the reason. A
PostgreSQL library is shared: it is never migrated by a client (the admin runs ``db upgrade``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from app.store import safety
from app.store.engine import make_engine, refused_writes, sqlite_file
from app.store.errors import CorruptLibraryError, NetworkFileSystemError, StoreError
from app.store.migrate import check_schema, open_read_only, read_file_state, upgrade
from app.store.mounts import network_share
from app.store.path_map import PathMap
from app.store.postgres import is_postgres, writable

__all__ = ["Opened", "open_engine"]


@dataclass
class Opened:
    engine: Engine
    path: Path | None = None
    read_only: bool = False
    damage: list[str] = field(default_factory=list)
    media_paths: PathMap | None = None


def open_engine(url: str, *, read_only: bool = False) -> Opened:
    """The engine for the library at ``url`` (an SQLAlchemy URL), and what was found."""
    path = sqlite_file(url)
    if path is None and is_postgres(url):
        engine = make_engine(url)
        try:
            check_schema(engine)
            may_write = writable(engine)
        except BaseException:
            engine.dispose()
            raise
        return Opened(engine, read_only=read_only or not may_write, media_paths=PathMap(url))
    if path is None:  # an in-memory SQLite library
        return Opened(_migrated(url))
    if not path.parent.is_dir():
        raise StoreError(f"Cannot create the library {path}: its folder does not exist.")
    read_only = read_only or safety.is_read_only(path)
    # A damaged library is opened for reading only, never written, so the damage is not spread
    # or sealed by new writes.
    damage = safety.quick_check_file(path) if path.is_file() and path.stat().st_size else []
    if damage:
        read_file_state(path)  # a file whose schema is unreadable is refused outright
        engine = make_engine(safety.read_only_url(path))
        refused_writes[engine] = CorruptLibraryError(
            f"The library {path} is damaged ({damage[0]}), so Proofreel does not change it. "
            "Run “proofreel check-db”, and restore a copy from the backups folder beside it "
            "(README, Backups and restoring); it can still be read and exported."
        )
        return Opened(engine, path, True, damage)
    share = network_share(path)
    if share is not None:
        engine = open_read_only(path)
        refused_writes[engine] = NetworkFileSystemError(
            f"The library {path} is on a network share ({share}), where SQLite can lose or "
            "damage changes when two computers write; it is open for reading only. For a team, "
            "share a PostgreSQL library (README, Team library); alone, keep the file on this "
            "computer's own disk."
        )
        return Opened(engine, path, True)
    if read_only:
        return Opened(open_read_only(path), path, True)
    return Opened(_migrated(url), path)


def _migrated(url: str) -> Engine:
    engine = make_engine(url)
    try:
        upgrade(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine
