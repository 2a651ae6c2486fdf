"""``proofreel export PROJECT``: a library project to a file, with its notes, highlights and
review status, in any exporter's format."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace

from app.cli import library_file
from app.cli.common import CliError
from app.core.timecode import TimecodeError, parse_stamp
from app.export import (
    EXPORTERS,
    ONLY_CHOICES,
    ExportError,
    ExportOptions,
    export,
    exporter_for,
    suggested_filename,
)

DESCRIPTION = (
    "Export a project of the library with its notes, highlights, review status and\n"
    "corrections. The format comes from the output file's extension, or --to; with --to\n"
    "alone the file is named after the project and its name printed. The library is only read."
)
EPILOG = (
    "examples:\n"
    "  proofreel export 3 -o review.html\n"
    "  proofreel export 3 --to srt --only flagged --from-time 10:00 --to-time 20:00"
)
USES_LIBRARY = True
FAILURES = library_file.failures


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", metavar="PROJECT", help="project id (see: proofreel list)")
    parser.add_argument(
        "--to",
        dest="dst",
        metavar="FORMAT",
        help=f"format (default: from the extension of -o): {', '.join(EXPORTERS)}",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="file to write (default: from the project title)"
    )
    parser.add_argument(
        "--only", metavar="WHICH", help=f"only some lines: {', '.join(ONLY_CHOICES)}"
    )
    parser.add_argument("--no-notes", action="store_true", help="leave notes out")
    parser.add_argument("--no-highlights", action="store_true", help="leave highlights out")
    parser.add_argument("--no-status", action="store_true", help="leave review status out")
    parser.add_argument(
        "--with-original", action="store_true", help="show the imported text beside corrections"
    )
    parser.add_argument(
        "--from-time", metavar="T", help="only lines from this time on (H:MM:SS, MM:SS or seconds)"
    )
    parser.add_argument("--to-time", metavar="T", help="only lines before this time")
    parser.add_argument(
        "--fps", metavar="N", help="frame rate of the timecodes in edl and markers-csv (default 25)"
    )


def _time_arg(flag: str, value: str | None) -> int | None:
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        try:
            return parse_stamp(value)
        except TimecodeError as err:
            raise CliError(f"{flag}: {err}") from None
    if not seconds >= 0 or seconds == float("inf"):  # also refuses NaN
        raise CliError(f"{flag}: not a time: {value!r}")
    return round(seconds * 1000)


def _options(args: argparse.Namespace) -> ExportOptions:
    if args.only is not None and args.only not in ONLY_CHOICES:
        raise CliError(f"--only must be one of {', '.join(ONLY_CHOICES)}, not {args.only!r}")
    fps = 25
    if args.fps is not None:
        if not args.fps.isdigit():
            raise CliError(f"--fps must be a whole number of frames per second, not {args.fps!r}")
        fps = int(args.fps)
    try:
        return ExportOptions(
            include_notes=not args.no_notes,
            include_highlights=not args.no_highlights,
            include_status=not args.no_status,
            only=args.only,
            with_original=args.with_original,
            start_ms=_time_arg("--from-time", args.from_time),
            end_ms=_time_arg("--to-time", args.to_time),
            fps=fps,
        )
    except ValueError as err:
        raise CliError(str(err)) from None


def run(args: argparse.Namespace, db: str | None) -> None:
    if not args.project.isdigit():
        raise CliError(f"a project is named by its number (proofreel list), not {args.project!r}")
    options = _options(args)
    if args.output is None and args.dst is None:
        raise CliError("name the output file (-o FILE) or the format (--to FORMAT)")
    try:
        exporter = exporter_for(args.output, args.dst)
        with library_file.open_for_reading(db) as library:
            transcript = library.load_transcript(int(args.project))
            if exporter.name == "docx-tracked":  # each revision by who corrected it, and when
                from app.store.change_log import ChangeLog  # not for --help (test_cli)

                corrected = ChangeLog(library).corrections(int(args.project))
                options = replace(options, corrected_by=corrected)
        output = args.output or suggested_filename(transcript, exporter.name)
        warnings = export(transcript, output, exporter.name, options)
    except ExportError as err:
        raise CliError(str(err)) from None
    for warning in warnings:  # the file is written; these say what it could not hold
        print(f"proofreel export: warning: {warning}", file=sys.stderr)
    if args.output is None:
        print(output)
