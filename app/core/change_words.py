"""What a change-log entry says in words: "approved", "text corrected", "note added".

The log keeps what changed as the triggers saw it (table, op, detail: app.store.change_log);
this is the one place that turns it into the verb phrases the history shows, in the CLI and
(translated) in the window.
"""

from __future__ import annotations

__all__ = ["describe", "line_parts"]

_LINE_PARTS = {
    "text": "text corrected",
    "timing": "re-timed",
    "speaker": "speaker changed",
    "status approved": "approved",
    "status flagged": "flagged",
    "status unreviewed": "marked unreviewed",
    "status cleared": "mark cleared",
}
_NOTES = {
    ("insert", "note"): "note added",
    ("insert", "reply"): "replied",
    ("delete", "note"): "note deleted",
    ("delete", "reply"): "reply deleted",
    ("update", "edited"): "note edited",
    ("update", "resolved"): "resolved",
    ("update", "reopened"): "reopened",
}


def line_parts(detail: str | None) -> list[str]:
    """A line's or review's detail ("text, timing") as phrases (["text corrected", "re-timed"])."""
    parts = [part.strip() for part in (detail or "").split(",") if part.strip()]
    return [_LINE_PARTS.get(part, part) for part in parts]


def describe(table: str, op: str, detail: str | None) -> str:
    """One change as a verb phrase, e.g. ``("lines", "update", "status approved")`` ->
    "approved"; ``("highlights", "insert", "name")`` -> "highlighted (name)"."""
    if table == "line_reviews" or (table == "lines" and op == "update"):
        return " and ".join(line_parts(detail)) or "changed"
    if table == "lines":
        return {"insert": "added", "delete": "deleted"}.get(op, op)
    if table == "notes":
        return _NOTES.get((op, detail or ""), f"note {op}d")
    if table == "highlights":
        tag = f" ({detail})" if detail and detail != "moved" else ""
        if op == "insert":
            return f"highlighted{tag}"
        if op == "delete":
            return f"highlight removed{tag}"
        return "highlight moved" if detail == "moved" else f"highlight changed{tag}"
    return f"{table} {op}"
