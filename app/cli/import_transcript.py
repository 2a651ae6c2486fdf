"""``proofreel import TRANSCRIPT``: a transcript (and its media) into a new library project."""

from __future__ import annotations

import argparse

from app.cli import library_file
from app.cli.common import print_report

DESCRIPTION = (
    "Import a transcript into the library as a new project and print the project's id.\n"
    "The import report (lines skipped or repaired, and why) is printed on stderr unless it\n"
    "is clean. A Proofreel JSON export comes back with its notes, highlights and status."
)
EPILOG = "example: proofreel import interview.srt --media interview.mp4 --title 'Interview 3'"
USES_LIBRARY = True


FAILURES = library_file.failures


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("transcript", metavar="TRANSCRIPT", help="the transcript file to import")
    parser.add_argument("--media", metavar="FILE", help="the video or audio it transcribes")
    parser.add_argument("--title", help="project title (default: the file name)")
    parser.add_argument(
        "--from", dest="src", metavar="FORMAT", help="input format, if sniffing is wrong"
    )


def run(args: argparse.Namespace, db: str | None) -> None:
    from app.store.importing import import_transcript

    with library_file.open_library(db) as library:
        opened = import_transcript(
            library, args.transcript, args.media, title=args.title, fmt=args.src
        )
    if opened.report is not None:
        print_report(opened.report)
    print(opened.project_id)
