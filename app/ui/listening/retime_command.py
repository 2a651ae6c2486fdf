"""Lines re-timed from the audio as one undo step: every line's start, end and word times are
written in one transaction (EditStore.set_timings) before the command is pushed, and undo puts
back exactly what was there (put_timings), through the conflict dialog as every edit's undo."""

from __future__ import annotations

from collections.abc import Sequence

from app.core.asr_retime import RetimeResult
from app.store.bulk import words_from_json, words_json
from app.store.edit_times_speakers import TimingState
from app.ui.editing.edit_commands import EditCommand, EditTarget

__all__ = ["SetTimings", "apply_retime"]


class SetTimings(EditCommand):
    """An EditCommand: an undo or redo after someone else re-timed a line asks first."""

    def __init__(
        self,
        target: EditTarget,
        before: Sequence[TimingState],
        after: Sequence[TimingState],
        text: str,
    ) -> None:
        super().__init__(text, target)
        self.before, self.after = list(before), list(after)

    def store_forward(self) -> None:
        self.t.store.put_timings(self.after)

    def store_back(self) -> None:
        self.t.store.put_timings(self.before)

    def show(self, *, forward: bool) -> None:
        model, rows = self.t.model, []
        for line_id, start, end, inferred, words in self.after if forward else self.before:
            row = model.row_of_id(line_id)
            if row is None:
                continue
            line = model.line(row)
            line.start_ms, line.end_ms, line.end_inferred = start, end, inferred
            line.words = words_from_json(words) if words else []
            rows.append(row)
        model.lines_changed(rows, times=True)
        self.t.changed(rows, None)


def apply_retime(target: EditTarget, result: RetimeResult, label: str) -> SetTimings | None:
    """Write ``result``'s new times (raises the store's errors); None when nothing moves."""
    timings = result.timings
    if not timings:
        return None
    before = target.store.set_timings(timings)
    after = [(i, s, e, False, words_json(w) if w else None) for i, s, e, w in timings]
    command = SetTimings(target, before, after, label)
    return command
