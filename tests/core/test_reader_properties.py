"""Whatever comes in, every reader returns lines and a report or refuses with a one-line
``TranscriptFormatError``: never another exception (a traceback in the user's face). And every
cue with text in a valid file of the reader's format is in what it reads.

Inputs: text built from the tokens the formats are made of (timings, tags, headers, huge digit
runs, NUL, BOM, CR), and real files of the peer corpus (../shared/peer-corpus) mutated at random.
Each test runs a bounded number of examples (a few seconds per reader); the ``long`` versions
(``pytest -m long``) run many more.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from functools import cache
from html import escape
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.formats import registry
from app.core.formats.base import ReadResult, TranscriptFormatError
from app.core.limits import MAX_ID, MAX_TIME_MS
from app.core.transcript import Line, Transcript
from tests.core import peer_corpus

_READERS: dict[str, Callable[[str], ReadResult]] = {
    fmt.name: fmt.read for fmt in registry.readable_formats() if fmt.read is not None
}
_QUICK = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
_LONG = settings(
    max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)

_TOKENS = st.sampled_from(
    [
        "\n", "\n\n", " ", "\t", "\r", "\r\n", "\x00", "\ufeff", "\f", "-->", " --> ", "->", "-",
        ":", ",", ".", "|", "/", "{", "}", "[", "]", "<", ">", '"', "'", "\\N", "9" * 25,
        "9" * 5000, "00:00:01,000", "00:00:02.500", "00:01.000", "0:00:01.000", "-00:00:01,000",
        "1:02:03", "0:05", "12:34", "00:00:01:", "[00:01.00]", "[-00:01.00]", "[10][20]",
        "{25}{50}", "{1}{1}25", "{y:i}", "{q:x}", "<i>", "</i>", "< / i >", "<invalid_tag>",
        "<v Bob>", "<ruby>", "<rt>", "&amp;", "{\\i1}", "[br]", "WEBVTT", "NOTE", "STYLE",
        "REGION", "[Script Info]", "[Events]", "[V4+ Styles]", "Format: Layer, Start, End, Text",
        "Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,", "Style: Default,Arial,20",
        "[INFORMATION]", "[SUBTITLE]", "[ti:Song]", "[offset:+500]", "Transcript", "Comments",
        "Speaker 1  0:00", ">> ", "JOHN:", '{"format": "proofreel-transcript", "version": 1',
        '"segments": [', '{"start": 1.0, "end": 2.0, "text": "a"}', '"lines": [', "]}", "é",
        "ж", "あ", "\u200b", "\ud7ff", "\U0001f600",
    ]
)  # fmt: skip
# Timings of every format with fields from the edges: 60, 1000, 25 digits, 5,000 digits...
_FIELD = st.sampled_from(
    ["0", "00", "05", "59", "60", "99", "999", "1000", "-1", "", "9" * 25, "9" * 5000]
)
_TEMPLATE = st.sampled_from(
    [
        "{a}:{b}:{c},{d} --> {a}:{b}:{c},{d}", "{a}:{b}.{d} --> {b}:{c}.{d}",
        "{a}:{b}:{c}.{d},{a}:{b}:{c}.{d}", "[{a}:{b}.{d}]", "{{{a}}}{{{b}}}", "[{a}][{b}]",
        "{a}:{b}:{c}:", "{a}:{b}:{c}=", "Dialogue: 0,{a}:{b}:{c}.{d},{a}:{b}:{c}.{d},Default,,0,0,0,,",
        '{{"segments": [{{"start": {a}, "end": {b}, "text": "t"}}]}}',
        '{{"transcription": [{{"offsets": {{"from": {a}, "to": {b}}}, "text": "t"}}]}}',
        '{{"format": "proofreel-transcript", "version": 1, "lines": [{{"id": {a}, '
        '"start_ms": {b}, "end_ms": {c}, "text": "t"}}]}}',
        "{a}:{b}", "[{a}:{b}]", "({a}:{b})", "Speaker 1  {a}:{b}", "{a}:{b}:{c}.{d}",
        "{{1}}{{1}}{a}.{d}", "[offset:{a}]",
    ]
)  # fmt: skip
_TIMING = st.builds(
    lambda t, a, b, c, d: t.format(a=a, b=b, c=c, d=d), _TEMPLATE, _FIELD, _FIELD, _FIELD, _FIELD
)
_TEXT = st.lists(st.one_of(_TOKENS, _TIMING, st.text(max_size=6)), max_size=50).map("".join)
# Rows shaped like a file: a header, then a timing, maybe a gap, a short text, a newline...
_HEADER = st.sampled_from(
    [
        "", "WEBVTT\n\n", "Transcript\n", "[INFORMATION]\n[END INFORMATION]\n",
        "[Events]\nFormat: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n",
    ]
)  # fmt: skip
_ROW = st.tuples(_TIMING, st.sampled_from(["", " ", "\n"]), st.text(max_size=8)).map(
    lambda parts: "".join(parts) + "\n"
)
_ROWS = st.tuples(_HEADER, st.lists(_ROW, max_size=12)).map(lambda p: p[0] + "".join(p[1]))


@cache
def _corpus_texts() -> tuple[str, ...]:
    texts = []
    for path in peer_corpus.corpus_files():
        if path.stat().st_size > 30_000:
            continue
        try:
            texts.append(registry.decode(path.read_bytes())[0])
        except TranscriptFormatError:
            continue  # not text: binary media of the corpus
    return tuple(texts)


@st.composite
def _mutated(draw: st.DrawFn) -> str:
    """A real corpus file with a few random edits: bytes cut, tokens put in, rows doubled."""
    text = draw(st.sampled_from(_corpus_texts()))
    for _ in range(draw(st.integers(0, 6))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "replace", "repeat"]))
        if kind == "insert":
            text = text[:at] + draw(_TOKENS) + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 20)) :]
        elif kind == "replace":
            text = text[:at] + draw(st.text(max_size=3)) + text[at + 1 :]
        else:
            end = text.find("\n", at)
            text = text[:end] + text[at:] if end > at else text
    return text


def _read_or_refuse(name: str, text: str) -> None:
    try:
        result = _READERS[name](text)
    except TranscriptFormatError as err:
        assert str(err) and "\n" not in str(err), repr(str(err))
        return
    assert isinstance(result.transcript, Transcript)
    for line in result.transcript.lines:  # times a library can hold, in order
        assert 0 <= line.start_ms <= line.end_ms <= MAX_TIME_MS, line
        assert all(0 <= w.start_ms <= w.end_ms <= MAX_TIME_MS for w in line.words), line
        assert line.id is None or abs(line.id) <= MAX_ID, line
    for row in result.report.lines():
        assert "\n" not in row


_NAMES = sorted(_READERS)


@pytest.mark.parametrize("name", _NAMES)
@_QUICK
@given(text=st.one_of(_TEXT, _ROWS, _mutated()))
def test_any_text_is_read_or_refused_in_one_line(name: str, text: str) -> None:
    _read_or_refuse(name, text)


@pytest.mark.long
@pytest.mark.slow
@pytest.mark.parametrize("name", _NAMES)
@_LONG
@given(text=st.one_of(_TEXT, _ROWS, _mutated()))
def test_any_text_is_read_or_refused_in_one_line_long(name: str, text: str) -> None:
    _read_or_refuse(name, text)


def _read_bytes_or_refuse(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "input.srt"
        path.write_bytes(data)
        try:
            registry.read_path(path)
        except TranscriptFormatError as err:
            assert str(err) and "\n" not in str(err)


_BYTES = st.one_of(
    st.binary(max_size=300),
    _TEXT.map(lambda text: text.encode("utf-8", "surrogatepass")),
    st.tuples(_mutated(), st.sampled_from(["utf-8", "cp1252", "utf-16", "big5"])).map(
        lambda pair: pair[0].encode(pair[1], "replace")
    ),
    st.tuples(_mutated(), st.binary(min_size=1, max_size=4)).map(
        lambda pair: pair[1] + pair[0].encode() + pair[1]  # stray bytes in a UTF-8 file
    ),
    st.tuples(_mutated(), _TEXT, st.sampled_from(["cp1252", "cp1251", "cp932", "big5"])).map(
        lambda t: t[0].encode() + t[1].encode(t[2], "replace")  # mixed encodings
    ),
)


@_QUICK
@given(data=_BYTES)
def test_any_bytes_from_disk_are_read_or_refused_in_one_line(data: bytes) -> None:
    _read_bytes_or_refuse(data)


@pytest.mark.long
@pytest.mark.slow
@_LONG
@given(data=_BYTES)
def test_any_bytes_from_disk_are_read_or_refused_in_one_line_long(data: bytes) -> None:
    _read_bytes_or_refuse(data)


# --- every cue of a valid file is read --------------------------------------------------------

_WORD = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFXYZ0123456789éøжあ.,!?'", min_size=1, max_size=8
)
_CUE_TEXT = st.tuples(st.sampled_from("AbcEéЖあ"), st.lists(_WORD, max_size=5)).map(
    lambda pair: " ".join([pair[0] + "x", *pair[1]])
)


@st.composite
def _cues(draw: st.DrawFn) -> list[Line]:
    """Cues on whole seconds (every format's times can hold them), one after the other."""
    texts = draw(st.lists(_CUE_TEXT, min_size=1, max_size=12))
    lines, at = [], draw(st.integers(0, 5))
    for text in texts:
        length = draw(st.integers(1, 4))
        lines.append(Line(at * 1000, (at + length) * 1000, text))
        at += length + draw(st.integers(0, 2))
    return lines


def _hms(ms: int, sep: str = ".", digits: int = 3) -> str:
    s = ms // 1000
    frac = f"{sep}{'0' * digits}" if digits else ""
    return f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}{frac}"


