"""Every reader whose format carries tags drops the same markup and reports it alike: a user
reading two files with the same stray tags sees the same text and the same report lines."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.core.formats.base import ReadResult
from app.core.formats.lrc import read_lrc
from app.core.formats.microdvd import read_microdvd, read_mpl2
from app.core.formats.srt import read_srt
from app.core.formats.subviewer2 import read_subviewer2
from app.core.formats.tmplayer import read_tmplayer
from app.core.formats.vtt import read_vtt

_MARKUP = "<invalid_tag>A</invalid_tag> < u>b< / i > <i>c</i>"
_READERS: dict[str, tuple[Callable[[str], ReadResult], str, int]] = {
    # name: (reader, a file with _MARKUP as its one cue's text, line of that text)
    "srt": (read_srt, f"1\n00:00:01,000 --> 00:00:02,000\n{_MARKUP} <3\n", 3),
    "vtt": (read_vtt, f"WEBVTT\n\n00:01.000 --> 00:02.000\n{_MARKUP}\n", 3),  # its cue row
    "subviewer2": (read_subviewer2, f"00:00:01.00,00:00:02.00\n{_MARKUP} <3\n", 2),
    "microdvd": (read_microdvd, f"{{1}}{{1}}25\n{{25}}{{50}}{_MARKUP} <3\n", 2),
    "mpl2": (read_mpl2, f"[10][20]{_MARKUP} <3\n", 1),
    "tmplayer": (read_tmplayer, f"00:00:01:{_MARKUP} <3\n", 1),
    "lrc": (read_lrc, f"[00:01.00]{_MARKUP} <3\n", 1),
}


@pytest.mark.parametrize("name", sorted(_READERS))
def test_unknown_and_malformed_tags_are_dropped_and_reported_alike(name: str) -> None:
    reader, text, line_no = _READERS[name]
    result = reader(text)
    (line,) = result.transcript.lines
    # "<3" is no tag but text (WebVTT's parser alone takes any "<" for a tag, as its spec says).
    assert " ".join(line.text.split()) == ("A b c" if name == "vtt" else "A b c <3")
    reasons = sorted((i.line_no, i.reason) for i in result.report.issues)
    assert reasons == sorted(
        (line_no, f"unknown or malformed tag {tag!r} dropped")
        for tag in ("<invalid_tag>", "</invalid_tag>", "< u>", "< / i >")
    )
