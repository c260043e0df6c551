"""Stored codes and the plan's own levels (issue 23): patterns, the next free code, no
two alike, renumbering only on request, presets and status tracking."""

from __future__ import annotations

import sqlite3

import pytest

from planner_app.domain.codes import CodePattern, LevelScheme, PatternError, next_code
from planner_app.domain.enums import ObjectiveLevel, PlanKind
from planner_app.domain.levels import PRESETS, LevelSpec, preset_levels
from planner_app.errors import ValidationError
from planner_app.services import codes, levels, levels_edit, objectives, plans, tree_read
from planner_app.services.integrity import check_file
from tests.conftest import log_size

SD, OD, INIT, ACT = (
    ObjectiveLevel.STRATEGIC,
    ObjectiveLevel.OPERATIONAL,
    ObjectiveLevel.INITIATIVE,
    ObjectiveLevel.ACTION,
)


def shown(store, plan_id, lang=None) -> list[str]:
    return [n.code for n in tree_read.load_tree(store, plan_id, lang)]


# --- patterns -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "prefix", "number", "suffix"),
    [
        ("SD {n}", "SD ", "{n}", ""),
        ("OO {parent}.{n}", "OO ", "{parent}.{n}", ""),
        ("{parent}.{n}", "", "{parent}.{n}", ""),
        ("Axe {n}.", "Axe ", "{n}", "."),
        ("Actie {parent}-{n}", "Actie ", "{parent}-{n}", ""),
    ],
)
def test_a_pattern_is_words_around_a_number(text, prefix, number, suffix):
    pattern = CodePattern.parse(text)
    assert (pattern.prefix, pattern.number, pattern.suffix) == (prefix, number, suffix)


@pytest.mark.parametrize("text", ["SD", "SD {x}", "{n}.{n}", "{n}.{parent}", "} {n}", "{n} {"])
def test_a_pattern_without_one_number_is_refused(text):
    with pytest.raises(PatternError):
        CodePattern.parse(text)


def test_numbers_are_made_and_read_under_a_parent():
    plain = CodePattern.parse("{parent}.{n}")
    assert plain.make("3.1", 4) == "3.1.4" and plain.make("", 4) == "4"
    assert plain.own_number("3.1.4", "3.1") == 4
    assert plain.own_number("3.2.4", "3.1") is None and plain.own_number("3.1.x", "3.1") is None
    dash = CodePattern.parse("A {parent}-{n}")
    assert dash.make("2", 3) == "2-3" and dash.own_number("2-3", "2") == 3


def test_the_next_free_code_follows_the_highest_and_skips_a_manual_one():
    scheme = LevelScheme(preset_levels(), ("nl", "fr"))
    # DKBUZA's top level: 1, 2, 3.1, 3.2, 4, 5 -> 6 (not 7, as positions gave)
    assert next_code(scheme, SD, "", ["1", "2", "3.1", "3.2", "4", "5"], set()) == "6"
    # SD 3.1's operational objectives 3.1.1, 3.1.2, 3.1.4 -> 3.1.5
    assert next_code(scheme, OD, "3.1", ["3.1.1", "3.1.2", "3.1.4"], set()) == "3.1.5"
    # "SD 6" typed by hand on an objective elsewhere is skipped
    taken = scheme.keys(SD, "6")
    assert next_code(scheme, SD, "", ["1", "5"], taken) == "7"


def test_a_typed_code_is_read_against_the_levels_words():
    scheme = LevelScheme(preset_levels(), ("nl", "fr"))
    assert scheme.read_typed(SD, "SD 3.1") == ("3.1", False)
    assert scheme.read_typed(SD, "OS 3.1") == ("3.1", False)  # the plan's French words
    assert scheme.read_typed(SD, "sd3.1") == ("3.1", False)
    assert scheme.read_typed(SD, "3.1") == ("3.1", False)
    assert scheme.read_typed(SD, "Globale  strategie 3") == ("Globale strategie 3", True)
    assert scheme.printed(SD, "Globale strategie 3", True) == "Globale strategie 3"
    assert scheme.printed(SD, "3.1", False, "fr") == "OS 3.1"


# --- services -----------------------------------------------------------------------


def test_two_objectives_may_not_print_alike(store, plan_id, tree):
    before = log_size(store)
    for typed in ("SD 1", "1", "os 1"):
        with pytest.raises(ValidationError, match="SD 1 is already the code of “SD 1 Eerste SD”"):
            objectives.update_objective(store, tree["sd2"], code=typed)
    with pytest.raises(ValidationError, match="already the code"):
        objectives.add_objective(store, plan_id, level=SD, title="Derde", code="SD 2")
    assert log_size(store) == before
    # prefix included: an OD may be "1" under a pattern that prints it "OD 1"
    objectives.update_objective(store, tree["od11"], code="1")
    assert shown(store, plan_id)[:2] == ["SD 1", "OD 1"]


