"""``proofreel library copy FROM TO``: a whole library, ids kept, between any two libraries."""

from __future__ import annotations

import argparse

from app.store.copying import copy_library
from app.store.errors import StoreError

DESCRIPTION = (
    "Work on whole libraries.\n"
    "  library copy FROM TO   copy every project with its lines, words, notes, highlights,\n"
    "                         tags and settings (ids kept) from FROM to TO: a file path or a\n"
    "                         postgresql:// URL each. TO must be a new file or an empty\n"
    "                         database (created with createdb); FROM is only read."
)
EPILOG = (
    "examples:\n"
    "  proofreel library copy ~/library.sqlite3 postgresql://ana@newsroom-db/proofreel\n"
    "  proofreel library copy postgresql://ana@newsroom-db/proofreel ~/trip.sqlite3"
)
FAILURES = (StoreError, LookupError)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    copy = actions.add_parser("copy", help="copy a whole library to another place")
    copy.add_argument("source", metavar="FROM", help="the library to copy (path or URL)")
    copy.add_argument("target", metavar="TO", help="a new file, or an empty database's URL")


def run(args: argparse.Namespace, db: str | None) -> None:
    report = copy_library(args.source, args.target)
    print(f"copied {report}")
