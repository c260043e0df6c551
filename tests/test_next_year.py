"""Next year's plan (issue 27, item 2): unfinished initiatives carried with their undone
milestones moved a year on and marked to re-plan, baselines from last year's actuals,
the diversity plan carried, a report of what was carried and left behind; from an
operational plan and from a strategic plan."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from planner_app.domain.enums import MeasureUnit, ObjectiveLevel, PlanKind, Status, ValueKind
from planner_app.errors import ValidationError
from planner_app.services import details, diversity, next_year, objectives, plans
from planner_app.services.diversity_read import load_diversity
from planner_app.services.integrity import check_file
from planner_app.services.operational_plan import create_from_strategic
from planner_app.services.tree_read import load_tree_rows, walk

SD, OD, INI = ObjectiveLevel.STRATEGIC, ObjectiveLevel.OPERATIONAL, ObjectiveLevel.INITIATIVE


@pytest.fixture
def year_plan(store, strategic) -> dict:
    """op-2025 of strat: SD 1 (reference) > OD 1.1 (own) > "Open" (milestones Q3 2025
    undone, Q1 2025 done; an indicator with baseline, target and actual) and "Klaar" (done)."""
    sd = objectives.add_objective(store, strategic, level=SD, title="Kaderen").id
    op = create_from_strategic(store, strategic_plan_id=strategic, year=2025, code="op-2025")
    op_id = op.ids[0]
    sd_ref = walk(load_tree_rows(store, op_id))[0].id
    od = objectives.add_objective(store, op_id, level=OD, title="OD", parent_id=sd_ref).id
    add = objectives.add_objective
    open_ = add(store, op_id, level=INI, title="Open", parent_id=od, status="delayed").id
    done = add(store, op_id, level=INI, title="Klaar", parent_id=od, status="done").id
    details.add_milestone(
        store, open_, text="Wet klaar", period="Q3 2025", due_date=dt.date(2025, 9, 30)
    )
    details.add_milestone(store, open_, text="Overleg", period="Q1 2025", done=True)
    indicator = details.add_indicator(store, open_, name="Dossiers").ids[0]
    for year, kind, value in (
        (2025, ValueKind.BASELINE, "10"),
        (2025, ValueKind.TARGET, "20"),
        (2025, ValueKind.ACTUAL, "17"),
    ):
        details.set_indicator_value(store, indicator, year=year, kind=kind, value=Decimal(value))
    return {"strategic": strategic, "sd": sd, "op": op_id, "open": open_, "done": done}


def _values(store, plan_id, title):
    node = next(n for n in walk(load_tree_rows(store, plan_id)) if n.title.get("nl") == title)
    return details.objective_detail(store, node.id)


def test_next_year_carries_and_reports(store, year_plan):
    changed = next_year.next_year_plan(store, year_plan["op"])
    new = plans.plan_info(store, changed.ids[0])
    assert (new.code, new.first_year, new.kind) == ("op-2026", 2026, PlanKind.OPERATIONAL)
    assert new.strategic_plan_id == year_plan["strategic"]
    titles = [(n.title["nl"], n.reference) for n in walk(load_tree_rows(store, new.id))]
    assert titles == [("Kaderen", True), ("OD", False), ("Open", False)]
    carried = _values(store, new.id, "Open")
    (milestone,) = carried.milestones  # the done one stays behind
    assert (milestone.period, milestone.due_by, milestone.replan) == (
        "Q3 2026",
        dt.date(2026, 9, 30),
        True,
    )
    (indicator,) = carried.indicators
    assert indicator.values == {
        (2025, ValueKind.BASELINE): Decimal("10"),
        (2026, ValueKind.BASELINE): Decimal("17"),  # last year's actual; no targets yet
    }
    report = changed.extra["report"]
    assert [(i.title, i.open_milestones) for i in report.carried] == [("Open", 1)]
    assert [i.title for i in report.left_behind] == ["Klaar"]
    assert (report.milestones_moved, report.baselines_from_actuals) == (1, 1)
    assert report.year == 2026 and report.source_code == "op-2025"
    assert check_file(store) == []


def test_replanning_a_milestone_clears_the_mark_and_undo_restores_it(store, year_plan):
    new = next_year.next_year_plan(store, year_plan["op"]).ids[0]
    (milestone,) = _values(store, new, "Open").milestones
    changed = details.update_milestone(store, milestone.id, replan=False)
    assert changed.old == {"replan": True}
    assert not _values(store, new, "Open").milestones[0].replan
    details.update_milestone(store, milestone.id, **changed.old)
    assert _values(store, new, "Open").milestones[0].replan


def test_the_diversity_plan_is_carried_with_baselines_from_actuals(store, year_plan):
    op = year_plan["op"]
    diversity.create_diversity_plan(store, op, year=2025)
    info = load_diversity(store, op)
    assert info is not None
    indicator = diversity.add_indicator(
        store, info.id, name="Personen met een handicap", unit=MeasureUnit.PERCENT
    ).ids[1]
    diversity.set_indicator_value(
        store, indicator, year=2025, kind=ValueKind.ACTUAL, value=Decimal("2.3")
    )
    changed = next_year.next_year_plan(store, op)
    carried = load_diversity(store, changed.ids[0])
    assert carried is not None and carried.year == 2026
    (ind,) = carried.indicators
    assert ind.of_kind(ValueKind.BASELINE)[2026].value == Decimal("2.3")
    assert ind.of_kind(ValueKind.ACTUAL) == {}
    assert changed.extra["report"].diversity_year == 2025
    assert load_diversity(store, op).year == 2025  # last year's stays as it was


def test_from_the_strategic_plan_the_next_yearly_plan(store, year_plan):
    changed = next_year.next_year_plan(store, year_plan["strategic"])
    assert plans.plan_info(store, changed.ids[0]).code == "op-2026"  # after op-2025
    again = next_year.next_year_plan(store, year_plan["strategic"])
    assert plans.plan_info(store, again.ids[0]).first_year == 2027  # after op-2026


def test_from_a_strategic_plan_without_yearly_plans_its_first_year(store, strategic):
    objectives.add_objective(store, strategic, level=SD, title="Kaderen")
    changed = next_year.next_year_plan(store, strategic)
    info = plans.plan_info(store, changed.ids[0])
    assert (info.first_year, info.strategic_plan_id) == (2025, strategic)
    assert [n.reference for n in walk(load_tree_rows(store, info.id))] == [True]


def test_the_strategic_plans_last_year_ends_the_cycle(store, strategic):
    for year in range(2025, 2030):
        create_from_strategic(store, strategic_plan_id=strategic, year=year, code=f"op-{year}")
    with pytest.raises(ValidationError, match="ends in 2029"):
        next_year.next_year_plan(store, strategic)


def test_statuses_other_than_done_travel(store, year_plan):
    new = next_year.next_year_plan(store, year_plan["op"]).ids[0]
    assert _values(store, new, "Open").status is Status.DELAYED
