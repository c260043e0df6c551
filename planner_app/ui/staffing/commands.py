"""Undo command of the staffing editor: FTE or headcount figures, one or a pasted
block, written through ``planner_app.services.staffing`` in one transaction."""

from __future__ import annotations

import dataclasses

from planner_app.services import staffing
from planner_app.services.common import Changed
from planner_app.services.staffing import StaffingCell
from planner_app.ui.core.command import BaseCommand
from planner_app.ui.core.document import PlanDocument
from planner_app.ui.core.undo_texts import undo_text


class SetFiguresCommand(BaseCommand):
    """Write figures; undo writes back the old value of each (``None``: it was empty), as
    the write read it in its own transaction."""

    def __init__(
        self, document: PlanDocument, cells: list[StaffingCell], text: str | None = None
    ) -> None:
        default = undo_text("staffing", "edit" if len(cells) == 1 else "paste")
        super().__init__(document, text or default)
        self.new = cells
        self.old: list[StaffingCell] | None = None

    def do(self) -> Changed:
        changed = staffing.set_figures(self.document.store, self.new)
        if self.old is None:  # read by the write itself, in its transaction
            self.old = [
                dataclasses.replace(cell, value=old)
                for cell, old in zip(self.new, changed.extra["old"], strict=True)
            ]
        return changed

    def undo_change(self) -> Changed:
        assert self.old is not None
        return staffing.set_figures(self.document.store, list(reversed(self.old)))
