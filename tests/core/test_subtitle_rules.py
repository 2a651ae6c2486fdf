"""Subtitle rule profiles: each rule on its edge values (at the limit passes, one past it is
reported with a message naming the limit and the value), the presets' figures, the default
changing nothing, and a project's choice kept as text and read back (or refused in words)."""

from __future__ import annotations

import pytest

from app.core.checks import KINDS, CheckSettings, Issue, format_precise, run_checks
from app.core.subtitle_rules import (
    CUSTOM,
    PRESETS,
    TRANSCRIPT,
    SubtitleProfile,
    SubtitleRules,
    profile_from_text,
    profile_to_text,
)
from app.core.transcript import Line

NETFLIX = SubtitleProfile("netflix_en").check_settings(CheckSettings())


def cue(start_ms: int, end_ms: int, text: str = "Fine.", line_id: int | None = None) -> Line:
    return Line(start_ms=start_ms, end_ms=end_ms, text=text, id=line_id)


def found(lines: list[Line], settings: CheckSettings = NETFLIX) -> list[tuple[int, str, str]]:
    return [(i.row, i.kind, i.message) for i in run_checks(lines, None, settings)]


def test_the_default_profile_is_todays_checks() -> None:
    base = CheckSettings(max_gap_ms=4_000, max_cps=18.0, min_duration_ms=500)
    assert SubtitleProfile().key == TRANSCRIPT
    assert SubtitleProfile().check_settings(base) is base
    # And today's settings switch every subtitle rule off.
    assert (base.max_row_chars, base.max_rows, base.max_duration_ms, base.min_gap_ms) == (0,) * 4
    long_row = [cue(0, 20_000, "x" * 300 + "\n" + "y\n" * 5), cue(20_000, 21_000)]
    assert found(long_row, CheckSettings(max_cps=0)) == []


def test_netflix_presets_carry_the_style_guides_figures() -> None:
    adult = PRESETS["netflix_en"][1]
    children = PRESETS["netflix_en_children"][1]
    assert adult == SubtitleRules(42, 2, 833, 7_000, 83, 20.0)
    assert children == SubtitleRules(42, 2, 833, 7_000, 83, 17.0)
    assert PRESETS["bbc"][1] == SubtitleRules(max_row_chars=37, max_rows=2, max_cps=15.0)
    assert PRESETS[TRANSCRIPT] == ("Transcript (no subtitle rules)", None)
    # A preset replaces the reading speed and the shortest time; the long-gap threshold stays.
    applied = SubtitleProfile("netflix_en").check_settings(CheckSettings(max_gap_ms=4_000))
    assert (applied.max_gap_ms, applied.max_cps, applied.min_duration_ms) == (4_000, 20.0, 833)


def test_new_kinds_are_listed() -> None:
    # listed after the timing checks, before the audio's
    at = KINDS.index("row_length")
    assert KINDS[at : at + 4] == ("row_length", "rows", "too_long", "gap_small")
    assert at > KINDS.index("zero_length") and at < KINDS.index("audio_disagrees")


def test_a_row_of_42_characters_passes_and_43_is_reported() -> None:
    ok = "a" * 42
    lines = [cue(0, 5_000, ok), cue(6_000, 11_000, ok + "\n" + "b" * 43, 7)]
    assert found(lines) == [(1, "row_length", "Row 2 has 43 characters (limit 42)")]
    one_row = [cue(0, 5_000, "c" * 43)]
    assert found(one_row) == [(0, "row_length", "43 characters on one row (limit 42)")]


def test_spaces_and_punctuation_count_in_a_row() -> None:
    text = "Yes, " * 8 + "no!"  # 43 characters, 9 of them spaces
    assert found([cue(0, 5_000, text)]) == [
        (0, "row_length", "43 characters on one row (limit 42)")
    ]


def test_several_long_rows_are_one_issue_naming_the_first() -> None:
    text = "d" * 44 + "\n" + "e" * 45
    issues = found(
        [cue(0, 6_000, text)], SubtitleRules(max_row_chars=42).check_settings(CheckSettings())
    )
    assert issues == [(0, "row_length", "Row 1 has 44 characters (limit 42); 1 more row too long")]
    three = "f" * 43 + "\n" + "g" * 43 + "\n" + "h" * 43
    rules = SubtitleRules(max_row_chars=42).check_settings(CheckSettings(max_cps=0))
    assert found([cue(0, 6_000, three)], rules)[0][2].endswith("; 2 more rows too long")


def test_two_rows_pass_and_three_are_reported() -> None:
    lines = [cue(0, 3_000, "One\nTwo"), cue(4_000, 7_000, "One\nTwo\nThree")]
    assert found(lines) == [(1, "rows", "3 rows (limit 2)")]
    # Empty rows count: a cue of three line breaks shows four rows.
    assert found([cue(0, 3_000, "\n\n\n")]) == [(0, "rows", "4 rows (limit 2)")]


def test_too_many_rows_and_a_long_row_on_one_cue() -> None:
    text = "i\nj\n" + "k" * 50
    assert found([cue(0, 6_000, text)]) == [
        (0, "rows", "3 rows (limit 2)"),
        (0, "row_length", "Row 3 has 50 characters (limit 42)"),
    ]


