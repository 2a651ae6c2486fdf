"""Audio checks on given speech stretches: a reviewer sees lines shown over silence, speech that
no line covers, and the repeated phrases a recogniser invents over silence."""

from __future__ import annotations

from app.core.audio_checks import AUDIO_KINDS, run_audio_checks
from app.core.transcript import Line


def test_over_silence_and_speech_without_line() -> None:
    lines = [
        Line(0, 2_000, "Spoken line.", id=1),
        Line(5_000, 7_000, "Nobody says this.", id=2),
        Line(12_000, 13_000, "Back to speech.", id=3),
    ]
    speech = [(100, 1_900), (8_000, 10_500), (12_000, 12_900)]
    issues = run_audio_checks(lines, speech)
    assert [(i.row, i.line_id, i.kind, i.message, i.start_ms) for i in issues] == [
        (1, 2, "over_silence", "Over silence: no speech", 5_000),
        (1, 2, "speech_without_line", "Speech for 2.5 s with no line", 8_000),
    ]
    assert {i.kind for i in issues} <= set(AUDIO_KINDS)


def test_speech_partly_covered_reports_only_the_uncovered_part() -> None:
    lines = [Line(600, 2_000, "Short.", id=1)]
    issues = run_audio_checks(lines, [(0, 4_000)])
    # 0.6 s before the line is under the 1 s a report takes; the 2 s after it is not.
    assert [(i.message, i.start_ms) for i in issues] == [("Speech for 2 s with no line", 2_000)]


def test_repeated_text_is_reported() -> None:
    lines = [
        Line(0, 1_000, "Thank you.", id=1),
        Line(1_000, 2_000, "Thank you.", id=2),
        Line(2_000, 5_000, "I mean it, I mean it, I mean it, really.", id=3),
        Line(5_000, 6_000, "No, no.", id=4),
    ]
    speech = [(0, 6_000)]
    issues = run_audio_checks(lines, speech)
    assert [(i.row, i.kind, i.message) for i in issues] == [
        (1, "repeated_text", "Same text as the line before"),
        (2, "repeated_text", "Repeats “i mean it” 3 times"),
    ]
