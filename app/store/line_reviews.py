"""Each reviewer's own mark of a line (``line_reviews``) and the team's state in
``lines.status`` worked out from them by the library's "done" rule (app.core.team_review).

A mark is one row per (line, reviewer); "unreviewed" is no row. Every write locks the lines it
marks first (``FOR UPDATE`` on PostgreSQL; SQLite's writer holds the file), so two reviewers
marking one line at once each see the other's committed mark when the team state is worked
out: neither overwrites the other. The team state is one correlated UPDATE (a grouped read of
the line's marks per line, by the primary key's index), for a few lines or for all of them
when the rule changes; only lines whose state changes are written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    case,
    delete,
    func,
    insert,
    literal,
    select,
    update,
)

from app.core.team_review import DONE_RULE_KEY, LineMarks, approvals_needed, normalise_rule
from app.store.bulk_read import fetch_tuples
from app.store.edit_reads import chunks
from app.store.errors import LineNotFound
from app.store.models import line_reviews, lines, settings

__all__ = [
    "Mark",
    "insert_unknown_marks",
    "lock_lines",
    "read_marks",
    "read_rule",
    "recompute",
    "restore_marks",
    "write_marks",
    "write_rule",
]

Mark = tuple[str, str, str]  # (reviewer, status, at)
_SEP = "\x1f"  # between names in one aggregated cell: a character no name holds


def read_rule(conn: Connection) -> str:
    value = conn.execute(select(settings.c.value).where(settings.c.key == DONE_RULE_KEY))
    return normalise_rule(value.scalar())


def write_rule(conn: Connection, rule: str) -> None:
    conn.execute(delete(settings).where(settings.c.key == DONE_RULE_KEY))
    conn.execute(insert(settings).values(key=DONE_RULE_KEY, value=rule))


def insert_unknown_marks(conn: Connection, marks: Sequence[tuple[int, str]]) -> None:
    """Lines' statuses that came with them (an import, a merge) as marks of the unknown
    reviewer ""."""
    rows = [{"line_id": i, "reviewer": "", "status": status, "at": ""} for i, status in marks]
    if rows:
        conn.execute(insert(line_reviews), rows)


def lock_lines(conn: Connection, line_ids: Sequence[int]) -> dict[int, str]:
    """Lock the lines, in id order (no deadlock between two writers), and return their team
    states; LineNotFound if any is missing, before anything is written."""
    wanted = sorted(set(line_ids))
    found: dict[int, str] = {}
    for part in chunks(wanted):
        query = select(lines.c.id, lines.c.status).where(lines.c.id.in_(part))
        for line_id, status in conn.execute(query.order_by(lines.c.id).with_for_update()):
            found[line_id] = status
    missing = [i for i in wanted if i not in found]
    if missing:
        raise LineNotFound(missing)
    return found


def _whose(reviewer: str, claim_unknown: bool) -> ColumnElement[bool]:
    names = [reviewer, ""] if claim_unknown and reviewer else [reviewer]
    return line_reviews.c.reviewer.in_(names)


def write_marks(
    conn: Connection,
    line_ids: Sequence[int],
    reviewer: str,
    status: str,
    at: str,
    *,
    claim_unknown: bool = False,
) -> dict[int, tuple[Mark, ...]]:
    """Give the lines ``reviewer``'s mark ``status`` ("unreviewed": none); return the rows it
    replaced per line, for restore_marks. ``claim_unknown``: the line's mark from before there
    were reviewers is taken as this reviewer's (one person's SQLite library) and replaced."""
    wanted = list(dict.fromkeys(line_ids))
    previous: dict[int, tuple[Mark, ...]] = {i: () for i in wanted}
    whose = _whose(reviewer, claim_unknown)
    r = line_reviews.c
    for part in chunks(wanted):
        mine = r.line_id.in_(part) & whose
        for line_id, name, old, when in conn.execute(
            select(r.line_id, r.reviewer, r.status, r.at).where(mine)
        ):
            previous[line_id] = (*previous[line_id], (name, old, when))
    if status == "unreviewed":
        for part in chunks(wanted):
            conn.execute(delete(line_reviews).where(r.line_id.in_(part) & whose))
        return previous
    # A mark changes in place (one "flagged" in the log, not "cleared" then "flagged"); a mark
    # from before reviewers becomes this reviewer's; a line with none gets a new row.
    own = [i for i in wanted if any(m[0] == reviewer for m in previous[i])]
    owned = set(own)
    claimed = [i for i in wanted if i not in owned and previous[i]]
    new = [i for i in wanted if not previous[i]]
    for part in chunks(own):
        conn.execute(
            update(line_reviews)
            .where(r.line_id.in_(part), r.reviewer == reviewer)
            .values(status=status, at=at)
        )
        if claim_unknown and reviewer:  # both rows (another process wrote one): one stays
            conn.execute(delete(line_reviews).where(r.line_id.in_(part), r.reviewer == ""))
    for part in chunks(claimed):
        conn.execute(
            update(line_reviews)
            .where(r.line_id.in_(part), r.reviewer == "")
            .values(reviewer=reviewer, status=status, at=at)
        )
    if new:
        rows = [{"line_id": i, "reviewer": reviewer, "status": status, "at": at} for i in new]
        conn.execute(insert(line_reviews), rows)
    return previous


def restore_marks(
    conn: Connection,
    reviewer: str,
    previous: Mapping[int, Sequence[Mark]],
    *,
    claim_unknown: bool = False,
) -> None:
    """Put back the rows write_marks replaced: the reviewer's mark as it was, exactly."""
    ids = list(previous)
    whose = _whose(reviewer, claim_unknown)
    for part in chunks(ids):
        conn.execute(delete(line_reviews).where(line_reviews.c.line_id.in_(part) & whose))
    rows = [
        {"line_id": i, "reviewer": name, "status": status, "at": at}
        for i, marks in previous.items()
        for name, status, at in marks
    ]
    if rows:
        conn.execute(insert(line_reviews), rows)


