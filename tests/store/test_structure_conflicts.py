"""Split and merge are stale writes too: a line another reviewer changed since it was read is
not split or merged from the old view (nothing written, their row in the conflict), and once
their row is taken as seen the same edit lands; on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from app.core.editing import split_line
from app.store import EditStore
from app.store.library import Library
from app.store.versions import ConflictError
from tests.store.conftest import sample_transcript


def test_a_split_of_a_line_changed_since_it_was_read_is_refused(library_url: str) -> None:
    with (
        Library.open(library_url, actor="ana") as ana,
        Library.open(library_url, actor="ben") as ben,
    ):
        project = ana.create_project(sample_transcript(), media_path=None, transcript_path="/t")
        line = ana.load_transcript(project).lines[0]
        ben.load_transcript(project)
        assert line.id is not None
        EditStore(ben).set_text(line.id, "Welcome back, everyone, to the show.")
        halves = list(split_line(line, 7, None))
        with pytest.raises(ConflictError) as caught:
            EditStore(ana).replace_lines(project, [line.id], 0, halves)
        assert caught.value.theirs.text == "Welcome back, everyone, to the show."
        assert len(ben.load_transcript(project).lines) == 3  # nothing split
        ana.versions.accept(caught.value.theirs)  # "keep mine": having seen theirs
        EditStore(ana).replace_lines(project, [line.id], 0, halves)
        texts = [ln.text for ln in ben.load_transcript(project).lines]
        assert texts[:2] == ["Welcome", "back to the show."]
