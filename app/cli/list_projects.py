"""``proofreel list``: the library's projects as tab-separated rows."""

from __future__ import annotations

import argparse
import sys

from app.cli import library_file

DESCRIPTION = (
    "List the projects in the library, one a row, tab-separated: id, title, media, lines.\n"
    "The id is what `proofreel export` takes. The library is only read."
)
USES_LIBRARY = True
FAILURES = library_file.failures


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No arguments: the library comes from --db before the verb."""


def run(args: argparse.Namespace, db: str | None) -> None:
    with library_file.open_for_reading(db) as library:
        rows = library.list_projects()
    if not rows:
        print("no projects yet: proofreel import TRANSCRIPT [--media FILE]", file=sys.stderr)
        return
    print("id\ttitle\tmedia\tlines")
    for p in rows:
        print(f"{p.id}\t{p.title}\t{p.media_path or '-'}\t{p.line_count}")
