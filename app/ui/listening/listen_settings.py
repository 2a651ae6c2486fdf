"""What the Listen menu's commands read from Preferences (QSettings): the model folder and the
spoken language, and whether they can run here at all (the ``asr`` extra, a model, media)."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings

from app.asr.errors import INSTALL_HINT, ModelNotFound
from app.asr.models import bundled_model, resolve_model

__all__ = [
    "LANGUAGES",
    "LANGUAGE_KEY",
    "MODEL_KEY",
    "ListenSettings",
    "check_model_folder",
    "listen_settings",
    "missing_extra",
    "save_listen_settings",
]

MODEL_KEY = "listening/model_folder"
LANGUAGE_KEY = "listening/language"

#: Languages offered by name (Whisper knows ~100; these cover most uses). "" is auto-detect.
LANGUAGES: tuple[tuple[str, str], ...] = (
    ("en", "English"),
    ("de", "German"),
    ("fr", "French"),
    ("es", "Spanish"),
    ("it", "Italian"),
    ("pt", "Portuguese"),
    ("nl", "Dutch"),
    ("pl", "Polish"),
    ("sv", "Swedish"),
    ("da", "Danish"),
    ("no", "Norwegian"),
    ("fi", "Finnish"),
    ("cs", "Czech"),
    ("ru", "Russian"),
    ("uk", "Ukrainian"),
    ("tr", "Turkish"),
    ("ar", "Arabic"),
    ("hi", "Hindi"),
    ("zh", "Chinese"),
    ("ja", "Japanese"),
    ("ko", "Korean"),
)


@dataclass(frozen=True, slots=True)
class ListenSettings:
    model_folder: str = ""  # "": the bundled tiny.en
    language: str = ""  # "": detect


def listen_settings(settings: QSettings | None = None) -> ListenSettings:
    s = settings if settings is not None else QSettings()
    return ListenSettings(str(s.value(MODEL_KEY, "") or ""), str(s.value(LANGUAGE_KEY, "") or ""))


def save_listen_settings(values: ListenSettings, settings: QSettings | None = None) -> None:
    s = settings if settings is not None else QSettings()
    s.setValue(MODEL_KEY, values.model_folder)
    s.setValue(LANGUAGE_KEY, values.language)


def missing_extra() -> str | None:
    """One line saying what to install, or None when faster-whisper is there (looked up, not
    imported: the menus ask this each time they open)."""
    if importlib.util.find_spec("faster_whisper") is None:
        return f"Speech recognition is not installed: {INSTALL_HINT}"
    return None


def check_model_folder(folder: str) -> str | None:
    """Why ``folder`` (or, for "", the bundled model) cannot be used, or None when it can."""
    if not folder and bundled_model() is None:
        return "No speech model: choose a model folder in Preferences > Listening"
    try:
        resolve_model(Path(folder) if folder else None)
    except ModelNotFound as err:
        return str(err)[:1].upper() + str(err)[1:]
    return None
