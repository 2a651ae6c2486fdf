"""``proofreel team``: the team's logins and their roles on a PostgreSQL library (issue 15).

``team init`` sets up the four group roles with their grants and row-level security;
``team add-user NAME --role ROLE`` makes a login of that role (and does ``init`` first);
``team list`` and ``team remove NAME``. Each runs as one transaction and may run again.
The login in --db must be allowed to create roles and own the library's tables.
"""

from __future__ import annotations

import argparse

from app.cli.common import CliError
from app.core.roles import ROLES
from app.store.engine import make_engine, resolve_url, sqlite_file
from app.store.errors import StoreError
from app.store.postgres import is_postgres
from app.store.team_roles import (
    add_user,
    init_team,
    limit,
    limited_projects,
    list_users,
    open_to_team,
    remove_user,
)

DESCRIPTION = (
    "Who may do what on a team library (PostgreSQL), enforced by the server.\n"
    "  team init                 set up the roles' grants and row-level security (again after\n"
    "                            each db upgrade)\n"
    "  team add-user NAME --role viewer|commenter|editor|approver [--password P]\n"
    "                            a login of that role (an existing one changes role)\n"
    "  team list                 the users and their roles\n"
    "  team remove NAME          take a user out of the team\n"
    "  team limit PROJECT NAME...  only these users (and the owner) see the project\n"
    "  team open PROJECT         the whole team sees the project again\n"
    "A viewer reads; a commenter also adds notes and highlights and changes its own; an editor\n"
    "also corrects text, times and speakers; an approver also sets statuses."
)
EPILOG = (
    "example: proofreel --db postgresql://admin@newsroom-db/proofreel team add-user ana "
    "--role editor --password 's3cret'"
)
USES_LIBRARY = True
FAILURES = (StoreError, LookupError)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    for name, help_ in (("init", "set up the roles"), ("list", "the users and their roles")):
        sub = actions.add_parser(name, help=help_)
        sub.add_argument("--db", dest="library_db", metavar="URL", default=argparse.SUPPRESS)
    add = actions.add_parser("add-user", help="a login of a role")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--password", help="its password (else it keeps its own, or has none)")
    add.add_argument("--db", dest="library_db", metavar="URL", default=argparse.SUPPRESS)
    remove = actions.add_parser("remove", help="take a user out of the team")
    remove.add_argument("name")
    remove.add_argument("--db", dest="library_db", metavar="URL", default=argparse.SUPPRESS)
    limit_ = actions.add_parser("limit", help="let only these users see a project")
    limit_.add_argument("project", type=int)
    limit_.add_argument("names", nargs="+", metavar="NAME")
    limit_.add_argument("--db", dest="library_db", metavar="URL", default=argparse.SUPPRESS)
    open_ = actions.add_parser("open", help="let the whole team see a project again")
    open_.add_argument("project", type=int)
    open_.add_argument("--db", dest="library_db", metavar="URL", default=argparse.SUPPRESS)


def run(args: argparse.Namespace, db: str | None) -> None:
    url = resolve_url(db)
    if sqlite_file(url) is not None or not is_postgres(url):
        raise CliError(
            "team roles are for a team library on PostgreSQL (--db postgresql://...); an "
            "SQLite library is one person's"
        )
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            if args.action == "init":
                init_team(conn)
                print("team roles set up: " + ", ".join(ROLES))
            elif args.action == "add-user":
                new = add_user(conn, args.name, args.role, args.password)
                print(f"{args.name}: {'new login, ' if new else ''}{args.role}")
            elif args.action == "limit":
                limit(conn, args.project, args.names)
                members = limited_projects(conn)[args.project]
                print(f"project {args.project}: only {', '.join(members)} (and the owner)")
            elif args.action == "open":
                was = open_to_team(conn, args.project)
                print(f"project {args.project}: " + ("open to the team" if was else "was open"))
            elif args.action == "remove":
                dropped = remove_user(conn, args.name)
                kept = "login dropped" if dropped else "login kept (it has other grants)"
                print(f"{args.name}: removed from the team, {kept}")
            else:
                users = list_users(conn)
                if not users:
                    print("no users yet: proofreel team add-user NAME --role ROLE")
                for user in users:
                    print(f"{user.name}\t{user.role}" + ("" if user.can_login else "\t(no login)"))
                for project, members in sorted(limited_projects(conn).items()):
                    print(f"project {project}\tonly {', '.join(members) or 'the owner'}")
    finally:
        engine.dispose()
