"""A project's second opinion is kept in the library (table audio_marks): reopening the library
gives back the same heard words, probabilities and speech, with the model and when; a new pass
replaces the old one; deleting the project deletes it; on a team library the one who ran it is
the login role."""

from __future__ import annotations

import pytest

from app.asr.passes import keep_opinion, kept_opinion
from app.asr.result import Transcription
from app.core.transcript import Line, MediaInfo, Transcript, Word
from app.store.audio_marks import AudioMarksStore
from app.store.errors import ProjectNotFound
from app.store.library import Library
from tests.store.conftest import sample_transcript


def _heard(model: str, word: str) -> Transcription:
    words = [Word(0, 400, "Welcome", 0.93), Word(400, 900, word, 0.31)]
    lines = [Line(0, 900, f"Welcome {word}", words=words)]
    transcript = Transcript(lines=lines, title="ep12", media=MediaInfo("/videos/ep12.mp4", 6_500))
    return Transcription(transcript, "en", 0.98, 6_500, model, 1.25, [(0, 950), (1500, 3900)])


def test_a_kept_pass_comes_back_after_reopening(library_url: str) -> None:
    with Library.open(library_url, actor="ann") as library:
        project = library.create_project(
            sample_transcript(), media_path="/videos/ep12.mp4", transcript_path=None
        )
        assert kept_opinion(library, project) is None, "never run: nothing kept"
        keep_opinion(library, project, _heard("tiny.en", "back"), "ann")
    with Library.open(library_url, actor="ann") as library:
        found = kept_opinion(library, project)
        assert found is not None
        heard, run = found
        assert [(w.text, w.confidence, w.start_ms) for w in heard.words] == [
            ("Welcome", 0.93, 0),
            ("back", 0.31, 400),
        ]
        assert heard.speech == [(0, 950), (1500, 3900)]
        assert run.model == "tiny.en" and run.language == "en"
        assert run.made_at.startswith("20")
        expected = library.actor if library.shared else "ann"
        assert run.made_by == expected


def test_a_new_pass_replaces_the_old_and_a_deleted_project_takes_it_along(
    library: Library,
) -> None:
    project = library.create_project(
        sample_transcript(), media_path="/videos/ep12.mp4", transcript_path=None
    )
    other = library.create_project(
        sample_transcript(), media_path="/videos/other.mp4", transcript_path=None
    )
    keep_opinion(library, project, _heard("tiny.en", "back"), "")
    keep_opinion(library, other, _heard("tiny.en", "there"), "")
    keep_opinion(library, project, _heard("small", "bike"), "")
    found = kept_opinion(library, project)
    assert found is not None and found[1].model == "small"
    assert [w.text for w in found[0].words] == ["Welcome", "bike"], "the old pass is gone"
    library.delete_project(project)
    assert AudioMarksStore(library).kept(project) is None
    kept_other = kept_opinion(library, other)
    assert kept_other is not None and kept_other[0].words[1].text == "there", "others stay"
    assert AudioMarksStore(library).clear(other) is True
    assert kept_opinion(library, other) is None


def test_keeping_for_a_project_that_is_gone_says_so(library: Library) -> None:
    with pytest.raises(ProjectNotFound):
        keep_opinion(library, 999, _heard("tiny.en", "back"), "")


def test_a_pass_this_proofreel_cannot_read_is_as_if_never_run(library: Library) -> None:
    project = library.create_project(
        sample_transcript(), media_path="/videos/ep12.mp4", transcript_path=None
    )
    AudioMarksStore(library).keep(project, "tiny.en", "en", '{"version": 99}')
    assert kept_opinion(library, project) is None
    AudioMarksStore(library).keep(project, "tiny.en", "en", "not json at all")
    assert kept_opinion(library, project) is None
