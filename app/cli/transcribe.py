"""``proofreel transcribe MEDIA``: speech to a transcript with a local recogniser (faster-whisper),
offline. Needs the ``asr`` extra; without it the verb says in one line what to install."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.asr.errors import AsrError
from app.cli.common import CliError
from app.core.formats.base import TranscriptFormatError

DESCRIPTION = (
    "Transcribe the speech of a media file, on this computer (nothing is sent anywhere).\n"
    "Writes Whisper-style JSON (word times and probabilities) to stdout, or to -o FILE in the\n"
    "format its extension names (.json: Whisper JSON; .srt, .vtt, ...: that format).\n"
    "The model is --model DIR (any CTranslate2 Whisper model), else the bundled tiny.en."
)
EPILOG = (
    "examples:\n"
    "  proofreel transcribe interview.mp4 -o interview.json\n"
    "  proofreel transcribe talk.mkv --model ~/models/whisper-small --language de -o talk.srt"
)
FAILURES = (AsrError, TranscriptFormatError)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("media", help="the audio or video file")
    parser.add_argument("--model", metavar="DIR", help="a CTranslate2 Whisper model folder")
    parser.add_argument(
        "--language", metavar="L", help="the spoken language's code (en, de, ...); default: detect"
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="the file to write (replaced whole, at the end)"
    )


def _check_output(path: str | None) -> str | None:
    """The writer's format name for ``path`` (None: Whisper JSON), refused before any work."""
    if path is None or Path(path).suffix.lower() == ".json":
        return None
    from app.core.formats.registry import for_path, writable_formats

    fmt = for_path(path, writable=True)
    if fmt is None:
        known = ", ".join(["json", *(e for f in writable_formats() for e in f.extensions[:1])])
        raise CliError(f"cannot write {Path(path).name!r}: name it .json or one of {known}")
    parent = Path(path).resolve().parent
    if not parent.is_dir():
        raise CliError(f"no such folder: {parent}")
    return fmt.name


def _clock(seconds: float) -> str:
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"


def run(args: argparse.Namespace, db: str | None) -> None:
    fmt = _check_output(args.output)
    from app.asr.engine import Progress, Recogniser, TranscribeJob

    live = sys.stderr.isatty()

    def progress(p: Progress) -> None:
        if live:
            left = f", about {_clock(p.eta_s)} left" if p.eta_s is not None else ""
            print(f"\r{p.percent:5.1f}% ({_clock(p.elapsed_s)}{left})  ", end="", file=sys.stderr)

    job = TranscribeJob(
        args.media, Recogniser(args.model), language=args.language, on_progress=progress
    )
    result = job.run()
    if live:
        print(file=sys.stderr)
    from app.asr.whisper_json import whisper_json

    if args.output is None:
        sys.stdout.write(whisper_json(result.transcript, result.language))
    elif fmt is None:
        from app.export.atomic import replace_atomically

        text = whisper_json(result.transcript, result.language)
        replace_atomically(Path(args.output), lambda temp: temp.write_text(text, "utf-8"))
    else:
        from app.core.formats.registry import write_path

        write_path(result.transcript, args.output, fmt)
    where = f" -> {args.output}" if args.output else ""
    if not result.transcript.lines:
        where = f" (no speech heard){where}"
    print(
        f"transcribed {_clock(result.duration_ms / 1000)} in {_clock(result.elapsed_s)} "
        f"({result.model}, {result.language}): {len(result.transcript.lines)} lines{where}",
        file=sys.stderr,
    )
