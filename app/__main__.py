"""``python -m app`` and the ``proofreel`` command: global options, then a verb or the window.

Only what the command asks for is imported: ``--version`` and ``--help`` load nothing but
argparse, a verb loads its own module (app.cli), and Qt and vlc come with the window alone.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from app import __version__
from app.cli import VERBS, verb_list
from app.cli import main as cli_main
from app.cli.common import HelpFormatter, Parser

__all__ = ["main"]

_USAGE = (
    "proofreel [--db PATH_OR_URL] [--demo] [[MEDIA] TRANSCRIPT]\n"
    "       proofreel [--db PATH_OR_URL] VERB [ARGUMENTS]   (proofreel VERB --help)"
)


def _global_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="proofreel",
        usage=_USAGE,
        description="Check a video's transcript against the video.\n\n"
        "Without a verb the window opens: on MEDIA and TRANSCRIPT when given, else on the\n"
        "projects of the library. A verb does one job without a window.",
        epilog=f"verbs (proofreel VERB --help tells more):\n{verb_list()}",
        formatter_class=HelpFormatter,
    )
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="the library: a file, or a database URL (default: $PROOFREEL_DB, else the user "
        "data folder)",
    )
    parser.add_argument("--demo", action="store_true", help="open the demo project")
    parser.add_argument(
        "--version",
        action="version",
        version=f"proofreel {__version__}",
        help="print the version and exit",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="play the demo headless, check playback and seeking, exit 0 when all is well",
    )
    parser.add_argument("--quit-after", type=int, default=0, metavar="MS", help=argparse.SUPPRESS)
    parser.add_argument("--bench-first-paint", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "files", nargs="*", metavar="[MEDIA] TRANSCRIPT", help="open this pair in the window"
    )
    return parser


def _verb_index(args: Sequence[str]) -> int | None:
    """Where the verb is: the first word that names one and is not the value of --db."""
    skip = False
    for i, arg in enumerate(args):
        if skip:
            skip = False
        elif arg == "--db":
            skip = True
        elif arg == "--":
            return None
        elif arg in VERBS:
            return i
    return None


def main(argv: Sequence[str] | None = None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    parser = _global_parser()
    # Global options come before the verb; everything after the verb belongs to it.
    verb_at = _verb_index(args_in)
    head = args_in if verb_at is None else args_in[:verb_at]
    args = parser.parse_args(head)
    if args.self_test:
        from app.selftest import run as self_test

        return self_test(args.db)
    if verb_at is not None:
        if args.files or args.demo:
            parser.error("give files or --demo to the window, or a verb, not both")
        return cli_main(args_in[verb_at:], args.db)
    if len(args.files) > 2:
        parser.error("at most two files: MEDIA TRANSCRIPT")
    files = args.files
    media = files[0] if len(files) == 2 else None
    transcript = files[-1] if files else None
    from app.ui.window.application import run_gui

    return run_gui(
        args.db,
        media,
        transcript,
        demo=args.demo,
        quit_after_ms=args.quit_after,
        first_paint_probe=args.bench_first_paint,
    )


if __name__ == "__main__":
    sys.exit(main())
