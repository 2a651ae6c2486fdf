"""Transport controls under the video: play/pause, back/forward, seek slider, time / duration,
speed (a "1.0×" button with a menu of steps), mute and volume.

The time reads ``01:02 / 02:00`` while playing and before the first Play; paused, it shows
hundredths (``01:02.48``), so every frame step (40 ms at 25 fps) is seen to move it. With "Show
times to the millisecond" (Preferences > Appearance) it shows milliseconds as the transcript's
Start column does, playing or paused: ``01:02.345 / 02:00``.

The bar only shows state and asks for changes through its signals; the window connects them to
the player and the playback controller.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMenu, QSlider, QStyle, QToolButton, QWidget

from app.core.timecode import format_clock
from app.player.base import PlayerState
from app.ui.playback.spans import RATES, format_rate
from app.ui.transcript.timing_columns import show_millis

__all__ = ["TransportBar"]


class TransportBar(QWidget):
    playPauseClicked = Signal()
    skipRequested = Signal(int)  # ms, negative = back
    seekRequested = Signal(int)  # ms
    rateRequested = Signal(float)
    mutedRequested = Signal(bool)  # the mute button was toggled: True = mute
    volumeRequested = Signal(int)  # 0-100, as the slider moves

    def __init__(
        self,
        skip_ms: int = 5000,
        parent: QWidget | None = None,
        rates: Sequence[float] = RATES,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("transportBar")
        self._skip_ms = skip_ms
        self._duration = 0
        self._time = 0
        self._paused = False
        self._millis = show_millis()
        self._shown: tuple[int, int, bool] | None = None  # what the label shows: no redraws
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
        self.slider.setMinimumWidth(160)  # squeezed, it was a square that looked like a checkbox
        self.time_label = QLabel("00:00 / 00:00")
        self.time_label.setObjectName("timeLabel")
        self.time_label.setAccessibleName(self.tr("Current time and duration"))
        self.time_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.rate_button = QToolButton(self)
        self.rate_button.setObjectName("rateButton")
        self.rate_button.setText(format_rate(1.0))
        self.rate_button.setToolTip(self.tr("Playback speed"))
        self.rate_button.setAccessibleName(self.tr("Playback speed"))
        self.rate_button.setAutoRaise(True)
        self.rate_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.rate_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.rate_menu = QMenu(self.rate_button)
        self._rate_group = QActionGroup(self)
        self._rate_actions: dict[float, QAction] = {}
        for rate in rates:
            action = self.rate_menu.addAction(format_rate(rate))
            action.setCheckable(True)
            action.setChecked(rate == 1.0)
            action.setData(rate)
            self._rate_group.addAction(action)
            self._rate_actions[rate] = action
        self._rate_group.triggered.connect(lambda a: self.rateRequested.emit(float(a.data())))
        self.rate_button.setMenu(self.rate_menu)

        self.mute_button = self._button(
            style.standardIcon(QStyle.StandardPixmap.SP_MediaVolume), self.tr("Mute")
        )
        self.mute_button.setObjectName("muteButton")
        self.mute_button.setCheckable(True)
        self.volume_slider = QSlider(Qt.Orientation.Horizontal)
        self.volume_slider.setObjectName("volumeSlider")
        self.volume_slider.setAccessibleName(self.tr("Volume"))
        self.volume_slider.setRange(0, 100)
        self.volume_slider.setValue(100)
        self.volume_slider.setSingleStep(5)
        self.volume_slider.setPageStep(10)
        self.volume_slider.setMaximumWidth(80)
        self.volume_slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.volume_slider.setToolTip(self.tr("Volume: 100%"))

        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        for widget in (self.back_button, self.play_button, self.forward_button):
            layout.addWidget(widget)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.time_label)
        layout.addWidget(self.rate_button)
        layout.addWidget(self.mute_button)
        layout.addWidget(self.volume_slider)

        self.play_button.clicked.connect(self.playPauseClicked)
        self.back_button.clicked.connect(lambda: self.skipRequested.emit(-self._skip_ms))
        self.forward_button.clicked.connect(lambda: self.skipRequested.emit(self._skip_ms))
        self.slider.sliderMoved.connect(self.seekRequested)
        self.slider.actionTriggered.connect(self._on_slider_action)
        self.mute_button.toggled.connect(self._on_mute_toggled)
        self.volume_slider.valueChanged.connect(self._on_volume_moved)

    def _button(self, icon: object, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setIcon(icon)  # type: ignore[arg-type]
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setAutoRaise(True)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space belongs to play/pause, not buttons
        return button

    def set_duration(self, ms: int) -> None:
        """The media's length (0: not known yet), shown at once, before any Play."""
        self._duration = max(0, ms)
        self.slider.setRange(0, self._duration)
        if not self.slider.isSliderDown():  # a place set before the length was known
            self.slider.setValue(self._time)
        self._fit_label()
        self._show_time()

    def set_millis(self, on: bool) -> None:
        """The clock to the millisecond, or not (Preferences > Appearance)."""
        if on != self._millis:
            self._millis = on
            self._shown = None
            self._fit_label()
            self._show_time()

    def _fit_label(self) -> None:
        # Wide enough for the paused form: pausing must not shift the slider and buttons.
        longest = self._clock(self._duration)
        paused = f"{longest}.000" if self._millis else f"{longest}.00"
        room = self.time_label.fontMetrics().horizontalAdvance(f"{paused} / {longest}")
        self.time_label.setMinimumWidth(room + 4)

    def _clock(self, ms: int, millis: bool = False) -> str:
        return format_clock(ms, with_hours=self._duration >= 3_600_000, millis=millis)

    def set_time(self, ms: int) -> None:
        """Cheap enough for every playback tick: playing, the label changes once a second."""
        self._time = max(0, ms)
        if not self.slider.isSliderDown():
            self.slider.setValue(ms)
        self._show_time()

    def _show_time(self) -> None:
        ms, paused = self._time, self._paused
        step = 1 if self._millis else 10 if paused else 1000
        shown = (ms // step, self._duration, paused)
        if shown == self._shown:
            return
        self._shown = shown
        now = self._clock(ms, self._millis)
        if paused and not self._millis:
            now += f".{ms % 1000 // 10:02d}"
        self.time_label.setText(f"{now} / {self._clock(self._duration)}")

    def set_state(self, state: str) -> None:
        playing = state == PlayerState.PLAYING
        self._paused = state == PlayerState.PAUSED
        self._show_time()
        pixmap = (
            QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        )
        self.play_button.setIcon(self.style().standardIcon(pixmap))
        tip = self.tr("Pause (Space)") if playing else self.tr("Play (Space)")
        self.play_button.setToolTip(tip)
        self.play_button.setAccessibleName(tip)

    def set_rate(self, rate: float) -> None:
        """Show the player's speed (on the button, and checked in the menu when it is a step)."""
        self.rate_button.setText(format_rate(rate))
        tip = self.tr("Playback speed: %1").replace("%1", format_rate(rate))
        self.rate_button.setToolTip(tip)
        for step, action in self._rate_actions.items():
            action.setChecked(abs(step - rate) < 1e-6)

    def set_muted(self, muted: bool) -> None:
        if self.mute_button.isChecked() != muted:
            self.mute_button.blockSignals(True)
            self.mute_button.setChecked(muted)
            self.mute_button.blockSignals(False)
        self._show_mute(muted)

    def set_volume(self, volume: int) -> None:
        if self.volume_slider.value() != volume:
            self.volume_slider.blockSignals(True)
            self.volume_slider.setValue(volume)
            self.volume_slider.blockSignals(False)
        self.volume_slider.setToolTip(self.tr("Volume: %1%").replace("%1", str(volume)))

    def _on_mute_toggled(self, muted: bool) -> None:
        self._show_mute(muted)
        self.mutedRequested.emit(muted)

    def _on_volume_moved(self, volume: int) -> None:
        self.volume_slider.setToolTip(self.tr("Volume: %1%").replace("%1", str(volume)))
        self.volumeRequested.emit(volume)

    def _show_mute(self, muted: bool) -> None:
        pixmap = (
            QStyle.StandardPixmap.SP_MediaVolumeMuted
            if muted
            else QStyle.StandardPixmap.SP_MediaVolume
        )
        self.mute_button.setIcon(self.style().standardIcon(pixmap))
        tip = self.tr("Sound on") if muted else self.tr("Mute")
        self.mute_button.setToolTip(tip)
        self.mute_button.setAccessibleName(tip)

    def _on_slider_action(self, action: int) -> None:
        # Clicks on the groove and keyboard steps: seek to where the slider will land.
        if action != QSlider.SliderAction.SliderMove.value:
            self.seekRequested.emit(self.slider.sliderPosition())
