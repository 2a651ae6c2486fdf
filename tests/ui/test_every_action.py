"""Every command of the keymap, through its real keys on a loaded project (issue 18).

The cases are generated from the keymap itself (app/ui/window/keymap.py): one per action and default
shortcut, and one through its menu for an action without a key. Each id must have an effect
checker in EFFECTS, so a new command without a test fails here, by its id. A checker sets the
scene (a line selected, the playhead somewhere), runs the command as the user does, and asserts
what the user would see change.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QWidget
from pytestqt.qtbot import QtBot

from app.core.formats.registry import write_path
from app.player.base import PlayerState
from app.player.fake import FakePlayer
from app.store.importing import open_pair
from app.store.library import Library
from app.ui.window import application
from app.ui.window.main_window import MainWindow
from tests.ui.conftest import make_transcript

_PORTABLE = QKeySequence.SequenceFormat.PortableText


class ReviewStatus:
    APPROVED, FLAGGED, UNREVIEWED = "approved", "flagged", "unreviewed"


LINES = 60
STEP_MS, GAP_MS = 1000, 200  # line i: i s to i s + 800 ms, then 200 ms of silence


def _cases() -> list[tuple[str, str]]:
    """(action id, its default key or "menu"), read from a real window's keymap."""
    app = QApplication.instance() or QApplication([])
    assert app is not None
    with tempfile.TemporaryDirectory() as folder:
        library = Library.open(str(Path(folder) / "ids.sqlite3"))
        window = MainWindow(library, FakePlayer(duration=LINES * STEP_MS))
        try:
            found = []
            for action_id in window.keymap.ids():
                keys = window.keymap.defaults(action_id)
                found += [(action_id, k.toString(_PORTABLE)) for k in keys] or [(action_id, "menu")]
            return found
        finally:
            window.player.release()
            window.deleteLater()
            library.close()


CASES = _cases()


@dataclass
class Scene:
    """The window under test and the means to act on it as a user."""

    window: MainWindow
    qtbot: QtBot
    action_id: str
    how: str  # a key sequence in portable text, or "menu"
    dialogs: list[str] = field(default_factory=list)  # the modal dialogs the command opened

    @property
    def player(self) -> FakePlayer:
        player = self.window.player
        assert isinstance(player, FakePlayer)
        return player

    def select(self, row: int) -> None:
        """Click the line, as the user picks one (which also seeks there)."""
        view = self.window.view
        view.show_row(row)
        rect = view.row_rect(row)
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert view.current_source_row() == row

    def run(self) -> None:
        """The command, by its key or by clicking it in its menu; a modal dialog it opens is
        noted and closed (Esc), as the user would after seeing it."""
        timer = QTimer()
        timer.setInterval(20)
        timer.timeout.connect(self._close_modal)
        timer.start()
        try:
            if self.how == "menu":
                self._click_in_menu()
            else:
                target = QApplication.focusWidget() or self.window
                QTest.keySequence(target, QKeySequence(self.how, _PORTABLE))
            QApplication.processEvents()
        finally:
            timer.stop()

    def _close_modal(self) -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None:
            self.dialogs.append(modal.objectName() or type(modal).__name__)
            if isinstance(modal, QDialog):
                modal.reject()
            else:
                modal.close()

    def _click_in_menu(self) -> None:
        action = self.window.keymap.action(self.action_id)
        bar = self.window.menuBar()
        for top in bar.actions():
            menu = top.menu()
            if isinstance(menu, QMenu) and action in menu.actions():
                QTest.mouseClick(
                    bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(top).center()
                )
                self.qtbot.waitUntil(menu.isVisible)
                assert action.isEnabled(), f"{self.action_id} is greyed out in its menu"
                pos = menu.actionGeometry(action).center()
                QTest.mouseClick(menu, Qt.MouseButton.LeftButton, pos=pos)
                return
        pytest.fail(f"{self.action_id} has no key and is in no menu: the user cannot reach it")

    def line(self, row: int):  # -> Line
        return self.window.model.line(row)

    def texts(self) -> list[str]:
        return [line.text for line in self.window.model.lines()]


