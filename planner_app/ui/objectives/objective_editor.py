"""The editor beside the tree: every field of one objective, its milestones and its
indicators, each edit an undo command run through the document."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from planner_app.domain.codes import LevelScheme
from planner_app.domain.enums import InitiativeKind, ObjectiveLevel, Status
from planner_app.errors import PlannerError
from planner_app.i18n import _
from planner_app.services import plans
from planner_app.services.common import (
    Changed,
    Entity,
    reshapes_plan,
)
from planner_app.services.detail_patch import concerns, patched_detail
from planner_app.services.details import ObjectiveDetail, objective_detail
from planner_app.services.history import objective_history
from planner_app.services.levels import load_scheme
from planner_app.services.objectives import TEXT_FIELDS
from planner_app.services.units import UnitInfo, load_units
from planner_app.ui.core.command import BaseCommand
from planner_app.ui.core.content_language import ContentLanguage
from planner_app.ui.core.document import Applied, Outcome, PlanDocument, document_read_only
from planner_app.ui.core.document_bound import DocumentBound
from planner_app.ui.core.history_dialog import open_history
from planner_app.ui.core.labels import (
    kind_label,
    one_line,
    pick_text,
    status_label,
)
from planner_app.ui.core.status_icons import status_icon
from planner_app.ui.core.text_fields import GrowingTextEdit, TextBinding
from planner_app.ui.core.translation_marks import ReferenceHint
from planner_app.ui.objectives.commands import SetObjectiveFieldCommand
from planner_app.ui.objectives.indicator_detail import IndicatorDetail
from planner_app.ui.objectives.indicators import IndicatorTableModel
from planner_app.ui.objectives.linked_budget import linked_budget_text
from planner_app.ui.objectives.milestones import MilestoneTableModel
from planner_app.ui.objectives.objective_tables import RowsTable
from planner_app.ui.objectives.rollup_label import RollUpLabel
from planner_app.ui.objectives.serves_box import ServesBox

_DETAIL_ENTITIES = (Entity.OBJECTIVE, Entity.MILESTONE, Entity.INDICATOR)
_BUDGET_ENTITIES = (Entity.BUDGET_LINE, Entity.BUDGET_AMOUNT, Entity.BUDGET)


class ObjectiveEditor(DocumentBound, QWidget):
    """Edits one objective of the document's plan (or shows a heading or a hint).

    Owns its widgets and the two table models (passive: it gives them the objective's
    milestones and indicators and runs their edits, ``run``); holds the objective's id
    and its ``ObjectiveDetail``, read when the objective is shown and brought up to date
    by each change that names it (``detail_patch``: an edit, its undo and redo read
    nothing; a renumbering or a row added or removed reads the detail again). Texts are
    edited in one of the plan's languages (the first by default, see ``set_language``).
    GUI thread only.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document: PlanDocument | None = None
        self._objective_id: uuid.UUID | None = None
        self._detail: ObjectiveDetail | None = None
        self._plan: plans.PlanInfo | None = None
        self._scheme = LevelScheme({}, ("nl",))
        self._units: list[UnitInfo] = []
        self._language = ""
        self._read_only = True
        self._reference = False  # the objective shown is the strategic plan's (read-only)
        self._loading = False
        self.milestones = MilestoneTableModel(self, self)
        self.indicators = IndicatorTableModel(self, self)
        self._build()
        self.show_hint(_("Select an objective to see its details."))

    # --- building --------------------------------------------------------------------

    def _build(self) -> None:
        self.heading = QLabel()
        self.heading.setObjectName("objective_heading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.meta = QLabel()
        self.meta.setObjectName("objective_meta")
        self.meta.setStyleSheet("color: palette(placeholder-text);")

        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("objective_code")
        self.code_edit.setToolTip(
            _(
                "The code as printed. It stays when the objective moves; Plan → Renumber… "
                "numbers objectives by their place. Type a number (3.1) for the level's "
                "own words around it, or a code of your own (Axe 2)."
            )
        )
        self.code_edit.setMaximumWidth(220)
        code_row = QHBoxLayout()
        code_row.addWidget(self.code_edit)
        code_row.addStretch(1)
        self.title_edit = QLineEdit()
        self.kind_combo = QComboBox()
        for kind in InitiativeKind:
            self.kind_combo.addItem(kind_label(kind), kind.value)
        self.status_combo = QComboBox()
        for status in Status:
            self.status_combo.addItem(status_icon(status), status_label(status), status.value)
        self.lead_combo = QComboBox()
        self.lead_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.lead_combo.setMinimumContentsLength(24)
        self.partner_list = QListWidget()
        self.partner_list.setObjectName("partners")
        self.partner_list.setMaximumHeight(self.fontMetrics().lineSpacing() * 7)
        self.description_edit = GrowingTextEdit(min_lines=3)
        self.results_edit = GrowingTextEdit(min_lines=3)

        fields = (
            ("title", self.title_edit),
            ("code", self.code_edit),
            ("description", self.description_edit),
            ("intended_results", self.results_edit),
        )
        self._bindings = {
            field: TextBinding(self, widget, field, self.commit_text) for field, widget in fields
        }
        self.references = {  # the main-language text under a field being translated
            field: ReferenceHint(self, self._bindings[field].widget) for field in TEXT_FIELDS
        }
        self.kind_combo.activated.connect(lambda _i: self._combo_chosen(self.kind_combo, "kind"))
        self.status_combo.activated.connect(
            lambda _i: self._combo_chosen(self.status_combo, "status")
        )
        self.lead_combo.activated.connect(
            lambda _i: self._combo_chosen(self.lead_combo, "lead_unit_id")
        )
        self.partner_list.itemChanged.connect(self._partner_toggled)

        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.title_label = QLabel(_("Title"))
        self.description_label = QLabel(_("Description"))
        self.results_label = QLabel(_("Intended results"))
        self.form.addRow(self.title_label, self.title_edit)
        self.form.addRow("", self.references["title"].label)
        self.form.addRow(_("Code"), code_row)
        self.form.addRow(_("Kind"), self.kind_combo)
        self.status_label = QLabel(_("Status"))
        self.form.addRow(self.status_label, self.status_combo)
        self.form.addRow(_("Lead unit"), self.lead_combo)
        self.form.addRow(_("Involved units"), self.partner_list)
        self.form.addRow(self.description_label, self.description_edit)
        self.form.addRow("", self.references["description"].label)
        self.form.addRow(self.results_label, self.results_edit)
        self.form.addRow("", self.references["intended_results"].label)
        self.budget_label = QLabel()  # read-only: lines are linked on the Budget tab
        self.budget_label.setObjectName("linked_budget")
        self.budget_label.setWordWrap(True)
        self.form.addRow(_("Budget"), self.budget_label)

        self.rollup_label = RollUpLabel()  # read-only: computed from what hangs under it
        self.rollup_label.shown.connect(lambda on: self.form.setRowVisible(self.rollup_label, on))
        self.form.insertRow(self.form.rowCount() - 1, _("Progress from below"), self.rollup_label)

        self.milestone_table = RowsTable(
            self.milestones, _("Milestones"), _("Add milestone"), movable=True
        )
        self.indicator_table = RowsTable(self.indicators, _("Indicators"), _("Add indicator"))
        self.indicator_detail = IndicatorDetail(self)
        self.indicator_detail.follow(self.indicator_table.view, self.indicators)

        self.history_action = QAction(_("History of the o&bjective…"), self)
        self.history_action.setShortcut(QKeySequence("Ctrl+Shift+H"))
        self.history_action.setToolTip(
            _("Who changed what of this objective, and when (Ctrl+Shift+H).")
        )
        self.history_action.triggered.connect(lambda _checked=False: self.show_history())
        self.history_action.setEnabled(False)
        self.history_button = QToolButton()
        self.history_button.setDefaultAction(self.history_action)
        self.history_action.setIconText(_("History…"))  # what the button shows
        self.history_button.setAccessibleName(_("History of the objective"))
        heading_row = QHBoxLayout()
        heading_row.addWidget(self.heading, 1)
        heading_row.addWidget(self.history_button, 0, Qt.AlignmentFlag.AlignTop)

        form_page = QWidget()
        layout = QVBoxLayout(form_page)
        layout.addLayout(heading_row)
        layout.addWidget(self.meta)
        layout.addSpacing(6)
        layout.addLayout(self.form)
        self.serves_box = ServesBox()
        layout.addWidget(self.serves_box)
        layout.addSpacing(6)
        layout.addWidget(self.milestone_table)
        layout.addWidget(self.indicator_table)
        layout.addWidget(self.indicator_detail)
        layout.addStretch(1)

        self.hint = QLabel()
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.hint.setStyleSheet("color: palette(placeholder-text); font-style: italic;")
        self.hint.setMargin(12)
        self.policy_heading = QLabel()
        self.policy_heading.setFont(self.heading.font())
        self.policy_heading.setWordWrap(True)
        policy_page = QWidget()
        policy_layout = QVBoxLayout(policy_page)
        policy_layout.addWidget(self.policy_heading)
        policy_meta = QLabel(_("Policy field"))
        policy_meta.setStyleSheet("color: palette(placeholder-text);")
        policy_layout.addWidget(policy_meta)
        policy_layout.addStretch(1)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.hint)
        self.pages.addWidget(policy_page)
        self.pages.addWidget(form_page)
        self.scroll = QScrollArea()
        self.scroll.setAccessibleName(_("Objective details"))
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.pages)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)
        self._form_page, self._policy_page = form_page, policy_page

    # --- public API --------------------------------------------------------------------

    @property
    def objective_id(self) -> uuid.UUID | None:
        return self._objective_id

    @property
    def language(self) -> str:
        plan_languages = self._plan.languages if self._plan else ()
        if self._language in plan_languages:
            return self._language
        return plan_languages[0] if plan_languages else "nl"

    @property
    def read_only(self) -> bool:
        return self._read_only or self._reference

    def set_document(self, document: PlanDocument | None) -> None:
        """Edit objectives of ``document``'s plan (``None``: nothing open)."""
        self.commit_pending()
        super().set_document(document)

    def reload(self) -> None:
        self._objective_id = None
        self._load_plan()
        self.show_hint(_("Select an objective to see its details."))

    def set_language(self, language: str) -> None:
        """Show and edit texts in ``language`` (one of the plan's languages)."""
        self.commit_pending()
        self._language = language
        self.milestones.set_language(self.language)
        self.indicators.set_language(self.language)
        self.indicator_detail.language = self.language
        self._refresh(force=True)

    def show_objective(self, objective_id: uuid.UUID | None) -> None:
        """Show and edit ``objective_id`` of the document's plan (``None``: a hint)."""
        if objective_id is not None and objective_id == self._objective_id:
            return
        self.commit_pending()
        if objective_id is None or self._document is None:
            self.show_hint(_("Select an objective to see its details."))
            return
        self._objective_id = objective_id
        self._refresh(force=True)
        # another objective starts at its heading, not where the last one was scrolled
        self.scroll.verticalScrollBar().setValue(0)

    def show_history(self) -> QDialog | None:
        """The objective's History (from the change log), in the language edited."""
        if self._document is None or self._detail is None:
            return None
        store, objective_id, language = self._document.store, self._detail.id, self.language
        name = self._detail.code  # as the plan prints it ("SD 1")
        return open_history(
            self,
            _("History of {name}").format(name=name),
            lambda: objective_history(store, objective_id, language),
        )

    def show_heading(self, title: str) -> None:
        self.commit_pending()
        self._clear()
        self.policy_heading.setText(title)
        self.pages.setCurrentWidget(self._policy_page)

    def show_hint(self, text: str) -> None:
        self.commit_pending()
        self._clear()
        self.hint.setText(text)
        self.pages.setCurrentWidget(self.hint)

    def commit_pending(self) -> None:
        """Commit text typed but not yet committed (before undo, save or switching)."""
        if self._detail is None or self._document is None or self.read_only:
            return
        for binding in self._bindings.values():
            binding.commit()
        self.indicator_detail.commit_pending()

    # --- commits -----------------------------------------------------------------------

    def commit_text(self, binding: TextBinding) -> None:
        if self._detail is None or self._loading or self.read_only:
            return
        text = binding.text()
        if isinstance(binding.widget, QLineEdit):
            text = text.strip()
        if text == binding.committed:
            binding.load(text, force=True)
            return
        value: Any = text
        if binding.field in TEXT_FIELDS:
            value = {self.language: text}
        merge_key = ("objective-editor", self._detail.id, binding.field, binding.session)
        if self._run(binding.field, value, merge_key):
            binding.load(text, force=True)
        else:
            binding.load(_text_of(self._detail, binding.field, self.language), force=True)

    def _combo_chosen(self, combo: QComboBox, field: str) -> None:
        if self._detail is None or self._loading:
            return
        value = _from_data(field, combo.currentData())
        if value != getattr(self._detail, field) and not self._run(field, value):
            self._refresh(force=True)

    def _partner_toggled(self, _item: QListWidgetItem) -> None:
        if self._detail is None or self._loading:
            return
        chosen = [
            uuid.UUID(self.partner_list.item(row).data(Qt.ItemDataRole.UserRole))
            for row in range(self.partner_list.count())
            if self.partner_list.item(row).checkState() == Qt.CheckState.Checked
        ]
        if set(chosen) != set(self._detail.partner_ids) and not self._run("partners", chosen):
            self._refresh(force=True)

    def _run(self, field: str, value: Any, merge_key: Any = None) -> bool:
        assert self._document is not None and self._detail is not None
        command = SetObjectiveFieldCommand(
            self._document, self._detail.id, field, value, merge_key=merge_key
        )
        return bool(self.run(command))

    # --- edits (the tables run theirs here) --------------------------------------------

    def run(self, command: BaseCommand) -> Outcome:
        """Run an edit of this editor or its tables and show what it changed."""
        if self._document is None:
            return Outcome(reason="")
        outcome = self._document.run(command, initiator=self)
        if outcome.changed is not None:
            self._apply(outcome.changed, echo=True)
        return outcome

    def refuse(self, reason: str) -> None:
        if self._document is not None:
            self._document.refuse(reason, self)

    # --- following changes --------------------------------------------------------------

    def _on_changed(self, applied: Applied) -> None:
        if applied.initiator is self:
            return  # shown already, from the outcome of the edit
        changed = applied.changed
        if changed.entity is Entity.PLAN:
            if not reshapes_plan(changed):
                return  # a code, title or organisation: nothing here shows it
            self._load_plan()
            self._refresh(force=False)
        elif changed.entity is Entity.UNIT:
            self._units_changed(changed)
        elif changed.entity in _DETAIL_ENTITIES:
            if self._objective_id is not None:
                self._schedule_rollup()  # something under it may have changed
            self._apply(changed, echo=False)
        elif changed.entity in _BUDGET_ENTITIES and self._objective_id is not None:
            self._show_budget()

    def _apply(self, changed: Changed, *, echo: bool) -> None:
        """Show the objective as ``changed`` left it: in place when it says enough, else
        read again (another objective's move may have renumbered this one)."""
        if self._objective_id is None or self._detail is None:
            return
        if changed.entity not in _DETAIL_ENTITIES:
            return
        mine = concerns(self._objective_id, changed)
        if changed.entity is Entity.OBJECTIVE and changed.op == "updated" and not mine:
            return  # another objective's fields
        if changed.entity is not Entity.OBJECTIVE and not mine:
            return  # another objective's milestones or indicators
        detail = patched_detail(self._detail, changed)
        if detail is None:  # typing not yet committed stays (``force`` False)
            self._refresh(force=False, echo=echo, budget=False)
            return
        self._show_detail(detail, force=False, echo=echo)

    def _schedule_rollup(self) -> None:
        """What hangs under an SD or OD, today (the status above is the person's); an
        initiative has none (its milestones and indicators are in view already)."""
        store = self._document.store if self._document is not None else None
        detail = self._detail
        under = detail is not None and detail.level is not ObjectiveLevel.INITIATIVE
        self.rollup_label.schedule(store, self._objective_id if under else None)

    def _units_changed(self, changed: Changed) -> None:
        """A unit renamed is renamed in the lists; any other change reads them again."""
        if changed.op == "updated" and set(changed.new) <= {"name", "code"}:
            new = changed.new
            self._units = [
                dataclasses.replace(u, **{k: v for k, v in new.items() if hasattr(u, k)})
                if u.id in changed.ids
                else u
                for u in self._units
            ]
        else:
            self._load_plan()
            if self._objective_id is None:
                return
        self._fill_units()
        if self._detail is not None:
            self._show_detail(self._detail, force=False, echo=True)

    def _show_budget(self) -> None:
        text = ""
        if self._document is not None and self._objective_id is not None:
            languages = (self.language, *(self._plan.languages if self._plan else ()))
            text = linked_budget_text(self._document.store, self._objective_id, languages)
        self.budget_label.setText(text)
        self.form.setRowVisible(self.budget_label, bool(text))

    def _load_plan(self) -> None:
        document = self._document
        self._plan, self._units = None, []
        if document is not None:
            try:
                self._plan = plans.plan_info(document.store, document.plan_id)
                self._units = load_units(document.store, document.plan_id)
                self._scheme = load_scheme(document.store, document.plan_id)
            except PlannerError:
                self._plan = None
        self._read_only = document_read_only(document)
        for table in (self.milestones, self.indicators):
            table.set_plan(self._plan)
            table.set_read_only(self._read_only)
        self.indicator_detail.set_plan(self._plan, self._units, self._read_only)
        self._fill_units()

    def _refresh(self, *, force: bool, echo: bool = False, budget: bool = True) -> None:
        """Re-read the objective and show it; ``force`` replaces typing not committed."""
        if self._document is None or self._objective_id is None:
            return
        try:
            detail = objective_detail(self._document.store, self._objective_id)
        except PlannerError as err:
            self.show_hint(str(err))
            return
        self._show_detail(detail, force=force, echo=echo, budget=budget)

    def _show_detail(
        self, detail: ObjectiveDetail, *, force: bool, echo: bool, budget: bool = False
    ) -> None:
        """Show ``detail``: the form, and the tables' rows (in place)."""
        self._detail = detail
        self.indicator_detail.objective_id = detail.id  # before its table resets
        self.milestones.show_detail(detail)
        self.indicators.show_detail(detail)
        self.indicator_detail.show_current(detail.id)
        self._schedule_rollup()
        # "To re-plan" only where a milestone came undone from last year's plan
        self.milestone_table.view.setColumnHidden(
            MilestoneTableModel.REPLAN, not any(m.replan for m in detail.milestones)
        )
        self._loading = True
        try:
            self._show(detail, force=force, echo=echo)
        finally:
            self._loading = False
        if budget:
            self._show_budget()
        self.pages.setCurrentWidget(self._form_page)
        self.history_action.setEnabled(True)

    def _show(self, detail: ObjectiveDetail, *, force: bool, echo: bool) -> None:
        lang = self.language
        # the code and the level's name as the plan prints them, whatever the UI speaks
        self.heading.setText(detail.code)
        meta = self._scheme.name(detail.level)
        if detail.kind is not None:
            meta += " · " + kind_label(detail.kind)
        if detail.is_reference:
            meta += " · " + _("the strategic plan's objective, read-only here")
        self.meta.setText(meta)
        self._reference = detail.is_reference
        if not echo:
            for field, binding in self._bindings.items():
                binding.load(_text_of(detail, field, lang), force=force)
        suffix = f" ({lang})" if self._plan and len(self._plan.languages) > 1 else ""
        self.title_label.setText(_("Title") + suffix)
        self.description_label.setText(_("Description") + suffix)
        self.results_label.setText(_("Intended results") + suffix)
        self._show_references(detail)
        self.form.setRowVisible(self.kind_combo, detail.level is ObjectiveLevel.INITIATIVE)
        self.form.setRowVisible(self.status_combo, bool(self._plan and self._plan.track_status))
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(_to_data(detail.kind)))
        self.status_combo.setCurrentIndex(self.status_combo.findData(_to_data(detail.status)))
        self.lead_combo.setCurrentIndex(
            max(0, self.lead_combo.findData(_to_data(detail.lead_unit_id)))
        )
        partners = {_to_data(p) for p in detail.partner_ids}
        self.partner_list.blockSignals(True)
        for row in range(self.partner_list.count()):
            item = self.partner_list.item(row)
            checked = item.data(Qt.ItemDataRole.UserRole) in partners
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.partner_list.blockSignals(False)
        if force or detail.id != self.serves_box.objective_id:  # it follows its own changes
            content = ContentLanguage()
            content.set_languages(self._plan.languages if self._plan else ())
            content.choose(lang)
            self.serves_box.show_objective(
                self._document, detail.id, self._read_only or detail.is_reference, content
            )
        self._apply_read_only()

    def _show_references(self, detail: ObjectiveDetail | None) -> None:
        main = self._plan.languages[0] if self._plan else self.language
        for field, hint in self.references.items():
            reference = _text_of(detail, field, main) if detail is not None else ""
            hint.show_reference(reference, main, self.language)
            self.form.setRowVisible(hint.label, hint.visible)

    def _fill_units(self) -> None:
        languages = self._plan.languages if self._plan else ()
        self._loading = True
        self.lead_combo.clear()
        self.lead_combo.addItem("—", "")
        self.partner_list.blockSignals(True)
        self.partner_list.clear()
        for unit in self._units:
            name = one_line(pick_text(unit.name, (self.language, *languages))) or unit.code
            self.lead_combo.addItem("    " * unit.depth + name, _to_data(unit.id))
            item = QListWidgetItem("    " * unit.depth + name)
            item.setData(Qt.ItemDataRole.UserRole, _to_data(unit.id))
            item.setToolTip(f"{unit.code} — {name}" if unit.code else name)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.partner_list.addItem(item)
        self.partner_list.blockSignals(False)
        self._loading = False

    def _apply_read_only(self) -> None:
        ro = self._read_only or self._reference
        for binding in self._bindings.values():
            binding.widget.setReadOnly(ro)
        for combo in (self.kind_combo, self.status_combo, self.lead_combo):
            combo.setEnabled(not ro)
        flags = Qt.ItemFlag.ItemIsEnabled
        if not ro:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        self.partner_list.blockSignals(True)
        for row in range(self.partner_list.count()):
            self.partner_list.item(row).setFlags(flags)
        self.partner_list.blockSignals(False)
        self.milestone_table.set_read_only(ro)
        self.indicator_table.set_read_only(ro)
        for table in (self.milestones, self.indicators):
            table.set_read_only(ro)

    def _clear(self) -> None:
        self.history_action.setEnabled(False)
        self._objective_id = None
        self._detail = None
        self.milestones.show_detail(None)
        self.indicators.show_detail(None)
        self.indicator_detail.show_indicator(None, None, self.language)
        self.rollup_label.schedule(None, None)
        self._loading = True
        for binding in self._bindings.values():
            binding.load("", force=True)
        self._loading = False
        self._show_references(None)


def _to_data(value: Any) -> str:
    """What a combo or list item holds for a stored value: text (Qt compares it)."""
    if value is None:
        return ""
    return value.value if isinstance(value, (Status, InitiativeKind)) else str(value)


def _from_data(field: str, data: str) -> Any:
    if field == "status":
        return Status(data)
    if field == "kind":
        return InitiativeKind(data) if data else None
    return uuid.UUID(data) if data else None  # lead_unit_id


def _text_of(detail: ObjectiveDetail, field: str, language: str) -> str:
    value = getattr(detail, field)
    return value.get(language, "") if isinstance(value, dict) else (value or "")
