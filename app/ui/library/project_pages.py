"""The window's two pages, the Projects screen and the project: the panels and the review count
belong to a project, so they step aside on the Projects screen and come back as they were.

MainWindow makes it its central widget and turns it with ProjectPresenter's ``projectShowing``.
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDockWidget, QStackedWidget, QWidget

__all__ = ["ProjectPages"]


class ProjectPages(QStackedWidget):
    #: the panels are about to step aside: the user's layout of them is to be kept first
    panelsLeaving = Signal()

    def __init__(
        self,
        start_screen: QWidget,
        project_page: QWidget,
        progress: QWidget,
        docks: Collection[QDockWidget],
    ) -> None:
        """Starts on the project page; ``docks``: the panels, read each time the page turns
        (they may be added after this page is made)."""
        super().__init__()
        self._start_screen = start_screen
        self._project_page = project_page
        self._progress = progress
        self._docks = docks
        # Which panels were shown, kept as they step aside; the window starts on the project
        # page, so they step aside before they ever come back.
        self._shown: list[bool] = []
        self.addWidget(start_screen)
        self.addWidget(project_page)
        self.setCurrentWidget(project_page)

    def on_project(self) -> bool:
        return self.currentWidget() is self._project_page

    def show_page(self, project: bool) -> None:
        """The project's page, or (``project`` False) the Projects screen."""
        page = self._project_page if project else self._start_screen
        if page is self.currentWidget():
            return
        docks = tuple(self._docks)
        if page is self._start_screen:
            self.panelsLeaving.emit()  # the user's panels, before they step aside
            self._shown = [dock.isVisible() for dock in docks]
            for dock in docks:
                dock.hide()
        else:
            for dock, shown in zip(docks, self._shown, strict=True):
                dock.setVisible(shown)
        self._progress.setVisible(page is not self._start_screen)
        self.setCurrentWidget(page)
