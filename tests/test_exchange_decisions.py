"""Deciding conflicts: ours, theirs, combine; a decision travels and settles the other
side without making a new conflict there."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planner_app.errors import ValidationError
from planner_app.exchange.decisions import decide
from planner_app.exchange.merge import open_conflicts
from planner_app.services import (
    budget_amounts,
    objectives,
)
from tests import exchange_support

# shared fixtures (one enrolled template per session, a working copy per test)
enrolled = exchange_support.enrolled
exchange_template = exchange_support.exchange_template

CELL = dict(year=2025, stage="INI", credit_type="VL")


@pytest.fixture
def ex(enrolled):
    return enrolled


def _budget_conflict(ex):
    budget_amounts.set_amount(ex.post.store, ex.ids["line"], amount=Decimal(150), **CELL)
    budget_amounts.set_amount(ex.hq.store, ex.ids["line"], amount=Decimal(120), **CELL)
    (conflict,) = ex.to_hq().conflicts
    return conflict


@pytest.mark.parametrize(("choice", "expected"), [("ours", 120), ("theirs", 150), ("combine", 170)])
def test_a_decision_travels_and_every_replica_ends_equal(ex, choice, expected):
    conflict = _budget_conflict(ex)
    decide(ex.hq.store, conflict.id, choice)
    assert open_conflicts(ex.hq.store) == []
    assert ex.hq.amount(ex.ids["cell"]) == Decimal(expected)
    ex.to_post()
    assert ex.post.amount(ex.ids["cell"]) == Decimal(expected)
    assert open_conflicts(ex.post.store) == []
    report = ex.to_hq()
    assert report.conflicts == [] and ex.hq.amount(ex.ids["cell"]) == Decimal(expected)
    assert ex.hq.problems() == [] and ex.post.problems() == []


def test_combine_is_for_numbers_only(ex):
    objectives.update_objective(ex.post.store, ex.ids["mine"], title="P")
    objectives.update_objective(ex.hq.store, ex.ids["mine"], title="H")
    (conflict,) = ex.to_hq().conflicts
    with pytest.raises(ValidationError, match="number"):
        decide(ex.hq.store, conflict.id, "combine")
    assert len(open_conflicts(ex.hq.store)) == 1


def test_keeping_an_edit_over_a_delete_brings_the_row_back_at_the_post(ex):
    objectives.delete_objective(ex.post.store, ex.ids["mine"])
    objectives.update_objective(ex.hq.store, ex.ids["mine"], title="Keep it")
    conflict = next(c for c in ex.to_hq().conflicts if c.table_name == "objectives")
    decide(ex.hq.store, conflict.id, "ours")
    ex.to_post()
    row = ex.post.objective(ex.ids["mine"])
    assert not row.deleted and row.title["nl"] == "Keep it"
    assert ex.hq.problems() == [] and ex.post.problems() == []
