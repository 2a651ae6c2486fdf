"""The timing checks' settings as QSettings holds them: the thresholds (Preferences > Editing
or the checks panel) and the kinds of issue the panel hides."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from app.core.checks import CheckSettings

__all__ = [
    "HIDDEN_KINDS_KEY",
    "MAX_CPS_KEY",
    "MAX_GAP_KEY",
    "MIN_DURATION_KEY",
    "as_list",
    "check_settings",
    "save_check_settings",
]

MAX_GAP_KEY = "checks/max_gap_ms"
MAX_CPS_KEY = "checks/max_cps"
MIN_DURATION_KEY = "checks/min_duration_ms"
HIDDEN_KINDS_KEY = "checks/hidden_kinds"


def check_settings(settings: QSettings | None = None) -> CheckSettings:
    """The thresholds as the user set them (Preferences > Editing or the panel itself)."""
    settings = settings if settings is not None else QSettings()
    default = CheckSettings()

    def number(key: str, fallback: float) -> float:
        try:
            return max(0.0, float(str(settings.value(key, fallback))))
        except ValueError:
            return fallback

    return CheckSettings(
        max_gap_ms=round(number(MAX_GAP_KEY, default.max_gap_ms)),
        max_cps=number(MAX_CPS_KEY, default.max_cps),
        min_duration_ms=round(number(MIN_DURATION_KEY, default.min_duration_ms)),
    )


def save_check_settings(values: CheckSettings, settings: QSettings | None = None) -> None:
    settings = settings if settings is not None else QSettings()
    settings.setValue(MAX_GAP_KEY, values.max_gap_ms)
    settings.setValue(MAX_CPS_KEY, values.max_cps)
    settings.setValue(MIN_DURATION_KEY, values.min_duration_ms)


def as_list(value: object) -> list[object]:
    """QSettings gives a one-item list back as a plain string (INI files): undo that."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [value]
    return list(value) if isinstance(value, list | tuple) else []