@pytest.fixture
def scene(qtbot: QtBot, library: Library, tmp_path: Path, request: pytest.FixtureRequest) -> Scene:
    path = tmp_path / "numbers.srt"
    write_path(make_transcript(LINES, STEP_MS, GAP_MS), path, "srt")
    media = tmp_path / "numbers.mp4"
    media.write_bytes(b"not played by the fake player")
    window = MainWindow(library, FakePlayer(duration=LINES * STEP_MS), application._ask_and_open)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    opened = open_pair(library, path, media)
    window.show_project(opened.project_id, opened.transcript, opened.report)
    window.playback.click_plays = False  # a click only goes there: commands start paused
    window.view.setFocus()
    action_id, how = request.param
    return Scene(window, qtbot, action_id, how)


# -- the effects -------------------------------------------------------------------------------
Effect = Callable[[Scene], None]
EFFECTS: dict[str, Effect] = {}


def effect(*ids: str) -> Callable[[Effect], Effect]:
    def register(check: Effect) -> Effect:
        for action_id in ids:
            assert action_id not in EFFECTS, action_id
            EFFECTS[action_id] = check
        return check

    return register


def _status(s: Scene, row: int) -> str:
    return s.line(row).status


def _mark(s: Scene, rows: list[int], status: str) -> None:
    ids = [s.line(row).id for row in rows]
    assert s.window.session.set_status([i for i in ids if i is not None], status)


@effect("review.approve", "review.flag", "review.unreview")
def _review_key(s: Scene) -> None:
    s.select(5)
    if s.action_id == "review.unreview":
        _mark(s, [5], ReviewStatus.APPROVED)
    s.run()
    wanted = {
        "review.approve": ReviewStatus.APPROVED,
        "review.flag": ReviewStatus.FLAGGED,
        "review.unreview": ReviewStatus.UNREVIEWED,
    }[s.action_id]
    assert _status(s, 5) == wanted
    assert _status(s, 6) == ReviewStatus.UNREVIEWED


@effect("review.approve_next")
def _approve_next(s: Scene) -> None:
    s.select(5)
    s.run()
    assert _status(s, 5) == ReviewStatus.APPROVED
    assert s.window.view.selected_rows() == [6], "the next line alone is selected"


@effect("edit.undo", "edit.redo")
def _undo_redo(s: Scene) -> None:
    s.select(5)
    QTest.keyClick(s.window.view, Qt.Key.Key_A)
    assert _status(s, 5) == ReviewStatus.APPROVED
    if s.action_id == "edit.redo":
        s.window.undo_stack.undo()
        assert _status(s, 5) == ReviewStatus.UNREVIEWED
    s.run()
    want = ReviewStatus.APPROVED if s.action_id == "edit.redo" else ReviewStatus.UNREVIEWED
    assert _status(s, 5) == want


@effect("review.next_flagged", "review.next_unreviewed", "review.next_note")
def _next_kind(s: Scene) -> None:
    session = s.window.session
    if s.action_id == "review.next_flagged":
        _mark(s, [30], ReviewStatus.FLAGGED)
        target = 30
    elif s.action_id == "review.next_unreviewed":
        _mark(s, list(range(0, 12)), ReviewStatus.APPROVED)
        target = 12
    else:
        line_id = s.line(40).id
        assert line_id is not None
        session.add_note(line_id, "Check the name")
        target = 40
    s.select(10)
    s.run()
    assert s.window.view.current_source_row() == target
    assert s.window.view.selected_rows() == [target]
    assert s.window.view.is_row_visible(target)


