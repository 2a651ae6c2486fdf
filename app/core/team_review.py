"""Each reviewer's own mark of a line, and the team's state the library's "done" rule reads
from them (issue 15, item 3).

A reviewer approves or flags a line (no mark: unreviewed). The team's state, kept in
``lines.status`` so exports, filters and progress need no other table, is

- "flagged" while anyone's mark is a flag (until that reviewer changes it);
- "approved" once enough reviewers approved: one under the rule "any", two under "two";
- else "unreviewed" (a line with one approval under "two" is not done yet).

The marks made before there were reviewers belong to the reviewer "" (unknown), who counts as
one reviewer like any other. Pure Python: the store computes the same in SQL, the UI words it.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "DEFAULT_RULE",
    "DONE_RULES",
    "DONE_RULE_KEY",
    "LineMarks",
    "approvals_needed",
    "normalise_rule",
    "team_status",
]

#: The settings row holding the library's rule.
DONE_RULE_KEY = "review.done_rule"
#: rule -> approvals a line needs to be done.
DONE_RULES: dict[str, int] = {"any": 1, "two": 2}
DEFAULT_RULE = "any"


def normalise_rule(value: str | None) -> str:
    """The rule as stored; anything unknown (a newer Proofreel's rule, a typo) reads as "any",
    the rule every library had before there were reviewers."""
    rule = (value or "").strip().lower()
    return rule if rule in DONE_RULES else DEFAULT_RULE


def approvals_needed(rule: str) -> int:
    return DONE_RULES[normalise_rule(rule)]


def team_status(approvals: int, flags: int, rule: str) -> str:
    if flags > 0:
        return "flagged"
    if approvals >= approvals_needed(rule):
        return "approved"
    return "unreviewed"


@dataclass(frozen=True, slots=True)
class LineMarks:
    """Who approved and who flagged one line (names sorted, "" = unknown), and this reviewer's
    own mark ("unreviewed" when none)."""

    approvers: tuple[str, ...] = ()
    flaggers: tuple[str, ...] = ()
    mine: str = "unreviewed"

    def others_than(self, me: str) -> bool:
        """Someone but ``me`` (or the unknown reviewer of older marks) marked the line."""
        return any(name not in (me, "") for name in (*self.approvers, *self.flaggers))
