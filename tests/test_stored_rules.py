"""``check`` applies the window's field rules to what is stored (issue 25: values the
import let through were stored and ``check`` stayed silent)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from planner_app.cli import main
from planner_app.domain import BudgetAmount, Milestone, Plan, PolicyField
from planner_app.i18n import set_language
from planner_app.services.plans import find_plan
from planner_app.storage import PlanFile

PLAN = "dkbuza-2025"


def _break_values(path: Path) -> None:
    """Values the services refuse, written past them as an older import did; through
    the ORM, so the change log agrees and only the rules can find them."""
    with PlanFile.open(path) as store:
        plan_id = find_plan(store, PLAN).id
        with store.transaction() as s:
            milestone = s.scalars(select(Milestone).where(Milestone.plan_id == plan_id)).first()
            milestone.period = "Q" * 72
            plan = s.get(Plan, plan_id)
            plan.languages = "fr"  # its texts are Dutch: a French plan typed in @nl columns
            value = s.scalars(select(BudgetAmount)).first()  # of the other plan
            value.year = s.get(Plan, value.plan_id).last_year + 30
            field = s.scalars(select(PolicyField)).first()
            if field is not None:
                field.code = "P" * 34


def test_check_names_each_value_the_rules_refuse(demo_path: Path, capsys):
    assert main(["check", str(demo_path)]) == 0
    capsys.readouterr()
    _break_values(demo_path)
    assert main(["check", str(demo_path)]) == 1
    err = capsys.readouterr().err
    assert f"plan {PLAN}, milestone " in err and "(72 characters; at most 64)" in err
    assert "is outside the plan's period" in err
    assert f"plan {PLAN}: its title is empty in its main language “fr”" in err
    assert "language nl is not one of" not in err  # kept, as when a language is removed
    assert "the change log says" not in err  # the rules found them, not the log


def test_check_speaks_the_users_language(demo_path: Path, capsys, monkeypatch):
    _break_values(demo_path)
    monkeypatch.setenv("PLANNER_LANG", "fr")
    try:
        assert main(["check", str(demo_path)]) == 1
    finally:
        set_language("en")
    err = capsys.readouterr().err
    assert f"plan {PLAN}, jalon " in err
