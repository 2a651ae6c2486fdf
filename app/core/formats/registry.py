"""The formats Proofreel knows, and the file handling around them: bytes -> text, which format
a file is in, refusing what is not a transcript, and writing without ever leaving half a file.

The content decides the format; the extension only breaks ties, because ``.txt`` can hold a
page copy as well as subtitles, and people rename files.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import secrets
import stat
import unicodedata
from pathlib import Path

from app.core.formats import page, project_json, srt
from app.core.formats.base import Format, ReadResult, TranscriptFormatError
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

FORMATS: tuple[Format, ...] = (project_json.FORMAT, srt.FORMAT, page.FORMAT)
#: Bigger files are refused: no transcript is that large, and decoding one would stall the app.
MAX_FILE_BYTES = 200 * 1024 * 1024
_EXTENSION_BONUS = 0.05  # enough to break a tie between equally likely formats, no more
_BINARY_PROBE = 8192

# Longest first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Invisible characters that break matching ("Hello" != "Hel\u200blo") and carry no meaning in a
# transcript. ZWJ/ZWNJ stay: emoji sequences and several scripts need them.
_INVISIBLE = str.maketrans("", "", "\u200b\ufeff")


def by_name(name: str) -> Format:
    for fmt in FORMATS:
        if fmt.name == name:
            return fmt
    known = ", ".join(f.name for f in FORMATS)
    raise TranscriptFormatError(f"unknown format {name!r} (known: {known})")


def for_path(path: str | os.PathLike[str]) -> Format | None:
    """The format a file name's extension suggests, if any."""
    ext = Path(path).suffix.lower().lstrip(".")
    return next((fmt for fmt in FORMATS if ext in fmt.extensions), None)


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


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding name of a file's bytes, newlines as ``\\n``, Unicode in NFC.

    A BOM decides; else UTF-8 if the bytes are valid UTF-8; else Windows-1252, what old subtitle
    tools on Windows write (Latin-1 for the five bytes cp1252 leaves undefined).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding.removesuffix("-sig"))
            except UnicodeDecodeError as err:
                raise TranscriptFormatError(
                    f"the file starts with a {encoding} mark but byte {err.start + len(bom)} "
                    f"is not {encoding}"
                ) from None
            break
    else:
        for encoding in ("utf-8", "cp1252", "latin-1"):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            break
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_INVISIBLE) if ("\u200b" in text or "\ufeff" in text) else text
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text, encoding


def _load(path: Path) -> bytes:
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
    if b"\0" in data[:_BINARY_PROBE] and not has_wide_bom:
        raise TranscriptFormatError(f"'{name}' is a binary file, not a transcript")
    return data


def read_path(path: str | os.PathLike[str], fmt: str | None = None) -> ReadResult:
    """Read a transcript file; refuses with a one-line ``TranscriptFormatError``."""
    target = Path(path)
    text, encoding = decode(_load(target))
    if not text.strip():
        raise TranscriptFormatError(f"'{target.name}' is empty")
    chosen = by_name(fmt) if fmt else _best(text, for_path(target))
    if chosen is None:
        raise TranscriptFormatError(
            f"'{target.name}' is not in a format Proofreel reads "
            f"({', '.join(f.label for f in readable_formats())})"
        )
    if chosen.read is None:
        raise TranscriptFormatError(f"Proofreel cannot read the {chosen.name} format")
    result = chosen.read(text)
    result.report.encoding = encoding
    if not result.transcript.title:
        result.transcript.title = target.stem
    return result


def write_path(
    transcript: Transcript, path: str | os.PathLike[str], fmt: str | None = None
) -> None:
    """Write atomically: the file is either the old one or the complete new one, never a part."""
    target = Path(path)
    chosen = by_name(fmt) if fmt else for_path(target)
    if chosen is None:
        raise TranscriptFormatError(f"no format for '{target.name}': name one")
    if chosen.write is None:
        raise TranscriptFormatError(f"Proofreel cannot write the {chosen.name} format")
    data = chosen.write(transcript).encode("utf-8")
    temp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
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
