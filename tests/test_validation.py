"""Bad input names the field and the reason, and changes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planner_app.errors import NotFoundError, PlanChoiceError, ValidationError
from planner_app.services import (
    budget_amounts,
    budget_dimensions,
    budget_lines,
    budget_read,
    diversity,
    plans,
    sections,
    staffing,
    units,
)
from planner_app.services.common import resolve_plan
from tests.conftest import log_size


def refused(store, call, message, error=ValidationError):
    before = log_size(store)
    with pytest.raises(error, match=message):
        call()
    assert log_size(store) == before


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"code": "Bad Code"}, "Code: use lower-case letters"),
        ({"code": "test-2025"}, "Code: another plan in this file already has code test-2025"),
        ({"title": ""}, "Title: must not be empty"),
        ({"languages": []}, "Languages: choose at least one"),
        ({"languages": ["xx"]}, "Languages: xx is not a supported language"),
        ({"first_year": 2025, "last_year": 2024}, "Last year: comes before the first year"),
        ({"first_year": 20025}, "First year: 20025 is not a year"),
        ({"kind": "business", "last_year": 2026}, "Last year: a yearly plan covers one year"),
    ],
)
def test_create_plan_errors(store, plan_id, kwargs, message):
    args = {"code": "new", "kind": "strategic", "title": "T", "first_year": 2025, "last_year": 2029}
    args.update(kwargs)
    refused(store, lambda: plans.create_plan(store, **args), message)


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("12,5x", "Amount: '12,5x' is not a number"),
        ("1.2345", "Amount: has more than 3 decimals"),
        ("-5", "Amount: must not be negative"),
        (Decimal("1e12"), "Amount: is too large"),
        (1.5, "Amount: must be an exact number, not a float"),
        ("NaN", "Amount: 'NaN' is not a number"),
    ],
)
def test_budget_amount_errors(store, plan_id, tree, amount, message):
    refused(
        store,
        lambda: budget_amounts.set_amount(
            store, tree["line"], year=2025, stage="INI", credit_type="VL", amount=amount
        ),
        message,
    )


def test_budget_structure_errors(store, plan_id, tree):
    line = tree["line"]

    def amount(line_id, **kw):
        args = {"year": 2025, "stage": "INI", "credit_type": "VL", "amount": "1"} | kw
        return budget_amounts.set_amount(store, line_id, **args)

    refused(store, lambda: amount(line, stage="ADJ"), "Budget stage: ADJ is not defined")
    refused(store, lambda: amount(line, credit_type="XX"), "Credit type: XX is not defined")
    refused(store, lambda: amount(line, year=2040), "Year: 2040 is outside the plan's period")
    child = budget_lines.add_line(store, plan_id, title="Sub", parent_id=line).id
    refused(store, lambda: amount(line), "Amount: the line is a group")
    amount(child, amount="2.125")
    refused(
        store,
        lambda: budget_lines.add_line(store, plan_id, title="x", parent_id=child),
        "Parent: the line has amounts of its own",
    )
    refused(
        store,
        lambda: budget_lines.move_line(store, line, parent_id=child, position=0),
        "Parent: a line cannot move under itself",
    )
    refused(
        store, lambda: budget_dimensions.add_stage(store, plan_id, code="INI"), "INI exists already"
    )
    budget_lines.update_line(store, child, allow_negative=True)
    amount(child, amount="-3")
    totals = budget_read.budget_totals(store, plan_id)
    assert totals.of(line, budget_read.BudgetColumn(2025, "INI", "VL")) == Decimal(-3)


def test_negative_line_cannot_forbid_negatives_while_it_has_them(store, plan_id, tree):
    budget_lines.update_line(store, tree["line"], allow_negative=True)
    budget_amounts.set_amount(
        store, tree["line"], year=2025, stage="INI", credit_type="VL", amount="-1"
    )
    refused(
        store,
        lambda: budget_lines.update_line(store, tree["line"], allow_negative=False),
        "still has negative amounts",
    )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"fte": "1.234"}, "FTE: has more than 2 decimals"),
        ({"fte": "-1"}, "FTE: must not be negative"),
        ({"fte": "10000000"}, "FTE: is too large"),
        ({"headcount": "2.5"}, "Headcount: '2.5' is not a whole number"),
        ({"headcount": -1}, "Headcount: must not be negative"),
        ({"year": 1800}, "Year: 1800 is not a year"),
        ({"statute": "X"}, "Statute/scenario"),
    ],
)
def test_staffing_errors(store, plan_id, tree, kwargs, message):
    args = {"statute": "S", "year": 2025, "scenario": "as_is", "fte": "1"} | kwargs
    refused(store, lambda: staffing.set_staffing(store, tree["unit"], **args), message)


def test_staffing_cell_cleared_when_both_empty(store, plan_id, tree):
    set_ = staffing.set_staffing
    set_(store, tree["unit"], statute="S", year=2025, scenario="planned", fte="2.5", headcount=3)
    key = staffing.StaffingKey(staffing.Scenario.PLANNED, 2025)
    assert staffing.staffing_totals(store, plan_id).per_key[key].fte == Decimal("2.5")
    set_(store, tree["unit"], statute="S", year=2025, scenario="planned", fte=None, headcount=None)
    assert key not in staffing.staffing_totals(store, plan_id).per_key


@pytest.mark.parametrize(
    ("unit", "kwargs", "message"),
    [
        ("percent", {"value": "101"}, "a percentage lies between 0 and 100"),
        ("count", {"value": "2.5"}, "Value: has more than 0 decimals"),
        ("count", {"value": "-2"}, "Value: must not be negative"),
        ("percent", {"numerator": 5, "denominator": 4}, "Numerator: must not exceed"),
        ("percent", {"numerator": 1, "denominator": 0}, "Denominator: must not be zero"),
        ("percent", {"numerator": -1, "denominator": 4}, "Numerator: must be a whole"),
        ("years", {"numerator": 1, "denominator": 4}, "only percentages are computed"),
        ("percent", {"value": "5", "year": 2036, "kind": "target"}, "outside the plan's period"),
    ],
)
def test_diversity_value_errors(store, plan_id, unit, kwargs, message):
    dp = diversity.create_diversity_plan(store, plan_id, year=2025).id
    ind = diversity.add_indicator(store, dp, name="x", unit=unit).ids[1]
    args = {"year": 2025, "kind": "baseline"} | kwargs
    refused(store, lambda: diversity.set_indicator_value(store, ind, **args), message)


def test_percentage_from_counts(store, plan_id):
    dp = diversity.create_diversity_plan(store, plan_id, year=2025).id
    ind = diversity.add_indicator(store, dp, name="x", unit="percent").ids[1]
    diversity.set_indicator_value(
        store, ind, year=2025, kind="actual", numerator=6, denominator=250
    )
    from planner_app.domain import DiversityIndicatorValue

    with store.read() as s:
        assert s.query(DiversityIndicatorValue).one().value == Decimal("2.40")
    refused(
        store,
        lambda: diversity.set_indicator_value(
            store, ind, year=2025, kind="actual", value="3", numerator=6, denominator=250
        ),
        "does not match 6/250",
    )


def test_section_and_unit_errors(store, plan_id, tree):
    swot = sections.add_section(store, plan_id, kind="swot", title="SWOT").id
    refused(
        store,
        lambda: sections.set_section_part(store, swot, "political", "x"),
        "political is not a part of this chapter",
    )
    refused(
        store,
        lambda: sections.add_section(store, plan_id, kind="poem", title="x"),
        "unknown chapter kind poem",
    )
    refused(
        store,
        lambda: sections.add_communication_row(store, swot, goal="x"),
        "is not a communication plan",
    )
    objectives_lead = tree["unit"]
    from planner_app.services import objectives

    objectives.update_objective(store, tree["i1"], lead_unit_id=objectives_lead)
    refused(store, lambda: units.delete_unit(store, objectives_lead), "is still used by")
    refused(
        store,
        lambda: units.add_unit(store, plan_id, name="x", kind="embassy"),
        "must be directorate, service, post or other",
    )


def test_missing_rows_and_plan_choice(store, plan_id):
    import uuid

    refused(
        store,
        lambda: units.update_unit(store, uuid.uuid4(), code="x"),
        "unit no longer exists",
        NotFoundError,
    )
    plans.create_plan(
        store, code="other", kind="strategic", title="O", first_year=2025, last_year=2029
    )
    with store.read() as s, pytest.raises(PlanChoiceError, match="other, test-2025"):
        resolve_plan(s, None)
    with store.read() as s, pytest.raises(PlanChoiceError, match="no plan nope"):
        resolve_plan(s, "nope")


def test_restoring_a_row_whose_parent_is_deleted_is_refused(store, plan_id, tree):
    from planner_app.services import details, objectives

    milestone = details.add_milestone(store, tree["i1"], text="m").id
    gone_m = details.delete_milestone(store, milestone)
    gone_o = objectives.delete_objective(store, tree["od11"])
    refused(
        store,
        lambda: details.restore_milestone(store, gone_m.ids),
        "what it belongs to was deleted",
    )
    objectives.restore_objective(store, gone_o.ids)
    details.restore_milestone(store, gone_m.ids)
    sub = budget_lines.add_line(store, plan_id, title="Sub", parent_id=tree["line"]).id
    gone_line = budget_lines.delete_line(store, sub)
    budget_amounts.set_amount(
        store, tree["line"], year=2025, stage="INI", credit_type="VL", amount="5"
    )
    refused(store, lambda: budget_lines.restore_line(store, gone_line.ids), "amounts of its own")
