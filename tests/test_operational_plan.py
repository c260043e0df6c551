"""An operational plan made from its strategic plan: the strategic plan's SDs and ODs as
read-only references with their codes, the year's objectives under them, the references
following the strategic plan while the yearly plan is a draft and fixed when it is made
final (issue 27, item 1)."""

from __future__ import annotations

import dataclasses
import uuid

import pytest
from sqlalchemy import select

from planner_app.domain import Objective
from planner_app.domain.enums import ObjectiveLevel, PlanKind, PlanState, Status
from planner_app.errors import PlanChoiceError, ValidationError
from planner_app.services import (
    codes,
    copying,
    details,
    next_year,
    objectives,
    plan_parts,
    plans,
    transversal,
    units,
)
from planner_app.services.fingerprint import fixed_content_problems, verify_plan
from planner_app.services.integrity import check_file
from planner_app.services.operational_plan import create_from_strategic
from planner_app.services.tree_read import load_tree_rows, walk

SD, OD, INI = ObjectiveLevel.STRATEGIC, ObjectiveLevel.OPERATIONAL, ObjectiveLevel.INITIATIVE


@pytest.fixture
def strat(store, strategic) -> dict[str, uuid.UUID]:
    """strat 2025-2029: field 1 > SD 1 (OD 1.1 > a werf, OD 1.2), SD 2 > a werf; a unit."""
    add = objectives.add_objective
    ids = {"plan": strategic}
    ids["field"] = plan_parts.add_policy_field(store, strategic, title="Beleid", code="1").id
    ids["unit"] = units.add_unit(store, strategic, name="Directie A", code="DA").id
    ids["sd1"] = add(
        store,
        strategic,
        level=SD,
        title={"nl": "Kaderen", "fr": "Encadrer"},
        policy_field_id=ids["field"],
        description="Lange uitleg",
        lead_unit_id=ids["unit"],
    ).id
    ids["od11"] = add(store, strategic, level=OD, title="Wetgeving", parent_id=ids["sd1"]).id
    ids["werf"] = add(store, strategic, level=INI, title="Werf", parent_id=ids["od11"]).id
    ids["od12"] = add(store, strategic, level=OD, title="Evaluatie", parent_id=ids["sd1"]).id
    ids["sd2"] = add(store, strategic, level=SD, title="Inrichten", policy_field_id=ids["field"]).id
    ids["werf2"] = add(store, strategic, level=INI, title="Werf 2", parent_id=ids["sd2"]).id
    return ids


def _tree(store, plan_id):
    return walk(load_tree_rows(store, plan_id))


def _make(store, strat, **kwargs) -> uuid.UUID:
    args = {"strategic_plan_id": strat["plan"], "year": 2026, "code": "op-2026"} | kwargs
    return create_from_strategic(store, **args).ids[0]


def _reference_of(store, plan_id, source_id) -> uuid.UUID:
    with store.read() as s:
        return s.scalars(
            select(Objective.id).where(
                Objective.plan_id == plan_id, Objective.strategic_link_id == source_id
            )
        ).one()


