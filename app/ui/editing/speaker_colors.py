"""Speaker colours, kept per project in QSettings, and the speaker counts of a transcript."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor

from app.core.transcript import Line
from app.store.errors import StoreError
from app.store.library import Library
from app.store.review import ReviewStore
from app.ui.transcript.text_delegate import readable_text_colour

_FAILURES = (StoreError, ValueError, LookupError, OSError)

__all__ = ["SpeakerColors", "colors_key", "speaker_counts"]


def colors_key(project_id: int) -> str:
    return f"speakers/colors/{project_id}"


def speaker_counts(lines: Iterable[Line]) -> list[tuple[str, int]]:
    """Each named speaker with its number of lines, most lines first (then by name)."""
    counts = Counter(line.speaker for line in lines)
    counts.pop("", None)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))


class SpeakerColors(QObject):
    """One project's speaker colours, read from and written to the library at once.

    The window keeps one, calls ``set_project`` as a project opens, and on ``changed`` hands
    ``model_colors()`` to the transcript model.
    """

    changed = Signal()

    def __init__(
        self, library: Library, project_id: int | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.store = ReviewStore(library)
        self.project_id: int | None = None
        self._colors: dict[str, str] = {}
        self.set_project(project_id)

    def set_project(self, project_id: int | None) -> None:
        self.project_id = project_id
        self._colors = {}
        if project_id is not None:
            try:
                raw = self.store.get_setting(colors_key(project_id))
                loaded = json.loads(raw) if raw else {}
            except (*_FAILURES, json.JSONDecodeError):
                loaded = {}  # unreadable colours are not worth a dialog: the names still show
            if isinstance(loaded, dict):
                self._colors = {
                    str(name): str(value)
                    for name, value in loaded.items()
                    if QColor.isValidColorName(str(value))
                }
        self.changed.emit()

    def speaker_color(self, name: str) -> QColor | None:
        value = self._colors.get(name)
        return QColor(value) if value else None

    def colors(self) -> dict[str, QColor]:
        return {name: QColor(value) for name, value in self._colors.items()}

    def model_colors(self) -> dict[str, tuple[QColor, QColor]]:
        """name -> (background, readable text colour), what TranscriptModel.data() returns."""
        return {name: (c, readable_text_colour(c)) for name, c in self.colors().items()}

    def set_color(self, name: str, colour: QColor | str | None) -> None:
        """Give ``name`` a colour (None takes it away); written at once. Raises StoreError."""
        if self.project_id is None:
            raise ValueError("Open a project to colour its speakers.")
        wanted = dict(self._colors)
        if colour is None:
            wanted.pop(name, None)
        else:
            wanted[name] = QColor(colour).name()
        value = json.dumps(wanted, ensure_ascii=False, sort_keys=True) if wanted else None
        self.store.set_setting(colors_key(self.project_id), value)
        self._colors = wanted
        self.changed.emit()

    def carry_over(self, old: str, new: str) -> None:
        """After a rename the new name keeps the old one's colour (unless it has its own). The
        old name keeps it too, so undoing the rename brings the colour back with the name."""
        colour = self._colors.get(old)
        if colour and new not in self._colors:
            self.set_color(new, colour)
