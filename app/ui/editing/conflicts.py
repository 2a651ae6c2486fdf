"""What a stale edit does in the window (issue 15, item 4): the store refused it with a
ConflictError (app.store.versions) and nothing of it was written; the user is asked, and

- "keep theirs": their row is taken as read and shown; this edit is not made;
- "keep mine": their row is taken as read and the same write is tried again, so it lands
  (unless someone changed the line once more: then they are asked again);
- "edit both": their row is taken as read and the text merged by hand is written instead.

The asking itself (the dialog) is given as a callable, so this module holds no widget. An undo or
redo that meets a conflict goes through the same steps (app.ui.editing.edit_commands): its
command leaves the stack unless "keep mine" wrote it, so the stack never claims a state the
library does not hold.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from app.core.editing import kept_original_times
from app.core.review import rebase_highlights
from app.core.styling import rebase_runs
from app.core.timecode import format_hms
from app.core.transcript import Line
from app.store.versions import ConflictError, LineState, SeenVersions
from app.ui.transcript.transcript_model import TranscriptModel

__all__ = [
    "Ask",
    "Choice",
    "ConflictResolver",
    "ConflictRow",
    "Resolution",
    "conflict_rows",
    "show_text",
    "show_theirs",
]


class Choice(Enum):
    MINE = "mine"
    THEIRS = "theirs"
    BOTH = "both"


@dataclass(frozen=True)
class Resolution:
    choice: Choice
    text: str | None = None  # "edit both": the merged text


@dataclass(frozen=True)
class ConflictRow:
    """One field of one line where theirs and yours differ, as the dialog lists it."""

    line_id: int
    start_ms: int
    field: str  # "text", "times" or "speaker"
    theirs: str
    yours: str


Ask = Callable[[ConflictError, Sequence[ConflictRow]], Resolution]


def _times(start_ms: int, end_ms: int) -> str:
    return f"{format_hms(int(start_ms))} \u2013 {format_hms(int(end_ms))}"


def conflict_rows(err: ConflictError, shown: Callable[[int], Line | None]) -> list[ConflictRow]:
    """Each conflicting line's differing fields: theirs (the server's row) against yours (what
    this write wanted, else the line as this window shows it, e.g. the line a split cuts)."""
    rows: list[ConflictRow] = []
    for conflict in err.conflicts:
        state, ours = conflict.theirs, conflict.ours
        line = shown(state.line_id)
        mine_text = str(ours.get("text", line.text if line else state.text))
        start = ours.get("start_ms", line.start_ms if line else state.start_ms)
        end = ours.get("end_ms", line.end_ms if line else state.end_ms)
        speaker = str(ours.get("speaker", line.speaker if line else state.speaker))
        found = [
            ("text", state.text, mine_text),
            ("times", _times(state.start_ms, state.end_ms), _times(start, end)),
            ("speaker", state.speaker, speaker),
        ]
        differing = [(f, theirs, yours) for f, theirs, yours in found if theirs != yours]
        for name, theirs, yours in differing or found[:1]:
            rows.append(ConflictRow(state.line_id, state.start_ms, name, theirs, yours))
    return rows


def _retext(line: Line, text: str) -> None:
    """A new text on the shown line, its highlights and styling moved with their words as the
    store moves them (so the spans fit the text), the imported text kept."""
    line.highlights, _dropped = rebase_highlights(line.text, text, line.highlights)
    line.styles = rebase_runs(line.text, text, line.styles)
    original = line.original
    line.text, line.original_text = text, None if text == original else original


def show_theirs(model: TranscriptModel, state: LineState) -> int | None:
    """Make the shown line the server's row; returns its row (None: not shown here)."""
    row = model.row_of_id(state.line_id)
    if row is None:
        return None
    line = model.line(row)
    _retext(line, state.text)
    line.original_start_ms, line.original_end_ms = kept_original_times(
        line, state.start_ms, state.end_ms
    )
    line.start_ms, line.end_ms, line.speaker = state.start_ms, state.end_ms, state.speaker
    model.lines_changed([row], times=True)
    return row


def show_text(model: TranscriptModel, line_id: int, text: str) -> int | None:
    """Show a text written outside a command (the merge of an undo's conflict)."""
    row = model.row_of_id(line_id)
    if row is None:
        return None
    _retext(model.line(row), text)
    model.lines_changed([row])
    return row


class ConflictResolver:
    """Asks about a conflict and does the part that is the same for every edit: the book takes
    their rows as read, and "keep theirs" shows them. ``shown_changed`` gets the rows repainted."""

    def __init__(
        self,
        versions: SeenVersions,
        model: TranscriptModel,
        ask: Ask,
        shown_changed: Callable[[list[int]], None],
    ) -> None:
        self.versions, self.model, self.ask = versions, model, ask
        self.shown_changed = shown_changed

    def _shown(self, line_id: int) -> Line | None:
        row = self.model.row_of_id(line_id)
        return None if row is None else self.model.line(row)

    def settle(self, err: ConflictError) -> Resolution:
        resolution = self.ask(err, conflict_rows(err, self._shown))
        for conflict in err.conflicts:
            self.versions.accept(conflict.theirs)
        if resolution.choice is Choice.THEIRS:
            rows = [show_theirs(self.model, c.theirs) for c in err.conflicts]
            self.shown_changed([row for row in rows if row is not None])
        return resolution