def test_the_strategic_objectives_come_in_as_references_with_their_codes(store, strat):
    changed = create_from_strategic(
        store, strategic_plan_id=strat["plan"], year=2026, code="op-2026"
    )
    op = plans.plan_info(store, changed.ids[0])
    assert (op.kind, op.first_year, op.last_year, op.state) == (
        PlanKind.OPERATIONAL,
        2026,
        2026,
        PlanState.DRAFT,
    )
    assert op.strategic_plan_id == strat["plan"]
    assert op.languages == ("nl", "fr")  # the strategic plan's
    assert op.title == {"nl": "Operationeel plan 2026", "fr": "Plan opérationnel 2026"}
    assert op.track_status  # the year's objectives report on their status
    tree = _tree(store, op.id)
    assert [(n.code, n.title["nl"], n.reference) for n in tree] == [
        ("SD 1", "Kaderen", True),
        ("OD 1.1", "Wetgeving", True),
        ("OD 1.2", "Evaluatie", True),
        ("SD 2", "Inrichten", True),
    ]  # the werven are the strategic plan's own work, not references
    assert changed.extra["references"] == 4
    sd1 = tree[0]
    assert sd1.title == {"nl": "Kaderen", "fr": "Encadrer"}
    assert sd1.policy_field_id is not None and sd1.policy_field_id != strat["field"]
    detail = details.objective_detail(store, sd1.id)
    assert detail.is_reference and detail.strategic_link_id == strat["sd1"]
    assert detail.description == {} and detail.lead_unit_id is None  # no texts of its own
    assert detail.status is Status.NOT_APPLICABLE
    assert [u.code for u in units.load_units(store, op.id)] == ["DA"]  # for its lead units
    assert [f.code for f in plan_parts.load_policy_fields(store, op.id)] == ["1"]
    assert check_file(store) == []  # the change log holds every row made


def test_without_ods_only_the_strategic_objectives(store, strat):
    op = _make(store, strat, with_operational=False)
    assert [n.code for n in _tree(store, op)] == ["SD 1", "SD 2"]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"year": 2031}, "Year"),  # outside 2025-2029
        ({"year": 2024}, "Year"),
        ({"kind": PlanKind.STRATEGIC}, "Kind"),
        ({"code": "strat"}, "Code"),  # taken
        ({"code": "Bad Code"}, "Code"),
    ],
)
def test_refused_with_the_reason_and_nothing_made(store, strat, kwargs, field):
    before = plans.list_plans(store)
    with pytest.raises(ValidationError) as err:
        _make(store, strat, **kwargs)
    assert err.value.field == field
    assert plans.list_plans(store) == before


def test_only_a_strategic_plan_is_made_concrete(store, strat, plan_id):
    with pytest.raises(ValidationError, match="not a strategic plan"):
        create_from_strategic(store, strategic_plan_id=plan_id, year=2025, code="x")
    with pytest.raises(PlanChoiceError):
        plans.find_plan(store, "nope")


def test_references_are_read_only_and_the_years_objectives_hang_under_them(store, strat):
    op = _make(store, strat)
    sd1 = _reference_of(store, op, strat["sd1"])
    od11 = _reference_of(store, op, strat["od11"])
    refused = [
        lambda: objectives.update_objective(store, sd1, title="Anders"),
        lambda: objectives.update_objective(store, od11, code="9.9"),
        lambda: objectives.update_objective(store, od11, status=Status.DONE),
        lambda: objectives.delete_objective(store, sd1),
        lambda: objectives.move_objective(store, od11, parent_id=sd1, position=1),
        lambda: objectives.set_partners(store, sd1, []),
        lambda: details.add_milestone(store, od11, text="Q2"),
        lambda: details.add_indicator(store, od11, name="Aantal"),
        lambda: transversal.set_serves(store, od11, []),
    ]
    for attempt in refused:
        with pytest.raises(ValidationError, match="strategic plan"):
            attempt()
    # the year's own objectives: a new OD under SD 1 takes the next free code
    own_od = objectives.add_objective(store, op, level=OD, title="Dit jaar", parent_id=sd1).id
    ini = objectives.add_objective(store, op, level=INI, title="Project", parent_id=od11).id
    details.add_milestone(store, ini, text="Q2 klaar", period="Q2 2026")
    objectives.update_objective(store, own_od, title="Dit jaar, anders")
    tree = {n.id: n for n in _tree(store, op)}
    assert tree[own_od].code == "OD 1.3" and not tree[own_od].reference
    assert tree[ini].number == "1.1.1" and not tree[ini].reference
    # moving an own objective between references is allowed
    objectives.move_objective(store, own_od, parent_id=sd1, position=0)
    assert [n.number for n in _tree(store, op)][:4] == ["1", "1.3", "1.1", "1.1.1"]


