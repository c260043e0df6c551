"""The demo plan holds seeds 003 and 004 exactly: printed totals, differences, texts."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from planner_app.domain.enums import ObjectiveLevel, Scenario, Statute
from planner_app.services import (
    budget_read,
    demo,
    diversity,
    levels,
    plans,
    staffing,
    tree_read,
    units,
)
from planner_app.services.common import resolve_plan
from planner_app.services.integrity import check_file
from planner_app.storage import PlanFile


@pytest.fixture
def demo_store(demo_path):
    store = PlanFile.open(demo_path, readonly=True)
    yield store
    store.close()


def _plan(store, code):
    with store.read() as s:
        return resolve_plan(s, code).id


def _line_totals(store, code):
    totals = budget_read.budget_totals(store, _plan(store, code))
    vl, ve = (budget_read.BudgetColumn(2025, "INI", t) for t in ("VL", "VE"))
    by_title = {info.title["nl"]: info.id for info in totals.lines}
    return totals, by_title, vl, ve


# Every subtotal printed in 003 §5.2.1 and §5.2.2, as (line title, VL, VE).
PRINTED_5_2 = [
    ("Basis", 990370, 955032),  # TOTAAL BASIS, and ALGEMEEN TOTAAL of §5.2.2
    ("Personeel", 323381, 327421),  # Totaal personeel
    ("Enveloppe 1", 160314, 160028),
    ("Enveloppe 2 (Asiel en Migratie)", 154844, 154844),
    ("Werking & investering", 70158, 67488),
    ("Werkingsmiddelen", 65078, 60709),
    ("Investeringsmiddelen", 5080, 6779),
    ("Toelagen & overdrachten", 356123, 349262),
    ("Variabele kredieten ((afgeschafte) fondsen)", 166465, 136618),
    ("Administratieve diensten met boekhoudkundige autonomie", 74243, 74243),
]


@pytest.mark.parametrize(("title", "vl", "ve"), PRINTED_5_2)
def test_budget_subtotals_equal_the_seed(demo_store, title, vl, ve):
    totals, by_title, col_vl, col_ve = _line_totals(demo_store, "ibz-2025-2029")
    assert totals.of(by_title[title], col_vl) == Decimal(vl)
    assert totals.of(by_title[title], col_ve) == Decimal(ve)


def test_budget_grand_total_equals_algemeen_totaal(demo_store):
    totals, _by_title, vl, ve = _line_totals(demo_store, "ibz-2025-2029")
    assert totals.grand_total == {vl: Decimal(2514220), ve: Decimal(2478906)}
    assert all(isinstance(v, Decimal) for v in totals.grand_total.values())


def test_every_printed_budget_total_matches_and_staffing_differences_are_listed(demo_store):
    differences, compared = demo.printed_differences(demo_store, "ibz-2025-2029")
    assert compared == 50
    listed = {(d.table, d.label, d.column): (d.printed, d.computed) for d in differences}
    assert not [d for d in differences if d.table == "budget"]
    D = Decimal
    assert listed == {
        ("staffing", "Enveloppe 1", "as_is 2024 fte M"): (D("6.0"), D("5")),
        ("staffing", "Enveloppe 1", "as_is 2024 fte S"): (D("2073.7"), D("2073.6")),
        ("staffing", "Enveloppe 1", "planned 2025 fte M"): (D("7.9"), D("8")),
        ("staffing", "Enveloppe 1", "planned 2025 fte C"): (D("267.7"), D("267.8")),
        ("staffing", "Enveloppe 2", "planned 2025 fte C"): (D("444.3"), D("444.4")),
        ("staffing", "Totaal per statuut", "as_is 2024 fte M"): (D("21.0"), D("20")),
        ("staffing", "Totaal per statuut", "as_is 2024 fte S"): (D("5091.3"), D("5091.2")),
        ("staffing", "Totaal per statuut", "planned 2025 fte M"): (D("22.9"), D("23")),
        ("staffing", "Totaal per statuut", "planned 2025 fte C"): (D("761.3"), D("761.5")),
        ("staffing", "Totaal per jaar", "as_is 2024 fte"): (D("5883.0"), D("5882")),
        ("staffing", "Totaal per jaar", "planned 2025 fte"): (D("5821.5"), D("5821.7")),
    }


def test_headcount_sums_exactly(demo_store):
    totals = staffing.staffing_totals(demo_store, _plan(demo_store, "ibz-2025-2029"))
    key = staffing.StaffingKey(Scenario.AS_IS, 2024)
    assert totals.per_key[key].headcount == 6385
    assert [totals.per_statute[(key, st)].headcount for st in Statute] == [21, 5453, 911]
    # the unit rows are kept as printed: ADCV 1 / 1148,3 / 52,1 in 2024
    adcv = next(
        u
        for u in units.load_units(demo_store, _plan(demo_store, "ibz-2025-2029"))
        if u.code == "ADCV"
    )
    assert totals.unit(adcv.id, key, Statute.STATUTORY).fte == Decimal("1148.3")
    assert totals.unit(adcv.id, key).headcount == 1336


def test_demo_plans_are_complete_enough(demo_store):
    infos = {p.code: p for p in plans.list_plans(demo_store)}
    assert set(infos) == {"ibz-2025-2029", "dkbuza-2025"}
    ibz = tree_read.load_tree(demo_store, infos["ibz-2025-2029"].id)
    strategic = ["SD 1", "SD 2", "SD 3", "SD 4"]
    assert [n.code for n in ibz if n.level is ObjectiveLevel.STRATEGIC] == strategic
    dk = tree_read.load_tree(demo_store, infos["dkbuza-2025"].id)
    strategic = [n.code for n in dk if n.level is ObjectiveLevel.STRATEGIC]
    assert strategic == ["SD 1", "SD 2", "SD 3.1", "SD 3.2", "SD 4", "SD 5"]
    operational = [n.code for n in dk if n.level is ObjectiveLevel.OPERATIONAL]
    assert "OD 3.1.4" in operational and "OD 3.1.3" not in operational
    assert sum(n.level is ObjectiveLevel.INITIATIVE for n in dk) >= 60
    assert sum(n.milestones_total for n in dk) > 100


def test_demo_codes_are_the_seeds_codes(demo_store):
    """Every code of both demo plans, in document order, as the release before stored
    codes printed them (``data/demo_codes.tsv``: plan, code, start of the title)."""
    expected = [
        tuple(line.split("\t"))
        for line in (Path(__file__).with_name("data") / "demo_codes.tsv")
        .read_text(encoding="utf-8")
        .splitlines()
    ]
    got = []
    for info in plans.list_plans(demo_store):
        for node in tree_read.load_tree(demo_store, info.id):
            got.append((info.code, node.code, node.title["nl"].strip()[:40].rstrip()))
    assert got == expected
    ibz = levels.load_scheme(demo_store, _plan(demo_store, "ibz-2025-2029"))
    assert ibz.name(ObjectiveLevel.INITIATIVE) == "Werf"
    assert ibz.used_levels() == [ObjectiveLevel.STRATEGIC, ObjectiveLevel.INITIATIVE]
    infos = {p.code: p for p in plans.list_plans(demo_store)}
    assert not infos["ibz-2025-2029"].track_status and infos["dkbuza-2025"].track_status


def test_demo_diversity_plan_has_seed_figures_and_no_invented_targets(demo_store):
    from sqlalchemy import select

    from planner_app.domain import DiversityIndicatorValue, DiversityPillar, DiversityPlan

    with demo_store.read() as s:
        plan = s.scalars(select(DiversityPlan)).one()
        assert plan.year == 2025 and plan.contact_phone == "" and plan.contact_email == ""
        assert s.query(DiversityPillar).count() == 5
        values = {(v.kind.value, str(v.value)) for v in s.scalars(select(DiversityIndicatorValue))}
    assert {("baseline", "4.2"), ("baseline", "2.3"), ("baseline", "46")} <= values
    assert ("baseline", "20") in values  # 3 men of 15 in the Bouwmeester team
    assert not [v for v in values if v[0] == "target"]
    assert diversity  # the service module builds it


def test_demo_file_passes_check(demo_store):
    assert check_file(demo_store) == []
