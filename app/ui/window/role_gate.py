"""The window greyed to the login's team role (issue 15, item 7): what the role may not do is
disabled, with a tooltip saying why, and the status bar names the role.

The server refuses those writes anyway (app.store.team_roles); this spares the user the refusal.
A viewer may change nothing; a commenter adds notes and highlights and changes its own (the
Notes and Line panels ask ReviewSession.permissions themselves, as their buttons follow the
selection); an editor also corrects lines; an approver also sets statuses.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QLabel

from app.core.roles import role_phrase

if TYPE_CHECKING:
    from app.ui.review.review_actions import ReviewActions
    from app.ui.window.menu_host import MenuHost

__all__ = ["gate_by_role"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("RoleGate", text)


def _refuse(actions: Iterable[QAction], why: str) -> None:
    for action in actions:
        action.setEnabled(False)
        action.setToolTip(why)
        action.setStatusTip(why)


def gate_by_role(
    host: MenuHost, review: ReviewActions, add_note: QAction, tags: QAction
) -> QLabel | None:
    """Disable what the library's login may not do; the status bar's role label, if any."""
    library = host.library
    may, role = library.permissions, library.role
    if not may.writes:
        name = _tr("viewer") if role is not None else _tr("read-only")
    else:
        name = {"commenter": _tr("commenter"), "editor": _tr("editor")}.get(role or "", "")
    if not name:  # an approver or the owner: everything stays as it is
        return None
    why = _tr("Your role on this library (%1) does not allow this").replace("%1", name)
    if not may.edit:
        editing = host.editing
        _refuse([*editing.actions, tags], why)
        host.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        editing.delegate.editable = False
        editing.changes.editable = False
        host.listening.editable = False
        host.listening.update_enabled()
    if not may.review:
        _refuse([review.approve, review.approve_next, review.flag, review.unreview], why)
    if not may.comment:
        _refuse([add_note], why)
    label = QLabel(_tr("Role: %1").replace("%1", name))
    label.setObjectName("roleLabel")
    label.setToolTip(role_phrase(role) if role is not None else why)
    host.statusBar().addPermanentWidget(label)
    return label
