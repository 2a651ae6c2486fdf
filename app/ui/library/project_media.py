"""A project's media: loaded into the player and its video pane (or a message where there is
none), its waveform read off the GUI thread for the timeline, reloaded once relinked, and its
duration kept in the library as the player reports it.

Part of ProjectPresenter (window_projects), which builds it and says whose project is open.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QObject, QThreadPool

from app.player.base import Player
from app.store.errors import StoreError
from app.store.library import Library
from app.ui.playback.timeline import Timeline
from app.ui.playback.video_pane import VideoPane
from app.ui.playback.waveform_job import WaveformJob

__all__ = ["ProjectMedia"]


class ProjectMedia(QObject):
    def __init__(
        self,
        library: Library,
        player: Player,
        video: VideoPane,
        timeline: Timeline,
        project_id: Callable[[], int | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._player = player
        self._video = video
        self._timeline = timeline
        self._project_id = project_id
        self._wave_job: WaveformJob | None = None

    def load(self, media: str | None) -> None:
        self._read_waveform(media)
        if media and self._player.available:
            self._video.show_video()
            self._player.load(media)
        elif not media:
            self._video.show_message(self.tr("This transcript has no media file."))

    def relinked(self, path: str) -> None:
        """The moved media was found (the relink bar): play it from where the user left off."""
        self.load(path)
        project_id = self._project_id()
        if project_id is not None:
            self._player.seek(self._library.get_project(project_id).last_position_ms)

    def duration_known(self, ms: int) -> None:
        project_id = self._project_id()
        if project_id is not None and ms > 0 and not self._library.read_only:
            with contextlib.suppress(StoreError):  # a cache of what the player says anyway
                self._library.set_media_duration(project_id, ms)

    def shutdown(self) -> None:
        """The window closes: a waveform still being read stops (waited for, briefly)."""
        if self._wave_job is not None:
            self._wave_job.cancel()
            QThreadPool.globalInstance().waitForDone(2000)

    def _read_waveform(self, media: str | None) -> None:
        """The timeline's waveform, read off the GUI thread (instant when cached)."""
        if self._wave_job is not None:
            self._wave_job.cancel()
            self._wave_job = None
        timeline = self._timeline
        timeline.set_peaks(None)
        if not media:
            timeline.set_waveform_message("")
            return
        timeline.set_waveform_progress(0)
        job = self._wave_job = WaveformJob(media, parent=self)
        job.progressed.connect(timeline.set_waveform_progress)
        job.finished.connect(timeline.set_peaks)
        job.failed.connect(timeline.set_waveform_message)
        job.start()
