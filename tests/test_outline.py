"""``planner-app outline``: chapters and objectives in document order, one line each,
with the codes as printed in the chosen content language (issue 23)."""

from __future__ import annotations

import sqlite3

from planner_app.cli import main
from planner_app.services import levels_edit, plans
from planner_app.services.outline import plan_outline
from planner_app.storage import PlanFile


def test_the_outline_of_the_demo_plans(demo_path, capsys):
    assert main(["outline", str(demo_path), "--plan", "dkbuza-2025"]) == 0
    lines = capsys.readouterr().out.splitlines()
    # the objectives where the chapter tree places them: the second chapter, titled
    # as the document titles it
    assert lines[:2] == ["Woord vooraf", "Ondernemingsplan 2025"]
    assert lines[-1] == "Terugblik ondernemingsplan 2024"
    start = lines.index("Ondernemingsplan 2025")
    assert lines[start + 1 : start + 4] == [
        "  1.  Buitenlands beleid",
        "    SD 1  Vlaanderen investeert in een ambitieus, anticiperend, impactvol en "
        "waardegedreven internationaal beleid om de belangen, welvaart en het welzijn van "
        "haar burgers te behartigen, de concurrentiepositie van haar bedrijfsleven te "
        "verdedigen",
        "      OD 1.1  Vlaanderen formuleert een duidelijke visie op de EU als krachtigste "
        "hefboom van zijn buitenlands beleid",
    ]
    assert any(line.startswith("    SD 3.1  Een adequate beleidsco") for line in lines)
    assert any(line.startswith("        3.1.4.1  ") for line in lines)
    # one line per chapter, field heading and objective
    with PlanFile.open(demo_path, readonly=True) as store:
        plan_id = plans.find_plan(store, "dkbuza-2025").id
        assert len(lines) == len(plan_outline(store, plan_id))


def test_a_french_outline_of_a_bilingual_plan(store, plan_id, tree, capsys):
    levels_edit.apply_preset(store, plan_id, "french")
    path = str(store.path)
    store.close()
    assert main(["outline", path, "--lang", "fr"]) == 0
    # no chapter of its own: the made parts follow, numbered, as the document has them
    assert capsys.readouterr().out.splitlines() == [
        "1  Objectifs",
        "  OS 1  Eerste SD",
        "    OO 1.1  OD",
        "      PRJ 1.1.1  Init 1",
        "      PRJ 1.1.2  Init 2",
        "  OS 2  Tweede SD",
        "2  Budget (kEUR)",
    ]
    assert main(["outline", path, "--lang", "de"]) == 1
    assert "no content language de" in capsys.readouterr().err


def test_check_exits_1_on_a_duplicate_code_written_behind_the_app(store, plan_id, tree, capsys):
    path = str(store.path)
    store.close()
    assert main(["check", path]) == 0
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE objectives SET code = '1.1.1' WHERE id = ?", (tree["i2"].hex,))
    conn.close()
    assert main(["check", path]) == 1
    err = capsys.readouterr().err
    assert "2 objectives are coded '1.1.1'" in err  # and the log disagrees with the data
    assert "2 problem(s) found" in err
