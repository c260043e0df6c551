"""The minister signs: the IBZ demo plan's final PDF signed by its three signatories.

Each signatory's key is on their own SoftHSM2 token (a stand-in for the eID card),
certified by a test CA. They sign one after the other with ``planner-app sign``, each
keeping the signed PDF in the plan file; ``verify`` then reports each signature, and a
figure changed after signing is caught twice: by the signatures and by the pages.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pytest

from planner_app.cli import main
from planner_app.domain.enums import PlanState
from planner_app.exporting.pdf import export_pdf
from planner_app.services import plans
from planner_app.services.signatures import signed_pdf, signing_progress
from planner_app.storage import PlanFile
from tests.signing_pki import SoftHsm, TestPki, softhsm_library

# The three signatories of the IBZ demo plan, each with their own token and PIN.
SIGNATORIES = (
    ("SZABO", "1111", "Laura Szabo"),
    ("QUINTIN", "2222", "Bernard Quintin"),
    ("VAN BOSSUYT", "3333", "Anneleen Van Bossuyt"),
)
CODE = "ibz-2025-2029"


@pytest.fixture(scope="session")
def hsm(tmp_path_factory: pytest.TempPathFactory):
    """Three tokens, one per signatory, with keys made on the token; made once."""
    library = softhsm_library()
    if library is None:
        reason = "SoftHSM2 is not installed (Debian: softhsm2; scripts/system-deps.sh test)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}: CI must install it")
        pytest.skip(reason)
    folder = tmp_path_factory.mktemp("softhsm")
    hsm = SoftHsm(folder, library)
    pki = TestPki()
    for label, pin, _name in SIGNATORIES:
        hsm.init_token(label, pin)
    for label, pin, name in SIGNATORIES:
        hsm.put_key(label, pin, pki, name)
    root = pki.write_root(folder / "root.pem")
    return hsm, pki, root


def _pin_fd(pin: str) -> int:
    """A pipe's read end holding ``pin`` (the way a script hands it over)."""
    read, write = os.pipe()
    os.write(write, f"{pin}\n".encode())
    os.close(write)
    return read


def _sign(hsm: SoftHsm, pdf: Path, out: Path, token: str, pin: str, *extra: str) -> int:
    return main(
        [
            "sign",
            str(pdf),
            "-o",
            str(out),
            "--pkcs11-lib",
            str(hsm.library),
            "--token-label",
            token,
            "--pin-fd",
            str(_pin_fd(pin)),
            *extra,
        ]
    )


