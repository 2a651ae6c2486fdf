"""``proofreel convert IN OUT``: a transcript file to another format, nothing else loaded (no
library, no exporters), so it starts about as fast as Python does."""

from __future__ import annotations

import argparse

from app.cli.common import CliError, print_report
from app.core.formats.base import TranscriptFormatError
from app.core.formats.registry import (
    by_name,
    for_path,
    read_path,
    readable_formats,
    writable_formats,
    write_path,
)

DESCRIPTION = (
    "Convert a transcript file to another format. The input format is recognised from the\n"
    "content; the output format comes from the output file's extension, or --to. The import\n"
    "report (lines skipped or repaired, and why) is printed on stderr unless it is clean."
)
EPILOG = "example: proofreel convert interview.vtt interview.srt"
FAILURES = (TranscriptFormatError,)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    writable = ", ".join(f.name for f in writable_formats())
    readable = ", ".join(f.name for f in readable_formats())
    parser.add_argument("input", help="the transcript to read")
    parser.add_argument("output", help="the file to write (replaced whole, never half-written)")
    parser.add_argument(
        "--from",
        dest="src",
        metavar="FORMAT",
        help=f"input format, if sniffing is wrong: {readable}",
    )
    parser.add_argument("--to", dest="dst", metavar="FORMAT", help=f"output format: {writable}")
    parser.add_argument(
        "--strict",
        action="store_true",
        help="write nothing unless the import report is clean (exit status 1)",
    )


def _output_format(path: str, name: str | None) -> str:
    fmt = by_name(name) if name else for_path(path, writable=True)
    if fmt is None or fmt.write is None:
        what = name or path
        known = ", ".join(f.name for f in writable_formats())
        raise CliError(f"cannot write {what!r}: choose one of {known} with --to")
    return fmt.name


def run(args: argparse.Namespace, db: str | None) -> None:
    dst = _output_format(args.output, args.dst)
    result = read_path(args.input, args.src)
    print_report(result.report, args.strict)
    write_path(result.transcript, args.output, dst)
