"""Which team role this login has on a shared library, and refusals worded for it.

The role is read once, when the library opens (app.store.library), and rides on the engine as
the execution option ``proofreel_role``, so the error translation (app.store.postgres) can say
"You are a commenter on this library: ..." for any write the server refuses.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import DBAPIError

from app.core.roles import ROLES, role_phrase
from app.core.roles import team_group as group
from app.store.errors import NotPermittedError, StoreError

__all__ = ["ROLE_OPTION", "refusal", "refused", "role_now", "server_role"]

ROLE_OPTION = "proofreel_role"


def server_role(conn: Connection) -> str | None:
    """The highest team role of ``current_user``; None for a superuser, the tables' owner, or a
    login outside the team groups (its own grants decide what it may do)."""
    if conn.dialect.name != "postgresql":
        return None
    groups = [group(role) for role in ROLES]
    row = conn.execute(
        text(
            "SELECT r.rolsuper OR pg_has_role(current_user, c.relowner, 'USAGE'), "
            "ARRAY(SELECT g.rolname FROM pg_roles g WHERE g.rolname = ANY(:groups) "
            "      AND pg_has_role(current_user, g.oid, 'MEMBER')) "
            "FROM pg_roles r, pg_class c "
            "WHERE r.rolname = current_user AND c.oid = to_regclass('lines')"
        ),
        {"groups": groups},
    ).first()
    if row is None or row[0] or not row[1]:
        return None
    return max((ROLES[groups.index(name)] for name in row[1]), key=ROLES.index)


def role_now(engine: Engine, known: str | None) -> str | None:
    """The login's role read again on a fresh connection (after a refusal: the one in hand is
    aborted), else ``known`` when even that fails."""
    try:
        with engine.connect() as conn:
            return server_role(conn)
    except (DBAPIError, StoreError):
        return known


def refusal(role: str | None, detail: str, unsaved: str = " The change was not saved.") -> str:
    """A refused write in words: what the role may do, then what the server said."""
    if role is None:
        return f"This login may not make this change ({detail}).{unsaved}"
    return (
        f"{role_phrase(role)}, not this ({detail}).{unsaved} The library's admin gives another "
        "role with proofreel team add-user."
    )


def refused(conn: Connection, what: str) -> NotPermittedError:
    """For a row the server's row-level security hid from an UPDATE or DELETE: it silently
    changes nothing there, so the store says it."""
    role = conn.get_execution_options().get(ROLE_OPTION)
    return NotPermittedError(refusal(role, f"only its author may change {what}"), "42501")
