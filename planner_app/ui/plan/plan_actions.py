"""The Plan menu's state changes: make final, back to draft, new draft, next year."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from planner_app.domain.enums import PlanState
from planner_app.errors import PlannerError
from planner_app.i18n import _
from planner_app.services import copying, plans
from planner_app.services.common import Changed
from planner_app.services.plans import PlanInfo
from planner_app.storage import PlanFile

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
        self.make_final_action.setEnabled(writable and state is PlanState.DRAFT)
        self.back_to_draft_action.setEnabled(writable and state is PlanState.FINAL)
        self.new_draft_action.setEnabled(writable and state is not PlanState.DRAFT)
        self.next_year_action.setEnabled(writable and info is not None and info.kind.is_yearly)

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
        if not self._confirm(
            _("Make final for signature"),
            _(
                "Make this plan final for signature? It is frozen and fingerprinted; "
                "to change it later you make a new draft version."
            ),
            _(
                "Edit → Undo does not take this step back. While the plan is not yet "
                "signed, {back_to_draft} reopens it for changes. Once it is signed, "
                "changes need a new draft version ({new_draft})."
            ).format(
                back_to_draft=_menu_path(_("&Plan"), self.back_to_draft_action.text()),
                new_draft=_menu_path(_("&Plan"), self.new_draft_action.text()),
            ),
        ):
            return None
        return self._call(plans.make_final)

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
        if not self._confirm(
            _("Next year's plan"),
            _(
                "Make next year's plan from this one? It takes the structure, units and "
                "chapters, and the initiatives that are not done."
            ),
        ):
            return None
        return self._call(copying.next_year_plan)
