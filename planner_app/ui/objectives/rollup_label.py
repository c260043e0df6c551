"""The objective editor's "Progress from below": the roll-up of what hangs under the
objective shown, today (``services.rollup``), beside the status a person gave it."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QWidget

from planner_app.errors import PlannerError
from planner_app.i18n import _, current_language
from planner_app.services.reference import today
from planner_app.services.rollup import objective_rollup
from planner_app.services.rollup_words import lines, verdict_words
from planner_app.storage import PlanFile

LINES = 4  # a verdict, initiatives, milestones, indicators


class RollUpLabel(QLabel):
    """Read-only: a verdict word with its shape, then one line per part counted. Reads
    the objective's subtree when told to (``show_for``, or ``schedule``: once a burst of
    edits is over); ``shown`` says whether it has an objective to show. It keeps the
    height of its longest text, so that what is below it stays put while edits change
    the counts (a button clicked twice hits twice). GUI thread only."""

    shown = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._target: tuple[PlanFile | None, uuid.UUID | None] = (None, None)
        self._timer = QTimer(self)  # one read once a burst of edits is over
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(lambda: self.show_for(*self._target))
        self.setObjectName("rollup")
        self.setWordWrap(True)
        self.setText("\n".join("x" * LINES))  # the room of its longest text
        self.setMinimumHeight(self.sizeHint().height())
        self.setText("")
        self.setToolTip(
            _(
                "Computed from the initiatives, milestones and indicators under this "
                "objective, today; its own status above is yours and never changes by it."
            )
        )

    def schedule(self, store: PlanFile | None, objective_id: uuid.UUID | None) -> None:
        """Show the roll-up of ``objective_id`` soon (``None``: nothing, now)."""
        self._target = (store, objective_id)
        if store is None or objective_id is None:
            self._timer.stop()
            self.show_for(None, None)
        else:
            self.shown.emit(True)  # its room now, its text once the edits are over
            self._timer.start()

    def show_for(self, store: PlanFile | None, objective_id: uuid.UUID | None) -> bool:
        """Show the roll-up of ``objective_id``; False when there is none to show."""
        text = _("Nothing under it is counted yet.") if objective_id is not None else ""
        if store is not None and objective_id is not None:
            try:
                found = objective_rollup(store, objective_id, today())
            except PlannerError:
                found = None
            if found is not None and not found.empty:
                lang = current_language()
                parts = [verdict_words(found, _), *lines(found, _, lang)]
                text = "\n".join(p for p in parts if p)
        self.setText(text)
        self.shown.emit(objective_id is not None)
        return objective_id is not None
