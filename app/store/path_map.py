"""Where this machine has each video of a shared library.

A team library is opened from many machines, each with its own copy of a video at its own path.
The library row keeps the media's identity (size + hash of its head) and the path of whoever
imported it; this per-machine map, a small JSON file in the user data folder, keeps this
machine's path for each (library, project). Nothing in it is shared, so nobody's relink moves
anybody else's video.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy.engine import make_url

FILE_NAME = "media-paths.json"


def map_file() -> Path:
    return Path(platformdirs.user_data_dir("proofreel", appauthor=False)) / FILE_NAME


def library_key(url: str) -> str:
    """The library as every login on this machine names it: the URL without user or password."""
    return make_url(url).set(username=None, password=None).render_as_string(hide_password=True)


class PathMap:
    """This machine's media paths for one library's projects."""

    def __init__(self, url: str, file: Path | None = None) -> None:
        self.key = library_key(url)
        self.file = file or map_file()

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # none yet, or unreadable: every project uses the library's own path
        return data if isinstance(data, dict) else {}

    def get(self, project_id: int) -> str | None:
        found = self._read().get(self.key, {})
        path = found.get(str(project_id)) if isinstance(found, dict) else None
        return path if isinstance(path, str) else None

    def set(self, project_id: int, path: str) -> None:
        """Remember ``path`` for the project; written whole, atomically (never half a file)."""
        data = self._read()
        mine = data.get(self.key)
        if not isinstance(mine, dict):
            mine = data[self.key] = {}
        mine[str(project_id)] = path
        self.file.parent.mkdir(parents=True, exist_ok=True)
        handle, partial = tempfile.mkstemp(prefix=".media-paths-", dir=self.file.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(data, out, indent=1, sort_keys=True)
            os.replace(partial, self.file)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise
