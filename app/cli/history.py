"""``proofreel history PROJECT``: the project's audit trail from the change log, newest first.

One line per change: local date and time, who, what and where, e.g.
``2026-12-07 10:42  ana  approved line 12 (00:40.2)``. Lines added or deleted together (an
import, a split) are one line. The library is only read, so a read-only one works too.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from app.cli import library_file
from app.cli.common import CliError
from app.core.timecode import format_clock

if TYPE_CHECKING:
    from app.store.change_log import HistoryEntry

DESCRIPTION = (
    "Show who changed what in a project, newest first, one change a line: time, who, what\n"
    "(text corrected, re-timed, approved, note added, ...) and the line. The library is only read."
)
USES_LIBRARY = True
FAILURES = library_file.failures


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", metavar="PROJECT", help="project id (see: proofreel list)")
    parser.add_argument(
        "--limit", "-n", type=int, default=None, metavar="N", help="only the N newest changes"
    )


def run(args: argparse.Namespace, db: str | None) -> None:
    if not args.project.isdigit():
        raise CliError(f"a project is named by its number (proofreel list), not {args.project!r}")
    if args.limit is not None and args.limit < 1:
        raise CliError(f"--limit takes a number of changes from 1 up, not {args.limit}")
    from app.store.change_log import ChangeLog

    with library_file.open_for_reading(db) as library:
        entries = ChangeLog(library).history(int(args.project), args.limit)
    if not entries:
        print("no changes recorded for this project yet")
        return
    width = max(len(entry.change.actor or "?") for entry in entries)
    for entry in entries:
        who = entry.change.actor or "?"
        print(f"{when(entry.change.at)}  {who:<{width}}  {said(entry)}")


def when(iso: str) -> str:
    """A stored UTC stamp as local date and time to the minute."""
    try:
        stamp = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.astimezone().strftime("%Y-%m-%d %H:%M")


def place(position: int | None, start_ms: int | None) -> str:
    """ "line 12 (00:40.2)": the row as the window numbers it, and where it starts."""
    if position is None or start_ms is None:
        return ""
    return f"line {position + 1} ({format_clock(start_ms)}.{start_ms % 1000 // 100})"


def said(entry: HistoryEntry) -> str:
    change, where = entry.change, place(entry.position, entry.start_ms)
    what = change.what
    if change.table_name == "lines" and change.op in ("insert", "delete"):
        if entry.count > 1:
            what = f"{what} {entry.count} lines"
            return f"{what} from {where}" if where else what
        return f"{what} {where}" if where else f"{what} a line"
    if not where:
        return what
    on = "" if (change.detail or "").startswith("status") else "on "  # "approved line 12"
    return f"{what} {on}{where}"
