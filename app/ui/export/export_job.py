"""An export run off the GUI thread, with a progress dialog and a Cancel button.

The worker gets its own copy of the lines (the window's lines may change while it writes), never
touches a widget, and reports progress through queued signals. ``app.export.export`` writes a
temporary file renamed into place, so a failed or cancelled export leaves no half-written file.
"""

from __future__ import annotations

import copy
import errno
import logging
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QDialog, QMessageBox, QProgressDialog, QWidget

from app.core.transcript import Line, MediaInfo, Transcript
from app.export import ExportCancelled, ExportError, ExportOptions, export
from app.store.change_log import ChangeLog
from app.store.library import Library
from app.ui.export.export_dialog import ExportDialog

__all__ = ["ExportWorker", "open_export", "project_transcript", "run_export", "snapshot"]

_log = logging.getLogger(__name__)
_REASONS = {
    errno.ENOENT: "the folder does not exist",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the disk is read-only",
    errno.ENAMETOOLONG: "the name is too long",
}


def snapshot(transcript: Transcript) -> Transcript:
    """A copy the worker may read while the user keeps reviewing: lines and their note and
    highlight lists are new (edits replace items, never change them in place)."""
    lines: list[Line] = []
    for line in transcript.lines:
        twin = copy.copy(line)
        twin.notes, twin.highlights = list(line.notes), list(line.highlights)
        twin.words = list(line.words)
        lines.append(twin)
    return Transcript(lines, transcript.title, transcript.metadata, transcript.media)


def project_transcript(library: Library, project_id: int, lines: Sequence[Line]) -> Transcript:
    """The project's title, metadata and media around the lines as the window shows them."""
    info = library.get_project(project_id)
    media = MediaInfo(info.media_path, info.media_duration_ms) if info.media_path else None
    return Transcript(list(lines), info.title, info.metadata, media)


def reason(err: BaseException, path: str) -> str:
    """One line for the user; never the temporary file's name, never a traceback."""
    if isinstance(err, OSError):
        why = _REASONS.get(err.errno or 0) or err.strerror or str(err)
        return f"{os.path.basename(path)}: {why}"
    return str(err).splitlines()[0] if str(err) else type(err).__name__


class ExportWorker(QObject):
    """Lives in a worker thread: ``run`` writes the file and ends with exactly one of
    ``done``, ``cancelled`` or ``failed``."""

    progressed = Signal(int, int)  # lines written, lines in all
    done = Signal()
    cancelled = Signal()
    failed = Signal(str)

    def __init__(self, transcript: Transcript, path: str, fmt: str, options: ExportOptions):
        super().__init__()
        self.transcript, self.path, self.fmt, self.options = transcript, path, fmt, options
        self._stop = threading.Event()
        self.warnings: list[str] = []  # about the written file; set before ``done``

    def cancel(self) -> None:
        """Thread-safe: the export stops at its next check (every ~1000 lines)."""
        self._stop.set()

    @Slot()
    def run(self) -> None:
        try:
            self.warnings = export(
                self.transcript,
                self.path,
                self.fmt,
                self.options,
                progress=self.progressed.emit,
                cancel=self._stop.is_set,
            )
        except ExportCancelled:
            self.cancelled.emit()
        except (ExportError, OSError, ValueError) as err:
            self.failed.emit(reason(err, self.path))
        except Exception as err:  # a bug in an exporter: say so in one line, keep the log
            _log.exception("export to %s failed", self.path)
            self.failed.emit(reason(err, self.path))
        else:
            self.done.emit()


