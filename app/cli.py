"""The headless verbs: convert, import, list, export, check-db, backup. No Qt here.

Every failure the user can cause (a bad file, an unknown project) ends with one line on stderr
and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from app.core.formats.base import ImportReport, TranscriptFormatError
from app.core.formats.registry import by_name, for_path, read_path, writable_formats, write_path
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
from app.store.engine import resolve_url, sqlite_file
from app.store.errors import StoreError
from app.store.importing import import_transcript
from app.store.library import Library
from app.store.migrate import read_file_state
from app.store.migrations import HEAD
from app.store.safety import backup_file, check_file

__all__ = ["VERBS", "main"]

VERBS = ("convert", "import", "list", "export", "check-db", "backup")
EXIT_FAILED, EXIT_USAGE = 1, 2


class CliError(Exception):
    """A failure to report as one line and exit 1."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="proofreel", description="Proofreel command-line verbs.")
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")
    writable = ", ".join(f.name for f in writable_formats())

    convert = verbs.add_parser("convert", help="convert a transcript between formats")
    convert.add_argument("input")
    convert.add_argument("output")
    convert.add_argument(
        "--from", dest="src", metavar="FORMAT", help="input format (sniffed if left out)"
    )
    convert.add_argument("--to", dest="dst", metavar="FORMAT", help=f"output format: {writable}")
    convert.add_argument(
        "--strict", action="store_true", help="fail when the import report is not clean"
    )

    imp = verbs.add_parser(
        "import", help="import a transcript into the library; prints the project id"
    )
    imp.add_argument("transcript")
    imp.add_argument("--media", help="the media file it transcribes")
    imp.add_argument("--title", help="project title (default: the file name)")
    imp.add_argument("--from", dest="src", metavar="FORMAT")

    verbs.add_parser("list", help="list the projects in the library")

    exp = verbs.add_parser("export", help="export a project with its notes, highlights, status")
    exp.add_argument("project", help="project id (see: proofreel list)")
    exp.add_argument(
        "--to",
        dest="dst",
        metavar="FORMAT",
        help=f"format: {', '.join(EXPORTERS)} (default: from -o)",
    )
    exp.add_argument("-o", "--output", help="file to write (default: from the project title)")
    exp.add_argument("--only", metavar="WHICH", help="only flagged or noted lines: flagged, noted")
    exp.add_argument("--no-notes", action="store_true", help="leave notes out")
    exp.add_argument("--no-highlights", action="store_true", help="leave highlights out")
    exp.add_argument("--no-status", action="store_true", help="leave review status out")
    exp.add_argument(
        "--with-original", action="store_true", help="show the imported text beside corrections"
    )
    exp.add_argument(
        "--from-time", metavar="T", help="only lines from this time on (H:MM:SS, MM:SS or seconds)"
    )
    exp.add_argument("--to-time", metavar="T", help="only lines before this time")
    exp.add_argument("--fps", metavar="N", help="marker timecode frame rate (default 25)")

    verbs.add_parser(
        "check-db", help="check the library file for damage; prints ok, or the problems found"
    )
    back = verbs.add_parser(
        "backup", help="copy the library to FILE, consistently, even while Proofreel runs"
    )
    back.add_argument("file", help="the copy to write (replaced if it exists)")
    return parser


def _print_report(report: ImportReport, strict: bool = False) -> None:
    if report.clean:
        return
    for line in report.lines():
        print(line, file=sys.stderr)
    if strict:
        raise CliError(f"{len(report.issues)} import issue(s) and --strict given; nothing written")


def _output_format(path: str, name: str | None) -> str:
    fmt = by_name(name) if name else for_path(path, writable=True)
    if fmt is None or fmt.write is None:
        what = name or path
        known = ", ".join(f.name for f in writable_formats())
        raise CliError(f"cannot write {what!r}: choose one of {known} with --to")
    return fmt.name


def _convert(args: argparse.Namespace) -> None:
    dst = _output_format(args.output, args.dst)
    result = read_path(args.input, args.src)
    _print_report(result.report, args.strict)
    write_path(result.transcript, args.output, dst)


def _import(args: argparse.Namespace, library: Library) -> None:
    opened = import_transcript(library, args.transcript, args.media, title=args.title, fmt=args.src)
    if opened.report is not None:
        _print_report(opened.report)
    print(opened.project_id)


