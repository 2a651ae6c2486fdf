"""Bring a database to this Proofreel's schema with Alembic, safely.

Order matters: an SQLite file is inspected read-only with the stdlib driver *before* an engine
(whose connect hook switches the file to WAL) touches it, so a database from a newer Proofreel,
or a file that is no library at all, is refused with its bytes untouched. An existing library is
copied to ``backups/`` beside it before any migration runs.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Collection
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from app.store import safety
from app.store.engine import make_engine, reading, sqlite_file
from app.store.errors import (
    LibraryBusyError,
    NewerDatabaseError,
    NotADatabaseError,
    ReadOnlyLibraryError,
    SchemaMismatchError,
    StoreError,
)
from app.store.migrations import HEAD
from app.store.postgres import lock_key

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_MAGIC = b"SQLite format 3\x00"
BACKUPS_KEPT = 5
VERSION_TABLE = "alembic_version"


def alembic_config(script_location: Path = MIGRATIONS) -> Config:
    """A Config built in code, so an installed Proofreel needs no alembic.ini."""
    from alembic.config import Config

    config = Config()
    # Config values go through configparser interpolation: a "%" in the path must be doubled.
    config.set_main_option("script_location", str(script_location).replace("%", "%%"))
    return config


def read_file_state(path: Path) -> tuple[list[str], set[str]]:
    """(alembic revisions, table names) of an SQLite file, read without writing a byte.

    A missing or empty file is a new library: ([], set()).
    """
    if not path.exists() or path.stat().st_size == 0:
        return [], set()
    if path.is_dir():
        raise NotADatabaseError(f"{path} is a folder, not a Proofreel library file.")
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_MAGIC))
    if header != SQLITE_MAGIC:
        raise NotADatabaseError(
            f"{path} is not a database file (not SQLite). Choose a Proofreel library "
            "(.sqlite3) or a new file name. The file was not changed."
        )
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            revisions: list[str] = []
            if VERSION_TABLE in tables:
                revisions = [
                    row[0] for row in connection.execute(f"SELECT version_num FROM {VERSION_TABLE}")
                ]
        finally:
            connection.close()
    except sqlite3.DatabaseError as err:
        if getattr(err, "sqlite_errorcode", 0) & 0xFF in (5, 6):  # SQLITE_BUSY, SQLITE_LOCKED
            # Another program holds the file locked (e.g. locking_mode=EXCLUSIVE): its bytes
            # cannot even be read, which says nothing about whether it is a database.
            raise LibraryBusyError(
                f"The library {path} is in use by another program, which keeps it locked. "
                "Close that program and try again. The file was not changed.",
                err.sqlite_errorcode,
            ) from err
        raise NotADatabaseError(
            f"{path} could not be read as an SQLite database ({err}). The file was not changed."
        ) from err
    return revisions, tables


def check_known(
    revisions: Collection[str], tables: Collection[str], script: ScriptDirectory, where: str
) -> None:
    """Refuse a database this Proofreel cannot safely migrate; say why in user terms."""
    known = {rev.revision for rev in script.walk_revisions()}
    unknown = sorted(set(revisions) - known)
    if unknown:
        raise NewerDatabaseError(
            f"The library {where} was made by a newer version of Proofreel (schema revision "
            f"{', '.join(unknown)}). Update Proofreel to open it. The database was not changed."
        )
    own = {VERSION_TABLE}
    if not revisions and {t for t in tables if not t.startswith("sqlite_")} - own:
        raise NotADatabaseError(
            f"{where} is an SQLite database made by another program, not a Proofreel library. "
            "It was not changed."
        )


def backup(path: Path, *, keep: int = BACKUPS_KEPT, label: str = "") -> Path:
    """Copy an SQLite file into ``backups/`` beside it with SQLite's online backup API.

    The backup API copies a consistent snapshot even while other connections (and a WAL file)
    are live, which a plain file copy does not. Only the newest ``keep`` copies are kept.
    """
    folder = path.parent / "backups"
    folder.mkdir(exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    suffix = f"-{label}" if label else ""
    target = folder / f"{path.stem}-{stamp}{suffix}{path.suffix or '.sqlite3'}"
    source = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    # Names are the stem and a sortable UTC stamp, so name order is age order; the pattern
    # spares backups of another library whose name merely starts with this stem.
    mine = re.compile(rf"{re.escape(path.stem)}-\d{{8}}T\d{{12}}Z")
    old = sorted(p for p in folder.iterdir() if mine.match(p.name))
    for stale in old[:-keep] if keep > 0 else old:
        stale.unlink()
    return target


def upgrade(
    engine: Engine, *, script_location: Path = MIGRATIONS, found: list[str] | None = None
) -> list[str]:
    """Migrate the database behind ``engine`` to head; return the revisions it is now at.

    ``found``, when given, receives the revisions the database was at (read under the upgrade
    lock on PostgreSQL: what this call started from). Raises NewerDatabaseError or
    NotADatabaseError, leaving the database unchanged.
    """
    path = sqlite_file(engine.url.render_as_string(hide_password=False))
    state = read_file_state(path) if path is not None else None
    if state is not None and found is not None:
        found[:] = state[0]
    if state is not None and state[0] == [HEAD] and script_location == MIGRATIONS:
        return [HEAD]  # the every-day case: up to date, and Alembic (~0.2 s to import) not needed

    # Imported here: only a new or older library pays for Alembic.
    from alembic import command
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = alembic_config(script_location)
    script = ScriptDirectory.from_config(config)
    where = str(path) if path else engine.url.render_as_string(hide_password=True)
    if state is not None:
        check_known(*state, script, where)
    heads = set(script.get_heads())
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            # Two admins running `db upgrade` at once: the second waits here for the first to
            # commit, then finds the schema at head. (Released at the end of the transaction.)
            connection.execute(text("SET LOCAL lock_timeout = 0"))
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": lock_key("upgrade")}
            )
        current = set(MigrationContext.configure(connection).get_current_heads())
        if found is not None:
            found[:] = sorted(current)
        # Checked again on the live connection: it covers non-file URLs, and a file that
        # another process changed since the read-only look.
        check_known(current, inspect(connection).get_table_names(), script, where)
        if current == heads:
            connection.rollback()
            return sorted(current)
        if path is not None:
            connection.rollback()  # end the read snapshot: the backup must see the latest commit
            if current:
                backup(path, label="-".join(sorted(current)))
        sqlite = engine.dialect.name == "sqlite"
        if sqlite:
            # A batch migration drops and recreates tables; with foreign keys on, dropping
            # `projects` would cascade-delete every line. The pragma only works outside a
            # transaction, hence on the bare driver connection before SQLAlchemy's BEGIN.
            connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        try:
            config.attributes["connection"] = connection
            command.upgrade(config, "heads")
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                if broken:
                    connection.rollback()
                    raise StoreError(
                        f"Updating the library {where} would break links between its rows "
                        f"({len(broken)} found); the update was undone and nothing changed."
                    )
            connection.commit()
            return sorted(MigrationContext.configure(connection).get_current_heads())
        finally:
            if sqlite:
                # Never hand a connection without foreign keys back to the pool.
                if connection.in_transaction():
                    connection.rollback()
                connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]


def shared_revisions(engine: Engine) -> tuple[list[str], set[str]]:
    """(alembic revisions, table names) of a library on a server, read in one snapshot."""
    with reading(engine) as conn:
        tables = set(inspect(conn).get_table_names())
        revisions: list[str] = []
        if VERSION_TABLE in tables:
            query = text(f"SELECT version_num FROM {VERSION_TABLE}")
            revisions = [str(row[0]) for row in conn.execute(query)]
    return revisions, tables


def check_schema(engine: Engine) -> None:
    """Refuse a library whose schema is not this Proofreel's, saying what to do; change nothing.

    A shared library is never migrated by a client: the admin runs ``proofreel db upgrade``.
    """
    where = engine.url.render_as_string(hide_password=True)
    path = sqlite_file(engine.url.render_as_string(hide_password=False))
    if path is not None:
        where = str(path)
    revisions, tables = read_file_state(path) if path is not None else shared_revisions(engine)
    if revisions == [HEAD]:
        return
    from alembic.script import ScriptDirectory  # only a mismatch pays for Alembic

    script = ScriptDirectory.from_config(alembic_config())
    check_known(revisions, tables, script, where)
    if set(revisions) == set(script.get_heads()):
        return
    command = f"proofreel --db '{where}' db upgrade"
    if not revisions:
        raise SchemaMismatchError(
            f"The library {where} is empty: it has no Proofreel tables yet. The admin sets it up "
            f"with “{command}”. Nothing was changed."
        )
    raise SchemaMismatchError(
        f"The library {where} has an older schema ({', '.join(revisions)}) than this Proofreel "
        f"({', '.join(script.get_heads())}). A shared library is updated by its admin, never "
        f"by a client: run “{command}” (after a backup). Nothing was changed."
    )


def open_read_only(path: Path) -> Engine:
    """An engine on an existing library that this process cannot write: reads work, and every
    write fails with ReadOnlyLibraryError. A library that needs a schema update cannot be
    opened so (updating it is a write): that is refused with a message saying what to do.
    """
    engine = make_engine(safety.read_only_url(path))
    try:
        if read_file_state(path)[0] != [HEAD]:
            upgrade(engine)  # refuses newer and foreign files, else tries and fails to write
    except ReadOnlyLibraryError as err:
        engine.dispose()
        raise ReadOnlyLibraryError(
            f"The library {path} cannot be written (read-only), and this Proofreel must update "
            "it before opening it. Make the file and its folder writable, or open a writable "
            "copy. The file was not changed.",
            err.code,
        ) from err
    except BaseException:
        engine.dispose()
        raise
    return engine
