"""The editor's side of the main window: the editing session, inline editing, timing and
structure commands with their keys, the Checks dock, and spelling.

Built by MainWindow after its review pieces exist, from an EditingContext (the few things it
needs, never the window); the commands act on the current line (or the selected lines) and take
the playhead from the player. MainWindow connects its signals to the rest of the window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QLabel, QWidget

from app.core.subtitle_rules import SubtitleProfile
from app.player.base import Player
from app.store.errors import StoreError
from app.store.library import Library
from app.store.presence import Presence
from app.ui.editing.changes_view import ChangesView
from app.ui.editing.checks_panel import ChecksPanel
from app.ui.editing.conflict_dialog import ask_in_dialog
from app.ui.editing.edit_session import EditSession
from app.ui.editing.find_replace import FindReplaceDialog
from app.ui.editing.presence_lease import PresenceLease
from app.ui.editing.speakers import SpeakerColors, SpeakerPicker, SpeakersDialog
from app.ui.editing.spell_highlighter import SpellService
from app.ui.editing.spell_pass import SpellPassDialog
from app.ui.editing.text_editor_delegate import PauseWhileTyping, TextEditorDelegate
from app.ui.editing.time_dialog import edit_times, shift_from_here
from app.ui.review.line_panel import LinePanel
from app.ui.review.review_session import ReviewSession
from app.ui.transcript.presence_marks import PresenceMarks
from app.ui.transcript.transcript_model import TranscriptModel
from app.ui.transcript.transcript_view import TranscriptView

__all__ = ["EditingContext", "WindowEditing"]

NUDGE_MS = 100


@dataclass(frozen=True)
class EditingContext:
    """What the editing feature needs from the window around it."""

    window: QWidget  # the dialogs' parent, and where the window-wide shortcuts live
    library: Library
    model: TranscriptModel
    view: TranscriptView
    player: Player
    undo_stack: QUndoStack
    review: ReviewSession  # its store for the personal words
    line_panel: LinePanel  # a spelling fix chosen there is an edit
    project_id: Callable[[], int | None]
    show_message: Callable[[str, int], None]  # a status-bar line, for so many ms (0: kept)


class WindowEditing(QObject):
    def __init__(self, ctx: EditingContext) -> None:
        super().__init__(ctx.window)
        self.w = w = ctx
        self.session = EditSession(
            w.library, w.model, w.undo_stack, w.project_id, w.window, ask_in_dialog(w.window)
        )
        self.delegate = TextEditorDelegate(self.session, w.view)
        self.delegate.install(w.view)
        self.pause_while_typing = PauseWhileTyping(w.player, self.delegate, self)
        # Presence: this reviewer's lease while the inline editor is open, the others' marked.
        self.lease = PresenceLease(Presence(w.library), w.project_id, w.model, w.window)
        self.delegate.editingStarted.connect(lambda row: self.lease.start([row]))
        self.delegate.editingFinished.connect(lambda _row: self.lease.stop())
        self.presence_marks = PresenceMarks(w.model, self.lease.others, self)
        self.checks = ChecksPanel(w.model, lambda: w.player.duration() or None)
        self.spell = SpellService(w.review.store, parent=self)
        self.spell.install_menu(w.line_panel.text, on_replace=self._replace_in_line)
        self.changed_label = QLabel()
        self.changed_label.setObjectName("changedCount")
        self.delegate.spell = self.spell
        self.spell.changed.connect(self._respell_rows)  # language or personal words changed
        self.changes = ChangesView(self.session)
        self.speaker_colors = SpeakerColors(w.library, parent=self)
        self._find_replace: FindReplaceDialog | None = None
        self._spell_pass: SpellPassDialog | None = None
        self.actions = self._build_actions()

    # -- commands on the current line ---------------------------------------------------------
    def _row(self) -> int | None:
        return self.w.view.current_source_row()

    def _on_row(self, act: Callable[[int], object]) -> Callable[[], None]:
        def run() -> None:
            row = self._row()
            if row is None:
                self.w.show_message(self.tr("Select a line first"), 3000)
            else:
                act(row)

        return run

    def _build_actions(self) -> list[QAction]:
        s, w, tr, on = self.session, self.w, self.tr, self._on_row

        def now() -> int:
            return w.player.time()

        def split(row: int) -> None:
            if not self.delegate.split_at_cursor(now()):
                s.split(row, None, now())

        specs: list[tuple[str, str, str, Callable[[], object]]] = [
            ("edit.text", tr("Edit Line &Text"), "F2", self.delegate.edit_current),
            (
                "edit.start_here",
                tr("Set &Start to Playhead"),
                "[",
                on(lambda r: s.set_start_here(r, now())),
            ),
            (
                "edit.end_here",
                tr("Set &End to Playhead"),
                "]",
                on(lambda r: s.set_end_here(r, now())),
            ),
            (
                "edit.start_earlier",
                tr("Nudge Start Earlier"),
                "Alt+[",
                on(lambda r: s.nudge(r, "start", -NUDGE_MS)),
            ),
            (
                "edit.start_later",
                tr("Nudge Start Later"),
                "Alt+]",
                on(lambda r: s.nudge(r, "start", NUDGE_MS)),
            ),
            (
                "edit.end_earlier",
                tr("Nudge End Earlier"),
                "Ctrl+Alt+[",
                on(lambda r: s.nudge(r, "end", -NUDGE_MS)),
            ),
            (
                "edit.end_later",
                tr("Nudge End Later"),
                "Ctrl+Alt+]",
                on(lambda r: s.nudge(r, "end", NUDGE_MS)),
            ),
            (
                "edit.times",
                tr("Edit T&imes…"),
                "Ctrl+T",
                on(lambda r: self.lease.during([r], lambda: edit_times(w.window, s, r))),
            ),
            (
                "edit.shift",
                tr("S&hift Lines From Here…"),
                "Ctrl+Shift+T",
                on(lambda r: shift_from_here(w.window, s, r)),
            ),
            ("edit.split", tr("S&plit Line"), "Ctrl+Shift+S", on(split)),
            ("edit.merge", tr("&Merge With Next Line"), "Ctrl+Shift+J", on(s.merge_with_next)),
            (
                "edit.insert",
                tr("&Insert Line at Playhead"),
                "Ctrl+Shift+I",
                lambda: s.insert_at(now()),
            ),
            (
                "edit.delete",
                tr("&Delete Lines"),
                "Ctrl+Del",
                lambda: s.delete_rows(w.view.selected_rows()),
            ),
            ("edit.revert", tr("&Revert Line to Imported Text"), "", on(s.revert_line)),
            ("edit.find_replace", tr("Find and &Replace…"), "Ctrl+H", self.find_replace),
            ("edit.set_speaker", tr("Set Spea&ker…"), "Ctrl+Shift+K", self.set_speaker),
            ("edit.speakers", tr("Speakers…"), "", self.edit_speakers),
            ("edit.next_misspelling", tr("Ne&xt Misspelling"), "F7", lambda: self.spelling(True)),
            (
                "edit.previous_misspelling",
                tr("Previous Misspelli&ng"),
                "Shift+F7",
                lambda: self.spelling(False),
            ),
        ]
        actions = []
        for action_id, text, keys, slot in specs:
            action = QAction(text, w.window)
            action.setObjectName(action_id)  # the keymap's id for rebinding
            if keys:
                action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            # Commands never take triggered(bool)'s `checked` (see WindowMenus._action).
            action.triggered.connect(lambda _checked=False, run=slot: run())
            w.window.addAction(action)
            actions.append(action)
        return actions

    def find_replace(self) -> None:
        if self._find_replace is None:
            dialog = FindReplaceDialog(self.session, self.w.window, self.w.view.current_source_row)
            dialog.findNext.connect(self.w.view.go_to_row)
            dialog.replaced.connect(
                lambda n, lines: self.w.show_message(
                    self.tr("Replaced %1 in %2 lines")
                    .replace("%1", str(n))
                    .replace("%2", str(lines)),
                    0,
                )
            )
            # Closed: back to the transcript, where Ctrl+Z undoes the replace (in the search box
            # it would undo the search's typing instead).
            dialog.finished.connect(lambda _result: self.w.view.setFocus())
            self._find_replace = dialog
        self._find_replace.show()
        self._find_replace.raise_()
        self._find_replace.activateWindow()

    def spelling(self, forward: bool) -> None:
        """F7 / Shift+F7: the spelling dialog, on to the next (previous) misspelt word."""
        if self._spell_pass is None:
            keys = tuple(a for a in self.actions if "misspelling" in a.objectName())
            self._spell_pass = SpellPassDialog(
                self.session, self.spell, self.w.view, self.w.window, keys
            )
        self._spell_pass.find(forward)

    def _replaced(self, count: int, lines: int) -> None:
        text = self.tr("Replaced %1 in %2 lines").replace("%1", str(count))
        self.w.show_message(text.replace("%2", str(lines)), 0)

    def set_speaker(self) -> None:
        rows = self.w.view.selected_rows()
        if rows:
            picker = SpeakerPicker(self.session, rows, self.w.window)
            self.lease.start(rows)  # the others see who is naming these lines' speaker
            picker.finished.connect(lambda _result: self.lease.stop())
            picker.open()

    def edit_speakers(self) -> None:
        SpeakersDialog(self.session, self.speaker_colors, self.w.window).exec()

    def _respell_rows(self) -> None:
        self.delegate.clear_cache()
        self.w.view.viewport().update()

    def project_opened(self, project_id: int | None) -> str:
        """Show the project's speaker colours and subtitle rules; what could not be read, in
        words for the status bar ("" when all was)."""
        self.speaker_colors.set_project(project_id)
        self.w.model.set_speaker_colors(self.speaker_colors.model_colors())
        profile, problem = SubtitleProfile(), ""
        if project_id is not None:
            try:
                profile = self.w.library.subtitle_profile(project_id)
            except (StoreError, ValueError) as err:  # kept as it is until the user picks again
                problem = self.tr("Checked without subtitle rules: %1").replace("%1", str(err))
        self.checks.set_profile(profile)
        return problem

    def _keep_profile(self, profile: SubtitleProfile) -> None:
        """The subtitle rules picked in the Checks panel, kept with the project."""
        project_id = self.w.project_id()
        if project_id is None:
            return
        try:
            self.w.library.set_subtitle_profile(project_id, profile)
        except StoreError as err:
            text = self.tr("The subtitle rules could not be kept: %1").replace("%1", str(err))
            self.w.show_message(text, 0)

    def _replace_in_line(self, start: int, end: int, word: str) -> None:
        """A spelling suggestion chosen in the (read-only) Line panel: an ordinary text edit."""
        line_id = self.w.line_panel.line_id
        row = None if line_id is None else self.w.model.row_of_id(line_id)
        if row is not None:
            text = self.w.model.line(row).text
            self.session.edit_text(
                row, text[:start] + word + text[end:], self.tr("Correct spelling")
            )

    def connect(self) -> None:
        """Its own pieces to the context's (MainWindow wires the rest of the window)."""
        w = self.w
        self.session.notice.connect(lambda text: w.show_message(text, 6000))
        self.session.focusRow.connect(w.view.go_to_row)
        self.session.changedCountChanged.connect(self._show_changed_count)
        self.speaker_colors.changed.connect(
            lambda: w.model.set_speaker_colors(self.speaker_colors.model_colors())
        )
        w.player.durationChanged.connect(lambda _ms: self.checks.mark_dirty())
        self.checks.profileChosen.connect(self._keep_profile)

    def _show_changed_count(self, count: int) -> None:
        if not count:
            text = ""
        elif count == 1:
            text = self.tr("1 line corrected")
        else:
            text = self.tr("%1 lines corrected").replace("%1", f"{count:,}")
        self.changed_label.setText(text)
