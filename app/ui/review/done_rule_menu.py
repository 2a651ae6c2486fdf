"""Review > When Is a Line Done: the library's done rule, for every reviewer of the library
("One approval" or "Two reviewers approve"). Choosing one works every line's team state out
again and the progress follows; it is a setting of the library, not an undo step."""

from __future__ import annotations

import contextlib

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from app.store.errors import StoreError
from app.ui.review.review_session import ReviewSession

__all__ = ["DoneRuleMenu"]


class DoneRuleMenu(QMenu):
    def __init__(self, session: ReviewSession, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("When Is a Line &Done"), parent)
        self.setObjectName("doneRuleMenu")
        self._session = session
        self._group = QActionGroup(self)
        self.actions_by_rule: dict[str, QAction] = {}
        for rule, text in (
            ("any", self.tr("&One Approval")),
            ("two", self.tr("&Two Reviewers Approve")),
        ):
            action = QAction(text, self._group)
            action.setCheckable(True)
            action.setData(rule)
            action.triggered.connect(lambda _checked=False, r=rule: self._choose(r))
            self.addAction(action)
            self.actions_by_rule[rule] = action
        self.aboutToShow.connect(self._reread)
        session.team.ruleChanged.connect(self._show_rule)
        self._show_rule()

    def _reread(self) -> None:
        """Someone else may have changed the rule since: then the lines are read again too."""
        team = self._session.team
        before = team.rule
        with contextlib.suppress(StoreError, OSError):  # unreadable: the rule last read stands
            team.reread_rule()
        if team.rule != before:
            self._session.reread_team()
        self._show_rule()

    def _show_rule(self, *_args: object) -> None:
        self.actions_by_rule[self._session.team.rule].setChecked(True)

    def _choose(self, rule: str) -> None:
        if rule != self._session.team.rule and not self._session.set_done_rule(rule):
            self._show_rule()  # refused (read-only library): the rule in force stays ticked
