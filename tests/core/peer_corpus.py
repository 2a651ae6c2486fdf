"""Loading the peer corpus: test files other subtitle projects wrote, kept in ../shared/peer-corpus.

Shared by tests/core/test_peer_corpus.py (WebVTT, SRT, ASS/SSA, and Gaupol's SubViewer 2,
MicroDVD, MPL2, TMPlayer and LRC files), test_corpus_roundtrip.py and test_reader_properties.py. The files are read where they are, never copied into the project; a missing
corpus fails the tests that need it (a skip would count as a pass).
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from app.core.formats import registry
from app.core.formats.base import ReadResult, TranscriptFormatError

__all__ = [
    "CORPUS",
    "NOT_INPUTS",
    "Outcome",
    "corpus_files",
    "read",
    "require_corpus",
    "vttjs_reference",
    "wpt_assertions",
]

CORPUS = (Path(__file__).resolve().parents[2] / ".." / "shared" / "peer-corpus").resolve()
#: Files of the corpus that are not transcripts to read: licences, notes, the suites' own
#: expected outputs and test scripts.
NOT_INPUTS = re.compile(
    r"(^|/)(LICEN[CS]E[^/]*|COPYING|SOURCES\.md|sources\.json|RESULTS\.md|TIMING\.md"
    r"|compare\.py|bench\.py|references\.json|judgements\.json)$"
    r"|\.(test|js)$"
    r"|^vtt\.js/.*\.json$"
)


def require_corpus() -> Path:
    if not (CORPUS / "SOURCES.md").is_file():
        pytest.fail(f"the peer corpus is missing: {CORPUS}")
    return CORPUS


def corpus_files(*folders: str, suffixes: tuple[str, ...] = ()) -> list[Path]:
    """Input files under the named top-level folders (all when none), sorted, by suffix."""
    root = require_corpus()
    found: list[Path] = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if not path.is_file() or NOT_INPUTS.search(rel):
            continue
        if folders and rel.split("/", 1)[0] not in folders:
            continue
        if suffixes and path.suffix.lower() not in suffixes:
            continue
        found.append(path)
    return found


def rel(path: Path) -> str:
    """A corpus file's name for test ids and messages: ``wpt/nulls.vtt``."""
    return path.relative_to(CORPUS).as_posix()


@dataclass(slots=True)
class Outcome:
    """What reading one file gave: a result, or the one-line refusal."""

    result: ReadResult | None
    refusal: str = ""

    @property
    def texts(self) -> list[str]:
        return [] if self.result is None else [line.text for line in self.result.transcript.lines]

    @property
    def report(self) -> list[str]:
        return [] if self.result is None else self.result.report.lines()


def read(path: Path, fmt: str | None = None) -> Outcome:
    """Read as the app does (``registry.read_path``); a refusal is an outcome, not an error."""
    try:
        return Outcome(registry.read_path(path, fmt))
    except TranscriptFormatError as err:
        return Outcome(None, str(err))


_WPT_ASSERT = re.compile(
    r"assert_equals\(\s*cues(?:\.length|\[(\d+)\]\.(\w+))\s*,\s*"
    r"(\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|[0-9.]+)"
)


@dataclass(slots=True)
class WptCue:
    text: str | None = None
    id: str | None = None
    start: float | None = None
    end: float | None = None


def _js_value(token: str) -> str | float:
    if token[0] in "\"'":
        # JS string escapes used by the suite (\n, \uXXXX, \") are Python's too.
        value = ast.literal_eval(token)
        assert isinstance(value, str)
        return value
    return float(token)


def wpt_assertions(test: Path) -> tuple[int | None, dict[int, WptCue]]:
    """The cue count and per-cue values a WPT ``.test`` file asserts with literal indexes
    (``cues[2].text``); assertions written with a loop variable are not taken."""
    source = test.read_text(encoding="utf-8").split("\n===\n", 1)[0]
    count: int | None = None
    cues: dict[int, WptCue] = {}
    for match in _WPT_ASSERT.finditer(source):
        index, attr, token = match.groups()
        value = _js_value(token)
        if index is None:
            count = int(value)
            continue
        cue = cues.setdefault(int(index), WptCue())
        if attr == "text" and isinstance(value, str):
            cue.text = value
        elif attr == "id" and isinstance(value, str):
            cue.id = value
        elif attr == "startTime" and isinstance(value, float):
            cue.start = value
        elif attr == "endTime" and isinstance(value, float):
            cue.end = value
    return count, cues


def vttjs_reference(vtt: Path) -> list[dict[str, Any]] | None:
    """vtt.js's expected cues for a ``.vtt`` (its ``.json`` beside it), or None without one."""
    ref = vtt.with_suffix(".json")
    if not ref.is_file():
        return None
    data = json.loads(ref.read_text(encoding="utf-8"))
    cues = data.get("cues", []) if isinstance(data, dict) else data
    assert isinstance(cues, list)
    return cues
