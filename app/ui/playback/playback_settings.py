"""Playback preferences (rewind on resume, skip sizes, what a click on a line does), read and
written in one place: the Preferences dialog writes them, the PlaybackController reads them."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings

__all__ = [
    "MAX_REWIND_MS",
    "MAX_SKIP_MS",
    "PlaybackSettings",
    "playback_settings",
    "save_playback_settings",
]

REWIND_KEY = "playback/rewind_ms"
SKIP_SHORT_KEY = "playback/skip_short_ms"
SKIP_LONG_KEY = "playback/skip_long_ms"
CLICK_PLAYS_KEY = "playback/click_plays"
MAX_REWIND_MS = 5000
MAX_SKIP_MS = 600_000


@dataclass(frozen=True)
class PlaybackSettings:
    rewind_ms: int = 1000  # played again on resume after a pause; 0: off
    skip_short_ms: int = 1000
    skip_long_ms: int = 5000
    click_plays: bool = True  # a click or Enter on a line plays from it (False: only goes there)


def _int(settings: QSettings, key: str, default: int, low: int, high: int) -> int:
    try:
        value = int(str(settings.value(key, default)))
    except (TypeError, ValueError):
        return default
    return min(max(value, low), high)


def playback_settings(settings: QSettings | None = None) -> PlaybackSettings:
    settings = settings if settings is not None else QSettings()
    default = PlaybackSettings()
    return PlaybackSettings(
        rewind_ms=_int(settings, REWIND_KEY, default.rewind_ms, 0, MAX_REWIND_MS),
        skip_short_ms=_int(settings, SKIP_SHORT_KEY, default.skip_short_ms, 100, MAX_SKIP_MS),
        skip_long_ms=_int(settings, SKIP_LONG_KEY, default.skip_long_ms, 100, MAX_SKIP_MS),
        click_plays=str(settings.value(CLICK_PLAYS_KEY, "true")).lower() not in ("false", "0"),
    )


def save_playback_settings(values: PlaybackSettings, settings: QSettings | None = None) -> None:
    settings = settings if settings is not None else QSettings()
    settings.setValue(REWIND_KEY, values.rewind_ms)
    settings.setValue(SKIP_SHORT_KEY, values.skip_short_ms)
    settings.setValue(SKIP_LONG_KEY, values.skip_long_ms)
    settings.setValue(CLICK_PLAYS_KEY, values.click_plays)
