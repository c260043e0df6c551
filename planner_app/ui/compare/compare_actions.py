"""Plan → Compare with…: choose the other version, compare off the GUI thread (a large
plan takes seconds), show the comparison window; its links show the place in this
window, its button exports the comparison as a PDF (off the GUI thread too)."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu, QMessageBox

from planner_app.exporting.report import ExportCancelledError
from planner_app.i18n import _
from planner_app.services.compare import CompareCancelledError, compare_plans
from planner_app.services.compare_model import PlanComparison
from planner_app.services.plans import PlanInfo, list_plans
from planner_app.storage import PlanFile
from planner_app.ui.compare.compare_html import Place
from planner_app.ui.compare.compare_window import CompareWindow
from planner_app.ui.compare.navigation import show_place
from planner_app.ui.core.background import run_with_progress, show_error
from planner_app.ui.core.labels import one_line, pick_text
from planner_app.ui.plan.plan_actions import ShownPlanActions

if TYPE_CHECKING:
    from planner_app.ui.main_window import MainWindow


def default_other(info: PlanInfo, plans: list[PlanInfo]) -> PlanInfo | None:
    """The version a plan is most likely compared with: the one it was copied from, else
    one copied from it, else the first other plan of the file."""
    others = [p for p in plans if p.id != info.id]
    for wanted in (
        lambda p: p.id == info.previous_plan_id,
        lambda p: p.previous_plan_id == info.id,
    ):
        found = next((p for p in others if wanted(p)), None)
        if found is not None:
            return found
    return others[0] if others else None


class CompareActions(ShownPlanActions):
    """Owns Plan → Compare with… and the comparison window it opens (one at a time).
    GUI thread only."""

    def __init__(self, parent: MainWindow, shown, done) -> None:
        super().__init__(parent, shown, done)
        self.compare_action = self._action(_("&Compare with…"), self.choose_and_compare)
        self.compare_action.setToolTip(
            _("What differs between this plan and another version of it, side by side.")
        )
        self.window: CompareWindow | None = None
        self._pair: tuple[uuid.UUID, uuid.UUID] | None = None
        self.update_actions()

    def populate(self, plan_menu: QMenu) -> None:
        plan_menu.addAction(self.compare_action)

    def update_actions(self) -> None:
        store, info = self._shown()
        several = store is not None and info is not None and len(list_plans(store)) > 1
        self.compare_action.setEnabled(several)

    def choose_and_compare(self) -> PlanComparison | None:
        store, info = self._shown()
        if store is None or info is None:
            return None
        plans = list_plans(store)
        others = [p for p in plans if p.id != info.id]
        if not others:
            return None
        labels = [f"{p.code} — {one_line(pick_text(p.title, p.languages))}" for p in others]
        default = default_other(info, plans)
        current = others.index(default) if default in others else 0
        chosen, ok = QInputDialog.getItem(
            self._window,
            _("Compare with"),
            _("Compare {code} with:").format(code=info.code),
            labels,
            current,
            False,
        )
        if not ok:
            return None
        return self.compare(info.id, others[labels.index(chosen)].id)

    def compare(self, plan_id: uuid.UUID, with_id: uuid.UUID) -> PlanComparison | None:
        """Compare ``plan_id`` with ``with_id`` and show the window (None: cancelled)."""
        store, _info = self._shown()
        if store is None:
            return None

        def job(progress) -> PlanComparison:
            with PlanFile.open(store.path, readonly=True) as own:
                return compare_plans(own, plan_id, with_id, progress=progress)

        kind, value = run_with_progress(
            self._window,
            _("Comparing the two plans…"),
            job,
            cancelled_by=(CompareCancelledError,),
            failure=_("The plans could not be compared: {error}"),
            title=_("Compare"),
        )
        if kind == "failed":
            show_error(self._window, str(value))
        if kind != "done":
            return None
        self._pair = (plan_id, with_id)
        self._show(value)
        return value

    def _show(self, comparison: PlanComparison) -> None:
        if self.window is None:
            self.window = CompareWindow(self._window)
            self.window.place_chosen.connect(self.show_place)
            self.window.again_requested.connect(self.compare_again)
            self.window.pdf_requested.connect(self.export_pdf)
        self.window.show_comparison(comparison)
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()

    def compare_again(self) -> None:
        if self._pair is not None:
            self.compare(*self._pair)

    def show_place(self, place: Place) -> None:
        window: Any = self._window
        if not show_place(window, place.plan_id, place.area, place.item_id):
            QMessageBox.information(
                window, _("Compare"), _("That place is no longer in the file; compare again.")
            )
            return
        window.raise_()
        window.activateWindow()

    def export_pdf(self, out: Path | None = None) -> Path | None:
        comparison = self.window.comparison if self.window else None
        if comparison is None:
            return None
        if out is None:
            name = f"{comparison.after.code}-vs-{comparison.before.code}.pdf"
            chosen, _filter = QFileDialog.getSaveFileName(
                self.window, _("Export the comparison as PDF"), name, _("PDF (*.pdf)")
            )
            if not chosen:
                return None
            out = Path(chosen)
        from planner_app.exporting.pdf_compare import export_comparison  # reportlab: when used

        target = out
        kind, value = run_with_progress(
            self.window,
            _("Writing {name}…").format(name=target.name),
            lambda progress: export_comparison(comparison, target, progress=progress),
            cancelled_by=(ExportCancelledError,),
            failure=_("The PDF could not be written: {error}"),
            title=_("Export the comparison as PDF"),
        )
        if kind == "failed":
            show_error(self.window, str(value))
        return target if kind == "done" else None
