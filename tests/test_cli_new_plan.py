"""``planner-app new-plan``: a yearly plan made from its strategic plan from a terminal,
a new plan (and file) without one, and each refusal as one sentence with its exit code."""

from __future__ import annotations

import pytest

from planner_app.cli import main
from planner_app.domain.enums import PlanKind
from planner_app.services import plans
from planner_app.services.tree_read import load_tree_rows, walk
from planner_app.storage import PlanFile


def test_operational_plan_from_the_demos_strategic_plan(demo_path, capsys):
    argv = ["new-plan", str(demo_path), "--kind", "operational", "--strategic", "ibz-2025-2029"]
    assert main([*argv, "--year", "2026", "--code", "ibz-op-2026"]) == 0
    out = capsys.readouterr().out
    assert "ibz-op-2026" in out and "4" in out
    with PlanFile.open(demo_path) as store:
        op = plans.find_plan(store, "ibz-op-2026")
        strategic = plans.find_plan(store, "ibz-2025-2029")
        assert (op.kind, op.first_year, op.strategic_plan_id) == (
            PlanKind.OPERATIONAL,
            2026,
            strategic.id,
        )
        assert op.title == {"nl": "Operationeel plan 2026"}
        tree = walk(load_tree_rows(store, op.id))
        assert [n.code for n in tree] == ["SD 1", "SD 2", "SD 3", "SD 4"]
        assert all(n.reference for n in tree)
        sd_titles = [n.title for n in walk(load_tree_rows(store, strategic.id)) if n.code == "SD 1"]
        assert tree[0].title == sd_titles[0]
    assert main(["check", str(demo_path)]) == 0
    capsys.readouterr()
    assert main(["outline", str(demo_path), "--plan", "ibz-op-2026"]) == 0
    assert "  SD 4  Een wendbare organisatie" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("extra", "message", "code"),
    [
        (["--strategic", "ibz-2025-2029", "--year", "2031"], "2031 is outside strategic plan", 1),
        (
            ["--strategic", "dkbuza-2025", "--year", "2025"],
            "dkbuza-2025 is not a strategic plan",
            1,
        ),
        (["--strategic", "nope", "--year", "2026"], "There is no plan nope in this file", 1),
        (
            ["--strategic", "ibz-2025-2029", "--year", "2026", "--lang", "fr"],
            "leave out --lang",
            1,
        ),
    ],
)
def test_refusals_are_one_sentence_and_change_nothing(demo_path, capsys, extra, message, code):
    with PlanFile.open(demo_path) as store:
        before = plans.list_plans(store)
    argv = ["new-plan", str(demo_path), "--kind", "operational", "--code", "x-2026", *extra]
    assert main(argv) == code
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    with PlanFile.open(demo_path) as store:
        assert plans.list_plans(store) == before


def test_a_code_taken_is_refused(demo_path, capsys):
    argv = ["new-plan", str(demo_path), "--kind", "operational", "--strategic", "ibz-2025-2029"]
    assert main([*argv, "--year", "2026", "--code", "dkbuza-2025"]) == 1
    assert "already has code dkbuza-2025" in capsys.readouterr().err


def test_a_plan_of_its_own_in_a_new_file(tmp_path, capsys):
    path = tmp_path / "new.plan"
    argv = ["new-plan", str(path), "--kind", "strategic", "--year", "2026", "--last-year", "2030"]
    assert main([*argv, "--code", "s-2026", "--title", "Strategisch plan", "--lang", "fr,nl"]) == 0
    with PlanFile.open(path) as store:
        (info,) = plans.list_plans(store)
        assert (info.kind, info.first_year, info.last_year, info.languages) == (
            PlanKind.STRATEGIC,
            2026,
            2030,
            ("fr", "nl"),
        )
    capsys.readouterr()
    # a refused plan leaves no new file behind
    bad = tmp_path / "bad.plan"
    assert main(["new-plan", str(bad), "--kind", "strategic", "--year", "2026", "--code", "b"]) == 1
    assert "Title" in capsys.readouterr().err
    assert not bad.exists()


def test_a_missing_file_with_a_strategic_plan_is_refused(tmp_path, capsys):
    argv = ["new-plan", str(tmp_path / "none.plan"), "--kind", "operational"]
    assert main([*argv, "--strategic", "s", "--year", "2026", "--code", "o"]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_next_year_from_a_terminal(demo_path, capsys):
    """The cycle from a terminal: the strategic plan's first yearly plan, then the next
    one from it; the list of what was carried is printed; a refusal is one sentence."""
    path = str(demo_path)
    assert main(["next-year", path, "--plan", "ibz-2025-2029", "--code", "ibz-op-2025"]) == 0
    capsys.readouterr()
    with PlanFile.open(demo_path) as store:
        first = plans.find_plan(store, "ibz-op-2025")
        ref = walk(load_tree_rows(store, first.id))[0].id
        from planner_app.domain.enums import ObjectiveLevel
        from planner_app.services import objectives

        add = objectives.add_objective
        od = add(store, first.id, level=ObjectiveLevel.OPERATIONAL, title="Asiel", parent_id=ref)
        add(store, first.id, level="initiative", title="Wet", parent_id=od.id, status="delayed")
        add(store, first.id, level="initiative", title="Klaar", parent_id=od.id, status="done")
    assert main(["next-year", path, "--plan", "ibz-op-2025"]) == 0
    out = capsys.readouterr().out
    assert "ibz-op-2026 from ibz-op-2025" in out
    carried, left = out.split("Carried over (1)")[1].split("Left behind: done (1)")
    assert "1.1.1  Wet" in carried and "1.1.2  Klaar" in left
    with PlanFile.open(demo_path) as store:
        nxt = plans.find_plan(store, "ibz-op-2026")
        assert (nxt.first_year, nxt.previous_plan_id) == (2026, first.id)
    # from the strategic plan: the yearly plan after its latest one
    assert main(["next-year", path, "--plan", "ibz-2025-2029"]) == 0
    assert "ibz-op-2027 from ibz-op-2026" in capsys.readouterr().out
    assert main(["next-year", path, "--plan", "ibz-op-2025"]) == 1  # its code is taken
    err = capsys.readouterr().err
    assert "already has code ibz-op-2026" in err and len(err.strip().splitlines()) == 1
    assert main(["next-year", path]) == 1
    assert "choose one with --plan" in capsys.readouterr().err
    assert main(["check", path]) == 0
