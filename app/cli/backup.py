"""``proofreel backup FILE``: a consistent copy of the library, even while Proofreel runs."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.cli import library_file
from app.cli.common import CliError

DESCRIPTION = (
    "Copy the library to FILE, consistently, even while Proofreel has it open, and print\n"
    "the copy's path. A damaged library is not copied (the copy would pass for a good one)."
)
EPILOG = "example: proofreel backup ~/proofreel-$(date +%F).sqlite3"
USES_LIBRARY = True
FAILURES = library_file.failures


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="the copy to write (replaced if it exists)")


def run(args: argparse.Namespace, db: str | None) -> None:
    from app.store.safety import backup_file, check_file

    path = library_file.existing_file(db)
    if path is not None:
        problems = check_file(path)
        if problems:  # a copy of the damage would pass for a good backup later
            raise CliError(
                f"{path} is damaged ({problems[0]}); no backup was written. Run "
                "“proofreel check-db”, and restore a copy from the backups folder beside it"
            )
        print(backup_file(path, Path(args.file)))
        return
    with library_file.open_library(db) as library:
        print(library.backup_to(args.file))
