"""Copying an objective with its subtree, within a plan and into another plan."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest

from planner_app.domain.enums import ObjectiveLevel, PlanKind, ValueKind
from planner_app.errors import PlanFrozenError, ValidationError
from planner_app.services import details, objectives, plans, tree_read
from planner_app.services.copying import copy_objective
from planner_app.services.integrity import check_file
from planner_app.storage import PlanFile
from tests.conftest import tree_shape

shape = tree_shape


@pytest.fixture
def rich(store: PlanFile, plan_id: uuid.UUID, tree: dict[str, uuid.UUID]) -> dict:
    """OD 1.1 gets a lead unit, a partner, a milestone and an indicator with values."""
    objectives.update_objective(store, tree["od11"], lead_unit_id=tree["unit"])
    objectives.set_partners(store, tree["i1"], [tree["unit"]])
    details.add_milestone(store, tree["od11"], text="Mijlpaal", period="Q2 2025")
    details.add_milestone(store, tree["i2"], text="Tweede", period="2025")
    indicator = details.add_indicator(store, tree["i1"], name="Aantal", unit_of_measure="#").id
    details.set_indicator_value(
        store, indicator, year=2025, kind=ValueKind.TARGET, value=Decimal(12)
    )
    return tree


def test_copy_within_a_plan_copies_the_subtree_with_new_ids(store, plan_id, rich):
    before = shape(store, plan_id)
    changed = copy_objective(
        store, rich["od11"], target_plan_id=plan_id, parent_id=rich["sd2"], position=0
    )
    assert changed.op == "created"
    assert changed.entity == "objective"
    root = changed.id
    assert root not in rich.values()
    after = shape(store, plan_id)
    assert after == [
        *before,
        ("OD 2.1", "operational", "OD"),
        ("2.1.1", "initiative", "Init 1"),
        ("2.1.2", "initiative", "Init 2"),
    ]
    copy = details.objective_detail(store, root)
    assert copy.lead_unit_id == rich["unit"]  # same plan: units kept
    assert [m.text["nl"] for m in copy.milestones] == ["Mijlpaal"]
    assert copy.milestones[0].period == "Q2 2025"
    nodes = {
        n.title["nl"]: n.id for n in tree_read.load_tree(store, plan_id) if n.parent_id == root
    }
    init1 = details.objective_detail(store, nodes["Init 1"])
    assert init1.partner_ids == (rich["unit"],)
    assert init1.indicators[0].name["nl"] == "Aantal"
    assert init1.indicators[0].values == {(2025, ValueKind.TARGET): Decimal(12)}
    original = details.objective_detail(store, rich["i1"])
    assert init1.indicators[0].id != original.indicators[0].id
    # every created row is listed, the root first
    assert len(changed.ids) == len(set(changed.ids)) == 3 + 2 + 1 + 1 + 1
    assert check_file(store) == []


def test_copy_lands_at_the_position_with_the_next_free_code(store, plan_id, tree):
    copy_objective(store, tree["i2"], target_plan_id=plan_id, parent_id=tree["od11"], position=0)
    codes = ["SD 1", "OD 1.1", "1.1.3", "1.1.1", "1.1.2", "SD 2"]
    assert [c for c, *_r in shape(store, plan_id)] == codes
    assert [t for *_r, t in shape(store, plan_id)][2:5] == ["Init 2", "Init 1", "Init 2"]
    assert check_file(store) == []


def test_undo_by_deleting_the_copied_root_removes_every_row(store, plan_id, rich):
    before = shape(store, plan_id)
    changed = copy_objective(
        store, rich["od11"], target_plan_id=plan_id, parent_id=rich["sd1"], position=None
    )
    gone = objectives.delete_objective(store, changed.id)
    assert set(gone.ids) == set(changed.ids)
    assert shape(store, plan_id) == before
    objectives.restore_objective(store, gone.ids, position=gone.extra["position"])
    assert [c for c, *_r in shape(store, plan_id)][:6] == [
        "SD 1",
        "OD 1.1",
        "1.1.1",
        "1.1.2",
        "OD 1.2",
        "1.2.1",
    ]
    assert check_file(store) == []


def test_level_rules_refuse_a_wrong_parent(store, plan_id, tree):
    before = shape(store, plan_id)
    with pytest.raises(ValidationError):
        copy_objective(store, tree["od11"], target_plan_id=plan_id, parent_id=None, position=0)
    with pytest.raises(ValidationError):
        copy_objective(
            store, tree["sd1"], target_plan_id=plan_id, parent_id=tree["sd2"], position=0
        )
    with pytest.raises(ValidationError):
        copy_objective(store, tree["i1"], target_plan_id=plan_id, parent_id=tree["i2"], position=0)
    assert shape(store, plan_id) == before


def test_a_parent_of_another_plan_is_refused(store, plan_id, tree):
    other = plans.create_plan(
        store, code="other-2025", kind=PlanKind.BUSINESS, title="Ander", first_year=2025
    ).id
    with pytest.raises(ValidationError):
        copy_objective(store, tree["i1"], target_plan_id=other, parent_id=tree["od11"], position=0)


def test_a_frozen_target_is_refused(store, plan_id, tree):
    other = plans.create_plan(
        store, code="other-2025", kind=PlanKind.BUSINESS, title="Ander", first_year=2025
    ).id
    sd = objectives.add_objective(store, other, level=ObjectiveLevel.STRATEGIC, title="SD").id
    plans.make_final(store, other)
    with pytest.raises(PlanFrozenError):
        copy_objective(store, tree["od11"], target_plan_id=other, parent_id=sd, position=0)
    # a frozen source can still be copied from
    plans.make_final(store, plan_id)
    plans.back_to_draft(store, other)
    copy_objective(store, tree["od11"], target_plan_id=other, parent_id=sd, position=0)
    assert [c for c, *_r in shape(store, other)] == ["SD 1", "OD 1.1", "1.1.1", "1.1.2"]


def test_copy_an_od_of_the_demo_into_a_new_plan(demo_path):
    store = PlanFile.open(demo_path)
    try:
        source = plans.find_plan(store, "dkbuza-2025").id
        tree = tree_read.load_tree(store, source)
        od = next(
            n
            for n in tree
            if n.level is ObjectiveLevel.OPERATIONAL and any(c.parent_id == n.id for c in tree)
        )
        initiatives = [n for n in tree if n.parent_id == od.id]
        target = plans.create_plan(
            store,
            code="copy-2026",
            kind=PlanKind.BUSINESS,
            title={"nl": "Kopie"},
            first_year=2026,
        ).id
        sd = objectives.add_objective(
            store, target, level=ObjectiveLevel.STRATEGIC, title="Doel"
        ).id
        changed = copy_objective(store, od.id, target_plan_id=target, parent_id=sd, position=0)
        copied = tree_read.load_tree(store, target)
        assert [n.code for n in copied] == ["SD 1", "OD 1.1"] + [
            f"1.1.{i}" for i in range(1, len(initiatives) + 1)
        ]
        assert [n.title for n in copied[1:]] == [od.title] + [n.title for n in initiatives]
        assert all(n.lead_unit_id is None for n in copied)  # other plan: units cleared
        for node in copied[1:]:
            assert details.objective_detail(store, node.id).partner_ids == ()
        assert changed.id == copied[1].id
        assert tree_read.load_tree(store, source) == tree  # the source is untouched
        assert check_file(store) == []
    finally:
        store.close()


def test_moving_to_another_plan_is_all_or_nothing(store, plan_id, tree):
    from planner_app.services import copying
    from planner_app.services.fingerprint import current_fingerprint

    other = plans.create_plan(
        store,
        code="other",
        kind=PlanKind.BUSINESS,
        title={"nl": "Ander"},
        first_year=2025,
        languages=["nl"],
    ).id
    plans.make_final(store, other)
    before = (current_fingerprint(store, plan_id), current_fingerprint(store, other))
    with pytest.raises(PlanFrozenError):
        copying.move_objective_to_plan(store, tree["sd1"], target_plan_id=other, parent_id=None)
    assert (current_fingerprint(store, plan_id), current_fingerprint(store, other)) == before
    plans.back_to_draft(store, other)
    plans.make_final(store, plan_id)  # now the source is frozen: it cannot lose the objective
    with pytest.raises(PlanFrozenError):
        copying.move_objective_to_plan(store, tree["sd1"], target_plan_id=other, parent_id=None)
    assert current_fingerprint(store, other) == before[1]
