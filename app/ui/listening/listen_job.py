"""One recognition pass of a media file off the GUI thread: a worker in a QThread of its own runs
app.asr's TranscribeJob and reports through queued signals, never touching a widget.

The loaded model is kept for the life of the process (loading tiny.en takes about a second,
large-v3 much longer), per model folder. Cancel is seen before the model is loaded, while the
audio is decoded (every ~10 s of media), and then between two recognised segments:
faster-whisper's segment generator cannot be stopped inside one, so a cancel waits for the
segment being recognised (a second or two with tiny.en). A load under way cannot be stopped
either (CTranslate2's model constructor is one C++ call with no way to abort it), so a cancel
during it lets the worker go (``loading`` says when): the window is free at once, and the model
finishes loading in the background, kept for the next run (listen_runs).
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from app.asr.errors import AsrError, Cancelled

__all__ = ["ListenJob", "ListenWorker", "loaded_recogniser"]

_log = logging.getLogger(__name__)
_loaded: dict[str, object] = {}
_loading = threading.Lock()


def loaded_recogniser(folder: str) -> object:
    """The Recogniser for ``folder`` ("" for the bundled model), loaded once per process."""
    from app.asr.engine import Recogniser

    with _loading:
        found = _loaded.get(folder)
        if found is None:
            found = _loaded[folder] = Recogniser(Path(folder) if folder else None)
        return found


class ListenWorker(QObject):
    """Lives in the job's thread; ``run`` ends with exactly one of done, cancelled, failed."""

    lineHeard = Signal(object)  # app.core.transcript.Line, as recognised
    progressed = Signal(object)  # app.asr.engine.Progress
    done = Signal(object)  # app.asr.result.Transcription
    cancelled = Signal()
    failed = Signal(str)

    def __init__(self, media: str, model_folder: str, language: str, use_cache: bool) -> None:
        super().__init__()
        self.media, self.model_folder, self.language = media, model_folder, language
        self.use_cache = use_cache
        self._stop = threading.Event()
        self._job: object | None = None
        #: True while the model is being loaded (read from the GUI thread: a plain flag is enough)
        self.loading = False

    def cancel(self) -> None:
        """Thread-safe: stops before the next step (see the module's docstring)."""
        self._stop.set()
        job = self._job
        if job is not None:
            job.cancel()  # type: ignore[attr-defined]

    @Slot()
    def run(self) -> None:
        from app.asr.cache import RecognitionCache
        from app.asr.engine import Recogniser, TranscribeJob

        try:
            if self._stop.is_set():
                raise Cancelled
            self.loading = True
            try:
                recogniser = loaded_recogniser(self.model_folder)
            finally:
                self.loading = False
            assert isinstance(recogniser, Recogniser)
            if self._stop.is_set():
                raise Cancelled
            job = TranscribeJob(
                self.media,
                recogniser,
                language=self.language or None,
                on_progress=self.progressed.emit,
                on_line=self.lineHeard.emit,
                cache=RecognitionCache() if self.use_cache else None,
            )
            self._job = job
            if self._stop.is_set():
                job.cancel()
            result = job.run()
        except Cancelled:
            self.cancelled.emit()
        except AsrError as err:
            self.failed.emit(str(err))
        except Exception as err:  # a bug or a runtime's failure: one line, the log keeps it
            _log.exception("recognising %s failed", self.media)
            self.failed.emit(str(err).splitlines()[0] if str(err) else type(err).__name__)
        else:
            self.done.emit(result)


class ListenJob(QObject):
    """A worker and its thread, started at once. The worker's signals are the job's news; the
    thread ends by itself after the worker's last signal (``finished``)."""

    finished = Signal()  # the thread is over: safe to start another

    def __init__(self, worker: ListenWorker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.worker_thread = QThread()
        self.worker_thread.setObjectName("listenThread")
        worker.moveToThread(self.worker_thread)
        self.worker_thread.started.connect(worker.run)
        for signal in (worker.done, worker.cancelled, worker.failed):
            signal.connect(self.worker_thread.quit)
        self.worker_thread.finished.connect(self.finished)
        self.worker_thread.start()

    @property
    def running(self) -> bool:
        return self.worker_thread.isRunning()

    def stop(self) -> None:
        """Cancel and wait for the thread (closing the window)."""
        self.worker.cancel()
        self.worker_thread.quit()
        self.worker_thread.wait()
