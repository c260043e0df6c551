"""The exchange commands, with two installations on one machine (two data folders)."""

from __future__ import annotations

import re
import shutil

from planner_app.cli import main
from planner_app.services import objectives
from planner_app.storage import PlanFile
from tests.exchange_support import build_hq


def test_starter_changes_inspect_enrol_merge_and_conflicts(
    tmp_path, empty_plan_file, monkeypatch, capsys
):
    hq_data, post_data = tmp_path / "hq-data", tmp_path / "post-data"
    hq_file, post_file = tmp_path / "hq.plan", tmp_path / "post.plan"
    shutil.copy2(empty_plan_file, hq_file)
    monkeypatch.setenv("PLANNER_APP_DATA_DIR", str(hq_data))
    with PlanFile.open(hq_file) as store:
        ids = build_hq(store)

    assert main(["package", str(hq_file), "--for-unit", "PA", "-o", str(post_file)]) == 0
    assert "starter file" in capsys.readouterr().out

    monkeypatch.setenv("PLANNER_APP_DATA_DIR", str(post_data))
    with PlanFile.open(post_file) as store:
        objectives.update_objective(store, ids["mine"], title="Edited at the post")
    package = tmp_path / "p1.plnpkg"
    assert main(["changes", str(post_file), "-o", str(package)]) == 0
    assert "Wrote 1 change(s)" in capsys.readouterr().out
    assert main(["inspect", str(package)]) == 0
    shown = capsys.readouterr().out
    fingerprint = re.search(r"Sender key:\s+([0-9A-F ]+)", shown).group(1).strip()
    assert "x-2025" in shown and len(fingerprint) == 39

    monkeypatch.setenv("PLANNER_APP_DATA_DIR", str(hq_data))
    assert main(["merge", str(hq_file), str(package)]) == 3
    err = capsys.readouterr().err
    assert fingerprint in err and "Traceback" not in err and err.count("\n") == 1
    assert (
        main(["merge", str(hq_file), str(package), "--dry-run", "--accept-key", fingerprint]) == 0
    )
    assert "Dry run: nothing was changed." in capsys.readouterr().out
    assert main(["merge", str(hq_file), str(package), "--accept-key", fingerprint]) == 0
    out = capsys.readouterr().out
    assert "Enrolled the key" in out and "1 change(s) applied" in out
    assert main(["conflicts", str(hq_file)]) == 0
    assert "No open conflicts" in capsys.readouterr().out

    update = tmp_path / "u1.plnpkg"
    assert main(["package", str(hq_file), "--for-unit", "PA", "-o", str(update)]) == 0
    capsys.readouterr()
    monkeypatch.setenv("PLANNER_APP_DATA_DIR", str(post_data))
    assert main(["merge", str(post_file), str(update)]) == 0
    assert "0 conflict(s), 0 refused" in capsys.readouterr().out
    # the same update again: nothing new
    assert main(["merge", str(post_file), str(update)]) == 0
    capsys.readouterr()


def test_conflicts_are_listed_and_decided(tmp_path, empty_plan_file, monkeypatch, capsys):
    from decimal import Decimal

    from planner_app.services import (
        budget_amounts,
    )
    from tests.exchange_support import make_exchange

    ex = make_exchange(tmp_path, empty_plan_file)
    ex.enrol()
    cell = dict(year=2025, stage="INI", credit_type="VL")
    budget_amounts.set_amount(ex.post.store, ex.ids["line"], amount=Decimal(150), **cell)
    budget_amounts.set_amount(ex.hq.store, ex.ids["line"], amount=Decimal(120), **cell)
    ex.to_hq()
    ex.hq.store.close()
    ex.post.store.close()
    hq_file = str(ex.hq.store.path)
    monkeypatch.setenv("PLANNER_APP_DATA_DIR", str(ex.hq.data_dir))
    assert main(["conflicts", hq_file]) == 0
    out = capsys.readouterr().out
    assert "1 open conflict(s)" in out and 'base "100", ours "120", theirs "150"' in out
    conflict_id = re.search(r"conflict (\d+)", out).group(1)
    assert main(["conflicts", hq_file, "--decide", conflict_id, "sum"]) == 1
    assert "choose ours, theirs or combine" in capsys.readouterr().err
    assert main(["conflicts", hq_file, "--decide", conflict_id, "combine"]) == 0
    assert main(["conflicts", hq_file]) == 0
    assert "No open conflicts" in capsys.readouterr().out


def test_inspect_refuses_what_is_not_a_package(tmp_path, capsys):
    junk = tmp_path / "junk.plnpkg"
    junk.write_text("not a zip")
    assert main(["inspect", str(junk)]) == 3
    assert "is not a planner-app package" in capsys.readouterr().err


