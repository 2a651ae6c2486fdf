"""File > Export: the dialog's choices and memory, and exports run off the GUI thread with
progress, cancel and failure reporting, on a real library."""

from __future__ import annotations

import csv
import errno
import os
import subprocess
import threading
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

import pytest
from PySide6.QtCore import QSettings, Qt, QThread
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QMessageBox,
    QProgressDialog,
    QWidget,
)
from pytestqt.qtbot import QtBot

from app.core.transcript import Highlight, Note, Transcript
from app.export import EXPORTERS, ExportOptions
from app.store.library import Library
from app.ui.export import export_job
from app.ui.export.export_dialog import FORMAT_OPTIONS, ExportDialog
from app.ui.export.export_job import open_export, run_export
from app.ui.window.main_window import MainWindow
from tests.ui.conftest import make_transcript


@pytest.fixture(autouse=True)
def fresh_choice() -> None:
    QSettings().remove("export")  # the suite's settings live in a sandbox


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def warn(_parent: Any, _title: str, text: str, *_args: Any) -> QMessageBox.StandardButton:
        shown.append(text)
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", staticmethod(warn))
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(warn))
    return shown


def on_gui_thread() -> bool:
    app = QApplication.instance()
    return app is not None and QThread.currentThread() is app.thread()


class RecordingProgress(QProgressDialog):
    """The progress dialog, recording what it was told and from which thread."""

    values: ClassVar[list[int]] = []
    labels: ClassVar[list[str]] = []
    off_thread: ClassVar[list[str]] = []

    def setValue(self, value: int) -> None:
        RecordingProgress.values.append(value)
        RecordingProgress.labels.append(self.labelText())
        if not on_gui_thread():
            RecordingProgress.off_thread.append("setValue")
        super().setValue(value)

    def close(self) -> bool:
        if not on_gui_thread():
            RecordingProgress.off_thread.append("close")
        return super().close()


def stored(library: Library, transcript: Transcript) -> Transcript:
    """The transcript as the library gives it back: ids, notes, statuses."""
    project_id = library.create_project(transcript, media_path=None, transcript_path=None)
    return library.load_transcript(project_id)


def dialog(qtbot: QtBot, duration_ms: int | None = 60_000) -> ExportDialog:
    made = ExportDialog("Interview: take 2", duration_ms)
    qtbot.addWidget(made)
    return made


def choose(made: ExportDialog, fmt: str) -> None:
    made.format_combo.setCurrentIndex(made.format_combo.findData(fmt))


# -- the dialog ---------------------------------------------------------------------------------


def test_every_format_is_offered_with_its_extension(qtbot: QtBot) -> None:
    made = dialog(qtbot)
    combo = made.format_combo
    assert [combo.itemData(i) for i in range(combo.count())] == list(EXPORTERS)
    assert set(FORMAT_OPTIONS) == set(EXPORTERS)  # a new format says which options it holds
    assert ".docx" in combo.itemText(combo.findData("docx"))
    assert made.path().endswith("Interview take 2.html")


def test_a_format_without_highlights_disables_them_and_renames_the_file(
    qtbot: QtBot, tmp_path: Path
) -> None:
    made = dialog(qtbot)
    choose(made, "srt")
    assert not made.checks["highlights"].isEnabled()
    assert not made.checks["highlights"].isChecked()  # shown as what the file will hold
    assert not made.checks["notes"].isEnabled()
    assert made.path().endswith("Interview take 2.srt")
    choose(made, "markers-csv")
    assert made.checks["notes"].isEnabled() and not made.checks["highlights"].isEnabled()
    assert made.path().endswith("Interview take 2.markers.csv")
    choose(made, "html")
    assert all(box.isEnabled() for box in made.checks.values())
    assert made.checks["highlights"].isChecked()  # the choice comes back with the format
    assert made.path().endswith("Interview take 2.html")
    choose(made, "srt")
    made.path_edit.setText(str(tmp_path / "subs.srt"))
    made.accept()
    again = dialog(qtbot)
    assert again.format_name() == "srt" and not again.checks["highlights"].isEnabled()
    choose(again, "pdf")
    assert again.checks["highlights"].isChecked() and again.checks["notes"].isChecked()


def test_the_last_choice_comes_back(qtbot: QtBot, tmp_path: Path) -> None:
    first = dialog(qtbot)
    choose(first, "docx")
    first.checks["highlights"].setChecked(False)
    first.checks["original"].setChecked(True)
    first.lines_combo.setCurrentIndex(first.lines_combo.findData("flagged"))
    first.path_edit.setText(str(tmp_path / "review.docx"))
    first.accept()
    assert first.result() == QDialog.DialogCode.Accepted
    options = first.options()
    assert options.only == "flagged" and options.with_original and not options.include_highlights

    again = dialog(qtbot)
    assert again.format_name() == "docx"
    assert not again.checks["highlights"].isChecked()
    assert again.checks["original"].isChecked() and again.checks["notes"].isChecked()
    assert again.lines_combo.currentData() == "flagged"
    assert again.path() == str(tmp_path / "Interview take 2.docx")