def _ms(ms: int) -> str:
    return f"{ms // 60_000}:{ms // 1000 % 60:02d}"


def _eaf(lines: list[Line]) -> str:
    slots = "".join(
        f'<TIME_SLOT TIME_SLOT_ID="t{i}{k}" TIME_VALUE="{ms}"/>'
        for i, x in enumerate(lines)
        for k, ms in (("a", x.start_ms), ("b", x.end_ms))
    )
    annotations = "".join(
        f'<ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a{i}" TIME_SLOT_REF1="t{i}a" '
        f'TIME_SLOT_REF2="t{i}b"><ANNOTATION_VALUE>{escape(x.text)}</ANNOTATION_VALUE>'
        "</ALIGNABLE_ANNOTATION></ANNOTATION>"
        for i, x in enumerate(lines)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><ANNOTATION_DOCUMENT AUTHOR="" '
        'DATE="2024-01-01T00:00:00Z" VERSION="3.0"><HEADER TIME_UNITS="milliseconds"/>'
        f'<TIME_ORDER>{slots}</TIME_ORDER><TIER TIER_ID="S" LINGUISTIC_TYPE_REF="u">'
        f'{annotations}</TIER><LINGUISTIC_TYPE LINGUISTIC_TYPE_ID="u" TIME_ALIGNABLE="true"/>'
        "</ANNOTATION_DOCUMENT>"
    )


