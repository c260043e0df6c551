"""A document or a pasted outline going into a plan with its own level names is read
with those names (issue 30: "from the plan's own level names and code patterns")."""

from __future__ import annotations

from pathlib import Path

from planner_app.cli import main
from planner_app.domain.enums import ObjectiveLevel, PlanKind
from planner_app.domain.levels import LevelSpec
from planner_app.importing.plan_words import plan_vocabulary
from planner_app.importing.reader import pasted_outline
from planner_app.importing.render import outline_lines
from planner_app.services import levels_edit, plans
from planner_app.services.tree_read import load_tree
from planner_app.storage import PlanFile

SD, OD = ObjectiveLevel.STRATEGIC, ObjectiveLevel.OPERATIONAL

TEXT = """Speerpunt 1: Een veilige samenleving
Programma 1.1: Betere alarmering
Programma 1.2: Sterkere hulpverlening
SPEERPUNT 2 – Een wendbare organisatie
PRG 2.1. Digitale werkplek
"""


def _plan_with_own_levels(path: Path) -> None:
    with PlanFile.create(path) as store:
        plan_id = plans.create_plan(
            store, code="p", kind=PlanKind.STRATEGIC, title="P", first_year=2026, last_year=2030
        ).id
        levels_edit.set_levels(
            store,
            plan_id,
            [
                LevelSpec(SD, True, {"nl": "Speerpunt"}, {"nl": "SP {n}"}),
                LevelSpec(OD, True, {"nl": "Programma"}, {"nl": "PRG {parent}.{n}"}),
            ],
        )


def test_the_plans_own_level_names_are_recognised_in_a_text(tmp_path: Path):
    target, source = tmp_path / "plan.plan", tmp_path / "plan.txt"
    _plan_with_own_levels(target)
    source.write_text(TEXT, encoding="utf-8")
    assert main(["import", str(target), "--text", str(source), "--plan", "p"]) == 0
    with PlanFile.open(target, readonly=True) as store:
        nodes = load_tree(store, plans.find_plan(store, "p").id)
        assert [(n.level, n.title["nl"]) for n in nodes] == [
            (SD, "Een veilige samenleving"),
            (OD, "Betere alarmering"),
            (OD, "Sterkere hulpverlening"),
            (SD, "Een wendbare organisatie"),
            (OD, "Digitale werkplek"),
        ]


def test_without_the_plan_the_same_words_are_not_levels(tmp_path: Path, capsys):
    """The built-in words alone do not know "Speerpunt": the plan's names are what
    makes the difference (a new plan gets the built-in words; nothing is dropped)."""
    source = tmp_path / "plan.txt"
    source.write_text(TEXT, encoding="utf-8")
    assert main(["import", str(tmp_path / "new.plan"), "--text", str(source), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "objectives" not in out and "1 text (chapter text and descriptions)" in out


def test_a_pasted_outline_under_a_plan_uses_its_level_names(tmp_path: Path):
    target = tmp_path / "plan.plan"
    _plan_with_own_levels(target)
    with PlanFile.open(target, readonly=True) as store:
        words = plan_vocabulary(store, plans.find_plan(store, "p").id)
    outline = pasted_outline(TEXT, vocabulary=words)
    assert outline_lines(outline.tree()) == [
        "Speerpunt 1  Een veilige samenleving",
        "  Programma 1.1  Betere alarmering",
        "  Programma 1.2  Sterkere hulpverlening",
        "SPEERPUNT 2  Een wendbare organisatie",
        "  PRG 2.1.  Digitale werkplek",
    ]
