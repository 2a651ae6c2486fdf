"""What every verb shares: the one-line failure, exit statuses, and the import report on stderr."""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, NoReturn

from app.core.plural import plural

if TYPE_CHECKING:
    from pathlib import Path

    from app.core.formats.base import ImportReport

__all__ = [
    "EXIT_FAILED",
    "EXIT_INTERRUPTED",
    "CliError",
    "HelpFormatter",
    "Parser",
    "crash_line",
    "os_error_message",
    "print_report",
]

EXIT_FAILED = 1
EXIT_INTERRUPTED = 130  # what a shell reports for Ctrl+C


class CliError(Exception):
    """A failure to report as one line and exit 1."""


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's help, descriptions kept as written, sized to the terminal without importing
    shutil (which loads the bz2 and lzma modules: ~2 ms of every verb's start)."""

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        width = terminal_columns() - 2 if width is None else width
        super().__init__(prog, indent_increment, max_help_position, width)


class Parser(argparse.ArgumentParser):
    """argparse's parser, whose usage errors are one line (the usage is one --help away)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see: {self.prog} --help)\n")


def terminal_columns() -> int:
    """What shutil.get_terminal_size() answers: $COLUMNS, else the terminal's width, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns if columns > 0 else 80


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
        raise CliError(
            f"{plural(len(report.issues), 'import issue')} and --strict given; nothing written"
        )


def crash_log() -> Path:
    """The log the window writes its unexpected errors to, too."""
    from pathlib import Path

    import platformdirs

    return Path(platformdirs.user_log_dir("proofreel", appauthor=False)) / "errors.log"


def crash_line(err: Exception) -> str:
    """One line for a bug (an exception no verb expects); its traceback goes to the log."""
    import traceback
    from datetime import datetime

    what = f"{type(err).__name__}: {err}".splitlines()[0] if str(err) else type(err).__name__
    details = "".join(traceback.format_exception(err))
    try:
        log = crash_log()
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as out:
            out.write(f"{datetime.now().isoformat(timespec='seconds')} {' '.join(sys.argv)}\n")
            out.write(details)
    except OSError as log_err:
        return f"unexpected error ({what}); its details could not be saved: {log_err}"
    return f"unexpected error ({what}); please report it with the details written to {log}"