def test_renumbering_the_yearly_plan_keeps_the_strategic_codes(store, strat):
    op = _make(store, strat)
    sd2 = _reference_of(store, op, strat["sd2"])
    own_sd = objectives.add_objective(store, op, level=SD, title="Eigen", position=0).id
    od = objectives.add_objective(store, op, level=OD, title="Eigen OD", parent_id=sd2).id
    codes.renumber(store, op)
    tree = {n.id: n.code for n in _tree(store, op)}
    assert tree[_reference_of(store, op, strat["sd1"])] == "SD 1"
    assert tree[sd2] == "SD 2"
    assert tree[_reference_of(store, op, strat["od12"])] == "OD 1.2"
    assert tree[own_sd] == "SD 3"  # first in order, but SD 1 and SD 2 are the strategic plan's
    assert tree[od] == "OD 2.1"


def test_a_draft_follows_the_strategic_plan_and_a_final_plan_keeps_what_it_referred_to(
    store, strat
):
    op = _make(store, strat)
    signed = _make(store, strat, year=2025, code="op-2025")
    plans.make_final(store, signed)
    objectives.update_objective(store, strat["sd1"], title={"nl": "Kaderen en toetsen"})
    objectives.update_objective(store, strat["od12"], code="1.5")
    codes.renumber(store, strat["plan"])  # OD 1.5 -> OD 1.2 again, SD codes kept
    objectives.update_objective(store, strat["sd2"], code="7")
    draft = {n.strategic: n for n in _nodes_with_links(store, op)}
    assert draft[strat["sd1"]].title == {"nl": "Kaderen en toetsen", "fr": "Encadrer"}
    assert draft[strat["sd2"]].code == "SD 7"
    final = {n.strategic: n for n in _nodes_with_links(store, signed)}
    assert final[strat["sd1"]].title == {"nl": "Kaderen", "fr": "Encadrer"}
    assert final[strat["sd2"]].code == "SD 2"
    assert verify_plan(store, signed)[0]  # the fixed content is unchanged
    assert fixed_content_problems(store) == []
    assert check_file(store) == []
    # back to a draft: it follows again from the next change on
    plans.back_to_draft(store, signed)
    plans.make_final(store, signed)
    final = {n.strategic: n for n in _nodes_with_links(store, signed)}
    assert final[strat["sd1"]].title["nl"] == "Kaderen en toetsen"
    assert final[strat["sd2"]].code == "SD 7"


def test_making_final_takes_the_strategic_plans_codes_and_titles_of_that_moment(store, strat):
    """A change that reached the strategic plan outside its services (a merged package,
    an imported workbook) is taken when the yearly plan is made final."""
    op = _make(store, strat)
    with store.transaction() as s:  # not through update_objective: nothing follows
        s.get(Objective, strat["sd1"]).title = {"nl": "Via een pakket", "fr": "Par un paquet"}
    linked = {n.strategic: n for n in _nodes_with_links(store, op)}
    assert linked[strat["sd1"]].title["nl"] == "Kaderen"
    plans.make_final(store, op)
    linked = {n.strategic: n for n in _nodes_with_links(store, op)}
    assert linked[strat["sd1"]].title["nl"] == "Via een pakket"
    assert verify_plan(store, op)[0]


def test_a_copy_of_a_reference_is_the_plans_own_objective(store, strat):
    op = _make(store, strat)
    od12 = _reference_of(store, op, strat["od12"])
    sd2 = _reference_of(store, op, strat["sd2"])
    copied = copying.copy_objective(store, od12, target_plan_id=op, parent_id=sd2).ids[0]
    detail = details.objective_detail(store, copied)
    assert not detail.is_reference
    objectives.update_objective(store, copied, title="Nu van dit plan")  # editable


