"""Every file of the peer corpus (../shared/peer-corpus) that reads, written to SubRip, WebVTT
and project JSON and read back, gives the same lines: texts, times and speakers (SubRip has no
speaker field, so through it texts and times only). A round trip that changed a line would
change a user's transcript on a plain Save As and back."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.formats import registry
from app.core.formats.base import TranscriptFormatError
from app.core.transcript import Line
from tests.core import peer_corpus
from tests.core.peer_corpus import rel

_FILES = peer_corpus.corpus_files()


def _rows(text: str) -> tuple[str, ...]:
    """A text as every subtitle format keeps it: rows trimmed, blank rows dropped."""
    return tuple(row.strip(" \t") for row in text.split("\n") if row.strip(" \t"))


def _key(line: Line, *, speaker: bool) -> tuple[object, ...]:
    return (line.start_ms, line.end_ms, _rows(line.text), line.speaker if speaker else None)


@pytest.mark.parametrize("path", _FILES, ids=rel)
def test_what_reads_reads_back_the_same_through_srt_vtt_and_json(path: Path) -> None:
    try:
        first = registry.read_path(path).transcript
    except TranscriptFormatError:
        return  # refused files are checked by test_peer_corpus.py: they have nothing to keep
    for name in ("srt", "vtt", "json"):
        fmt = registry.by_name(name)
        assert fmt.write is not None and fmt.read is not None
        written = fmt.write(first)
        if not first.lines and name == "srt":
            # SubRip has no header: no cue is no SubRip file, and reading it back says so.
            with pytest.raises(TranscriptFormatError, match="no SubRip timing lines"):
                fmt.read(written)
            continue
        back = fmt.read(written).transcript
        speaker = name != "srt"
        assert [_key(x, speaker=speaker) for x in back.lines] == [
            _key(x, speaker=speaker) for x in first.lines
        ], name
