"""Timestamped plain text for qualitative analysis tools (MAXQDA, NVivo, ATLAS.ti): one line
per transcript line, ``[hh:mm:ss] Speaker: text``, which they turn into time-linked paragraphs.

A row break inside a line becomes a space: the tools take each text line for a new paragraph,
and a continuation row without its stamp would lose its time. :func:`read` reads it back.
"""

from __future__ import annotations

import re
from pathlib import Path

from app.export.atomic import write_text
from app.export.job import Job

__all__ = ["read", "render", "stamp", "write"]

_ROW = re.compile(r"\[(\d{2,}):([0-5]\d):([0-5]\d)\] (?:(.*?): )?(.*)")


def stamp(ms: int) -> str:
    seconds = max(0, ms) // 1000
    return f"[{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}]"


def render(job: Job) -> str:
    rows = []
    for _number, line in job.each():
        text = " ".join(line.text.split())
        speaker = " ".join(line.speaker.replace(":", " ").split())
        rows.append(
            f"{stamp(line.start_ms)} {speaker}: {text}"
            if speaker
            else f"{stamp(line.start_ms)} {text}"
        )
    return "\r\n".join(rows) + "\r\n" if rows else ""


def write(job: Job, path: Path) -> None:
    # A BOM: NVivo and MAXQDA on Windows read plain text without one in the local code page.
    write_text(path, render(job), bom=True)


def read(text: str) -> list[tuple[int, str, str]]:
    """(start ms, speaker, text) per stamped row; ValueError naming the first row that is not."""
    out = []
    for number, row in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if not row.strip():
            continue
        found = _ROW.fullmatch(row)
        if found is None:
            raise ValueError(f"row {number} has no [hh:mm:ss] stamp: {row[:40]!r}")
        h, m, s, speaker, body = found.groups()
        out.append(((int(h) * 3600 + int(m) * 60 + int(s)) * 1000, speaker or "", body))
    return out
