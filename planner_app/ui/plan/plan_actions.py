"""The Plan menu's state changes: make final (after the legal minimum content is shown),
back to draft, new draft, next year; and the check of the legal minimum content."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from planner_app.domain.enums import PlanKind, PlanState
from planner_app.domain.legal_minimum import Place, table_for
from planner_app.errors import PlannerError
from planner_app.i18n import _
from planner_app.services import completeness, copying, next_year, plans
from planner_app.services.common import Changed
from planner_app.services.compare_model import Area
from planner_app.services.completeness import CompletenessReport, ElementResult
from planner_app.services.plans import PlanInfo
from planner_app.storage import PlanFile
from planner_app.ui.core.background import run_reading
from planner_app.ui.plan.carry_dialog import CarryDialog
from planner_app.ui.plan.completeness_dialog import CompletenessDialog

PLACE_AREAS = {
    Place.CHAPTERS: Area.CHAPTER,
    Place.OBJECTIVES: Area.OBJECTIVE,
    Place.BUDGET: Area.BUDGET,
}

Shown = Callable[[], tuple[PlanFile | None, PlanInfo | None]]


def _menu_path(*entries: str) -> str:
    """``Plan → Back to draft…`` as a user reads it in the menus (no ``&`` marks)."""
    return " → ".join(e.replace("&&", "\0").replace("&", "").replace("\0", "&") for e in entries)


class ShownPlanActions(QObject):
    """Actions on the plan a window shows: ``shown`` tells which file and plan that is;
    ``done`` is called with the plan to show next (the same one, or a copy just made).
    GUI thread only."""

    def __init__(self, parent: QWidget, shown: Shown, done: Callable[[uuid.UUID], None]):
        super().__init__(parent)
        self._window = parent
        self._shown = shown
        self._done = done

    def _action(self, text: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self._window)
        action.triggered.connect(lambda _checked=False: slot())
        return action


class PlanActions(ShownPlanActions):
    """Owns the Plan menu's state actions; each calls one service, after a confirmation.
    These changes are not undoable (the confirmation says so)."""

    def __init__(self, parent: QWidget, shown: Shown, done: Callable[[uuid.UUID], None]):
        super().__init__(parent, shown, done)
        self.make_final_action = self._action(_("Make &final for signature…"), self.make_final)
        self.back_to_draft_action = self._action(_("&Back to draft…"), self.back_to_draft)
        self.new_draft_action = self._action(_("New &draft version"), self.new_draft_version)
        self.next_year_action = self._action(_("&Next year's plan"), self.next_year_plan)
        self.check_action = self._action(
            _("Check the legal &minimum content…"), self.check_completeness
        )
        self.check_action.setToolTip(
            _("Each element the law requires in a plan of this kind: present or missing.")
        )
        # the state changes (the check reads only: the window adds it to the menu itself)
        self.actions = (
            self.make_final_action,
            self.back_to_draft_action,
            self.new_draft_action,
            self.next_year_action,
        )
        self.update_actions()

    def update_actions(self) -> None:
        store, info = self._shown()
        writable = store is not None and not store.readonly and info is not None
        state = info.state if info else None
        self.check_action.setEnabled(store is not None and info is not None)
        self.make_final_action.setEnabled(writable and state is PlanState.DRAFT)
        self.back_to_draft_action.setEnabled(writable and state is PlanState.FINAL)
        self.new_draft_action.setEnabled(writable and state is not PlanState.DRAFT)
        self.next_year_action.setEnabled(
            writable
            and info is not None
            and (info.kind.is_yearly or info.kind is PlanKind.STRATEGIC)
        )

    def _confirm(self, title: str, text: str, note: str | None = None) -> bool:
        """Yes or No to ``text``; ``note`` (by default: Edit → Undo does not take it
        back) says below it how the step can be reversed, if at all."""
        if note is None:
            note = _("This cannot be undone with Edit → Undo.")
        answer = QMessageBox.question(
            self._window,
            title,
            text + "\n\n" + note,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _call(self, service: Callable[[PlanFile, uuid.UUID], Changed]) -> uuid.UUID | None:
        store, info = self._shown()
        if store is None or info is None:
            return None
        try:
            changed = service(store, info.id)
        except PlannerError as err:
            QMessageBox.warning(self._window, _("Plan"), str(err))
            return None
        self._done(changed.id)
        return changed.id

    def make_final(self) -> uuid.UUID | None:
        """Make the plan final for signature. Where the law lists required elements for
        its kind, the list is shown first; the user may go on without the missing ones,
        and that answer is noted in the file (``completeness.make_final_checked``)."""
        store, info = self._shown()
        if store is None or info is None:
            return None
        if not table_for(info.kind):
            if not self._confirm(
                _("Make final for signature"),
                _(
                    "Make this plan final for signature? It is frozen and fingerprinted; "
                    "to change it later you make a new draft version."
                ),
                self._final_note(),
            ):
                return None
            return self._call(plans.make_final)
        report = self._completeness(store, info)
        if report is None:
            return None
        dialog = CompletenessDialog(report, finalising=True, parent=self._window)
        dialog.element_chosen.connect(self.show_element)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        seen = [r.element.key for r in report.missing]
        return self._call(
            lambda store, plan_id: completeness.make_final_checked(
                store, plan_id, acknowledged=seen
            )
        )

    def _final_note(self) -> str:
        """How a plan made final is reopened, said plainly (not with Edit → Undo)."""
        return _(
            "Edit → Undo does not take this step back. While the plan is not yet "
            "signed, {back_to_draft} reopens it for changes. Once it is signed, "
            "changes need a new draft version ({new_draft})."
        ).format(
            back_to_draft=_menu_path(_("&Plan"), self.back_to_draft_action.text()),
            new_draft=_menu_path(_("&Plan"), self.new_draft_action.text()),
        )

    def check_completeness(self) -> CompletenessReport | None:
        """Show the legal minimum content of the plan (any state)."""
        store, info = self._shown()
        if store is None or info is None:
            return None
        report = self._completeness(store, info)
        if report is None:
            return None
        dialog = CompletenessDialog(report, finalising=False, parent=self._window)
        dialog.element_chosen.connect(self.show_element)
        dialog.open()
        self.completeness_dialog = dialog
        return report

    def _completeness(self, store: PlanFile, info: PlanInfo) -> CompletenessReport | None:
        return run_reading(
            self._window,
            store,
            lambda own, _progress: completeness.check_plan(own, info.id),
            label=_("Checking the legal minimum content…"),
            failure=_("The plan could not be checked: {error}"),
            title=_("Legal minimum content"),
        )

    def show_element(self, result: ElementResult) -> None:
        """Go where a missing element is filled in: its tab, the first objective lacking
        it selected."""
        from planner_app.ui.compare.navigation import show_place

        store, info = self._shown()
        if store is None or info is None:
            return
        first = result.objective_ids[0] if result.objective_ids else None
        area = PLACE_AREAS[result.element.place]
        show_place(self._window, info.id, area, first)  # type: ignore[arg-type]

    def back_to_draft(self) -> uuid.UUID | None:
        if not self._confirm(
            _("Back to draft"),
            _("Reopen this plan as a draft? Its fingerprint no longer holds once it changes."),
        ):
            return None
        return self._call(plans.back_to_draft)

    def new_draft_version(self) -> uuid.UUID | None:
        """A new draft copy of the final or signed plan, shown at once (no question:
        the plan itself does not change)."""
        return self._call(copying.new_draft_version)

    def next_year_plan(self) -> uuid.UUID | None:
        """Next year's plan from the yearly plan shown (or, from a strategic plan, its
        next yearly plan); then what was carried and left behind, printable."""
        _store, info = self._shown()
        strategic = info is not None and info.kind is PlanKind.STRATEGIC
        text = (
            _(
                "Make the next yearly plan of this strategic plan? It continues from its "
                "latest yearly plan (or makes its first one), with the initiatives that are "
                "not done."
            )
            if strategic
            else _(
                "Make next year's plan from this one? It takes the structure, units and "
                "chapters, the initiatives that are not done with their open milestones "
                "(moved to next year, to re-plan), this year's actuals as the new "
                "baselines, and the diversity plan."
            )
        )
        if not self._confirm(_("Next year's plan"), text):
            return None
        reports: list[next_year.CarryReport] = []

        def make(store: PlanFile, plan_id: uuid.UUID) -> Changed:
            changed = next_year.next_year_plan(store, plan_id)
            reports.append(changed.extra["report"])
            return changed

        made = self._call(make)
        if made is not None and reports:
            dialog = CarryDialog(reports[0], self._window)
            try:
                dialog.exec()
            finally:
                dialog.deleteLater()
        return made
