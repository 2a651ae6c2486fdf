"""The progress dialog of a recognition pass: the share of the media heard, the time taken, an
estimate of the time left, the last line heard, and Cancel (which says it waits for the segment
being recognised, as the recogniser can only stop between two)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

__all__ = ["ListenProgress", "clock"]

_STEPS = 1000


def clock(seconds: float) -> str:
    """ "0:07", "12:40", "1:02:03"."""
    total = max(0, round(seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class ListenProgress(QProgressDialog):
    """Window-modal: the transcript behind it shows the lines as they come, but cannot be
    edited under the job's feet."""

    cancelRequested = Signal()

    def __init__(self, title: str, what: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("listenProgress")
        self.setWindowTitle(title)
        self.setAccessibleName(self.tr("Speech recognition progress"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setRange(0, _STEPS)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumDuration(0)
        self.setMinimumWidth(460)
        self.setCancelButtonText(self.tr("Cancel"))
        self.what = what
        self.heard = ""
        self.stopping = False
        self._figures = self.tr("Loading the speech model…")
        self._show()
        self.canceled.connect(self._cancel)  # the button, closing it
        self.rejected.connect(self._cancel)  # Esc

    def _show(self) -> None:
        parts = [self.what, self._figures]
        if self.heard:
            parts.append(self.tr("Heard: “%1”").replace("%1", self.heard))
        self.setLabelText("\n".join(parts))

    def show_progress(self, percent: float, elapsed_s: float, eta_s: float | None) -> None:
        if self.stopping:
            return
        text = self.tr("%1% of the media · %2 elapsed").replace("%1", str(int(percent)))
        text = text.replace("%2", clock(elapsed_s))
        if eta_s is not None and percent > 0:
            text += " · " + self.tr("about %1 left").replace("%1", clock(eta_s))
        self._figures = text
        self._show()
        self.setValue(round(percent / 100 * _STEPS))

    def show_heard(self, text: str) -> None:
        if not self.stopping:
            self.heard = text if len(text) <= 70 else text[:69] + "…"
            self._show()

    def _cancel(self) -> None:
        if self.stopping:
            return
        self.stopping = True
        self.cancelRequested.emit()  # the dialog hides; the status bar says the rest

    def finish(self) -> None:
        self.canceled.disconnect(self._cancel)  # closing emits canceled again
        self.rejected.disconnect(self._cancel)
        self.close()
        self.deleteLater()
