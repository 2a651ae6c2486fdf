"""Library round trips and lookups, on real SQLite files, read back through a fresh engine."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from app.core.transcript import Line, Note, Transcript
from app.store import library as library_module
from app.store.errors import ProjectExistsError, ProjectNotFound
from app.store.library import Library
from tests.store.conftest import sample_transcript

MEDIA, SOURCE = "/videos/ep12.mp4", "/videos/ep12.srt"


def test_saved_project_reads_back_equal_in_a_new_library(db_path: Path) -> None:
    given = sample_transcript()
    pristine = copy.deepcopy(given)
    with Library.open(str(db_path)) as lib:
        project = lib.create_project(
            given, media_path=MEDIA, transcript_path=SOURCE, source_format="srt"
        )
    with Library.open(str(db_path)) as lib:
        loaded = lib.load_transcript(project)
        info = lib.get_project(project)
    # The caller's transcript got the stored ids, so it equals what a later session loads.
    assert loaded == given
    assert [line.id for line in loaded.lines] == sorted(line.id for line in loaded.lines)
    assert all(line.id is not None for line in loaded.lines)
    first = loaded.lines[0]
    assert first.original_text == "Welcom back to the show"
    assert first.notes[0].body == "Typo fixed" and first.notes[0].id is not None
    assert [(h.start, h.end, h.tag) for h in first.highlights] == [(0, 7, "name"), (8, 12, "x")]
    assert loaded.lines[1].original_text is None  # never edited
    assert [line.status for line in loaded.lines] == ["unreviewed", "approved", "flagged"]
    assert loaded.lines[2].end_inferred is True
    assert loaded.title == pristine.title and loaded.metadata == pristine.metadata
    assert loaded.media == pristine.media
    assert (info.source_format, info.media_duration_ms, info.last_position_ms) == ("srt", 6500, 0)


def test_unedited_original_text_given_equal_to_text_reads_back_as_none(library: Library) -> None:
    transcript = Transcript([Line(0, 10, "same", original_text="same")])
    project = library.create_project(transcript, media_path=None, transcript_path="/a.srt")
    assert library.load_transcript(project).lines[0].original_text is None


def test_note_without_timestamps_gets_them(library: Library) -> None:
    transcript = Transcript([Line(0, 10, "x", notes=[Note("hm")])])
    project = library.create_project(transcript, media_path=None, transcript_path="/a.srt")
    note = library.load_transcript(project).lines[0].notes[0]
    assert note.created_at and note.updated_at == note.created_at
    assert note.created_at.endswith("+00:00")


def test_empty_transcript_and_no_media(library: Library) -> None:
    project = library.create_project(
        Transcript(title="blank"), media_path=None, transcript_path=None
    )
    loaded = library.load_transcript(project)
    assert loaded.lines == [] and loaded.media is None and loaded.title == "blank"


def test_same_pair_finds_same_project_other_pair_none(library: Library, tmp_path: Path) -> None:
    media, source = str(tmp_path / "v.mp4"), str(tmp_path / "v.srt")
    project = library.create_project(sample_transcript(), media_path=media, transcript_path=source)
    assert library.find_project(media, source) == project
    # The same files spelled differently are still the same pair.
    assert library.find_project(str(tmp_path / "x" / ".." / "v.mp4"), source) == project
    assert library.find_project(media, str(tmp_path / "other.srt")) is None
    assert library.find_project(None, source) is None
    assert library.find_project(None, None) is None


def test_transcript_without_media_is_found_and_not_duplicated(library: Library) -> None:
    project = library.create_project(sample_transcript(), media_path=None, transcript_path=SOURCE)
    assert library.find_project(None, SOURCE) == project
    assert library.find_project(MEDIA, SOURCE) is None
    with pytest.raises(ProjectExistsError) as caught:
        library.create_project(sample_transcript(), media_path=None, transcript_path=SOURCE)
    assert caught.value.project_id == project
    # Adding media makes it a different pair: allowed.
    other = library.create_project(sample_transcript(), media_path=MEDIA, transcript_path=SOURCE)
    assert other != project


def test_list_projects_counts_lines_and_reviewed(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = iter(f"2024-01-01T00:00:0{i}.000+00:00" for i in range(9))
    monkeypatch.setattr(library_module, "utc_now", lambda: next(clock))
    first = library.create_project(sample_transcript(), media_path=MEDIA, transcript_path=SOURCE)
    empty = library.create_project(Transcript(title="empty"), media_path=None, transcript_path=None)
    library.touch_opened(first)  # most recently opened comes first
    summaries = library.list_projects()
    assert [s.id for s in summaries] == [first, empty]
    assert (summaries[0].line_count, summaries[0].reviewed_count) == (3, 2)
    assert (summaries[1].line_count, summaries[1].reviewed_count) == (0, 0)
    assert summaries[0].title == "Episode 12" and summaries[0].media_path == MEDIA


def test_position_duration_and_touch_persist(db_path: Path) -> None:
    with Library.open(str(db_path)) as lib:
        transcript = sample_transcript()
        project = lib.create_project(transcript, media_path=MEDIA, transcript_path=SOURCE)
        before = lib.get_project(project).opened_at
        line_id = transcript.lines[1].id
        lib.set_position(project, 2_345, line_id)
        lib.set_media_duration(project, 7_000)
        lib.touch_opened(project)
    with Library.open(str(db_path)) as lib:
        info = lib.get_project(project)
    assert (info.last_position_ms, info.last_line_id, info.media_duration_ms) == (
        2345,
        line_id,
        7000,
    )
    assert info.opened_at >= before


def test_last_line_id_of_another_project_reads_as_none(library: Library) -> None:
    a = library.create_project(sample_transcript(), media_path=None, transcript_path="/a.srt")
    b_lines = sample_transcript()
    library.create_project(b_lines, media_path=None, transcript_path="/b.srt")
    library.set_position(a, 10, b_lines.lines[0].id)
    assert library.get_project(a).last_line_id is None


def test_missing_project_raises_project_not_found(library: Library) -> None:
    for call in (
        lambda: library.get_project(999),
        lambda: library.load_transcript(999),
        lambda: library.touch_opened(999),
        lambda: library.set_position(999, 0, None),
        lambda: library.delete_project(999),
    ):
        with pytest.raises(ProjectNotFound, match="999"):
            call()
    assert issubclass(ProjectNotFound, LookupError)


def test_failed_create_leaves_no_ids_on_the_transcript(library: Library) -> None:
    library.create_project(sample_transcript(), media_path=None, transcript_path=SOURCE)
    again = sample_transcript()
    with pytest.raises(ProjectExistsError):
        library.create_project(again, media_path=None, transcript_path=SOURCE)
    assert all(line.id is None for line in again.lines)


def test_line_ids_are_not_reused_after_delete(library: Library) -> None:
    first = sample_transcript()
    project = library.create_project(first, media_path=None, transcript_path="/a.srt")
    library.delete_project(project)
    second = sample_transcript()
    library.create_project(second, media_path=None, transcript_path="/a.srt")
    old = {line.id for line in first.lines}
    assert old.isdisjoint(line.id for line in second.lines)
