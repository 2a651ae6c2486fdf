"""What the main window does to open, show and leave a project: load its lines and media (or
offer to relink moved media), restore where the user left off, keep that place saved, and go
back to the list of projects.

A mixin of MainWindow, kept apart so the window module holds its layout and wiring only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.formats.base import ImportReport
from app.core.transcript import Highlight, Note, Transcript
from app.store.errors import StoreError
from app.ui.playback.waveform_job import WaveformJob
from app.ui.transcript.annotations_job import AnnotationsJob, merge_annotations
from app.ui.transcript.transcript_model import TranscriptModel

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QDockWidget, QMainWindow, QStackedWidget

    from app.player.base import Player
    from app.store.library import Library
    from app.ui.editing.window_editing import WindowEditing
    from app.ui.library.relink_bar import RelinkBar
    from app.ui.library.start_screen import StartScreen
    from app.ui.playback.timeline import Timeline
    from app.ui.playback.transport import TransportBar
    from app.ui.playback.video_pane import VideoPane
    from app.ui.review.all_notes import AllNotesView
    from app.ui.review.line_panel import LinePanel
    from app.ui.review.notes_panel import NotesPanel
    from app.ui.review.progress import ReviewProgress
    from app.ui.review.review_session import ReviewSession
    from app.ui.transcript.search_bar import SearchBar
    from app.ui.transcript.text_delegate import HighlightDelegate
    from app.ui.transcript.transcript_view import TranscriptView
    from app.ui.window.window_layout import LayoutSaver
    from app.ui.window.window_menus import WindowMenus

    _Base = QMainWindow
else:
    _Base = object

__all__ = ["LOAD_ANNOTATIONS_LATER_OVER", "SAVE_POSITION_EVERY_MS", "ProjectsMixin"]

#: While playing, the position is saved this often (and always on pause, seek and close).
SAVE_POSITION_EVERY_MS = 10_000
#: A project with more notes and highlights than this paints its lines first and reads those
#: on a worker thread (a million take seconds; the lines alone a fraction of one).
LOAD_ANNOTATIONS_LATER_OVER = 50_000
#: The spelling learns the transcript's names from this many of its first lines.
LEARN_NAMES_FROM = 20_000


class ProjectsMixin(_Base):
    """Mixed into the main window (a QMainWindow), whose pieces it names here; it never names
    the window's class."""

    # the window's pieces it works on
    library: Library
    player: Player
    model: TranscriptModel
    view: TranscriptView
    delegate: HighlightDelegate
    undo_stack: QUndoStack
    session: ReviewSession
    editing: WindowEditing
    menus: WindowMenus
    video: VideoPane
    timeline: Timeline
    transport: TransportBar
    search_bar: SearchBar
    notes_panel: NotesPanel
    line_panel: LinePanel
    all_notes: AllNotesView
    progress: ReviewProgress
    start_screen: StartScreen
    relink_bar: RelinkBar
    pages: QStackedWidget
    project_page: QWidget
    layout_saver: LayoutSaver
    # its own state (set up by the window's constructor)
    project_id: int | None
    _left_project: int | None
    _annotations_job: AnnotationsJob | None
    _wave_job: WaveformJob | None
    _last_saved_ms: int
    _docks_shown: list[bool]

    if TYPE_CHECKING:

        def docks(self) -> tuple[QDockWidget, ...]: ...

    def show_project(
        self,
        project_id: int,
        transcript: Transcript,
        report: ImportReport | None = None,
        *,
        annotations_later: bool = False,
    ) -> None:
        """Show a project already read (fresh import, or loaded from the library);
        ``annotations_later``: its lines came without notes and highlights, read them now."""
        self.save_position()
        self._stop_annotations()
        self.project_id = project_id
        self._set_page(self.project_page)
        self.menus.export.setEnabled(True)  # the window may have started with no project
        # The transcript takes the keys (A, F, Space…): not the search box, which the focus
        # chain would otherwise give it, so the first A typed would filter the list.
        self.view.setFocus()
        self.editing.project_opened(project_id)
        self.undo_stack.clear()  # commands refer to the lines of the project they were made in
        info = self.library.get_project(project_id)
        self.model.set_lines(transcript.lines)
        # The names it uses mid-sentence pass at a sentence's start too; from its first lines
        # (names recur), so a 100k-line project opens as fast (0.1 s per 20k lines).
        learn = transcript.lines[:LEARN_NAMES_FROM]
        self.editing.spell.learn_names(line.text for line in learn)
        # A transcript without speakers gets the room of their empty column for its text.
        speakers = sorted({line.speaker for line in transcript.lines if line.speaker})
        self.view.setColumnHidden(TranscriptModel.SPEAKER, not speakers)
        self.search_bar.clear()
        self.search_bar.set_speakers(speakers)
        problem = ""
        try:  # read here, not through the session: a tag list that cannot be read is no
            tags = self.session.store.list_tags()  # "change not saved", and no modal box
        except StoreError as err:
            tags = []
            problem = self.tr("The tags could not be read: %1").replace("%1", str(err))
        self.search_bar.set_tags([tag.name for tag in tags])
        self.delegate.set_tags(tags)
        title = transcript.title or info.title or self.tr("Untitled")
        read_only = self.tr(" (read-only)") if self.library.read_only else ""
        self.setWindowTitle(f"{title}{read_only} \u2014 Proofreel")
        count = len(transcript.lines)
        lines = self.tr("1 line") if count == 1 else self.tr("%1 lines").replace("%1", f"{count:,}")
        # A greeting, not a live count: edits change the number, so it goes after a while.
        self.statusBar().showMessage(f"{lines} \u00b7 {title}", 8000)
        if problem:  # after the greeting, which would hide it
            self.statusBar().showMessage(problem)
        media = info.media_path
        if media and self.relink_bar.check(project_id):  # moved or renamed: offer to find it
            self.video.show_message(
                self.tr("The media file was not found:\n%1").replace("%1", media)
            )
            media = None
        else:
            self._load_media(media)
        self._restore_place(info.last_position_ms, info.last_line_id)
        if report is not None and not report.clean:
            self._show_report(report)
        if annotations_later:
            self._read_annotations(project_id)

    # -- a big project's notes and highlights, after the first paint ------------------------
    def read_project(self, project_id: int) -> tuple[Transcript, bool]:
        """The project's transcript to show, and whether its notes and highlights are to be
        read after it is shown (there are too many to wait for). Raises StoreError."""
        self.library.touch_opened(project_id)
        later = self.library.count_annotations(project_id) > LOAD_ANNOTATIONS_LATER_OVER
        return self.library.load_transcript(project_id, annotations=not later), later

    @property
    def annotations_loading(self) -> bool:
        return self._annotations_job is not None

    def _read_annotations(self, project_id: int) -> None:
        job = self._annotations_job = AnnotationsJob(self.library, project_id, parent=self)
        job.finished.connect(self._apply_annotations)
        job.failed.connect(self._annotations_failed)
        self.statusBar().showMessage(self.tr("Reading the notes and highlights…"))
        job.start()

    def _stop_annotations(self) -> None:
        if self._annotations_job is not None:
            self._annotations_job.cancel()
            self._annotations_job = None

    def _apply_annotations(
        self, project_id: int, notes: dict[int, list[Note]], marks: dict[int, list[Highlight]]
    ) -> None:
        if self._annotations_job is None or project_id != self.project_id:
            return  # another project is open now
        self._annotations_job = None
        rows = merge_annotations(self.model.lines(), notes, marks)
        if rows:
            self.model.lines_changed(range(rows[0], rows[-1] + 1))
        # The panels that read every line's notes, and the one showing the current line's.
        self.timeline.refresh()
        self.all_notes.model.mark_dirty()
        row = self.view.current_source_row()
        line_id = self.model.line(row).id if row is not None else None
        self.notes_panel.show_line(line_id)
        self.line_panel.show_line(line_id)
        count = sum(map(len, notes.values())) + sum(map(len, marks.values()))
        self.statusBar().showMessage(
            self.tr("%1 notes and highlights read.").replace("%1", f"{count:,}"), 4000
        )

    def _annotations_failed(self, reason: str) -> None:
        self._annotations_job = None
        self.statusBar().showMessage(
            self.tr("The notes and highlights could not be read: %1").replace("%1", reason)
        )

    def _load_media(self, media: str | None) -> None:
        self._read_waveform(media)
        if media and self.player.available:
            self.video.show_video()
            self.player.load(media)
        elif not media:
            self.video.show_message(self.tr("This transcript has no media file."))

    def _on_relinked(self, path: str) -> None:
        self._load_media(path)
        if self.project_id is not None:
            self.player.seek(self.library.get_project(self.project_id).last_position_ms)

    def open_project_id(self, project_id: int) -> None:
        """Open a project of the library (start screen, File > Open Recent)."""
        try:
            transcript, later = self.read_project(project_id)
        except (StoreError, LookupError) as err:
            QMessageBox.warning(self, self.tr("Cannot open the project"), str(err))
            return
        self.show_project(project_id, transcript, annotations_later=later)

    def show_start_screen(self) -> None:
        """The list of projects, as on a start without files; Esc goes back to the project
        that was open, if any."""
        self.save_position()
        self.player.stop()
        self._stop_annotations()
        if self.project_id is not None:
            self._left_project = self.project_id
        left = self._left_project
        self.start_screen.set_back_to(self._project_title(left) if left is not None else None)
        self.project_id = None
        self.model.set_lines([])
        self.setWindowTitle("Proofreel")
        self.start_screen.clear_problem()
        self.start_screen.refresh()
        self._set_page(self.start_screen)

    def _project_title(self, project_id: int) -> str | None:
        try:
            return self.library.get_project(project_id).title or self.tr("Untitled")
        except (StoreError, LookupError):
            return None  # deleted meanwhile, or unreadable: nothing to go back to

    def back_to_project(self) -> None:
        """Esc on the Projects screen: the project that was open, where it was left."""
        left = self._left_project
        if left is None or self.project_id is not None:
            return
        if self._project_title(left) is None:
            self._left_project = None
            self.start_screen.set_back_to(None)
            return
        self.open_project_id(left)
        self.view.setFocus()

    def _set_page(self, page: QWidget) -> None:
        """Show the start screen or the project; the panels and the review count belong to a
        project, so they step aside (and come back as they were) on the start screen."""
        if page is self.pages.currentWidget():
            return
        docks = self.docks()
        if page is self.start_screen:
            self.layout_saver.save_now()  # the user's panels, before they step aside
            self._docks_shown = [dock.isVisible() for dock in docks]
            for dock in docks:
                dock.hide()
        else:
            for dock, shown in zip(docks, self._docks_shown, strict=True):
                dock.setVisible(shown)
        self.progress.setVisible(page is not self.start_screen)
        # Nothing to export on the list of projects: not offered there (menu and Ctrl+Shift+E).
        self.menus.export.setEnabled(page is not self.start_screen)
        self.pages.setCurrentWidget(page)

    def _read_waveform(self, media: str | None) -> None:
        """The timeline's waveform, read off the GUI thread (instant when cached)."""
        if self._wave_job is not None:
            self._wave_job.cancel()
            self._wave_job = None
        self.timeline.set_peaks(None)
        if not media:
            self.timeline.set_waveform_message("")
            return
        self.timeline.set_waveform_progress(0)
        job = self._wave_job = WaveformJob(media, parent=self)
        job.progressed.connect(self.timeline.set_waveform_progress)
        job.finished.connect(self.timeline.set_peaks)
        job.failed.connect(self.timeline.set_waveform_message)
        job.start()

    def _restore_place(self, position_ms: int, line_id: int | None) -> None:
        row = self.model.row_of_id(line_id) if line_id is not None else None
        if row is None and self.model.rowCount():
            row = self.model.last_started_row(position_ms) or 0
        if row is not None:
            self.view.go_to_row(row)
            self.view.show_row(row, center=True)
        if position_ms > 0:
            self.player.seek(position_ms)
        self.transport.set_time(position_ms)

    def _show_report(self, report: ImportReport) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information, self.tr("Import report"), report.summary(), parent=self
        )
        box.setDetailedText("\n".join(report.lines()[1:]))
        box.setObjectName("importReport")
        box.open()

    def save_position(self) -> None:
        if self.project_id is None or self.library.read_only:
            return
        ms = self.player.time()
        row = self.view.current_source_row()
        line_id = self.model.line(row).id if row is not None else None
        self._last_saved_ms = ms  # also on failure: no retry, and no message, on every tick
        try:
            self.library.set_position(self.project_id, ms, line_id)
        except StoreError as err:
            # Only the place in the video is lost; say so where it does not interrupt.
            self.statusBar().showMessage(
                self.tr("The position was not saved: %1").replace("%1", str(err))
            )

    def _maybe_save_position(self, ms: int) -> None:
        if abs(ms - self._last_saved_ms) >= SAVE_POSITION_EVERY_MS:
            self.save_position()
