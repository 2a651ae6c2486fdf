"""A project's subtitle rule profile is kept in the library: read back by a new connection,
carried through a delete and restore, refused in words when a newer Proofreel wrote it."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import update

from app.core.subtitle_rules import CUSTOM, SubtitleProfile, SubtitleRules
from app.store.errors import ProjectNotFound
from app.store.library import Library
from app.store.models import projects
from tests.store.conftest import sample_transcript

CUSTOM_RULES = SubtitleProfile(CUSTOM, SubtitleRules(32, 3, 1_000, 6_000, 120, 15.5))


def test_a_new_project_has_the_default_profile(library: Library) -> None:
    project = library.create_project(sample_transcript(), media_path=None, transcript_path="/a")
    assert library.subtitle_profile(project) == SubtitleProfile()
    assert library.get_project(project).subtitle_rules is None


def test_the_profile_reads_back_in_a_new_library_per_project(library: Library) -> None:
    a = library.create_project(sample_transcript(), media_path=None, transcript_path="/a")
    b = library.create_project(sample_transcript(), media_path=None, transcript_path="/b")
    library.set_subtitle_profile(a, SubtitleProfile("netflix_en"))
    library.set_subtitle_profile(b, CUSTOM_RULES)
    with Library.open(library.url) as fresh:
        assert fresh.subtitle_profile(a) == SubtitleProfile("netflix_en")
        assert fresh.subtitle_profile(b) == CUSTOM_RULES
        fresh.set_subtitle_profile(a, SubtitleProfile())  # back to the default: nothing kept
        assert fresh.get_project(a).subtitle_rules is None
    assert library.subtitle_profile(a) == SubtitleProfile()


def test_a_missing_project_is_not_found(library: Library) -> None:
    with pytest.raises(ProjectNotFound):
        library.subtitle_profile(999)
    with pytest.raises(ProjectNotFound):
        library.set_subtitle_profile(999, SubtitleProfile("bbc"))


def test_a_profile_from_a_newer_proofreel_is_refused_in_words(library: Library) -> None:
    project = library.create_project(sample_transcript(), media_path=None, transcript_path="/a")
    with library.engine.begin() as conn:
        conn.execute(
            update(projects)
            .where(projects.c.id == project)
            .values(subtitle_rules='{"profile": "netflix_2031"}')
        )
    with pytest.raises(ValueError, match='unknown profile, "netflix_2031"'):
        library.subtitle_profile(project)
    assert library.load_transcript(project).lines  # the project itself still opens


def test_delete_and_restore_keep_the_profile(library: Library, db_path: Path) -> None:
    project = library.create_project(sample_transcript(), media_path=None, transcript_path="/a")
    library.set_subtitle_profile(project, CUSTOM_RULES)
    copy = library.delete_project_with_backup(project)
    assert copy is not None
    restored = library.restore_project_from(copy, project)
    assert library.subtitle_profile(restored) == CUSTOM_RULES