def test_a_literal_code_prints_as_typed_without_the_prefix(store, plan_id, tree):
    objectives.update_objective(store, tree["sd2"], code="Globale strategie 3")
    assert shown(store, plan_id)[-1] == "Globale strategie 3"
    assert shown(store, plan_id, "fr")[-1] == "Globale strategie 3"
    child = objectives.add_objective(
        store, plan_id, level=OD, title="Onder", parent_id=tree["sd2"]
    ).id
    assert (
        dict(
            zip(
                [n.id for n in tree_read.load_tree(store, plan_id)],
                shown(store, plan_id),
                strict=True,
            )
        )[child]
        == "OD Globale strategie 3.1"
    )


def test_a_level_the_plan_does_not_use_is_refused(store, plan_id, tree):
    with pytest.raises(ValidationError, match="no level “Actie”"):
        objectives.add_objective(store, plan_id, level=ACT, title="x", parent_id=tree["i1"])


def test_renumber_shows_old_and_new_and_applies_in_one_write(store, plan_id, tree):
    objectives.update_objective(store, tree["sd2"], code="SD 7")
    objectives.move_objective(store, tree["i2"], parent_id=tree["od11"], position=0)
    preview = codes.renumber_preview(store, plan_id)
    assert [(c.old, c.new) for c in preview] == [
        ("SD 1", "SD 1"),
        ("OD 1.1", "OD 1.1"),
        ("1.1.2", "1.1.1"),
        ("1.1.1", "1.1.2"),
        ("SD 7", "SD 2"),
    ]
    assert shown(store, plan_id) == ["SD 1", "OD 1.1", "1.1.2", "1.1.1", "SD 7"]  # nothing yet
    changed = codes.renumber(store, plan_id)
    assert shown(store, plan_id) == ["SD 1", "OD 1.1", "1.1.1", "1.1.2", "SD 2"]
    assert set(changed.ids) == {tree["i1"], tree["i2"], tree["sd2"]}
    codes.set_codes(store, plan_id, changed.extra["old"])  # the undo
    assert shown(store, plan_id) == ["SD 1", "OD 1.1", "1.1.2", "1.1.1", "SD 7"]


def test_renumber_under_one_objective_keeps_the_rest(store, plan_id, tree):
    objectives.update_objective(store, tree["sd2"], code="SD 7")
    objectives.move_objective(store, tree["i2"], parent_id=tree["od11"], position=0)
    codes.renumber(store, plan_id, under=tree["od11"])
    assert shown(store, plan_id) == ["SD 1", "OD 1.1", "1.1.1", "1.1.2", "SD 7"]


def test_set_codes_refuses_a_duplicate_as_a_whole(store, plan_id, tree):
    before = shown(store, plan_id)
    with pytest.raises(ValidationError, match=r"both be coded 1\.1\.1"):
        codes.set_codes(store, plan_id, {tree["i2"]: ("1.1.1", False)})
    assert shown(store, plan_id) == before


def test_restore_keeps_the_code_or_is_refused_when_it_was_taken(store, plan_id, tree):
    gone = objectives.delete_objective(store, tree["sd2"])
    objectives.update_objective(store, tree["sd1"], code="SD 2")
    with pytest.raises(ValidationError, match="SD 2 is already the code"):
        objectives.restore_objective(store, gone.ids)
    objectives.update_objective(store, tree["sd1"], code="SD 1")
    objectives.restore_objective(store, gone.ids)
    assert shown(store, plan_id)[-1] == "SD 2"


def test_check_lists_a_duplicate_written_behind_the_app(store, plan_id, tree):
    assert check_file(store) == []
    path = store.path
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE objectives SET code = '1' WHERE id = ?", (tree["sd2"].hex,))
    conn.close()
    problems = [p for p in check_file(store) if "coded" in p]
    assert problems == [
        f"plan test-2025: 2 objectives are coded 'SD 1' "
        f"({', '.join(str(i) for i in sorted([tree['sd1'], tree['sd2']]))})"
    ]


# --- levels -------------------------------------------------------------------------


def test_every_preset_prints_its_own_words_in_every_language(store, plan_id, tree):
    expected = {
        "standard": ("SD 1", "OD 1.1", "1.1.1", "OS 1", "OO 1.1"),
        "federal": ("SD 1", "OD 1.1", "1.1.1", "OS 1", "OO 1.1"),
        "french": ("SD 1", "OD 1.1", "PRJ 1.1.1", "OS 1", "OO 1.1"),
        "flemish": (
            "Beleidsdoelstelling 1",
            "Beheersdoelstelling 1.1",
            "Actie 1.1.1",
            "Objectif politique 1",
            "Objectif de gestion 1.1",
        ),
    }
    assert set(expected) == set(PRESETS)
    for key, (sd, od, init, os_, oo) in expected.items():
        levels_edit.apply_preset(store, plan_id, key)
        scheme = levels.load_scheme(store, plan_id)
        assert levels.matching_preset(scheme) == key
        assert shown(store, plan_id)[:3] == [sd, od, init]
        assert shown(store, plan_id, "fr")[:2] == [os_, oo]
        assert scheme.name(INIT, "fr") == PRESETS[key].levels[2].name["fr"]


