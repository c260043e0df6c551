"""The diversity pane: the equal-opportunity and diversity plan of a plan year (issue 8).

Contact, introduction, mission and top priority on a form; pillars, priorities and
bottlenecks as lists; objectives with the pillars they serve and their actions; the
indicators with unit, baseline, targets, actuals, source, reliability note and a
coloured status, one indicator's values by year and its chart. Every edit is an undo
command through ``PlanDocument.run``; texts follow the content language chosen. A plan
without a diversity plan offers to create one.

The pane reads the diversity plan once (``reload``) and gives its models the rows
(they never read). An edit, its undo and its redo come back as a ``Changed`` that says
which row and which fields: the pane makes the next ``DiversityInfo`` from it
(``diversity_patch``) and every model updates the rows that differ, in place, so the
tables keep their current cells. Only rows added, removed or moved read the plan again.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner_app.domain.enums import MeasureUnit
from planner_app.domain.labels import label
from planner_app.errors import PlannerError
from planner_app.i18n import _
from planner_app.services import plans
from planner_app.services.common import (
    Changed,
    Entity,
    reshapes_plan,
)
from planner_app.services.diversity_patch import patched
from planner_app.services.diversity_read import (
    DiversityInfo,
    diversity_years,
    load_diversity,
    load_diversity_by_id,
)
from planner_app.ui.core.charts import refresher
from planner_app.ui.core.command import BaseCommand
from planner_app.ui.core.content_language import ContentLanguage
from planner_app.ui.core.document import Applied, Outcome, PlanDocument, document_read_only
from planner_app.ui.core.document_bound import DocumentBound
from planner_app.ui.core.text_fields import GrowingTextEdit, TextBinding
from planner_app.ui.core.translation_marks import field_with_reference
from planner_app.ui.diversity.commands import DiversityFieldCommand, StartDiversityCommand
from planner_app.ui.diversity.diversity_chart import IndicatorChart
from planner_app.ui.diversity.diversity_models import (
    ActionsModel,
    DiversityListModel,
    DiversityModel,
    IndicatorsModel,
    IndicatorValuesModel,
    ObjectivesModel,
)

_EDIT_TRIGGERS = (
    QAbstractItemView.EditTrigger.DoubleClicked
    | QAbstractItemView.EditTrigger.EditKeyPressed
    | QAbstractItemView.EditTrigger.AnyKeyPressed
)
_PLAIN = ("contact_name", "contact_phone", "contact_email")
_TEXTS = ("contact_role", "introduction", "mission", "top_priority")


def _stretch(view: QTableView, *columns: int) -> None:
    """Give the text ``columns`` the room; the short ones fit their contents."""
    header = view.horizontalHeader()
    header.setStretchLastSection(False)
    for column in range(view.model().columnCount()):
        mode = QHeaderView.ResizeMode.Stretch
        if column not in columns:
            mode = QHeaderView.ResizeMode.ResizeToContents
        header.setSectionResizeMode(column, mode)


def _table(model: Any, name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.setWordWrap(True)
    view.setEditTriggers(_EDIT_TRIGGERS)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.verticalHeader().setMaximumSectionSize(110)  # a long text scrolls in its editor
    view.setMinimumHeight(150)
    return view


class UnitDelegate(QStyledItemDelegate):
    """The unit of an indicator is chosen from a list (percent, years, count): one
    choice commits at once, as one undoable step through the model."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Any) -> QWidget:
        combo = QComboBox(parent)
        for unit in MeasureUnit:
            combo.addItem(label(unit), unit.value)
        combo.activated.connect(lambda _row, c=combo: self._chosen(c))
        return combo

    def _chosen(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: Any) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor: QWidget, model: Any, index: Any) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class RowsEditor(QWidget):
    """A table of a ``DiversityModel`` with buttons to add, remove and move rows; the
    current row survives the model's re-reads. Owns its view and buttons.

    A ``master`` table (objectives, indicators) has a detail below it that shows the
    current row, so it starts on its first row rather than on an empty detail."""

    def __init__(
        self, model: DiversityModel, name: str, add_text: str, *, master: bool = False
    ) -> None:
        super().__init__()
        self.model = model
        self.master = master
        self.view = _table(model, name)
        self.add_button = QPushButton(add_text)
        self.remove_button = QPushButton(_("Remove"))
        self.up_button = QPushButton(_("Move up"))
        self.down_button = QPushButton(_("Move down"))
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(+1))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addLayout(buttons)
        self._selected: Any = None
        model.modelAboutToBeReset.connect(self._remember)
        model.modelReset.connect(self._restore)
        self.view.selectionModel().currentRowChanged.connect(lambda *_a: self.update_buttons())
        self.update_buttons()

    def current_row(self) -> int:
        index = self.view.currentIndex()
        return index.row() if index.isValid() else -1

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.view.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def add(self) -> int:
        row = self.model.add_row()
        self.select_row(row)
        return row

    def remove(self) -> bool:
        return self.model.remove_row(self.current_row())

    def move(self, step: int) -> bool:
        row = self.current_row()
        if self.model.move_row(row, row + step):
            self.select_row(row + step)
            return True
        return False

    def _remember(self) -> None:
        row = self.current_row()
        self._selected = self.model.index(row, 0).data(DiversityModel.IdRole) if row >= 0 else None

    def _restore(self) -> None:
        for row in range(self.model.rowCount()):
            if self.model.index(row, 0).data(DiversityModel.IdRole) == self._selected:
                self.select_row(row)
                break
        else:
            if self.master:
                self.select_row(0)
        self.update_buttons()

    def update_buttons(self) -> None:
        editable = self.model.editable()
        row = self.current_row()
        self.add_button.setEnabled(editable)
        self.remove_button.setEnabled(editable and row >= 0)
        self.up_button.setEnabled(editable and row > 0)
        self.down_button.setEnabled(editable and 0 <= row < self.model.rowCount() - 1)


