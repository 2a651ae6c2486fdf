"""Every WebVTT, SRT and ASS/SSA file of the peer corpus (../shared/peer-corpus), read as the app
reads it, against the suite's own expected outputs:

- WPT ``.test`` files: the cue count and the texts they assert (ids through the spec parser,
  since a Line keeps no cue id);
- vtt.js ``.json`` files: cue count, times and texts;
- go-astisub: ``X-in.ext`` must read as its ``X-out.ext`` (what astisub wrote after reading it);
- every file: no cue is lost without a report line (a row that looks like a timing either
  becomes a line or is reported).

A reference's cue text is markup; a Line holds what a viewer reads. The expected text is the
reference's text nodes as the WebVTT cue text rules give them (tags dropped, ``<rt>`` inside
``<ruby>`` dropped, references decoded), each row trimmed of spaces, tabs and form feeds and
empty rows left out, the way the reader stores every cue.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from app.core.formats import webvtt_spec
from tests.core import peer_corpus
from tests.core.peer_corpus import rel

_MINE = (".vtt", ".webvtt", ".srt", ".ass", ".ssa", ".sbv")
_FILES = peer_corpus.corpus_files(suffixes=_MINE)
_WPT = [path for path in _FILES if rel(path).startswith("wpt/")]
_VTTJS = [
    path
    for path in _FILES
    if rel(path).startswith("vtt.js/") and path.with_suffix(".json").is_file()
]
_ASTISUB_PAIRS = [
    (path, path.with_name(path.name.replace("-in", "-out", 1)))
    for path in _FILES
    if rel(path).startswith("go-astisub/")
    and "-in" in path.name
    and path.with_name(path.name.replace("-in", "-out", 1)).is_file()
]


def _shown(text: str) -> str:
    rows = (row.strip(" \t\f") for row in text.split("\n"))
    return "\n".join(row for row in rows if row)


def _reference_text(markup: str) -> str:
    """A reference cue's text nodes, written independently of the reader: a small rendering of
    the cue text rules' outcome (every ``<...>`` is markup; ruby annotations are left out)."""
    markup = re.sub(
        r"<ruby(?:\.[^>\s]*)?(?:\s[^>]*)?>(.*?)(?:</ruby>|$)", _no_rt, markup, flags=re.S
    )
    # The reader's rule for a second speaker in one cue: "Name: " stays in the text.
    names: list[str] = []

    def voice(match: re.Match[str]) -> str:
        name = " ".join(html.unescape(match[1] or "").split())
        if not names or not names[0]:
            names[:1] = [name]
        elif name and name != names[0]:
            return f"{name}: "
        return ""

    markup = re.sub(r"<v(?:\.[^>\s]*)?(?:[\t\n\f\r ]+([^>]*))?>[\t\f ]*", voice, markup)
    text = re.sub(r"<[^>]*(?:>|$)", "", markup)
    text = re.sub(
        r"&(?:#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});",
        lambda m: html.unescape(m[0]),
        text,
    )
    return _shown(text)


def _no_rt(match: re.Match[str]) -> str:
    return re.sub(
        r"<rt(?:\.[^>\s]*)?(?:\s[^>]*)?>.*?(?:</rt>|(?=</ruby>)|$)", "", match[1], flags=re.S
    )


@pytest.mark.parametrize("test", sorted(_WPT), ids=rel)
def test_wpt_cues_are_the_ones_the_suite_asserts(test: Path) -> None:
    count, asserted = peer_corpus.wpt_assertions(test.with_suffix(".test"))
    outcome = peer_corpus.read(test, "vtt")
    assert outcome.result is not None, outcome.refusal
    lines = outcome.result.transcript.lines
    if count is not None:
        assert len(lines) == count, outcome.report
    for index, cue in asserted.items():
        if cue.text is not None:
            assert lines[index].text == _shown(_reference_text(cue.text)), index
        if cue.start is not None:
            assert lines[index].start_ms == round(cue.start * 1000)
        if cue.end is not None:
            assert lines[index].end_ms == round(cue.end * 1000)
    parsed = webvtt_spec.parse(test.read_text(encoding="utf-8").replace("\0", "\ufffd"))
    for index, cue in asserted.items():
        if cue.id is not None:
            assert parsed.cues[index].id == cue.id, index


# Where vtt.js and the spec disagree, the spec decides (each cue then gets a report line).
_SPEC_OVER_VTTJS = {
    # "Collect a WebVTT timestamp": a first field of other than 2 digits is hours, and hours
    # need ":" and seconds after the minutes; "000:00.000" and "120:00.000" are errors.
    "vtt.js/cue-times/min-top-digits.vtt": [],
    "vtt.js/cue-times/minimum-spots-over-sixty.vtt": [],
    # A block whose first row is a bad "-->" row ends before the next "-->" row ("let position
    # be previous position"), so that row starts a cue of its own: vtt.js drops "Test".
    "vtt.js/integration/id.vtt": [
        (1000, 2000, "This"),
        (2000, 3000, "Is"),
        (3000, 4000, "A"),
        (4000, 5000, "Test"),
        (6000, 7000, "And stuff?"),
    ],
}


