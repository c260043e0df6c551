"""Issue 26 through the exchange: what a post measures on its own initiative (a dated
milestone done on a day, a target in words marked done, a quarter's actual, its figure
per unit) reaches headquarters whole, and an indicator of another unit's objective stays
out of the post's reach."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from planner_app.domain.enums import DuePrecision, ValueKind
from planner_app.services import details, plans
from tests import exchange_support

enrolled = exchange_support.enrolled
exchange_template = exchange_support.exchange_template


def test_a_posts_progress_reaches_headquarters_whole(enrolled):
    ex = enrolled
    post = ex.post.store
    mine = ex.ids["mine"]
    mid = details.add_milestone(post, mine, text="Nota", period="Q3 2025").ids[0]
    details.update_milestone(post, mid, done=True, done_on=dt.date(2025, 9, 12))
    ind = details.add_indicator(post, mine, name="Bezoeken").ids[0]
    details.update_indicator(post, ind, target_text={"nl": "Alle posten"}, target_done=True)
    details.set_indicator_value(post, ind, year=2027, kind="target", value="5")
    details.set_quarter_value(post, ind, year=2025, quarter=3, value="4.4")
    details.set_unit_value(
        post, ind, unit_id=ex.ids["post_unit"], year=2025, kind="actual", value="3"
    )
    report = ex.to_hq()
    assert report.conflicts == [] and not report.refused
    detail = details.objective_detail(ex.hq.store, mine)
    (m,) = detail.milestones
    assert (m.due_by, m.due_precision, m.done, m.done_on) == (
        dt.date(2025, 9, 30),
        DuePrecision.QUARTER,
        True,
        dt.date(2025, 9, 12),
    )
    (info,) = detail.indicators
    assert (info.target_text, info.target_done) == ({"nl": "Alle posten"}, True)
    assert info.values == {(2027, ValueKind.TARGET): Decimal("5")}
    assert info.quarters == {(2025, 3): Decimal("4.4")}
    assert info.unit_values == {(ex.ids["post_unit"], 2025, ValueKind.ACTUAL): Decimal("3")}


def test_a_post_may_not_measure_another_units_objective(enrolled):
    ex = enrolled
    theirs = ex.ids["theirs"]
    ind = details.add_indicator(ex.hq.store, theirs, name="HQ").ids[0]
    ex.to_post()
    details.set_quarter_value(ex.post.store, ind, year=2025, quarter=1, value="1")
    report = ex.to_hq()
    assert report.refused
    (info,) = details.objective_detail(ex.hq.store, theirs).indicators
    assert info.quarters == {}


def test_a_diversity_indicators_target_in_words_goes_with_the_hr_data(enrolled, tmp_path):
    """Headquarters includes the HR data in a post's starter file: a diversity
    indicator's target in words, its date and done mark go with it whole."""
    from planner_app.exchange.starter import write_starter
    from planner_app.services import diversity, diversity_edit
    from planner_app.services.diversity_read import load_diversity
    from planner_app.storage import PlanFile

    ex = enrolled
    hq = ex.hq.store
    (plan_id,) = {p.id for p in plans.list_plans(hq)}
    hr = diversity.create_diversity_plan(hq, plan_id, year=2025).ids[0]
    words = diversity.add_indicator(hq, hr, name="Vacatures", unit="count").ids[-1]
    diversity_edit.update_item(
        hq,
        "indicator",
        words,
        target_text={"nl": "Elke vacature inclusief"},
        target_date=dt.date(2025, 6, 30),
        target_done=True,
    )
    out = tmp_path / "post-hr.plan"
    with ex.hq:
        write_starter(hq, out, unit_code="PA", include_hr=True)
    with PlanFile.open(out) as post:
        (found,) = load_diversity(post, plan_id).indicators
    assert (found.target_text, found.target_date, found.target_done) == (
        {"nl": "Elke vacature inclusief"},
        dt.date(2025, 6, 30),
        True,
    )
