"""Media identity: a moved or renamed media file is found again and verified by size and the hash
of its first MiB; a different file is refused unless forced; rename, delete with a copy, and
restore from that copy."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command

from app.store.engine import default_db_path, make_engine, resolve_url
from app.store.errors import ProjectExistsError, ProjectNotFound
from app.store.importing import import_transcript, open_pair
from app.store.library import Library
from app.store.media import HEAD_BYTES, MediaIdentity, find_moved_media, matches, media_identity
from app.store.migrate import alembic_config
from app.store.migrations import HEAD
from tests.store.conftest import sample_transcript

SRT = "1\n00:00:00,000 --> 00:00:01,000\nHello.\n\n2\n00:00:01,000 --> 00:00:02,500\nBye.\n"


def _media(path: Path, seed: int = 1, size: int = HEAD_BYTES + 5000) -> Path:
    """A fake media file, bigger than the hashed head so size and head are both tested."""
    path.parent.mkdir(parents=True, exist_ok=True)
    block = bytes((seed * 31 + i) % 251 for i in range(4096))
    path.write_bytes((block * (size // len(block) + 1))[:size])
    return path


def _project(library: Library, tmp_path: Path, media_name: str = "news.mp4") -> tuple[int, Path]:
    """A project imported with its media in tmp/shoot/, and its transcript in tmp/edit/."""
    transcript = tmp_path / "edit" / "news.srt"
    transcript.parent.mkdir(parents=True, exist_ok=True)
    transcript.write_text(SRT, encoding="utf-8")
    media = _media(tmp_path / "shoot" / media_name)
    opened = import_transcript(library, transcript, media)
    return opened.project_id, media


def test_import_records_size_and_head_hash(library: Library, tmp_path: Path) -> None:
    project, media = _project(library, tmp_path)
    identity = library.media_identity(project)
    assert identity == media_identity(media)
    assert identity is not None and identity.size == HEAD_BYTES + 5000
    assert matches(media, identity)
    # A change after the first MiB is not seen (by design: cheap), one inside it is.
    data = bytearray(media.read_bytes())
    data[10] ^= 0xFF
    media.write_bytes(bytes(data))
    assert not matches(media, identity)


def test_media_moved_to_the_transcripts_folder_is_found_and_verified(
    library: Library, tmp_path: Path
) -> None:
    project, media = _project(library, tmp_path)
    moved = tmp_path / "edit" / "news.mp4"
    media.rename(moved)
    (tmp_path / "shoot").rmdir()  # the old folder is gone too
    info = library.get_project(project)
    assert find_moved_media(info) == [moved]
    assert library.relink_media(project, moved) == media_identity(moved)
    assert library.get_project(project).media_path == str(moved)


def test_renamed_file_with_same_size_and_hash_is_found(library: Library, tmp_path: Path) -> None:
    project, media = _project(library, tmp_path)
    renamed = tmp_path / "shoot" / "final" / "news-2024-final.mp4"
    renamed.parent.mkdir()
    media.rename(renamed)
    _media(tmp_path / "shoot" / "other.mp4", seed=2)  # same size, other contents: not it
    _media(tmp_path / "edit" / "small.mp4", seed=1, size=1000)  # same start, other size
    assert find_moved_media(library.get_project(project)) == [renamed]


def test_same_name_other_contents_is_not_offered(library: Library, tmp_path: Path) -> None:
    project, media = _project(library, tmp_path)
    media.unlink()
    impostor = _media(tmp_path / "edit" / "news.mp4", seed=7)
    assert find_moved_media(library.get_project(project)) == []
    with pytest.raises(ValueError, match=r"this is not the same file \(size/contents differ\)"):
        library.relink_media(project, impostor)
    assert library.get_project(project).media_path == str(media)  # unchanged


def test_same_size_different_content_needs_force(library: Library, tmp_path: Path) -> None:
    project, media = _project(library, tmp_path)
    library.set_media_duration(project, 60_000)
    other = _media(tmp_path / "elsewhere" / "news-v2.mp4", seed=3)
    assert other.stat().st_size == media.stat().st_size
    with pytest.raises(ValueError, match="not the same file"):
        library.relink_media(project, other)
    library.relink_media(project, other, force=True)
    info = library.get_project(project)
    assert (info.media_path, info.media_duration_ms) == (str(other), None)
    assert library.media_identity(project) == media_identity(other)  # the new file from now on


def test_relink_persists_in_a_new_library(db_path: Path, tmp_path: Path) -> None:
    with Library.open(str(db_path)) as lib:
        project, media = _project(lib, tmp_path)
        target = tmp_path / "archive" / "news.mp4"
        target.parent.mkdir()
        media.rename(target)
        lib.relink_media(project, str(target))
    with Library.open(str(db_path)) as fresh:
        info = fresh.get_project(project)
        assert info.media_path == str(target)
        assert fresh.media_identity(project) == media_identity(target)
        # Reopening the pair at its new place finds the same project.
        transcript = tmp_path / "edit" / "news.srt"
        assert open_pair(fresh, transcript, target).project_id == project


def test_unknown_identity_is_measured_lazily_and_name_matches_unverified(
    library: Library, tmp_path: Path
) -> None:
    media = _media(tmp_path / "shoot" / "talk.mp4")
    project = library.create_project(
        sample_transcript(), media_path=str(media), transcript_path=str(tmp_path / "talk.srt")
    )
    assert library.media_identity(project) is None  # made without measuring (an older library)
    assert library.ensure_media_identity(project) == media_identity(media)
    assert library.media_identity(project) == media_identity(media)

    library.record_media_identity(project, None)
    moved = tmp_path / "talk.mp4"
    media.rename(moved)
    assert library.ensure_media_identity(project) is None  # not there: nothing learnt
    assert find_moved_media(library.get_project(project)) == [moved]  # by name only
    library.relink_media(project, moved)
    assert library.media_identity(project) == media_identity(moved)


def test_relink_to_a_pair_another_project_has_is_refused(library: Library, tmp_path: Path) -> None:
    first, media = _project(library, tmp_path)
    copy = tmp_path / "copy.mp4"
    copy.write_bytes(media.read_bytes())
    other = library.create_project(
        sample_transcript(), media_path=str(copy), transcript_path=str(tmp_path / "edit/news.srt")
    )
    with pytest.raises(ProjectExistsError):
        library.relink_media(first, copy)
    assert other != first


def test_rename_persists(library: Library, library_url: str) -> None:
    project = library.create_project(sample_transcript(), media_path=None, transcript_path="/a")
    library.rename_project(project, "  Final cut  ")
    with Library.open(library_url) as fresh:
        assert fresh.get_project(project).title == "Final cut"
    with pytest.raises(ProjectNotFound):
        library.rename_project(999, "x")


def test_delete_keeps_a_copy_and_restore_brings_everything_back(
    library: Library, db_path: Path
) -> None:
    keep = library.create_project(sample_transcript(), media_path=None, transcript_path="/keep")
    gone_transcript = sample_transcript()
    gone = library.create_project(gone_transcript, media_path="/v/ep.mp4", transcript_path="/ep")
    library.record_media_identity(gone, MediaIdentity(10, "ab" * 32))
    library.set_position(gone, 4_200, gone_transcript.lines[1].id)
    before = library.load_transcript(gone)
    info_before = library.get_project(gone)

    copy = library.delete_project_with_backup(gone)
    # A file library keeps its copies beside it; a server library's go to this machine's
    # data folder (only the project, as an SQLite file that restore reads).
    home = db_path.parent if library.path is not None else default_db_path().parent
    assert copy is not None and copy.parent == home / "backups"
    assert copy.name.endswith(f"-before-delete-{gone}.sqlite3")
    assert [p.id for p in library.list_projects()] == [keep]

    assert library.restore_project_from(copy, gone) == gone  # its id was free again
    assert library.load_transcript(gone) == before  # lines, ids, notes, highlights, statuses
    assert library.get_project(gone) == info_before  # place, identity, times
    with sqlite3.connect(copy) as conn:  # the copy itself was only read
        kept = 2 if library.path is not None else 1  # the whole file; the project alone
        assert conn.execute("SELECT count(*) FROM projects").fetchone() == (kept,)
    with pytest.raises(ProjectExistsError):
        library.restore_project_from(copy, gone)


def test_library_at_0003_gains_media_identity_columns(db_path: Path) -> None:
    engine = make_engine(resolve_url(str(db_path)))
    try:
        config = alembic_config()
        with engine.connect() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "0003_tags")
            conn.commit()
        with engine.begin() as conn:
            conn.exec_driver_sql(
                "INSERT INTO projects (id, title, media_path, transcript_path, created_at,"
                " opened_at) VALUES (4, 'Old', '/gone/old.mp4', '/old.srt', '2024-01-01',"
                " '2024-01-02')"
            )
    finally:
        engine.dispose()
    with Library.open(str(db_path)) as lib:
        info = lib.get_project(4)
        assert (info.title, info.media_size, info.media_head_sha256) == ("Old", None, None)
        assert lib.media_identity(4) is None
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD,)]
    (copy,) = (db_path.parent / "backups").iterdir()
    assert copy.name.endswith("-0003_tags.sqlite3")