class _Progress(QObject):
    """The GUI side: the dialog, and the answer once the worker has ended."""

    def __init__(self, parent: QWidget, worker: ExportWorker, loop: QEventLoop) -> None:
        super().__init__(parent)
        self.worker, self.loop, self.result = worker, loop, ""
        self.dialog = QProgressDialog(
            self.tr("Preparing the export…"), self.tr("Cancel"), 0, 0, parent
        )
        self.dialog.setObjectName("exportProgress")
        self.dialog.setWindowTitle(self.tr("Export"))
        self.dialog.setAccessibleName(self.tr("Export progress"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setMinimumDuration(300)  # small exports finish without a flash
        self.dialog.canceled.connect(self.cancel)
        # Bound slots of this GUI-thread object, never lambdas: a lambda has no thread of its
        # own, so Qt would call it directly in the worker thread.
        worker.progressed.connect(self.show_progress)
        worker.done.connect(self.on_done)
        worker.cancelled.connect(self.on_cancelled)
        worker.failed.connect(self.on_failed)

    @Slot(int, int)
    def show_progress(self, done: int, total: int) -> None:
        if self.result or self.dialog.wasCanceled():
            return
        text = self.tr("Exporting %1 of %2 lines…").replace("%1", f"{done:,}")
        self.dialog.setLabelText(text.replace("%2", f"{total:,}"))
        self.dialog.setMaximum(max(total, 1))
        # Last: a modal dialog's setValue processes events, which may run the next report.
        self.dialog.setValue(min(done, total))

    def cancel(self) -> None:
        if not self.result:
            self.dialog.setLabelText(self.tr("Cancelling…"))
            self.worker.cancel()

    @Slot()
    def on_done(self) -> None:
        self.finish("done")

    @Slot()
    def on_cancelled(self) -> None:
        self.finish("cancelled")

    @Slot(str)
    def on_failed(self, why: str) -> None:
        self.finish(why or "failed")

    def finish(self, result: str) -> None:
        self.result = result
        self.dialog.canceled.disconnect(self.cancel)  # closing it emits canceled again
        self.dialog.close()
        self.loop.quit()


def run_export(
    parent: QWidget,
    transcript: Transcript,
    path: str,
    fmt: str,
    options: ExportOptions,
    status: Callable[[str], None] | None = None,
) -> bool:
    """Export off the GUI thread; True when the file was written. A failure is shown in a
    message box; a cancel only goes to ``status`` ("Export cancelled")."""
    worker = ExportWorker(snapshot(transcript), path, fmt, options)
    thread = QThread()
    thread.setObjectName("exportThread")
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    loop = QEventLoop()
    gui = _Progress(parent, worker, loop)
    thread.start()
    try:
        if not gui.result:  # a tiny export may be over already
            loop.exec()
    finally:
        thread.quit()
        thread.wait()
        gui.dialog.deleteLater()
        gui.deleteLater()
    if gui.result == "done":
        if status is not None:
            status(gui.tr("Exported to %1").replace("%1", path))
        if worker.warnings:  # written, but the user must know what it could not hold
            QMessageBox.warning(
                parent,
                gui.tr("Exported with a warning"),
                gui.tr("Exported to %1, but: %2")
                .replace("%1", path)
                .replace("%2", " ".join(worker.warnings)),
            )
        return True
    if gui.result == "cancelled":
        if status is not None:
            status(gui.tr("Export cancelled"))
        return False
    QMessageBox.warning(
        parent, gui.tr("Export failed"), gui.tr("Not exported: %1").replace("%1", gui.result)
    )
    return False


def open_export(
    parent: QWidget,
    library: Library,
    project_id: int,
    lines: Sequence[Line],
    status: Callable[[str], None] | None = None,
) -> bool:
    """File > Export…: ask what and where, then export; True when a file was written."""
    transcript = project_transcript(library, project_id, lines)
    title = transcript.title or (
        os.path.splitext(os.path.basename(transcript.media.path))[0] if transcript.media else ""
    )
    duration = transcript.media.duration_ms if transcript.media else None
    dialog = ExportDialog(title, duration, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        options, fmt = dialog.options(), dialog.format_name()
        if fmt == "docx-tracked":  # each revision by who corrected the line, and when
            options = replace(options, corrected_by=ChangeLog(library).corrections(project_id))
        return run_export(parent, transcript, dialog.path(), fmt, options, status)
    finally:
        dialog.deleteLater()