@pytest.mark.parametrize(
    ("start", "end"),
    [("1:00", "0:30"), ("0:30", "0:30"), ("one", ""), ("", "0:75"), ("2:00", "")],
)
def test_an_impossible_time_range_is_refused(
    qtbot: QtBot, tmp_path: Path, start: str, end: str
) -> None:
    made = dialog(qtbot, duration_ms=60_000)
    made.path_edit.setText(str(tmp_path / "x.html"))
    made.from_edit.setText(start)
    made.to_edit.setText(end)
    made.accept()
    assert made.result() != QDialog.DialogCode.Accepted
    assert made.error_label.isVisibleTo(made) and made.error_label.text()
    assert QSettings().value("export/format") is None  # nothing remembered from a refusal


def test_a_time_range_becomes_the_options(qtbot: QtBot, tmp_path: Path) -> None:
    made = dialog(qtbot, duration_ms=None)
    made.path_edit.setText(str(tmp_path / "x.html"))
    made.from_edit.setText("0:10")
    made.to_edit.setText("1:02:03")
    made.accept()
    assert made.result() == QDialog.DialogCode.Accepted
    assert (made.options().start_ms, made.options().end_ms) == (10_000, 3_723_000)


def test_browse_offers_the_format_and_adds_its_extension(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def save_name(_parent: Any, _title: str, _start: str, pattern: str) -> tuple[str, str]:
        asked.append(pattern)
        return str(tmp_path / "chosen"), pattern

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_name))
    made = dialog(qtbot)
    choose(made, "vtt")
    made.browse_button.click()
    assert asked == ["WebVTT subtitles (*.vtt)"]
    assert made.path() == str(tmp_path / "chosen.vtt")


# -- exporting off the GUI thread ---------------------------------------------------------------


class Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def test_a_big_export_reports_progress_and_writes_the_file(
    parent: QWidget, library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = make_transcript(20_000)
    big.lines[12_345].notes.append(Note("Check this name", "Ada"))
    transcript = stored(library, big)
    monkeypatch.setattr(export_job, "QProgressDialog", RecordingProgress)
    RecordingProgress.values, RecordingProgress.labels, RecordingProgress.off_thread = [], [], []
    messages: list[str] = []
    target = tmp_path / "big.html"
    assert run_export(parent, transcript, str(target), "html", ExportOptions(), messages.append)
    values = RecordingProgress.values
    assert len(values) >= 10 and values == sorted(values) and values[-1] == 20_000, values
    assert RecordingProgress.labels[-1] == "Exporting 20,000 of 20,000 lines…"
    assert RecordingProgress.off_thread == []  # the worker never touches a widget
    parser = Text()
    parser.feed(target.read_text(encoding="utf-8"))
    text = "".join(parser.parts)
    assert "Line number 19999" in text and "Check this name" in text
    assert messages == [f"Exported to {target}"]
    assert not [name for name in os.listdir(tmp_path) if name.endswith(".tmp")]


def test_cancel_leaves_no_file_and_an_old_one_untouched(
    parent: QWidget,
    library: Library,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    warnings: list[str],
) -> None:
    transcript = stored(library, make_transcript(20_000))
    clicked = threading.Event()

    class ClickCancel(QProgressDialog):
        def setValue(self, value: int) -> None:
            super().setValue(value)
            if not clicked.is_set():
                self.canceled.emit()  # what the Cancel button does
                clicked.set()

    real_export = export_job.export

    def gated(*args: Any, progress: Any, cancel: Any, **kwargs: Any) -> None:
        def report(done: int, total: int) -> None:
            progress(done, total)
            assert clicked.wait(10), "the progress never reached the dialog"

        real_export(*args, progress=report, cancel=cancel, **kwargs)

    monkeypatch.setattr(export_job, "QProgressDialog", ClickCancel)
    monkeypatch.setattr(export_job, "export", gated)
    folder = tmp_path / "out"
    folder.mkdir()
    old = folder / "review.html"
    old.write_text("the previous export", encoding="utf-8")
    messages: list[str] = []
    assert not run_export(parent, transcript, str(old), "html", ExportOptions(), messages.append)
    assert old.read_text(encoding="utf-8") == "the previous export"
    assert os.listdir(folder) == ["review.html"]
    assert messages == ["Export cancelled"] and warnings == []

    clicked.clear()
    fresh = folder / "new.html"
    assert not run_export(parent, transcript, str(fresh), "html", ExportOptions())
    assert os.listdir(folder) == ["review.html"]


def test_a_missing_folder_is_reported_in_one_line(
    parent: QWidget, library: Library, tmp_path: Path, warnings: list[str]
) -> None:
    transcript = stored(library, make_transcript(50))
    target = tmp_path / "gone" / "review.html"
    assert not run_export(parent, transcript, str(target), "html", ExportOptions())
    assert warnings == ["Not exported: review.html: the folder does not exist"]
    assert not target.parent.exists()
    assert not run_export(parent, transcript, str(tmp_path), "html", ExportOptions())
    assert warnings[1] == f"Not exported: '{tmp_path.name}' is a folder: name a file to export to"


def test_a_full_disk_leaves_nothing_behind(
    parent: QWidget,
    library: Library,
    tmp_path: Path,
    warnings: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    transcript = stored(library, make_transcript(50))

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("app.export.atomic.os.fsync", full)
    folder = tmp_path / "out"
    folder.mkdir()
    assert not run_export(parent, transcript, str(folder / "r.docx"), "docx", ExportOptions())
    assert warnings == ["Not exported: r.docx: the disk is full"]
    assert os.listdir(folder) == []


def test_a_read_only_folder_is_reported(
    parent: QWidget,
    library: Library,
    tmp_path: Path,
    warnings: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    transcript = stored(library, make_transcript(50))
    folder = tmp_path / "locked"
    folder.mkdir()
    real_open = os.open

    def refuse_in_locked(path: object, *args: object, **kwargs: object) -> int:
        # What the OS says in a folder the user may not write to (root would be let through).
        if str(path).startswith(str(folder)):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse_in_locked)
    assert not run_export(parent, transcript, str(folder / "r.md"), "md", ExportOptions())
    assert warnings == ["Not exported: r.md: permission denied"]
    assert os.listdir(folder) == []


def test_a_pdf_is_written_from_the_worker(
    parent: QWidget, library: Library, tmp_path: Path, warnings: list[str]
) -> None:
    small = make_transcript(400)
    small.lines[250].notes.append(Note("Zanzibar is spelt wrong", "Ada"))
    transcript = stored(library, small)
    target = tmp_path / "review.pdf"
    assert run_export(parent, transcript, str(target), "pdf", ExportOptions()), warnings
    text = subprocess.run(
        ["pdftotext", str(target), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Zanzibar is spelt wrong" in text and "Line number 399" in text


def test_file_export_from_the_window(
    fake_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What File > Export… runs: the window's lines, as reviewed, with the project's title."""
    window = fake_window
    row_id = window.model.line(3).id
    assert row_id is not None and window.project_id is not None
    window.session.add_note(row_id, "Said twice")
    target = tmp_path / "window.md"

    def accept(made: ExportDialog) -> int:
        choose(made, "md")
        made.path_edit.setText(str(target))
        made.accept()
        return made.result()

    monkeypatch.setattr(ExportDialog, "exec", accept)
    messages: list[str] = []
    lines = window.model.lines()
    assert open_export(window, window.library, window.project_id, lines, messages.append)
    written = target.read_text(encoding="utf-8")
    assert "Said twice" in written and "Line number 59" in written
    assert messages == [f"Exported to {target}"]


def test_the_tags_table_holds_its_spans_with_highlights_unticked(
    parent: QWidget, library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Highlights unticked for a notes-only document, then the spans-by-tag table: it still
    lists every highlighted span, and the dialog shows Highlights as always in it."""
    made_up = make_transcript(10)
    quote = Highlight(0, 4, "Quote", "#f9d65c")
    made_up.lines[3].highlights.append(quote)
    project_id = library.create_project(made_up, media_path=None, transcript_path=None)
    lines = library.load_transcript(project_id).lines
    target = tmp_path / "spans.tags.csv"
    seen: dict[str, bool] = {}

    def accept(made: ExportDialog) -> int:
        made.show()  # as exec would
        assert QTest.qWaitForWindowExposed(made)
        choose(made, "html")
        box = made.checks["highlights"]
        assert box.isChecked()
        QTest.mouseClick(box, Qt.MouseButton.LeftButton, pos=box.rect().center())  # unticked
        assert not box.isChecked()
        choose(made, "tags-csv")
        seen["shown ticked"] = box.isChecked()
        seen["greyed out"] = not box.isEnabled()
        made.path_edit.setText(str(target))
        made.accept()
        return made.result()

    monkeypatch.setattr(ExportDialog, "exec", accept)
    messages: list[str] = []
    assert open_export(parent, library, project_id, lines, messages.append)
    assert seen == {"shown ticked": True, "greyed out": True}
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][:5] == ["code", "speaker", "start", "end", "text"]
    assert [(r[0], r[4], r[6]) for r in rows[1:]] == [(quote.tag, "Line", "4")]
    assert messages == [f"Exported to {target}"]
    again = ExportDialog("x")  # the unticked choice is kept for the other formats
    choose(again, "html")
    assert not again.checks["highlights"].isChecked()
    again.deleteLater()


def test_a_pdf_with_a_character_no_font_has_is_written_with_a_warning(
    parent: QWidget, library: Library, tmp_path: Path, warnings: list[str]
) -> None:
    small = make_transcript(3)
    small.lines[1].text = "private \ue000 sign"
    transcript = stored(library, small)
    target = tmp_path / "review.pdf"
    messages: list[str] = []
    assert run_export(parent, transcript, str(target), "pdf", ExportOptions(), messages.append)
    assert target.read_bytes().startswith(b"%PDF-")
    assert messages == [f"Exported to {target}"]
    assert len(warnings) == 1 and "U+E000" in warnings[0] and "line 2" in warnings[0]
