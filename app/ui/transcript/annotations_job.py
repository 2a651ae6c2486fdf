"""A big project's notes and highlights, read on a worker thread after the lines are painted.

A project with a million notes would otherwise keep the window blank while they load: the lines
come first (they are what a reviewer reads), then this job brings the notes and highlights and
the project's presenter merges them in (``ProjectPresenter._apply_annotations``, in
app/ui/library/window_projects.py). The worker touches no widget and no line: it reads the
library on its own connection and hands plain dicts over through a queued signal, so every slot
runs on the GUI thread.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal, SignalInstance

from app.core.transcript import Highlight, Line, Note
from app.store.errors import StoreError
from app.store.library import Library

__all__ = ["AnnotationsJob", "merge_annotations"]

_log = logging.getLogger(__name__)


class AnnotationsJob(QObject):
    """Read the project's notes and highlights off the GUI thread; ends with exactly one of
    ``finished(project_id, notes_by_line, highlights_by_line)`` or ``failed(reason)``, unless
    cancelled (then nothing is emitted)."""

    finished = Signal(int, object, object)
    failed = Signal(str)

    def __init__(self, library: Library, project_id: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.project_id = project_id
        self._cancelled = threading.Event()
        self._thread = threading.Thread(target=self._run, name="annotations", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def running(self) -> bool:
        return self._thread.is_alive() and not self._cancelled.is_set()

    def _run(self) -> None:
        try:
            notes, marks = self.library.load_annotations(self.project_id)
        except StoreError as err:
            self._emit(self.failed, str(err))
        except Exception as err:  # a bug must cost the notes' display, not the window
            _log.exception("reading the notes of project %s failed", self.project_id)
            self._emit(self.failed, f"{type(err).__name__}: {err}")
        else:
            self._emit(self.finished, self.project_id, notes, marks)

    def _emit(self, signal: SignalInstance, *args: object) -> None:
        if self._cancelled.is_set():
            return
        with contextlib.suppress(RuntimeError):  # the job went away meanwhile: nobody waits
            signal.emit(*args)


def merge_annotations(
    lines: Sequence[Line],
    notes: dict[int, list[Note]],
    marks: dict[int, list[Highlight]],
) -> list[int]:
    """Put the loaded notes and highlights on their lines; the rows that got any.

    A note or highlight made while they loaded is already on its line (and maybe, by id, in
    the loaded snapshot too): it is kept once, after the loaded ones.
    """
    rows = []
    for row, line in enumerate(lines):
        if line.id is None:
            continue
        got_notes, got_marks = notes.get(line.id), marks.get(line.id)
        if got_notes:
            known = {note.id for note in got_notes}
            line.notes = got_notes + [n for n in line.notes if n.id not in known]
        if got_marks:
            known = {mark.id for mark in got_marks}
            line.highlights = got_marks + [h for h in line.highlights if h.id not in known]
        if got_notes or got_marks:
            rows.append(row)
    return rows
