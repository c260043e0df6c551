"""Undo command of the staffing editor: FTE or headcount figures, one or a pasted
block, written through ``planner_app.services.staffing`` in one transaction."""

from __future__ import annotations

from planner_app.i18n import _
from planner_app.services import staffing
from planner_app.services.common import Changed
from planner_app.services.staffing import StaffingCell, StaffingKey
from planner_app.ui.core.command import BaseCommand
from planner_app.ui.core.document import PlanDocument


class SetFiguresCommand(BaseCommand):
    """Write figures; undo writes back the old value of each (``None``: it was empty)."""

    def __init__(
        self, document: PlanDocument, cells: list[StaffingCell], text: str | None = None
    ) -> None:
        default = _("Edit staffing") if len(cells) == 1 else _("Paste staffing")
        super().__init__(document, text or default)
        self.new = cells
        self.old: list[StaffingCell] | None = None

    def do(self) -> Changed:
        if self.old is None:
            totals = staffing.staffing_totals(self.document.store, self.document.plan_id)
            self.old = []
            for cell in self.new:
                figure = totals.unit(
                    cell.unit_id, StaffingKey(cell.scenario, cell.year), cell.statute
                )
                old = getattr(figure, cell.field)
                self.old.append(
                    StaffingCell(
                        cell.unit_id, cell.statute, cell.year, cell.scenario, cell.field, old
                    )
                )
        return staffing.set_figures(self.document.store, self.new)

    def undo_change(self) -> Changed:
        assert self.old is not None
        return staffing.set_figures(self.document.store, list(reversed(self.old)))
