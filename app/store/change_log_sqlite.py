"""The change log on SQLite: TEMP triggers made on every connection Proofreel opens.

They write the same rows as the server's triggers on PostgreSQL (revision 0011_change_log): one
per line added, removed or changed in text, times, speaker or status, one per note, highlight
and review written. They are TEMP (in this connection only, never in the file), so another tool
opening the file has no trigger calling a function it lacks. The actor comes from the SQL
function ``proofreel_actor()``, which asks the engine's :class:`ActorSource` (set from
Library.actor, the Preferences name).

A connection gets its triggers when it is checked out of the pool and has none yet while the
file is at this Proofreel's schema: a new file's first connection predates its tables, a
migration must not log its own copying, and a batch migration that rebuilds a table drops the
triggers on it.
"""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import Connection, Engine, event

from app.store.migrations import HEAD

__all__ = ["MANY", "ActorSource", "actor_source", "install", "many_lines"]

_AT = "strftime('%Y-%m-%dT%H:%M:%f000+00:00', 'now')"
_COLUMNS = "(project_id, table_name, row_id, op, actor, at, detail)"

_LINE_CHANGED = (
    "OLD.text IS NOT NEW.text OR OLD.start_ms IS NOT NEW.start_ms OR "
    "OLD.end_ms IS NOT NEW.end_ms OR OLD.speaker IS NOT NEW.speaker OR "
    "OLD.status IS NOT NEW.status"
)
# concat_ws(', ', ...) as SQLite can say it: each part leads with ", ", the first one trimmed.
_LINE_DETAIL = (
    "substr((CASE WHEN OLD.text IS NOT NEW.text THEN ', text' ELSE '' END) || "
    "(CASE WHEN OLD.start_ms IS NOT NEW.start_ms OR OLD.end_ms IS NOT NEW.end_ms "
    "THEN ', timing' ELSE '' END) || "
    "(CASE WHEN OLD.speaker IS NOT NEW.speaker THEN ', speaker' ELSE '' END) || "
    "(CASE WHEN OLD.status IS NOT NEW.status THEN ', status ' || NEW.status ELSE '' END), 3)"
)

_NOTE_DETAIL = {
    "insert": "CASE WHEN NEW.parent_id IS NULL THEN 'note' ELSE 'reply' END",
    "delete": "CASE WHEN OLD.parent_id IS NULL THEN 'note' ELSE 'reply' END",
    "update": (
        "CASE WHEN OLD.resolved_by IS NULL AND NEW.resolved_by IS NOT NULL THEN 'resolved' "
        "WHEN OLD.resolved_by IS NOT NULL AND NEW.resolved_by IS NULL THEN 'reopened' "
        "WHEN OLD.body IS NOT NEW.body THEN 'edited' END"
    ),
}
_HIGHLIGHT_DETAIL = {
    "insert": "NEW.tag",
    "delete": "OLD.tag",
    "update": (
        "CASE WHEN OLD.tag IS NOT NEW.tag OR OLD.color IS NOT NEW.color "
        "OR OLD.note IS NOT NEW.note THEN NEW.tag "
        'WHEN OLD.start IS NOT NEW.start OR OLD."end" IS NOT NEW."end" THEN \'moved\' END'
    ),
}
_REVIEW_DETAIL = {
    "insert": "'status ' || NEW.status",
    "delete": "'status cleared'",
    "update": "CASE WHEN OLD.status IS NOT NEW.status THEN 'status ' || NEW.status END",
}


def _annotation(table: str, op: str, detail: str) -> str:
    row = "OLD" if op == "delete" else "NEW"
    row_id = f"{row}.line_id" if table == "line_reviews" else f"{row}.id"
    # A row whose line is gone (a cascade from a deleted line) is not logged, as on the server.
    return (
        f"CREATE TEMP TRIGGER proofreel_log_{table}_{op} AFTER {op.upper()} ON main.{table} "
        f"BEGIN INSERT INTO change_log {_COLUMNS} "
        f"SELECT project_id, '{table}', {row_id}, '{op}', proofreel_actor(), {_AT}, what "
        f"FROM (SELECT lines.project_id AS project_id, {detail} AS what FROM lines "
        f"WHERE lines.id = {row}.line_id) WHERE what IS NOT NULL; END"
    )


# While the store writes many lines in one go (see many_lines) it logs them as one row itself.
_ONE_BY_ONE = "WHEN NOT EXISTS (SELECT 1 FROM proofreel_many)"