@pytest.fixture
def final_demo(demo_path: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The demo file with the IBZ plan made final, and its final PDF."""
    pdf = tmp_path / "ibz-final.pdf"
    with PlanFile.open(demo_path) as store:
        plan = plans.find_plan(store, CODE)
        plans.make_final(store, plan.id)
        export_pdf(store, plan.id, pdf, language="nl")
    return demo_path, pdf


def _state(path: Path) -> tuple[PlanState, int]:
    with PlanFile.open(path, readonly=True) as store:
        plan = plans.find_plan(store, CODE)
        progress = signing_progress(store, plan.id)
        return plan.state, len(progress.signatures) if progress else 0


def test_three_signatories_sign_in_turn_and_verify_reports_each(
    hsm, final_demo, tmp_path: Path, capsys
):
    hsm, _pki, root = hsm
    plan_file, pdf = final_demo
    signed = []
    for n, (token, pin, _name) in enumerate(SIGNATORIES, start=1):
        out = tmp_path / f"signed-{n}.pdf"
        assert _sign(hsm, pdf, out, token, pin, "--record", str(plan_file)) == 0
        said = capsys.readouterr().out
        assert f"Signatory{n}" not in said  # the field is named by its signatory
        signed.append(out)
        pdf = out
        state, count = _state(plan_file)
        assert count == n
        # The plan stays final until the last signatory has signed.
        assert state is (PlanState.SIGNED if n == len(SIGNATORIES) else PlanState.FINAL)
        if n == 2:
            assert "the plan stays final until" in said

    # Earlier revisions are untouched: each signed PDF starts with the one before.
    data = [p.read_bytes() for p in signed]
    assert data[1].startswith(data[0]) and data[2].startswith(data[1])

    with PlanFile.open(plan_file, readonly=True) as store:
        plan = plans.find_plan(store, CODE)
        name, kept = signed_pdf(store, plan.id)
        progress = signing_progress(store, plan.id)
        record = plans.signing_info(store, plan.id)
    assert kept == data[2] and name == "signed-3.pdf"
    assert [s.signer for s in progress.signatures] == [n for _t, _p, n in SIGNATORIES]
    assert progress.plan_signed and not progress.unsigned
    assert record is not None and record.signed_on == progress.signatures[-1].signed_at.date()

    code = main(
        ["verify", str(plan_file), "--plan", CODE, "--pdf", str(signed[-1]), "--trust", str(root)]
    )
    out = capsys.readouterr()
    assert code == 0, out.err
    lines = [line for line in out.out.splitlines() if line.startswith("  ")]
    assert len(lines) == 3
    for n, line in enumerate(lines, start=1):
        assert line.strip().startswith(f"{n}/3")
        assert SIGNATORIES[n - 1][2] in line
        assert "intact, valid against the trust roots" in line
    assert lines[-1].endswith("covers the whole document.")
    assert "only signatures were added after it" in lines[0]
    assert "matches the plan" in out.out  # the page comparison still holds on a signed PDF


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="pdfsig (poppler-utils) is missing")
def test_pdfsig_lists_the_signatures_as_cades(hsm, final_demo, tmp_path: Path):
    hsm, _pki, _root = hsm
    _plan_file, pdf = final_demo
    for n, (token, pin, _name) in enumerate(SIGNATORIES, start=1):
        out = tmp_path / f"s{n}.pdf"
        assert _sign(hsm, pdf, out, token, pin) == 0
        pdf = out
    listing = subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True).stdout
    assert listing.count("Signature Type: ETSI.CAdES.detached") == 3
    assert listing.count("Signature Validation: Signature is Valid.") == 3
    for _token, _pin, name in SIGNATORIES:
        assert f"Common Name: {name}" in listing
    assert listing.count("Total document signed") == 1


def _change_figure(pdf: Path, old: bytes, new: bytes, out: Path) -> int:
    """``pdf`` with a figure of a page's text changed in an incremental update (what an
    editor saving over a signed PDF does); returns the page's number."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pypdf import PdfReader

    texts = [page.extract_text() for page in PdfReader(pdf).pages]
    index = next(i for i, text in enumerate(texts) if old.decode() in text)
    writer = IncrementalPdfFileWriter(BytesIO(pdf.read_bytes()))
    page_ref, _resources = writer.find_page_for_modification(index)
    page = page_ref.get_object()
    content = page["/Contents"]
    assert old in content.data
    page["/Contents"] = writer.add_object(
        generic.StreamObject(stream_data=content.data.replace(old, new, 1))
    )
    writer.update_container(page)
    with out.open("wb") as handle:
        writer.write(handle)
    return index + 1


def test_a_figure_changed_after_signing_is_caught_twice(hsm, final_demo, tmp_path: Path, capsys):
    hsm, _pki, root = hsm
    plan_file, pdf = final_demo
    out = tmp_path / "signed.pdf"
    assert _sign(hsm, pdf, out, *SIGNATORIES[0][:2]) == 0
    assert _sign(hsm, out, out, *SIGNATORIES[1][:2]) == 0  # over itself: written atomically
    changed = tmp_path / "changed.pdf"
    page = _change_figure(out, b"2.514.220", b"2.514.229", changed)
    capsys.readouterr()

    code = main(
        ["verify", str(plan_file), "--plan", CODE, "--pdf", str(changed), "--trust", str(root)]
    )
    err = capsys.readouterr().err
    assert code == 1
    # The page comparison names the page and both readings.
    assert f"page {page} differs" in err and "2.514.229" in err and "2.514.220" in err
    # The signatures: both intact (their bytes are untouched) but changed after.
    lines = [line for line in err.splitlines() if line.startswith("  ")]
    assert len(lines) >= 2
    assert all("the document was changed after it" in line for line in lines[:2])
    assert any("does not cover the whole file" in line for line in lines)

    # The plan file refuses to keep it.
    assert (
        main(
            [
                "sign",
                str(changed),
                "-o",
                str(tmp_path / "x.pdf"),
                "--pkcs11-lib",
                str(hsm.library),
                "--token-label",
                SIGNATORIES[2][0],
                "--pin-fd",
                str(_pin_fd(SIGNATORIES[2][1])),
                "--record",
                str(plan_file),
            ]
        )
        == 1
    )
    assert "changed after" in capsys.readouterr().err
    assert _state(plan_file) == (PlanState.FINAL, 0)


def test_a_wrong_pin_is_one_sentence_and_writes_nothing(hsm, final_demo, tmp_path, capsys):
    hsm, _pki, _root = hsm
    _plan_file, pdf = final_demo
    out = tmp_path / "never.pdf"
    assert _sign(hsm, pdf, out, SIGNATORIES[0][0], "9999") == 1
    err = capsys.readouterr().err.strip()
    assert err == "The PIN is wrong."
    assert not out.exists()
