"""The library: projects and their transcripts, in and out as app.core value types.

Library is the facade the rest of the app holds: opening, closing, backing up, and a method per
thing done to a project. The work lives beside it, in plain functions over a Connection:
a project's row in app.store.project_rows, relinking its media in app.store.relinking, the copy
before a delete and the restore from it in app.store.project_copies. Bulk work (lines, notes,
highlights) lives in app.store.bulk: Core statements and plain tuples, since 100k ORM objects
would cost seconds. Every write is one short transaction.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from sqlalchemy import Engine, func, select, text
from sqlalchemy.engine import make_url

from app.core.roles import Permissions, permissions
from app.core.subtitle_rules import SubtitleProfile, profile_from_text, profile_to_text
from app.core.transcript import Highlight, MediaInfo, Note, Transcript
from app.store import change_log_sqlite, postgres, safety
from app.store import project_rows as rows
from app.store.bulk import (
    count_annotations,
    insert_annotations,
    insert_lines,
    read_annotations,
    read_lines,
)
from app.store.copying import backup_server
from app.store.engine import reading, resolve_url
from app.store.errors import ProjectExistsError, ProjectNotFound, StoreError
from app.store.media import MediaIdentity, identity_of, is_local_file_path
from app.store.media import media_identity as measure_media
from app.store.models import change_log, lines, projects
from app.store.opening import open_engine
from app.store.path_map import PathMap
from app.store.project_copies import copy_before_delete, restore_rows
from app.store.project_rows import normal_path
from app.store.relinking import relink_row
from app.store.roles import ROLE_OPTION, server_role
from app.store.types import ProjectInfo, ProjectSummary, utc_now
from app.store.versions import SeenVersions

__all__ = ["Library"]


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
        #: The login's team role on a server (app.store.roles); None: it may do everything.
        self.role: str | None = None
        if self.shared:
            with reading(self._engine) as conn:
                self.role = server_role(conn)
            self._engine = self._engine.execution_options(**{ROLE_OPTION: self.role})
        #: The version of each line as this Library last read or wrote it (app.store.versions).
        self.versions = SeenVersions()
        #: project id -> the change log's newest seq when load_transcript read it: the live
        #: refresh follows from there, so nothing committed since the read is missed
        self.loaded_seq: dict[int, int] = {}
        # On a server the login role, whatever was given (read once, on first use).
        self._actor: str | None = None if self.shared else actor
        self._actor_source = change_log_sqlite.actor_source(self._engine)
        if self._actor_source is not None:
            self._actor_source.set(actor or "")

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
        if self._actor_source is not None:
            return self._actor_source()
        return self._actor or ""

    def follow_actor(self, name: Callable[[], str]) -> None:
        """On SQLite, who writes is ``name()`` from now on (the Preferences name, which can
        change while the app runs); asked as each write begins. Nothing on a server."""
        if self._actor_source is not None:
            self._actor_source.set(name)

    @property
    def engine(self) -> Engine:
        """The engine, shared by the store's other repositories (app.store.review)."""
        return self._engine

    def close(self) -> None:
        self._engine.dispose()

    @property
    def permissions(self) -> Permissions:
        """What this login may change, for the UI to grey out the rest (app.core.roles)."""
        if self.read_only:
            return Permissions(comment=False, edit=False, review=False)
        return permissions(self.role)

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
        media, source = normal_path(media_path), normal_path(transcript_path)
        now = utc_now()
        with self._engine.begin() as conn:
            existing = rows.find_pair(conn, media, source)
            if existing is not None:
                raise ProjectExistsError(existing)
            project_id = rows.insert_project(conn, transcript, media, source, source_format, now)
            line_ids = insert_lines(conn, project_id, transcript.lines)
            note_ids, highlight_ids = insert_annotations(conn, transcript.lines, line_ids, now)
        # Only after the commit: a failed transaction must not leave ids on the caller's objects.
        rows.give_ids(transcript, line_ids, note_ids, highlight_ids, now)
        # The importer has read what it wrote: a later edit by someone else is a conflict.
        self.versions.update(dict.fromkeys(line_ids, 1))
        return project_id

    def find_project(self, media_path: str | None, transcript_path: str | None) -> int | None:
        """The project opened before with exactly this media and transcript pair, if any."""
        with reading(self._engine) as conn:
            return rows.find_pair(conn, normal_path(media_path), normal_path(transcript_path))

    def list_projects(self) -> list[ProjectSummary]:
        """Every project, most recently opened first, with its line and reviewed counts."""
        with reading(self._engine) as conn:
            return rows.list_projects(conn)

    def get_project(self, project_id: int) -> ProjectInfo:
        """The project; on a shared library, its media where this machine has it."""
        with reading(self._engine) as conn:
            return self._local(rows.read_project(conn, project_id))

    def _local(self, info: ProjectInfo) -> ProjectInfo:
        here = None if self.media_paths is None else self.media_paths.get(info.id)
        return info if here is None else dataclasses.replace(info, media_path=here)

    def find_by_identity(self, identity: MediaIdentity, transcript_name: str) -> int | None:
        """The project whose media is this very file (size and head hash), wherever another
        machine keeps it: the only one, else the one whose transcript has this file name."""
        with reading(self._engine) as conn:
            return rows.find_by_identity(conn, identity, transcript_name)

    def load_transcript(self, project_id: int, *, annotations: bool = True) -> Transcript:
        """The project's transcript in line order, with ids, statuses, notes and highlights
        (``annotations=False``: without notes and highlights, for :meth:`load_annotations`)."""
        # read_lines runs on the bare driver, past the engine's error hook: hence translated().
        with safety.translated(str(self.path or self)), reading(self._engine) as conn:
            newest = select(func.max(change_log.c.seq)).where(change_log.c.project_id == project_id)
            seq = int(conn.execute(newest).scalar() or 0)  # first: a later change is re-read
            info = self._local(rows.read_project(conn, project_id))
            result = read_lines(conn, project_id, annotations=annotations)
            query = select(lines.c.id, lines.c.version).where(lines.c.project_id == project_id)
            self.versions.update((row[0], row[1]) for row in conn.execute(query))
        self.loaded_seq[project_id] = seq
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

    def touch_opened(self, project_id: int) -> None:
        """Note when the project was opened (for the recent list); skipped when read-only, as a
        library one can only browse should still open."""
        if self.read_only:
            self.get_project(project_id)  # still refuse a project that is not there
            return
        rows.update_project(self._engine, project_id, opened_at=utc_now())

    def set_position(self, project_id: int, position_ms: int, line_id: int | None) -> None:
        values = {"last_position_ms": position_ms, "last_line_id": line_id}
        rows.update_project(self._engine, project_id, **values)

    def set_media_duration(self, project_id: int, ms: int | None) -> None:
        rows.update_project(self._engine, project_id, media_duration_ms=ms)

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
        rows.update_project(self._engine, project_id, subtitle_rules=profile_to_text(profile))

    def delete_project(self, project_id: int) -> None:
        """Delete the project; its lines, notes and highlights go with it (FK cascade)."""
        rows.delete_project(self._engine, project_id)

    # -- media identity, relink ----------------------------------------------------------------

    def media_identity(self, project_id: int) -> MediaIdentity | None:
        """The recorded size and first-MiB hash of the project's media; None if never seen."""
        return identity_of(self.get_project(project_id))

    def record_media_identity(self, project_id: int, identity: MediaIdentity | None) -> None:
        rows.update_project(
            self._engine,
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
        path = normal_path(os.fspath(new_path))
        if path is None or not is_local_file_path(path):
            raise ValueError("Choose a media file on this computer.")
        identity = measure_media(path)
        keep_path = self.media_paths is not None
        with self._engine.begin() as conn:
            relink_row(conn, project_id, path, identity, force=force, keep_path=keep_path)
        if self.media_paths is not None:
            self.media_paths.set(project_id, path)
        return identity

    # -- rename, delete with a copy, restore from a copy ---------------------------------------

    def rename_project(self, project_id: int, title: str) -> None:
        rows.update_project(self._engine, project_id, title=title.strip())

    def delete_project_with_backup(self, project_id: int) -> Path | None:
        """Copy the library file (``backups/…-before-delete-<id>``), then delete the project.

        Returns the copy, for :meth:`restore_project_from`; None for a library with no file.
        """
        self.get_project(project_id)  # ProjectNotFound before any copy is made
        copy = copy_before_delete(self.path, self.url, self._engine, project_id)
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
            existing = rows.find_pair(conn, info.media_path, info.transcript_path)
            if existing is not None:
                raise ProjectExistsError(existing)
            return restore_rows(conn, info, transcript, project_id)
