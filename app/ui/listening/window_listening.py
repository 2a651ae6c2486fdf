"""The Listen menu: Transcribe…, Second Opinion, Re-time (all lines or the selected ones) and
Accept Heard Words, each greyed out with its reason in the tooltip and the status bar when it
cannot run (no media, the ``asr`` extra or a model missing, a job running).

Built by MainWindow from a ListeningContext (the few things it needs, never the window); the
runs themselves are in listen_runs, the marks in opinion_marks.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from app.asr.errors import INSTALL_HINT
from app.asr.passes import kept_opinion
from app.asr.result import Transcription
from app.core.asr_opinion import accept
from app.store.audio_marks import KeptPass
from app.store.errors import StoreError
from app.ui.listening.doubt_walk import DoubtWalk
from app.ui.listening.listen_context import ListeningContext
from app.ui.listening.listen_runs import ListenRuns
from app.ui.listening.listen_settings import check_model_folder, listen_settings, missing_extra
from app.ui.listening.opinion_marks import OpinionMarks, run_date
from app.ui.listening.word_hints import WordHints
from app.ui.transcript.transcript_model import LineIdRole, TranscriptModel

__all__ = ["WindowListening"]


class WindowListening(QObject):
    def __init__(self, ctx: ListeningContext) -> None:
        super().__init__(ctx.window)
        self.w = ctx
        self.editable = True  # False: the login's role may not change lines (role_gate)
        editing = ctx.editing
        self.marks = OpinionMarks(
            ctx.model, ctx.view, ctx.project_id, self._marks_changed, self._kept, self
        )
        editing.delegate.audio_marks = self.marks.spans
        editing.checks.more_issues.append(self.marks.issues)
        self.runs = ListenRuns(ctx, self.marks, self.unavailable, self.media_path, self)
        self.runs.busyChanged.connect(self.update_enabled)
        tr = self.tr
        self.transcribe = self._action(
            "listen.transcribe", tr("&Transcribe…"), lambda: self.runs.start("transcribe")
        )
        self.second_opinion = self._action(
            "listen.second_opinion", tr("Second &Opinion"), lambda: self.runs.start("opinion")
        )
        self.retime_all = self._action(
            "listen.retime_all", tr("Re-time &All Lines"), lambda: self.runs.start("retime")
        )
        self.retime_selected = self._action(
            "listen.retime_selected",
            tr("Re-time &Selected Lines"),
            self.retime_selection,
        )
        self.accept = self._action("listen.accept", tr("A&ccept Heard Words"), self.accept_heard)
        self.hints = WordHints(ctx.model, ctx.view, editing.delegate, self.marks, self)
        self.walk = DoubtWalk(ctx.model, ctx.view, self.marks, ctx.show_message, self)
        walk = self.walk
        self.next_doubtful = self._action(
            "listen.next_doubtful", tr("Next &Doubtful Line"), walk.next_doubtful, "F9"
        )
        self.previous_doubtful = self._action(
            "listen.previous_doubtful",
            tr("Pre&vious Doubtful Line"),
            walk.previous_doubtful,
            "Shift+F9",
        )
        self.next_mark = self._action(
            "listen.next_mark", tr("&Next Audio Mark"), walk.next_mark, "F8"
        )
        self.previous_mark = self._action(
            "listen.previous_mark", tr("&Previous Audio Mark"), walk.previous_mark, "Shift+F8"
        )
        self._helps = {
            self.transcribe: tr("Recognise the speech of the media: lines with word times"),
            self.second_opinion: tr("Mark the words the audio disagrees with"),
            self.retime_all: tr("Set every line's times from the audio"),
            self.retime_selected: tr("Set the selected lines' times from the audio"),
            self.accept: tr("Take the heard words for the first marked place of the line"),
            self.next_doubtful: tr("The next line most in doubt: marks first, then unsure words"),
            self.previous_doubtful: tr("Back to the line more in doubt"),
            self.next_mark: tr("The next line the audio disagrees with"),
            self.previous_mark: tr("The line before that the audio disagrees with"),
        }
        ctx.model.modelReset.connect(self.update_enabled)
        ctx.view.selectionModel().currentRowChanged.connect(self.update_enabled)
        self.update_enabled()

    def _action(
        self, action_id: str, text: str, slot: Callable[[], object], keys: str = ""
    ) -> QAction:
        action = QAction(text, self.w.window)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.setObjectName(action_id)  # the keymap's id: the user may give it keys
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False, run=slot: run())
        self.w.window.addAction(action)
        return action

    def fill_menu(self, menu: QMenu) -> None:
        menu.setToolTipsVisible(True)  # a greyed-out command says why
        menu.addAction(self.transcribe)
        menu.addAction(self.second_opinion)
        menu.addSeparator()
        menu.addActions([self.retime_all, self.retime_selected])
        menu.addSeparator()
        menu.addActions([self.next_mark, self.previous_mark])
        menu.addActions([self.next_doubtful, self.previous_doubtful])
        menu.addAction(self.accept)
        menu.aboutToShow.connect(self.update_enabled)

    # -- whether a command can run ---------------------------------------------------------
    def media_path(self) -> str | None:
        project_id = self.w.project_id()
        if project_id is None:
            return None
        try:
            path = self.w.library.get_project(project_id).media_path
        except StoreError:
            return None
        return path if path and os.path.isfile(path) else None

    def unavailable(self) -> str | None:
        """Why nothing can be recognised now (one line), or None."""
        if missing_extra() is not None:
            return self.tr("Speech recognition is not installed: %1").replace("%1", INSTALL_HINT)
        if self.w.project_id() is None:
            return self.tr("Open a project with media to listen to it")
        if self.media_path() is None:
            return self.tr("This project has no media file to listen to")
        problem = check_model_folder(listen_settings().model_folder)
        if problem is not None:
            return problem
        if self.runs.busy:
            return self.tr("Speech recognition is running")
        return None

    def update_enabled(self, *_args: object) -> None:
        why = self.unavailable()
        # A second opinion changes no line (a viewer may ask for one); the rest change lines.
        role = None if self.editable else self.tr("Your role on this library does not allow this")
        lines = self.w.model.rowCount() > 0
        run = self.marks.run if self.marks.active else None
        if run is not None:
            said = self.tr("Listen again and replace the marks of %1 (%2)")
            self._helps[self.second_opinion] = said.replace("%1", run_date(run.made_at)).replace(
                "%2", run.model
            )
        else:
            self._helps[self.second_opinion] = self.tr("Mark the words the audio disagrees with")
        for action, reason in (
            (self.transcribe, role or why),
            (self.second_opinion, why or (None if lines else self.tr("There are no lines yet"))),
            (
                self.retime_all,
                role or why or (None if lines else self.tr("There are no lines yet")),
            ),
            (
                self.retime_selected,
                role or why or (None if lines else self.tr("There are no lines yet")),
            ),
            (
                self.accept,
                role or (None if self._current_mark() else self.tr("No mark on this line")),
            ),
            (self.next_mark, None),
            (self.previous_mark, None),
            (self.next_doubtful, None),
            (self.previous_doubtful, None),
        ):
            action.setEnabled(reason is None)
            text = reason or self._helps.get(action, "")
            action.setToolTip(text)
            action.setStatusTip(text)

    def retime_selection(self) -> None:
        rows = self.w.view.selected_rows()
        if not rows:
            self.w.show_message(self.tr("Select the lines to re-time"), 3000)
            return
        self.runs.start("retime", rows)

    # -- accepting a suggestion ------------------------------------------------------------
    def _current_mark(self) -> tuple[int, str] | None:
        """(row, the line's text with the first marked place's heard words taken)."""
        row = self.w.view.current_source_row()
        if row is None or not self.marks.active:
            return None
        index = self.w.model.index(row, TranscriptModel.TEXT)
        mark = self.marks.first_mark(index.data(LineIdRole))
        if mark is None:
            return None
        return row, accept(self.w.model.line(row).text, mark)

    def accept_heard(self) -> None:
        """One undo step: the line's text with what was heard in its first marked place."""
        found = self._current_mark()
        if found is None:
            self.w.show_message(self.tr("No mark on this line"), 3000)
            return
        row, text = found
        self.w.editing.session.edit_text(row, text, self.tr("Accept Heard Words"))

    def _kept(self, project_id: int) -> tuple[Transcription, KeptPass] | None:
        try:
            return kept_opinion(self.w.library, project_id)
        except StoreError as err:  # the project opens without its marks, saying why
            said = self.tr("The second opinion's marks could not be read: %1")
            self.w.show_message(said.replace("%1", str(err)), 0)
            return None

    def _marks_changed(self) -> None:
        self.w.editing.checks.mark_dirty()
        self.w.view.viewport().update()

    def shutdown(self) -> None:
        self.runs.shutdown()
