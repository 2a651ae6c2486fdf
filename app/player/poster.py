"""PosterMaker: the picture at a position, decoded off the GUI thread, for the time libVLC shows
none (a media opened and never played, or stopped). Only the latest request counts: clicking
through ten lines decodes the last one, not all ten in turn.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QImage

from app.media.poster import Picture, PosterError, frame_at

__all__ = ["PosterMaker"]


class PosterMaker(QObject):
    #: The frame asked for last, the position asked for (ms) and one frame's length (ms, 0 when
    #: unknown). A null image: the media has no picture.
    ready = Signal(QImage, int, float)
    _done = Signal(int, object, int)  # (request number, Picture or None, ms), from the worker

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="poster")
        self._lock = threading.Lock()
        self._latest = 0
        self._closed = False
        self._done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def request(self, path: str, ms: int) -> None:
        if self._closed:
            return
        with self._lock:
            self._latest += 1
            number = self._latest
        self._pool.submit(self._work, number, path, max(0, int(ms)))

    def cancel(self) -> None:
        """Forget the requests made so far: none of them will be delivered."""
        with self._lock:
            self._latest += 1

    def close(self) -> None:
        """Cancel and wait for a decode under way (before the player goes)."""
        self._closed = True
        self.cancel()
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _current(self, number: int) -> bool:
        with self._lock:
            return number == self._latest

    def _work(self, number: int, path: str, ms: int) -> None:  # on the worker thread
        if not self._current(number):
            return  # a newer request is queued behind this one
        try:
            picture = frame_at(path, ms)
        except PosterError:
            picture = None  # VLC reports what is wrong with the file; the pane stays black
        if self._current(number) and not self._closed:
            self._done.emit(number, picture, ms)

    def _deliver(self, number: int, picture: Picture | None, ms: int) -> None:
        if not self._current(number) or self._closed:
            return
        if picture is None:
            self.ready.emit(QImage(), ms, 0.0)
            return
        image = QImage(
            picture.rgb,
            picture.width,
            picture.height,
            picture.width * 3,
            QImage.Format.Format_RGB888,
        ).copy()  # own the pixels: the bytes go with the Picture
        self.ready.emit(image, ms, picture.frame_ms or 0.0)
