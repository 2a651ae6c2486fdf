"""The formats Proofreel knows, and the file handling around them: bytes -> text, which format
a file is in, refusing what is not a transcript, and writing without ever leaving half a file.

The content decides the format; the extension only breaks ties, because ``.txt`` can hold a
page copy as well as subtitles, and people rename files.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import stat
from pathlib import Path

from app.core.formats import (
    ass,
    eaf,
    lrc,
    microdvd,
    otter,
    page,
    plain,
    project_json,
    sbv,
    srt,
    subviewer2,
    tmplayer,
    vtt,
    whisper,
    youtube,
)
from app.core.formats.base import Format, ReadResult, TranscriptFormatError
from app.core.formats.decoding import decode, decode_noted
from app.core.transcript import Transcript

__all__ = [
    "FORMATS",
    "MAX_FILE_BYTES",
    "by_name",
    "decode",
    "for_path",
    "read_path",
    "readable_formats",
    "sniff",
    "writable_formats",
    "write_path",
]

FORMATS: tuple[Format, ...] = (
    project_json.FORMAT,
    srt.FORMAT,
    page.FORMAT,
    ass.FORMAT,
    whisper.FORMAT,
    vtt.FORMAT,
    sbv.FORMAT,
    youtube.FORMAT,
    plain.FORMAT,
    otter.FORMAT,
    subviewer2.FORMAT,
    microdvd.MICRODVD,
    microdvd.MPL2,
    tmplayer.FORMAT,
    lrc.FORMAT,
    eaf.FORMAT,
)
#: Bigger files are refused: no transcript is that large, and decoding one would stall the app.
MAX_FILE_BYTES = 200 * 1024 * 1024
_EXTENSION_BONUS = 0.05  # enough to break a tie between equally likely formats, no more
_BINARY_PROBE = 8192

_WIDE = ("utf-16", "utf-32")


def by_name(name: str) -> Format:
    for fmt in FORMATS:
        if fmt.name == name:
            return fmt
    known = ", ".join(f.name for f in FORMATS)
    raise TranscriptFormatError(f"unknown format {name!r} (known: {known})")


def for_path(path: str | os.PathLike[str], *, writable: bool = False) -> Format | None:
    """The format a file name's extension suggests, if any; with ``writable``, the first one
    that can be written (``.txt`` reads as a video page but is written as plain stamped text)."""
    ext = Path(path).suffix.lower().lstrip(".")
    return next(
        (
            fmt
            for fmt in FORMATS
            if ext in fmt.extensions and (fmt.write is not None or not writable)
        ),
        None,
    )


def readable_formats() -> list[Format]:
    return [fmt for fmt in FORMATS if fmt.read is not None]


def writable_formats() -> list[Format]:
    return [fmt for fmt in FORMATS if fmt.write is not None]


def _best(text: str, hint: Format | None) -> Format | None:
    best: Format | None = None
    best_score = 0.0
    for fmt in readable_formats():
        score = fmt.sniff(text)
        if score > 0 and fmt is hint:
            score += _EXTENSION_BONUS
        if score > best_score:
            best, best_score = fmt, score
    return best


def sniff(text: str) -> Format:
    """The readable format whose sniff scores ``text`` highest."""
    fmt = _best(text, None)
    if fmt is None:
        raise TranscriptFormatError("not a transcript format Proofreel knows")
    return fmt


def _load(path: Path, *, wide: bool = False) -> bytes:
    name = path.name
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise TranscriptFormatError(f"'{name}' is not a file")
        if size > MAX_FILE_BYTES:
            limit = MAX_FILE_BYTES // (1024 * 1024)
            raise TranscriptFormatError(
                f"'{name}' is too large for a transcript ({size / 1024**2:.0f} MB; "
                f"the limit is {limit} MB)"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise TranscriptFormatError(f"'{name}' does not exist") from None
    except OSError as err:
        raise TranscriptFormatError(f"cannot read '{name}': {err.strerror}") from None
    if not data.strip():
        raise TranscriptFormatError(f"'{name}' is empty")
    has_wide_bom = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_BE))
    if not (has_wide_bom or wide) and _looks_binary(data[:_BINARY_PROBE]):
        raise TranscriptFormatError(f"'{name}' is a binary file, not a transcript")
    return data


# Control bytes no text file holds (tab, LF, FF, CR and ESC are text); a few are stray bytes a
# reader reports (the WebVTT rule: NUL becomes U+FFFD), many mean media or an archive.
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
_BINARY_SHARE = 0.05


def _looks_binary(head: bytes) -> bool:
    controls = len(_CONTROL.findall(head))
    return controls > max(1, _BINARY_SHARE * len(head))


def _replace_nuls(text: str) -> tuple[str, list[int]]:
    """NUL -> U+FFFD, as the WebVTT parser's first step says (for every format), and the line
    numbers of the rows that held one, for the report."""
    if "\0" not in text:
        return text, []
    rows = [n for n, row in enumerate(text.split("\n"), start=1) if "\0" in row]
    return text.replace("\0", "\ufffd"), rows


def _why(text: str, target: Path) -> str:
    """Why no format took the file: the refusal of the one format its extension names (a
    ``.txt`` or ``.json`` names several, so then the list of formats)."""
    ext = target.suffix.lower().lstrip(".")
    named = [f for f in readable_formats() if ext and ext in f.extensions]
    if len(named) == 1 and named[0].read is not None:
        try:
            named[0].read(text)
        except TranscriptFormatError as err:
            return f"; taken for {named[0].label} by its extension, it was refused: {err}"
    return f" ({', '.join(f.label for f in readable_formats())})"


def read_path(
    path: str | os.PathLike[str], fmt: str | None = None, *, encoding: str | None = None
) -> ReadResult:
    """Read a transcript file; refuses with a one-line ``TranscriptFormatError``.

    ``encoding`` overrides detection (the import dialog offers it when a guess went wrong).
    """
    target = Path(path)
    # NUL bytes mark binary files, except in UTF-16/32 text, which an override may name.
    wide = False
    with contextlib.suppress(LookupError):  # an unknown name is refused by decode() below
        wide = bool(encoding) and codecs.lookup(encoding or "").name.startswith(_WIDE)
    decoded = decode_noted(_load(target, wide=wide), encoding)
    text, encoding = decoded.text, decoded.encoding
    text, nul_rows = _replace_nuls(text)
    if not text.strip():
        raise TranscriptFormatError(f"'{target.name}' is empty")
    chosen = by_name(fmt) if fmt else _best(text, for_path(target))
    if chosen is None:
        raise TranscriptFormatError(
            f"'{target.name}' is not in a format Proofreel reads{_why(text, target)}"
        )
    if chosen.read is None:
        raise TranscriptFormatError(f"Proofreel cannot read the {chosen.name} format")
    try:
        result = chosen.read(text)
    except TranscriptFormatError as err:
        # Name the format the file was taken for, and why, before the reader's reason.
        why = "as asked" if fmt else "by its content"
        raise TranscriptFormatError(
            f"'{target.name}' read as {chosen.label} ({why}) and refused: {err}"
        ) from None
    result.report.encoding = encoding
    if nul_rows or decoded.notes:
        for line_no, note in decoded.notes:
            result.report.repair(line_no, note)
        for row in nul_rows:
            result.report.repair(row, "NUL byte replaced by U+FFFD")
        result.report.issues.sort(key=lambda issue: issue.line_no)
    if not result.transcript.title:
        result.transcript.title = target.stem
    return result


def write_path(
    transcript: Transcript, path: str | os.PathLike[str], fmt: str | None = None
) -> None:
    """Write atomically: the file is either the old one or the complete new one, never a part."""
    target = Path(path)
    chosen = by_name(fmt) if fmt else for_path(target, writable=True)
    if chosen is None:
        raise TranscriptFormatError(f"no format for '{target.name}': name one")
    if chosen.write is None:
        raise TranscriptFormatError(f"Proofreel cannot write the {chosen.name} format")
    data = chosen.write(transcript).encode("utf-8")
    temp = target.with_name(f".{target.name}.{os.urandom(4).hex()}.tmp")
    # 0o666 through the umask gives a new file the same rights any editor would give it.
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        with contextlib.suppress(FileNotFoundError):  # a new file keeps the umask's rights
            os.chmod(temp, stat.S_IMODE(target.stat().st_mode))
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
