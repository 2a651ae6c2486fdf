"""The library: projects and their transcripts, in and out as app.core value types.

Bulk work (lines, notes, highlights) lives in app.store.bulk: Core statements and plain tuples,
since 100k ORM objects would cost seconds. Every write is one short transaction.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import shutil
import tempfile
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Engine, case, func, insert, select, text, update
from sqlalchemy import delete as sql_delete
from sqlalchemy.engine import make_url

from app.core.subtitle_rules import SubtitleProfile, profile_from_text, profile_to_text
from app.core.transcript import Highlight, MediaInfo, Metadata, Note, Transcript
from app.store import postgres, safety
from app.store.bulk import (
    count_annotations,
    insert_annotations,
    insert_lines,
    read_annotations,
    read_lines,
)
from app.store.copying import backup_server, copy_library
from app.store.engine import (
    default_db_path,
    reading,
    resolve_url,
)
from app.store.errors import (
    ProjectExistsError,
    ProjectNotFound,
    StoreError,
)
from app.store.media import MediaIdentity, identity_of, is_local_file_path
from app.store.media import media_identity as measure_media
from app.store.migrate import backup
from app.store.models import lines, projects
from app.store.opening import open_engine
from app.store.path_map import PathMap
from app.store.postgres import ids_given
from app.store.types import ProjectInfo, ProjectSummary, utc_now
from app.store.versions import SeenVersions

__all__ = ["Library"]


def _normal_path(path: str | None) -> str | None:
    """Absolute, normalised path, so the same pair is found whichever way it was typed.

    URLs (a stream the player can open) are kept as given; "" means no file.
    """
    if not path:
        return None
    if "://" in path:
        return path
    return os.path.abspath(os.path.expanduser(path))


class Library:
    """One library database. Open it with :meth:`open`, close it with :meth:`close`."""

    def __init__(self, url: str, *, read_only: bool = False, actor: str | None = None) -> None:
        self.url = url
        opened = open_engine(url, read_only=read_only)
        self.path: Path | None = opened.path
        #: Writes fail with ReadOnlyLibraryError (a message the UI shows), nothing else changes.
        self.read_only = opened.read_only
        #: What SQLite's quick check found wrong at open: [] = sound.
        self.damage: list[str] = opened.damage
        #: This machine's media paths, for a library shared between machines (app.store.path_map).
        self.media_paths: PathMap | None = opened.media_paths
        self._engine: Engine = opened.engine
        #: The version of each line as this Library last read or wrote it (app.store.versions).
        self.versions = SeenVersions()
        self._actor = actor

    @classmethod
    def open(
        cls, path_or_url: str | None = None, *, read_only: bool = False, actor: str | None = None
    ) -> Library:
        """The library at a path or SQLAlchemy URL, else at ``$PROOFREEL_DB``, else the default.

        ``read_only`` (or a file this process cannot write) opens it for reading only. ``actor``
        is who this reviewer is on SQLite (the Preferences name); on PostgreSQL it is always the
        login role (``current_user``), whatever is given.
        """
        return cls(resolve_url(path_or_url), read_only=read_only, actor=actor)

    @property
    def actor(self) -> str:
        """Who writes through this Library: the login role on a server, else the given name."""
        if self.shared and self._actor is None:
            with reading(self._engine) as conn:
                self._actor = str(conn.execute(text("SELECT current_user")).scalar_one())
        return self._actor or ""

    @property
    def engine(self) -> Engine:
        """The engine, shared by the store's other repositories (app.store.review)."""
        return self._engine

    def close(self) -> None:
        self._engine.dispose()

    @property
    def shared(self) -> bool:
        """True for a library on a PostgreSQL server."""
        return self._engine.dialect.name == "postgresql"

    def check_integrity(self) -> list[str]:
        """What SQLite finds wrong in the file (integrity_check, foreign_key_check), or the
        checks of app.store.postgres on a server: [] = fine."""
        if self.shared:
            return postgres.problems(self._engine)
        return safety.check_integrity(self._engine)

    def backup_to(self, path: str | os.PathLike[str]) -> Path:
        """Copy the whole library to ``path`` (replaced if it exists): one consistent snapshot,
        taken while this and other processes keep working. SQLite: the backup API. A server:
        ``pg_dump`` (custom format) when it is installed and ``path`` is not an .sqlite3 file,
        else a library copy into an SQLite file (app.store.copying.backup_server)."""
        target = Path(path).expanduser().absolute()
        if not self.shared:
            return safety.backup_engine(self._engine, target, where=str(self))
        return backup_server(self.url, self._engine, target)

    def __enter__(self) -> Library:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, err: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __str__(self) -> str:
        """The library as a user knows it: its file, else its URL without the password."""
        if self.path is not None:
            return str(self.path)
        return make_url(self.url).render_as_string(hide_password=True)

    def __repr__(self) -> str:
        return f"Library({self._engine.url.render_as_string(hide_password=True)!r})"

    # -- projects ------------------------------------------------------------------------------

    def create_project(
        self,
        transcript: Transcript,
        *,
        media_path: str | None,
        transcript_path: str | None,
        source_format: str = "",
    ) -> int:
        """Store a new project with its lines, notes and highlights; return its id.

        ``media_path`` is what is stored (``transcript.media`` only lends its duration). On
        success the given transcript's lines, notes and highlights get their new ids, notes get
        their timestamps, and an ``original_text`` equal to ``text`` becomes None, so the caller's
        transcript equals what :meth:`load_transcript` returns. Raises ProjectExistsError when
        the media and transcript pair already has a project.
        """
        media, source = _normal_path(media_path), _normal_path(transcript_path)
        now = utc_now()
        meta = transcript.metadata
        with self._engine.begin() as conn:
            existing = self._find(conn, media, source)
            if existing is not None:
                raise ProjectExistsError(existing)
            project_id: int = conn.execute(
                insert(projects).returning(projects.c.id),
                {
                    "title": transcript.title,
                    "media_path": media,
                    "transcript_path": source,
                    "source_format": source_format,
                    "description": meta.description,
                    "category": meta.category,
                    "tags": list(meta.tags),
                    "media_duration_ms": transcript.media.duration_ms if transcript.media else None,
                    "created_at": now,
                    "opened_at": now,
                    "last_position_ms": 0,
                },
            ).scalar_one()
            line_ids = insert_lines(conn, project_id, transcript.lines)
            note_ids, highlight_ids = insert_annotations(conn, transcript.lines, line_ids, now)
        # Only after the commit: a failed transaction must not leave ids on the caller's objects.
        note_iter, highlight_iter = iter(note_ids), iter(highlight_ids)
        for line, line_id in zip(transcript.lines, line_ids, strict=True):
            line.id = line_id
            if line.original_text == line.text:
                line.original_text = None
            for note in line.notes:
                note.id = next(note_iter)
                note.created_at = note.created_at or now
                note.updated_at = note.updated_at or note.created_at
            for highlight in line.highlights:
                highlight.id = next(highlight_iter)
        return project_id

    def find_project(self, media_path: str | None, transcript_path: str | None) -> int | None:
        """The project opened before with exactly this media and transcript pair, if any."""
        with reading(self._engine) as conn:
            return self._find(conn, _normal_path(media_path), _normal_path(transcript_path))

    @staticmethod
    def _find(conn: Connection, media: str | None, source: str | None) -> int | None:
        if media is None and source is None:
            return None  # a project with neither file is not the "same" as any other
        # IS, not =: "no media" must match a stored NULL (a UNIQUE index alone treats NULLs
        # as all different).
        stmt = select(projects.c.id).where(
            projects.c.media_path.is_not_distinct_from(media),
            projects.c.transcript_path.is_not_distinct_from(source),
        )
        return conn.scalars(stmt).first()

    def list_projects(self) -> list[ProjectSummary]:
        """Every project, most recently opened first, with its line and reviewed counts."""
        reviewed = func.coalesce(func.sum(case((lines.c.status != "unreviewed", 1), else_=0)), 0)
        stmt = (
            select(
                projects.c.id,
                projects.c.title,
                projects.c.media_path,
                projects.c.transcript_path,
                func.count(lines.c.id),
                reviewed,
                projects.c.opened_at,
                projects.c.created_at,
            )
            .select_from(projects.outerjoin(lines, lines.c.project_id == projects.c.id))
            .group_by(projects.c.id)
            .order_by(projects.c.opened_at.desc(), projects.c.id.desc())
        )
        with reading(self._engine) as conn:
            return [ProjectSummary(*row) for row in conn.execute(stmt)]

    def get_project(self, project_id: int) -> ProjectInfo:
        """The project; on a shared library, its media where this machine has it."""
        with reading(self._engine) as conn:
            return self._local(self._project(conn, project_id))

    def _local(self, info: ProjectInfo) -> ProjectInfo:
        here = None if self.media_paths is None else self.media_paths.get(info.id)
        return info if here is None else dataclasses.replace(info, media_path=here)

    def find_by_identity(self, identity: MediaIdentity, transcript_name: str) -> int | None:
        """The project whose media is this very file (size and head hash), wherever another
        machine keeps it: the only one, else the one whose transcript has this file name."""
        query = select(projects.c.id, projects.c.transcript_path).where(
            projects.c.media_size == identity.size,
            projects.c.media_head_sha256 == identity.head_sha256,
        )
        with reading(self._engine) as conn:
            found = conn.execute(query.order_by(projects.c.id)).all()
        if len(found) == 1:
            return int(found[0][0])
        named = [row[0] for row in found if os.path.basename(row[1] or "") == transcript_name]
        return int(named[0]) if len(named) == 1 else None

    @staticmethod
    def _project(conn: Connection, project_id: int) -> ProjectInfo:
        # A deleted line leaves last_line_id dangling (there is no FK); report it as None.
        live_line = (
            select(lines.c.id)
            .where(lines.c.id == projects.c.last_line_id, lines.c.project_id == projects.c.id)
            .scalar_subquery()
        )
        row = (
            conn.execute(
                select(projects, live_line.label("live_line_id")).where(projects.c.id == project_id)
            )
            .mappings()
            .first()
        )
        if row is None:
            raise ProjectNotFound(project_id)
        return ProjectInfo(
            id=row["id"],
            title=row["title"],
            media_path=row["media_path"],
            transcript_path=row["transcript_path"],
            source_format=row["source_format"],
            metadata=Metadata(row["description"], list(row["tags"] or []), row["category"]),
            media_duration_ms=row["media_duration_ms"],
            last_position_ms=row["last_position_ms"],
            last_line_id=row["live_line_id"],
            created_at=row["created_at"],
            opened_at=row["opened_at"],
            media_size=row["media_size"],
            media_head_sha256=row["media_head_sha256"],
            subtitle_rules=row["subtitle_rules"],
        )

    def load_transcript(self, project_id: int, *, annotations: bool = True) -> Transcript:
        """The project's transcript in line order, with ids, statuses, notes and highlights
        (``annotations=False``: without notes and highlights, for :meth:`load_annotations`)."""
        # read_lines runs on the bare driver, past the engine's error hook: hence translated().
        with safety.translated(str(self.path or self)), reading(self._engine) as conn:
            info = self._local(self._project(conn, project_id))
            result = read_lines(conn, project_id, annotations=annotations)
            query = select(lines.c.id, lines.c.version).where(lines.c.project_id == project_id)
            self.versions.update((row[0], row[1]) for row in conn.execute(query))
        media = None
        if info.media_path is not None:
            media = MediaInfo(info.media_path, info.media_duration_ms)
        return Transcript(lines=result, title=info.title, metadata=info.metadata, media=media)

    def count_annotations(self, project_id: int) -> int:
        """The number of notes plus highlights on the project's lines."""
        with reading(self._engine) as conn:
            return count_annotations(conn, project_id)

    def load_annotations(
        self, project_id: int
    ) -> tuple[dict[int, list[Note]], dict[int, list[Highlight]]]:
        """The project's notes and highlights by line id; safe to call from a worker thread
        (its own connection, one snapshot)."""
        with safety.translated(str(self.path or self)), reading(self._engine) as conn:
            return read_annotations(conn, project_id)

    # -- small updates -------------------------------------------------------------------------

    def _update(self, project_id: int, **values: Any) -> None:
        with self._engine.begin() as conn:
            done = conn.execute(update(projects).where(projects.c.id == project_id).values(values))
            if done.rowcount == 0:
                raise ProjectNotFound(project_id)

    def touch_opened(self, project_id: int) -> None:
        """Note when the project was opened (for the recent list); skipped when read-only, as a
        library one can only browse should still open."""
        if self.read_only:
            self.get_project(project_id)  # still refuse a project that is not there
            return
        self._update(project_id, opened_at=utc_now())

    def set_position(self, project_id: int, position_ms: int, line_id: int | None) -> None:
        self._update(project_id, last_position_ms=position_ms, last_line_id=line_id)

    def set_media_duration(self, project_id: int, ms: int | None) -> None:
        self._update(project_id, media_duration_ms=ms)

    def subtitle_profile(self, project_id: int) -> SubtitleProfile:
        """The subtitle rule profile the project's checks use (the default until one is chosen);
        ValueError, in words, for one this Proofreel cannot read."""
        with reading(self._engine) as conn:
            query = select(projects.c.subtitle_rules).where(projects.c.id == project_id)
            found = conn.execute(query).first()
        if found is None:
            raise ProjectNotFound(project_id)
        return profile_from_text(found[0])

    def set_subtitle_profile(self, project_id: int, profile: SubtitleProfile) -> None:
        self._update(project_id, subtitle_rules=profile_to_text(profile))

    def delete_project(self, project_id: int) -> None:
        """Delete the project; its lines, notes and highlights go with it (FK cascade)."""
        with self._engine.begin() as conn:
            done = conn.execute(sql_delete(projects).where(projects.c.id == project_id))
            if done.rowcount == 0:
                raise ProjectNotFound(project_id)

    # -- media identity, relink ----------------------------------------------------------------

    def media_identity(self, project_id: int) -> MediaIdentity | None:
        """The recorded size and first-MiB hash of the project's media; None if never seen."""
        return identity_of(self.get_project(project_id))

    def record_media_identity(self, project_id: int, identity: MediaIdentity | None) -> None:
        self._update(
            project_id,
            media_size=None if identity is None else identity.size,
            media_head_sha256=None if identity is None else identity.head_sha256,
        )

    def ensure_media_identity(self, project_id: int) -> MediaIdentity | None:
        """The recorded identity; else, when the media file is there, measure and keep it.

        Projects made before media identities existed get theirs here, the first time their
        file is found, so a later move can be verified.
        """
        info = self.get_project(project_id)
        known = identity_of(info)
        if known is not None or info.media_path is None or not is_local_file_path(info.media_path):
            return known
        try:
            identity = measure_media(info.media_path)
        except OSError:
            return None  # missing or unreadable: nothing to learn yet
        # Best effort: a read-only library cannot keep it, and that must not stop the opening.
        with contextlib.suppress(StoreError):
            self.record_media_identity(project_id, identity)
        return identity

    def relink_media(
        self, project_id: int, new_path: str | os.PathLike[str], *, force: bool = False
    ) -> MediaIdentity:
        """Point the project at its media's new place; return the file's identity.

        When the old file's identity is known, a file of another size or first MiB is refused
        with ValueError unless ``force`` (then the duration is forgotten: it was the old file's).
        Raises OSError when the file cannot be read. On a shared library the new place is
        this machine's alone (its path map); the library keeps the file's identity.
        """
        path = _normal_path(os.fspath(new_path))
        if path is None or not is_local_file_path(path):
            raise ValueError("Choose a media file on this computer.")
        identity = measure_media(path)
        with self._engine.begin() as conn:
            info = self._project(conn, project_id)
            known = identity_of(info)
            if known is not None and known != identity and not force:
                raise ValueError(f"{path}: this is not the same file (size/contents differ).")
            other = self._find(conn, path, info.transcript_path)
            if other is not None and other != project_id:
                raise ProjectExistsError(other)
            values: dict[str, Any] = {
                "media_path": path,
                "media_size": identity.size,
                "media_head_sha256": identity.head_sha256,
            }
            if known is not None and known != identity:
                values["media_duration_ms"] = None
            if self.media_paths is not None:
                del values["media_path"]  # the other machines keep theirs
            conn.execute(update(projects).where(projects.c.id == project_id).values(values))
        if self.media_paths is not None:
            self.media_paths.set(project_id, path)
        return identity

    # -- rename, delete with a copy, restore from a copy ---------------------------------------

    def rename_project(self, project_id: int, title: str) -> None:
        self._update(project_id, title=title.strip())

    def delete_project_with_backup(self, project_id: int) -> Path | None:
        """Copy the library file (``backups/…-before-delete-<id>``), then delete the project.

        Returns the copy, for :meth:`restore_project_from`; None for a library with no file.
        """
        self.get_project(project_id)  # ProjectNotFound before any copy is made
        copy = None
        if self.path is not None:
            copy = backup(self.path, label=f"before-delete-{project_id}")
        elif self.shared:  # the project alone, into an SQLite file on this machine
            folder = default_db_path().parent / "backups"
            folder.mkdir(exist_ok=True)
            stamp = utc_now().replace(":", "").replace("-", "").replace(".", "")
            name = self._engine.url.database or "library"
            copy = folder / f"{name}-{stamp}-before-delete-{project_id}.sqlite3"
            copy_library(self.url, str(copy), project_ids=[project_id])
        self.delete_project(project_id)
        return copy

    def restore_project_from(self, backup_path: str | os.PathLike[str], project_id: int) -> int:
        """Copy one project, with its lines, notes and highlights, from a backup of this library.

        Ids are kept where they are still free (always, right after a delete). Returns the
        project's id here. Raises ProjectExistsError when the pair was opened again since.
        """
        source = Path(backup_path)
        if not source.is_file():
            raise StoreError(f"The backup copy {source} is no longer there.")
        # Read from a throw-away copy: opening the backup itself could migrate or change it.
        with tempfile.TemporaryDirectory(prefix="proofreel-restore-") as folder:
            scratch = Path(folder) / "backup.sqlite3"
            shutil.copyfile(source, scratch)
            with Library.open(str(scratch)) as old:
                info = old.get_project(project_id)
                transcript = old.load_transcript(project_id)
        with self._engine.begin() as conn:
            existing = self._find(conn, info.media_path, info.transcript_path)
            if existing is not None:
                raise ProjectExistsError(existing)
            values: dict[str, Any] = {
                "title": info.title,
                "media_path": info.media_path,
                "transcript_path": info.transcript_path,
                "source_format": info.source_format,
                "description": info.metadata.description,
                "category": info.metadata.category,
                "tags": list(info.metadata.tags),
                "media_duration_ms": info.media_duration_ms,
                "media_size": info.media_size,
                "media_head_sha256": info.media_head_sha256,
                "created_at": info.created_at,
                "opened_at": info.opened_at,
                "last_position_ms": info.last_position_ms,
                "subtitle_rules": info.subtitle_rules,
            }
            taken = conn.scalar(select(func.count()).where(projects.c.id == project_id))
            if not taken:
                values["id"] = project_id
            new_id: int = conn.execute(
                insert(projects).returning(projects.c.id), values
            ).scalar_one()
            if "id" in values:
                ids_given(conn, projects.name)
            line_ids = insert_lines(conn, new_id, transcript.lines)
            insert_annotations(conn, transcript.lines, line_ids, utc_now())
            old_ids = [line.id for line in transcript.lines]
            last_line = dict(zip(old_ids, line_ids, strict=True)).get(info.last_line_id)
            conn.execute(
                update(projects).where(projects.c.id == new_id).values(last_line_id=last_line)
            )
        return new_id
