"""The bridge from libVLC's threads to the Qt GUI thread: the event kinds VlcPlayer follows and
the QObject whose one signal carries them.

Threading rule: libVLC is called on the GUI thread only. VLC runs its event callbacks on its own
threads, and libVLC is not reentrant, so a callback does nothing but emit ``EventBridge.vlcEvent``,
connected with Qt.QueuedConnection: the real handling happens later, on the GUI thread.
"""

from __future__ import annotations

import contextlib
from typing import Any

from PySide6.QtCore import QObject, Signal

__all__ = [
    "ENDED",
    "ERROR",
    "LENGTH",
    "PARSED",
    "PAUSED",
    "PLAYING",
    "STOPPED",
    "TIME",
    "EventBridge",
]

# Event kinds carried by EventBridge.vlcEvent (ours, not VLC's numbers: the bridge must work even
# when the vlc module could not be imported).
TIME, LENGTH, PLAYING, PAUSED, STOPPED, ENDED, ERROR, PARSED = range(8)


class EventBridge(QObject):
    """Lives on the GUI thread; VLC threads only ever call ``vlcEvent.emit``. Keeps which VLC
    event managers it is attached to, to detach them before their objects go."""

    vlcEvent = Signal(int, int)  # (kind, value); not "event": that is QObject.event()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._attached: list[tuple[Any, Any]] = []  # (event manager, vlc.EventType)

    def attach(self, manager: Any, event_type: Any, kind: int, field: str | None = None) -> None:
        """Emit ``kind`` (with the event's ``field``, else 0) each time VLC sends ``event_type``.

        Keep one manager per source: python-vlc keeps the callbacks alive on that very object.
        """
        bridge = self

        def callback(event: Any) -> None:  # runs on a VLC thread: emit only
            value = int(getattr(event.u, field)) if field else 0
            with contextlib.suppress(RuntimeError):  # the bridge was deleted during shutdown
                bridge.vlcEvent.emit(kind, value)

        manager.event_attach(event_type, callback)
        self._attached.append((manager, event_type))

    def detach(self, manager: Any, event_type: Any) -> None:
        """Stop following ``event_type`` on ``manager`` and forget that manager."""
        manager.event_detach(event_type)
        self._attached = [(m, e) for m, e in self._attached if m is not manager]

    def detach_all(self) -> None:
        for manager, event_type in self._attached:
            manager.event_detach(event_type)
        self._attached.clear()
