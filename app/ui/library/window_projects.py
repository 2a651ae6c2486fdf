"""What opening, showing and leaving a project does in the window: load its lines, tags and
media (or offer to relink moved media), restore where the user left off and keep that place
saved (ProjectPlace), read a big project's notes after the first paint, and go back to the list
of projects.

ProjectPresenter is built by MainWindow from a ProjectsContext, the pieces a project fills; it
never sees the window. What belongs to the window's frame it says with signals, which
MainWindow connects in ``_connect_signals``: ``projectShowing`` (the page to show),
``titleChanged``, ``message`` (the status bar) and ``annotationsMerged`` (All notes and the
current line's panels read again). It offers the start screen and the relink bar, for the
window to place.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.formats.base import ImportReport
from app.core.transcript import Highlight, Note, Transcript
from app.player.base import Player
from app.store.errors import StoreError
from app.store.library import Library
from app.ui.editing.window_editing import WindowEditing
from app.ui.library.project_media import ProjectMedia
from app.ui.library.project_place import ProjectPlace
from app.ui.library.relink_bar import RelinkBar
from app.ui.library.start_screen import StartScreen
from app.ui.playback.timeline import Timeline
from app.ui.playback.transport import TransportBar
from app.ui.playback.video_pane import VideoPane
from app.ui.review.review_session import ReviewSession
from app.ui.transcript.annotations_job import AnnotationsJob, merge_annotations
from app.ui.transcript.search_bar import SearchBar
from app.ui.transcript.transcript_model import TranscriptModel
from app.ui.transcript.transcript_view import TranscriptView

__all__ = ["LOAD_ANNOTATIONS_LATER_OVER", "ProjectPresenter", "ProjectsContext"]

#: A project with more notes and highlights than this paints its lines first and reads those
#: on a worker thread (a million take seconds; the lines alone a fraction of one).
LOAD_ANNOTATIONS_LATER_OVER = 50_000
#: The spelling learns the transcript's names from this many of its first lines.
LEARN_NAMES_FROM = 20_000


@dataclass(frozen=True)
class ProjectsContext:
    """What showing a project fills, from the window around it."""

    window: QWidget  # the parent of the import report and the "cannot open" box
    library: Library
    player: Player
    model: TranscriptModel
    view: TranscriptView
    undo_stack: QUndoStack  # cleared: commands belong to the project they were made in
    review: ReviewSession  # its store, for the tag list
    editing: WindowEditing  # speaker colours, the names spelling learns, the tags' colours
    search_bar: SearchBar
    video: VideoPane
    timeline: Timeline  # the waveform, and the notes on it
    transport: TransportBar  # the clock, at the place restored


class ProjectPresenter(QObject):
    #: True: a project is being shown, its page comes up (before its lines fill in);
    #: False: the Projects screen comes up (the project's lines are gone)
    projectShowing = Signal(bool)
    titleChanged = Signal(str)
    #: a line for the status bar: (text, ms to show it, 0: kept)
    message = Signal(str, int)
    #: a big project's notes and highlights arrived, merged into the lines (and the timeline)
    annotationsMerged = Signal()

    def __init__(self, ctx: ProjectsContext) -> None:
        super().__init__(ctx.window)
        self.c = c = ctx
        self.project_id: int | None = None
        self._left_project: int | None = None  # what Esc on the Projects screen goes back to
        self._annotations_job: AnnotationsJob | None = None  # a big project's notes, coming
        self.start_screen = StartScreen(c.library)  # its widgets, for the window to place
        self.relink_bar = RelinkBar(c.library)
        self.place = ProjectPlace(
            c.library, c.player, c.model, c.view, c.transport, self._project_id, self
        )
        self.media = ProjectMedia(c.library, c.player, c.video, c.timeline, self._project_id, self)

    def _project_id(self) -> int | None:
        return self.project_id

    def connect_parts(self) -> None:
        """Its own pieces' signals (MainWindow's _connect_signals calls this)."""
        self.place.message.connect(self.message)
        self.c.player.stateChanged.connect(self.place.player_state_changed)
        self.c.player.durationChanged.connect(self.media.duration_known)
        self.start_screen.openProject.connect(self.open_project_id)
        self.start_screen.backRequested.connect(self.back_to_project)
        self.relink_bar.relinked.connect(self.media.relinked)

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
        c = self.c
        self.place.save()
        self._stop_annotations()
        self.project_id = project_id
        self.projectShowing.emit(True)
        # The transcript takes the keys (A, F, Space…): not the search box, which the focus
        # chain would otherwise give it, so the first A typed would filter the list.
        c.view.setFocus()
        opened_problem = c.editing.project_opened(project_id)
        c.undo_stack.clear()  # commands refer to the lines of the project they were made in
        info = c.library.get_project(project_id)
        c.review.project_opened(project_id)  # each reviewer's marks, the done rule
        c.model.set_lines(transcript.lines)
        # The names it uses mid-sentence pass at a sentence's start too; from its first lines
        # (names recur), so a 100k-line project opens as fast (0.1 s per 20k lines).
        learn = transcript.lines[:LEARN_NAMES_FROM]
        c.editing.spell.learn_names(line.text for line in learn)
        # A transcript without speakers gets the room of their empty column for its text.
        speakers = sorted({line.speaker for line in transcript.lines if line.speaker})
        c.view.setColumnHidden(TranscriptModel.SPEAKER, not speakers)
        c.search_bar.clear()
        c.search_bar.set_speakers(speakers)
        problem = opened_problem
        try:  # read here, not through the session: a tag list that cannot be read is no
            tags = c.review.store.list_tags()  # "change not saved", and no modal box
        except StoreError as err:
            tags = []
            tags_problem = self.tr("The tags could not be read: %1").replace("%1", str(err))
            problem = f"{problem} {tags_problem}" if problem else tags_problem
        c.search_bar.set_tags([tag.name for tag in tags])
        c.editing.delegate.set_tags(tags)
        title = transcript.title or info.title or self.tr("Untitled")
        read_only = self.tr(" (read-only)") if c.library.read_only else ""
        self.titleChanged.emit(f"{title}{read_only} \u2014 Proofreel")
        count = len(transcript.lines)
        lines = self.tr("1 line") if count == 1 else self.tr("%1 lines").replace("%1", f"{count:,}")
        # A greeting, not a live count: edits change the number, so it goes after a while.
        self.message.emit(f"{lines} \u00b7 {title}", 8000)
        if problem:  # after the greeting, which would hide it
            self.message.emit(problem, 0)
        media = info.media_path
        if media and self.relink_bar.check(project_id):  # moved or renamed: offer to find it
            c.video.show_message(self.tr("The media file was not found:\n%1").replace("%1", media))
        else:
            self.media.load(media)
        self.place.restore(info.last_position_ms, info.last_line_id)
        if report is not None and not report.clean:
            self._show_report(report)
        if annotations_later:
            self._read_annotations(project_id)

    def read_project(self, project_id: int) -> tuple[Transcript, bool]:
        """The project's transcript to show, and whether its notes and highlights are to be
        read after it is shown (there are too many to wait for). Raises StoreError."""
        library = self.c.library
        library.touch_opened(project_id)
        later = library.count_annotations(project_id) > LOAD_ANNOTATIONS_LATER_OVER
        return library.load_transcript(project_id, annotations=not later), later

    def open_project_id(self, project_id: int) -> None:
        """Open a project of the library (start screen, File > Open Recent)."""
        try:
            transcript, later = self.read_project(project_id)
        except (StoreError, LookupError) as err:
            QMessageBox.warning(self.c.window, self.tr("Cannot open the project"), str(err))
            return
        self.show_project(project_id, transcript, annotations_later=later)

    def show_start_screen(self) -> None:
        """The list of projects, as on a start without files; Esc goes back to the project
        that was open, if any."""
        screen = self.start_screen
        self.place.save()
        self.c.player.stop()
        self._stop_annotations()
        if self.project_id is not None:
            self._left_project = self.project_id
        left = self._left_project
        screen.set_back_to(self._project_title(left) if left is not None else None)
        self.project_id = None
        self.c.model.set_lines([])
        self.titleChanged.emit("Proofreel")
        screen.clear_problem()
        screen.refresh()
        self.projectShowing.emit(False)

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
        self.c.view.setFocus()

    def _project_title(self, project_id: int) -> str | None:
        try:
            return self.c.library.get_project(project_id).title or self.tr("Untitled")
        except (StoreError, LookupError):
            return None  # deleted meanwhile, or unreadable: nothing to go back to

    def _show_report(self, report: ImportReport) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Import report"),
            report.summary(),
            parent=self.c.window,
        )
        box.setDetailedText("\n".join(report.lines()[1:]))
        box.setObjectName("importReport")
        box.open()

    # -- a big project's notes and highlights, after the first paint ------------------------
    @property
    def annotations_loading(self) -> bool:
        return self._annotations_job is not None

    def _read_annotations(self, project_id: int) -> None:
        job = self._annotations_job = AnnotationsJob(self.c.library, project_id, parent=self)
        job.finished.connect(self._apply_annotations)
        job.failed.connect(self._annotations_failed)
        self.message.emit(self.tr("Reading the notes and highlights…"), 0)
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
        rows = merge_annotations(self.c.model.lines(), notes, marks)
        if rows:
            self.c.model.lines_changed(range(rows[0], rows[-1] + 1))
        # The panels that read every line's notes, and the ones showing the current line's.
        self.c.timeline.refresh()
        self.annotationsMerged.emit()
        count = sum(map(len, notes.values())) + sum(map(len, marks.values()))
        self.message.emit(
            self.tr("%1 notes and highlights read.").replace("%1", f"{count:,}"), 4000
        )

    def _annotations_failed(self, reason: str) -> None:
        self._annotations_job = None
        self.message.emit(
            self.tr("The notes and highlights could not be read: %1").replace("%1", reason), 0
        )
