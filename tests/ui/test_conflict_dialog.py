"""Two reviewers on one library (SQLite, actors given at open; PostgreSQL, two login roles): Ben
changes a line after Ana's window read it, then Ana edits it in her window with real keys. The
conflict dialog shows both texts as the Changes panel's word diff, and each button does what it
says to the stored line; an undo after Ben's edit gives the dialog, never an overwrite."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from app.store import EditStore
from app.store.review import ReviewStore
from tests.ui.team_pair import Pair, pair

__all__ = ["pair"]  # the fixture, for pytest


def test_a_stale_inline_edit_shows_both_texts_and_keep_theirs_shows_theirs(
    pair: Pair, qtbot: QtBot
) -> None:
    EditStore(pair.ben).set_text(pair.line_id(3), "Line number three, said Ben")
    pair.answer(qtbot, "keepTheirs")
    pair.type_into(qtbot, 3, "Line number 3 by Ana")
    qtbot.waitUntil(lambda: bool(pair.seen))
    diff = pair.seen[0][0]
    assert "three, said Ben" in diff and "by Ana" in diff  # theirs struck, yours underlined
    assert "<s " in diff and "<u " in diff
    assert pair.stored(3).text == "Line number three, said Ben"
    qtbot.waitUntil(lambda: pair.shown(3) == "Line number three, said Ben")
    assert pair.window.undo_stack.count() == 0  # nothing of Ana's was made


def test_keep_mine_writes_mine_over_theirs_and_undoes_to_theirs(pair: Pair, qtbot: QtBot) -> None:
    EditStore(pair.ben).set_text(pair.line_id(3), "Ben's line")
    pair.answer(qtbot, "keepMine")
    pair.type_into(qtbot, 3, "Ana's line")
    qtbot.waitUntil(lambda: pair.stored(3).text == "Ana's line")
    assert pair.shown(3) == "Ana's line"
    pair.undo_key(qtbot)
    qtbot.waitUntil(lambda: pair.stored(3).text == "Ben's line")  # Ana's own write undone
    assert pair.shown(3) == "Ben's line"


def test_edit_both_offers_both_texts_and_stores_the_merge(pair: Pair, qtbot: QtBot) -> None:
    EditStore(pair.ben).set_text(pair.line_id(5), "Ben says five")
    pair.answer(qtbot, "editBoth", merged="Ana and Ben say five")
    pair.type_into(qtbot, 5, "Ana says five")
    qtbot.waitUntil(lambda: pair.stored(5).text == "Ana and Ben say five")
    assert pair.seen[1] == ["Ben says five\nAna says five"]  # the editor held both
    assert pair.shown(5) == "Ana and Ben say five"


def test_undo_after_someone_elses_edit_gives_the_dialog_not_an_overwrite(
    pair: Pair, qtbot: QtBot
) -> None:
    pair.type_into(qtbot, 2, "Ana's correction")
    qtbot.waitUntil(lambda: pair.stored(2).text == "Ana's correction")
    pair.ben.load_transcript(pair.project)  # Ben sees it, then corrects it himself
    EditStore(pair.ben).set_text(pair.line_id(2), "Ben's correction")
    pair.answer(qtbot, "keepTheirs")
    pair.undo_key(qtbot)
    qtbot.waitUntil(lambda: bool(pair.seen))
    # Theirs against what the undo would put back.
    assert "Ben's correction</s>" in pair.seen[0][0] and "Line number 2</u>" in pair.seen[0][0]
    assert pair.stored(2).text == "Ben's correction"
    qtbot.waitUntil(lambda: pair.shown(2) == "Ben's correction")
    # The undone step left the stack: a redo cannot write Ana's text over Ben's either.
    assert pair.window.undo_stack.count() == 0
    assert not pair.window.undo_stack.canRedo()


def test_keep_theirs_moves_the_shown_highlights_as_the_library_did(
    pair: Pair, qtbot: QtBot
) -> None:
    library, line_id = pair.window.library, pair.line_id(6)
    ReviewStore(library).add_highlight(line_id, 12, 13, "digit", "")  # the "6"
    pair.window.show_project(pair.project, library.load_transcript(pair.project), None)
    pair.ben.load_transcript(pair.project)
    EditStore(pair.ben).set_text(line_id, "Line 6")  # the mark moves to offset 5 there
    pair.answer(qtbot, "keepTheirs")
    pair.type_into(qtbot, 6, "Line number six")
    qtbot.waitUntil(lambda: pair.shown(6) == "Line 6")
    stored = [(h.start, h.end) for h in pair.stored(6).highlights]
    assert stored == [(5, 6)]
    assert [(h.start, h.end) for h in pair.window.model.line(6).highlights] == stored
