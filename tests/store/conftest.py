"""Store fixtures: a real library per test (SQLite file and PostgreSQL), a small transcript."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import psycopg
import pytest

from app.core.transcript import Highlight, Line, MediaInfo, Metadata, Note, Transcript
from app.store.library import Library
from tests.helpers.postgres import PostgresServer

if TYPE_CHECKING:
    from tests.store.team_logins import Team


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "library.sqlite3"


@pytest.fixture(params=["sqlite", "postgresql"])
def library_url(request: pytest.FixtureRequest, db_path: Path) -> str:
    """The library under test, on each back end: an SQLite file, or a fresh migrated database
    on the session's own PostgreSQL server (tests/helpers/postgres.py)."""
    if request.param == "sqlite":
        return f"sqlite:///{db_path}"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def library(library_url: str) -> Iterator[Library]:
    lib = Library.open(library_url)
    yield lib
    lib.close()


@pytest.fixture
def sqlite_library(db_path: Path) -> Iterator[Library]:
    """For what only an SQLite file has (its bytes, its backups folder, pragmas)."""
    lib = Library.open(str(db_path))
    yield lib
    lib.close()


def sample_transcript() -> Transcript:
    """Three lines: one edited, with a note and two highlights; one approved; one plain."""
    return Transcript(
        lines=[
            Line(
                0,
                1500,
                "Welcome back to the show.",
                speaker="ANNA",
                original_text="Welcom back to the show",
                notes=[
                    Note(
                        "Typo fixed",
                        author="ed",
                        created_at="2024-05-01T10:00:00.000+00:00",
                        updated_at="2024-05-01T10:05:00.000+00:00",
                    )
                ],
                highlights=[Highlight(0, 7, "name", "#ffcc00", "check"), Highlight(8, 12, "x")],
            ),
            Line(1500, 4000, "Thanks, glad to be here.", speaker="BEN", status="approved"),
            Line(4000, 6000, "Let's start.", end_inferred=True, status="flagged"),
        ],
        title="Episode 12",
        metadata=Metadata("A talk", ["news", "draft"], "interview"),
        media=MediaInfo("/videos/ep12.mp4", 6_500),
    )


REVIEWERS = {"log_ana": "pw-ana", "log_ben": "pw-ben", "log_cy": "pw-cy"}


def _pg_reviewers(server: PostgresServer, url: str) -> tuple[Library, ...]:
    database = url.split("@/", 1)[1].split("?", 1)[0]
    with psycopg.connect(host=str(server.socket_dir), dbname="postgres", user="postgres") as conn:
        known = {row[0] for row in conn.execute("SELECT rolname FROM pg_roles")}
    for role, password in REVIEWERS.items():
        if role not in known:
            server.admin(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'")
        server.admin(
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
            f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {role}",
            database=database,
        )
    # What each passes as its name is ignored: the server knows who logged in.
    return tuple(
        Library.open(server.url(database, user=role, password=pw), actor="someone else")
        for role, pw in REVIEWERS.items()
    )


@pytest.fixture
def reviewers(request: pytest.FixtureRequest, library_url: str) -> Iterator[tuple[Library, ...]]:
    """Three reviewers on one library: on SQLite named at open (log_ana, log_ben, log_cy), on
    PostgreSQL three login roles of those names (the server records the login, not the name)."""
    if library_url.startswith("sqlite"):
        libraries = tuple(Library.open(library_url, actor=name) for name in REVIEWERS)
    else:
        libraries = _pg_reviewers(request.getfixturevalue("postgres_server"), library_url)
    yield libraries
    for lib in libraries:
        lib.close()


@pytest.fixture
def team(postgres_server: PostgresServer, postgres_url: str) -> Iterator[Team]:
    """A library on the test server with a project (a note by "ed") and one login per role."""
    from tests.store.team_logins import Team  # it reads this module's sample_transcript

    yield Team(postgres_server, postgres_url)
