"""A line's word timings as stored in its ``words`` column: compact JSON rows."""

from __future__ import annotations

import json
from collections.abc import Sequence

from app.core.transcript import Origin, Word

__all__ = ["words_from_json", "words_json"]


def words_json(words: Sequence[Word]) -> str:
    """Word timings as compact JSON rows ``[start_ms, end_ms, text, confidence]``."""
    rows = [[w.start_ms, w.end_ms, w.text, w.confidence] for w in words]
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def words_from_json(raw: str) -> list[Word]:
    return [Word(start, end, text, confidence) for start, end, text, confidence in json.loads(raw)]


def origin_json(origin: Origin) -> str:
    """A merged or split line's origin as compact JSON ``{"kind", "lines": [[s, e, text]]}``."""
    rows = [[start, end, text] for start, end, text in origin.lines]
    return json.dumps(
        {"kind": origin.kind, "lines": rows}, ensure_ascii=False, separators=(",", ":")
    )


def origin_from_json(raw: str) -> Origin:
    data = json.loads(raw)
    return Origin(str(data["kind"]), tuple((int(s), int(e), str(t)) for s, e, t in data["lines"]))
