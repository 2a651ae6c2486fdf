"""The second opinion as the window shows it: the words of each line the audio disagrees with
(dotted underline, drawn by the transcript's delegate), what was heard instead (the tooltip,
shown by word_hints), and the Checks panel's audio issues: "Audio disagrees", and from the same
pass's speech stretches, lines over silence, speech with no line and repeated text.

One recognition pass is held for the open project, and kept in the library with its model and
date (app.asr.passes, table audio_marks): opening the project again brings its marks back, and
a new second opinion replaces them. The opinion itself (app.core.asr_opinion, well under a
second for an hour's words) is worked out again after the lines change, so an accepted
suggestion, an edit or an undo moves or clears its marks.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, Qt

from app.asr.analysis import audio_checks, opinion_of
from app.asr.result import Transcription
from app.core.asr_opinion import Disagreement, LineOpinion, opinion_issues
from app.core.checks import Issue
from app.store.audio_marks import KeptPass
from app.ui.transcript.transcript_model import CurrentRole, TranscriptModel
from app.ui.transcript.transcript_view import TranscriptView

__all__ = ["OpinionMarks", "mark_span", "run_date"]

#: The project's kept pass and its run, or None (app.asr.passes.kept_opinion over the library).
Kept = Callable[[int], "tuple[Transcription, KeptPass] | None"]

_PAINT_ROLES = frozenset(
    {int(Qt.ItemDataRole.BackgroundRole), int(Qt.ItemDataRole.FontRole), int(CurrentRole)}
)


def mark_span(text: str, mark: Disagreement) -> tuple[int, int]:
    """Where to underline ``mark``: its words, or for words heard but missing from the text
    (an empty span), the word before the gap (the first word at the start of a line)."""
    if mark.end > mark.start:
        return mark.start, mark.end
    at = min(mark.start, len(text))
    before = text[:at].rstrip()
    if before:
        return before.rfind(" ") + 1, len(before)
    after = len(text[at:]) - len(text[at:].lstrip())
    word_end = text.find(" ", at + after)
    return at + after, len(text) if word_end < 0 else word_end


def run_date(made_at: str) -> str:
    """ "2026-12-07 12:30 UTC" of a stored ISO time (the text itself if it is not one)."""
    return f"{made_at[:10]} {made_at[11:16]} UTC" if len(made_at) >= 16 else made_at


class OpinionMarks(QObject):
    def __init__(
        self,
        model: TranscriptModel,
        view: TranscriptView,
        project_id: Callable[[], int | None],
        changed: Callable[[], None],
        kept: Kept | None = None,
        parent: QObject | None = None,
    ) -> None:
        """``changed`` is called when the marks may differ (re-check, repaint); ``kept`` reads
        a project's kept pass when the project is shown."""
        super().__init__(parent)
        self.model, self.view, self.project_id, self._changed = model, view, project_id, changed
        self._kept = kept
        self._heard: Transcription | None = None
        #: The kept pass's run (model, when, who); None while the marks are not kept.
        self.run: KeptPass | None = None
        self._project: int | None = None
        self._by_id: dict[int, LineOpinion] | None = None
        self._opinions: list[LineOpinion] = []
        self._audio_issues: list[Issue] | None = None
        model.dataChanged.connect(self._on_data_changed)
        for signal in (model.rowsInserted, model.rowsRemoved):
            signal.connect(self._stale)
        model.modelReset.connect(self._on_reset)

    # -- what was heard --------------------------------------------------------------------
    def set_heard(self, heard: Transcription | None, run: KeptPass | None = None) -> None:
        """The recognition pass of the open project's media (None: forget the marks), and
        ``run``, what the library kept of it (None: not kept)."""
        self._heard, self.run, self._project = heard, run, self.project_id()
        self._stale()

    def _on_reset(self) -> None:
        """The lines were all replaced: another project shown brings its own kept marks."""
        project = self.project_id()
        if project != self._project:
            found = self._kept(project) if self._kept is not None and project is not None else None
            self._heard, self.run = found if found is not None else (None, None)
            self._project = project
            self._changed()
        self._stale()

    @property
    def active(self) -> bool:
        return self._heard is not None and self._project == self.project_id()

    def _on_data_changed(self, _top: QModelIndex, _bottom: QModelIndex, roles: list[int]) -> None:
        if not roles or not _PAINT_ROLES.issuperset(int(r) for r in roles):
            self._stale()

    def _stale(self, *_args: object) -> None:
        self._by_id = None
        self._audio_issues = None
        if self._heard is not None:
            self._changed()

    def opinions(self) -> list[LineOpinion]:
        if not self.active:
            return []
        if self._by_id is None:
            assert self._heard is not None
            self._opinions = opinion_of(self.model.lines(), self._heard)
            self._by_id = {o.line_id: o for o in self._opinions if o.line_id is not None}
        return self._opinions

    def of_line(self, line_id: object) -> LineOpinion | None:
        if not isinstance(line_id, int) or not self.active:
            return None
        self.opinions()
        assert self._by_id is not None
        found = self._by_id.get(line_id)
        return found if found is not None and found.marks else None

    # -- as shown --------------------------------------------------------------------------
    def spans(self, line_id: object) -> list[tuple[int, int]]:
        """For the delegate: (start, end) of each marked place of the line."""
        opinion = self.of_line(line_id)
        if opinion is None:
            return []
        text = self.model.line(opinion.row).text if opinion.row < self.model.rowCount() else ""
        return [mark_span(text, m) for m in opinion.marks]

    def issues(self) -> list[Issue]:
        """For the Checks panel: one "Audio disagrees" issue per marked line, then what the
        voice detector's speech says of the lines: over silence, speech with no line, and
        repeated text (a recogniser's hallucination, or a pasted-twice line)."""
        if not self.active:
            return []
        if self._audio_issues is None:
            assert self._heard is not None
            self._audio_issues = audio_checks(self.model.lines(), self._heard)
        return opinion_issues(self.opinions()) + self._audio_issues

    def first_mark(self, line_id: object) -> Disagreement | None:
        opinion = self.of_line(line_id)
        return opinion.marks[0] if opinion is not None else None

    def tooltip(self, line_id: object) -> str:
        opinion = self.of_line(line_id)
        if opinion is None:
            return ""
        rows = [self.tr("The audio disagrees:")]
        if self.run is not None:
            said = self.tr("(second opinion by %1, %2)").replace("%1", self.run.model)
            rows[0] += " " + said.replace("%2", run_date(self.run.made_at))
        for mark in opinion.marks:
            if mark.kind == "missing":
                rows.append(self.tr("heard “%1”, not in the text").replace("%1", mark.heard))
            elif mark.kind == "unsupported":
                rows.append(self.tr("“%1”: heard nothing").replace("%1", mark.expected))
            else:
                said = self.tr("“%1”: heard “%2”").replace("%1", mark.expected)
                rows.append(said.replace("%2", mark.heard))
        return "\n".join(rows)