def test_a_custom_fourth_level(store, plan_id, tree):
    scheme = levels.load_scheme(store, plan_id)
    action = LevelSpec(
        ACT, True, {"nl": "Actie", "fr": "Action"}, {"nl": "A{parent}.{n}", "fr": "A{parent}.{n}"}
    )
    levels_edit.set_levels(store, plan_id, [action])
    step = objectives.add_objective(
        store, plan_id, level=ACT, title="Stap", parent_id=tree["i1"]
    ).id
    node = next(n for n in tree_read.load_tree(store, plan_id) if n.id == step)
    assert (
        node.code == "A1.1.1.1" and levels.load_scheme(store, plan_id).name(ACT, "fr") == "Action"
    )
    assert scheme.child_level(INIT) is None
    assert levels.load_scheme(store, plan_id).child_level(INIT) is ACT
    with pytest.raises(ValidationError, match="1 objective is on this level"):
        levels_edit.set_levels(store, plan_id, [LevelSpec(ACT, False, action.name, action.pattern)])


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (LevelSpec(SD, True, {"nl": "X"}, {"nl": "SD {parent}.{n}"}), "no parent"),
        (
            LevelSpec(OD, True, {"nl": "X"}, {"nl": "OD {n}", "fr": "OO {parent}.{n}"}),
            "alike in every",
        ),
        (LevelSpec(OD, True, {"nl": "X"}, {"nl": "OD"}), "holds {n} once"),
        (LevelSpec(OD, True, {"fr": "X"}, {"nl": "OD {parent}.{n}"}), "name in nl"),
        (LevelSpec(OD, False, {"nl": "X"}, {"nl": "OD {parent}.{n}"}), "1 objective is on"),
        # the ODs would print like the initiatives under the same SD: "1.1"
        (LevelSpec(OD, True, {"nl": "X"}, {"nl": "{parent}.{n}"}), None),
    ],
)
def test_levels_that_cannot_number_the_plan_are_refused(store, plan_id, tree, spec, message):
    before = log_size(store)
    if message is None:
        objectives.add_objective(
            store, plan_id, level=INIT, title="Werf", parent_id=tree["sd1"], code="1.1"
        )
        before = log_size(store)
        message = "both be coded 1.1"
    with pytest.raises(ValidationError, match=message):
        levels_edit.set_levels(store, plan_id, [spec])
    assert log_size(store) == before


def test_status_tracking_is_a_plan_setting(store):
    strategic = plans.create_plan(
        store, code="s", kind=PlanKind.STRATEGIC, title="S", first_year=2025, last_year=2029
    ).id
    business = plans.create_plan(
        store, code="b", kind=PlanKind.BUSINESS, title="B", first_year=2025
    ).id
    assert not plans.plan_info(store, strategic).track_status
    assert plans.plan_info(store, business).track_status
    changed = plans.update_plan(store, strategic, track_status=True)
    assert changed.fields == ("track_status",) and changed.old == {"track_status": False}
    assert plans.plan_info(store, strategic).track_status
    objectives.add_objective(store, business, level=SD, title="x", status="not_applicable")
    assert tree_read.load_tree(store, business)[0].status.value == "not_applicable"


def test_a_level_numbered_without_its_parent_never_repeats_a_code(store, plan_id, tree):
    """ "Axe {n}" under every SD: numbers run on through the plan, when adding and when
    renumbering, so no two print alike."""
    levels_edit.set_levels(
        store, plan_id, [LevelSpec(OD, True, {"nl": "As"}, {"nl": "Axe {n}", "fr": "Axe {n}"})]
    )
    objectives.add_objective(store, plan_id, level=OD, title="Tweede as", parent_id=tree["sd2"])
    objectives.add_objective(store, plan_id, level=OD, title="Derde as", parent_id=tree["sd1"])
    assert shown(store, plan_id) == ["SD 1", "Axe 1.1", "1.1.1", "1.1.2", "Axe 2", "SD 2", "Axe 1"]
    codes.renumber(store, plan_id)
    assert shown(store, plan_id) == ["SD 1", "Axe 1", "1.1", "1.2", "Axe 2", "SD 2", "Axe 3"]
    assert check_file(store) == []
