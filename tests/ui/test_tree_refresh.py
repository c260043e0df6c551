"""Edits that change what a row shows refresh it in place; edits that change the
shape of the tree rebuild it. Either way the tree shows what the file holds."""

from __future__ import annotations

import pytest

from planner_app.domain.enums import Status
from planner_app.ui.core.document import PlanDocument
from planner_app.ui.objectives.commands import MoveObjectiveCommand, SetObjectiveFieldCommand
from planner_app.ui.objectives.detail_commands import AddMilestoneCommand
from planner_app.ui.objectives.objective_tree import ObjectiveTreeModel as Model


@pytest.fixture
def model(qapp, store, plan_id, tree):
    document = PlanDocument(store, plan_id)
    model = Model()
    model.set_document(document)
    return model


def resets(model: Model):
    """Counts the model resets while the block runs."""
    seen: list[int] = []
    model.modelReset.connect(lambda: seen.append(1))
    return seen


def test_a_status_edit_repaints_the_row_without_a_reset(qtbot, model, tree):
    seen = resets(model)
    document = model.document
    with qtbot.waitSignal(model.dataChanged):
        document.run(
            SetObjectiveFieldCommand(document, tree["i1"], "status", Status.DONE, merge_key=None)
        )
    assert model.index_of(tree["i1"]).data(Model.StatusRole) == Status.DONE.value
    with qtbot.waitSignal(model.dataChanged):
        document.undo_stack.undo()
    assert model.index_of(tree["i1"]).data(Model.StatusRole) == Status.NOT_STARTED.value
    assert seen == []


def test_title_and_lead_unit_from_another_view_show_in_place(qtbot, model, tree):
    seen = resets(model)
    document = model.document
    document.run(
        SetObjectiveFieldCommand(document, tree["i2"], "title", {"nl": "Nieuw"}, merge_key=None)
    )
    document.run(
        SetObjectiveFieldCommand(document, tree["i2"], "lead_unit_id", tree["unit"], merge_key=None)
    )
    assert model.index_of(tree["i2"], Model.TITLE).data() == "Nieuw"
    assert model.index_of(tree["i2"], Model.LEAD_UNIT).data() == "D"
    document.undo_stack.undo()
    assert model.index_of(tree["i2"], Model.LEAD_UNIT).data() == ""
    assert seen == []


def test_milestone_counts_follow_add_undo_and_redo(qtbot, model, tree):
    seen = resets(model)
    document = model.document
    document.run(AddMilestoneCommand(document, tree["i1"], text="Klaar", done=True))
    assert model.index_of(tree["i1"], Model.MILESTONES).data() == "1/1"
    document.undo_stack.undo()
    assert model.index_of(tree["i1"], Model.MILESTONES).data() == ""
    document.undo_stack.redo()
    assert model.index_of(tree["i1"], Model.MILESTONES).data() == "1/1"
    assert seen == []


def test_a_move_rebuilds_and_keeps_the_codes(qtbot, model, tree):
    document = model.document
    with qtbot.waitSignal(model.modelReset):
        document.run(MoveObjectiveCommand(document, tree["i2"], parent_id=tree["od11"], position=0))
    assert model.index(0, 0, model.index_of(tree["od11"])).data() == "1.1.2"
    assert model.index_of(tree["i2"], Model.CODE).data() == "1.1.2"
    assert model.index_of(tree["i1"], Model.CODE).data() == "1.1.1"


def test_a_typed_code_shows_at_once_and_renumbers_nothing(qtbot, model, tree):
    document = model.document
    with qtbot.waitSignal(model.modelReset):
        document.run(SetObjectiveFieldCommand(document, tree["sd1"], "code", "7", merge_key=None))
    assert model.index_of(tree["sd1"], Model.CODE).data() == "SD 7"
    assert model.index_of(tree["i1"], Model.CODE).data() == "1.1.1"


def test_the_status_column_edits_in_place_with_a_combo_box(qtbot, store, plan_id, tree):
    from PySide6.QtWidgets import QComboBox

    from planner_app.services.details import objective_detail
    from planner_app.ui.objectives.objective_tree_view import ObjectiveTreeView

    document = PlanDocument(store, plan_id)
    model = Model()
    model.set_document(document)
    view = ObjectiveTreeView(model)
    qtbot.addWidget(view)
    view.show()
    assert view.select_objective(tree["i1"])
    view.edit(view.view_index(tree["i1"], Model.STATUS))
    combo = view.findChild(QComboBox)
    assert combo is not None and combo.count() == len(Status)
    row = combo.findData(Status.DELAYED.value)
    combo.setCurrentIndex(row)
    combo.activated.emit(row)
    assert objective_detail(store, tree["i1"]).status is Status.DELAYED
    assert model.index_of(tree["i1"], Model.STATUS).data(Model.StatusRole) == "delayed"
    document.undo_stack.undo()
    assert objective_detail(store, tree["i1"]).status is Status.NOT_STARTED
