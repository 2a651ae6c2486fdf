"""``proofreel db upgrade``: bring a library to this Proofreel's schema (the admin's command).

A shared (PostgreSQL) library is never migrated by a client; its admin runs this once per new
Proofreel version. Two admins at once are safe: the second waits on an advisory lock, then finds
nothing to do. It works for an SQLite file too (copied to backups/ beside it first).
"""

from __future__ import annotations

import argparse

from sqlalchemy.engine import make_url

from app.cli.common import CliError
from app.store.engine import make_engine, resolve_url, sqlite_file
from app.store.errors import StoreError
from app.store.migrate import upgrade
from app.store.mounts import network_share
from app.store.team_roles import regrant

DESCRIPTION = (
    "Administer the library's schema.\n"
    "  db upgrade   bring the library to this Proofreel's schema. A team library on PostgreSQL\n"
    "               is only ever updated this way (clients refuse an older or newer one); an\n"
    "               SQLite file is copied to backups/ beside it first."
)
EPILOG = "example: proofreel --db postgresql://admin@newsroom-db/proofreel db upgrade"
USES_LIBRARY = True
FAILURES = (StoreError, LookupError)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    upgrade_parser = actions.add_parser("upgrade", help="bring the library to this schema")
    # `proofreel db upgrade --db URL`, as people type it: --db after the action too.
    upgrade_parser.add_argument(
        "--db", dest="library_db", metavar="PATH_OR_URL", default=argparse.SUPPRESS
    )


def run(args: argparse.Namespace, db: str | None) -> None:
    url = resolve_url(db)
    path = sqlite_file(url)
    if path is not None and not path.parent.is_dir():
        raise CliError(f"cannot create the library {path}: its folder does not exist")
    share = None if path is None else network_share(path)
    if share is not None:  # SQLite cannot lock safely there; the window opens it read-only
        raise CliError(
            f"{path} is on a network share ({share}): an SQLite library there is not changed. "
            "Copy it to this computer's disk, or share a PostgreSQL library (README, Team library)"
        )
    engine = make_engine(url)
    try:
        before: list[str] = []
        after = upgrade(engine, found=before)
        where = (
            str(path) if path is not None else make_url(url).render_as_string(hide_password=True)
        )
        team = None
        if path is None and engine.dialect.name == "postgresql":
            with engine.begin() as conn:
                team = regrant(conn)  # new tables get the team roles' grants
    finally:
        engine.dispose()
    now = ", ".join(after)
    if before == after:
        print(f"{where}: already at schema {now}, nothing to do")
    else:
        print(f"{where}: schema {', '.join(before) or '(new)'} -> {now}")
    if team is not None:
        print(
            "team roles: grants and policies given again"
            if team
            else "team roles: this login may not grant; run proofreel team init as the owner"
        )
