"""What the window knows of each reviewer's mark (issue 15, item 3): the marks of the open
project's lines, the library's done rule, and the words for them ("approved by 2 (you, Ana) ·
flagged by 1 (Ben)", "1 of 2 approvals (you)") for the status cell's tooltip and the Line panel.

The marks are read in one grouped query when a project opens and again for the lines a review
step touched. With one reviewer and the rule "any" there is nothing to say beyond the status
glyph, so nothing is said: one person on SQLite sees the window as before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from app.core.team_review import DEFAULT_RULE, LineMarks, approvals_needed
from app.core.transcript import Line
from app.store.review import ReviewStore

__all__ = ["TeamState"]


class TeamState(QObject):
    ruleChanged = Signal(str)

    def __init__(self, store: ReviewStore, me: Callable[[], str], parent: QObject) -> None:
        super().__init__(parent)
        self._store = store
        self._me = me
        self.rule = DEFAULT_RULE
        self._marks: dict[int, LineMarks] = {}
        self._loaded = False

    def me(self) -> str:
        """Whose marks are "you": the store's reviewer for what this window writes."""
        return self._store.reviewer(self._me())

    def load(self, project_id: int) -> dict[int, str]:
        """Read the project's marks and the rule (StoreError, OSError to the caller); return
        the team state of each marked line (the others are unreviewed)."""
        self.rule = self._store.done_rule()
        read = self._store.line_marks(self._me(), project_id=project_id)
        self._marks = {line_id: marks for line_id, (_status, marks) in read.items()}
        self._loaded = True
        return {line_id: status for line_id, (status, _marks) in read.items()}

    def reread_rule(self) -> None:
        """The rule as the library has it now (another reviewer may have changed it)."""
        self.rule = self._store.done_rule()

    def reread(self, line_ids: Sequence[int]) -> dict[int, str]:
        """Read the lines' marks again; return their team states as stored now."""
        read = self._store.line_marks(self._me(), line_ids=line_ids)
        for line_id, (_status, marks) in read.items():
            self._marks[line_id] = marks
        return {line_id: status for line_id, (status, _marks) in read.items()}

    def marks(self, line_id: int | None) -> LineMarks:
        return self._marks.get(line_id, LineMarks()) if line_id is not None else LineMarks()

    def mine(self, line: Line) -> str:
        """The user's own mark of the line (its status until the marks are read)."""
        if not self._loaded or line.id is None:
            return line.status
        return self.marks(line.id).mine

    def pending_glyph(self, line: Line) -> tuple[str, QColor] | None:
        """A line approved by fewer reviewers than the rule needs: a faint check, so the one who
        approved sees it took (under "any" an approval is always done: never shown)."""
        if line.status != "unreviewed" or not self.marks(line.id).approvers:
            return None
        return "\u2713", QApplication.palette().color(QPalette.ColorRole.PlaceholderText)

    def set_rule(self, rule: str, project_id: int | None) -> dict[int, str]:
        """Store the library's rule (every line worked out again), read the marks anew and
        return the marked lines' team states, as load does."""
        self._store.set_done_rule(rule)
        self.rule = rule
        states = self.load(project_id) if project_id is not None else {}
        self.ruleChanged.emit(rule)
        return states

    # -- words --------------------------------------------------------------------------------
    def _names(self, names: Sequence[str]) -> str:
        me = self.me()
        shown = [self.tr("you") for n in names if n == me]
        shown += [n or self.tr("an earlier reviewer") for n in names if n != me]
        return ", ".join(shown)

    def describe(self, line: Line) -> str:
        """The team's state of the line in words, or "" when there is only the user's mark and
        the rule is "any" (the glyph says it all)."""
        marks = self.marks(line.id)
        if self.rule == DEFAULT_RULE and not marks.others_than(self.me()):
            return ""
        parts = []
        needed = approvals_needed(self.rule)
        count = len(marks.approvers)
        if count and count < needed:
            text = self.tr("%1 of %2 approvals (%3)").replace("%1", str(count))
            parts.append(
                text.replace("%2", str(needed)).replace("%3", self._names(marks.approvers))
            )
        elif count:
            text = self.tr("approved by %1 (%2)").replace("%1", str(count))
            parts.append(text.replace("%2", self._names(marks.approvers)))
        if marks.flaggers:
            text = self.tr("flagged by %1 (%2)").replace("%1", str(len(marks.flaggers)))
            parts.append(text.replace("%2", self._names(marks.flaggers)))
        if not parts:
            parts.append(
                self.tr("not reviewed yet (%1 approvals needed)").replace("%1", str(needed))
            )
        return " \u00b7 ".join(parts)
