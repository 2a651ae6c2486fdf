"""``proofreel convert IN OUT``: a transcript file to another format, nothing else loaded (no
library, no exporters), so it starts about as fast as Python does."""

from __future__ import annotations

import argparse
from pathlib import Path

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
    parser.add_argument("input", metavar="INPUT", help="the transcript to read")
    parser.add_argument(
        "output", metavar="OUTPUT", help="the file to write (replaced whole, never half-written)"
    )
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
    known = ", ".join(f.name for f in writable_formats())
    if name is not None:
        if name not in {f.name for f in writable_formats()}:
            raise CliError(f"cannot write the format {name!r}: --to takes {known}")
        return name
    fmt = for_path(path, writable=True)
    if fmt is None:
        raise CliError(f"cannot tell the format from the name {path!r}: add --to ({known})")
    return fmt.name


def run(args: argparse.Namespace, db: str | None) -> None:
    dst = _output_format(args.output, args.dst)
    target = Path(args.output)
    if target.exists() and not target.is_file():  # a folder, a device, a pipe: never replaced
        what = "a folder" if target.is_dir() else "not a regular file"
        raise CliError(f"cannot write {args.output}: it is {what}")
    if args.src is not None:
        by_name(args.src)  # an unknown --from is refused before the file is read
    result = read_path(args.input, args.src)
    print_report(result.report, args.strict)
    try:
        write_path(result.transcript, args.output, dst)
    except OSError as err:  # its file name would be the temporary file's
        raise CliError(f"cannot write {args.output}: {_why(err, Path(args.output))}") from None


def _why(err: OSError, target: Path) -> str:
    folder = target.absolute().parent
    if isinstance(err, FileNotFoundError) and not folder.is_dir():
        return f"the folder {folder} does not exist"
    return err.strerror or str(err)
