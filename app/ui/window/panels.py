"""The window's panels (docks), listed once: every part of the window that deals with panels
reads this list, so a new panel is one call in ``window_layout.add_panels``.

What follows from that one call: the panel has a place (tabbed beside another, or an area of
its own), a show/hide toggle in the View menu with the next Ctrl+Shift+number, a keymap id
(``view.<object_name_in_snake_case>``, so Preferences > Shortcuts and the Help reference list
it), a place in the saved layout (found by its objectName, so that never changes once
released) and it steps aside on the Projects screen.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

__all__ = ["NUMBERED_PANELS", "Panels"]

#: Ctrl+Shift+1 … Ctrl+Shift+9: the panels past the ninth have a toggle and no default key.
NUMBERED_PANELS = 9


class Panels:
    """The window's docks in View-menu order (the order they were added)."""

    def __init__(self, window: QMainWindow) -> None:
        self._window = window
        self._docks: dict[str, QDockWidget] = {}

    def add(
        self,
        title: str,
        name: str,
        widget: QWidget,
        area: Qt.DockWidgetArea = Qt.DockWidgetArea.BottomDockWidgetArea,
        *,
        shown: bool = True,
    ) -> QDockWidget:
        """A panel in ``area`` of its own. ``name`` is its objectName: the saved layout and its
        shortcut's id follow it."""
        if name in self._docks:
            raise ValueError(f"a panel named {name!r} exists already")
        dock = QDockWidget(title, self._window)
        dock.setObjectName(name)  # saveState/restoreState find docks by name
        dock.setWidget(widget)
        self._window.addDockWidget(area, dock)
        self._docks[name] = dock
        if not shown:
            dock.hide()
        return dock

    def tab(self, title: str, name: str, widget: QWidget, beside: str) -> QDockWidget:
        """A panel tabbed beside the panel named ``beside``, hidden until asked for."""
        dock = self.add(title, name, widget, self._window.dockWidgetArea(self[beside]))
        self._window.tabifyDockWidget(self[beside], dock)
        dock.hide()
        return dock

    @property
    def window(self) -> QMainWindow:
        return self._window

    def __getitem__(self, name: str) -> QDockWidget:
        return self._docks[name]

    def reveal(self, name: str) -> None:
        """Show the panel and bring it in front of the panels tabbed with it."""
        self._docks[name].show()
        self._docks[name].raise_()

    def __iter__(self) -> Iterator[QDockWidget]:
        return iter(tuple(self._docks.values()))

    def __len__(self) -> int:
        return len(self._docks)

    def view_actions(self) -> list[QAction]:
        """Each panel's show/hide toggle, the first nine on Ctrl+Shift+1 … 9."""
        toggles = []
        for number, dock in enumerate(self, start=1):
            toggle = dock.toggleViewAction()
            if number <= NUMBERED_PANELS:
                toggle.setShortcut(QKeySequence(f"Ctrl+Shift+{number}"))
            toggles.append(toggle)
        return toggles
