"""The History of an objective and of a budget line, read from the change log: who,
when, which field, old and new, newest first, texts in the language asked for, numbers
in Belgian notation; children (milestones, indicator values, amounts) included, other
objectives' and lines' changes not."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planner_app.domain.enums import Status, ValueKind
from planner_app.errors import NotFoundError
from planner_app.services import budget_amounts, budget_lines, details, objectives
from planner_app.services.history import budget_line_history, history_text, objective_history


def test_an_objectives_history_lists_its_changes_newest_first(store, tree):
    i1 = tree["i1"]
    objectives.update_objective(store, i1, title={"nl": "Nieuwe titel", "fr": "Nouveau titre"})
    objectives.update_objective(store, i1, status=Status.DELAYED)
    milestone = details.add_milestone(store, i1, text="Q2: rapport", period="Q2 2025").id
    details.update_milestone(store, milestone, done=True)
    indicator = details.add_indicator(store, i1, name="Dossiers").id
    details.set_indicator_value(
        store, indicator, year=2025, kind=ValueKind.TARGET, value=Decimal("1234.5")
    )
    objectives.update_objective(store, tree["i2"], title={"nl": "Andere"})  # not i1's

    lines = objective_history(store, i1, "nl")
    assert lines[-1].field == "(new row)" and lines[-1].what == "Objective 1.1.1 Nieuwe titel"
    fields = [(line.field, line.old, line.new) for line in lines]
    assert ("Title", "Init 1", "Nieuwe titel") in fields
    assert ("Status", "not started", "delayed / needs attention") in [
        (f, o.lower(), n.lower()) for f, o, n in fields
    ]
    assert ("Done", "no", "yes") in fields
    assert ("(new row)", "", "Value: 1.234,5") in fields  # Belgian, exact
    assert all("Andere" not in line.new for line in lines)
    assert all(line.user and line.at.endswith("UTC") for line in lines)
    # newest first: the value set last comes before the title changed first
    order = [line.field for line in lines]
    assert order.index("Done") < order.index("Title")
    # in French: the French title; a change of another language only is not listed
    french = objective_history(store, i1, "fr")
    assert ("Title", "Init 1", "Nouveau titre") in [(x.field, x.old, x.new) for x in french]
    objectives.update_objective(store, i1, title={"fr": "Titre corrigé"})
    assert len(objective_history(store, i1, "nl")) == len(lines)
    assert len(objective_history(store, i1, "fr")) == len(french) + 1
    assert "Nieuwe titel" in history_text(lines)


def test_a_budget_lines_history_lists_its_amounts_and_links(store, tree):
    line = tree["line"]
    budget_amounts.set_amount(
        store, line, year=2025, stage="INI", credit_type="VL", amount=Decimal("12.5")
    )
    budget_amounts.set_amount(store, line, year=2025, stage="INI", credit_type="VL", amount=20)
    budget_lines.update_line(store, line, title={"nl": "Werkingskosten"})
    budget_lines.link_objective(store, line, tree["i1"])
    other = budget_lines.add_line(store, tree_plan(store, line), title="Andere lijn").id
    budget_amounts.set_amount(store, other, year=2025, stage="INI", credit_type="VL", amount=1)

    lines = budget_line_history(store, line, "nl")
    fields = [(x.field, x.old, x.new) for x in lines]
    assert ("Amount (kEUR)", "12,5", "20") in fields
    assert ("Title", "Werking", "Werkingskosten") in fields
    assert any(x.what.startswith("Budget line funding") for x in lines)
    assert all("Andere lijn" not in x.what for x in lines)


def tree_plan(store, line):
    from planner_app.domain.resources_model import BudgetLine

    with store.read() as s:
        return s.get(BudgetLine, line).plan_id


def test_an_unknown_row_is_named_in_the_refusal(store, tree):
    import uuid

    with pytest.raises(NotFoundError):
        objective_history(store, uuid.uuid4(), "nl")
    with pytest.raises(NotFoundError):
        budget_line_history(store, uuid.uuid4(), "nl")
