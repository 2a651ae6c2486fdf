"""The headless verbs (``proofreel VERB ...``): one module each, imported only when its verb
runs, so ``convert`` never loads the library's database code and no verb loads Qt or vlc.

Adding a verb is one module and one line:

1. ``app/cli/NAME.py`` with ``DESCRIPTION`` (a sentence or two for ``--help``),
   ``add_arguments(parser)``, ``run(args, db)`` (``db`` is the ``--db`` value or None) and
   ``FAILURES``, the exception types that mean the user's input was refused. ``run`` raises
   ``app.cli.common.CliError`` (or one of ``FAILURES``) with a one-line message (``FAILURES``
   may be a function returning the tuple, to import the store only when it runs); a verb with
   sub-verbs (``db upgrade``) adds them with ``parser.add_subparsers`` in ``add_arguments``.
   ``USES_LIBRARY = True`` gives it a ``--db`` option too (after the verb; ``db`` is its value).
2. A line in ``VERBS`` below: the name typed, the module, the one-line help of the verb list.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from app.cli.common import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    CliError,
    HelpFormatter,
    Parser,
    crash_line,
    os_error_message,
)

if TYPE_CHECKING:
    from types import ModuleType

__all__ = ["VERBS", "main"]

#: verb -> (module, one-line help). The order is the order of ``proofreel --help``.
VERBS: dict[str, tuple[str, str]] = {
    "convert": ("app.cli.convert", "convert a transcript file to another format"),
    "import": ("app.cli.import_transcript", "import a transcript into the library"),
    "list": ("app.cli.list_projects", "list the projects in the library"),
    "export": ("app.cli.export_project", "export a project with its review"),
    "history": ("app.cli.history", "who changed what in a project, newest first"),
    "import-docx": ("app.cli.import_docx", "apply a DOCX edited in Word back to its project"),
    "check-db": ("app.cli.check_db", "check the library file for damage"),
    "backup": ("app.cli.backup", "copy the library to a file, even while Proofreel runs"),
    "transcribe": ("app.cli.transcribe", "transcribe a media file's speech, offline"),
    "db": ("app.cli.db_admin", "db upgrade: bring a (team) library to this schema"),
    "library": ("app.cli.library_copy", "library copy FROM TO: copy a whole library"),
    "team": ("app.cli.team", "team add-user/list/remove: who may do what on a team library"),
}


def verb_list() -> str:
    """The verbs and what they do, one a line, for ``proofreel --help``."""
    width = max(map(len, VERBS))
    return "\n".join(f"  {name:<{width}}  {help_}" for name, (_, help_) in VERBS.items())


def _verb_parser(name: str, verb: ModuleType) -> argparse.ArgumentParser:
    parser = Parser(
        prog=f"proofreel {name}",
        description=verb.DESCRIPTION,
        epilog=getattr(verb, "EPILOG", None),
        formatter_class=HelpFormatter,
    )
    verb.add_arguments(parser)
    if getattr(verb, "USES_LIBRARY", False):  # before the verb, as the window takes it, or after
        parser.add_argument(
            "--db",
            dest="library_db",
            metavar="PATH_OR_URL",
            help="the library: a file, or a database URL (default: $PROOFREEL_DB, else the "
            "user data folder); may also come before the verb",
        )
    return parser


def _failures(verb: ModuleType) -> tuple[type[Exception], ...]:
    """A verb's FAILURES: a tuple, or a function giving one (so that a module need not import
    what raises them, the store, before its verb runs)."""
    failures = verb.FAILURES
    return tuple(failures() if callable(failures) else failures)


def main(argv: Sequence[str], db: str | None = None) -> int:
    """Run ``argv`` (the verb first, then its arguments); the exit status.

    Bad usage exits 2 with argparse's message; a refused input prints one line on stderr and
    returns 1; nothing the user can cause shows a traceback.
    """
    argv = list(argv)
    if not argv or argv[0] not in VERBS:
        given = repr(argv[0]) if argv else "none"
        print(
            f"proofreel: choose a verb ({', '.join(VERBS)}), not {given}; proofreel --help",
            file=sys.stderr,
        )
        return 2
    name = argv[0]
    verb = importlib.import_module(VERBS[name][0])
    args = _verb_parser(name, verb).parse_args(argv[1:])  # exits 2 on bad usage
    db = getattr(args, "library_db", None) or db
    refused: tuple[type[Exception], ...] = (CliError, *_failures(verb))
    try:
        verb.run(args, db)
        sys.stdout.flush()  # a closed pipe shows here, not in Python's flush at exit
    except refused as err:
        print(f"proofreel {name}: {err}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:  # `proofreel list | head -1`: the reader has all it wanted
        _quiet_stdout()
        return EXIT_FAILED
    except OSError as err:
        print(f"proofreel {name}: {os_error_message(err)}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as err:  # a bug: one line here, the traceback in the log
        print(f"proofreel {name}: {crash_line(err)}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print(f"proofreel {name}: interrupted; no file was left half-written", file=sys.stderr)
        return EXIT_INTERRUPTED
    return 0


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so Python's final flush does not complain of the pipe again."""
    import contextlib

    with contextlib.suppress(OSError, ValueError):  # no file (captured in a test): no flush
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
