"""A file name made from a project's title that is safe on every system it may travel to."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["safe_filename"]

# Reserved on Windows, path separators everywhere, and control characters.
_BAD = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
_RESERVED = frozenset(
    {
        "con",
        "prn",
        "aux",
        "nul",
        *(f"com{i}" for i in range(1, 10)),
        *(f"lpt{i}" for i in range(1, 10)),
    }
)
_MAX_BYTES = 120  # well under the 255-byte limit, with room for a suffix and a temp prefix


def safe_filename(title: str, extension: str, *, fallback: str = "transcript") -> str:
    """``title.extension`` with anything a file system refuses (or hides) taken out."""
    stem = unicodedata.normalize("NFC", title)
    stem = _BAD.sub(" ", stem)
    stem = " ".join(stem.split()).strip(" .")  # leading dots hide files, trailing ones vanish
    while len(stem.encode("utf-8")) > _MAX_BYTES:
        stem = stem[:-1]
    stem = stem.rstrip(" .")
    if not stem or stem.split(".")[0].lower() in _RESERVED:
        stem = fallback if not stem else f"{stem}_"
    return f"{stem}.{extension}"
