"""Open a transcript (and its media) as a project in the library: the one way in for the CLI and
the window alike, so both find the same project for the same pair of files."""

from __future__ import annotations

import os
from dataclasses import dataclass

from app.core.formats.base import ImportReport
from app.core.formats.registry import read_path
from app.core.transcript import MediaInfo, Transcript
from app.store.library import Library
from app.store.media import MediaIdentity, is_local_file_path, media_identity

__all__ = ["OpenedProject", "import_transcript", "open_pair"]


@dataclass(slots=True)
class OpenedProject:
    project_id: int
    transcript: Transcript  # lines carry their stable ids
    report: ImportReport | None  # None when an existing project was reopened
    created: bool


def _abs(path: str | os.PathLike[str] | None) -> str | None:
    return None if path is None else os.path.abspath(os.fspath(path))


def _measure(media_path: str | None) -> MediaIdentity | None:
    """The media file's identity, or None for no file, a stream URL, or an unreadable file."""
    if media_path is None or not is_local_file_path(media_path):
        return None
    try:
        return media_identity(media_path)
    except OSError:
        return None


def import_transcript(
    library: Library,
    transcript_path: str | os.PathLike[str],
    media_path: str | os.PathLike[str] | None = None,
    *,
    title: str | None = None,
    fmt: str | None = None,
    encoding: str | None = None,
) -> OpenedProject:
    """Read ``transcript_path`` (format and encoding detected unless given) and store it as a
    new project. Raises ``TranscriptFormatError``
    (one-line reason) for unreadable input; nothing is stored then."""
    tpath, mpath = _abs(transcript_path), _abs(media_path)
    assert tpath is not None
    result = read_path(tpath, fmt, encoding=encoding)
    transcript = result.transcript
    if title:
        transcript.title = title
    if mpath is not None:
        transcript.media = MediaInfo(mpath)
    elif transcript.media is not None and transcript.media.path:
        mpath = transcript.media.path  # a project JSON names its own media
    identity = _measure(mpath)  # before storing: a file that cannot be read stays unrecorded
    project_id = library.create_project(
        transcript, media_path=mpath, transcript_path=tpath, source_format=result.report.format
    )
    if identity is not None:
        library.record_media_identity(project_id, identity)
    return OpenedProject(project_id, transcript, result.report, created=True)


def open_pair(
    library: Library,
    transcript_path: str | os.PathLike[str],
    media_path: str | os.PathLike[str] | None = None,
    *,
    title: str | None = None,
    fmt: str | None = None,
    encoding: str | None = None,
) -> OpenedProject:
    """The project for this media + transcript pair: reopened if the library has it, else
    imported (with ``title``, if given)."""
    media, source = _abs(media_path), _abs(transcript_path)
    existing = library.find_project(media, source)
    if existing is None and library.media_paths is not None and source is not None:
        # A shared library: the same video at this machine's own path is the same project.
        identity = _measure(media)
        if identity is not None:
            existing = library.find_by_identity(identity, os.path.basename(source))
            if existing is not None and media is not None:
                library.media_paths.set(existing, media)
    if existing is not None:
        library.touch_opened(existing)
        library.ensure_media_identity(existing)  # projects from before media identities
        return OpenedProject(existing, library.load_transcript(existing), None, created=False)
    return import_transcript(
        library, transcript_path, media_path, title=title, fmt=fmt, encoding=encoding
    )
