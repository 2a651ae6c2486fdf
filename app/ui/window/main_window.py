"""The main window: the video and its transport on one side, the transcript on the other.

The window owns no data: the library stores the project, the player plays the media, and the
follow controller ties the clock to the transcript. All cross-component wiring is in
``_connect_signals``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMessageBox, QPushButton, QWidget

from app.player.base import Player
from app.store.library import Library
from app.ui.editing.drag_retime import DragRetime
from app.ui.editing.window_editing import EditingContext, WindowEditing
from app.ui.export.export_job import open_export
from app.ui.library.project_pages import ProjectPages
from app.ui.library.window_projects import ProjectPresenter, ProjectsContext
from app.ui.listening.listen_context import ListeningContext
from app.ui.listening.window_listening import WindowListening
from app.ui.playback.playback import PlaybackController
from app.ui.playback.timeline import Timeline
from app.ui.playback.transport import TransportBar
from app.ui.playback.video_pane import VideoPane
from app.ui.playback.video_window import VideoDetacher
from app.ui.preferences.appearance import apply_transcript_font
from app.ui.quotes.quote_copier import text_span
from app.ui.quotes.quoting import Quoting
from app.ui.review.all_notes import AllNotesView
from app.ui.review.line_panel import LinePanel
from app.ui.review.notes_panel import NotesPanel
from app.ui.review.progress import ReviewProgress
from app.ui.review.review_session import ReviewSession
from app.ui.review.word_follow import follow_words
from app.ui.team.live_refresh import LiveContext, LiveRefresh
from app.ui.transcript.follow import FollowController
from app.ui.transcript.line_jumps import LineJumps
from app.ui.transcript.search_bar import SearchBar
from app.ui.transcript.transcript_model import TranscriptModel
from app.ui.transcript.transcript_view import TranscriptView
from app.ui.transcript.transcript_views import TranscriptViews
from app.ui.window.keymap import install_keymap
from app.ui.window.panels import Panels
from app.ui.window.window_layout import (
    LayoutSaver,
    TimelinePlace,
    add_panels,
    default_size,
    fit_timeline,
    project_page,
)
from app.ui.window.window_menus import SKIP_MS, WindowMenus

__all__ = ["MainWindow"]


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
        screen = self.screen()
        self.resize(default_size(screen.availableSize() if screen is not None else None))
        self.library = library
        self.player = player
        self._shut_down = False

        self.video = VideoPane()
        self.transport = TransportBar(SKIP_MS)
        self.model = TranscriptModel(self)
        self.timeline = Timeline()
        self._timeline_height = self.timeline.maximumHeight()
        self.timeline.set_model(self.model)
        self.view = TranscriptView()
        self.view.setModel(self.model)
        self.proxy = self.view.proxy
        self.search_bar = SearchBar()
        self.back_button = QPushButton(self.tr("Back to current line"))
        self.back_button.setObjectName("backToCurrent")
        self.back_button.setToolTip(self.tr("Follow playback again (Ctrl+J)"))
        self.back_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.back_button.hide()
        self.follow = FollowController(player, self.model, self.view, self)
        self.views = TranscriptViews(self, self.model, self.view, self.follow)  # table or reading
        self.playback = PlaybackController(player, self.model, self.view.selected_rows, self)
        self.playback.apply_settings()
        self.undo_stack = QUndoStack(self)
        self.session = ReviewSession(library, self.model, self.undo_stack, self)
        self.progress = ReviewProgress()
        self.statusBar().addPermanentWidget(self.progress)
        self.notes_panel = NotesPanel(self.session)
        self.line_panel = LinePanel(self.session)
        self.word_marks = follow_words(self.line_panel, self.model, self.follow.ticked, player.seek)
        self.all_notes = AllNotesView(self.session)
        self.editing = WindowEditing(
            EditingContext(
                self,
                library,
                self.model,
                self.view,
                player,
                self.undo_stack,
                self.session,
                self.line_panel,
                lambda: self.project_id,
                self.statusBar().showMessage,
            )
        )
        self.quoting = Quoting(
            self,
            library,
            self.model,
            self.view.selected_rows,
            text_span(self.line_panel.text, lambda: self.line_panel.line_id, self.model),
            lambda: self.project_id,
        )
        self.delegate = self.editing.delegate  # draws highlights, edits text in place
        self.changed_label = self.editing.changed_label
        self.statusBar().addPermanentWidget(self.changed_label)

        self.projects = ProjectPresenter(
            ProjectsContext(
                self,
                library,
                player,
                self.model,
                self.view,
                self.undo_stack,
                self.session,
                self.editing,
                self.search_bar,
                self.video,
                self.timeline,
                self.transport,
            )
        )
        self.start_screen = self.projects.start_screen
        self.relink_bar = self.projects.relink_bar
        # the project shown, for the menus, the start-up and the tests
        self.show_project = self.projects.show_project
        self.read_project = self.projects.read_project
        self.open_project_id = self.projects.open_project_id
        self.show_start_screen = self.projects.show_start_screen
        self.save_position = self.projects.place.save
        self.retime = DragRetime(self.model, self.editing.session, self)
        self.listening = WindowListening(ListeningContext.of(self.editing, self.open_project_id))
        self.live = LiveRefresh(LiveContext.of(self.editing), self)  # others' changes, shown
        self.quoting.copier.opinions = self.listening.marks.opinions  # "heard otherwise" warns
        self.jumps = LineJumps(player, self.model, self.view, self.follow, self.save_position, self)
        self.seek_to_row = self.jumps.seek_to_row
        self.jump_to_row = self.jumps.jump_to_row
        self._build_layout()
        self.video_detacher = VideoDetacher(self, self.video, self.player)
        self.menus = WindowMenus(self, self, open_files)
        self.layout_saver = LayoutSaver(self, self.splitter, self.panels, self.pages.on_project)
        self._connect_signals()
        self._attach_video()
        self.keymap = install_keymap(self)  # last: once every action exists
        apply_transcript_font(self.view)
        words = self.editing.spell.words
        if words is not None and words.problem is not None:  # the window works without it
            self.statusBar().showMessage(
                self.tr("The personal word list could not be read: %1").replace("%1", words.problem)
            )

    # -- construction ----------------------------------------------------------------------
    def _build_layout(self) -> None:
        self.splitter, self.project_page = project_page(
            (self.video, self.timeline, self.transport),
            (self.search_bar, self.views.stack, self.back_button),
            self.relink_bar,
        )
        self.panels = Panels(self)
        self.timeline_place = TimelinePlace(self, self.timeline, self.splitter)
        self.pages = ProjectPages(self.start_screen, self.project_page, self.progress, self.panels)
        self.setCentralWidget(self.pages)
        add_panels(
            self.panels,
            self.notes_panel,
            self.line_panel,
            self.all_notes,
            self.editing,
            self.quoting.panel,
        )

    def _connect_signals(self) -> None:
        self.view.lineActivated.connect(self.seek_to_row)
        self.back_button.clicked.connect(self.follow.back_to_current)
        self.follow.backOffered.connect(self.back_button.setVisible)
        self.follow.ticked.connect(self.transport.set_time)
        self.follow.ticked.connect(self.timeline.set_position)
        self.timeline.seekRequested.connect(self.player.seek)
        self.timeline.edges.moved.connect(self.retime.preview)
        self.timeline.edges.dropped.connect(self.retime.drop)
        self.timeline.edges.enabled = True
        self.player.durationChanged.connect(self.timeline.set_duration)
        self.follow.ticked.connect(self.projects.place.save_now_and_then)
        self.transport.playPauseClicked.connect(self.playback.toggle)
        self.transport.skipRequested.connect(self.playback.skip)
        self.transport.rateRequested.connect(self.playback.set_rate)
        self.transport.mutedRequested.connect(self.player.set_muted)
        self.transport.volumeRequested.connect(self.player.set_volume)
        self.player.rateChanged.connect(self.transport.set_rate)
        self.player.mutedChanged.connect(self.transport.set_muted)
        self.player.volumeChanged.connect(self.transport.set_volume)
        self.player.hasVideoChanged.connect(self._on_has_video)
        self.player.warningOccurred.connect(self._show_message)
        self.playback.message.connect(self._show_message)
        # One cursor: a line jump (Ctrl+Up/Down, replay) selects the line the review keys act on.
        self.playback.lineJumped.connect(self.view.go_to_row)
        self.playback.lineJumped.connect(lambda _row: self.follow.set_following(True))
        self.transport.seekRequested.connect(self.player.seek)
        self.player.stateChanged.connect(self.transport.set_state)
        self.player.durationChanged.connect(self.transport.set_duration)
        self.projects.connect_parts()  # after the transport: the place saved on pause, the duration
        self.projects.projectShowing.connect(self.pages.show_page)
        self.projects.projectShowing.connect(self.menus.export.setEnabled)  # not on Projects
        self.pages.panelsLeaving.connect(self.layout_saver.save_now)
        self.projects.titleChanged.connect(self.setWindowTitle)
        self.projects.message.connect(self.statusBar().showMessage)
        self.projects.projectShowing.connect(self.live.project_showing)
        self.live.message.connect(self.statusBar().showMessage)
        self.delegate.editingFinished.connect(self.live.editing_finished)  # a reload waited
        self.projects.annotationsMerged.connect(self.all_notes.model.mark_dirty)
        self.projects.annotationsMerged.connect(self._on_current_row)
        self.player.errorOccurred.connect(self._on_player_error)
        self.session.progressChanged.connect(self.progress.set_progress)
        self.session.failed.connect(self._on_store_failed)
        self.menus.review.message.connect(self._show_message)
        # After the window's own seek_to_row (connected first): play from the line clicked.
        self.view.lineActivated.connect(self.playback.line_activated)
        self.editing.session.failed.connect(self._on_store_failed)
        self.editing.connect()
        self.delegate.editingStarted.connect(self.views.lend_table)  # F2 edits in the table
        self.delegate.editingFinished.connect(self.views.take_back)
        self.editing.checks.issueActivated.connect(self.jump_to_row)
        self.editing.changes.lineActivated.connect(self.jump_to_row)
        self.quoting.panel.lineActivated.connect(self.jump_to_row)
        self.quoting.message.connect(self.statusBar().showMessage)
        for signal in (self.model.rowsInserted, self.model.rowsRemoved):
            signal.connect(self._after_structure)
        self.search_bar.filterChanged.connect(self.jumps.apply_filter)
        self.search_bar.hitRequested.connect(self.jumps.go_to_hit)
        self.search_bar.listRequested.connect(self.view.enter_from_search)
        self.proxy.countChanged.connect(self.search_bar.set_count)
        self.notes_panel.statusMessage.connect(self._show_message)
        self.notes_panel.showRequested.connect(lambda: self.panels.reveal("notesDock"))
        self.line_panel.actionsChanged.connect(self.menus.fill_highlight_menu)
        self.all_notes.noteActivated.connect(self.jumps.go_to_line_id)
        self.start_screen.openFilesRequested.connect(self.menus.open.trigger)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_row)

    def _after_structure(self, *_args: object) -> None:
        # Listeners that follow resets and dataChanged but not inserted/removed rows.
        self.timeline.refresh()
        self.session.recount()
        self.follow.tick()
        self.all_notes.model.mark_dirty()

    def _attach_video(self) -> None:
        if not self.player.available:
            self.video.show_message(self.player.unavailable_reason)
            return
        self.player.set_video_window(self.video.win_id())
        self.player.posterChanged.connect(self.video.show_poster)

    # -- the window's own ------------------------------------------------------------------
    def _show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 4000)

    def _on_current_row(self, *_args: object) -> None:
        """The current line's notes and panel (also once a big project's notes came)."""
        row = self.view.current_source_row()
        line_id = None if row is None else self.model.line(row).id
        self.notes_panel.show_line(line_id)
        self.line_panel.show_line(line_id)

    def export_transcript(self) -> None:
        if self.project_id is None:
            self._show_message(self.tr("Open a transcript to export it"))
            return
        if self.annotations_loading:  # an export now would leave the notes out
            self._show_message(self.tr("The notes are still being read: export in a moment"))
            return
        open_export(self, self.library, self.project_id, self.model.lines(), self._show_message)

    def tags_changed(self) -> None:
        tags = self.session.tags()
        self.line_panel.refresh_tags()
        self.delegate.set_tags(tags)
        self.search_bar.set_tags([tag.name for tag in tags])
        self.view.viewport().update()

    def add_note(self) -> None:
        if not self.view.currentIndex().isValid():
            self._show_message(self.tr("Select a line to add a note to"))
            return
        self.panels.reveal("notesDock")
        self.notes_panel.start_new_note()

    def _on_has_video(self, has_video: bool) -> None:
        fit_timeline(self.video, self.timeline, self._timeline_height, has_video)

    def _on_store_failed(self, reason: str) -> None:
        text = self.tr("The change was not saved:\n%1").replace("%1", reason)
        QMessageBox.warning(self, self.tr("Not saved"), text)

    def _on_player_error(self, reason: str) -> None:
        self.video.show_message(reason)
        self.statusBar().showMessage(reason)

    def shutdown(self) -> None:
        """Keep the place and let go of the player; safe to call more than once (close, quit)."""
        if self._shut_down:
            return
        self._shut_down = True
        self.save_position()
        self.layout_saver.save_now()
        self.listening.shutdown()  # its thread ends before the window does
        self.live.follow(None)  # the server's LISTEN connection closed
        self.projects.media.shutdown()
        # VLC draws into our native window: it must stop before that window is destroyed.
        self.player.release()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    def restore_layout(self) -> None:
        self.layout_saver.restore()

    # -- the project shown (ProjectPresenter) --------------------------------------------------
    @property
    def project_id(self) -> int | None:
        return self.projects.project_id

    @property
    def annotations_loading(self) -> bool:
        return self.projects.annotations_loading
