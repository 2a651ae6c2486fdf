"""A killed export leaves its hidden temporary file behind; the next export to that folder
removes such leftovers of ours, and nothing else."""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from app.core.transcript import Transcript
from tests.export.helpers import export_to

_HOUR_AGO = time.time() - 3600


def _leave(path: Path, data: bytes = b"half a PDF") -> Path:
    path.write_bytes(data)
    os.utime(path, (_HOUR_AGO, _HOUR_AGO))
    return path


def test_next_export_removes_a_killed_exports_temp_file(
    tmp_path: Path, transcript: Transcript
) -> None:
    stale = _leave(tmp_path / ".review.pdf.1a2b3c4d.tmp", b"x" * 100_000)
    other_target = _leave(tmp_path / ".notes.md.deadbeef.tmp")
    out = export_to(tmp_path, transcript, "md")
    assert out.exists()
    assert not stale.exists() and not other_target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.md"]


def test_files_that_are_not_ours_or_still_in_use_stay(
    tmp_path: Path, transcript: Transcript
) -> None:
    users = [
        _leave(tmp_path / ".review.pdf.tmp"),  # no random part: not a name we make
        _leave(tmp_path / ".review.pdf.NOTHEX00.tmp"),
        _leave(tmp_path / "review.pdf.1a2b3c4d.tmp"),  # not hidden
    ]
    fresh = tmp_path / ".other.html.0badc0de.tmp"  # another export, just started
    fresh.write_bytes(b"")
    busy = _leave(tmp_path / ".big.pdf.cafef00d.tmp")  # another process is writing it
    with open(busy, "rb") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX)
        export_to(tmp_path, transcript, "md")
    for path in (*users, fresh, busy):
        assert path.exists(), path.name
