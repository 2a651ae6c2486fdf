"""Second opinion, re-time and audio checks on the demo with the real recogniser (tiny.en):
three words changed in the seed transcript are all marked, and few other lines are; every line
shifted by 3 s comes back to the page's stamps; lines over silence and speech without a line
are found where they were made."""

from __future__ import annotations

from app.asr.analysis import audio_checks, opinion_of, retimed
from app.core.asr_opinion import most_doubtful_first, opinion_issues
from app.core.transcript import Line, Transcript
from app.store.editing import EditStore
from app.store.library import Library
from tests.asr.conftest import PAGE, VIDEO, seed_lines

# (row, word in the seed, the wrong word a typist put there)
CHANGES = [(5, "Russia", "Germany"), (30, "way", "road"), (40, "people", "soldiers")]
# (row, words the seed has, what the typist wrote instead: a word left out, one added)
EDITS = [(1, " Washington and", "", "missing"), (33, "I mean,", "I secretly mean,", "unsupported")]


def test_three_changed_words_are_all_marked_and_few_other_lines(demo_heard) -> None:
    heard = demo_heard[0]
    lines = seed_lines()
    for row, said, typed in CHANGES:
        assert said in lines[row].text
        lines[row].text = lines[row].text.replace(said, typed, 1)
    opinions = opinion_of(lines, heard)
    for row, said, typed in CHANGES:
        marks = [m for m in opinions[row].marks if m.expected.strip(",.") == typed]
        assert marks, f"line {row + 1}: {typed!r} for {said!r} not marked"
        assert said.lower() in marks[0].heard.lower()
    others = [o.row for o in opinions if o.marks and o.row not in {c[0] for c in CHANGES}]
    assert len(others) < 0.1 * (len(lines) - len(CHANGES)), f"other lines marked: {others}"
    # The review order puts the changed lines among the first few.
    first = [o.row for o in most_doubtful_first(opinions)[: len(CHANGES) + len(others)]]
    assert {c[0] for c in CHANGES} <= set(first)
    assert {i.row for i in opinion_issues(opinions)} == {c[0] for c in CHANGES} | set(others)


def test_a_word_left_out_and_a_word_added_are_marked(demo_heard) -> None:
    lines = seed_lines()
    for row, said, typed, _ in EDITS:
        lines[row].text = lines[row].text.replace(said, typed, 1)
    opinions = opinion_of(lines, demo_heard[0])
    kinds = {
        row: [(m.kind, m.expected or m.heard) for m in opinions[row].marks] for row, *_ in EDITS
    }
    assert ("missing", "Washington and") in kinds[1]
    assert ("unsupported", "secretly") in kinds[33]


def test_the_seed_as_spoken_has_few_marks(demo_heard) -> None:
    opinions = opinion_of(seed_lines(), demo_heard[0])
    marked = [o.row for o in opinions if o.marks]
    assert len(marked) < 0.1 * len(opinions), marked


def test_shifted_by_three_seconds_comes_back_within_300_ms(demo_heard, tmp_path) -> None:
    heard = demo_heard[0]
    shifted = seed_lines()
    stamps = [line.start_ms for line in shifted]
    for line in shifted:
        line.start_ms += 3_000
        line.end_ms += 3_000
    with Library.open(str(tmp_path / "library.sqlite3")) as library:
        project = library.create_project(
            Transcript(lines=shifted), media_path=str(VIDEO), transcript_path=str(PAGE)
        )
        lines = library.load_transcript(project).lines
        result = retimed(lines, heard)
        assert len(result.edits) == len(lines)
        assert result.report()[0].startswith(f"{len(lines)} of {len(lines)} lines re-timed")
        EditStore(library).set_timings(result.timings)
        stored = library.load_transcript(project).lines
    back = [abs(line.start_ms - stamp) <= 300 for line, stamp in zip(stored, stamps, strict=True)]
    assert sum(back) >= 0.9 * len(stored), f"{sum(back)} of {len(stored)} within 300 ms"
    assert all(line.words and line.words[0].start_ms == line.start_ms for line in stored)


def test_audio_checks_find_a_line_over_silence_and_speech_without_line(demo_heard) -> None:
    heard = demo_heard[0]
    lines = seed_lines()
    for line in lines:  # the page gives starts only: end each line where its speech does
        line.end_ms = line.start_ms
    for r in retimed(lines, heard).lines:
        lines[r.row].end_ms = r.end_ms
    assert not audio_checks(lines, heard), "the seed as spoken has no audio issue"
    # A line typed into the pause after the first line (nobody speaks 8-24 s), and line 11 lost.
    lost = lines.pop(10)
    lines.insert(1, Line(9_000, 14_000, "Nobody says this.", id=999))
    issues = audio_checks(lines, heard)
    found = {(i.kind, i.line_id) for i in issues}
    assert ("over_silence", 999) in found
    unlined = [i for i in issues if i.kind == "speech_without_line"]
    assert any(abs(i.start_ms - lost.start_ms) < 1_000 for i in unlined), unlined
