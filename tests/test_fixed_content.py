"""A final or signed plan checks itself: ``check`` and ``verify FILE`` recompute its
fingerprint and fail loudly (exit 1) when the content differs from what was fixed, and
every PDF page and workbook sheet exported from such a plan says so (issue 20, item 6)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook

from planner_app.cli import main
from planner_app.services import objectives, plans
from tests.test_pdf_export import needs, pdftotext

# The documents are in the plan's first content language (Dutch here).
WARNING = "Waarschuwing: de inhoud van dit plan verschilt van wat op"


def _sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    with conn:
        for statement in statements:
            conn.execute(statement)
    conn.close()


@pytest.fixture
def fixed(store, plan_id, tree, tmp_path):
    """A signed plan, its PDF exported while it held, and the file closed."""
    plans.make_final(store, plan_id)
    plans.record_signing(store, plan_id, signed_on=dt.date(2025, 9, 14), place="Brussel")
    pdf = tmp_path / "signed.pdf"
    path = store.path
    store.close()
    assert main(["export", str(path), "--pdf", str(pdf)]) == 0
    return path, pdf, tree


@pytest.fixture
def changed(fixed):
    """The issue's attack: state signed -> draft in SQL, an ordinary edit through the
    app, then back to signed in SQL."""
    from planner_app.storage import PlanFile

    path, pdf, tree = fixed
    _sql(path, "UPDATE plans SET state = 'draft'")
    with PlanFile.open(path) as store:
        objectives.update_objective(store, tree["i1"], title={"nl": "Stilletjes gewijzigd"})
    _sql(path, "UPDATE plans SET state = 'signed'")
    return path, pdf


def test_an_untouched_signed_plan_checks_and_verifies(fixed, capsys):
    path, pdf, _tree = fixed
    assert main(["check", str(path)]) == 0
    assert main(["verify", str(path)]) == 0
    assert main(["verify", str(path), "--pdf", str(pdf)]) == 0
    out = capsys.readouterr()
    assert "differs" not in out.out + out.err


def test_check_and_verify_fail_loudly_on_a_changed_plan(changed, capsys):
    path, pdf = changed
    assert main(["check", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Plan test-2025 is signed, but its content differs from what was fixed on" in err
    assert main(["verify", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "content differs from what was fixed on" in err
    # The PDF made while it held is recognised as such; the plan is what changed.
    assert main(["verify", str(path), "--pdf", str(pdf)]) == 1
    out = capsys.readouterr()
    assert "prints the fingerprint that was fixed" in out.err and "matches" not in out.out


@needs("pdftotext")
def test_a_pdf_of_a_changed_plan_says_so_on_every_page(changed, tmp_path, capsys):
    path, _pdf = changed
    out = tmp_path / "after.pdf"
    assert main(["export", str(path), "--pdf", str(out)]) == 0
    assert "content differs from what was fixed on" in capsys.readouterr().err
    pages = [" ".join(p.split()) for p in pdftotext(out).split("\f") if p.strip()]
    assert len(pages) >= 3
    assert all(WARNING in page for page in pages)
    # ... and it is not called the plan's document either.
    assert main(["verify", str(path), "--pdf", str(out)]) == 1
    assert "was made from the changed content" in capsys.readouterr().err


def test_a_workbook_of_a_changed_plan_says_so_on_every_sheet(changed, tmp_path, capsys):
    path, _pdf = changed
    out = tmp_path / "after.xlsx"
    assert main(["export", str(path), "--xlsx", str(out)]) == 0
    assert "content differs from what was fixed on" in capsys.readouterr().err
    wb = load_workbook(out)
    visible = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    assert len(visible) >= 5
    for ws in visible:
        assert ws.oddHeader.left.text.startswith(WARNING), ws.title
        assert ws["A2"].comment is not None and WARNING in ws["A2"].comment.text
        assert ws.sheet_properties.tabColor.rgb.endswith("C00000")


def test_exports_of_an_untouched_plan_carry_no_warning(fixed, tmp_path, capsys):
    path, _pdf, _tree = fixed
    out = tmp_path / "ok.xlsx"
    assert main(["export", str(path), "--xlsx", str(out)]) == 0
    assert "differs" not in capsys.readouterr().err
    ws = load_workbook(out).worksheets[0]
    assert ws["A2"].comment is None and not ws.oddHeader.left.text.startswith("Waarschuwing")
