"""Recognition results kept on disk, so the second opinion, the re-time and the audio checks of
the same media reuse one pass instead of listening again (tiny.en needs ~0.1 s per second of
media, large models far more).

A result is keyed by the media file (absolute path, size, modification time), the model folder
and the language asked for: a changed file or another model is a miss. Files are JSON in the
user cache folder, written atomically; one that cannot be read is a miss, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path

from app.asr.passes import VERSION, from_json, to_json
from app.asr.result import Transcription

__all__ = ["RecognitionCache", "default_folder"]


def default_folder() -> Path:
    import platformdirs

    return Path(platformdirs.user_cache_dir("proofreel")) / "asr"


class RecognitionCache:
    def __init__(self, folder: str | os.PathLike[str] | None = None) -> None:
        self.folder = Path(folder) if folder is not None else default_folder()

    def _file(
        self, media: str | os.PathLike[str], model: Path, language: str | None
    ) -> Path | None:
        try:
            path = Path(media).resolve()
            info = path.stat()
        except OSError:
            return None
        key = json.dumps([str(path), info.st_size, info.st_mtime_ns, str(model), language or ""])
        return self.folder / (hashlib.sha256(key.encode("utf-8")).hexdigest()[:32] + ".json")

    def get(
        self, media: str | os.PathLike[str], model: Path, language: str | None
    ) -> Transcription | None:
        file = self._file(media, model, language)
        if file is None:
            return None
        try:
            data = json.loads(file.read_text("utf-8"))
            return from_json(data) if data.get("version") == VERSION else None
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None

    def put(
        self,
        media: str | os.PathLike[str],
        model: Path,
        language: str | None,
        result: Transcription,
    ) -> None:
        """Keep ``result``; a cache that cannot be written is skipped silently (it only saves
        time)."""
        file = self._file(media, model, language)
        if file is None:
            return
        temp = file.with_name(f".{file.name}.{os.getpid()}.tmp")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            temp.write_text(json.dumps(to_json(result), separators=(",", ":")), "utf-8")
            os.replace(temp, file)
        except OSError:
            with contextlib.suppress(OSError):
                temp.unlink()