def test_next_years_plan_keeps_the_references(store, strat):
    op = _make(store, strat)
    nxt = next_year.next_year_plan(store, op).ids[0]
    assert plans.plan_info(store, nxt).first_year == 2027
    tree = _tree(store, nxt)
    assert [(n.code, n.reference) for n in tree] == [
        ("SD 1", True),
        ("OD 1.1", True),
        ("OD 1.2", True),
        ("SD 2", True),
    ]


class _Linked:
    def __init__(self, row: Objective, printed: str) -> None:
        self.strategic = row.strategic_link_id
        self.id_ = row.id
        self.title = dict(row.title)
        self.code = printed


def _nodes_with_links(store, plan_id) -> list[_Linked]:
    printed = {n.id: n.code for n in _tree(store, plan_id)}
    with store.read() as s:
        rows = s.scalars(
            select(Objective).where(Objective.plan_id == plan_id, Objective.is_reference.is_(True))
        ).all()
        return [_Linked(r, printed[r.id]) for r in rows]


def test_next_years_plan_refers_to_the_strategic_plan_as_it_stands_now(store, strat):
    """Last year's plan was fixed with the titles of its day; next year's draft takes
    today's, and a reference for an SD (and an OD) added to the strategic plan since."""
    op = _make(store, strat)
    plans.make_final(store, op)
    objectives.update_objective(store, strat["sd1"], title={"nl": "Kaderen 2.0"})
    sd3 = objectives.add_objective(store, strat["plan"], level=SD, title="Nieuw").id
    od13 = objectives.add_objective(store, strat["plan"], level=OD, title="Erbij", parent_id=sd3)
    changed = next_year.next_year_plan(store, op)
    nxt = changed.ids[0]
    linked = {n.strategic: n for n in _nodes_with_links(store, nxt)}
    assert linked[strat["sd1"]].title["nl"] == "Kaderen 2.0"
    assert (linked[sd3].code, linked[sd3].title["nl"]) == ("SD 3", "Nieuw")
    assert linked[od13.id].code == "OD 3.1"
    assert changed.extra["report"].references_added == ("SD 3", "OD 3.1")
    in_strategic = [n.code for n in _tree(store, strat["plan"]) if n.level is not INI]
    assert [n.code for n in _tree(store, nxt)] == in_strategic  # in the strategic plan's order
    old = {n.strategic: n for n in _nodes_with_links(store, op)}
    assert old[strat["sd1"]].title["nl"] == "Kaderen" and sd3 not in old  # fixed
    assert verify_plan(store, op)[0]
    assert check_file(store) == []
    # the references added are read-only like the others
    with pytest.raises(ValidationError, match="reference"):
        objectives.update_objective(store, linked[sd3].id_, title="x")


def test_the_year_has_operational_objectives_where_the_strategic_plan_has_none(store, strategic):
    """003's SDs hold their werven directly (no OD level); its operational plan has ODs."""
    from planner_app.domain.levels import preset_levels
    from planner_app.services import levels_edit

    specs = preset_levels("federal")
    specs[OD] = dataclasses.replace(specs[OD], used=False)
    levels_edit.set_levels(store, strategic, list(specs.values()))
    sd = objectives.add_objective(store, strategic, level=SD, title="Kaderen").id
    objectives.add_objective(store, strategic, level=INI, title="Werf", parent_id=sd)
    op = create_from_strategic(store, strategic_plan_id=strategic, year=2026, code="o").ids[0]
    ref = _tree(store, op)[0].id
    od = objectives.add_objective(store, op, level=OD, title="Asiel", parent_id=ref).id
    objectives.add_objective(store, op, level=INI, title="Wet", parent_id=od)
    assert [n.code for n in _tree(store, op)] == ["SD 1", "OD 1.1", "1.1.1"]
    with pytest.raises(ValidationError, match="no level"):
        objectives.add_objective(store, strategic, level=OD, title="x", parent_id=sd)
