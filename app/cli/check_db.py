"""``proofreel check-db``: the library file checked for damage, read-only."""

from __future__ import annotations

import argparse
import sys

from app.cli import library_file
from app.cli.common import CliError
from app.core.plural import plural

DESCRIPTION = (
    "Check the library for damage. Prints ok, or each problem found and exits with status 1.\n"
    "The file is only read, whatever Proofreel version wrote it."
)
USES_LIBRARY = True
FAILURES = library_file.failures


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """No arguments: the library comes from --db before the verb."""


def run(args: argparse.Namespace, db: str | None) -> None:
    from app.store.migrate import read_file_state
    from app.store.safety import check_file

    # The file is checked as it is, read-only, whatever its schema revision: opening it as a
    # library could migrate (write) a file that may be damaged.
    path = library_file.existing_file(db)
    if path is not None:
        revisions, tables = read_file_state(path)
        if not revisions and {t for t in tables if not t.startswith("sqlite_")}:
            raise CliError(
                f"{path} is an SQLite database made by another program (tables: "
                f"{', '.join(sorted(tables)[:5])}), not a Proofreel library"
            )
        problems, where = check_file(path), str(path)
    else:
        with library_file.open_library(db) as library:
            problems, where = library.check_integrity(), library.url
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        raise CliError(
            f"{plural(len(problems), 'problem')} found in {where}: restore a copy from the backups "
            "folder beside it (see README, Backups and restoring)"
        )
    print("ok")
