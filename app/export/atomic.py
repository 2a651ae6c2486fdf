"""Writing an export so that a reader only ever sees the old file or the complete new one."""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Callable
from pathlib import Path

__all__ = ["replace_atomically", "write_text"]


def replace_atomically(target: Path, produce: Callable[[Path], None]) -> None:
    """Call ``produce(temp)`` on a new file beside ``target``, then rename it over ``target``.

    The temporary file lives in the same directory so the rename is atomic (same file system).
    Any failure, cancellation included, removes it and leaves ``target`` as it was.
    """
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    # O_EXCL: never write through a file (or symlink) someone else put at that name.
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    os.close(fd)
    try:
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