def test_a_starter_from_the_demo_leaves_out_hr_data_and_other_plans(demo_path, tmp_path, capsys):
    starter = tmp_path / "den-haag.plan"
    code = ["package", str(demo_path), "--plan", "dkbuza-2025", "--for-unit", "Den Haag"]
    assert main([*code, "-o", str(starter)]) == 0
    raw = starter.read_bytes()
    # the diversity plan's introduction and the other organisation's plan are gone,
    # also from free pages (the copy is vacuumed)
    assert b"doorlichtingsdocument van onze organisatie" not in raw
    assert b"70 % uit universitair geschoolde" not in raw
    assert b"ibz-2025-2029" not in raw
    assert b"Diplomatieke Vertegenwoordiging in Den Haag" in raw
    assert main(["check", str(starter)]) == 0
    assert main(["info", str(starter)]) == 0
    assert "dkbuza-2025" in capsys.readouterr().out


def test_a_starter_keeps_the_strategic_plan_its_plan_links_to(store, tmp_path):
    from sqlalchemy import select

    from planner_app.domain import Plan
    from planner_app.domain.enums import ObjectiveLevel, PlanKind
    from planner_app.exchange.starter import write_starter
    from planner_app.services import plans, units

    def new_plan(code, kind, **extra):
        return plans.create_plan(
            store, code=code, kind=kind, title="P", first_year=2025, languages=["nl"], **extra
        ).id

    strategic = new_plan("s-2025-2029", PlanKind.STRATEGIC)
    new_plan("other-2025", PlanKind.BUSINESS)
    yearly = new_plan("y-2025", PlanKind.BUSINESS, strategic_plan_id=strategic)
    goal = objectives.add_objective(
        store, strategic, level=ObjectiveLevel.STRATEGIC, title="Long term"
    ).id
    unit = units.add_unit(store, yearly, name="Post", code="P1").id
    objectives.add_objective(
        store, yearly, level=ObjectiveLevel.STRATEGIC, title="This year", lead_unit_id=unit
    )
    with store.transaction() as s:  # the yearly objective carries out the strategic one
        from planner_app.domain import Objective

        row = s.scalar(select(Objective).where(Objective.plan_id == yearly))
        row.strategic_link_id = goal
    out = tmp_path / "p1.plan"
    write_starter(store, out, unit_code="P1", plan_code="y-2025")
    with PlanFile.open(out, readonly=True) as starter, starter.read() as s:
        assert sorted(s.scalars(select(Plan.code))) == ["s-2025-2029", "y-2025"]
    assert main(["check", str(out)]) == 0


def test_headquarters_may_tick_hr_data_and_all_staffing_into_a_starter(demo_path, tmp_path):
    from sqlalchemy import func, select

    from planner_app.domain import StaffingFigure
    from planner_app.services.diversity_read import diversity_years
    from planner_app.services.plans import find_plan
    from planner_app.storage import PlanFile

    def diversity(path) -> bool:
        with PlanFile.open(path, readonly=True) as store:
            return bool(diversity_years(store, find_plan(store, "dkbuza-2025").id))

    def staffing(path) -> int:
        with PlanFile.open(path, readonly=True) as store, store.read() as s:
            return s.scalar(select(func.count()).select_from(StaffingFigure)) or 0

    def starter(name: str, plan: str, unit: str, *ticks: str):
        out = tmp_path / name
        args = ["package", str(demo_path), "--plan", plan, "--for-unit", unit, "-o", str(out)]
        assert main([*args, *ticks]) == 0
        assert main(["check", str(out)]) == 0
        return out

    dkbuza = ("dkbuza-2025", "Den Haag")
    assert not diversity(starter("plain.plan", *dkbuza))
    assert diversity(starter("hr.plan", *dkbuza, "--include-hr"))
    ibz = ("ibz-2025-2029", "IOD")
    own = staffing(starter("own.plan", *ibz))
    every = staffing(starter("all.plan", *ibz, "--all-staffing"))
    assert 0 < own < every


def test_a_posts_starter_leaves_out_the_staffing_totals_the_source_printed(demo_path, tmp_path):
    """Printed staffing totals count other units' people: they go with those units'
    figures; the budget's stay (the post sees the budget)."""
    from sqlalchemy import select

    from planner_app.domain import PrintedTotal
    from planner_app.storage import PlanFile

    def measures(path) -> set[str]:
        with PlanFile.open(path, readonly=True) as store, store.read() as s:
            return {m.value for m in s.scalars(select(PrintedTotal.measure))}

    args = ["package", str(demo_path), "--plan", "ibz-2025-2029", "--for-unit", "IOD"]
    assert main([*args, "-o", str(tmp_path / "own.plan")]) == 0
    assert measures(tmp_path / "own.plan") == {"amount"}
    assert main([*args, "-o", str(tmp_path / "all.plan"), "--all-staffing"]) == 0
    assert measures(tmp_path / "all.plan") == {"amount", "fte", "headcount"}
    assert main(["check", str(tmp_path / "own.plan")]) == 0
