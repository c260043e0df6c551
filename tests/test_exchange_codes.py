"""Codes travel between headquarters and a post as an ordinary field; two sites that
each give a new objective the same code end with one conflict record and no duplicate
(issue 23)."""

from __future__ import annotations

import pytest

from planner_app.domain.enums import ObjectiveLevel
from planner_app.exchange.decisions import decide
from planner_app.services import objectives, tree_read
from tests import exchange_support

enrolled = exchange_support.enrolled
exchange_template = exchange_support.exchange_template


def _code(site, row_id) -> str:
    return next(
        n.code
        for n in tree_read.load_tree(site.store, site.objective(row_id).plan_id)
        if n.id == row_id
    )


def _both_add(ex):
    """Each side adds an initiative under the SD: both get "1.3"."""
    plan, sd = ex.ids["plan"], ex.ids["sd"]
    post_new = objectives.add_objective(
        ex.post.store,
        plan,
        level=ObjectiveLevel.INITIATIVE,
        title="Post new",
        parent_id=sd,
        lead_unit_id=ex.ids["post_unit"],
    ).id
    hq_new = objectives.add_objective(
        ex.hq.store, plan, level=ObjectiveLevel.INITIATIVE, title="HQ new", parent_id=sd
    ).id
    assert _code(ex.post, post_new) == _code(ex.hq, hq_new) == "1.3"
    return post_new, hq_new


def test_a_code_changed_on_one_side_travels(enrolled):
    ex = enrolled
    objectives.update_objective(ex.post.store, ex.ids["mine"], code="1.9")
    assert ex.to_hq().conflicts == []
    assert _code(ex.hq, ex.ids["mine"]) == "1.9"
    assert ex.hq.problems() == []


@pytest.mark.parametrize("choice", ["ours", "theirs"])
def test_the_same_new_code_on_both_sides_is_one_conflict_and_no_duplicate(enrolled, choice):
    ex = enrolled
    post_new, hq_new = _both_add(ex)
    report = ex.to_hq()
    assert [(c.kind, c.field, c.row_id) for c in report.undecided] == [
        ("duplicate-code", "code", post_new)
    ]
    assert _code(ex.hq, hq_new) == "1.3" and _code(ex.hq, post_new) == "1.4"
    assert ex.hq.problems() == []
    (conflict,) = ex.hq.conflicts()
    with ex.hq:
        decide(ex.hq.store, conflict.id, choice)
    mine, theirs = ("1.3", "1.4") if choice == "ours" else ("1.4", "1.3")
    assert (_code(ex.hq, hq_new), _code(ex.hq, post_new)) == (mine, theirs)
    assert ex.hq.problems() == []
    ex.to_post()
    assert _code(ex.post, post_new) == theirs and _code(ex.post, hq_new) == mine
    assert ex.post.problems() == []


def test_levels_and_status_tracking_travel_to_the_post(enrolled):
    from planner_app.services import levels, levels_edit, plans

    ex = enrolled
    levels_edit.apply_preset(ex.hq.store, ex.ids["plan"], "french")
    plans.update_plan(ex.hq.store, ex.ids["plan"], track_status=False)
    assert ex.to_post().conflicts == []
    scheme = levels.load_scheme(ex.post.store, ex.ids["plan"])
    assert levels.matching_preset(scheme) == "french"
    assert not plans.plan_info(ex.post.store, ex.ids["plan"]).track_status
    assert _code(ex.post, ex.ids["mine"]) == "PRJ 1.1"
    assert ex.post.problems() == []