def _list(library: Library) -> None:
    rows = library.list_projects()
    if not rows:
        print("no projects yet: proofreel import TRANSCRIPT [--media FILE]", file=sys.stderr)
        return
    print("id\ttitle\tmedia\tlines")
    for p in rows:
        print(f"{p.id}\t{p.title}\t{p.media_path or '-'}\t{p.line_count}")


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


def _export_options(args: argparse.Namespace) -> ExportOptions:
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


def _export(args: argparse.Namespace, library: Library) -> None:
    if not args.project.isdigit():
        raise CliError(f"a project is named by its number (proofreel list), not {args.project!r}")
    options = _export_options(args)
    if args.output is None and args.dst is None:
        raise CliError("name the output file (-o FILE) or the format (--to FORMAT)")
    try:
        exporter = exporter_for(args.output, args.dst)
        transcript = library.load_transcript(int(args.project))
        output = args.output or suggested_filename(transcript, exporter.name)
        warnings = export(transcript, output, exporter.name, options)
    except ExportError as err:
        raise CliError(str(err)) from None
    for warning in warnings:  # the file is written; these say what it could not hold
        print(f"proofreel export: warning: {warning}", file=sys.stderr)
    if args.output is None:
        print(output)


def _existing_file(db: str | None) -> Path | None:
    """The library file ``--db`` names, which must exist: checking or copying a library must
    not create one. None for a non-file URL (then the library is opened as usual)."""
    path = sqlite_file(resolve_url(db))
    if path is None:
        return None
    if not path.is_file():
        raise CliError(f"no library file at {path}")
    read_file_state(path)  # NotADatabaseError, with the file untouched, when it is no SQLite
    return path


def _browsable(db: str | None) -> bool:
    """True when list/export can read the library without writing a byte: an up-to-date library
    file. (Opening it writable would switch a backup's rollback journal to WAL, rewriting its
    header; an older library still needs its update, a write, and is opened as usual.)"""
    path = sqlite_file(resolve_url(db))
    if path is None or not path.is_file():
        return False
    return read_file_state(path)[0] == [HEAD]


def _check_db(db: str | None) -> None:
    # The file is checked as it is, read-only, whatever its schema revision: opening it as a
    # library could migrate (write) a file that may be damaged.
    path = _existing_file(db)
    if path is not None:
        revisions, tables = read_file_state(path)
        if not revisions and {t for t in tables if not t.startswith("sqlite_")}:
            raise CliError(
                f"{path} is an SQLite database made by another program (tables: "
                f"{', '.join(sorted(tables)[:5])}), not a Proofreel library"
            )
        problems, where = check_file(path), str(path)
    else:
        with Library.open(db) as library:
            problems, where = library.check_integrity(), library.url
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        raise CliError(
            f"{len(problems)} problem(s) found in {where}: restore a copy from the backups "
            "folder beside it (see README, Backups and restoring)"
        )
    print("ok")


def _backup(args: argparse.Namespace, db: str | None) -> None:
    path = _existing_file(db)
    if path is not None:
        problems = check_file(path)
        if problems:  # a copy of the damage would pass for a good backup later
            raise CliError(
                f"{path} is damaged ({problems[0]}); no backup was written. Run "
                "“proofreel check-db”, and restore a copy from the backups folder beside it"
            )
        print(backup_file(path, Path(args.file)))
        return
    with Library.open(db) as library:
        print(library.backup_to(args.file))


def main(argv: Sequence[str], db: str | None = None) -> int:
    args = _parser().parse_args(list(argv))  # exits 2 with argparse's own message on bad usage
    try:
        if args.verb == "convert":
            _convert(args)
            return 0
        if args.verb == "check-db":
            _check_db(db)
            return 0
        if args.verb == "backup":
            _backup(args, db)
            return 0
        library = Library.open(db, read_only=args.verb != "import" and _browsable(db))
        try:
            if args.verb == "import":
                _import(args, library)
            elif args.verb == "list":
                _list(library)
            else:
                _export(args, library)
        finally:
            library.close()
    except (CliError, TranscriptFormatError, StoreError, LookupError) as err:
        print(f"proofreel {args.verb}: {err}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as err:
        print(
            f"proofreel {args.verb}: {err.strerror or err}: {err.filename or ''}".rstrip(": "),
            file=sys.stderr,
        )
        return EXIT_FAILED
    return 0
