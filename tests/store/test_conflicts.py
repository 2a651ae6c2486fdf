"""Team library, part 2: two reviewers (two Library objects) on one project, on SQLite and on a
real PostgreSQL: a stale text, timing or speaker write is refused with the server's row, never
written over; undo after someone else's edit is a conflict; marks and notes never conflict."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from app.store import EditStore
from app.store.library import Library
from app.store.review import ReviewStore
from app.store.versions import ConflictError
from tests.store.conftest import sample_transcript


@pytest.fixture
def pair(library_url: str) -> Iterator[tuple[Library, Library, int]]:
    """Ana and Ben, each with their own Library, both having loaded the project."""
    with (
        Library.open(library_url, actor="ana") as ana,
        Library.open(library_url, actor="ben") as ben,
    ):
        project = ana.create_project(sample_transcript(), media_path=None, transcript_path="/t")
        ana.load_transcript(project)
        ben.load_transcript(project)
        yield ana, ben, project


def _line_ids(lib: Library, project: int) -> list[int]:
    return [line.id for line in lib.load_transcript(project).lines if line.id is not None]


def test_a_stale_text_edit_is_refused_with_the_servers_row(
    pair: tuple[Library, Library, int],
) -> None:
    ana, ben, project = pair
    first = _line_ids(ana, project)[0]
    EditStore(ben).set_text(first, "Welcome back, everyone.")
    with pytest.raises(ConflictError) as caught:
        EditStore(ana).set_text(first, "Welcome back to our show.")
    conflict = caught.value
    assert conflict.theirs.text == "Welcome back, everyone."
    assert conflict.ours == {"text": "Welcome back to our show."}
    assert "changed by someone else" in str(conflict)
    # Ben's words are what the library holds: nothing was overwritten.
    assert ben.load_transcript(project).lines[0].text == "Welcome back, everyone."


def test_keep_mine_after_a_conflict_writes_over_the_seen_row(
    pair: tuple[Library, Library, int],
) -> None:
    ana, ben, project = pair
    first = _line_ids(ana, project)[0]
    EditStore(ben).set_text(first, "Ben's words.")
    with pytest.raises(ConflictError) as caught:
        EditStore(ana).set_text(first, "Ana's words.")
    ana.versions.accept(caught.value.theirs)  # "keep mine": having seen theirs
    EditStore(ana).set_text(first, "Ana's words.")
    # Ben's next edit from his old view is now the stale one.
    with pytest.raises(ConflictError):
        EditStore(ben).set_speaker([first], "CAROL")
    line = ben.load_transcript(project).lines[0]
    assert (line.text, line.speaker) == ("Ana's words.", "ANNA")


def test_undo_after_someone_elses_edit_is_a_conflict_not_an_overwrite(
    pair: tuple[Library, Library, int],
) -> None:
    ana, ben, project = pair
    second = _line_ids(ana, project)[1]
    ana_edit = EditStore(ana)
    before = ana_edit.set_text(second, "Thanks, happy to be here.")
    ben.load_transcript(project)  # Ben sees Ana's correction, then corrects it himself
    EditStore(ben).set_text(second, "Thanks, so happy to be here.")
    with pytest.raises(ConflictError) as caught:
        ana_edit.put_text_state(second, *before)  # Ana's Ctrl+Z
    assert caught.value.theirs.text == "Thanks, so happy to be here."
    assert ana.load_transcript(project).lines[1].text == "Thanks, so happy to be here."


def test_own_edits_and_their_undo_redo_never_conflict(pair: tuple[Library, Library, int]) -> None:
    ana, _ben, project = pair
    first = _line_ids(ana, project)[0]
    edit = EditStore(ana)
    old_text = edit.set_text(first, "One.")
    old_times = edit.set_times(first, 100, 1400)
    old_speakers = edit.set_speaker([first], "ZOE")
    edit.restore_speakers(old_speakers)
    edit.put_times(first, *old_times)
    edit.put_text_state(first, *old_text)
    line = ana.load_transcript(project).lines[0]
    assert (line.text, line.start_ms, line.end_ms, line.speaker) == (
        "Welcome back to the show.",
        0,
        1500,
        "ANNA",
    )


def test_stale_timing_and_speaker_writes_are_refused(pair: tuple[Library, Library, int]) -> None:
    ana, ben, project = pair
    ids = _line_ids(ana, project)
    EditStore(ben).set_times(ids[1], 1600, 3900)
    EditStore(ben).set_speaker([ids[2]], "BEN")
    with pytest.raises(ConflictError) as timing:
        EditStore(ana).set_times(ids[1], 1500, 4100)
    assert (timing.value.theirs.start_ms, timing.value.theirs.end_ms) == (1600, 3900)
    with pytest.raises(ConflictError) as speaker:
        EditStore(ana).set_speaker([ids[0], ids[2]], "ANA")
    assert speaker.value.theirs.speaker == "BEN"
    lines = ana.load_transcript(project).lines
    # All or nothing: the first line, unchanged by Ben, did not get Ana's speaker either.
    assert [line.speaker for line in lines] == ["ANNA", "BEN", "BEN"]
    assert (lines[1].start_ms, lines[1].end_ms) == (1600, 3900)


def test_a_stale_replace_all_writes_nothing(pair: tuple[Library, Library, int]) -> None:
    ana, ben, project = pair
    ids = _line_ids(ana, project)
    EditStore(ben).set_text(ids[2], "Let us start.")
    with pytest.raises(ConflictError) as caught:
        EditStore(ana).replace_all([(ids[0], "Welcome back to the podcast."), (ids[2], "Go.")])
    assert [c.theirs.line_id for c in caught.value.conflicts] == [ids[2]]
    texts = [line.text for line in ana.load_transcript(project).lines]
    assert texts[0] == "Welcome back to the show." and texts[2] == "Let us start."


def test_review_marks_and_notes_never_conflict_with_text_edits(
    pair: tuple[Library, Library, int],
) -> None:
    ana, ben, project = pair
    first = _line_ids(ana, project)[0]
    EditStore(ben).set_text(first, "Welcome back, all.")
    ReviewStore(ana).set_status([first], "approved")
    ReviewStore(ana).add_note(first, "Check the name", "ana")
    ReviewStore(ana).add_highlight(first, 0, 7, "name", "")
    line = ben.load_transcript(project).lines[0]
    assert line.status == "approved"
    assert [n.body for n in line.notes][-1] == "Check the name"
    assert line.text == "Welcome back, all."


def test_concurrent_notes_statuses_and_highlights_all_land(library_url: str) -> None:
    with Library.open(library_url) as setup:
        project = setup.create_project(sample_transcript(), media_path=None, transcript_path="/t")
        ids = _line_ids(setup, project)
    rounds = 20
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def reviewer(name: str) -> None:
        try:
            with Library.open(library_url, actor=name) as lib:
                review = ReviewStore(lib)
                start.wait()
                for i in range(rounds):
                    line = ids[i % len(ids)]
                    review.add_note(line, f"{name} {i}", name)
                    review.add_highlight(line, 0, 3, name, "")
                    review.set_status([line], "flagged" if name == "ana" else "approved")
        except BaseException as err:  # pragma: no cover - reported below
            errors.append(err)

    threads = [threading.Thread(target=reviewer, args=(n,)) for n in ("ana", "ben")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with Library.open(library_url) as check:
        lines = check.load_transcript(project).lines
    bodies = {n.body for line in lines for n in line.notes}
    assert {f"{who} {i}" for who in ("ana", "ben") for i in range(rounds)} <= bodies
    tags = [h.tag for line in lines for h in line.highlights]
    assert tags.count("ana") == rounds and tags.count("ben") == rounds
