"""The objective tree model on the demo plans, checked without a window."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon

from planner_app.domain.enums import ObjectiveLevel, Status
from planner_app.services.objectives import update_objective
from planner_app.services.plans import list_plans
from planner_app.services.tree_read import load_tree
from planner_app.storage import PlanFile
from planner_app.ui.objectives.objective_tree import ObjectiveTreeModel as Model


def top_level(model: Model, column: int = Model.CODE) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


@pytest.mark.parametrize("code", ["dkbuza-2025", "ibz-2025-2029"])
def test_model_passes_the_model_tester(qtmodeltester, demo_store, plan_ids, code):
    model = Model(demo_store, plan_ids[code])
    qtmodeltester.check(model)


def test_ibz_shows_its_four_strategic_objectives(demo_store, plan_ids):
    model = Model(demo_store, plan_ids["ibz-2025-2029"])
    assert model.columnCount() == 6
    assert model.rowCount() == 4
    assert top_level(model) == ["SD 1", "SD 2", "SD 3", "SD 4"]
    first = model.index(0, Model.CODE)
    assert model.index(0, Model.TITLE).data().startswith("Kaderen")
    assert first.data(Model.LevelRole) == ObjectiveLevel.STRATEGIC.value
    # ibz's workstreams hang directly under the SDs and carry plain codes
    assert model.rowCount(first) == 6
    assert model.index(0, Model.CODE, first).data() == "1.1"
    assert model.objective_count() == len(load_tree(demo_store, plan_ids["ibz-2025-2029"]))


def test_headers_and_column_constants(demo_store, plan_ids):
    model = Model(demo_store, plan_ids["ibz-2025-2029"])
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers == ["Code", "Title", "Status", "Progress", "Lead unit", "Milestones"]
    assert model.headerData(6, Qt.Orientation.Horizontal) is None


def test_dkbuza_has_a_heading_above_each_policy_field(demo_store, plan_ids):
    model = Model(demo_store, plan_ids["dkbuza-2025"])
    headings = model.heading_indexes()
    assert [i.data() for i in headings] == [
        "1. Buitenlands beleid",
        "2. Ontwikkelingssamenwerking",
        "3. Ondersteuning Vlaamse Regering",
        "4. Rampenschade",
        "5. Interne werking departement",
    ]
    # field 3 holds SD 3.1 and SD 3.2: one heading, then both SDs
    assert top_level(model) == [
        "1. Buitenlands beleid",
        "SD 1",
        "2. Ontwikkelingssamenwerking",
        "SD 2",
        "3. Ondersteuning Vlaamse Regering",
        "SD 3.1",
        "SD 3.2",
        "4. Rampenschade",
        "SD 4",
        "5. Interne werking departement",
        "SD 5",
    ]
    heading = headings[0]
    assert heading.data(Model.HeadingRole) is True
    assert heading.data(Model.IdRole) is None
    assert heading.data(Qt.ItemDataRole.FontRole).bold()
    assert not model.flags(heading) & Qt.ItemFlag.ItemIsSelectable
    assert model.rowCount(heading) == 0
    sd1 = model.index(1, 0)
    assert model.flags(sd1) & Qt.ItemFlag.ItemIsSelectable
    assert model.index(0, Model.CODE, sd1).data() == "OD 1.1"


def test_status_icon_and_label_of_an_initiative(demo_store, plan_ids):
    plan_id = plan_ids["dkbuza-2025"]
    node = next(
        n
        for n in load_tree(demo_store, plan_id)
        if n.level is ObjectiveLevel.INITIATIVE and n.status is Status.ON_SCHEDULE
    )
    model = Model(demo_store, plan_id)
    status = model.index_of(node.id, Model.STATUS)
    assert status.data() == "On schedule"
    assert status.data(Model.StatusRole) == "on_schedule"
    icon = status.data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon) and not icon.isNull()
    assert model.index_of(node.id, Model.TITLE).data(Qt.ItemDataRole.DecorationRole) is None
    assert model.index_of(node.id).data(Model.IdRole) == node.id


def test_milestones_and_lead_unit_columns(demo_store, plan_ids):
    plan_id = plan_ids["dkbuza-2025"]
    node = next(n for n in load_tree(demo_store, plan_id) if n.code == "1.12.4")
    model = Model(demo_store, plan_id)
    assert model.index_of(node.id, Model.MILESTONES).data() == "0/4"
    assert model.index_of(node.id, Model.LEAD_UNIT).data() == "DVV EU"
    assert "0 of 4" in model.index_of(node.id, Model.MILESTONES).data(Qt.ItemDataRole.ToolTipRole)
    assert model.column_has_data(Model.LEAD_UNIT)
    assert not Model(demo_store, plan_ids["ibz-2025-2029"]).column_has_data(Model.LEAD_UNIT)


def test_reload_shows_a_changed_title(qtbot, demo_path: Path):
    with PlanFile.open(demo_path) as store:
        plan_id = next(p.id for p in list_plans(store) if p.code == "ibz-2025-2029")
        model = Model(store, plan_id)
        sd1 = model.index(0, Model.TITLE).data(Model.IdRole)
        update_objective(store, sd1, title={"nl": "Nieuwe titel"})
        with qtbot.waitSignal(model.modelReset):
            model.reload()
        assert model.index_of(sd1, Model.TITLE).data() == "Nieuwe titel"


def test_an_empty_model_is_valid(qtmodeltester):
    model = Model()
    assert model.rowCount() == 0
    qtmodeltester.check(model)
    assert not model.index_of(uuid.uuid4()).isValid()
