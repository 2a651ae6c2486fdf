"""The main window's commands: every action with its shortcut, and the menus that list them.

Kept apart from the window's layout and wiring so the full list of what a user can do, and the
keys for it, reads in one place. Single-letter keys are window shortcuts; text fields keep their
own letters while typing, so they never get in the way of a note or a search.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from app.core.search import has_note, is_flagged, is_unreviewed
from app.store.errors import StoreError
from app.ui.library.library_tools import back_up_library, check_library
from app.ui.library.start_screen import recent_menu_entries
from app.ui.playback.playback_settings import playback_settings
from app.ui.preferences.preferences import PreferencesDialog
from app.ui.review.review_actions import ReviewActions
from app.ui.review.tags_dialog import TagsDialog
from app.ui.window.role_gate import gate_by_role
from app.ui.window.shortcut_reference import ShortcutReference

if TYPE_CHECKING:
    from app.ui.window.menu_host import MenuHost

__all__ = ["SKIP_MS", "WindowMenus"]

SKIP_MS = 5000


class WindowMenus(QObject):
    """The menus and the actions in them. ``window`` is the widget they belong to (the actions'
    and dialogs' parent); ``host`` is what the commands act on (MainWindow passes itself for
    both, as the Protocol is all the menus see of it)."""

    def __init__(
        self, window: QWidget, host: MenuHost, open_files: Callable[[QWidget], None] | None
    ) -> None:
        super().__init__(window)
        self.w = host
        self.widget = window
        tr = self.tr
        self.open = self._action(
            tr("&Open Media and Transcript…"),
            QKeySequence.StandardKey.Open,
            lambda: open_files(window) if open_files else None,
        )
        self.projects = self._action(tr("&Projects…"), "Ctrl+Shift+O", host.show_start_screen)
        self.export = self._action(tr("&Export…"), "Ctrl+Shift+E", host.export_transcript)
        self.export.setEnabled(host.project_id is not None)  # nothing to export yet
        self.backup = self._action(tr("&Back Up Library…"), "", self.back_up_library)
        self.quit = self._action(tr("&Quit"), QKeySequence.StandardKey.Quit, host.close)
        self.play = self._action(tr("&Play/Pause"), "Space", host.playback.toggle)
        self.playback_actions = self._playback_actions()
        self.current = self._action(
            tr("Back to &Current Line"), "Ctrl+J", host.follow.back_to_current
        )
        self.find = self._action(
            tr("&Find…"), QKeySequence.StandardKey.Find, host.search_bar.focus_search
        )
        self.add_note = self._action(tr("Add &Note…"), "N", host.add_note)
        self.preferences = self._action(
            tr("&Preferences…"), QKeySequence.StandardKey.Preferences, self.edit_preferences
        )
        self.preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.review = ReviewActions(
            window,
            host.session,
            host.undo_stack,
            host.view,
            host.view.go_to_row,
            host.jump_to_row,
        )
        nav = self.review.add_navigation
        self.next_flagged = nav(
            tr("Next &Flagged Line"), "Ctrl+E", is_flagged, tr("No flagged line")
        )
        self.next_unreviewed = nav(
            tr("Next &Unreviewed Line"), "Ctrl+R", is_unreviewed, tr("Every line is reviewed")
        )
        self.next_note = nav(
            tr("Next Line with a &Note"), "Ctrl+Shift+N", has_note, tr("No notes yet")
        )
        self.shortcut_reference = self._action(
            tr("&Keyboard Shortcuts"),
            QKeySequence.StandardKey.HelpContents,
            self.show_shortcuts,
            "help.shortcuts",
        )
        # Menu-only commands are actions of the window too: the keymap lists them, so the user
        # can give them keys (and the per-action test reaches each one).
        self.tags = self._action(tr("Highlight &Tags…"), "", self.edit_tags, "review.tags")
        self.check = self._action(
            tr("&Check Library…"), "", self.check_library, "help.check_library"
        )
        self.about_action = self._action(tr("&About Proofreel"), "", self.about, "help.about")
        self._build_menus()
        self.label_skips()
        self.role_label = gate_by_role(host, self.review, self.add_note, self.tags)

    def _action(
        self,
        text: str,
        keys: QKeySequence | QKeySequence.StandardKey | str,
        slot: Callable[[], object],
        action_id: str = "",
    ) -> QAction:
        action = QAction(text, self.widget)
        if action_id:
            action.setObjectName(action_id)  # the keymap's stable id for rebinding
        action.setShortcut(QKeySequence(keys))
        # Window-wide: works wherever the focus is in this window.
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        # triggered(bool) hands `checked` to any slot with an optional first parameter
        # (toggle_loop(rows=None) got True as its rows): commands never take it.
        action.triggered.connect(lambda _checked=False, run=slot: run())
        self.w.addAction(action)
        return action

    def _playback_actions(self) -> list[list[QAction]]:
        """The transport commands, in menu groups: skipping, stepping, lines, speed, sound."""
        p, tr, act = self.w.playback, self.tr, self._action
        self.back_short = act(tr("Back 1 s"), "Ctrl+Left", p.skip_back, "playback.back_short")
        self.forward_short = act(
            tr("Forward 1 s"), "Ctrl+Right", p.skip_forward, "playback.forward_short"
        )
        self.back = act(tr("&Back 5 s"), "Alt+Left", lambda: p.skip_back(True), "playback.back")
        self.forward = act(
            tr("&Forward 5 s"), "Alt+Right", lambda: p.skip_forward(True), "playback.forward"
        )
        self.loop = act(tr("&Loop Line or Selection"), "Ctrl+L", p.toggle_loop, "playback.loop")
        self.loop.setCheckable(True)
        p.loopChanged.connect(self.loop.setChecked)
        self.play_selection = act(
            tr("Play &Selected Lines Only"),
            "Ctrl+Shift+L",
            p.play_selection,
            "playback.play_selection",
        )
        self.play_selection.setCheckable(True)
        p.selectionPlayChanged.connect(self.play_selection.setChecked)
        return [
            [
                self.back_short,
                self.forward_short,
                self.back,
                self.forward,
            ],
            [
                act(
                    tr("Previous Frame"),
                    ",",
                    lambda: p.step_frame(False),
                    "playback.previous_frame",
                ),
                act(tr("Next Frame"), ".", lambda: p.step_frame(True), "playback.next_frame"),
            ],
            [
                act(tr("Previous Line"), "Ctrl+Up", p.previous_line, "playback.previous_line"),
                act(tr("Next Line"), "Ctrl+Down", p.next_line, "playback.next_line"),
                act(tr("&Replay Line"), "Ctrl+Shift+Space", p.replay_line, "playback.replay_line"),
                self.loop,
                self.play_selection,
            ],
            [
                act(tr("Fas&ter"), "Ctrl+Shift+Up", p.faster, "playback.faster"),
                act(tr("Slo&wer"), "Ctrl+Shift+Down", p.slower, "playback.slower"),
                act(tr("Nor&mal Speed"), "Ctrl+Shift+0", p.normal_speed, "playback.normal_speed"),
                act(tr("&Mute"), "Ctrl+Shift+M", p.toggle_mute, "playback.mute"),
            ],
        ]

    def label_skips(self) -> None:
        """Name the skip commands by the amounts the preferences set (1 s and 5 s by default)."""
        values = playback_settings()

        def seconds(ms: int) -> str:
            return f"{ms / 1000:g} s"

        short, long = seconds(values.skip_short_ms), seconds(values.skip_long_ms)
        self.back_short.setText(self.tr("Back %1").replace("%1", short))
        self.forward_short.setText(self.tr("Forward %1").replace("%1", short))
        self.back.setText(self.tr("&Back %1").replace("%1", long))
        self.forward.setText(self.tr("&Forward %1").replace("%1", long))

    def _build_menus(self) -> None:
        bar, tr = self.w.menuBar(), self.tr
        file_menu = bar.addMenu(tr("&File"))
        file_menu.addAction(self.open)
        self.recent_menu = file_menu.addMenu(tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)
        file_menu.addAction(self.projects)
        file_menu.addSeparator()
        file_menu.addAction(self.export)
        file_menu.addAction(self.backup)
        file_menu.addSeparator()
        file_menu.addAction(self.quit)

        edit_menu = bar.addMenu(tr("&Edit"))
        edit_menu.addActions([self.review.undo, self.review.redo])
        edit_menu.addSeparator()
        edit_menu.addAction(self.w.quoting.copier.action)
        edit_menu.addSeparator()
        edit_menu.addActions(self.w.editing.actions)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find)
        edit_menu.addSeparator()
        edit_menu.addAction(self.preferences)

        self.review_menu = bar.addMenu(tr("&Review"))
        self.review.fill_menu(self.review_menu)
        self.review_menu.addAction(self.add_note)
        threads = self.w.notes_panel.threads
        self.review_menu.addActions([threads.reply_action, threads.resolve_action])
        self.highlight_menu = self.review_menu.addMenu(tr("&Highlight"))
        self.fill_highlight_menu()
        self.review_menu.addAction(self.tags)
        self.review_menu.addSeparator()
        self.review_menu.addActions([self.next_flagged, self.next_unreviewed, self.next_note])

        play_menu = bar.addMenu(tr("&Playback"))
        play_menu.addAction(self.play)
        for group in self.playback_actions:
            play_menu.addSeparator()
            play_menu.addActions(group)
        play_menu.addSeparator()
        play_menu.addAction(self.current)

        view_menu = bar.addMenu(tr("&View"))
        view_menu.addActions(self.w.panels.view_actions())
        view_menu.addSeparator()
        view_menu.addAction(self.w.views.action)
        view_menu.addAction(self.w.timeline_place.action)
        view_menu.addSeparator()
        view_menu.addMenu(self.w.view.columns.menu)  # also the table header's context menu
        view_menu.addSeparator()
        view_menu.addActions(self.w.video_detacher.actions())

        self.w.listening.fill_menu(bar.addMenu(tr("&Listen")))

        help_menu = bar.addMenu(tr("&Help"))
        help_menu.addAction(self.shortcut_reference)
        help_menu.addAction(self.check)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

    def fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        try:
            entries = recent_menu_entries(self.w.library)
        except StoreError as err:  # a damaged or locked library: say so in the menu itself
            self.recent_menu.addAction(self.tr("The projects could not be read")).setEnabled(False)
            self.w.statusBar().showMessage(str(err), 10_000)
            return
        for project_id, text in entries:
            action = self.recent_menu.addAction(text)
            action.triggered.connect(lambda _=False, pid=project_id: self.w.open_project_id(pid))
        if not entries:
            self.recent_menu.addAction(self.tr("No recent projects")).setEnabled(False)

    def fill_highlight_menu(self) -> None:
        self.highlight_menu.clear()
        self.highlight_menu.addActions(self.w.line_panel.actions_for_menu())

    def edit_tags(self) -> None:
        dialog = TagsDialog(self.w.session.store, self.widget, model=self.w.model)
        dialog.tagsChanged.connect(self.w.tags_changed)
        dialog.exec()

    def check_library(self) -> None:
        check_library(self.widget, self.w.library)

    def back_up_library(self) -> None:
        saved = back_up_library(self.widget, self.w.library)
        if saved is not None:
            self.w.statusBar().showMessage(self.tr("Backed up to %1").replace("%1", str(saved)))

    def edit_preferences(self) -> None:
        if PreferencesDialog(self.widget).exec():
            self.w.playback.apply_settings()  # rewind and skip amounts take effect at once
            self.label_skips()
            self.w.editing.spell.set_language()
            self.w.editing.checks.reload_settings()

    def show_shortcuts(self) -> None:
        """The reference, from the keymap as it is now (the user's own keys included)."""
        dialog = ShortcutReference(self.w.keymap, self.widget)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    def about(self) -> None:
        from app import __version__

        QMessageBox.about(
            self.widget,
            self.tr("About Proofreel"),
            self.tr("Proofreel %1\nCheck a transcript against its video.").replace(
                "%1", __version__
            ),
        )
