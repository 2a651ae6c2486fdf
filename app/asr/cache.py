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
from typing import Any

from app.asr.result import Transcription
from app.core.transcript import Line, MediaInfo, Transcript, Word

__all__ = ["RecognitionCache", "default_folder"]

_VERSION = 1


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
            return _from_json(data) if data.get("version") == _VERSION else None
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
            temp.write_text(json.dumps(_to_json(result), separators=(",", ":")), "utf-8")
            os.replace(temp, file)
        except OSError:
            with contextlib.suppress(OSError):
                temp.unlink()


def _to_json(result: Transcription) -> dict[str, Any]:
    t = result.transcript
    return {
        "version": _VERSION,
        "title": t.title,
        "media": t.media.path if t.media else None,
        "lines": [
            [
                x.start_ms,
                x.end_ms,
                x.text,
                [[w.start_ms, w.end_ms, w.text, w.confidence] for w in x.words],
            ]
            for x in t.lines
        ],
        "language": result.language,
        "language_probability": result.language_probability,
        "duration_ms": result.duration_ms,
        "model": result.model,
        "elapsed_s": result.elapsed_s,
        "speech": result.speech,
    }


def _from_json(data: dict[str, Any]) -> Transcription:
    lines = [
        Line(
            int(start),
            int(end),
            str(text),
            words=[Word(int(a), int(b), str(c), d) for a, b, c, d in words],
        )
        for start, end, text, words in data["lines"]
    ]
    media = data["media"]
    transcript = Transcript(
        lines=lines,
        title=str(data["title"]),
        media=MediaInfo(str(media), int(data["duration_ms"])) if media else None,
    )
    return Transcription(
        transcript,
        str(data["language"]),
        float(data["language_probability"]),
        int(data["duration_ms"]),
        str(data["model"]),
        float(data["elapsed_s"]),
        [(int(s), int(e)) for s, e in data["speech"]],
    )
