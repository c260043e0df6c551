"""Budget stages and credit types renamed and removed through the services: amounts
follow a rename, a stage that holds amounts cannot be removed, undo restores."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planner_app.errors import ValidationError
from planner_app.services import (
    budget_amounts,
    budget_dimensions,
    budget_read,
)
from planner_app.services.budget_read import BudgetColumn


@pytest.fixture
def line(store, plan_id, tree):
    budget_dimensions.add_stage(store, plan_id, code="AANP")
    budget_dimensions.add_credit_type(store, plan_id, code="VE")
    budget_amounts.set_amount(
        store, tree["line"], year=2025, stage="INI", credit_type="VL", amount=7
    )
    budget_amounts.set_amount(
        store, tree["line"], year=2025, stage="INI", credit_type="VE", amount=3
    )
    return tree["line"]


def test_rename_keeps_place_and_moves_every_amount(store, plan_id, line):
    budget_dimensions.rename_dimension(store, plan_id, "stage", "INI", "INIT")
    assert budget_dimensions.list_dimensions(store, plan_id) == (["INIT", "AANP"], ["VL", "VE"])
    totals = budget_read.budget_totals(store, plan_id)
    assert totals.of(line, BudgetColumn(2025, "INIT", "VL")) == Decimal(7)
    assert totals.of(line, BudgetColumn(2025, "INIT", "VE")) == Decimal(3)
    assert totals.of(line, BudgetColumn(2025, "INI", "VL")) is None
    budget_dimensions.rename_dimension(store, plan_id, "credit_type", "VL", "CL")
    budget_dimensions.rename_dimension(store, plan_id, "credit_type", "CL", "VL")  # back: revives
    budget_dimensions.rename_dimension(store, plan_id, "stage", "INIT", "INI")
    assert budget_dimensions.list_dimensions(store, plan_id) == (["INI", "AANP"], ["VL", "VE"])
    totals = budget_read.budget_totals(store, plan_id)
    assert totals.of(line, BudgetColumn(2025, "INI", "VL")) == Decimal(7)
    assert totals.grand_total == {
        BudgetColumn(2025, "INI", "VL"): Decimal(7),
        BudgetColumn(2025, "INI", "VE"): Decimal(3),
    }


@pytest.mark.parametrize(
    ("kind", "old", "new", "message"),
    [
        ("stage", "INI", "AANP", "AANP exists already"),
        ("stage", "NOPE", "X", "NOPE is not defined"),
        ("credit_type", "VL", "two words", "must be one word"),
        ("credit_type", "VL", " ", "must not be empty"),
    ],
)
def test_rename_refusals(store, plan_id, line, kind, old, new, message):
    with pytest.raises(ValidationError, match=message):
        budget_dimensions.rename_dimension(store, plan_id, kind, old, new)
    assert budget_dimensions.list_dimensions(store, plan_id) == (["INI", "AANP"], ["VL", "VE"])


def test_remove_refuses_one_with_amounts_and_restore_puts_it_back(store, plan_id, line):
    with pytest.raises(ValidationError, match="INI holds amounts; clear them first"):
        budget_dimensions.remove_dimension(store, plan_id, "stage", "INI")
    budget_dimensions.remove_dimension(store, plan_id, "stage", "AANP")
    assert budget_dimensions.list_dimensions(store, plan_id)[0] == ["INI"]
    budget_dimensions.restore_dimension(store, plan_id, "stage", "AANP", 0)
    assert budget_dimensions.list_dimensions(store, plan_id)[0] == ["AANP", "INI"]
    with pytest.raises(ValidationError, match="exists already"):
        budget_dimensions.restore_dimension(store, plan_id, "stage", "AANP", 0)
