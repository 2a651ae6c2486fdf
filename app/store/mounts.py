"""Is a library file on a network file system? SQLite's locking is not safe on NFS, SMB/CIFS or
sshfs (WAL needs shared memory on one machine), so such a library is opened for reading only.

On Linux the answer comes from ``/proc/mounts`` (``MOUNTS``; tests point it at a fake file).
Elsewhere nothing is detected and the library opens as usual.
"""

from __future__ import annotations

import os
from pathlib import Path

MOUNTS = Path("/proc/mounts")

#: File system types of network shares, as /proc/mounts names them.
NETWORK_TYPES = frozenset(
    {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "sshfs", "afs", "9p", "fuse.rclone"}
)


def _unescape(field: str) -> str:
    # /proc/mounts writes a space, tab, newline and backslash in a path as octal escapes.
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def mount_of(path: Path, mounts: Path | None = None) -> tuple[str, str] | None:
    """(mount point, file system type) of the mount holding ``path``; None when unknown."""
    try:
        table = (mounts or MOUNTS).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    target = os.path.realpath(path)
    best: tuple[str, str] | None = None
    for row in table.splitlines():
        fields = row.split()
        if len(fields) < 3:
            continue
        point, kind = _unescape(fields[1]), fields[2]
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and (best is None or len(point) >= len(best[0])):
            best = (point, kind)
    return best


def network_share(path: Path, mounts: Path | None = None) -> str | None:
    """The network file system type ``path`` is on (e.g. "nfs4", "cifs"), else None."""
    found = mount_of(path, mounts)
    if found is None:
        return None
    kind = found[1]
    return kind if kind in NETWORK_TYPES or kind.startswith("nfs") else None
