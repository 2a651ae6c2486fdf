"""The waveform of a media file, read on a worker thread (a QRunnable on a QThreadPool).

The worker never touches a widget: it reports through the signals of a ``WaveformJob`` that lives
on the GUI thread, so every slot runs there (queued connections). A job ends with exactly one of
``finished(Peaks)``, ``failed(str)`` or ``cancelled()``; ``cancel()`` is safe at any time and a
cancelled job's late result is dropped.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from app.media.waveform import Peaks, WaveformCancelled, WaveformError, load_or_compute

__all__ = ["Compute", "WaveformJob"]

_log = logging.getLogger(__name__)

#: ``load_or_compute``'s shape: (path, cache_dir, progress=, cancel=) -> Peaks.
Compute = Callable[..., Peaks]


class _Signals(QObject):
    progressed = Signal(float)
    done = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class _Runnable(QRunnable):
    def __init__(self, job: WaveformJob) -> None:
        super().__init__()
        self.setAutoDelete(True)
        # Plain Python references: the worker needs nothing of the job but these.
        self._signals = job._signals
        self._path, self._cache_dir, self._compute = job.path, job.cache_dir, job._compute
        self._stop = job._stop

    def run(self) -> None:
        try:
            peaks = self._compute(
                self._path, self._cache_dir, progress=self._progress, cancel=self._stop.is_set
            )
        except WaveformCancelled:
            self._emit("cancelled")
        except WaveformError as err:
            self._emit("failed", str(err))
        except Exception as err:  # a bug, or a decoder surprise: one line for the user
            _log.exception("waveform of %s failed", self._path)
            self._emit("failed", f"{os.path.basename(self._path)}: {err}")
        else:
            self._emit("done", peaks)

    def _progress(self, fraction: float) -> None:
        self._emit("progressed", fraction)

    def _emit(self, name: str, *args: object) -> None:
        try:
            getattr(self._signals, name).emit(*args)
        except RuntimeError:  # the job was deleted meanwhile: nobody is waiting for the answer
            self._stop.set()


class WaveformJob(QObject):
    """Compute (or load from the cache) the waveform of ``path`` off the GUI thread.

    ``progressed`` carries the done fraction (0..1). Create and connect on the GUI thread, then
    ``start()``.
    """

    progressed = Signal(float)
    finished = Signal(object)  # Peaks
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self,
        path: str | os.PathLike[str],
        cache_dir: str | os.PathLike[str] | None = None,
        parent: QObject | None = None,
        *,
        compute: Compute = load_or_compute,
    ) -> None:
        super().__init__(parent)
        self.path = os.fspath(path)
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        self._compute = compute
        self._stop = threading.Event()
        self._running = False
        # Owned by this job, on the GUI thread; the worker only emits its signals.
        self._signals = _Signals(self)
        self._signals.progressed.connect(self._on_progress)
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)
        self._signals.cancelled.connect(self._on_cancelled)

    @property
    def running(self) -> bool:
        return self._running

    def start(self, pool: QThreadPool | None = None) -> None:
        if self._running:
            return
        self._running = True
        (pool or QThreadPool.globalInstance()).start(_Runnable(self))

    def cancel(self) -> None:
        """Stop soon (the decoder checks before each packet); ``cancelled`` follows."""
        self._stop.set()

    # -- on the GUI thread ------------------------------------------------------------------
    def _on_progress(self, fraction: float) -> None:
        if self._running and not self._stop.is_set():
            self.progressed.emit(fraction)

    def _on_done(self, peaks: Peaks) -> None:
        self._running = False
        if self._stop.is_set():
            self.cancelled.emit()
        else:
            self.finished.emit(peaks)

    def _on_failed(self, reason: str) -> None:
        self._running = False
        self.failed.emit(reason)

    def _on_cancelled(self) -> None:
        self._running = False
        self.cancelled.emit()