class DiversityPane(DocumentBound, QWidget):
    """Edits the diversity plan of one plan year (the latest by default).

    Owns its models, views and text fields; holds the ``DiversityInfo`` shown, read
    when a plan or year is shown and brought up to date by each change (see the module
    docstring). Runs its models' edits (``run``). GUI thread only.
    """

    EMPTY, PLAN = range(2)
    GENERAL, LISTS, OBJECTIVES, INDICATORS = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document: PlanDocument | None = None
        self._info: DiversityInfo | None = None
        self._plan: plans.PlanInfo | None = None
        self._year: int | None = None
        self._years: list[int] = []
        self._loading = False
        self.content = ContentLanguage()
        # --- top: year and creation
        self.year_combo = QComboBox()
        self.year_combo.setObjectName("diversity_year")
        self.year_combo.activated.connect(self._year_chosen)
        self.new_year = QSpinBox()
        self.new_year.setAccessibleName(_("Year of the new diversity plan"))
        self.new_year.setRange(1900, 2200)
        self.create_button = QPushButton(_("Create diversity plan"))
        self.create_button.setObjectName("create_diversity")
        self.create_button.clicked.connect(lambda: self.create_plan())
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Diversity plan")))
        top.addWidget(self.year_combo)
        top.addStretch(1)
        top.addWidget(self.new_year)
        top.addWidget(self.create_button)
        self.empty_label = QLabel(
            _("This plan has no diversity plan yet. Create one for a year of the plan.")
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        # --- models
        self.pillars = DiversityListModel("pillar", self, self)
        self.priorities = DiversityListModel("priority", self, self)
        self.bottlenecks = DiversityListModel("bottleneck", self, self)
        self.objectives = ObjectivesModel(self, self)
        self.actions = ActionsModel(self, self)
        self.indicators = IndicatorsModel(self, self)
        self.values = IndicatorValuesModel(self, self)
        self.models: tuple[DiversityModel, ...] = (
            self.pillars,
            self.priorities,
            self.bottlenecks,
            self.objectives,
            self.actions,
            self.indicators,
            self.values,
        )
        # --- pages
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._general_page(), _("Contact and introduction"))
        self.pillar_editor = RowsEditor(self.pillars, "diversity_pillars", _("Add pillar"))
        self.priority_editor = RowsEditor(
            self.priorities, "diversity_priorities", _("Add priority")
        )
        self.bottleneck_editor = RowsEditor(
            self.bottlenecks, "diversity_bottlenecks", _("Add bottleneck")
        )
        lists = QSplitter(Qt.Orientation.Vertical)
        for editor in (self.pillar_editor, self.priority_editor, self.bottleneck_editor):
            lists.addWidget(editor)
        self.tabs.addTab(lists, _("Pillars and priorities"))
        self.objective_editor = RowsEditor(
            self.objectives, "diversity_objectives", _("Add objective"), master=True
        )
        self.action_editor = RowsEditor(self.actions, "diversity_actions", _("Add action"))
        _stretch(self.objective_editor.view, ObjectivesModel.TITLE, ObjectivesModel.TEXT)
        _stretch(self.action_editor.view, ActionsModel.TEXT)
        self.objective_editor.view.selectionModel().currentRowChanged.connect(
            lambda *_a: self._objective_chosen()
        )
        self.objectives.modelReset.connect(self._objective_chosen)
        objectives = QSplitter(Qt.Orientation.Vertical)
        objectives.addWidget(self.objective_editor)
        objectives.addWidget(self.action_editor)
        self.tabs.addTab(objectives, _("Objectives"))
        self.indicator_editor = RowsEditor(
            self.indicators, "diversity_indicators", _("Add indicator"), master=True
        )
        # Four lines of a long source or reliability text; the rest is in its tooltip and
        # editor, so several indicators show at once.
        self.indicator_editor.view.verticalHeader().setMaximumSectionSize(68)
        _stretch(
            self.indicator_editor.view,
            IndicatorsModel.NAME,
            IndicatorsModel.TARGET_TEXT,
            IndicatorsModel.SOURCE,
            IndicatorsModel.RELIABILITY,
        )
        self.unit_delegate = UnitDelegate(self)
        self.indicator_editor.view.setItemDelegateForColumn(
            IndicatorsModel.UNIT, self.unit_delegate
        )
        self.values_view = _table(self.values, "diversity_values")
        for view, name in (  # what a screen reader calls each table (issue 32)
            (self.tabs, _("Parts of the diversity plan")),
            (self.pillar_editor.view, _("Pillars")),
            (self.priority_editor.view, _("Priorities")),
            (self.bottleneck_editor.view, _("Bottlenecks")),
            (self.objective_editor.view, _("Objectives")),
            (self.action_editor.view, _("Actions")),
            (self.indicator_editor.view, _("Indicators")),
            (self.values_view, _("Figures per year")),
        ):
            view.setAccessibleName(name)
        _stretch(self.values_view)  # each column as wide as its header ("Mesure de référence")
        self.values_view.horizontalHeader().setStretchLastSection(True)
        self.values_view.setToolTip(
            _("Type a value such as 4,2, or counts such as 3/50 for a percentage.")
        )
        self.chart = IndicatorChart()
        self._redraw = refresher(self, self._draw_chart)
        self.indicator_editor.view.selectionModel().currentRowChanged.connect(
            lambda *_a: self._indicator_chosen()
        )
        self.indicators.modelReset.connect(self._indicator_chosen)
        lower = QSplitter(Qt.Orientation.Horizontal)
        lower.addWidget(self.values_view)
        lower.addWidget(self.chart)
        self.values_view.setMinimumWidth(420)
        lower.setStretchFactor(1, 2)
        indicators = QSplitter(Qt.Orientation.Vertical)
        indicators.addWidget(self.indicator_editor)
        indicators.addWidget(lower)
        indicators.setStretchFactor(0, 3)
        indicators.setStretchFactor(1, 2)
        self.tabs.addTab(indicators, _("Indicators"))
        self.tabs.currentChanged.connect(lambda _i: self.commit_pending())
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.tabs)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack)
        self.set_document(None)

    def _general_page(self) -> QWidget:
        self.fields: dict[str, QLineEdit | GrowingTextEdit] = {
            "contact_name": QLineEdit(),
            "contact_role": QLineEdit(),
            "contact_phone": QLineEdit(),
            "contact_email": QLineEdit(),
            "introduction": GrowingTextEdit(min_lines=4, max_lines=20),
            "mission": GrowingTextEdit(min_lines=3, max_lines=16),
            "top_priority": GrowingTextEdit(min_lines=3, max_lines=16),
        }
        for name, widget in self.fields.items():
            widget.setObjectName(f"diversity_{name}")
        self._bindings = {
            name: TextBinding(self, widget, name, self._commit_text)
            for name, widget in self.fields.items()
        }
        self.references = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        titles = {
            "contact_name": _("Contact person"),
            "contact_role": _("Role"),
            "contact_phone": _("Phone"),
            "contact_email": _("Email"),
            "introduction": _("Introduction"),
            "mission": _("Mission"),
            "top_priority": _("Top priority"),
        }
        for name, widget in self.fields.items():
            if name in _TEXTS:
                box, hint = field_with_reference(self, widget)
                self.references[name] = hint
                form.addRow(titles[name], box)
            else:
                form.addRow(titles[name], widget)
        inner = QWidget()
        inner.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setAccessibleName(_("Contact and introduction"))
        return scroll

    # --- public API --------------------------------------------------------------------

    @property
    def info(self) -> DiversityInfo | None:
        return self._info

    @property
    def language(self) -> str:
        return self.content.current

    def set_document(self, document: PlanDocument | None) -> None:
        self.commit_pending()
        self._year = None
        super().set_document(document)

    def set_language(self, language: str) -> None:
        """Show and edit every text of the pane in ``language`` (one of the plan's)."""
        self.commit_pending()
        for model in self.models:
            model.set_language(language)
        if self.content.choose(language):
            self._show(self._info, force=True)

    def show_year(self, year: int) -> None:
        """Show the diversity plan of ``year`` (one the plan has)."""
        self.commit_pending()
        self._year = year
        self.reload()

    def create_plan(self, year: int | None = None) -> bool:
        """Create the diversity plan of ``year`` (default: the year in the spin box)."""
        if self._document is None or document_read_only(self._document):
            return False
        year = self.new_year.value() if year is None else year
        self._year = year
        return bool(self.run(StartDiversityCommand(self._document, year)))

    def commit_pending(self) -> None:
        """Commit text typed but not yet committed (before undo, save or closing)."""
        if self._info is None or document_read_only(self._document):
            return
        for binding in self._bindings.values():
            binding.commit()

    # --- edits (the models run theirs here) --------------------------------------------

    def run(self, command: BaseCommand) -> Outcome:
        """Run an edit of this pane or its models and show what it changed."""
        if self._document is None:
            return Outcome(reason="")
        outcome = self._document.run(command, initiator=self)
        if outcome.changed is not None:
            self._apply(outcome.changed, force=False)
        return outcome

    def refuse(self, reason: str) -> None:
        if self._document is not None:
            self._document.refuse(reason, self)

    # --- text fields -------------------------------------------------------------------

    def _text_of(self, name: str) -> str:
        info = self._info
        if info is None:
            return ""
        value = getattr(info, name)
        return value.get(self.language, "") if isinstance(value, dict) else value

    def _commit_text(self, binding: TextBinding) -> None:
        info, document = self._info, self._document
        if info is None or document is None or self._loading or document_read_only(document):
            return
        text = binding.text().strip()
        if text == binding.committed:
            binding.load(text, force=True)
            return
        name = binding.field
        value: Any = text if name in _PLAIN else {self.language: text}
        merge_key = ("diversity", info.id, name, binding.session)
        if self.run(DiversityFieldCommand(document, info.id, name, value, merge_key=merge_key)):
            binding.load(text, force=True)
        else:
            binding.load(self._text_of(name), force=True)

    # --- reading and following changes -------------------------------------------------

    def _on_changed(self, applied: Applied) -> None:
        if applied.initiator is self:
            return  # shown already, from the outcome of the edit
        changed = applied.changed
        if changed.entity is Entity.PLAN:
            if reshapes_plan(changed):
                self.reload()
        elif changed.entity is Entity.DIVERSITY:
            self._apply(changed, force=True)

    def _apply(self, changed: Changed, *, force: bool) -> None:
        """Show the diversity plan as ``changed`` left it: in place when it says enough,
        else read again (the plan only; all of it when a plan was created or removed)."""
        info = self._info
        if changed.extra.get("kind") == "plan" and changed.op != "updated":
            self.reload()
            return
        new = patched(info, changed) if info is not None else None
        if new is None and info is not None and info.id in changed.ids[:1]:
            try:
                assert self._document is not None
                new = load_diversity_by_id(self._document.store, info.id)
            except PlannerError:
                new = None
        if new is None:
            self.reload()
            return
        self._show(new, force=force)

    def reload(self, *, force: bool = True) -> None:
        """Read the plan's diversity years and the plan of the year shown."""
        document = self._document
        self._info, self._plan, self._years = None, None, []
        if document is not None:
            try:
                self._plan = plans.plan_info(document.store, document.plan_id)
                self._years = diversity_years(document.store, document.plan_id)
                if self._year not in self._years:  # e.g. its creation was undone
                    self._year = None
                self._info = load_diversity(document.store, document.plan_id, self._year)
            except PlannerError:
                self._info = None
        plan = self._plan
        read_only = document_read_only(document)
        languages = plan.languages if plan else ()
        self.content.set_languages(languages)
        for model in self.models:
            model.set_languages(languages)
            model.set_read_only(read_only)
        if plan is not None:
            self.values.set_period(plan.first_year, plan.last_year)
            self.new_year.setRange(plan.first_year, plan.last_year)
            free = [y for y in range(plan.first_year, plan.last_year + 1) if y not in self._years]
            if free and self.new_year.value() not in free:
                self.new_year.setValue(free[0])
        for widget in self.fields.values():
            widget.setReadOnly(read_only)
        can_create = (
            plan is not None
            and not read_only
            and bool(
                [y for y in range(plan.first_year, plan.last_year + 1) if y not in self._years]
            )
        )
        self.create_button.setEnabled(can_create)
        self.new_year.setEnabled(can_create)
        self._show(self._info, force=force)

    def _show(self, info: DiversityInfo | None, *, force: bool) -> None:
        """Show ``info``: the models update the rows that differ, the fields their text
        (typing not yet committed stays unless ``force``)."""
        self._info = info
        years = self._years
        self._loading = True
        try:
            self.year_combo.clear()
            for year in years:
                self.year_combo.addItem(str(year), year)
            if info is not None and info.year in years:
                self.year_combo.setCurrentIndex(years.index(info.year))
            for name, binding in self._bindings.items():
                binding.load(self._text_of(name), force=force)
            main = self.content.main
            for name, hint in self.references.items():
                reference = getattr(info, name).get(main, "") if info else ""
                hint.show_reference(reference, main, self.language)
        finally:
            self._loading = False
        for model in self.models:  # all of them first: a reset of one chooses in another
            model.info = info
        for model in self.models:
            model.set_info(info)
        self.year_combo.setVisible(bool(years))
        self.stack.setCurrentIndex(self.PLAN if info is not None else self.EMPTY)
        for editor in self._editors():
            editor.update_buttons()
        self._redraw.start()

    def _editors(self) -> tuple[RowsEditor, ...]:
        return (
            self.pillar_editor,
            self.priority_editor,
            self.bottleneck_editor,
            self.objective_editor,
            self.action_editor,
            self.indicator_editor,
        )

    def _year_chosen(self, index: int) -> None:
        year = self.year_combo.itemData(index)
        if year is not None and year != (self._info.year if self._info else None):
            self.show_year(int(year))

    def _objective_chosen(self) -> None:
        row = self.objective_editor.current_row()
        objective = self.objectives.objective(row)
        self.actions.show_objective(objective.id if objective else None)
        self.action_editor.update_buttons()

    def _indicator_chosen(self) -> None:
        indicator = self.indicators.indicator(self.indicator_editor.current_row())
        self.values.show_indicator(indicator.id if indicator else None)
        self._redraw.start()

    def _draw_chart(self) -> None:
        indicator = self.indicators.indicator(self.indicator_editor.current_row())
        title = self.content.shown(indicator.name) if indicator else ""
        self.chart.show_indicator(indicator, title)
