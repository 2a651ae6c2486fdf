"""Each reviewer's own mark (issue 15, item 3): two Library objects, two reviewers, on one
SQLite file (the name given at open) and on the test PostgreSQL (two login roles). Both marks
are kept, the team state follows the library's done rule, a rule change works every line out
again, and undo gives back the reviewer's own previous mark only."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.core.team_review import LineMarks
from app.core.transcript import Line, Transcript
from app.store.copying import copy_library
from app.store.errors import LineNotFound, ReadOnlyLibraryError
from app.store.library import Library
from app.store.review import ReviewStore
from tests.helpers.postgres import PASSWORD, PASSWORD_ROLE, PostgresServer
from tests.store.conftest import sample_transcript

BEN, BEN_PASSWORD = "ben", "s3cret-ben"


def _grant_logins(server: PostgresServer, url: str) -> tuple[str, str]:
    """Two login roles that may write the test database: "ana" and "ben"."""
    database = url.split("@/", 1)[1].split("?", 1)[0]
    server.admin(
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{BEN}') THEN "
        f"CREATE ROLE {BEN} LOGIN PASSWORD '{BEN_PASSWORD}'; END IF; END $$"
    )
    for role in (PASSWORD_ROLE, BEN):
        server.admin(
            f"GRANT ALL ON ALL TABLES IN SCHEMA public TO {role}",
            f"GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO {role}",
            database=database,
        )
    ana = server.url(database, user=PASSWORD_ROLE, password=PASSWORD)
    return ana, server.url(database, user=BEN, password=BEN_PASSWORD)


@pytest.fixture
def team(library_url: str, request: pytest.FixtureRequest) -> Iterator[tuple[Library, Library]]:
    """Ana's and Ben's Library on one library; its project is the sample (line 1 approved and
    line 2 flagged when imported: marks by no known reviewer)."""
    if library_url.startswith("postgresql"):
        ana_url, ben_url = _grant_logins(request.getfixturevalue("postgres_server"), library_url)
    else:
        ana_url = ben_url = library_url
    with Library.open(library_url) as setup:
        setup.create_project(sample_transcript(), media_path=None, transcript_path="/t.srt")
    with Library.open(ana_url, actor="ana") as ana, Library.open(ben_url, actor=BEN) as ben:
        assert (ana.actor, ben.actor) == ("ana", BEN)
        yield ana, ben


def _ids(lib: Library) -> list[int]:
    return [line.id for line in lib.load_transcript(1).lines if line.id is not None]


def _statuses(lib: Library) -> list[str]:
    return [line.status for line in lib.load_transcript(1).lines]


def test_both_reviewers_marks_are_kept_and_a_flag_wins_until_its_reviewer_changes_it(
    team: tuple[Library, Library],
) -> None:
    ana, ben = team
    first = _ids(ana)[0]
    ReviewStore(ana).set_status([first], "approved")
    ReviewStore(ben).set_status([first], "flagged")
    assert _statuses(ana)[0] == "flagged"
    status, marks = ReviewStore(ana).line_marks("ana", line_ids=[first])[first]
    assert (status, marks.approvers, marks.flaggers, marks.mine) == (
        "flagged",
        ("ana",),
        (BEN,),
        "approved",
    )
    assert ReviewStore(ben).line_marks(BEN, line_ids=[first])[first][1].mine == "flagged"
    ReviewStore(ben).set_status([first], "unreviewed")
    assert _statuses(ben)[0] == "approved"  # Ana's approval is still there
    assert ReviewStore(ben).line_marks(BEN, line_ids=[first])[first][1].approvers == ("ana",)


def test_the_two_reviewers_rule_needs_both_and_changing_the_rule_reworks_every_line(
    team: tuple[Library, Library],
) -> None:
    ana, ben = team
    ids = _ids(ana)
    store = ReviewStore(ana)
    assert store.done_rule() == "any" and store.progress(1) == (2, 3)
    assert store.set_done_rule("two") == ("any", 1)  # the imported approval alone is not done
    assert _statuses(ben) == ["unreviewed", "unreviewed", "flagged"]
    assert store.progress(1) == (1, 3)
    store.set_status([ids[0]], "approved")
    assert _statuses(ben)[0] == "unreviewed"  # 1 of 2 approvals
    ReviewStore(ben).set_status([ids[0], ids[1]], "approved")
    line_1 = ReviewStore(ben).line_marks(BEN, line_ids=[ids[1]])[ids[1]][1].approvers
    if ana.shared:  # Line 1: Ben and the reviewer of the imported mark ("" counts as one)
        assert _statuses(ana) == ["approved", "approved", "flagged"] and line_1 == ("", BEN)
    else:  # SQLite: the first to mark the line takes the imported mark over as their own
        assert _statuses(ana) == ["approved", "unreviewed", "flagged"] and line_1 == (BEN,)
    store.set_status([ids[0]], "unreviewed")
    assert _statuses(ana)[0] == "unreviewed" and store.progress(1) == (1 + ana.shared, 3)
    assert ReviewStore(ben).set_done_rule("any") == ("two", 1 + (not ana.shared))
    assert _statuses(ana) == ["approved", "approved", "flagged"]
    assert ReviewStore(ben).done_rule() == "any"
    with pytest.raises(ValueError, match="Unknown done rule 'three'"):
        store.set_done_rule("three")


def test_undo_gives_back_the_reviewers_own_previous_mark_and_keeps_the_others(
    team: tuple[Library, Library],
) -> None:
    ana, ben = team
    first = _ids(ana)[0]
    approve = ReviewStore(ana).set_status([first], "approved")
    assert approve == {first: "unreviewed"} and approve.reviewer == "ana"
    flag = ReviewStore(ben).set_status([first], "flagged")
    assert flag == {first: "approved"}
    ReviewStore(ana).restore_statuses(approve)  # Ana's undo: her approval goes, Ben's flag stays
    assert _statuses(ana)[0] == "flagged"
    marks = ReviewStore(ana).line_marks("ana", line_ids=[first])[first][1]
    assert (marks.approvers, marks.flaggers, marks.mine) == ((), (BEN,), "unreviewed")
    ReviewStore(ben).restore_statuses(flag)
    assert _statuses(ben)[0] == "unreviewed"
    ReviewStore(ana).set_status([first], "approved")  # Ana's redo
    assert _statuses(ben)[0] == "approved"
    with pytest.raises(LineNotFound):
        ReviewStore(ana).set_status([first, 999_999], "flagged")
    assert _statuses(ben)[0] == "approved"  # nothing of the refused write was kept


def test_concurrent_marks_of_the_same_lines_from_both_all_count(
    team: tuple[Library, Library],
) -> None:
    ana, ben = team
    ids = _ids(ana)
    ReviewStore(ana).set_done_rule("two")
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def mark(lib: Library) -> None:
        try:
            store = ReviewStore(lib)
            start.wait()
            for i in range(15):
                store.set_status(ids, "flagged" if i % 2 else "approved")
            store.set_status(ids, "approved")
        except BaseException as err:  # pragma: no cover - reported below
            errors.append(err)

    threads = [threading.Thread(target=mark, args=(lib,)) for lib in team]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    # Each write saw the other's committed mark: both approvals count, on every line; on a
    # server the imported flag of line 2 (by no known reviewer) still holds it.
    assert _statuses(ana) == ["approved", "approved", "flagged" if ana.shared else "approved"]
    marks = ReviewStore(ben).line_marks(BEN, project_id=1)
    assert all(set(m.approvers) >= {"ana", BEN} for _s, m in marks.values())
    assert [m.flaggers for _s, m in marks.values()] == [(), (), ("",) if ana.shared else ()]


def test_who_marks_is_the_login_on_a_server_and_the_given_name_on_sqlite(
    team: tuple[Library, Library],
) -> None:
    ana, _ben = team
    first = _ids(ana)[0]
    change = ReviewStore(ana).set_status([first], "approved", reviewer="mallory")
    marks = ReviewStore(ana).line_marks("mallory", line_ids=[first])[first][1]
    if ana.shared:  # the server knows who is logged in: the UI's name does not matter
        assert change.reviewer == "ana" and marks.approvers == ("ana",)
    else:  # SQLite: the Preferences name the UI passes
        assert change.reviewer == "mallory" and marks.approvers == ("mallory",)


def test_one_person_on_sqlite_takes_over_the_marks_from_before_reviewers(
    sqlite_library: Library,
) -> None:
    sqlite_library.create_project(sample_transcript(), media_path=None, transcript_path="/t.srt")
    store = ReviewStore(sqlite_library)
    ids = _ids(sqlite_library)
    change = store.set_status([ids[1]], "unreviewed", reviewer="ed")  # U on an imported approval
    assert _statuses(sqlite_library)[1] == "unreviewed"
    store.restore_statuses(change)
    assert _statuses(sqlite_library)[1] == "approved"
    marks = store.line_marks("ed", line_ids=[ids[1]])[ids[1]][1]
    assert marks.approvers == ("",)  # given back exactly: still the unknown reviewer's


def test_a_hundred_thousand_lines_read_and_rework_fast(sqlite_library: Library) -> None:
    lines = [Line(i * 10, i * 10 + 5, f"line {i}") for i in range(100_000)]
    for line in lines[::2]:
        line.status = "approved"
    project = sqlite_library.create_project(
        Transcript(lines=lines), media_path=None, transcript_path="/big.srt"
    )
    store = ReviewStore(sqlite_library)
    ids = _ids(sqlite_library)
    store.set_status(ids[:20_000], "approved", reviewer="ana")
    store.set_status(ids[:10_000], "approved", reviewer=BEN)
    began = time.perf_counter()
    marks = store.line_marks("ana", project_id=project)
    read = time.perf_counter() - began
    assert len(marks) == 60_000 and marks[ids[0]][1].approvers == ("ana", BEN)
    assert marks[ids[0]][1].mine == "approved"
    # An imported mark nobody touched: the one person of an SQLite file sees it as theirs.
    assert marks[ids[20_002]][1] == LineMarks(approvers=("",), mine="approved")
    assert ids[20_001] not in marks  # no mark, no row read
    began = time.perf_counter()
    assert store.set_done_rule("two") == ("any", 50_000)  # only the first 10,000 have two
    rework = time.perf_counter() - began
    assert store.progress(project) == (10_000, 100_000)
    assert read < 3 and rework < 5, (read, rework)


def test_a_library_copy_keeps_every_reviewers_marks_and_the_rule(
    team: tuple[Library, Library], tmp_path: Path
) -> None:
    ana, ben = team
    first = _ids(ana)[0]
    ReviewStore(ana).set_status([first], "approved")
    ReviewStore(ben).set_status([first], "approved")
    ReviewStore(ben).set_done_rule("two")
    copy = tmp_path / "copy.sqlite3"
    report = copy_library(ana.url, str(copy))
    assert report.rows["line_reviews"] == 4  # Ana's, Ben's, and the two imported marks
    with Library.open(str(copy)) as there:
        store = ReviewStore(there)
        assert store.done_rule() == "two"
        assert store.line_marks("ana", line_ids=[first])[first][1].approvers == ("ana", BEN)
        assert _statuses(there) == ["approved", "unreviewed", "flagged"]
        store.set_done_rule("any")  # worked out from the copied marks: nothing lost
        assert _statuses(there) == ["approved", "approved", "flagged"]


def test_a_login_that_may_only_read_is_refused_marks_and_the_rule_in_words(
    postgres_server: PostgresServer, postgres_url: str
) -> None:
    database = postgres_url.split("@/", 1)[1].split("?", 1)[0]
    with Library.open(postgres_url) as lib:
        lib.create_project(sample_transcript(), media_path=None, transcript_path="/r")
        first = _ids(lib)[0]
    postgres_server.admin(
        f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {PASSWORD_ROLE}", database=database
    )
    viewer = postgres_server.url(database, user=PASSWORD_ROLE, password=PASSWORD)
    with Library.open(viewer) as lib:
        store = ReviewStore(lib)
        with pytest.raises(ReadOnlyLibraryError, match="does not let this login change it"):
            store.set_status([first], "approved")
        with pytest.raises(ReadOnlyLibraryError, match="does not let this login change it"):
            store.set_done_rule("two")
        assert store.line_marks("ana", project_id=1)  # reading the marks is allowed
    with Library.open(postgres_url) as lib:
        assert _statuses(lib) == ["unreviewed", "approved", "flagged"]
        assert ReviewStore(lib).done_rule() == "any"
