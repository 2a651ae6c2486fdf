"""What the library keeps of speech recognition, in a real SQLite file: a transcription's lines
with word times and probabilities, and a re-time written (and undone) as one step."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.asr_retime import retime
from app.core.transcript import Line, Transcript, Word
from app.store.editing import EditStore
from app.store.errors import LineNotFound
from app.store.library import Library


@pytest.fixture
def library(tmp_path: Path):
    with Library.open(str(tmp_path / "library.sqlite3")) as lib:
        yield lib


def _transcribed() -> Transcript:
    return Transcript(
        lines=[
            Line(
                0,
                900,
                "Good evening.",
                words=[Word(0, 400, "Good", 0.97), Word(420, 900, "evening.", 0.31)],
            ),
            Line(1_200, 2_000, "Here is the news.", words=[Word(1_200, 2_000, "Here", 0.88)]),
        ],
        title="news",
    )


def test_recognised_words_and_probabilities_are_kept(library: Library, tmp_path: Path) -> None:
    transcript = _transcribed()
    project = library.create_project(
        transcript, media_path=str(tmp_path / "news.mp4"), transcript_path=None, source_format="asr"
    )
    again = library.load_transcript(project)
    assert [line.words for line in again.lines] == [line.words for line in transcript.lines]
    assert again.lines[0].words[1].confidence == 0.31


def test_a_retime_is_one_step_and_undoes_exactly(library: Library) -> None:
    transcript = _transcribed()
    for line in transcript.lines:  # typed in by hand: off by 3 s, no word times
        line.start_ms += 3_000
        line.end_ms += 3_000
        line.words = []
    project = library.create_project(transcript, media_path=None, transcript_path="/t.txt")
    before = library.load_transcript(project).lines
    heard = [
        Word(0, 400, "Good", 0.97),
        Word(420, 900, "evening", 0.9),
        Word(1_200, 1_500, "Here", 0.9),
        Word(1_500, 1_600, "is", 0.9),
        Word(1_600, 1_700, "the", 0.9),
        Word(1_700, 2_000, "news", 0.9),
    ]
    result = retime(before, heard)
    store = EditStore(library)
    changes = [
        (r.line_id, r.start_ms, r.end_ms, r.words) for r in result.lines if r.line_id is not None
    ]
    previous = store.set_timings(changes)
    after = library.load_transcript(project).lines
    assert [(x.start_ms, x.end_ms) for x in after] == [(0, 900), (1_200, 2_000)]
    assert [w.text for w in after[1].words] == ["Here", "is", "the", "news."]
    store.put_timings(previous)
    assert library.load_transcript(project).lines == before


def test_a_retime_naming_a_deleted_line_changes_nothing(library: Library) -> None:
    project = library.create_project(_transcribed(), media_path=None, transcript_path="/t.txt")
    before = library.load_transcript(project).lines
    store = EditStore(library)
    with pytest.raises(LineNotFound):
        store.set_timings([(before[0].id, 5, 10, None), (999_999, 0, 1, None)])
    assert library.load_transcript(project).lines == before
