"""The command line: a contract. Errors are one sentence on stderr, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from planner_app.cli import main


def run(*args, env_extra=None):
    env = dict(os.environ) | (env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "planner_app", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_demo_info_json_check_round_trip(tmp_path):
    out = tmp_path / "demo.plan"
    result = run("demo", str(out))
    assert result.returncode == 0, result.stderr
    assert "11 of the 50 totals printed in the seed differ" in result.stdout
    info = run("info", str(out), "--json")
    assert info.returncode == 0, info.stderr
    data = json.loads(info.stdout)
    ibz = next(p for p in data["plans"] if p["code"] == "ibz-2025-2029")
    assert ibz["budget"]["total"] == {"INI 2025 VL": "2514220", "INI 2025 VE": "2478906"}
    basis = next(line for line in ibz["budget"]["lines"] if line["title"]["nl"] == "Basis")
    assert basis["totals"] == {"INI 2025 VL": "990370", "INI 2025 VE": "955032"}
    staffing = {(s["scenario"], s["year"]): s for s in ibz["staffing"]}
    assert staffing[("as_is", 2024)]["fte"] == "5882"
    assert staffing[("as_is", 2024)]["headcount"] == "6385"
    assert run("check", str(out)).returncode == 0


def test_info_human_output_uses_belgian_numbers(demo_path, capsys):
    assert main(["info", str(demo_path), "--plan", "ibz-2025-2029"]) == 0
    out = capsys.readouterr().out
    assert "2.514.220  2.478.906" in out and "dkbuza" not in out
    # A long line name is cut at a word, visibly, not in the middle of a word.
    assert "Financiering van gemeenten, de gewesten en andere …: 527.836" in out


def test_demo_refuses_to_overwrite(tmp_path, capsys):
    target = tmp_path / "x.plan"
    target.write_bytes(b"keep me")
    assert main(["demo", str(target)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert target.read_bytes() == b"keep me"


@pytest.mark.parametrize(
    ("args", "message", "code"),
    [
        (["info", "missing.plan"], "does not exist", 2),
        (["check", "not.plan"], "is not a plan file", 2),
        (
            ["info", "DEMO", "--plan", "nope"],
            "There is no plan nope in this file (plans: dkbuza-2025, ibz-2025-2029).",
            1,
        ),
        (
            ["export", "DEMO", "--plan", "dkbuza-2025", "--pdf", "x.pdf", "--lang", "fr"],
            "Add fr to the plan's languages first (Plan tab, Properties)",
            1,
        ),
    ],
)
def test_errors_are_one_sentence(tmp_path, demo_path, args, message, code):
    (tmp_path / "not.plan").write_text("hello")
    args = [
        str(demo_path) if a == "DEMO" else str(tmp_path / a) if a.endswith(".plan") else a
        for a in args
    ]
    result = run(*args)
    assert result.returncode == code
    assert message in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_check_reports_problems(demo_path, capsys):
    import sqlite3

    conn = sqlite3.connect(demo_path)
    conn.execute("UPDATE objectives SET status = 'done' WHERE rowid = 3")
    conn.commit()
    conn.close()
    assert main(["check", str(demo_path)]) == 1
    err = capsys.readouterr().err
    assert "the change log says" in err and "1 problem(s) found" in err


def test_backups_and_restore(tmp_path, demo_path, capsys):
    from planner_app.services import plans
    from planner_app.storage import PlanFile

    with PlanFile.open(demo_path) as store:
        info = plans.list_plans(store)[0]
        plans.update_plan(store, info.id, title={"nl": "Gewijzigd"})
    assert main(["backups", str(demo_path)]) == 0
    assert "close" in capsys.readouterr().out
    assert main(["restore", str(demo_path)]) == 0
    assert "Restored" in capsys.readouterr().out
    assert main(["backups", str(demo_path)]) == 0
    assert "before-restore" in capsys.readouterr().out


def test_version_and_help():
    assert run("--version").stdout.startswith("planner-app ")
    result = run("--help")
    assert result.returncode == 0 and "demo, info, check" in result.stdout


def test_export_lists_twenty_fallbacks_and_counts_the_rest(capsys):
    from planner_app.cli import FALLBACKS_LISTED, _print_report
    from planner_app.exporting.report import ExportReport, Fallback

    report = ExportReport("fr")
    report.fallbacks += [Fallback(f"SD {i}", "title", "nl") for i in range(184)]
    _print_report(report)
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("184 field(s) have no fr text")
    assert len(err) == 1 + FALLBACKS_LISTED + 1 and err[-1].strip() == "… and 164 more."
