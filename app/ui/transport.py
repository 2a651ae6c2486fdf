"""Transport controls under the video: play/pause, back/forward, seek slider, time / duration."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QStyle, QToolButton, QWidget

from app.core.timecode import format_clock
from app.player.base import PlayerState

__all__ = ["TransportBar"]


class TransportBar(QWidget):
    playPauseClicked = Signal()
    skipRequested = Signal(int)  # ms, negative = back
    seekRequested = Signal(int)  # ms

    def __init__(self, skip_ms: int = 5000, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("transportBar")
        self._skip_ms = skip_ms
        self._duration = 0
        self._shown_second = -1
        style = self.style()
        self.play_button = self._button(
            style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay), self.tr("Play (Space)")
        )
        self.back_button = self._button(
            style.standardIcon(QStyle.StandardPixmap.SP_MediaSeekBackward),
            self.tr("Back %n s (Alt+Left)", "", skip_ms // 1000),
        )
        self.forward_button = self._button(
            style.standardIcon(QStyle.StandardPixmap.SP_MediaSeekForward),
            self.tr("Forward %n s (Alt+Right)", "", skip_ms // 1000),
        )
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("seekSlider")
        self.slider.setAccessibleName(self.tr("Playback position"))
        self.slider.setRange(0, 0)
        self.slider.setSingleStep(1000)
        self.slider.setPageStep(10_000)
        self.slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.time_label = QLabel("00:00 / 00:00")
        self.time_label.setObjectName("timeLabel")
        self.time_label.setAccessibleName(self.tr("Current time and duration"))
        self.time_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        for widget in (self.back_button, self.play_button, self.forward_button):
            layout.addWidget(widget)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.time_label)

        self.play_button.clicked.connect(self.playPauseClicked)
        self.back_button.clicked.connect(lambda: self.skipRequested.emit(-self._skip_ms))
        self.forward_button.clicked.connect(lambda: self.skipRequested.emit(self._skip_ms))
        self.slider.sliderMoved.connect(self.seekRequested)
        self.slider.actionTriggered.connect(self._on_slider_action)

    def _button(self, icon: object, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setIcon(icon)  # type: ignore[arg-type]
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space belongs to play/pause, not buttons
        return button

    def set_duration(self, ms: int) -> None:
        self._duration = max(0, ms)
        self.slider.setRange(0, self._duration)
        self._shown_second = -1

    def set_time(self, ms: int) -> None:
        """Cheap enough for every playback tick: the label only changes once a second."""
        if not self.slider.isSliderDown():
            self.slider.setValue(ms)
        second = ms // 1000
        if second != self._shown_second:
            self._shown_second = second
            hours = self._duration >= 3_600_000
            self.time_label.setText(
                f"{format_clock(ms, with_hours=hours)} / "
                f"{format_clock(self._duration, with_hours=hours)}"
            )

    def set_state(self, state: str) -> None:
        playing = state == PlayerState.PLAYING
        pixmap = (
            QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        )
        self.play_button.setIcon(self.style().standardIcon(pixmap))
        tip = self.tr("Pause (Space)") if playing else self.tr("Play (Space)")
        self.play_button.setToolTip(tip)
        self.play_button.setAccessibleName(tip)

    def _on_slider_action(self, action: int) -> None:
        # Clicks on the groove and keyboard steps: seek to where the slider will land.
        if action != QSlider.SliderAction.SliderMove.value:
            self.seekRequested.emit(self.slider.sliderPosition())
