"""Writing an export so that a reader only ever sees the old file or the complete new one."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path

try:  # POSIX: a temp file being written is flock()ed, so a cleaner can tell it is in use
    import fcntl
except ImportError:  # pragma: no cover - Windows: age alone decides
    fcntl = None  # type: ignore[assignment]

__all__ = ["remove_stale_temps", "replace_atomically", "write_text"]

#: ``.NAME.<8 hex>.tmp``: exactly the names replace_atomically makes, so a user's own files
#: that merely look similar are never touched.
_OUR_TEMP = re.compile(r"\..+\.[0-9a-f]{8}\.tmp")
#: A temp file younger than this may belong to an export that has just created it and not yet
#: locked it; with no locks at all (Windows), only a day-old file is surely abandoned.
_MIN_AGE_S = 60.0 if fcntl is not None else 86_400.0


@contextlib.contextmanager
def _held(path: Path) -> Iterator[None]:
    """Hold an advisory lock on ``path`` for as long as it is being written."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    with open(path, "rb") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        yield


def _unlink_if_abandoned(path: Path, now: float) -> None:
    try:
        if now - path.lstat().st_mtime < _MIN_AGE_S or not path.is_file() or path.is_symlink():
            return
        if fcntl is None:  # pragma: no cover
            path.unlink()
            return
        with open(path, "rb") as handle:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return  # another export is still writing it
            path.unlink()
    except OSError:
        return  # gone already, or not ours to remove: the export itself must not fail on it


def remove_stale_temps(folder: Path) -> None:
    """Remove temp files a killed export left in ``folder`` (often MBs of a half PDF)."""
    now = time.time()
    try:
        names = [entry.name for entry in os.scandir(folder) if _OUR_TEMP.fullmatch(entry.name)]
    except OSError:
        return
    for name in names:
        _unlink_if_abandoned(folder / name, now)


def replace_atomically(target: Path, produce: Callable[[Path], None]) -> None:
    """Call ``produce(temp)`` on a new file beside ``target``, then rename it over ``target``.

    The temporary file lives in the same directory so the rename is atomic (same file system).
    Any failure, cancellation included, removes it and leaves ``target`` as it was; what a
    killed export left behind is removed by the next export to the same folder.
    """
    remove_stale_temps(target.parent)
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    # O_EXCL: never write through a file (or symlink) someone else put at that name.
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    os.close(fd)
    try:
        with _held(temp):
            produce(temp)
        with open(temp, "rb+") as done:
            os.fsync(done.fileno())
        with contextlib.suppress(FileNotFoundError):  # an existing file keeps its rights
            os.chmod(temp, stat.S_IMODE(target.stat().st_mode))
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str, *, bom: bool = False) -> None:
    """UTF-8, with the byte-order mark Excel needs to read CSV as UTF-8 when ``bom``."""
    path.write_bytes(("\ufeff" if bom else "").encode("utf-8") + text.encode("utf-8"))
