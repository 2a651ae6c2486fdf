"""``proofreel import-docx PROJECT FILE``: a Word document Proofreel exported, edited in Word
(revisions accepted or rejected, comments added, words typed), applied back to the project."""

from __future__ import annotations

import argparse
import sys

from app.cli import library_file
from app.cli.common import CliError

DESCRIPTION = (
    "Apply a Word document that Proofreel exported and someone edited back to its project:\n"
    "the text each line has in the document (accepted and rejected tracked changes, typed\n"
    "corrections) and the comments added there become corrections and notes, which the\n"
    "window can undo. Lines are found by their bookmarks; nothing is deleted."
)
EPILOG = "example: proofreel import-docx 3 interview-edited.docx"
USES_LIBRARY = True


def FAILURES() -> tuple[type[Exception], ...]:  # the verb protocol's name
    from app.core.docx_read import DocxReadError

    return (*library_file.failures(), DocxReadError)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", metavar="PROJECT", help="project id (see: proofreel list)")
    parser.add_argument("file", metavar="FILE", help="the edited .docx")


def run(args: argparse.Namespace, db: str | None) -> None:
    if not args.project.isdigit():
        raise CliError(f"a project is named by its number (proofreel list), not {args.project!r}")
    from app.store.docx_import import apply_docx

    with library_file.open_library(db) as library:
        result = apply_docx(library, int(args.project), args.file)
    for message in result.messages:
        print(f"proofreel import-docx: {message}", file=sys.stderr)
    print(result.summary())
