"""Counted nouns for messages: "1 line", "2 lines", "1,204 lines", never "line(s)".

English plurals only, as the command line, the store's checks and the exports speak English; the
window's strings go through Qt's tr() with their own "1 line" / "%1 lines" pair instead.
"""

from __future__ import annotations

__all__ = ["plural"]


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``count`` and ``noun``, the noun in the plural unless the count is one.

    ``many`` is the plural when adding "s" is wrong ("1 entry", "2 entries"); the count gets a
    thousands separator.
    """
    word = noun if count == 1 else (many if many is not None else noun + "s")
    return f"{count:,} {word}"
