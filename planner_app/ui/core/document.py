"""The open plan as the UI sees it: file, plan shown, undo stack, change signal.

Every edit in the UI is a ``ServiceCommand`` run through ``PlanDocument.run``: the
service call happens first (a refused edit shows its message and never reaches the
undo stack), then the command is pushed. Views listen to ``changed`` and refresh only
what a ``Changed`` names; the view that made an edit can recognise its own echo by
``initiator`` (Anki's pattern). GUI thread only.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from planner_app.domain.enums import PlanState
from planner_app.errors import PlannerError
from planner_app.services import plans
from planner_app.services.common import Changed
from planner_app.storage import PlanFile

if TYPE_CHECKING:
    from planner_app.ui.core.command import BaseCommand


@dataclass(frozen=True)
class Applied:
    """A change that reached the file, and who asked for it (``None``: undo/redo)."""

    changed: Changed
    initiator: object | None


class PlanDocument(QObject):
    """Owns the undo stack of one open plan file; the file itself is owned elsewhere."""

    changed = Signal(object)  # Applied
    failed = Signal(str)  # a refused edit or undo: one sentence for the user

    def __init__(self, store: PlanFile, plan_id: uuid.UUID, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.plan_id = plan_id
        self.undo_stack = QUndoStack(self)

    @property
    def read_only(self) -> bool:
        return self.store.readonly

    @property
    def editable(self) -> bool:
        """False for a read-only file or a final/signed plan (the services refuse those
        writes too; views use this to disable their inputs)."""
        if self.store.readonly:
            return False
        try:
            return plans.plan_info(self.store, self.plan_id).state is PlanState.DRAFT
        except PlannerError:
            return False

    def run(self, command: BaseCommand, initiator: object | None = None) -> bool:
        """Do ``command`` now and put it on the undo stack; False if it was refused."""
        try:
            changed = command.do()
        except PlannerError as err:
            self.failed.emit(str(err))
            return False
        command.mark_done()
        self.undo_stack.push(command)
        self.changed.emit(Applied(changed, initiator))
        return True

    def notify(self, changed: Changed) -> None:
        self.changed.emit(Applied(changed, None))


def document_read_only(document: PlanDocument | None) -> bool:
    """True when nothing may be written: no document, a read-only file, a frozen plan."""
    return document is None or not document.editable
