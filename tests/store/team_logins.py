"""A team on the test server: a library with a project and one login per team role, made
through `proofreel team` as an admin would (the ``team`` fixture of tests/store/conftest.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from app.store.library import Library
from tests.helpers.postgres import PostgresServer
from tests.store.conftest import sample_transcript

ROOT = Path(__file__).resolve().parents[2]


def proofreel_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app", *args], capture_output=True, text=True, check=False, cwd=ROOT
    )


def database_name(url: str) -> str:
    return url.split("@/", 1)[1].split("?", 1)[0]


class Team:
    """A library on the test server with a project (a note by "ed") and one login per role.
    Login names carry the database's name: roles belong to the whole server."""

    def __init__(self, server: PostgresServer, url: str) -> None:
        self.server, self.url, self.database = server, url, database_name(url)
        with Library.open(url) as owner:
            self.project = owner.create_project(
                sample_transcript(), media_path=None, transcript_path="/team"
            )
            self.lines = [line.id for line in owner.load_transcript(self.project).lines]
            (self.ed_note,) = owner.load_transcript(self.project).lines[0].notes
        self.logins: dict[str, str] = {}
        for role in ("viewer", "commenter", "editor", "approver"):
            name = f"{role}_{self.database}"
            done = proofreel_cli(
                "--db", url, "team", "add-user", name, "--role", role, "--password", "pw"
            )
            assert done.returncode == 0, done.stderr
            self.logins[role] = name

    def open(self, role: str) -> Library:
        login = self.logins[role]
        return Library.open(self.server.url(self.database, user=login, password="pw"))
