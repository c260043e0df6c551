"""services.tree_read: the tree's rows read once, converted one sibling list at a time."""

from __future__ import annotations

import uuid

from planner_app.domain.enums import ObjectiveLevel, Status
from planner_app.services import objectives, tree_read
from planner_app.services.plans import list_plans
from planner_app.services.tree_read import load_tree_rows
from planner_app.storage import PlanFile


def walk(rows, parent=None):
    """Every node depth first, converting one sibling list at a time."""
    out = []
    for node in rows.children(parent.id if parent else None):
        out.append(node)
        if rows.child_count(node.id):
            out.extend(walk(rows, node))
    return out


def test_sibling_lists_give_what_the_whole_tree_gives(demo_path):
    store = PlanFile.open(demo_path, readonly=True)
    try:
        for plan in list_plans(store):
            whole = tree_read.load_tree(store, plan.id)
            rows = load_tree_rows(store, plan.id)
            assert walk(rows) == whole
            assert rows.count == len(whole)
            assert rows.lead_unit_ids() == {n.lead_unit_id for n in whole if n.lead_unit_id}
            assert rows.has_milestones() == any(n.milestones_total for n in whole)
    finally:
        store.close()


def test_counts_and_ancestors_without_converting(store: PlanFile, plan_id, tree):
    rows = load_tree_rows(store, plan_id)
    assert rows.child_count(None) == 2
    assert rows.child_count(tree["sd1"]) == 1
    assert rows.child_count(tree["od11"]) == 2
    assert rows.child_count(tree["i1"]) == 0
    assert rows.child_count(uuid.uuid4()) == 0
    assert rows.ancestors(tree["i2"]) == [tree["sd1"], tree["od11"]]
    assert rows.ancestors(tree["sd2"]) == []
    assert rows.ancestors(uuid.uuid4()) is None
    assert rows.count == 5
    assert not rows.has_milestones() and rows.lead_unit_ids() == set()
    (i1, i2) = rows.children(tree["od11"])
    assert (i1.code, i2.code, i2.title) == ("1.1.1", "1.1.2", {"nl": "Init 2"})
    assert i1.parent_id == tree["od11"] and i1.level is ObjectiveLevel.INITIATIVE


def test_a_typed_code_and_deleted_parents(store: PlanFile, plan_id, tree):
    objectives.update_objective(store, tree["od11"], code="OD 7", status=Status.DONE)
    objectives.update_objective(store, tree["i2"], lead_unit_id=tree["unit"])
    rows = load_tree_rows(store, plan_id)
    (od,) = rows.children(tree["sd1"])
    assert (od.code, od.number, od.status) == ("OD 7", "7", Status.DONE)
    # the children keep their codes: a code typed over a parent renumbers nothing
    assert [n.code for n in rows.children(od.id)] == ["1.1.1", "1.1.2"]
    assert rows.lead_unit_ids() == {tree["unit"]}
    objectives.delete_objective(store, tree["sd1"])
    rows = load_tree_rows(store, plan_id)
    assert rows.count == 1 and rows.ancestors(tree["i1"]) is None
    assert [n.id for n in rows.children(None)] == [tree["sd2"]]
