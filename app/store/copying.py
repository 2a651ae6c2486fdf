"""``library copy``: a whole library, ids kept, from any URL to any URL (SQLite <-> PostgreSQL).

Rows go table by table in foreign-key order, in chunks, inside one transaction on the target;
the id counters come along, so ids of deleted rows are not handed out again on either side.
A new SQLite target is written beside its final name and renamed into place when complete, so a
failed copy never leaves a half-written library.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, select, text

from app.store.engine import make_engine, reading, resolve_url, sqlite_file
from app.store.errors import StoreError
from app.store.migrate import check_schema, upgrade
from app.store.models import (
    audio_marks,
    highlights,
    line_reviews,
    lines,
    notes,
    projects,
    quotes,
    settings,
    tags,
)
from app.store.postgres import ids_given, pg_dump

__all__ = ["CopyReport", "copy_library"]

# Foreign-key order: a row's parent is always copied before it.
TABLES = (projects, lines, line_reviews, notes, highlights, audio_marks, quotes, tags, settings)
WITH_IDS = ("projects", "lines", "notes", "highlights", "quotes")
CHUNK = 5_000


@dataclass
class CopyReport:
    """How many rows of each table were copied."""

    rows: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        return ", ".join(f"{count} {name}" for name, count in self.rows.items())


def copy_library(
    source: str, target: str, *, project_ids: Collection[int] | None = None
) -> CopyReport:
    """Copy every project (or only ``project_ids``) with their lines, words, notes, highlights,
    kept second opinions and Quotes lists, and the library's tags and settings, from ``source``
    into ``target``, keeping every id.

    The target must be empty (no projects): a new SQLite file, or a PostgreSQL database (made
    with createdb; brought to this Proofreel's schema here). The source is only read.
    """
    source_url, target_url = resolve_url(source), resolve_url(target)
    if source_url == target_url:
        raise StoreError("The copy must go to another library than its source.")
    final = sqlite_file(target_url)
    partial: Path | None = None
    if final is not None:
        if final.exists() and final.stat().st_size:
            raise StoreError(f"{final} exists: choose a new file name for the copy.")
        if not final.parent.is_dir():
            raise StoreError(f"Cannot create {final}: its folder does not exist.")
        partial = final.with_name(f".{final.name}.partial")
        partial.unlink(missing_ok=True)
        target_url = f"sqlite:///{partial}"
    source_engine = _open_source(source_url)
    try:
        target_engine = make_engine(target_url)
        try:
            upgrade(target_engine)  # an admin act: a new or empty target gets the schema
            report = _copy(source_engine, target_engine, project_ids)
        finally:
            target_engine.dispose()
    except BaseException:
        if partial is not None:
            for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
                leftover.unlink(missing_ok=True)
        raise
    finally:
        source_engine.dispose()
    if partial is not None and final is not None:
        os.replace(partial, final)
    return report


def _open_source(url: str) -> Engine:
    path = sqlite_file(url)
    if path is not None and not path.is_file():
        raise StoreError(f"No library file at {path}.")
    engine = make_engine(url)
    try:
        check_schema(engine)  # the copy reads this Proofreel's schema; an old file: open it first
    except BaseException:
        engine.dispose()
        raise
    return engine


def _copy(source: Engine, target: Engine, project_ids: Collection[int] | None) -> CopyReport:
    report = CopyReport()
    with reading(source) as src, target.begin() as dst:
        if dst.scalar(select(func.count()).select_from(projects)):
            raise StoreError(
                f"The target library {_where(target)} already has projects: copy into a new file "
                "or an empty database. Nothing was changed."
            )
        # The target's default tags and any settings make way for the source's own.
        dst.execute(delete(settings))
        dst.execute(delete(tags))
        for table in TABLES:
            query = select(table)
            if project_ids is not None:
                query = query.where(_in_projects(table, project_ids))
            key = table.c.id if "id" in table.c else table.primary_key.columns.values()[0]
            rows = src.execute(query.order_by(key))
            count = 0
            while chunk := rows.fetchmany(CHUNK):
                dst.execute(insert(table), [dict(row._mapping) for row in chunk])
                count += len(chunk)
            report.rows[table.name] = count
        for name in WITH_IDS:
            _carry_id_counter(src, dst, name)
    return report


def _in_projects(table: Any, project_ids: Collection[int]) -> Any:
    wanted = list(project_ids)
    if table is projects:
        return projects.c.id.in_(wanted)
    if table is lines:
        return lines.c.project_id.in_(wanted)
    if table in (audio_marks, quotes):
        return table.c.project_id.in_(wanted)
    if table in (notes, highlights, line_reviews):
        of_lines = select(lines.c.id).where(lines.c.project_id.in_(wanted))
        return table.c.line_id.in_(of_lines)
    return text("1 = 1")  # tags and settings: the library's own, always


def id_counter(conn: Connection, table: str) -> int:
    """The last id handed out for ``table`` (deleted rows included), 0 when none."""
    if conn.dialect.name == "sqlite":
        found = conn.execute(
            text("SELECT seq FROM sqlite_sequence WHERE name = :t"), {"t": table}
        ).scalar()
    else:
        sequence = conn.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table})
        name = sequence.scalar()
        found = None
        if name is not None:
            row = conn.execute(text(f"SELECT last_value, is_called FROM {name}")).one()
            found = row[0] if row[1] else 0
    return int(found or 0)


def _carry_id_counter(src: Connection, dst: Connection, table: str) -> None:
    last = id_counter(src, table)
    if dst.dialect.name == "sqlite":
        if last:  # sqlite_sequence has the table's row once a row was inserted
            dst.execute(
                text("UPDATE sqlite_sequence SET seq = max(seq, :n) WHERE name = :t"),
                {"n": last, "t": table},
            )
            known = dst.execute(
                text("SELECT count(*) FROM sqlite_sequence WHERE name = :t"), {"t": table}
            ).scalar()
            if not known:
                dst.execute(
                    text("INSERT INTO sqlite_sequence (name, seq) VALUES (:t, :n)"),
                    {"n": last, "t": table},
                )
        return
    ids_given(dst, table)
    if last:
        name = dst.execute(text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table}).scalar()
        dst.execute(
            text(f"SELECT setval(:seq, GREATEST(:n, (SELECT last_value FROM {name})))"),
            {"seq": name, "n": last},
        )


def _where(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def backup_server(url: str, engine: Engine, target: Path) -> Path:
    """A server library into ``target``, atomically: ``pg_dump --format=custom`` when it is
    installed and the target is not an .sqlite3 file, else a library copy into an SQLite file."""
    if target.is_dir():
        raise StoreError(f"{target} is a folder: choose a file name for the backup.")
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    dump = shutil.which("pg_dump")
    try:
        if dump is not None and target.suffix not in (".sqlite3", ".sqlite", ".db"):
            pg_dump(engine, str(partial), program=dump)
        else:
            copy_library(url, str(partial))
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target