@effect(*(f"review.highlight_tag_{n}" for n in range(1, 10)))
def _highlight_tag(s: Scene) -> None:
    """Ctrl+<n> on words selected in the Line panel: the n-th tag's highlight, or a word that
    the library has no n-th tag (it starts with four)."""
    number = int(s.action_id.rsplit("_", 1)[1])
    s.select(5)
    s.window.panels["lineDock"].show()
    text = s.window.line_panel.text
    text.setFocus()
    QTest.keyClick(text, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    for _ in range(4):  # "Line"
        QTest.keyClick(text, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    s.run()
    tags = s.window.session.tags()
    marks = [(h.tag, h.start, h.end) for h in s.line(5).highlights]
    if number <= len(tags):
        assert marks == [(tags[number - 1].name, 0, 4)]
    else:
        assert marks == []
        note = s.window.line_panel.note_label
        assert note.isVisible() and f"No tag {number}" in note.text()


@effect("review.add_note")
def _add_note(s: Scene) -> None:
    s.select(5)
    s.run()
    assert s.window.panels["notesDock"].isVisible()
    focus = QApplication.focusWidget()
    assert focus is not None and s.window.notes_panel.isAncestorOf(focus), "typing goes in"


@effect("review.reply_note", "review.resolve_thread")
def _thread_command(s: Scene) -> None:
    """R / Shift+R on a line with one note, the Notes panel hidden: a reply is started in the
    panel (shown for it), or the thread is resolved."""
    line_id = s.line(5).id
    assert line_id is not None
    assert s.window.session.add_note(line_id, "Check the name") is not None
    s.window.panels["notesDock"].hide()
    s.select(5)
    s.run()
    panel = s.window.notes_panel
    if s.action_id == "review.reply_note":
        assert s.window.panels["notesDock"].isVisible()
        assert QApplication.focusWidget() is panel.editor, "the reply is typed at once"
        assert panel.editor_label.text().startswith("Reply to")
    else:
        first = s.line(5).notes[0]
        assert first.resolved_at is not None and first.resolved_by is not None


@effect("playback.play")
def _play(s: Scene) -> None:
    s.select(5)
    s.run()
    assert s.player.state() == PlayerState.PLAYING
    s.run()
    assert s.player.state() == PlayerState.PAUSED


@effect(
    "playback.back_short",
    "playback.forward_short",
    "playback.back",
    "playback.forward",
    "playback.previous_frame",
    "playback.next_frame",
)
def _skip(s: Scene) -> None:
    s.select(10)  # never played: the opened media is held on its picture ("stopped")
    s.player.seek(10_400)
    s.run()
    delta = s.player.time() - 10_400
    wanted = {
        "playback.back_short": -1000,
        "playback.forward_short": 1000,
        "playback.back": -5000,
        "playback.forward": 5000,
    }.get(s.action_id)
    if wanted is not None:
        assert delta == wanted
    elif s.action_id == "playback.next_frame":
        assert 0 < delta <= 100  # one frame: 40 ms at 25 fps
    else:
        assert -100 <= delta < 0


@effect("playback.previous_line", "playback.next_line")
def _line_jump(s: Scene) -> None:
    s.select(10)
    s.player.seek(10_300)
    s.run()
    row = 9 if s.action_id == "playback.previous_line" else 11
    assert s.player.time() == row * STEP_MS
    assert s.window.view.selected_rows() == [row]


@effect("playback.replay_line")
def _replay(s: Scene) -> None:
    s.select(10)
    s.player.seek(10_500)
    s.run()
    assert s.player.state() == PlayerState.PLAYING
    assert s.player.time() == 10_000


@effect("playback.loop")
def _loop(s: Scene) -> None:
    s.select(10)
    s.run()
    assert s.window.menus.loop.isChecked(), "the menu shows Loop ticked"
    assert s.window.playback.loop_range() == (10_000, 10_800)
    assert s.player.state() == PlayerState.PLAYING
    s.player.advance(1000)  # past the line's end
    s.qtbot.waitUntil(lambda: 10_000 <= s.player.time() < 10_800)
    s.run()
    assert not s.window.menus.loop.isChecked()


@effect("playback.play_selection")
def _play_selection(s: Scene) -> None:
    s.select(10)
    s.run()
    assert s.window.menus.play_selection.isChecked()
    assert s.player.state() == PlayerState.PLAYING and s.player.time() == 10_000
    s.player.advance(900)  # past the only selected line: it stops there
    s.qtbot.waitUntil(lambda: s.player.state() == PlayerState.PAUSED)


@effect("playback.faster", "playback.slower", "playback.normal_speed")
def _speed(s: Scene) -> None:
    if s.action_id == "playback.normal_speed":
        s.window.playback.set_rate(1.5)
    s.run()
    rate = s.player.rate()
    if s.action_id == "playback.faster":
        assert rate > 1.0
    elif s.action_id == "playback.slower":
        assert rate < 1.0
    else:
        assert rate == 1.0
    shown = s.window.transport.rate_button.text().replace("\u00d7", "").replace("x", "")
    assert float(shown) == pytest.approx(rate), "the transport shows the speed"


@effect("playback.mute")
def _mute(s: Scene) -> None:
    s.run()
    assert s.player.is_muted()
    assert s.window.transport.mute_button.isChecked()


@effect("playback.current_line")
def _current(s: Scene) -> None:
    s.select(10)
    s.player.play()
    view = s.window.view
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum())  # the user scrolls away
    s.qtbot.waitUntil(lambda: not view.is_row_visible(10))
    s.run()
    s.qtbot.waitUntil(lambda: view.is_row_visible(10))
    assert not s.window.back_button.isVisible()


@effect("edit.find")
def _find(s: Scene) -> None:
    s.run()
    assert s.window.search_bar.isAncestorOf(QApplication.focusWidget())


@effect("edit.text")
def _edit_text(s: Scene) -> None:
    s.select(5)
    s.run()
    focus = QApplication.focusWidget()
    assert focus is not None and focus.objectName() == "inlineTextEditor"
    QTest.keyClicks(focus, " and more")
    QTest.keyClick(focus, Qt.Key.Key_Return)
    assert s.line(5).text.endswith(" and more")


@effect("edit.start_here", "edit.end_here")
def _to_playhead(s: Scene) -> None:
    s.select(5)
    s.player.seek(5_300)
    s.run()
    if s.action_id == "edit.start_here":
        assert s.line(5).start_ms == 5_300
    else:
        assert s.line(5).end_ms == 5_300


@effect("edit.start_earlier", "edit.start_later", "edit.end_earlier", "edit.end_later")
def _nudge(s: Scene) -> None:
    s.select(5)
    s.run()
    start, end = s.line(5).start_ms, s.line(5).end_ms
    assert (start, end) == {
        "edit.start_earlier": (4_900, 5_800),
        "edit.start_later": (5_100, 5_800),
        "edit.end_earlier": (5_000, 5_700),
        "edit.end_later": (5_000, 5_900),
    }[s.action_id]


@effect("edit.split")
def _split(s: Scene) -> None:
    s.select(5)
    s.player.seek(5_400)
    s.run()
    assert s.window.model.rowCount() == LINES + 1
    assert s.line(5).end_ms <= 5_400 <= s.line(6).start_ms
    assert f"{s.line(5).text} {s.line(6).text}".split() == ["Line", "number", "5"]


@effect("edit.merge")
def _merge(s: Scene) -> None:
    s.select(5)
    s.run()
    assert s.window.model.rowCount() == LINES - 1
    assert "Line number 5" in s.line(5).text and "Line number 6" in s.line(5).text


@effect("edit.insert")
def _insert(s: Scene) -> None:
    s.select(5)
    s.player.seek(5_850)  # in the silence after line 5
    s.run()
    assert s.window.model.rowCount() == LINES + 1
    assert s.line(6).start_ms >= 5_800 and s.line(7).text == "Line number 6"


@effect("edit.delete")
def _delete(s: Scene) -> None:
    s.select(5)
    s.run()
    assert s.window.model.rowCount() == LINES - 1
    assert "Line number 5" not in s.texts()


@effect("edit.revert")
def _revert(s: Scene) -> None:
    s.select(5)
    s.window.editing.session.edit_text(5, "Line numbr five")
    s.run()
    assert s.line(5).text == "Line number 5"


@effect("edit.next_misspelling", "edit.previous_misspelling")
def _misspelling(s: Scene) -> None:
    s.window.editing.session.edit_text(30, "Line numbr 30")
    s.select(10 if s.action_id == "edit.next_misspelling" else 50)
    s.run()
    dialog = s.window.findChild(QDialog, "spellPassDialog")
    assert dialog is not None and dialog.isVisible(), "the spelling dialog shows"
    s.qtbot.waitUntil(lambda: s.window.view.selected_rows() == [30])
    assert "numbr" in dialog.findChild(QWidget, "spellContext").text()
    dialog.close()


@effect("edit.times")
def _times(s: Scene) -> None:
    s.select(5)
    s.run()
    assert s.dialogs == ["timesDialog"]
    assert (s.line(5).start_ms, s.line(5).end_ms) == (5_000, 5_800), "cancel changes nothing"


@effect("edit.shift")
def _shift(s: Scene) -> None:
    s.select(5)
    s.run()
    assert s.dialogs == ["shiftDialog"]


@effect("edit.find_replace")
def _find_replace(s: Scene) -> None:
    s.run()
    dialog = s.window.findChild(QDialog, "findReplaceDialog")
    assert dialog is not None and dialog.isVisible()
    dialog.close()


@effect("edit.set_speaker")
def _set_speaker(s: Scene) -> None:
    s.select(5)
    s.run()
    picker = s.window.findChild(QDialog, "speakerPicker")
    if picker is not None and picker.isVisible():  # opened window-modal: not closed for us
        s.dialogs.append("speakerPicker")
        QTest.keyClicks(picker.findChild(QWidget, "speakerName"), "Ada")
        QTest.keyClick(picker.findChild(QWidget, "speakerName"), Qt.Key.Key_Return)
        assert s.line(5).speaker == "Ada"
    assert "speakerPicker" in s.dialogs


@effect("edit.speakers")
def _speakers(s: Scene) -> None:
    s.run()
    assert s.dialogs == ["speakersDialog"]


@effect("edit.preferences")
def _preferences(s: Scene) -> None:
    s.run()
    assert s.dialogs == ["preferencesDialog"]


@effect("file.open")
def _open(s: Scene) -> None:
    s.run()
    assert s.dialogs == ["openDialog"]
    assert s.window.model.rowCount() == LINES, "cancel keeps the project open"


@effect("export")
def _export(s: Scene) -> None:
    s.run()
    assert s.dialogs == ["exportDialog"]


@effect("back_up_library")
def _backup(s: Scene) -> None:
    s.run()
    assert len(s.dialogs) == 1, "a file dialog asks where to put the copy"


@effect("review.tags")
def _tags(s: Scene) -> None:
    s.run()
    assert s.dialogs == ["tagsDialog"]


@effect("help.check_library", "help.about")
def _message_box(s: Scene) -> None:
    s.run()
    assert s.dialogs == ["QMessageBox"], "a message box answers"


@effect("projects")
def _projects(s: Scene) -> None:
    s.run()
    assert s.window.pages.currentWidget() is s.window.start_screen
    assert s.window.start_screen.isVisible()


@effect("file.quit")
def _quit(s: Scene) -> None:
    s.run()
    s.qtbot.waitUntil(lambda: not s.window.isVisible())


@effect("help.shortcuts")
def _shortcuts(s: Scene) -> None:
    s.run()
    dialog = s.window.findChild(QDialog, "shortcutReference")
    assert dialog is not None and dialog.isVisible()
    dialog.close()


@effect(*[i for i, _how in CASES if i.startswith("view.") and i.endswith("_dock")])
def _dock(s: Scene) -> None:
    """Every panel's show/hide toggle (window_layout.add_panels lists them)."""
    dock = next(d for d in s.window.panels if d.toggleViewAction().objectName() == s.action_id)
    was = dock.isVisible()
    s.run()
    s.qtbot.waitUntil(lambda: dock.isVisible() is not was)


@effect("edit.copy_as_quote")
def _copy_as_quote(s: Scene) -> None:
    s.select(5)
    s.run()
    copied = QApplication.clipboard().mimeData()
    assert copied.text().startswith("\u201c" + s.line(5).text)
    assert "line 6 is unreviewed" in copied.text(), "the warning travels with the quote"
    assert "<blockquote>" in copied.html()
    assert "warning" in s.window.statusBar().currentMessage()
    assert len(s.window.quoting.quotes) == 1


@effect("view.detach_video")
def _detach(s: Scene) -> None:
    detacher = s.window.video_detacher
    s.run()
    assert detacher.is_detached()
    assert s.window.video.window() is not s.window
    assert s.window.video.isVisible()
    detacher.attach()


@effect("view.full_screen_video")
def _full_screen(s: Scene) -> None:
    detacher = s.window.video_detacher
    s.run()
    s.qtbot.waitUntil(detacher.is_full_screen)
    assert s.window.video.window() is not s.window
    detacher.set_full_screen(False)


@effect("view.wide_timeline")
def _wide_timeline(s: Scene) -> None:
    timeline, video, splitter = s.window.timeline, s.window.video, s.window.splitter
    assert timeline.width() <= video.width() + 2, "under the video to begin with"
    s.run()
    s.qtbot.waitUntil(lambda: timeline.width() >= splitter.width() - 2)
    assert timeline.y() > splitter.geometry().bottom(), "across the page, under both panes"
    s.window.timeline_place.action.trigger()  # and back
    s.qtbot.waitUntil(lambda: timeline.width() <= video.width() + 2)


@effect("view.reading_view")
def _reading_view(s: Scene) -> None:
    table, reading = s.window.view, s.window.views.reading
    s.select(12)
    s.run()
    s.qtbot.waitUntil(reading.isVisible)
    assert not table.isVisible(), "the paragraphs take the table's place"
    assert reading.hasFocus()
    assert reading.is_row_visible(12), "the line selected in the table shows in the text"
    s.run()  # and back
    s.qtbot.waitUntil(table.isVisible)
    assert table.current_source_row() == 12


@effect("listen.transcribe", "listen.second_opinion", "listen.retime_all", "listen.retime_selected")
def _listen(s: Scene) -> None:
    """A long job: its progress dialog opens, Esc cancels it, and nothing changed."""
    s.select(5)
    before = [(x.text, x.start_ms, x.end_ms) for x in s.window.model.lines()]
    projects = len(s.window.library.list_projects())
    said: list[str] = []
    s.window.statusBar().messageChanged.connect(said.append)
    s.run()
    runs = s.window.listening.runs
    dialog = runs.dialog
    if dialog is not None and dialog.isVisible():  # still open: Esc, as the user cancels
        s.dialogs.append(dialog.objectName())
        QTest.keyClick(dialog, Qt.Key.Key_Escape)
    s.qtbot.waitUntil(lambda: not runs.busy, timeout=60_000)
    # The scene's media is not a real file: Esc may come after the recogniser found that out.
    if s.dialogs == ["listenProgress"]:
        assert any("cancelled" in text for text in said), said
    else:
        assert s.dialogs == ["listenFailed"], s.dialogs
    assert [(x.text, x.start_ms, x.end_ms) for x in s.window.model.lines()] == before
    assert len(s.window.library.list_projects()) == projects


def _heard_otherwise(s: Scene, starts: set[int]) -> None:
    """A second opinion that heard every line as typed but for the second word of the lines
    starting at ``starts`` (ms): "sequence" for "number"."""
    from app.asr.result import Transcription
    from app.core.transcript import Line, Transcript, Word

    heard = []
    for line in s.window.model.lines():
        words = line.text.split()
        if line.start_ms in starts:
            words[1] = "sequence"
        step = (line.end_ms - line.start_ms) // len(words)
        heard.append(
            Line(
                line.start_ms,
                line.end_ms,
                " ".join(words),
                words=[
                    Word(line.start_ms + i * step, line.start_ms + (i + 1) * step, w, 0.95)
                    for i, w in enumerate(words)
                ],
            )
        )
    s.window.listening.marks.set_heard(
        Transcription(Transcript(heard), "en", 1.0, LINES * STEP_MS, "test", 0.1)
    )


@effect("listen.accept")
def _accept_heard(s: Scene) -> None:
    _heard_otherwise(s, {5_000})
    s.select(5)
    s.run()
    assert s.line(5).text == "Line sequence 5"
    assert s.line(4).text == "Line number 4"
    s.window.undo_stack.undo()
    assert s.line(5).text == "Line number 5", "one undo step"


@effect(
    "listen.next_mark", "listen.previous_mark", "listen.next_doubtful", "listen.previous_doubtful"
)
def _walk_marks(s: Scene) -> None:
    """Marks on lines 5 and 30: the mark keys go in line order, the doubtful ones most
    doubtful first (the same doubt: in line order), saying where they are."""
    _heard_otherwise(s, {5_000, 30_000})
    s.select(10)
    s.run()
    want = {
        "listen.next_mark": (30, "Audio mark 2 of 2"),
        "listen.previous_mark": (5, "Audio mark 1 of 2"),
        "listen.next_doubtful": (5, "Doubtful line 1 of 2"),
        "listen.previous_doubtful": (30, "Doubtful line 2 of 2"),
    }[s.action_id]
    assert s.window.view.current_source_row() == want[0]
    message = s.window.statusBar().currentMessage()
    assert want[1] in message and "sequence" in message, message


# -- the test --------------------------------------------------------------------------------
@pytest.mark.parametrize("scene", CASES, ids=[f"{i}[{k}]" for i, k in CASES], indirect=True)
def test_the_command_does_what_its_user_sees(scene: Scene) -> None:
    check = EFFECTS.get(scene.action_id)
    assert check is not None, f"no effect checker for the action {scene.action_id!r}: add one"
    check(scene)


def test_every_checker_is_for_an_action_that_exists() -> None:
    ids = {action_id for action_id, _ in CASES}
    assert set(EFFECTS) - ids == set()
