"""Timing checks on crafted lines: each kind on the right row with a message a user can act on."""

from __future__ import annotations

from app.core.checks import CheckSettings, Issue, format_seconds, reading_speed, run_checks
from app.core.transcript import Line

SETTINGS = CheckSettings(max_gap_ms=10_000, max_cps=20.0)


def line(start: float, end: float, text: str = "Fine.", line_id: int | None = None) -> Line:
    return Line(start_ms=round(start * 1000), end_ms=round(end * 1000), text=text, id=line_id)


def clean() -> list[Line]:
    return [
        line(0, 2, "Good evening.", 1),
        line(2, 4.5, "Here is the news.", 2),
        line(5, 8, "Talks resume next week.", 3),
        line(12, 15, "After a long pause.", 4),
    ]


def kinds(issues: list[Issue]) -> list[tuple[int, str]]:
    return [(i.row, i.kind) for i in issues]


def test_a_clean_transcript_has_no_issues() -> None:
    assert run_checks(clean(), 20_000, SETTINGS) == []
    assert run_checks([], 20_000, SETTINGS) == []
    assert run_checks(clean(), None, SETTINGS) == []


def test_overlap_is_reported_on_the_line_that_runs_on() -> None:
    lines = clean()
    lines[1].end_ms = 5_400  # the next line starts at 5.0 s
    issues = run_checks(lines, None, SETTINGS)
    assert kinds(issues) == [(1, "overlap")]
    assert issues[0].message == "Overlaps the next line by 0.4 s"
    assert issues[0].line_id == 2
    assert issues[0].start_ms == 2_000


def test_a_line_out_of_order_is_reported_once_on_itself() -> None:
    lines = clean()
    lines[2] = line(1, 1.8, "Too early.", 3)
    issues = run_checks(lines, None, SETTINGS)
    assert kinds(issues) == [(2, "order")]
    assert issues[0].message == "Starts before the line above"


def test_past_the_end_uses_the_media_duration() -> None:
    lines = [*clean(), line(268, 275, "The last words.", 5), line(280, 283, "After it.", 6)]
    duration = 269_000  # 4:29
    issues = [i for i in run_checks(lines, duration, SETTINGS) if i.kind == "past_end"]
    assert [(i.row, i.message) for i in issues] == [
        (4, "Past the end of the media (4:29)"),
        (5, "Starts after the end of the media (4:29)"),
    ]
    assert not [i for i in run_checks(lines, None, SETTINGS) if i.kind == "past_end"]
    assert not [i for i in run_checks(lines, 300_000, SETTINGS) if i.kind == "past_end"]


def test_ending_a_moment_after_the_media_is_not_an_issue() -> None:
    lines = [line(0, 10.3, "Ends on the last frame, rounded up.")]
    assert run_checks(lines, 10_000, SETTINGS) == []


def test_long_gaps_follow_the_threshold() -> None:
    lines = [line(0, 2, "One.", 1), line(16, 18, "Two.", 2), line(19, 20, "Three.", 3)]
    issues = run_checks(lines, None, SETTINGS)
    assert kinds(issues) == [(0, "gap")]
    assert issues[0].message == "Gap of 14 s before the next line"
    assert run_checks(lines, None, CheckSettings(max_gap_ms=20_000)) == []
    assert run_checks(lines, None, CheckSettings(max_gap_ms=0)) == []  # 0: off


def test_reading_speed_counts_characters_per_second() -> None:
    text = "This line has far too many words for the one second it is shown."  # 65 chars
    lines = [line(0, 2, "Fine."), line(2, 3, text[:27]), line(3, 4, text[:20])]
    issues = run_checks(lines, None, SETTINGS)
    assert kinds(issues) == [(1, "reading_speed")]
    assert issues[0].message == "Reading speed 27 characters/s (limit 20)"
    assert run_checks(lines, None, CheckSettings(max_cps=30)) == []
    assert run_checks(lines, None, CheckSettings(max_cps=0)) == []


def test_line_breaks_are_not_read() -> None:
    lines = [line(0, 1, "Ten chars.\nTen chars!")]  # 20 characters and a break
    assert run_checks(lines, None, SETTINGS) == []


def test_lines_without_time_on_screen() -> None:
    lines = [line(0, 1, "One."), line(1, 1, "No time."), line(2, 1.5, "Backwards.")]
    issues = run_checks(lines, None, SETTINGS)
    zero = [(i.row, i.message) for i in issues if i.kind == "zero_length"]
    assert zero == [(1, "Has no duration"), (2, "Ends before it starts")]
    assert not [i for i in issues if i.kind == "reading_speed"]  # not "infinitely fast" too


def test_a_minimum_duration_reports_short_lines() -> None:
    lines = [line(0, 0.3, "Yes."), line(1, 3, "A line shown long enough.")]
    assert run_checks(lines, None, SETTINGS) == []
    issues = run_checks(lines, None, CheckSettings(min_duration_ms=800))
    assert [(i.row, i.kind, i.message) for i in issues] == [
        (0, "zero_length", "Shown for only 0.3 s (minimum 0.8 s)")
    ]


def test_several_issues_come_in_row_order() -> None:
    lines = [
        line(0, 3, "x" * 80, 1),  # too fast and overlapping the next
        line(2, 4, "Two.", 2),
        line(30, 31, "Three.", 3),  # after a gap of 26 s
    ]
    issues = run_checks(lines, 30_000, SETTINGS)
    assert kinds(issues) == [(0, "overlap"), (0, "reading_speed"), (1, "gap"), (2, "past_end")]


def test_format_seconds() -> None:
    assert format_seconds(400) == "0.4 s"
    assert format_seconds(2_000) == "2 s"
    assert format_seconds(14_200) == "14 s"
    assert format_seconds(125_000) == "2 min 5 s"
    assert format_seconds(120_000) == "2 min"


def test_reading_speed_counts_as_the_check_does() -> None:
    """The CPS column and the reading-speed check agree: line breaks are not read."""
    assert reading_speed("x" * 50, 2_500) == 20.0
    assert reading_speed("ab\ncd", 1_000) == 4.0
    assert reading_speed("anything", 0) is None
    assert reading_speed("anything", -10) is None
    fast = Line(0, 1_000, "x" * 21)
    (issue,) = run_checks([fast], None, CheckSettings(max_gap_ms=0))
    assert issue.kind == "reading_speed" and reading_speed(fast.text, fast.duration_ms) == 21.0
