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
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.formats import (
    ass,
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
from app.core.transcript import Transcript

if TYPE_CHECKING:  # imported when a file is not UTF-8: a headless convert starts faster
    import charset_normalizer

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
)
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
# The legacy code pages subtitle files really come in, most common first. charset-normalizer
# weighs the hundred it knows alike, and on a short French file may answer mac_latin2 (which
# turns "œ" into "ú"): among its near-best candidates these win, best language fit first.
_LEGACY = tuple(
    codecs.lookup(name).name
    for name in (
        "cp1252", "cp1251", "cp1250", "cp1253", "cp1254", "cp1257", "cp1255", "cp1256",
        "cp1258", "cp874", "cp932", "gb18030", "big5", "cp949", "euc_jp", "koi8_r",
        "iso8859_15", "latin_1",
    )
)  # fmt: skip
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_GUESS_SAMPLE = 256 * 1024  # enough to know the language; decoding then covers the whole file
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


def _rank(match: charset_normalizer.CharsetMatch) -> int:
    names = {codecs.lookup(name).name for name in match.could_be_from_charset}
    return min((_LEGACY.index(name) for name in names if name in _LEGACY), default=len(_LEGACY))


def _guess_legacy(data: bytes, sample_size: int = _GUESS_SAMPLE) -> str:
    """The code page of bytes that are not UTF-8, by charset-normalizer's guess.

    It is shown the rows holding non-ASCII bytes only (up to ``sample_size``): it samples a few
    chunks of what it gets, and on a whole file would often see nothing but ASCII time stamps.
    Rows split safely at b"\\n" in every code page here, multi-byte ones included.
    """
    rows: list[bytes] = []
    size = pos = 0
    while size < sample_size and (high := _HIGH_BYTE.search(data, pos)) is not None:
        start = data.rfind(b"\n", 0, high.start()) + 1
        end = data.find(b"\n", high.end())
        end = len(data) if end < 0 else end
        rows.append(data[start:end])
        size += end - start + 1
        pos = end + 1
    sample = b"\n".join(rows)
    import charset_normalizer

    matches = list(charset_normalizer.from_bytes(sample))
    if not matches:
        raise TranscriptFormatError("the file is not text in any encoding Proofreel knows")
    least_chaos = min(match.chaos for match in matches)
    near = [m for m in matches if _rank(m) < len(_LEGACY) and m.chaos <= least_chaos + 0.2]
    if not near:
        return codecs.lookup(matches[0].encoding).name
    best = min(near, key=lambda m: (-round(m.coherence, 2), round(m.chaos, 2), _rank(m)))
    return _LEGACY[_rank(best)]


def _decode_as(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise TranscriptFormatError(
            f"the file is not {encoding}: byte {err.start} cannot be read as {encoding}"
        ) from None


def _detect(data: bytes) -> tuple[str, str]:
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(name.removesuffix("-sig")), name
            except UnicodeDecodeError as err:
                raise TranscriptFormatError(
                    f"the file starts with a {name} mark but byte {err.start + len(bom)} "
                    f"is not {name}"
                ) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    encoding = _guess_legacy(data)
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:  # the sample misled the guess: ask again about everything
        encoding = _guess_legacy(data, len(data))
        return _decode_as(data, encoding), encoding


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Text and encoding name of a file's bytes, newlines as ``\\n``, Unicode in NFC.

    ``encoding`` (a Python codec name) overrides detection. Else a BOM decides; else UTF-8 if
    the bytes are valid UTF-8; else the legacy code page charset-normalizer guesses (cp1252,
    cp1251, Shift-JIS...) from the file's start, or from all of it if that guess fails.
    """
    if encoding:
        try:
            encoding = codecs.lookup(encoding).name
        except LookupError:
            raise TranscriptFormatError(f"unknown encoding {encoding!r}") from None
        text = _decode_as(data, encoding)
    else:
        text, encoding = _detect(data)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_INVISIBLE) if ("\u200b" in text or "\ufeff" in text) else text
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text, encoding


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
    text, encoding = decode(_load(target, wide=wide), encoding)
    text, nul_rows = _replace_nuls(text)
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
    if nul_rows:
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
