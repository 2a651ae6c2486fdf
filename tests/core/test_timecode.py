"""Stamps as people and subtitle files write them, and the ones we must refuse."""

from __future__ import annotations

import pytest

from app.core.timecode import (
    TimecodeError,
    format_clock,
    format_duration,
    format_hms,
    format_srt,
    format_vtt,
    parse_stamp,
)


@pytest.mark.parametrize(
    ("stamp", "ms"),
    [
        ("00:00", 0),
        ("0:26", 26_000),
        ("04:22", 262_000),
        ("1:02:03", 3_723_000),
        ("01:02:03,456", 3_723_456),
        ("01:02:03.456", 3_723_456),
        ("00:00:01.5", 1_500),  # one digit of fraction is tenths
        ("00:00:01,05", 1_050),
        (" 12:34 ", 754_000),
        ("100:00:00", 360_000_000),
    ],
)
def test_parse_reads_common_stamps(stamp: str, ms: int) -> None:
    assert parse_stamp(stamp) == ms


@pytest.mark.parametrize(
    "stamp",
    [
        "",
        "   ",
        "ab:cd",
        "1:2x",
        "00:61",
        "00:00:61,000",
        "00:60:00",
        "1:5",
        "00:00:01,0000",
        "-0:01",
    ],
)
def test_parse_refuses_bad_stamps(stamp: str) -> None:
    with pytest.raises(TimecodeError):
        parse_stamp(stamp)


def test_parse_error_names_the_stamp() -> None:
    with pytest.raises(TimecodeError, match="00:61"):
        parse_stamp("00:61")


def test_formats_write_each_style() -> None:
    ms = 3_723_045
    assert format_srt(ms) == "01:02:03,045"
    assert format_vtt(ms) == "01:02:03.045"
    assert format_hms(ms) == "1:02:03.045"
    assert format_clock(ms) == "1:02:03"
    assert format_clock(62_999) == "01:02"
    assert format_clock(62_999, with_hours=True) == "0:01:02"


@pytest.mark.parametrize("fmt", [format_srt, format_vtt, format_hms])
def test_negative_times_are_refused(fmt: object) -> None:
    assert callable(fmt)
    with pytest.raises(TimecodeError, match="negative"):
        fmt(-1)


def test_clock_shows_zero_for_negative_times() -> None:
    # The transport clock may briefly see -1 from VLC before playback; it must not crash.
    assert format_clock(-500) == "00:00"


@pytest.mark.parametrize("ms", [0, 1, 999, 59_999, 3_599_999, 86_400_000])
def test_format_then_parse_round_trips(ms: int) -> None:
    assert parse_stamp(format_srt(ms)) == ms
    assert parse_stamp(format_vtt(ms)) == ms
    assert parse_stamp(format_hms(ms)) == ms


def test_clock_to_the_millisecond() -> None:
    """As the Start column shows it with "Show times to the millisecond": the same clock, and
    the milliseconds after it."""
    assert format_clock(62_345, millis=True) == "01:02.345"
    assert format_clock(62_345, with_hours=True, millis=True) == "0:01:02.345"
    assert format_clock(3_723_045, millis=True) == "1:02:03.045"
    assert format_clock(-5, millis=True) == "00:00.000"
    assert parse_stamp(format_clock(62_345, millis=True)) == 62_345


@pytest.mark.parametrize(
    ("ms", "tenths", "millis"),
    [
        (2_500, "2.5", "2.500"),
        (2_450, "2.5", "2.450"),  # half up, not to the even tenth
        (2_449, "2.4", "2.449"),
        (40, "0.0", "0.040"),
        (0, "0.0", "0.000"),
        (75_960, "76.0", "75.960"),
        (-500, "-0.5", "-0.500"),  # a line that ends before it starts says so
    ],
)
def test_durations_in_seconds(ms: int, tenths: str, millis: str) -> None:
    assert format_duration(ms) == tenths
    assert format_duration(ms, millis=True) == millis
