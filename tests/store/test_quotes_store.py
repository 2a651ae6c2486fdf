"""The Quotes list is kept in the library (table quotes, issue 17): what a fact-checker copied
comes back after closing, in order, with the lines it was taken from; on a team server each
login has a list of their own that nobody else can take quotes off; a viewer keeps none."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.quotes import QuoteItem, QuoteList, make_quote
from app.store.copying import copy_library
from app.store.errors import NotPermittedError, ProjectNotFound, ReadOnlyLibraryError
from app.store.library import Library
from app.store.quotes import QuotesStore
from tests.store.conftest import sample_transcript
from tests.store.team_logins import Team


def _project(library: Library) -> int:
    return library.create_project(sample_transcript(), media_path=None, transcript_path="/q")


def _item(library: Library, project: int, first: int, last: int | None = None) -> QuoteItem:
    transcript = library.load_transcript(project)
    book = QuoteList()
    return book.add(make_quote(transcript, first, last, start_char=0, end_char=7), 0, 7)


def test_quotes_come_back_after_reopening_in_order(library_url: str) -> None:
    with Library.open(library_url, actor="ann") as library:
        project = _project(library)
        first = QuotesStore(library).keep(project, _item(library, project, 0))
        second = QuotesStore(library).keep(project, _item(library, project, 1, 2))
        assert first.key is not None and second.key is not None and first.key != second.key
    with Library.open(library_url, actor="ann") as library:
        items, damaged = QuotesStore(library).kept(project)
        lines = library.load_transcript(project).lines
    assert damaged == 0
    assert [item.quote for item in items] == [first.quote, second.quote]
    assert [item.line_ids for item in items] == [(lines[0].id,), (lines[1].id, lines[2].id)]
    assert (items[0].start_char, items[0].end_char) == (0, 7)
    # What came back is redone against the lines as they are (the window does it on open).
    book = QuoteList()
    book.replace_all(items)
    with Library.open(library_url, actor="ann") as library:
        assert book.refresh(library.load_transcript(project)) == []
    assert book.quotes == [first.quote, second.quote]


def test_a_removed_quote_stays_removed_and_a_deleted_project_takes_its_list(
    library: Library,
) -> None:
    store = QuotesStore(library)
    project = _project(library)
    kept = store.keep(project, _item(library, project, 0))
    other = store.keep(project, _item(library, project, 1))
    assert kept.key is not None and store.forget(kept.key)
    assert not store.forget(kept.key), "already gone"
    assert [item.key for item in store.kept(project)[0]] == [other.key]
    library.delete_project(project)
    assert store.kept(project) == ([], 0)
    with pytest.raises(ProjectNotFound):
        store.keep(project, other)


def test_a_damaged_row_is_counted_not_fatal(sqlite_library: Library, db_path: Path) -> None:
    store = QuotesStore(sqlite_library)
    project = _project(sqlite_library)
    store.keep(project, _item(sqlite_library, project, 0))
    good = store.keep(project, _item(sqlite_library, project, 1))
    with sqlite_library.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE quotes SET quote = '{\"text\": 1' WHERE id = 1")
    items, damaged = store.kept(project)
    assert damaged == 1 and [item.key for item in items] == [good.key]


def test_a_read_only_library_keeps_no_quote_and_says_so(db_path: Path) -> None:
    with Library.open(str(db_path)) as library:
        project = _project(library)
        item = _item(library, project, 0)
    with Library.open(str(db_path), read_only=True) as library:  # as for a backup, or `--read-only`
        assert library.read_only
        with pytest.raises(ReadOnlyLibraryError) as refused:
            QuotesStore(library).keep(project, item)
        assert "not saved" in str(refused.value).lower() or "read-only" in str(refused.value)


def test_a_library_copy_carries_the_quotes(library_url: str, tmp_path: Path) -> None:
    with Library.open(library_url, actor="ann") as library:
        project = _project(library)
        kept = QuotesStore(library).keep(project, _item(library, project, 0))
    target = tmp_path / "copy.sqlite3"
    report = copy_library(library_url, str(target))
    assert report.rows["quotes"] == 1
    with Library.open(str(target), actor="ann") as copied:
        items, _ = QuotesStore(copied).kept(project)
        assert [(item.key, item.quote) for item in items] == [(kept.key, kept.quote)]
        again = QuotesStore(copied).keep(project, _item(copied, project, 1))
        assert again.key is not None and again.key > (kept.key or 0), "ids are not reused"


def test_on_a_team_server_each_login_has_its_own_list(team: Team) -> None:
    with team.open("commenter") as carla, team.open("editor") as eddie:
        mine = QuotesStore(carla).keep(team.project, _item(carla, team.project, 0))
        theirs = QuotesStore(eddie).keep(team.project, _item(eddie, team.project, 1))
        assert [i.key for i in QuotesStore(carla).kept(team.project)[0]] == [mine.key]
        assert [i.key for i in QuotesStore(eddie).kept(team.project)[0]] == [theirs.key]
        # The author is the login, and nobody takes another's quote off their list.
        assert theirs.key is not None and not QuotesStore(carla).forget(theirs.key)
        with carla.engine.begin() as conn:  # not even past the store, by SQL
            gone = conn.exec_driver_sql(f"DELETE FROM quotes WHERE id = {theirs.key}")
            assert gone.rowcount == 0
        with carla.engine.connect() as conn:
            authors = conn.exec_driver_sql("SELECT author FROM quotes ORDER BY id").scalars()
            assert list(authors) == [team.logins["commenter"], team.logins["editor"]]
    with team.open("viewer") as vera, pytest.raises(NotPermittedError) as refused:
        QuotesStore(vera).keep(team.project, _item(vera, team.project, 0))
    assert "viewer" in str(refused.value)
