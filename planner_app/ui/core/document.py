"""The open plan as the UI sees it: file, plan shown, undo stack, change signal.

Every edit in the UI is a command (``core.command``) run through ``PlanDocument.run``:
the service call happens first (a refused edit never reaches the undo stack), then the
command is pushed. ``run`` returns an ``Outcome``: what the write changed (the view
that asked updates itself from it at once) or why it was refused. Views listen to
``changed`` and update only what a ``Changed`` names, in place where it says enough;
the view that made an edit skips its own echo by ``initiator`` (Anki's pattern).

A refusal is shown in one way: ``refuse`` hands it to the view that asked for the edit
when that view shows refusals itself (``show_refusal``, e.g. beside a table's cells),
else announces it on ``failed``, which the window shows. GUI thread only.
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
from planner_app.services.common import Changed, Entity
from planner_app.storage import PlanFile

if TYPE_CHECKING:
    from planner_app.ui.core.command import BaseCommand


@dataclass(frozen=True)
class Outcome:
    """What became of an edit: done (``changed``: what the write changed) or refused
    (``reason``: one sentence for the user). True when done."""

    changed: Changed | None = None
    reason: str | None = None

    def __bool__(self) -> bool:
        return self.reason is None


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
        self._editable: bool | None = None

    @property
    def read_only(self) -> bool:
        return self.store.readonly

    @property
    def editable(self) -> bool:
        """False for a read-only file or a final/signed plan (the services refuse those
        writes too; views use this to disable their inputs). Read once, again after a
        change of the plan itself."""
        if self._editable is None:
            self._editable = False
            if not self.store.readonly:
                try:
                    state = plans.plan_info(self.store, self.plan_id).state
                    self._editable = state is PlanState.DRAFT
                except PlannerError:
                    pass
        return self._editable

    def run(self, command: BaseCommand, initiator: object | None = None) -> Outcome:
        """Do ``command`` now and put it on the undo stack. The ``Outcome`` is true when
        it was done; a refusal is shown (``refuse``) and never reaches the stack."""
        try:
            changed = command.do()
        except PlannerError as err:
            self.refuse(str(err), initiator)
            return Outcome(reason=str(err))
        command.mark_done()
        self.undo_stack.push(command)
        self._announce(Applied(changed, initiator))
        return Outcome(changed)

    def refuse(self, reason: str, initiator: object | None = None) -> None:
        """Show why an edit was not made: by ``initiator`` if it shows refusals itself
        (a ``show_refusal(reason)`` method), else through ``failed`` (the window)."""
        show = getattr(initiator, "show_refusal", None)
        if show is not None:
            show(reason)
        else:
            self.failed.emit(reason)

    def notify(self, changed: Changed) -> None:
        """A change made by an undo or redo (no initiator: every view follows it)."""
        self._announce(Applied(changed, None))

    def _announce(self, applied: Applied) -> None:
        if applied.changed.entity is Entity.PLAN:
            self._editable = None
        self.changed.emit(applied)


def document_read_only(document: PlanDocument | None) -> bool:
    """True when nothing may be written: no document, a read-only file, a frozen plan."""
    return document is None or not document.editable
