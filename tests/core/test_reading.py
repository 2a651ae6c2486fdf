from app.core.reading import paragraphs
from app.core.transcript import Line


def _line(start_s: float, speaker: str = "", length_s: float = 1.0) -> Line:
    start = int(start_s * 1000)
    return Line(start_ms=start, end_ms=start + int(length_s * 1000), text="x", speaker=speaker)


def test_a_new_speaker_starts_a_new_paragraph() -> None:
    lines = [_line(0, "Ann"), _line(1, "Ann"), _line(2, "Bob"), _line(3, "Ann")]
    assert paragraphs(lines) == [(0, 1), (2,), (3,)]


def test_a_long_pause_starts_a_new_paragraph() -> None:
    lines = [_line(0), _line(1), _line(10), _line(11)]
    assert paragraphs(lines, pause_ms=2000) == [(0, 1), (2, 3)]


def test_without_speakers_a_paragraph_stops_at_its_length() -> None:
    lines = [_line(i) for i in range(20)]
    found = paragraphs(lines, max_lines=8)
    assert [len(p) for p in found] == [8, 8, 4]
    assert [row for p in found for row in p] == list(range(20))


def test_rows_a_filter_keeps_apart_never_share_a_paragraph() -> None:
    lines = [_line(i, "Ann") for i in range(6)]
    assert paragraphs(lines, [0, 1, 4, 5]) == [(0, 1), (4, 5)]
    assert paragraphs(lines, []) == []
