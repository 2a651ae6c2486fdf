"""A project limited to its members, on a team library (issue 15, item 7), by the server.

A limited project has its own group role, ``proofreel_<database oid>_p<project id>`` (NOLOGIN),
whose members are the users who may see it. Restrictive row-level security on projects, lines,
notes, highlights, line reviews and presence hides every row of it from any other team user;
the library's owner and logins outside the team are not limited. A project with no such role is
open to the whole team. No table holds the membership: the server's roles are it, so a grant
cannot drift from the rule.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from app.store.errors import ProjectNotFound, StoreError

__all__ = ["limit_project", "limited_projects", "member_policies", "open_project"]

_FUNCTIONS = [
    # The projects hidden from current_user, as one array. Policies call it as a scalar
    # subquery, which PostgreSQL runs once per statement (an InitPlan), not once per row: a
    # 100k-line project loads as fast for a team user as for the owner.
    "CREATE OR REPLACE FUNCTION proofreel_hidden_projects() RETURNS integer[] "
    "LANGUAGE sql STABLE AS $$ "
    "SELECT coalesce(array_agg(CAST(substr(g.rolname, length(n.prefix) + 1) AS integer)), "
    "'{}') FROM pg_roles g, (SELECT format('proofreel_%s_p', oid) AS prefix FROM pg_database "
    "WHERE datname = current_database()) AS n "
    "WHERE starts_with(g.rolname, n.prefix) "
    "AND substr(g.rolname, length(n.prefix) + 1) ~ '^[0-9]+$' "
    "AND pg_has_role(current_user, 'proofreel_viewer', 'MEMBER') "
    "AND NOT pg_has_role(current_user, g.oid, 'MEMBER') $$",
]

_HIDDEN = "coalesce((SELECT proofreel_hidden_projects()), '{}')"
# A row of a line: seen when nothing is hidden (decided once), else when its line is seen
# (the line's own policy, by its project).
_BY_LINE = f"(cardinality({_HIDDEN}) = 0 OR EXISTS (SELECT 1 FROM lines l WHERE l.id = line_id))"

#: table -> when a team user sees its row
_BY = {
    "projects": f"NOT (id = ANY ({_HIDDEN}))",
    "lines": f"NOT (project_id = ANY ({_HIDDEN}))",
    "presence": f"NOT (project_id = ANY ({_HIDDEN}))",
    "audio_marks": f"NOT (project_id = ANY ({_HIDDEN}))",
    "quotes": f"NOT (project_id = ANY ({_HIDDEN}))",
    "line_reviews": _BY_LINE,
    "notes": _BY_LINE,
    "highlights": _BY_LINE,
}


def member_policies() -> list[str]:
    """The functions and policies, given afresh by ``team init``. Tables without policies of
    their own get a permissive one (the grants still decide what each role may do)."""
    statements = list(_FUNCTIONS)
    for table, rule in _BY.items():
        statements.append(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        if table not in (
            "notes",
            "highlights",
            "quotes",
        ):  # those have theirs (app.store.team_roles)
            statements.append(f"DROP POLICY IF EXISTS proofreel_all ON {table}")
            statements.append(
                f"CREATE POLICY proofreel_all ON {table} FOR ALL USING (true) WITH CHECK (true)"
            )
        statements.append(f"DROP POLICY IF EXISTS proofreel_members ON {table}")
        statements.append(
            f"CREATE POLICY proofreel_members ON {table} AS RESTRICTIVE FOR ALL "
            f"USING ({rule}) WITH CHECK ({rule})"
        )
    return statements


def _group(conn: Connection, project_id: int) -> str:
    oid = conn.execute(
        text("SELECT oid FROM pg_database WHERE datname = current_database()")
    ).scalar_one()
    return f"proofreel_{oid}_p{project_id}"


def _check_project(conn: Connection, project_id: int) -> None:
    found = conn.execute(text("SELECT 1 FROM projects WHERE id = :id"), {"id": project_id})
    if found.first() is None:
        raise ProjectNotFound(project_id)


def limit_project(conn: Connection, project_id: int, members: list[str], team: set[str]) -> None:
    """Let only ``members`` (team users, see ``team``) of the team see the project, besides
    those already let; the caller checked it may administer (app.store.team_roles)."""
    _check_project(conn, project_id)
    strangers = [name for name in members if name not in team]
    if strangers:
        raise StoreError(
            f"Not users of this team: {', '.join(strangers)} (proofreel team add-user first)."
        )
    group = _group(conn, project_id)
    exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :g"), {"g": group})
    if exists.first() is None:
        conn.execute(text(f"CREATE ROLE {group} NOLOGIN"))
    quote = conn.dialect.identifier_preparer.quote_identifier
    for name in members:
        conn.execute(text(f"GRANT {group} TO {quote(name)}"))


def open_project(conn: Connection, project_id: int) -> bool:
    """Open the project to the whole team again; False when it was not limited."""
    _check_project(conn, project_id)
    group = _group(conn, project_id)
    exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :g"), {"g": group})
    if exists.first() is None:
        return False
    conn.execute(text(f"DROP ROLE {group}"))
    return True


def limited_projects(conn: Connection) -> dict[int, list[str]]:
    """Each limited project of this library and its members, by name."""
    prefix = _group(conn, 0)[:-1]  # proofreel_<oid>_p
    rows = conn.execute(
        text(
            "SELECT g.rolname, m.rolname FROM pg_roles g "
            "LEFT JOIN pg_auth_members a ON a.roleid = g.oid "
            "LEFT JOIN pg_roles m ON m.oid = a.member "
            "WHERE starts_with(g.rolname, :prefix) ORDER BY g.rolname, m.rolname"
        ),
        {"prefix": prefix},
    )
    found: dict[int, list[str]] = {}
    for group, member in rows:
        tail = group[len(prefix) :]
        if tail.isdigit():
            members = found.setdefault(int(tail), [])
            if member is not None:
                members.append(member)
    return found
