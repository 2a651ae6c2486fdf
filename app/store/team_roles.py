"""Team roles on a PostgreSQL library, set up by the server's own means (issue 15, item 7).

Four group roles (NOLOGIN), each a member of the one before it, so each may what the one before
it may: ``proofreel_viewer`` reads; ``proofreel_commenter`` adds notes and highlights and
changes or deletes only its own (row-level security: ``author = current_user``);
``proofreel_editor`` also corrects text, times and speakers and splits, merges, inserts and
deletes lines (column-level UPDATE on lines, INSERT and DELETE), imports projects and keeps the
tags; ``proofreel_approver`` also sets statuses (``lines.status``, ``line_reviews``). A user is
a LOGIN role that is a member of exactly one group.

Everything here is idempotent, so ``team init`` (and each ``team add-user``) may run again, after
``db upgrade`` too: grants and policies are given afresh. Group roles belong to the server (a
PostgreSQL cluster): a user's role is the same in every library on it. Logins outside these
groups (granted by hand, as in part 1) are not limited by the policies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from app.core.roles import ROLES
from app.core.roles import team_group as group
from app.store.errors import StoreError
from app.store.migrations import HEAD
from app.store.postgres import lock_key
from app.store.team_projects import limit_project, limited_projects, member_policies, open_project

__all__ = [
    "TeamUser",
    "add_user",
    "group",
    "init_team",
    "limit",
    "limited_projects",
    "list_users",
    "open_to_team",
    "regrant",
    "remove_user",
]

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.@-]{0,62}$")

#: Columns of lines an editor may change (not id, project_id, status: status is the approver's).
EDITOR_LINE_COLUMNS = (
    "position, start_ms, end_ms, end_inferred, speaker, text, original_text, words, styles, "
    "cue_id, cue_settings, version, original_start_ms, original_end_ms, origin"
)
#: What opening a project and playing it keep on its row, for anyone who may write at all.
VISIT_COLUMNS = (
    "opened_at, last_position_ms, last_line_id, media_duration_ms, media_size, media_head_sha256"
)


def _grants(library_schema: str, database: str) -> list[str]:
    viewer, commenter, editor, approver = (group(role) for role in ROLES)
    return [
        f"GRANT CONNECT ON DATABASE {database} TO {viewer}",
        f"GRANT USAGE ON SCHEMA {library_schema} TO {viewer}",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA {library_schema} TO {viewer}",
        f"GRANT INSERT, UPDATE, DELETE ON notes, highlights, presence, settings TO {commenter}",
        f"GRANT INSERT ON change_log TO {commenter}",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {library_schema} TO {commenter}",
        f"GRANT UPDATE ({VISIT_COLUMNS}) ON projects TO {commenter}",
        f"GRANT INSERT, DELETE ON lines TO {editor}",
        # A split or undo puts rows back under their ids, then moves the sequence past them.
        f"GRANT SELECT, USAGE, UPDATE ON ALL SEQUENCES IN SCHEMA {library_schema} TO {editor}",
        f"GRANT UPDATE ({EDITOR_LINE_COLUMNS}) ON lines TO {editor}",
        f"GRANT INSERT, UPDATE ON projects TO {editor}",
        f"GRANT INSERT, UPDATE, DELETE ON tags TO {editor}",
        f"GRANT INSERT, UPDATE, DELETE ON audio_marks TO {editor}",  # a kept second opinion
        f"GRANT INSERT, DELETE ON quotes TO {commenter}",  # each one's own Quotes list
        f"GRANT UPDATE (status) ON lines TO {approver}",
        f"GRANT INSERT, UPDATE, DELETE ON line_reviews TO {approver}",
    ]


#: A team user may not put another's name on a note or highlight (an UPDATE's new row is
#: checked by the policies, but only against the name it keeps).
_KEEP_AUTHOR = (
    "CREATE OR REPLACE FUNCTION proofreel_keep_author() RETURNS trigger LANGUAGE plpgsql AS $$ "
    "BEGIN IF NEW.author IS DISTINCT FROM OLD.author "
    "AND pg_has_role(current_user, 'proofreel_viewer', 'MEMBER') "
    "AND NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) "
    "AND NOT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), "
    "'USAGE') THEN RAISE EXCEPTION 'only the author''s own name may stand on it' "
    "USING ERRCODE = 'insufficient_privilege'; END IF; RETURN NEW; END $$"
)


def _policies() -> list[str]:
    """Row-level security on notes, highlights and quotes. Anyone reads every row; a commenter
    writes only rows whose author it is (a quote: only ever its author); an editor may also
    write any highlight (a text edit moves or drops others' highlights) and insert any note (a
    split or merge puts the line's notes back under their authors). Logins outside the team
    groups are not limited.

    An UPDATE sees every row (so a reply may lock the thread's first note) and its new row must
    be the user's own: changing another's note is an error the user is told, not a silent
    no-op. A DELETE only finds the user's own rows; the store says when it found none."""
    viewer, commenter, editor = group("viewer"), group("commenter"), group("editor")
    mine = "author = current_user"
    outside = f"NOT pg_has_role(current_user, '{viewer}', 'MEMBER')"
    statements: list[str] = [_KEEP_AUTHOR]
    for table in ("notes", "highlights", "quotes"):
        rules = {
            "proofreel_read": "FOR SELECT USING (true)",
            "proofreel_outside": f"FOR ALL USING ({outside}) WITH CHECK ({outside})",
            "proofreel_own": None,  # the single policy of before, split in three
            "proofreel_own_insert": f"FOR INSERT TO {commenter} WITH CHECK ({mine})",
            "proofreel_own_update": f"FOR UPDATE TO {commenter} USING (true) WITH CHECK ({mine})",
            "proofreel_own_delete": f"FOR DELETE TO {commenter} USING ({mine})",
            "proofreel_editor_insert": f"FOR INSERT TO {editor} WITH CHECK (true)",
        }
        if table == "quotes":  # a Quotes list is its author's alone, an editor's too
            del rules["proofreel_own_update"], rules["proofreel_editor_insert"]
        if table == "highlights":
            rules["proofreel_editor_all"] = f"FOR ALL TO {editor} USING (true) WITH CHECK (true)"
        statements.append(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        for name, rule in rules.items():
            statements.append(f"DROP POLICY IF EXISTS {name} ON {table}")
            if rule is not None:
                statements.append(f"CREATE POLICY {name} ON {table} {rule}")
        statements.append(f"DROP TRIGGER IF EXISTS proofreel_keep_author ON {table}")
        statements.append(
            f"CREATE TRIGGER proofreel_keep_author BEFORE UPDATE OF author ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION proofreel_keep_author()"
        )
    return statements


def _check_admin(conn: Connection) -> None:
    """Refuse, in words, a login that cannot set roles up: it must be allowed to create roles
    and own the library's tables (to grant on them and turn row-level security on)."""
    row = conn.execute(
        text(
            "SELECT r.rolsuper, r.rolcreaterole, "
            "pg_has_role(current_user, c.relowner, 'USAGE') "
            "FROM pg_roles r, pg_class c "
            "WHERE r.rolname = current_user AND c.oid = to_regclass('lines')"
        )
    ).first()
    if row is None:
        raise StoreError(
            "This database has no Proofreel library yet: run proofreel db upgrade first."
        )
    revision = conn.execute(text("SELECT max(version_num) FROM alembic_version")).scalar()
    if revision != HEAD:
        raise StoreError(
            f"This library's schema is {revision}, not this Proofreel's {HEAD}: run proofreel "
            "db upgrade first (it gives the team's grants again itself)."
        )
    superuser, create_role, owner = row
    if not superuser and not (create_role and owner):
        who = conn.execute(text("SELECT current_user")).scalar_one()
        raise StoreError(
            f"The login {who} may not set up team roles: it needs CREATEROLE and to own the "
            "library's tables. Connect as the library's owner (the login that ran db upgrade), "
            "or ask the server's admin (ALTER ROLE ... CREATEROLE)."
        )


def _exists(conn: Connection, name: str) -> bool:
    query = text("SELECT 1 FROM pg_roles WHERE rolname = :name")
    return conn.execute(query, {"name": name}).first() is not None


def _quote(conn: Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote_identifier(name)


def init_team(conn: Connection) -> None:
    """Create the group roles (if missing) and give them their grants and policies afresh."""
    _check_admin(conn)
    # Two admins at once (or two db upgrades) would update the same catalog rows: one waits.
    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": lock_key("team")})
    previous = None
    for role in ROLES:
        name = group(role)
        if not _exists(conn, name):
            conn.execute(text(f"CREATE ROLE {name} NOLOGIN"))
        if previous is not None:
            conn.execute(text(f"GRANT {previous} TO {name}"))
        previous = name
    schema = _quote(conn, conn.execute(text("SELECT current_schema()")).scalar_one())
    database = _quote(conn, conn.execute(text("SELECT current_database()")).scalar_one())
    for statement in [*_grants(schema, database), *_policies(), *member_policies()]:
        conn.execute(text(statement))


def regrant(conn: Connection) -> bool | None:
    """After ``db upgrade``: give a team's grants and policies again, so new tables have them.
    None when the library has no team; False when this login may not (``team init`` then)."""
    query = text("SELECT relrowsecurity FROM pg_class WHERE oid = to_regclass('notes')")
    if not conn.execute(query).scalar():  # team init never ran on this library
        return None
    try:
        _check_admin(conn)
    except StoreError:
        return False
    init_team(conn)
    return True


def limit(conn: Connection, project_id: int, members: list[str]) -> None:
    """Let only these team users (and the owner) see the project."""
    _check_admin(conn)
    limit_project(conn, project_id, members, {user.name for user in list_users(conn)})


def open_to_team(conn: Connection, project_id: int) -> bool:
    """The project seen by the whole team again; False when it was not limited."""
    _check_admin(conn)
    return open_project(conn, project_id)


def _literal(value: str) -> str:
    if "\x00" in value:
        raise StoreError("A password cannot hold a NUL character.")
    return "'" + value.replace("'", "''") + "'"


def add_user(conn: Connection, name: str, role: str, password: str | None = None) -> bool:
    """Make ``name`` a login of ``role`` (its only team group); True when the login is new.
    An existing login keeps its password unless one is given."""
    if role not in ROLES:
        raise StoreError(f"No role {role!r}: choose one of {', '.join(ROLES)}.")
    if not _NAME.match(name) or name.startswith("proofreel_") or name.startswith("pg_"):
        raise StoreError(
            f"{name!r} cannot be a user name: use letters, digits and _ . @ - (at most 63), "
            "not starting with proofreel_ or pg_."
        )
    init_team(conn)
    quoted = _quote(conn, name)
    new = not _exists(conn, name)
    if not new:
        superuser = conn.execute(
            text("SELECT rolsuper FROM pg_roles WHERE rolname = :name"), {"name": name}
        ).scalar_one()
        if superuser:
            raise StoreError(f"{name} is a superuser on this server: no role can limit it.")
    secret = "" if password is None else f" PASSWORD {_literal(password)}"
    conn.execute(text(f"{'CREATE' if new else 'ALTER'} ROLE {quoted} LOGIN{secret}"))
    for other in ROLES:
        if other != role:
            conn.execute(text(f"REVOKE {group(other)} FROM {quoted}"))
    conn.execute(text(f"GRANT {group(role)} TO {quoted}"))
    return new


@dataclass(frozen=True)
class TeamUser:
    name: str
    role: str
    can_login: bool


def list_users(conn: Connection) -> list[TeamUser]:
    """The team's users by name, each with its highest role."""
    groups = [group(role) for role in ROLES]
    rows = conn.execute(
        text(
            "SELECT m.rolname, g.rolname, m.rolcanlogin FROM pg_auth_members a "
            "JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member "
            "WHERE g.rolname = ANY(:groups) AND NOT m.rolname = ANY(:groups) "
            "ORDER BY m.rolname"
        ),
        {"groups": groups},
    )
    best: dict[str, TeamUser] = {}
    for name, in_group, login in rows:
        role = ROLES[groups.index(in_group)]
        if name not in best or ROLES.index(role) > ROLES.index(best[name].role):
            best[name] = TeamUser(name, role, bool(login))
    return list(best.values())


def remove_user(conn: Connection, name: str) -> bool:
    """Take ``name`` out of the team; drop its login when nothing else needs it. True when the
    login was dropped, False when it stays (it owns something or has other grants), without
    any team role."""
    _check_admin(conn)
    if name not in {user.name for user in list_users(conn)}:
        raise StoreError(f"{name} is not a user of this team (proofreel team list).")
    quoted = _quote(conn, name)
    for role in ROLES:
        conn.execute(text(f"REVOKE {group(role)} FROM {quoted}"))
    savepoint = conn.begin_nested()
    try:
        conn.execute(text(f"DROP ROLE {quoted}"))
    except (DBAPIError, StoreError):  # it owns objects, or has grants in another database
        savepoint.rollback()
        return False
    savepoint.commit()
    return True
