"""The objective tree: level rules, moves that keep every code, no cycles, stored
codes, delete and restore."""

from __future__ import annotations

import pytest

from planner_app.domain.enums import ObjectiveLevel, Status
from planner_app.errors import NotFoundError, ValidationError
from planner_app.services import details, objectives, tree_read
from tests.conftest import log_size


def codes(store, plan_id):
    return [(n.code, n.title["nl"]) for n in tree_read.load_tree(store, plan_id)]


def test_new_objectives_get_the_next_free_code_of_their_level(store, plan_id, tree):
    assert codes(store, plan_id) == [
        ("SD 1", "Eerste SD"),
        ("OD 1.1", "OD"),
        ("1.1.1", "Init 1"),
        ("1.1.2", "Init 2"),
        ("SD 2", "Tweede SD"),
    ]
    french = [n.code for n in tree_read.load_tree(store, plan_id, "fr")]
    assert french == ["OS 1", "OO 1.1", "1.1.1", "1.1.2", "OS 2"]


def test_initiatives_may_hang_directly_under_a_strategic_objective(store, plan_id, tree):
    werf = objectives.add_objective(
        store, plan_id, level="initiative", title="Werf", parent_id=tree["sd2"], kind="process"
    ).id
    node = next(n for n in tree_read.load_tree(store, plan_id) if n.id == werf)
    assert node.code == "2.1" and node.kind.value == "process"
    assert node.number == "2.1" and not node.code_literal


@pytest.mark.parametrize(
    ("level", "parent", "message"),
    [
        ("strategic", "sd1", "cannot be placed under"),
        ("operational", None, "cannot be placed at the top"),
        ("operational", "od11", "cannot be placed under"),
        ("initiative", None, "cannot be placed at the top"),
        ("initiative", "i1", "cannot be placed under"),
    ],
)
def test_level_rules(store, plan_id, tree, level, parent, message):
    before = log_size(store)
    with pytest.raises(ValidationError, match=message):
        objectives.add_objective(
            store, plan_id, level=level, title="x", parent_id=tree[parent] if parent else None
        )
    assert log_size(store) == before


def test_move_reorders_and_keeps_every_code(store, plan_id, tree):
    objectives.move_objective(store, tree["i2"], parent_id=tree["od11"], position=0)
    assert codes(store, plan_id)[2:4] == [("1.1.2", "Init 2"), ("1.1.1", "Init 1")]


def test_move_to_another_parent_keeps_every_code(store, plan_id, tree):
    od2 = objectives.add_objective(
        store, plan_id, level="operational", title="OD 2", parent_id=tree["sd2"]
    ).id
    objectives.move_objective(store, tree["i1"], parent_id=od2, position=0)
    got = dict((t, c) for c, t in codes(store, plan_id))
    assert got["Init 2"] == "1.1.2" and got["Init 1"] == "1.1.1" and got["OD 2"] == "OD 2.1"
    # the next initiative under OD 2.1 is numbered under it, past nothing of its own
    new = objectives.add_objective(
        store, plan_id, level="initiative", title="Nieuw", parent_id=od2
    ).id
    assert dict((t, c) for c, t in codes(store, plan_id))["Nieuw"] == "2.1.1"
    assert new is not None


def test_move_keeps_level_rules(store, plan_id, tree):
    before = log_size(store)
    with pytest.raises(ValidationError, match="cannot be placed under"):
        objectives.move_objective(store, tree["od11"], parent_id=tree["i1"], position=0)
    with pytest.raises(ValidationError, match="cannot be placed at the top"):
        objectives.move_objective(store, tree["i1"], parent_id=None, position=0)
    assert log_size(store) == before


def test_move_under_itself_is_refused(store, plan_id, tree):
    # Levels already forbid most cycles; a strategic werf-parent chain checks the rest.
    with pytest.raises(ValidationError):
        objectives.move_objective(store, tree["sd1"], parent_id=tree["sd1"], position=0)


def test_delete_takes_the_subtree_and_restore_brings_it_back(store, plan_id, tree):
    details.add_milestone(store, tree["i1"], text="Q1: start", period="Q1 2025")
    ind = details.add_indicator(store, tree["i1"], name="Aantal", unit_of_measure="#").id
    details.set_indicator_value(store, ind, year=2025, kind="target", value="12")
    changed = objectives.delete_objective(store, tree["od11"])
    assert codes(store, plan_id) == [("SD 1", "Eerste SD"), ("SD 2", "Tweede SD")]
    assert len(changed.ids) == 6  # OD, two initiatives, milestone, indicator, value
    with pytest.raises(NotFoundError):
        objectives.update_objective(store, tree["i1"], title="x")
    objectives.restore_objective(store, changed.ids, position=changed.extra["position"])
    assert [c for c, _t in codes(store, plan_id)] == ["SD 1", "OD 1.1", "1.1.1", "1.1.2", "SD 2"]
    detail = details.objective_detail(store, tree["i1"])
    assert [m.text["nl"] for m in detail.milestones] == ["Q1: start"]
    assert detail.indicators[0].values[(2025, "target")] == 12


