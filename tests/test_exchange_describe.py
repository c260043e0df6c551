"""The "edit" decision and the words the conflict view and "Not yet sent" view show."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planner_app.domain import BudgetLine
from planner_app.errors import ValidationError
from planner_app.exchange.changes import not_yet_sent
from planner_app.exchange.decisions import EDIT, decide
from planner_app.exchange.describe import change_lines, conflict_views
from planner_app.exchange.merge import open_conflicts
from planner_app.services import (
    budget_amounts,
    budget_lines,
    objectives,
)
from tests import exchange_support

enrolled = exchange_support.enrolled
exchange_template = exchange_support.exchange_template

CELL = dict(year=2025, stage="INI", credit_type="VL")


def _budget_conflict(ex):
    budget_amounts.set_amount(ex.post.store, ex.ids["line"], amount=Decimal("150.5"), **CELL)
    budget_amounts.set_amount(ex.hq.store, ex.ids["line"], amount=Decimal(1120), **CELL)
    (conflict,) = ex.to_hq().conflicts
    return conflict


def test_an_entered_value_decides_and_travels(enrolled):
    ex = enrolled
    conflict = _budget_conflict(ex)
    decide(ex.hq.store, conflict.id, EDIT, Decimal("1300.25"))
    assert open_conflicts(ex.hq.store) == []
    assert ex.hq.amount(ex.ids["cell"]) == Decimal("1300.25")
    ex.to_post()
    assert ex.post.amount(ex.ids["cell"]) == Decimal("1300.25")
    assert ex.to_hq().conflicts == []
    assert ex.hq.problems() == [] and ex.post.problems() == []


def test_an_entered_value_must_fit_the_field(enrolled):
    ex = enrolled
    conflict = _budget_conflict(ex)
    with pytest.raises(ValidationError, match="number"):
        decide(ex.hq.store, conflict.id, EDIT, "a lot")
    objectives.update_objective(ex.post.store, ex.ids["mine"], title="P")
    objectives.update_objective(ex.hq.store, ex.ids["mine"], title="H")
    (title,) = ex.to_hq().conflicts
    with pytest.raises(ValidationError, match="ours or theirs"):
        decide(ex.hq.store, title.id, EDIT, "New")
    assert len(open_conflicts(ex.hq.store)) == 2


def test_a_conflict_in_words(enrolled):
    ex = enrolled
    _budget_conflict(ex)
    (view,) = conflict_views(ex.hq.store)
    assert view.what.startswith("Budget amount Werking post")
    assert "2025" in view.what and "INI" in view.what
    assert view.field == "Amount (kEUR)"
    # numbers in the Belgian notation of the UI language (English shows Dutch notation)
    assert (view.base, view.ours, view.theirs) == ("100", "1.120", "150,5")
    assert view.combinable and view.editable and view.combined == "1.170,5"
    assert view.theirs_at and view.ours_at  # who/when of both sides from the change log


def test_a_title_conflict_names_the_objective(enrolled):
    ex = enrolled
    objectives.update_objective(ex.post.store, ex.ids["mine"], title={"nl": "P", "fr": "PF"})
    objectives.update_objective(ex.hq.store, ex.ids["mine"], title={"nl": "H"})
    ex.to_hq()
    (view,) = conflict_views(ex.hq.store)
    assert view.what.startswith("Objective ") and view.what.endswith("H")
    assert view.field == "Title" and view.theirs == "fr: PF\nnl: P"
    assert not view.combinable and not view.editable


def test_waiting_changes_in_words(enrolled):
    ex = enrolled
    objectives.update_objective(ex.post.store, ex.ids["mine"], title={"fr": "Nouveau"})
    with ex.post:
        records = not_yet_sent(ex.post.store)
    (line,) = change_lines(ex.post.store, records)
    assert line.field == "Title" and line.old == "nl: Post work"
    assert line.new == "fr: Nouveau\nnl: Post work"
    # named in the plan's main language (nl) when the UI language (en) has no text
    assert line.what.endswith(" Post work") and line.at


def test_an_entered_text_decides_a_code_conflict(enrolled):
    ex = enrolled
    budget_lines.update_line(ex.post.store, ex.ids["line"], code="P-1")
    budget_lines.update_line(ex.hq.store, ex.ids["line"], code="H-1")
    (conflict,) = ex.to_hq().conflicts
    (view,) = conflict_views(ex.hq.store)
    assert view.field == "Code" and view.editable and not view.number and not view.combinable
    decide(ex.hq.store, conflict.id, EDIT, " WP-3 ")
    ex.to_post()
    for site in (ex.hq, ex.post):
        with site.store.read() as s:
            assert s.get(BudgetLine, ex.ids["line"]).code == "WP-3"
    assert ex.to_hq().undecided == []