def _team_state(rule: str) -> Any:
    """The team's state of the line being updated, from its marks (a correlated subquery)."""
    r = line_reviews.alias("r")
    flags = func.sum(case((r.c.status == "flagged", 1), else_=0))
    approvals = func.sum(case((r.c.status == "approved", 1), else_=0))
    # A status from an old import that is none of ours stays as it was (undo gives it back).
    odd = func.max(case((r.c.status.not_in(("approved", "flagged")), r.c.status)))
    state = case(
        (flags > 0, literal("flagged")),
        (approvals >= approvals_needed(rule), literal("approved")),
        (approvals > 0, literal("unreviewed")),
        else_=func.coalesce(odd, literal("unreviewed")),
    )
    return select(state).where(r.c.line_id == lines.c.id).scalar_subquery()


def recompute(conn: Connection, line_ids: Sequence[int] | None = None) -> int:
    """Work the team state of the lines (None: every line of the library) out again by the
    library's rule; returns how many lines changed state."""
    state = _team_state(read_rule(conn))
    stmt = update(lines).where(lines.c.status != state).values(status=state)
    if line_ids is None:
        return conn.execute(stmt).rowcount
    changed = 0
    for part in chunks(list(dict.fromkeys(line_ids))):
        changed += conn.execute(stmt.where(lines.c.id.in_(part))).rowcount
    return changed


def _names(conn: Connection, column: Any) -> Any:
    if conn.dialect.name == "postgresql":
        return func.string_agg(column, _SEP)
    return func.group_concat(column, _SEP)


def _split(joined: str | None, count: int) -> tuple[str, ...]:
    if not count or joined is None:
        return ()
    return tuple(sorted(joined.split(_SEP)))


def read_marks(
    conn: Connection,
    me: str,
    *,
    project_id: int | None = None,
    line_ids: Sequence[int] = (),
    claim_unknown: bool = False,
) -> dict[int, tuple[str, LineMarks]]:
    """line id -> (team state, marks) in one grouped query: of a project's lines that have
    any mark, or of the given lines (each of them, marked or not). ``claim_unknown``: a line's
    mark from before reviewers is ``me``'s own when ``me`` has none (see write_marks)."""
    r = line_reviews
    approved, flagged = r.c.status == "approved", r.c.status == "flagged"
    marks_of = (
        func.sum(case((approved, 1), else_=0)),
        func.sum(case((flagged, 1), else_=0)),
        _names(conn, case((approved, r.c.reviewer))),
        _names(conn, case((flagged, r.c.reviewer))),
        func.max(case((r.c.reviewer == me, r.c.status))),
        func.max(case((r.c.reviewer == "", r.c.status))),
    )
    found: dict[int, tuple[str, LineMarks]] = {}
    # Most lines share their marks ("ana, ben" approved): one LineMarks each, no split per row.
    shared: dict[tuple[Any, ...], LineMarks] = {}

    def marks(row: tuple[Any, ...]) -> LineMarks:
        made = shared.get(row)
        if made is None:
            approvals, flags, approvers, flaggers, mine, unknown = row
            who = _split(approvers, approvals or 0), _split(flaggers, flags or 0)
            own = mine or (unknown if claim_unknown else None) or "unreviewed"
            made = shared[row] = LineMarks(*who, own)
        return made

    if project_id is not None:
        # Grouped on the marks' own key (its index gives the order: no sort), by the project's
        # lines; the team states from a second read of the lines that have one.
        of_project = select(lines.c.id).where(lines.c.project_id == project_id)
        query = select(r.c.line_id, *marks_of).where(r.c.line_id.in_(of_project))
        rows = fetch_tuples(conn, query.group_by(r.c.line_id))
        done = select(lines.c.id, lines.c.status).where(
            lines.c.project_id == project_id, lines.c.status != "unreviewed"
        )
        states = dict(fetch_tuples(conn, done))
        for row in rows:
            found[row[0]] = (states.get(row[0], "unreviewed"), marks(row[1:]))
    for part in chunks(list(dict.fromkeys(line_ids))):
        joined = lines.outerjoin(r, r.c.line_id == lines.c.id)
        each: Any = select(lines.c.id, lines.c.status, *marks_of).select_from(joined)
        each = each.where(lines.c.id.in_(part)).group_by(lines.c.id, lines.c.status)
        for row in conn.execute(each):
            found[row[0]] = (str(row[1]), marks(tuple(row[2:])))
    return found