def test_update_merges_languages_and_validates(store, plan_id, tree):
    objectives.update_objective(store, tree["i1"], title={"fr": "Init un"}, status="delayed")
    detail = details.objective_detail(store, tree["i1"])
    assert detail.title == {"nl": "Init 1", "fr": "Init un"}
    assert detail.status is Status.DELAYED
    before = log_size(store)
    for fields, message in [
        ({"status": "finished"}, "Status: unknown status finished"),
        ({"title": {"de": "Titel"}}, "language de is not one of the plan's languages"),
        ({"kind": "project", "title": "x\x00y"}, "cannot hold \\(U\\+0000\\)"),
        ({"colour": "red"}, "colour: is not a field of an objective"),
        ({"lead_unit_id": tree["i2"]}, "unit no longer exists"),
    ]:
        with pytest.raises(Exception, match=message):
            objectives.update_objective(store, tree["i1"], **fields)
    assert log_size(store) == before


def test_title_required(store, plan_id, tree):
    with pytest.raises(ValidationError, match="Title: must not be empty"):
        objectives.add_objective(store, plan_id, level="strategic", title="   ")
    with pytest.raises(ValidationError, match="Title: must not be empty"):
        objectives.update_objective(store, tree["i1"], title={"nl": ""})
    with pytest.raises(ValidationError, match="Title: must not be empty"):
        objectives.update_objective(store, tree["i1"], title={"nl": "  "})


def test_partners_set_and_cleared(store, plan_id, tree):
    objectives.set_partners(store, tree["i1"], [tree["unit"]])
    assert tree_read.partners_of(store, tree["i1"]) == [tree["unit"]]
    objectives.set_partners(store, tree["i1"], [])
    assert tree_read.partners_of(store, tree["i1"]) == []
    objectives.set_partners(store, tree["i1"], [tree["unit"]])
    assert tree_read.partners_of(store, tree["i1"]) == [tree["unit"]]


def test_milestones_count_in_the_tree(store, plan_id, tree):
    m1 = details.add_milestone(store, tree["i1"], text="a", period="Q1 2025").id
    details.add_milestone(store, tree["i1"], text="b", period="Q2 2025")
    details.update_milestone(store, m1, done=True)
    node = next(n for n in tree_read.load_tree(store, plan_id) if n.id == tree["i1"])
    assert (node.milestones_done, node.milestones_total) == (1, 2)
    assert next(n for n in tree_read.load_tree(store, plan_id)).level is ObjectiveLevel.STRATEGIC


def test_the_code_of_one_objective_agrees_with_the_whole_tree(store, plan_id, tree):
    from planner_app.services.details import objective_detail

    objectives.update_objective(store, tree["sd2"], code="9")
    extra = objectives.add_objective(
        store, plan_id, level=ObjectiveLevel.OPERATIONAL, title="OD", parent_id=tree["sd2"]
    ).id
    objectives.add_objective(
        store, plan_id, level=ObjectiveLevel.INITIATIVE, title="I", parent_id=extra
    )
    objectives.delete_objective(store, tree["i1"])  # the gap stays: codes are references
    nodes = tree_read.load_tree(store, plan_id)
    assert {n.code for n in nodes} == {"SD 1", "OD 1.1", "1.1.2", "SD 9", "OD 9.1", "9.1.1"}
    for node in nodes:
        assert objective_detail(store, node.id).code == node.code
        assert objective_detail(store, node.id, "fr").code == node.code.replace("SD", "OS").replace(
            "OD", "OO"
        )


def test_one_objectives_detail_is_its_detail_in_the_whole_plan(store, plan_id, tree):
    """The editor reads one objective, the document the whole plan: the same details."""
    from decimal import Decimal

    from planner_app.domain.enums import ValueKind

    for n, key in enumerate(("i1", "i2", "sd2")):
        objective = tree[key]
        details.add_milestone(store, objective, text=f"mijlpaal {n}", period="Q2")
        for name in (f"eerste {n}", f"tweede {n}"):
            indicator = details.add_indicator(store, objective, name=name, unit_of_measure="%").id
            details.set_indicator_value(
                store, indicator, year=2025, kind=ValueKind.TARGET, value=Decimal(f"{n}.5")
            )
    objectives.set_partners(store, tree["i2"], [tree["unit"]])
    gone = details.add_indicator(store, tree["i1"], name="weg").id
    details.delete_indicator(store, gone)
    whole = details.plan_details(store, plan_id)
    assert len(whole[tree["i1"]].indicators) == 2
    assert whole[tree["sd2"]].indicators[1].values == {(2025, ValueKind.TARGET): Decimal("2.5")}
    assert whole[tree["i2"]].partner_ids == (tree["unit"],)
    for objective_id, detail in whole.items():
        assert details.objective_detail(store, objective_id) == detail
