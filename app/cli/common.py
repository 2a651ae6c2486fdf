"""What every verb shares: the one-line failure, exit statuses, and the import report on stderr."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.core.formats.base import ImportReport

__all__ = ["EXIT_FAILED", "EXIT_INTERRUPTED", "CliError", "os_error_message", "print_report"]

EXIT_FAILED = 1
EXIT_INTERRUPTED = 130  # what a shell reports for Ctrl+C


class CliError(Exception):
    """A failure to report as one line and exit 1."""


def os_error_message(err: OSError) -> str:
    """'Permission denied: /x/y.srt', without Python's '[Errno 13]'."""
    return f"{err.strerror or err}: {err.filename or ''}".rstrip(": ")


def print_report(report: ImportReport, strict: bool = False) -> None:
    """The import report on stderr unless it is clean; with ``strict``, a dirty one fails."""
    if report.clean:
        return
    for line in report.lines():
        print(line, file=sys.stderr)
    if strict:
        raise CliError(f"{len(report.issues)} import issue(s) and --strict given; nothing written")