_HAND_WRITTEN: dict[str, Callable[[list[Line]], str]] = {
    "eaf": _eaf,
    "microdvd": lambda ls: (
        "{1}{1}25\n" + "".join(f"{{{x.start_ms // 40}}}{{{x.end_ms // 40}}}{x.text}\n" for x in ls)
    ),
    "mpl2": lambda ls: "".join(f"[{x.start_ms // 100}][{x.end_ms // 100}]{x.text}\n" for x in ls),
    "tmplayer": lambda ls: "".join(f"{_hms(x.start_ms, digits=0)}:{x.text}\n" for x in ls),
    "lrc": lambda ls: (
        "[ti:t]\n"
        + "".join(
            f"[{x.start_ms // 60_000:02d}:{x.start_ms // 1000 % 60:02d}.00]{x.text}\n" for x in ls
        )
    ),
    "subviewer2": lambda ls: (
        "[INFORMATION]\n[END INFORMATION]\n[SUBTITLE]\n\n"
        + "".join(f"{_hms(x.start_ms, '.', 2)},{_hms(x.end_ms, '.', 2)}\n{x.text}\n\n" for x in ls)
    ),
    "page": lambda ls: (
        "Video title\n\nTranscript\n"
        + "".join(f"{_ms(x.start_ms)}{x.text}\n" for x in ls)
        + "Comments\n"
    ),
    "youtube": lambda ls: "".join(f"{_ms(x.start_ms)}\n{x.text}\n" for x in ls),
    "otter": lambda ls: "".join(f"Speaker 1  {_ms(x.start_ms)}\n{x.text}\n\n" for x in ls),
    "whisper": lambda ls: json.dumps(
        {
            "segments": [
                {"start": x.start_ms / 1000, "end": x.end_ms / 1000, "text": x.text} for x in ls
            ]
        }
    ),
}
_START_ONLY = {"tmplayer", "lrc", "page", "youtube", "otter", "plain"}


def _writer(name: str) -> Callable[[list[Line]], str]:
    if name in _HAND_WRITTEN:
        return _HAND_WRITTEN[name]
    write = registry.by_name(name).write
    assert write is not None, name
    return lambda lines: write(Transcript(title="t", lines=lines))


def test_every_reader_has_a_valid_file_maker() -> None:
    assert {name for name in _READERS if name not in _HAND_WRITTEN} == {
        fmt.name for fmt in registry.writable_formats()
    }


def _every_cue_is_read(name: str, lines: list[Line]) -> None:
    text = _writer(name)(lines)
    result = _READERS[name](text)
    got = result.transcript.lines
    assert [(x.start_ms, x.text) for x in got] == [(x.start_ms, x.text) for x in lines], text
    if name not in _START_ONLY:
        assert [x.end_ms for x in got] == [x.end_ms for x in lines]
    assert not [i for i in result.report.issues if not i.repaired], result.report.lines()


@pytest.mark.parametrize("name", _NAMES)
@_QUICK
@given(lines=_cues())
def test_every_cue_of_a_valid_file_is_read(name: str, lines: list[Line]) -> None:
    _every_cue_is_read(name, lines)


@pytest.mark.long
@pytest.mark.slow
@pytest.mark.parametrize("name", _NAMES)
@_LONG
@given(lines=_cues())
def test_every_cue_of_a_valid_file_is_read_long(name: str, lines: list[Line]) -> None:
    _every_cue_is_read(name, lines)
