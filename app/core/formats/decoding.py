"""A file's bytes to text, saying how: a BOM decides; else UTF-8; else a guessed code page.

- Valid UTF-8 is UTF-8.
- UTF-8 but for a few bad bytes (``FEW_BAD_BYTES`` or fewer) stays UTF-8: each bad byte becomes
  U+FFFD and gets a note with its line number (guessing a code page for the whole file would
  garble every accent in it).
- More bad bytes beside valid UTF-8 is a file of mixed encodings: rows holding UTF-8 letters
  stay UTF-8 (bad bytes U+FFFD), the other rows are read in the code page guessed from them, and
  the notes say which rows and which guess.
- No UTF-8 letters at all: the code page is guessed (charset-normalizer) and the note gives the
  guess, its confidence and the other code pages that fit. A few bytes fit many (three Big5
  characters read as Shift-JIS too): confidence is then low, and the note says to name the
  encoding if the letters look wrong.

Confidence is Proofreel's own figure, from charset-normalizer's "chaos" of the best decoding:
times 3/4 for each other code page that fits about as well but gives other letters, scaled down
when the file has fewer than 32 non-ASCII bytes to go on, halved for a code page outside the
common ones. Below 50% the note calls it low.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app.core.formats.base import TranscriptFormatError

if TYPE_CHECKING:  # imported when a file is not UTF-8: a headless convert starts faster
    import charset_normalizer

__all__ = ["FEW_BAD_BYTES", "Decoded", "Guess", "decode", "decode_noted"]

#: Up to this many undecodable bytes, a UTF-8 file is UTF-8 with U+FFFD for each.
FEW_BAD_BYTES = 8
_ENOUGH_BYTES = 32  # non-ASCII bytes below which a guess has little to go on

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
# Spelled as codecs.lookup(name).name spells them: looking them up here would import 18 codec
# modules at start-up (several ms of every headless convert) for files that are nearly all UTF-8.
_LEGACY = (
    "cp1252", "cp1251", "cp1250", "cp1253", "cp1254", "cp1257", "cp1255", "cp1256",
    "cp1258", "cp874", "cp932", "gb18030", "big5", "cp949", "euc_jp", "koi8-r",
    "iso8859-15", "iso8859-1",
)  # fmt: skip
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")
_GUESS_SAMPLE = 256 * 1024  # enough to know the language; decoding then covers the whole file


@dataclass(slots=True, frozen=True)
class Guess:
    encoding: str
    confidence: float  # 0..1, see the module's docstring
    others: tuple[str, ...] = ()  # code pages that fit about as well, with other letters

    def describe(self) -> str:
        low = self.confidence < 0.5
        text = f"{self.encoding} (confidence {self.confidence:.0%}"
        if self.others:
            text += f"; also possible: {', '.join(self.others[:4])}"
        text += ")"
        if low:
            text += ": low confidence, name the encoding if the letters look wrong"
        return text


@dataclass(slots=True)
class Decoded:
    text: str
    encoding: str
    guess: Guess | None = None
    notes: list[tuple[int, str]] = field(default_factory=list)  # (line number or 0, what)


def _rank(match: charset_normalizer.CharsetMatch) -> int:
    names = {codecs.lookup(name).name for name in match.could_be_from_charset}
    return min((_LEGACY.index(name) for name in names if name in _LEGACY), default=len(_LEGACY))


def _high_rows(data: bytes, sample_size: int) -> bytes:
    """The rows holding non-ASCII bytes (up to ``sample_size``): charset-normalizer samples a
    few chunks of what it gets, and on a whole file would often see only ASCII time stamps.
    Rows split safely at b"\\n" in every code page here, multi-byte ones included."""
    rows: list[bytes] = []
    size = pos = 0
    while size < sample_size and (high := _HIGH_BYTE.search(data, pos)) is not None:
        start = data.rfind(b"\n", 0, high.start()) + 1
        end = data.find(b"\n", high.end())
        end = len(data) if end < 0 else end
        rows.append(data[start:end])
        size += end - start + 1
        pos = end + 1
    return b"\n".join(rows)


def _guess(data: bytes, sample_size: int = _GUESS_SAMPLE) -> Guess:
    """The code page of bytes that are not UTF-8, by charset-normalizer's guess among the
    common code pages (any it knows when none of those fits), and how sure it is."""
    import charset_normalizer

    sample = _high_rows(data, sample_size)
    matches = list(charset_normalizer.from_bytes(sample, cp_isolation=list(_LEGACY)))
    common = bool(matches)
    if not common:
        matches = list(charset_normalizer.from_bytes(sample))
    if not matches:
        raise TranscriptFormatError("the file is not text in any encoding Proofreel knows")
    best = min(matches, key=lambda m: (-round(m.coherence, 2), round(m.chaos, 2), _rank(m)))
    encoding = _name(best)
    chosen = _try(sample, encoding)
    others: list[str] = []
    for match in matches:
        name = _name(match)
        if match.chaos > best.chaos + 0.05 or name == encoding or name in others:
            continue
        if _try(sample, name) not in (None, chosen):
            others.append(name)
    high = len(_HIGH_BYTE.findall(sample))
    confidence = (1 - best.chaos) * min(1.0, high / _ENOUGH_BYTES) * 0.75 ** len(others)
    if not common:
        confidence /= 2  # an unusual code page: more often a wrong guess than a right one
    return Guess(encoding, round(confidence, 2), tuple(others))


def _name(match: charset_normalizer.CharsetMatch) -> str:
    rank = _rank(match)
    return _LEGACY[rank] if rank < len(_LEGACY) else codecs.lookup(match.encoding).name


def _decode_as(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise TranscriptFormatError(
            f"the file is not {encoding}: byte {err.start} cannot be read as {encoding}"
        ) from None


_ESCAPED = re.compile("[\udc80-\udcff]")  # a byte that is not UTF-8, as surrogateescape gives it
_LETTER = re.compile("[^\x00-\x7f\udc80-\udcff]")  # a non-ASCII character read as UTF-8


def _fffd(text: str) -> str:
    return _ESCAPED.sub("\ufffd", text)


def _per_byte(escaped: str) -> Decoded:
    notes: list[tuple[int, str]] = []
    for match in _ESCAPED.finditer(escaped):
        line = escaped.count("\n", 0, match.start()) + 1
        byte = ord(match[0]) - 0xDC00
        notes.append((line, f"byte 0x{byte:02X} is not UTF-8: kept as U+FFFD"))
    return Decoded(_fffd(escaped), "utf-8", None, notes)


def _with_bad_bytes(escaped: str) -> Decoded | None:
    """A file that is not all UTF-8 (``escaped``: decoded with surrogateescape, one U+DCxx per
    bad byte), when it is UTF-8 for the most part or in part; None for a code page file."""
    bad = len(_ESCAPED.findall(escaped))
    mostly = _utf8_like(escaped)
    if mostly and bad <= FEW_BAD_BYTES:
        return _per_byte(escaped)
    rows = escaped.split("\n")
    legacy = {i for i, row in enumerate(rows) if _ESCAPED.search(row) and not _utf8_like(row)}
    clean = any(_LETTER.search(row) and not _ESCAPED.search(row) for row in rows)
    if not (legacy and clean):
        return _per_byte(escaped) if mostly else None
    raw = {i: rows[i].encode("utf-8", "surrogateescape") for i in legacy}
    sample = b"\n".join(raw[i] for i in sorted(legacy))
    scripts = {
        _script(ch) for row in rows if not _ESCAPED.search(row) for ch in _LETTER.findall(row)
    }
    guess: Guess | None = _guess_by_script(sample, scripts)
    if guess is None:
        try:
            guess = _guess(sample)
        except TranscriptFormatError:
            guess = None
    notes: list[tuple[int, str]] = []
    out: list[str] = []
    for index, row in enumerate(rows):
        if not _ESCAPED.search(row):
            out.append(row)
            continue
        decoded = _try(raw[index], guess.encoding) if guess and index in legacy else None
        if decoded is None:
            out.append(_fffd(row))
            notes.append((index + 1, "bytes that are not UTF-8 kept as U+FFFD"))
        else:
            out.append(decoded)
            notes.append((index + 1, f"row not UTF-8: read as {guess.encoding if guess else ''}"))
    what = f"rows in {guess.describe()}" if guess else "bytes of no encoding"
    notes.insert(0, (0, f"mixed encodings: UTF-8 and {what}"))
    return Decoded("\n".join(out), "utf-8", guess, notes)


# The scripts each code page writes, for a mixed file: its UTF-8 rows say which script the
# other rows hold, and a few bytes in rows of their own are too few for charset-normalizer.
_LATIN = frozenset({"LATIN"})
_CJK = frozenset({"CJK"})
_JAPANESE = frozenset({"CJK", "HIRAGANA", "KATAKANA"})
_SCRIPTS: dict[str, frozenset[str]] = {
    "cp1252": _LATIN, "cp1250": _LATIN, "cp1254": _LATIN, "cp1257": _LATIN, "cp1258": _LATIN,
    "iso8859_15": _LATIN, "iso8859_1": _LATIN, "cp1251": frozenset({"CYRILLIC"}),
    "koi8_r": frozenset({"CYRILLIC"}), "cp1253": frozenset({"GREEK"}),
    "cp1255": frozenset({"HEBREW"}), "cp1256": frozenset({"ARABIC"}),
    "cp874": frozenset({"THAI"}), "cp932": _JAPANESE, "euc_jp": _JAPANESE, "gb18030": _CJK,
    "big5": _CJK, "cp949": frozenset({"HANGUL", "CJK"}),
}  # fmt: skip


def _script(char: str) -> str:
    return unicodedata.name(char, "?").split(" ", 1)[0]


def _guess_by_script(sample: bytes, scripts: set[str]) -> Guess | None:
    """The first common code page (most used first) that writes the UTF-8 rows' scripts and
    reads ``sample`` as letters of those scripts only; None when none does."""
    fits: list[tuple[str, str]] = []
    for name in _LEGACY:
        writes = _SCRIPTS.get(name.replace("-", "_"), frozenset())
        if not writes & scripts or (text := _try(sample, name)) is None:
            continue
        letters = [ch for ch in text if ord(ch) > 127 and ch.isalpha()]
        if letters and all(_script(ch) in writes for ch in letters):
            fits.append((name, text))
    if not fits:
        return None
    best, text = fits[0]
    others = tuple(dict.fromkeys(name for name, other in fits[1:] if other != text))
    high = len(_HIGH_BYTE.findall(sample))
    confidence = min(1.0, high / _ENOUGH_BYTES) * 0.75 ** len(others)
    return Guess(best, round(confidence, 2), others)


def _utf8_like(text: str) -> bool:
    """More UTF-8 letters than a code page's bytes would form by chance: Big5 or Shift-JIS
    text holds a valid UTF-8 pair now and then, but far fewer than its undecodable bytes."""
    letters = len(_LETTER.findall(text))
    return letters > 0 and 2 * letters >= len(_ESCAPED.findall(text))


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _detect(data: bytes) -> Decoded:
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(name.removesuffix("-sig")), name)
            except UnicodeDecodeError as err:
                raise TranscriptFormatError(
                    f"the file starts with a {name} mark but byte {err.start + len(bom)} "
                    f"is not {name}"
                ) from None
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    escaped = data.decode("utf-8", "surrogateescape")
    if _LETTER.search(escaped) and (decoded := _with_bad_bytes(escaped)) is not None:
        return decoded
    guess = _guess(data)
    text = _try(data, guess.encoding)
    if text is None:  # the sample misled the guess: ask again about everything
        guess = _guess(data, len(data))
        text = _decode_as(data, guess.encoding)
    return Decoded(text, guess.encoding, guess, [(0, f"encoding guessed: {guess.describe()}")])


def decode_noted(data: bytes, encoding: str | None = None) -> Decoded:
    """Text of a file's bytes, newlines as ``\\n``, Unicode in NFC, with notes on how it was
    decoded. ``encoding`` (a Python codec name) overrides detection."""
    if encoding:
        try:
            encoding = codecs.lookup(encoding).name
        except LookupError:
            raise TranscriptFormatError(f"unknown encoding {encoding!r}") from None
        decoded = Decoded(_decode_as(data, encoding), encoding)
    else:
        decoded = _detect(data)
    text = decoded.text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.translate(_INVISIBLE) if ("\u200b" in text or "\ufeff" in text) else text
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    decoded.text = text
    return decoded


def decode(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Text and encoding name of a file's bytes (see ``decode_noted``)."""
    decoded = decode_noted(data, encoding)
    return decoded.text, decoded.encoding
