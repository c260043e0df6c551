"""`planner-app compare FILE --plan A --with B [--pdf OUT | --json]`: the issue's three
changes as text, as JSON with exact decimals, and as a PDF in the plan's language."""

from __future__ import annotations

import json

import pytest

from planner_app.cli import main
from planner_app.exporting.pdf_stamp import page_texts
from planner_app.i18n import set_language
from planner_app.storage import PlanFile
from tests.compare_support import NEW_TITLE, three_changes


@pytest.fixture
def changed(demo_path):
    with PlanFile.open(demo_path) as store:
        scenario = three_changes(store)
    yield demo_path, scenario
    set_language("en")


def _compare(path, *extra):
    return main(
        ["compare", str(path), "--plan", "ibz-2025-2029-v2", "--with", "ibz-2025-2029", *extra]
    )


def test_text_lists_the_three_changes(changed, capsys):
    path, _scenario = changed
    assert _compare(path) == 0
    out = capsys.readouterr().out
    assert (
        "ibz-2025-2029-v2 (version 2, draft) compared with ibz-2025-2029 (version 1, final)" in out
    )
    assert "Differences: 3" in out
    entries = [
        line for line in out.splitlines() if line.startswith("  ") and not line.startswith("    ")
    ]
    totals = out.split("\nTotals\n")[1].splitlines()
    assert entries[: -len(totals)] == [
        "  Missie: waar we voor staan: changed (same kind and title)",
        f"  SD 2 {NEW_TITLE}: retitled (copied from it)",
        "  Enveloppe 1 › Statutair: changed (same place and title)",
    ]
    assert "veilige {+en open+} samenleving" in out
    assert "    INI 2025 VL: 129.648 → 129.660,5 (+12,5)" in out
    assert "  INI 2025 VL: 2.514.220 → 2.514.232,5 (+12,5)" in out


def test_text_in_dutch(changed, capsys, monkeypatch):
    path, _scenario = changed
    monkeypatch.setenv("PLANNER_LANG", "nl")
    assert _compare(path) == 0
    out = capsys.readouterr().out
    assert "Verschillen: 3" in out and "hernoemd (ervan gekopieerd)" in out


def test_json_numbers_are_exact_decimal_strings(changed, capsys):
    path, _scenario = changed
    assert _compare(path, "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["plan"]["code"], data["with"]["code"]) == ("ibz-2025-2029-v2", "ibz-2025-2029")
    assert [(d["area"], d["changes"]) for d in data["differences"]] == [
        ("chapter", ["changed"]),
        ("objective", ["retitled"]),
        ("budget", ["changed"]),
    ]
    [figure] = data["differences"][2]["figures"]
    assert figure == {
        "measure": "keur",
        "year": 2025,
        "before_year": 2025,
        "facets": ["INI", "VL"],
        "before": "129648",
        "after": "129660.5",
        "difference": "12.5",
    }
    assert data["differences"][1]["texts"][0]["after"] == NEW_TITLE
    assert {"before": "2514220", "after": "2514232.5"}.items() <= data["totals"][0].items()


def test_pdf_in_the_plans_language_with_user_text_as_data(changed, tmp_path, capsys):
    path, _scenario = changed
    out = tmp_path / "vergelijking.pdf"
    assert _compare(path, "--pdf", str(out)) == 0
    assert out.read_bytes().startswith(b"%PDF")
    text = " ".join(page_texts(out))
    assert "Vergelijking van twee versies van een plan" in text  # the plan is Dutch
    assert "<b>vernieuwd</b>" in text  # the title's markup printed as typed
    assert "129.660,5 (+12,5)" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--plan", "ibz-2025-2029", "--with", "ibz-2025-2029"], "choose another plan"),
        (["--plan", "ibz-2025-2029", "--with", "nope"], "There is no plan nope"),
    ],
)
def test_bad_plans_are_refused_in_one_sentence(demo_path, capsys, args, message):
    assert main(["compare", str(demo_path), *args]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_pdf_and_json_together_are_refused(demo_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["compare", str(demo_path), "--with", "x", "--pdf", "a.pdf", "--json"])
    assert exit_.value.code == 2
