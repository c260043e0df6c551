"""``verify --pdf``: a PDF is the plan's document only when its fingerprint matches AND
its pages read as the document made again from the file, in the plan's state.

A PDF edited after export keeps its fingerprint (the trial that found this changed the
budget's 990.370 into 990.870 and verify said "matches"): these tests edit our own
PDFs the same way, with qpdf, and with pypdf for removed pages."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

from planner_app import __version__
from planner_app.cli import main
from planner_app.exporting.pdf import export_pdf
from planner_app.exporting.pdf_stamp import read_stamp
from planner_app.exporting.pdf_verify import verify_pdf
from planner_app.services import plans
from planner_app.storage import PlanFile

needs_qpdf = pytest.mark.skipif(
    shutil.which("qpdf") is None or shutil.which("fix-qdf") is None,
    reason="qpdf is not installed",
)


@pytest.fixture
def pdf(store: PlanFile, plan_id: uuid.UUID, tree, tmp_path: Path) -> Path:
    out = tmp_path / "plan.pdf"
    export_pdf(store, plan_id, out, language="nl")
    return out


def replace_text(pdf: Path, old: bytes, new: bytes, out: Path) -> Path:
    """``pdf`` with one string of its page content replaced (qpdf's editable form)."""
    qdf, edited = out.with_suffix(".qdf"), out.with_suffix(".edited")
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", pdf, qdf], check=True)
    data = qdf.read_bytes()
    assert data.count(old) >= 1, f"{old!r} is not in the page content"
    edited.write_bytes(data.replace(old, new, 1))
    with out.open("wb") as handle:
        subprocess.run(["fix-qdf", edited], stdout=handle, check=True)
    return out


def test_the_stamp_says_how_the_pdf_was_made(pdf: Path):
    stamp = read_stamp(pdf)
    assert stamp is not None and stamp.complete
    assert (stamp.version, stamp.document, stamp.language, stamp.state) == (
        __version__,
        "plan",
        "nl",
        "draft",
    )


def test_an_untouched_pdf_matches_page_for_page(store, plan_id, pdf: Path):
    verdict = verify_pdf(store, plan_id, pdf)
    assert verdict.matches and verdict.pages_compared
    assert "make it final" in verdict.message  # still a draft: said, not refused


@needs_qpdf
def test_a_word_changed_in_the_pdf_is_found_with_its_page(store, plan_id, pdf, tmp_path):
    tampered = replace_text(pdf, b"Eerste SD) Tj", b"Eerste XD) Tj", tmp_path / "t.pdf")
    assert read_stamp(tampered).fingerprint == read_stamp(pdf).fingerprint
    verdict = verify_pdf(store, plan_id, tampered)
    assert not verdict.matches
    assert "Eerste XD" in verdict.message and "Eerste SD" in verdict.message
    assert "page " in verdict.message
    # Only the fingerprint, when asked: it cannot see the change, and says so.
    quick = verify_pdf(store, plan_id, tampered, compare_pages=False)
    assert quick.matches and not quick.pages_compared and "not compared" in quick.message


def test_a_removed_page_is_found(store, plan_id, pdf: Path, tmp_path: Path):
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(pdf))
    assert len(writer.pages) > 1
    writer.remove_page(len(writer.pages) - 1)
    writer.add_metadata(PdfReader(pdf).metadata)
    shorter = tmp_path / "shorter.pdf"
    writer.write(shorter)
    verdict = verify_pdf(store, plan_id, shorter)
    assert not verdict.matches and "pages" in verdict.message


def test_a_draft_pdf_is_not_the_final_document(store, plan_id, pdf: Path):
    plans.make_final(store, plan_id)
    verdict = verify_pdf(store, plan_id, pdf)
    assert not verdict.matches and "draft" in verdict.message


def test_the_final_pdf_still_matches_once_signed(store, plan_id, tree, tmp_path):
    plans.make_final(store, plan_id)
    final = tmp_path / "final.pdf"
    export_pdf(store, plan_id, final, language="nl")
    plans.record_signing(store, plan_id, signed_on=dt.date(2025, 3, 1), place="Brussel")
    verdict = verify_pdf(store, plan_id, final)
    assert verdict.matches and verdict.pages_compared, verdict.message
    assert "draft" not in verdict.message


def test_a_final_pdf_against_a_plan_back_in_draft_is_refused(store, plan_id, tree, tmp_path):
    plans.make_final(store, plan_id)
    final = tmp_path / "final.pdf"
    export_pdf(store, plan_id, final, language="nl")
    plans.back_to_draft(store, plan_id)
    verdict = verify_pdf(store, plan_id, final)
    assert not verdict.matches and "draft again" in verdict.message


def test_another_version_of_the_app_checks_the_fingerprint_only(
    store, plan_id, pdf, tmp_path, monkeypatch
):
    monkeypatch.setattr("planner_app.exporting.pdf_verify.__version__", "99.0")
    verdict = verify_pdf(store, plan_id, pdf)
    assert verdict.matches and not verdict.pages_compared
    assert __version__ in verdict.message and "99.0" in verdict.message


@needs_qpdf
def test_cli_verify_exits_1_on_a_changed_pdf(store, plan_id, pdf, tmp_path, capsys):
    tampered = replace_text(pdf, b"Eerste SD) Tj", b"Eerste XD) Tj", tmp_path / "t.pdf")
    path = str(store.path)
    store.close()
    assert main(["verify", path, "--pdf", str(pdf)]) == 0
    assert "read exactly as" in capsys.readouterr().out
    assert main(["verify", path, "--pdf", str(tampered)]) == 1
    err = capsys.readouterr().err
    assert "Eerste XD" in err and "Traceback" not in err
    assert main(["verify", path, "--pdf", str(tampered), "--fingerprint-only"]) == 0