@pytest.mark.parametrize("vtt", _VTTJS, ids=rel)
def test_vttjs_cues_match_the_suite_json(vtt: Path) -> None:
    reference = peer_corpus.vttjs_reference(vtt)
    assert reference is not None
    outcome = peer_corpus.read(vtt, "vtt")
    expected = [
        (round(cue["startTime"] * 1000), round(cue["endTime"] * 1000), _reference_text(cue["text"]))
        for cue in reference
    ]
    if rel(vtt) in _SPEC_OVER_VTTJS:
        expected = _SPEC_OVER_VTTJS[rel(vtt)]
    if outcome.result is None:
        assert expected == [], outcome.refusal
        return
    got = [(line.start_ms, line.end_ms, line.text) for line in outcome.result.transcript.lines]
    # A cue whose text is empty to the viewer is skipped by the reader, with a report line.
    kept = [cue for cue in expected if cue[2]]
    assert got == kept, outcome.report
    if len(kept) < len(expected):
        assert any("without text" in row for row in outcome.report)


# astisub's WebVTT input is not WebVTT: "00:01:39" and "00:02:04.08" are no WebVTT timestamps
# (three digits of milliseconds are required), so by the spec every cue of it is an error, each
# reported on its timing row; astisub reads them anyway.
_SPEC_OVER_ASTISUB = {"go-astisub/example-in.vtt": [29, 36, 40, 45, 49, 54]}


@pytest.mark.parametrize(("given", "written"), _ASTISUB_PAIRS, ids=lambda p: rel(p))
def test_astisub_input_reads_as_what_astisub_wrote(given: Path, written: Path) -> None:
    a, b = peer_corpus.read(given), peer_corpus.read(written)
    if rel(given) in _SPEC_OVER_ASTISUB:
        assert a.result is not None, a.refusal
        assert a.result.transcript.lines == []
        skipped = [i.line_no for i in a.result.report.issues if "not valid WebVTT" in i.reason]
        assert skipped == _SPEC_OVER_ASTISUB[rel(given)]
        return
    assert a.result is not None, a.refusal
    assert b.result is not None, b.refusal
    # astisub writes every SSA break as "\n", a soft break (a space); the input's "\N" is hard.
    soft = given.suffix == ".ssa"
    assert [
        (x.start_ms, x.end_ms, x.text.replace("\n", " ") if soft else x.text)
        for x in a.result.transcript.lines
    ] == [(x.start_ms, x.end_ms, x.text) for x in b.result.transcript.lines]


_TIMING_LIKE = {
    ".srt": re.compile(r"^[^\n]*\d+:\d+[^\n]*-->[^\n]*$", re.M),
    ".vtt": re.compile(r"^[^\n]*-->[^\n]*$", re.M),
    ".webvtt": re.compile(r"^[^\n]*-->[^\n]*$", re.M),
    ".ass": re.compile(r"^\s*Dialogue\s*:", re.M | re.I),
    ".ssa": re.compile(r"^\s*Dialogue\s*:", re.M | re.I),
    ".sbv": re.compile(r"^[0-9]+:[0-9]+:[^\n,]*,[^\n]*$", re.M),
}


@pytest.mark.parametrize("path", _FILES, ids=rel)
def test_no_cue_is_lost_without_a_report_line(path: Path) -> None:
    outcome = peer_corpus.read(path)
    if outcome.result is None:
        assert outcome.refusal and "\n" not in outcome.refusal
        return
    raw = path.read_bytes().decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
    looks_like_cues = len(_TIMING_LIKE[path.suffix.lower()].findall(raw))
    read = len(outcome.result.transcript.lines)
    skipped = sum(not issue.repaired for issue in outcome.result.report.issues)
    # Each cue missing from the output is one skip line at least (rolling YouTube captions
    # merge cues on purpose and say so in a file-level line).
    rolling = any("rolling" in issue.reason for issue in outcome.result.report.issues)
    assert read + skipped >= looks_like_cues or rolling, outcome.report


_ASS_FILES = [path for path in _FILES if path.suffix.lower() in (".ass", ".ssa")]


