"""Subtitle rule profiles: the limits a subtitle deliverable is checked against (characters per
row, rows per cue, shortest and longest time on screen, smallest gap, reading speed), as the
built-in presets and a project's custom set, and how a project keeps its choice as text.

A profile turns the timing checks' settings (app.core.checks.CheckSettings) into the ones
run_checks uses for that project. The default, "Transcript (no subtitle rules)", changes
nothing: the thresholds of Preferences > Editing apply as they always did.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from app.core.checks import CheckSettings

__all__ = [
    "CUSTOM",
    "PRESETS",
    "TRANSCRIPT",
    "SubtitleProfile",
    "SubtitleRules",
    "profile_from_text",
    "profile_to_text",
]

TRANSCRIPT = "transcript"
CUSTOM = "custom"


@dataclass(frozen=True, slots=True)
class SubtitleRules:
    """The limits of one profile; 0 switches a limit off."""

    max_row_chars: int = 0  # characters on one row of a cue, spaces and punctuation included
    max_rows: int = 0  # rows of one cue
    min_duration_ms: int = 0  # shortest time on screen (0: only empty lines are reported)
    max_duration_ms: int = 0  # longest time on screen
    min_gap_ms: int = 0  # smallest gap to the next cue (an overlap is reported as such)
    max_cps: float = 0.0  # reading speed, characters per second (line breaks not counted)

    def check_settings(self, base: CheckSettings) -> CheckSettings:
        """``base`` with these limits in place of its reading speed and shortest duration; the
        long-gap and media-end thresholds stay the user's."""
        return replace(
            base,
            max_cps=self.max_cps,
            min_duration_ms=self.min_duration_ms,
            max_row_chars=self.max_row_chars,
            max_rows=self.max_rows,
            max_duration_ms=self.max_duration_ms,
            min_gap_ms=self.min_gap_ms,
        )


#: The built-in presets, in the order the chooser lists them: key -> (name, rules).
#: Transcript has no rules: run_checks gets the user's own thresholds, as before profiles.
PRESETS: dict[str, tuple[str, SubtitleRules | None]] = {
    TRANSCRIPT: ("Transcript (no subtitle rules)", None),
    # Netflix Timed Text Style Guide: General Requirements (minimum 5/6 s, i.e. 20 frames at
    # 24 fps; maximum 7 s; 2 lines; a gap of 2 frames, 83 ms at 24 fps) and English (USA)
    # Timed Text Style Guide (42 characters per line; 20 characters/s for adult programmes,
    # 17 for children's), partnerhelp.netflixstudios.com.
    "netflix_en": (
        "Netflix English (adult)",
        SubtitleRules(
            max_row_chars=42,
            max_rows=2,
            min_duration_ms=833,
            max_duration_ms=7_000,
            min_gap_ms=83,
            max_cps=20.0,
        ),
    ),
    "netflix_en_children": (
        "Netflix English (children's)",
        SubtitleRules(
            max_row_chars=42,
            max_rows=2,
            min_duration_ms=833,
            max_duration_ms=7_000,
            min_gap_ms=83,
            max_cps=17.0,
        ),
    ),
    # BBC Subtitle Guidelines (bbc.github.io/subtitle-guidelines, v1.1/1.2): a row is 68% of a
    # 16:9 picture's width, the 37 fixed-width characters of the Teletext rule it replaced
    # (3.1); two rows, three only when no picture is hidden (3.3); 160-180 words per minute
    # (4.1), which is 15 characters/s at the 200 wpm = 17 characters/s that Netflix's English
    # template equates. The guidelines give no fixed shortest/longest time or gap in
    # milliseconds (they time by words and shot changes), so those limits stay off here.
    "bbc": (
        "BBC",
        SubtitleRules(max_row_chars=37, max_rows=2, max_cps=15.0),
    ),
}


@dataclass(frozen=True, slots=True)
class SubtitleProfile:
    """A project's choice: a preset's key, or CUSTOM with its own rules."""

    key: str = TRANSCRIPT
    custom: SubtitleRules | None = None  # only for CUSTOM

    @property
    def rules(self) -> SubtitleRules | None:
        if self.key == CUSTOM:
            return self.custom or SubtitleRules()
        return PRESETS[self.key][1]

    def check_settings(self, base: CheckSettings) -> CheckSettings:
        rules = self.rules
        return base if rules is None else rules.check_settings(base)


_LIMITS = {f.name: f.type for f in fields(SubtitleRules)}


def profile_to_text(profile: SubtitleProfile) -> str | None:
    """What the project keeps (None for the default, so an untouched project stores nothing)."""
    if profile.key == TRANSCRIPT:
        return None
    data: dict[str, Any] = {"profile": profile.key}
    if profile.key == CUSTOM:
        data.update(asdict(profile.rules or SubtitleRules()))
    return json.dumps(data, sort_keys=True)


def profile_from_text(text: str | None) -> SubtitleProfile:
    """The profile a project kept; ValueError, in words a user can act on, for one that cannot
    be read (a newer Proofreel's preset, a hand-edited library)."""
    if not text:
        return SubtitleProfile()
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ValueError(f"The project's subtitle rules are not readable ({err.msg}).") from None
    if not isinstance(data, dict) or not isinstance(data.get("profile"), str):
        raise ValueError("The project's subtitle rules name no profile.")
    key = data["profile"]
    if key == CUSTOM:
        return SubtitleProfile(CUSTOM, _custom_rules(data))
    if key not in PRESETS:
        raise ValueError(f'The project\'s subtitle rules name an unknown profile, "{key}".')
    return SubtitleProfile(key)


def _custom_rules(data: dict[str, Any]) -> SubtitleRules:
    values: dict[str, Any] = {}
    for name, kind in _LIMITS.items():
        if name not in data:
            continue
        value = data[name]
        number_ok = isinstance(value, int | float) and not isinstance(value, bool)
        if not number_ok or not math.isfinite(value) or value < 0:
            raise ValueError(f"The project's subtitle limit {name} is not a number of 0 or more.")
        values[name] = float(value) if kind == "float" else round(value)
    return SubtitleRules(**values)
