"""Help > Check Library… and File > Back Up Library…: the data-safety tools in the window."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QWidget

from app.store.errors import StoreError
from app.store.library import Library

__all__ = ["back_up_library", "check_library"]


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("LibraryTools", text, None, n)


def check_library(parent: QWidget, library: Library) -> bool:
    """Run SQLite's integrity and foreign-key checks and say what they found."""
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        problems = library.check_integrity()
    except (StoreError, OSError) as err:
        problems = [str(err)]
    finally:
        QApplication.restoreOverrideCursor()
    if not problems:
        QMessageBox.information(parent, _tr("Check Library"), _tr("The library is fine."))
        return True
    where = library.path.parent / "backups" if library.path else None
    box = QMessageBox(QMessageBox.Icon.Warning, _tr("Check Library"), parent=parent)
    box.setText(_tr("The library file has problems (%n found).", len(problems)))
    box.setInformativeText(
        _tr("Back up what you can now, then restore a copy: see README, “Backups and restoring”.")
        + (f"\n{_tr('Automatic copies:')} {where}" if where else "")
    )
    box.setDetailedText("\n".join(problems))
    box.exec()
    return False


def back_up_library(parent: QWidget, library: Library) -> Path | None:
    """Save a consistent copy of the library where the user chooses (safe while working)."""
    start = Path.home() / f"proofreel-library-{date.today().isoformat()}.sqlite3"
    chosen, _ = QFileDialog.getSaveFileName(
        parent, _tr("Back Up Library"), str(start), _tr("Proofreel library (*.sqlite3)")
    )
    if not chosen:
        return None
    try:
        return library.backup_to(chosen)
    except (StoreError, OSError) as err:
        QMessageBox.warning(parent, _tr("Back Up Library"), _tr("Not backed up: ") + str(err))
        return None