@pytest.mark.parametrize("path", _ASS_FILES, ids=rel)
def test_ass_events_are_the_ones_pysubs2_reads(path: Path) -> None:
    """pysubs2 (the reference ASS reader) as the expected output, with the reader's documented
    rules on top: comments and drawings left out, markup dropped, times clamped to 0. Where
    pysubs2 refuses the file (fields in another order), its astisub twin is the reference."""
    import warnings

    import pysubs2

    from app.core.formats import registry
    from app.core.formats.ass import plain_text

    outcome = peer_corpus.read(path)
    got = [] if outcome.result is None else outcome.result.transcript.lines
    text, _ = registry.decode(path.read_bytes())
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            events = pysubs2.SSAFile.from_string(text).events
    except ValueError:
        assert rel(path) == "go-astisub/example-out-v4plus.ssa"  # Format order pysubs2 refuses
        twin = peer_corpus.read(path.with_name("example-out.ssa"))
        assert twin.result is not None
        assert [(x.start_ms, x.end_ms, x.text) for x in got] == [
            (x.start_ms, x.end_ms, x.text) for x in twin.result.transcript.lines
        ]
        return
    expected = []
    for event in events:
        plain = plain_text(event.text)
        if event.is_comment or re.search(r"\{[^}]*\\p[1-9]", event.text) or not plain:
            continue
        start = max(0, event.start)
        expected.append((start, max(start, event.end), event.name.strip(), plain))
    assert [(x.start_ms, x.end_ms, x.speaker, x.text) for x in got] == expected


# Gaupol wrote one document in every format it knows (gaupol/subrip.srt is its SubRip copy):
# each must read as its own format, with the same cue texts, at that format's precision.
_GAUPOL_OTHER = {
    "lrc.lrc": ("lrc", 10),
    "microdvd.sub": ("microdvd", None),  # frames of a rate the file does not give: see below
    "mpl2.txt": ("mpl2", 100),
    "subviewer2.sub": ("subviewer2", 10),
    "tmplayer.txt": ("tmplayer", 1000),
    "tmplayer-1.txt": ("tmplayer", 1000),
    "tmplayer-2.txt": ("tmplayer", 1000),
}


@pytest.mark.parametrize("name", sorted(_GAUPOL_OTHER))
def test_gaupol_formats_read_as_themselves_with_every_cue(name: str) -> None:
    fmt, precision = _GAUPOL_OTHER[name]
    root = peer_corpus.require_corpus() / "gaupol"
    reference = peer_corpus.read(root / "subrip.srt")
    outcome = peer_corpus.read(root / name)
    assert reference.result is not None and outcome.result is not None, outcome.refusal
    assert outcome.result.report.format == fmt
    want = reference.texts
    if fmt == "lrc":  # LRC has one row per line: Gaupol joins a cue's rows with a space
        want = [text.replace("\n", " ") for text in want]
    assert outcome.texts == want, outcome.report
    if precision is not None:
        starts = [line.start_ms for line in outcome.result.transcript.lines]
        ref_starts = [line.start_ms for line in reference.result.transcript.lines]
        assert all(abs(a - b) < precision for a, b in zip(starts, ref_starts, strict=True))
    # The negative times of the first two cues are set to 0, each with a report line.
    negatives = [i.line_no for i in outcome.result.report.issues if "negative" in i.reason]
    assert len(negatives) == 2


@pytest.mark.parametrize("name", ["microdvd.sub", "mpl2.txt", "tmplayer.txt"])
def test_one_row_formats_agree_with_pysubs2_on_every_row_it_reads(name: str) -> None:
    """pysubs2 reads these three; it passes over rows with negative times silently, where the
    reader keeps them (at 0, reported). On every row pysubs2 reads, the times agree (MicroDVD at
    the 25 fps both assume without a header; TMPlayer has no end, so starts only)."""
    import pysubs2

    path = peer_corpus.require_corpus() / "gaupol" / name
    outcome = peer_corpus.read(path)
    assert outcome.result is not None, outcome.refusal
    events = pysubs2.SSAFile.from_string(path.read_text(encoding="utf-8"), fps=25).events
    theirs = [(e.start, e.end, e.plaintext) for e in events if e.start >= 0]
    ours = [(x.start_ms, x.end_ms, x.text) for x in outcome.result.transcript.lines]
    ours = ours[len(ours) - len(theirs) :]
    if name.startswith("tmplayer"):
        theirs, ours = [(s, t) for s, _, t in theirs], [(s, t) for s, _, t in ours]
    assert ours == theirs


# A timing row of any of the formats (SubRip/WebVTT "-->" or "->", SBV/SubViewer ","), valid or not.
_A_TIMING_ROW = re.compile(r"^[ \t]*-?\d+:\d+[:.,]\S*[ \t]*(?:-->|->|,)[ \t]*-?\d+:\d+", re.M)


@pytest.mark.parametrize("path", peer_corpus.corpus_files(), ids=rel)
def test_no_timing_row_ends_up_in_a_cue_text(path: Path) -> None:
    """A timing row the reader did not take is reported as what it is; it never becomes text
    (webvtt-py's invalid_timeframe.sbv put '0:00:13.f89,0:00:15.489' into cue 2)."""
    outcome = peer_corpus.read(path)
    texts = [] if outcome.result is None else outcome.result.transcript.lines
    assert [x.text for x in texts if _A_TIMING_ROW.search(x.text)] == []