TRIGGERS: tuple[str, ...] = (
    "CREATE TEMP TABLE IF NOT EXISTS proofreel_many (n INTEGER)",
    f"CREATE TEMP TRIGGER proofreel_log_lines_insert AFTER INSERT ON main.lines {_ONE_BY_ONE} "
    f"BEGIN INSERT INTO change_log {_COLUMNS} VALUES (NEW.project_id, 'lines', NEW.id, "
    f"'insert', proofreel_actor(), {_AT}, NULL); END",
    f"CREATE TEMP TRIGGER proofreel_log_lines_delete AFTER DELETE ON main.lines {_ONE_BY_ONE} "
    f"BEGIN INSERT INTO change_log {_COLUMNS} VALUES (OLD.project_id, 'lines', OLD.id, "
    f"'delete', proofreel_actor(), {_AT}, NULL); END",
    "CREATE TEMP TRIGGER proofreel_log_lines_update AFTER UPDATE OF text, start_ms, end_ms, "
    f"speaker, status ON main.lines WHEN {_LINE_CHANGED} "
    f"BEGIN INSERT INTO change_log {_COLUMNS} VALUES (NEW.project_id, 'lines', NEW.id, "
    f"'update', proofreel_actor(), {_AT}, {_LINE_DETAIL}); END",
    *(
        _annotation(table, op, detail)
        for table, details in (
            ("notes", _NOTE_DETAIL),
            ("highlights", _HIGHLIGHT_DETAIL),
            ("line_reviews", _REVIEW_DETAIL),
        )
        for op, detail in details.items()
    ),
)
_LAST = "proofreel_log_line_reviews_update"  # made last: when it is there, all are


class ActorSource:
    """Who writes, as the SQL function ``proofreel_actor()`` tells the triggers: a name, or a
    callable asked once at the start of each transaction (the Preferences name can change while
    the app runs, and a 100k-line import calls the function per row)."""

    def __init__(self) -> None:
        self._name = ""
        self._source: Callable[[], str] | None = None

    def set(self, name: str | Callable[[], str]) -> None:
        if callable(name):
            self._source = name
            self.refresh()
        else:
            self._source, self._name = None, name

    def refresh(self) -> None:
        if self._source is not None:
            self._name = self._source() or ""

    def __call__(self) -> str:
        return self._name


_sources: weakref.WeakKeyDictionary[Engine, ActorSource] = weakref.WeakKeyDictionary()


def actor_source(engine: Engine) -> ActorSource | None:
    """The engine's actor, to set from Library.actor; None for an engine without the log."""
    return _sources.get(engine)


def install(engine: Engine) -> None:
    """Give the SQLite engine's connections the change-log triggers and ``proofreel_actor()``."""
    source = ActorSource()
    _sources[engine] = source

    def connected(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.create_function("proofreel_actor", 0, source)

    def checked_out(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
        _ensure_triggers(dbapi_connection)

    event.listen(engine, "connect", connected)
    event.listen(engine, "checkout", checked_out)
    event.listen(engine, "begin", lambda _conn: source.refresh())


#: From this many lines in one write on, they are one log row: PostgreSQL's COPY threshold, so
#: both write the same rows (app.store.bulk_write).
MANY = 1_000


@contextlib.contextmanager
def many_lines(conn: Connection, project_id: int, op: str, count: int) -> Iterator[None]:
    """Log the ``count`` lines of the project inserted or deleted inside as one row, as the
    server's statement trigger does (``detail`` "N lines"), instead of a row per line."""
    raw = conn.connection.dbapi_connection
    if conn.dialect.name != "sqlite" or raw is None or not _has_triggers(raw) or count < 2:
        yield
        return
    conn.exec_driver_sql("INSERT INTO temp.proofreel_many VALUES (1)")
    try:
        yield
    finally:
        conn.exec_driver_sql("DELETE FROM temp.proofreel_many")
    conn.exec_driver_sql(
        f"INSERT INTO change_log {_COLUMNS} "
        f"VALUES (?, 'lines', NULL, ?, proofreel_actor(), {_AT}, ?)",
        (project_id, op, f"{count} lines"),
    )


def _has_triggers(dbapi_connection: Any) -> bool:
    found = dbapi_connection.execute(
        "SELECT 1 FROM sqlite_temp_master WHERE type = 'trigger' AND name = ?", (_LAST,)
    ).fetchone()
    return found is not None


def _ensure_triggers(dbapi_connection: Any) -> None:
    if _has_triggers(dbapi_connection):
        return
    cursor = dbapi_connection.cursor()
    try:
        tables = {
            row[0]
            for row in cursor.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'")
        }
        if not {"change_log", "alembic_version"} <= tables:
            return
        revision = cursor.execute("SELECT version_num FROM alembic_version").fetchone()
        if revision is None or revision[0] != HEAD:
            return
        for name in (row[0] for row in cursor.execute(_OURS).fetchall()):
            cursor.execute(f"DROP TRIGGER temp.{name}")  # some survived a table's rebuild
        for statement in TRIGGERS:
            cursor.execute(statement)
    finally:
        cursor.close()


_OURS = "SELECT name FROM sqlite_temp_master WHERE type = 'trigger' AND name LIKE 'proofreel_log_%'"