def test_five_sixths_of_a_second_passes_and_a_millisecond_less_is_too_short() -> None:
    lines = [cue(0, 833, "Hi."), cue(1_000, 1_832, "Oh.")]
    assert found(lines) == [(1, "zero_length", "Shown for only 832 ms (minimum 833 ms)")]


def test_seven_seconds_pass_and_a_millisecond_more_is_too_long() -> None:
    lines = [cue(0, 7_000, "Long enough."), cue(8_000, 15_001, "One more.")]
    assert found(lines) == [(1, "too_long", "On screen for 7.001 s (maximum 7 s)")]


def test_a_gap_of_two_frames_passes_and_less_is_too_small() -> None:
    lines = [
        cue(0, 1_000, "A.", 1),
        cue(1_083, 2_000, "B.", 2),  # 83 ms: two frames at 24 fps
        cue(2_082, 3_000, "C.", 3),  # 82 ms
        cue(3_000, 4_000, "D.", 4),  # touching: no gap at all
        cue(3_900, 5_000, "E.", 5),  # an overlap is an overlap, not a small gap
        cue(6_000, 7_000, "F.", 6),
    ]
    assert found(lines) == [
        (1, "gap_small", "Gap of only 82 ms before the next line (minimum 83 ms)"),
        (2, "gap_small", "No gap before the next line (minimum 83 ms)"),
        (3, "overlap", "Overlaps the next line by 0.1 s"),
    ]
    assert run_checks(lines, None, NETFLIX)[0].line_id == 2


def test_reading_speed_at_the_limit_passes_and_above_is_reported() -> None:
    twenty = "x" * 20  # 20 characters in 1 s: exactly 20 characters/s
    lines = [cue(0, 1_000, twenty), cue(2_000, 3_000, twenty + "y")]
    assert found(lines) == [(1, "reading_speed", "Reading speed 21 characters/s (limit 20)")]
    children = SubtitleProfile("netflix_en_children").check_settings(CheckSettings())
    assert found([cue(0, 1_000, "z" * 18)], children) == [
        (0, "reading_speed", "Reading speed 18 characters/s (limit 17)")
    ]


def test_a_line_break_is_not_read() -> None:
    assert found([cue(0, 1_000, "a" * 10 + "\n" + "b" * 10)]) == []


def test_bbc_rows_are_37_characters() -> None:
    bbc = SubtitleProfile("bbc").check_settings(CheckSettings())
    lines = [cue(0, 5_000, "m" * 37), cue(6_000, 11_000, "n" * 38)]
    assert found(lines, bbc) == [(1, "row_length", "38 characters on one row (limit 37)")]


def test_a_limit_of_zero_is_off() -> None:
    off = SubtitleProfile(CUSTOM, SubtitleRules()).check_settings(CheckSettings(max_cps=0))
    lines = [cue(0, 60_000, "o" * 200 + "\n\n\n"), cue(60_000, 61_000)]
    assert found(lines, off) == []


def test_issues_on_one_row_come_in_order() -> None:
    lines = [cue(0, 8_000, "p\nq\n" + "r" * 180), cue(8_010, 9_000)]
    assert [kind for _, kind, _ in found(lines)] == [
        "gap_small",
        "too_long",
        "reading_speed",
        "rows",
        "row_length",
    ]


def test_format_precise() -> None:
    assert format_precise(83) == "83 ms"
    assert format_precise(833) == "833 ms"
    assert format_precise(800) == "0.8 s"
    assert format_precise(7_000) == "7 s"
    assert format_precise(7_001) == "7.001 s"
    assert format_precise(1_250) == "1.25 s"
    assert format_precise(125_000) == "2 min 5 s"


@pytest.mark.parametrize(
    "profile",
    [
        SubtitleProfile("netflix_en"),
        SubtitleProfile("bbc"),
        SubtitleProfile(CUSTOM, SubtitleRules(32, 3, 1_000, 6_000, 120, 15.5)),
    ],
)
def test_a_profile_is_kept_as_text_and_read_back(profile: SubtitleProfile) -> None:
    text = profile_to_text(profile)
    assert text is not None
    assert profile_from_text(text) == profile


def test_the_default_is_kept_as_nothing() -> None:
    assert profile_to_text(SubtitleProfile()) is None
    assert profile_from_text(None) == SubtitleProfile()
    assert profile_from_text("") == SubtitleProfile()


def test_a_custom_profile_missing_a_limit_has_it_off() -> None:
    profile = profile_from_text('{"profile": "custom", "max_row_chars": 40}')
    assert profile.rules == SubtitleRules(max_row_chars=40)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("{not json", "not readable"),
        ('["netflix_en"]', "name no profile"),
        ('{"profile": "netflix_2031"}', 'unknown profile, "netflix_2031"'),
        ('{"profile": "custom", "max_rows": -1}', "max_rows is not a number of 0 or more"),
        ('{"profile": "custom", "max_cps": "fast"}', "max_cps is not a number"),
        ('{"profile": "custom", "max_cps": true}', "max_cps is not a number"),
        ('{"profile": "custom", "min_gap_ms": NaN}', "min_gap_ms is not a number"),
    ],
)
def test_an_unreadable_profile_is_refused_in_words(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        profile_from_text(text)


def test_issue_is_still_a_plain_tuple() -> None:
    issue = run_checks([cue(0, 5_000, "s" * 50)], None, NETFLIX)[0]
    assert isinstance(issue, Issue) and isinstance(issue, tuple)
