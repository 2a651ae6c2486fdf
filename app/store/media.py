"""Which file a project's media is: its size and a hash of its first MiB, and where a moved file
went.

Size plus the first MiB tells a renamed or moved recording from a different one without reading
a multi-gigabyte file; two encodes of the same talk differ in both. The search is cheap on
purpose: one ``stat`` per file in a few folders, and a hash only for files of the right size.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

__all__ = [
    "HEAD_BYTES",
    "MediaIdentity",
    "MediaRecord",
    "find_moved_media",
    "is_local_file_path",
    "matches",
    "media_identity",
]

HEAD_BYTES = 1 << 20  # 1 MiB
#: A folder with more entries than this is scanned only this far (a huge Downloads folder).
SCAN_LIMIT = 5000


@dataclass(slots=True, frozen=True)
class MediaIdentity:
    size: int
    head_sha256: str  # hex digest of the first HEAD_BYTES bytes (of the whole file if smaller)


class MediaRecord(Protocol):
    """What the search needs to know about a project; :class:`ProjectInfo` is one."""

    @property
    def media_path(self) -> str | None: ...

    @property
    def transcript_path(self) -> str | None: ...

    @property
    def media_size(self) -> int | None: ...

    @property
    def media_head_sha256(self) -> str | None: ...


def is_local_file_path(path: str | None) -> bool:
    """A path on disk (not a stream URL, not empty): the only kind that can go missing here."""
    return bool(path) and "://" not in str(path)


def _head_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        digest.update(handle.read(HEAD_BYTES))
    return digest.hexdigest()


def media_identity(path: str | os.PathLike[str]) -> MediaIdentity:
    """Size and first-MiB hash of a file. Raises OSError when it cannot be read."""
    file = Path(path)
    size = file.stat().st_size
    return MediaIdentity(size, _head_hash(file))


def matches(path: str | os.PathLike[str], identity: MediaIdentity) -> bool:
    """True when ``path`` is a readable file with that size and first-MiB hash (stat first)."""
    file = Path(path)
    try:
        if not file.is_file() or file.stat().st_size != identity.size:
            return False
        return _head_hash(file) == identity.head_sha256
    except OSError:
        return False


def identity_of(record: MediaRecord) -> MediaIdentity | None:
    if record.media_size is None or record.media_head_sha256 is None:
        return None
    return MediaIdentity(record.media_size, record.media_head_sha256)


def _folders(record: MediaRecord) -> list[Path]:
    """The old folder (if it is still there) and the transcript's folder, each once."""
    found: list[Path] = []
    seen: set[str] = set()
    for path in (record.media_path, record.transcript_path):
        if not is_local_file_path(path):
            continue
        assert path is not None
        folder = Path(path).parent
        try:
            key = os.path.normcase(str(folder.resolve()))
            if key in seen or not folder.is_dir():
                continue
        except OSError:
            continue
        seen.add(key)
        found.append(folder)
    return found


def _files(folder: Path, *, depth: int) -> Iterator[os.DirEntry[str]]:
    """Files in ``folder`` and (depth 1) its direct, non-hidden subfolders; no symlinked dirs."""
    try:
        with os.scandir(folder) as entries:
            listing = []
            for count, entry in enumerate(entries):
                if count >= SCAN_LIMIT:
                    break
                listing.append(entry)
    except OSError:
        return
    subfolders: list[Path] = []
    for entry in listing:
        try:
            if entry.is_file():
                yield entry
            elif (
                depth > 0 and not entry.name.startswith(".") and entry.is_dir(follow_symlinks=False)
            ):
                subfolders.append(Path(entry.path))
        except OSError:
            continue
    for sub in sorted(subfolders):
        yield from _files(sub, depth=depth - 1)


def find_moved_media(record: MediaRecord) -> list[Path]:
    """Where the project's media may have gone: files with its name, or of its size and hash.

    Searches the old folder (if it still exists) and the transcript's folder, each with its
    direct subfolders. With a known identity only verified files are returned (a file with the
    right name but other contents is a different recording); without one, files of the same
    name are returned unverified. Nearest first: the old folder, then the transcript's.
    """
    if not is_local_file_path(record.media_path):
        return []
    assert record.media_path is not None
    old = Path(record.media_path)
    name = os.path.normcase(old.name)
    identity = identity_of(record)
    found: list[Path] = []
    seen: set[str] = set()
    for folder in _folders(record):
        for entry in _files(folder, depth=1):
            path = Path(entry.path)
            key = os.path.normcase(os.path.abspath(entry.path))
            if key in seen or path == old:
                continue
            same_name = os.path.normcase(entry.name) == name
            if identity is None:
                hit = same_name
            else:
                try:
                    size = entry.stat().st_size
                except OSError:
                    continue
                # stat is free next to hashing: only a file of the exact size is read at all.
                hit = size == identity.size and matches(path, identity)
            if hit:
                seen.add(key)
                found.append(path)
    return found
