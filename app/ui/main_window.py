"""The main window: the video and its transport on one side, the transcript on the other.

The window owns no data: the library stores the project, the player plays the media, and the
follow controller ties the clock to the transcript. All cross-component wiring is in
``_connect_signals``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.core.formats.base import ImportReport
from app.core.transcript import Transcript
from app.player.base import Player, PlayerState
from app.store.library import Library
from app.ui.follow import FollowController
from app.ui.transcript_model import TranscriptModel
from app.ui.transcript_view import TranscriptView
from app.ui.transport import TransportBar
from app.ui.video_pane import VideoPane

__all__ = ["MainWindow"]

SKIP_MS = 5000
#: While playing, the position is saved this often (and always on pause, seek and close).
SAVE_POSITION_EVERY_MS = 10_000


class MainWindow(QMainWindow):
    def __init__(
        self,
        library: Library,
        player: Player,
        open_files: Callable[[QWidget], None] | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("Proofreel")
        self.resize(1280, 760)
        self.library = library
        self.player = player
        self.project_id: int | None = None
        self._open_files = open_files
        self._last_saved_ms = -SAVE_POSITION_EVERY_MS
        self._shut_down = False

        self.video = VideoPane()
        self.transport = TransportBar(SKIP_MS)
        self.model = TranscriptModel(self)
        self.view = TranscriptView()
        self.view.setModel(self.model)
        self.back_button = QPushButton(self.tr("Back to current line"))
        self.back_button.setObjectName("backToCurrent")
        self.back_button.setToolTip(self.tr("Follow playback again (Ctrl+J)"))
        self.back_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.back_button.hide()
        self.follow = FollowController(player, self.model, self.view, self)

        self._build_layout()
        self._build_actions()
        self._connect_signals()
        self._attach_video()

    # -- construction ----------------------------------------------------------------------
    def _build_layout(self) -> None:
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.video, 1)
        left_layout.addWidget(self.transport)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.view, 1)
        right_layout.addWidget(self.back_button)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([620, 660])
        self.setCentralWidget(self.splitter)

    def _action(self, text: str, shortcut: QKeySequence | str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        # Window-wide: works wherever the focus is; text fields still get their own Space.
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        self.open_action = self._action(self.tr("&Open Media and Transcript…"), QKeySequence.StandardKey.Open, self._on_open)
        self.quit_action = self._action(self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        self.play_action = self._action(self.tr("&Play/Pause"), "Space", self.player.toggle)
        self.back_action = self._action(self.tr("&Back 5 s"), "Alt+Left", lambda: self.skip(-SKIP_MS))
        self.forward_action = self._action(self.tr("&Forward 5 s"), "Alt+Right", lambda: self.skip(SKIP_MS))
        self.current_action = self._action(self.tr("Back to &Current Line"), "Ctrl+J", self.follow.back_to_current)

        menu = self.menuBar()
        file_menu = menu.addMenu(self.tr("&File"))
        file_menu.addAction(self.open_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        play_menu = menu.addMenu(self.tr("&Playback"))
        for action in (self.play_action, self.back_action, self.forward_action):
            play_menu.addAction(action)
        play_menu.addSeparator()
        play_menu.addAction(self.current_action)
        help_menu = menu.addMenu(self.tr("&Help"))
        help_menu.addAction(self.tr("&About Proofreel"), self._about)

    def _connect_signals(self) -> None:
        self.view.lineActivated.connect(self.seek_to_row)
        self.back_button.clicked.connect(self.follow.back_to_current)
        self.follow.followingChanged.connect(lambda on: self.back_button.setVisible(not on))
        self.follow.ticked.connect(self.transport.set_time)
        self.follow.ticked.connect(self._maybe_save_position)
        self.transport.playPauseClicked.connect(self.player.toggle)
        self.transport.skipRequested.connect(self.skip)
        self.transport.seekRequested.connect(self.player.seek)
        self.player.stateChanged.connect(self.transport.set_state)
        self.player.stateChanged.connect(self._on_player_state)
        self.player.durationChanged.connect(self.transport.set_duration)
        self.player.durationChanged.connect(self._on_duration)
        self.player.errorOccurred.connect(self._on_player_error)

    def _attach_video(self) -> None:
        if not self.player.available:
            self.video.show_message(self.player.unavailable_reason)
            return
        self.player.set_video_window(self.video.win_id())

    # -- projects ---------------------------------------------------------------------------
    def show_project(
        self, project_id: int, transcript: Transcript, report: ImportReport | None = None
    ) -> None:
        """Show a project already read (fresh import, or loaded from the library)."""
        self.save_position()
        self.project_id = project_id
        info = self.library.get_project(project_id)
        self.model.set_lines(transcript.lines)
        # A transcript without speakers gets the room of their empty column for its text.
        has_speakers = any(line.speaker for line in transcript.lines)
        self.view.setColumnHidden(TranscriptModel.SPEAKER, not has_speakers)
        title = transcript.title or info.title or self.tr("Untitled")
        self.setWindowTitle(f"{title} \u2014 Proofreel")
        self.statusBar().showMessage(
            self.tr("%n line(s)", "", len(transcript.lines)) + f" \u00b7 {title}"
        )
        media = info.media_path
        if media and self.player.available:
            self.video.show_video()
            self.player.load(media)
        elif not media:
            self.video.show_message(self.tr("This transcript has no media file."))
        self._restore_place(info.last_position_ms, info.last_line_id)
        if report is not None and not report.clean:
            self._show_report(report)

    def _restore_place(self, position_ms: int, line_id: int | None) -> None:
        row = self.model.row_of_id(line_id) if line_id is not None else None
        if row is None and self.model.rowCount():
            row = self.model.last_started_row(position_ms) or 0
        if row is not None:
            self.view.selectRow(row)
            self.view.show_row(row, center=True)
        if position_ms > 0:
            self.player.seek(position_ms)
        self.transport.set_time(position_ms)

    def _show_report(self, report: ImportReport) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Import report"), report.summary(), parent=self)
        box.setDetailedText("\n".join(report.lines()[1:]))
        box.setObjectName("importReport")
        box.open()

    # -- playback ---------------------------------------------------------------------------
    def seek_to_row(self, row: int) -> None:
        self.player.seek(self.model.line(row).start_ms)
        self.follow.set_following(True)
        self.save_position()

    def skip(self, delta_ms: int) -> None:
        target = max(0, self.player.time() + delta_ms)
        duration = self.player.duration()
        if duration > 0:
            target = min(target, duration)
        self.player.seek(target)

    def save_position(self) -> None:
        if self.project_id is None:
            return
        ms = self.player.time()
        index = self.view.currentIndex()
        line_id = self.model.line(index.row()).id if index.isValid() else None
        self.library.set_position(self.project_id, ms, line_id)
        self._last_saved_ms = ms

    def _maybe_save_position(self, ms: int) -> None:
        if abs(ms - self._last_saved_ms) >= SAVE_POSITION_EVERY_MS:
            self.save_position()

    def _on_player_state(self, state: str) -> None:
        if state in (PlayerState.PAUSED, PlayerState.ENDED, PlayerState.STOPPED):
            self.save_position()

    def _on_duration(self, ms: int) -> None:
        if self.project_id is not None and ms > 0:
            self.library.set_media_duration(self.project_id, ms)

    def _on_player_error(self, reason: str) -> None:
        self.video.show_message(reason)
        self.statusBar().showMessage(reason)

    # -- menus ------------------------------------------------------------------------------
    def _on_open(self) -> None:
        if self._open_files is not None:
            self._open_files(self)

    def _about(self) -> None:
        from app import __version__

        QMessageBox.about(
            self,
            self.tr("About Proofreel"),
            self.tr("Proofreel %1\nCheck a transcript against its video.").replace("%1", __version__),
        )

    def shutdown(self) -> None:
        """Keep the place and let go of the player; safe to call more than once (close, quit)."""
        if self._shut_down:
            return
        self._shut_down = True
        self.save_position()
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/splitter", self.splitter.saveState())
        # VLC draws into our native window: it must stop before that window is destroyed.
        self.player.release()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    def restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        splitter = settings.value("window/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)
