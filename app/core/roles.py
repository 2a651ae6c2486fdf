"""What each team role may do (issue 15, item 7): the one table the UI greys actions by.

The server enforces the roles (GRANTs and row-level security, app.store.team_roles); this is the
app's own copy of the same rules, so it can grey out what the server would refuse anyway. Each
role may do all that the one before it may: viewer < commenter < editor < approver.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ROLES", "Permissions", "permissions", "role_phrase", "team_group"]

#: The roles, least first.
ROLES = ("viewer", "commenter", "editor", "approver")

_MAY = {
    "viewer": "you may read it",
    "commenter": "you may read it, add notes and highlights and change your own",
    "editor": "you may read it, comment, and correct text, times and speakers",
    "approver": "you may read, comment, correct and set statuses",
}


@dataclass(frozen=True)
class Permissions:
    """What a login may change. ``comment``: add notes and highlights (and change its own);
    ``edit``: text, times, speakers and line structure; ``review``: line statuses."""

    comment: bool = True
    edit: bool = True
    review: bool = True

    @property
    def writes(self) -> bool:
        return self.comment or self.edit or self.review


def team_group(role: str) -> str:
    """The server's group role for a team role (app.store.team_roles)."""
    return f"proofreel_{role}"


def permissions(role: str | None) -> Permissions:
    """None (SQLite, the library's owner, a login outside the team roles): everything."""
    if role is None:
        return Permissions()
    rank = ROLES.index(role)
    return Permissions(comment=rank >= 1, edit=rank >= 2, review=rank >= 3)


def role_phrase(role: str) -> str:
    """ "You are a commenter on this library: you may read it, ..." (for refusals)."""
    article = "an" if role[0] in "aeiou" else "a"
    return f"You are {article} {role} on this library: {_MAY[role]}"
