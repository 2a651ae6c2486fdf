"""A real PostgreSQL server for the tests (and bench/), started by the test session itself.

``initdb`` into a temp dir (as the ``postgres`` user via ``runuser`` when we are root, since
initdb refuses root), ``pg_ctl start`` listening on a Unix socket in that dir only
(``listen_addresses=''``), a migrated template database, and one clone of it per test
(``CREATE DATABASE ... TEMPLATE``). With CI=true a missing PostgreSQL fails the run.

Used as a pytest plugin (tests/conftest.py lists it): the ``postgres_server`` session fixture
and ``postgres_url`` (a fresh migrated database per test).
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

REAPER = """
import os, shutil, subprocess, sys, time
parent, *pg_ctl, data, root = sys.argv[1:]
while True:
    try:
        os.kill(int(parent), 0)
    except ProcessLookupError:
        break
    time.sleep(1)
subprocess.run([*pg_ctl, "stop", "-D", data, "-m", "immediate", "-w"], capture_output=True)
shutil.rmtree(root, ignore_errors=True)
"""

#: A login role with a password (pg_hba asks it for one), for the wrong-password test.
PASSWORD_ROLE, PASSWORD = "ana", "s3cret-ana"
TEMPLATE = "proofreel_template"


def pg_bin_dir() -> Path | None:
    """Where initdb and pg_ctl are: on PATH, else Debian's /usr/lib/postgresql/N/bin."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    base = Path("/usr/lib/postgresql")
    versions = sorted(base.glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name))
    return versions[-1].parent if versions else None


class PostgresServer:
    """One throw-away cluster. ``url(db)`` names a database on it (superuser, no password)."""

    def __init__(self, *, fast: bool = True) -> None:
        bin_dir = pg_bin_dir()
        if bin_dir is None:
            raise FileNotFoundError("PostgreSQL (initdb, pg_ctl: package postgresql)")
        self.bin = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="proofreel-pg-"))
        self.data = self.root / "data"
        self.socket_dir = self.root / "sock"
        self.socket_dir.mkdir()
        self._as: list[str] = []
        if os.geteuid() == 0:
            self._as = ["runuser", "-u", "postgres", "--"]
            shutil.chown(self.root, "postgres")
            shutil.chown(self.socket_dir, "postgres")
        self._names = itertools.count(1)
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8")
        (self.data / "pg_hba.conf").write_text(
            "local all postgres trust\nlocal all all scram-sha-256\n", encoding="utf-8"
        )
        options = [
            "-c listen_addresses=''",
            f"-c unix_socket_directories={self.socket_dir}",
            "-c max_connections=100",
        ]
        if fast:  # a test database need not survive a power cut
            options += ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]
        self._options = " ".join(options)
        self.start()
        # Should this process die without stopping the server (a crash in a native library),
        # a watcher stops it and removes its folder, so no server outlives the test session.
        pg_ctl = [*self._as, str(self.bin / "pg_ctl")]
        self._reaper = subprocess.Popen(
            [
                sys.executable,
                "-c",
                REAPER,
                str(os.getpid()),
                *pg_ctl,
                str(self.data),
                str(self.root),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.admin(f"CREATE ROLE {PASSWORD_ROLE} LOGIN PASSWORD '{PASSWORD}'")

    def start(self) -> None:
        """Start the server (again, after :meth:`go_away`), with the options it was made with."""
        log = str(self.root / "server.log")
        self._run("pg_ctl", "start", "-w", "-D", str(self.data), "-l", log, "-o", self._options)

    def go_away(self) -> None:
        """Stop the server under its clients, as a server going down mid-session does; the
        data stays for :meth:`start`."""
        self._run("pg_ctl", "stop", "-D", str(self.data), "-m", "fast", "-w")

    def _run(self, program: str, *args: str) -> None:
        subprocess.run(
            [*self._as, str(self.bin / program), *args],
            check=True,
            capture_output=True,
            cwd=self.root,
        )

    def url(self, database: str, *, user: str = "postgres", password: str | None = None) -> str:
        login = user if password is None else f"{user}:{password}"
        return f"postgresql://{login}@/{database}?host={self.socket_dir}"

    def admin(self, *statements: str, database: str = "postgres") -> None:
        """Run statements as the superuser, each in autocommit (CREATE DATABASE needs it)."""
        import psycopg

        with psycopg.connect(
            host=str(self.socket_dir), dbname=database, user="postgres", autocommit=True
        ) as conn:
            for sql in statements:
                conn.execute(sql)  # type: ignore[call-overload]

    def make_template(self) -> None:
        """The migrated template every test database is cloned from."""
        from app.store.engine import make_engine
        from app.store.migrate import upgrade

        self.admin(f"CREATE DATABASE {TEMPLATE}")
        engine = make_engine(self.url(TEMPLATE))
        try:
            upgrade(engine)  # what `proofreel db upgrade` does
        finally:
            engine.dispose()

    def fresh_database(self, *, empty: bool = False) -> str:
        """A new database (a migrated clone of the template, or ``empty``); returns its URL."""
        name = f"t{os.getpid()}_{next(self._names)}"
        template = "template0" if empty else TEMPLATE
        self.admin(f"CREATE DATABASE {name} TEMPLATE {template}")
        return self.url(name)

    def drop(self, url: str) -> None:
        name = url.split("@/", 1)[1].split("?", 1)[0]
        self.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "stop", "-D", str(self.data), "-m", "immediate", "-w")
        finally:
            self._reaper.kill()
            self._reaper.wait()
            shutil.rmtree(self.root, ignore_errors=True)


def _ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        problem = "psycopg (pip install -e '.[dev]' brings proofreel[team])"
    else:
        problem = None
    server = None
    if problem is None:
        try:
            server = PostgresServer()
            server.make_template()
        except (FileNotFoundError, subprocess.CalledProcessError) as err:
            detail = getattr(err, "stderr", b"") or b""
            problem = f"PostgreSQL ({err} {detail.decode(errors='replace').strip()})"
    if problem is not None:
        if _ci():
            pytest.fail(f"{problem} is required in CI but missing", pytrace=False)
        pytest.skip(f"{problem} missing")
    assert server is not None
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """A fresh, migrated library database on the session's server."""
    url = postgres_server.fresh_database()
    yield url
    postgres_server.drop(url)
