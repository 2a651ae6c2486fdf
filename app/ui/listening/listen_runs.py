"""Running a recognition pass for the Listen menu, and what its result does:

- transcribe: into a project with no lines, the lines appear in the list as they are
  recognised and are stored (with word times and probabilities) as one undoable step at the
  end; a project that has lines gets its transcription as a new project, opened when done;
- second opinion: the marks (opinion_marks) and the Checks panel's "Audio disagrees", kept in
  the library for the project (replacing those of the run before);
- re-time (all lines or some): new times and word times, one undo step, and a summary.

A cancelled or failed run keeps nothing: the lines shown during it go again.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QDockWidget, QMessageBox

from app.asr.analysis import retimed
from app.asr.passes import keep_opinion
from app.asr.result import Transcription
from app.asr.storing import store_transcription
from app.core.transcript import Line
from app.store.errors import ProjectExistsError, StoreError
from app.ui.editing.edit_commands import ReplaceRows
from app.ui.listening.listen_context import ListeningContext
from app.ui.listening.listen_job import ListenJob, ListenWorker
from app.ui.listening.listen_progress import ListenProgress, clock
from app.ui.listening.listen_settings import listen_settings
from app.ui.listening.opinion_marks import OpinionMarks
from app.ui.listening.retime_command import apply_retime
from app.ui.review.commands import counted

__all__ = ["ListenRuns"]


class ListenRuns(QObject):
    busyChanged = Signal()

    def __init__(
        self,
        ctx: ListeningContext,
        marks: OpinionMarks,
        unavailable: Callable[[], str | None],
        media_path: Callable[[], str | None],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.w, self.marks = ctx, marks
        self.unavailable, self.media_path = unavailable, media_path
        self.job: ListenJob | None = None
        self.leaving: list[ListenJob] = []  # let go of while loading a model: ending by itself
        self.dialog: ListenProgress | None = None
        self.kind = ""
        self.rows: list[int] | None = None
        self.project: int | None = None
        self.live = False  # transcribing into the empty project: its lines shown as heard
        self.shown = 0  # lines shown so far in that case
        self.stopping = False  # the user cancelled

    @property
    def busy(self) -> bool:
        return self.job is not None

    def start(self, kind: str, rows: Sequence[int] | None = None) -> bool:
        """Start ``kind`` ("transcribe", "opinion", "retime") on the open project's media."""
        parent = self.w.window
        why, media = self.unavailable(), self.media_path()
        if why is not None or media is None:
            self.w.show_message(why or self.tr("This project has no media file"), 5000)
            return False
        self.kind, self.rows, self.project = kind, list(rows) if rows else None, self.w.project_id()
        self.live = kind == "transcribe" and self.w.model.rowCount() == 0
        self.shown = 0
        self.stopping = False
        titles = {
            "transcribe": self.tr("Transcribe"),
            "opinion": self.tr("Second Opinion"),
            "retime": self.tr("Re-time Lines"),
        }
        what = self.tr("Listening to %1…").replace("%1", os.path.basename(media))
        self.dialog = ListenProgress(titles[kind], what, parent)
        settings = listen_settings()
        worker = ListenWorker(media, settings.model_folder, settings.language, use_cache=True)
        # Bound slots of this GUI-thread object: queued here, never run in the worker's thread.
        worker.lineHeard.connect(self._on_line)
        worker.progressed.connect(self._on_progress)
        worker.done.connect(self._on_done)
        worker.cancelled.connect(self._on_cancelled)
        worker.failed.connect(self._on_failed)
        self.dialog.cancelRequested.connect(self.cancel)
        self.job = ListenJob(worker, self)
        self.job.finished.connect(self._on_thread_over)
        self.busyChanged.emit()
        self.dialog.show()
        return True

    def cancel(self) -> None:
        if self.job is not None:
            self.stopping = True
            self.job.worker.cancel()
            if self.job.worker.loading:  # a model load cannot be stopped: not waited for either
                self._let_go(self.job)
                return
            self.w.show_message(
                self.tr("Cancelling: the recogniser stops after the segment it is on"), 0
            )

    def _let_go(self, job: ListenJob) -> None:
        """The run is over for the window now; its thread ends once the model is loaded (kept
        for the next run), saying nothing more."""
        worker = job.worker
        for signal, slot in (
            (worker.lineHeard, self._on_line),
            (worker.progressed, self._on_progress),
            (worker.done, self._on_done),
            (worker.cancelled, self._on_cancelled),
            (worker.failed, self._on_failed),
            (job.finished, self._on_thread_over),
        ):
            signal.disconnect(slot)
        self.leaving.append(job)
        job.finished.connect(lambda: self._left(job))
        self.job = None
        self._end()
        self._take_back_live_lines()
        self.busyChanged.emit()
        self.w.show_message(
            self.tr(
                "Speech recognition cancelled; nothing was kept "
                "(the speech model goes on loading, for the next time)"
            ),
            8000,
        )

    def _left(self, job: ListenJob) -> None:
        if job in self.leaving:
            self.leaving.remove(job)
            job.deleteLater()

    # -- news from the worker --------------------------------------------------------------
    @Slot(object)
    def _on_line(self, line: Line) -> None:
        if self.dialog is not None:
            self.dialog.show_heard(line.text)
        if self.live and self.w.project_id() == self.project:
            self.w.model.insert_lines(self.shown, [line])
            self.shown += 1
            self.w.view.show_row(self.shown - 1)

    @Slot(object)
    def _on_progress(self, progress: object) -> None:
        if self.dialog is not None:
            p = progress
            self.dialog.show_progress(p.percent, p.elapsed_s, p.eta_s)  # type: ignore[attr-defined]

    def _end(self) -> None:
        if self.dialog is not None:
            self.dialog.finish()
            self.dialog = None

    def _take_back_live_lines(self) -> None:
        if self.live and self.shown and self.w.project_id() == self.project:
            self.w.model.remove_rows(0, self.shown)
        self.shown = 0

    @Slot()
    def _on_cancelled(self) -> None:
        self._end()
        self._take_back_live_lines()
        self.w.show_message(self.tr("Speech recognition cancelled; nothing was kept"), 5000)

    @Slot(str)
    def _on_failed(self, why: str) -> None:
        if self.stopping:  # the user had cancelled: that is the news, not what broke after
            self._on_cancelled()
            return
        self._end()
        self._take_back_live_lines()
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Speech recognition failed"),
            self.tr("Nothing was kept: %1").replace("%1", why),
            QMessageBox.StandardButton.Ok,
            self.w.window,
        )
        box.setObjectName("listenFailed")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # not exec(): no nested event loop inside a queued slot

    @Slot(object)
    def _on_done(self, heard: Transcription) -> None:
        self._end()
        if self.w.project_id() != self.project:  # the user left the project meanwhile
            self._take_back_live_lines()
            return
        if self.kind == "transcribe":
            self._transcribed(heard)
        elif self.kind == "opinion":
            self._opinion(heard)
        else:
            self._retime(heard)

    @Slot()
    def _on_thread_over(self) -> None:
        if self.job is not None:
            self.job.deleteLater()
        self.job = None
        self.busyChanged.emit()

    # -- what a result does ----------------------------------------------------------------
    def _transcribed(self, heard: Transcription) -> None:
        lines = heard.transcript.lines
        took = clock(heard.elapsed_s)
        if not self.live:
            try:
                project_id = store_transcription(self.w.library, heard)
            except ProjectExistsError as err:  # transcribed before: that project, not a twin
                if err.project_id != self.project:
                    self.w.open_project(err.project_id)
                text = self.tr("This media was transcribed before: its project is open")
                self.w.show_message(text, 8000)
                return
            except StoreError as err:
                self._on_failed(str(err))
                return
            self.w.open_project(project_id)
            said = counted(len(lines), self.tr("1 line"), self.tr("%1 lines"))
            text = self.tr("Transcribed into a new project in %1: %2").replace("%1", took)
            self.w.show_message(text.replace("%2", said), 8000)
            return
        session = self.w.editing.session
        target = session.target()
        self._take_back_live_lines()
        if target is None or not lines:
            self.w.show_message(self.tr("No speech was heard"), 5000)
            return
        project_id = target.project_id
        stored = session.attempt(
            lambda: target.store.replace_lines(project_id, [], 0, list(lines))[1]
        )
        if stored is None:
            return
        label = self.tr("Transcribe")
        session.undo.push(ReplaceRows(target, 0, 0, [], stored, label))
        said = counted(len(lines), self.tr("1 line"), self.tr("%1 lines"))
        self.w.show_message(
            self.tr("Transcribed in %1: %2").replace("%1", took).replace("%2", said), 8000
        )

    def _opinion(self, heard: Transcription) -> None:
        kept, problem = None, ""
        if self.project is not None:
            try:  # replaces the project's marks from before
                kept = keep_opinion(self.w.library, self.project, heard, self.w.library.actor)
            except StoreError as err:  # shown all the same, for as long as the project is open
                problem = self.tr(" (not kept in the library: %1)").replace("%1", str(err))
        self.marks.set_heard(heard, kept)
        marked = len(self.marks.issues())
        if marked:
            text = counted(
                marked,
                self.tr("The audio disagrees on 1 line: see the Checks panel"),
                self.tr("The audio disagrees on %1 lines: see the Checks panel"),
            )
            self._show_checks()
        else:
            text = self.tr("The audio agrees with every line")
        self.w.show_message(text + problem, 0 if problem else 8000)

    def _show_checks(self) -> None:
        widget = self.w.editing.checks.parentWidget()
        while widget is not None and not isinstance(widget, QDockWidget):
            widget = widget.parentWidget()
        if widget is not None:
            widget.show()
            widget.raise_()

    def _retime(self, heard: Transcription) -> None:
        session = self.w.editing.session
        target = session.target()
        if target is None:
            return
        result = retimed(self.w.model.lines(), heard, self.rows)
        label = counted(len(result.lines), self.tr("Re-time Line"), self.tr("Re-time %1 Lines"))
        command = session.attempt(lambda: apply_retime(target, result, label))
        moved = [r for r in result.lines if r.changed]
        if command is not None:
            session.undo.push(command)
        text = counted(len(moved), self.tr("1 line re-timed"), self.tr("%1 lines re-timed"))
        if moved:
            most = max(moved, key=lambda r: abs(r.moved_ms))
            far = self.tr("; line %1 moved most (%2 s)").replace("%1", str(most.row + 1))
            text += far.replace("%2", f"{most.moved_ms / 1000:+.1f}")
        guessed = [r.row + 1 for r in result.lines if not r.anchored]
        if guessed:
            rows = ", ".join(str(r) for r in guessed[:8]) + ("…" if len(guessed) > 8 else "")
            text += counted(
                len(guessed),
                self.tr("; line %2 interpolated (nothing in it matched the audio)"),
                self.tr("; lines %2 interpolated (nothing in them matched the audio)"),
            ).replace("%2", rows)
        self.w.show_message(text, 0)

    def shutdown(self) -> None:
        if self.job is not None:
            self.job.stop()
        for job in list(self.leaving):  # a model still loading: its thread must end first
            job.stop()
        self._end()
