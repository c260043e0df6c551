"""Signature fields, PKCS#12 keys, trust roots and the plan file's record of signatures
(the SoftHSM2 scenario is in test_pdf_signing.py)."""

from __future__ import annotations

import base64
import itertools
import os
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from pypdf import PdfReader

from planner_app.cli import main
from planner_app.domain.enums import PlanState
from planner_app.errors import DocumentError, ValidationError
from planner_app.exporting.pdf import export_pdf
from planner_app.services import plan_parts, plans
from planner_app.services.signatures import record_signed_pdf, signing_progress
from planner_app.signing.sign import signature_fields
from planner_app.signing.trust import default_trust_folder, load_trust
from tests.signing_pki import TestPki

PASS = "correct horse"


def _pin_fd(secret: str) -> int:
    read, write = os.pipe()
    os.write(write, f"{secret}\n".encode())
    os.close(write)
    return read


@pytest.fixture(scope="module")
def pki() -> TestPki:
    return TestPki()


@pytest.fixture
def signers(store, plan_id):
    names = [f"Signatory Person {n}" for n in range(1, 10)]
    for n, name in enumerate(names, start=1):
        plan_parts.add_signatory(store, plan_id, function={"nl": f"Functie {n}"}, name=name)
    return names


@pytest.fixture
def final_pdf(store, plan_id, signers, tmp_path: Path) -> Path:
    plans.make_final(store, plan_id)
    out = tmp_path / "final.pdf"
    export_pdf(store, plan_id, out, language="nl")
    return out


def _fields_by_page(pdf: Path) -> dict[str, tuple[int, list[float]]]:
    reader = PdfReader(pdf)
    found = {}
    for number, page in enumerate(reader.pages):
        for annot in page.get("/Annots") or []:
            widget = annot.get_object()
            if widget.get("/FT") == "/Sig":
                found[str(widget["/T"])] = (number, [float(v) for v in widget["/Rect"]])
    return found


def test_each_signatory_gets_a_field_where_their_block_is_drawn(final_pdf, signers):
    fields = signature_fields(final_pdf)
    assert [f.name for f in fields] == [f"Signatory{n}" for n in range(1, 10)]
    assert all(not f.signed for f in fields)
    assert fields[0].label == "Functie 1 — Signatory Person 1"
    placed = _fields_by_page(final_pdf)
    reader = PdfReader(final_pdf)
    pages = {placed[f.name][0] for f in fields}
    assert len(pages) > 1  # nine blocks run over a page: the fields follow them
    for n, name in enumerate(signers, start=1):
        page, (x1, y1, x2, y2) = placed[f"Signatory{n}"]
        assert name in reader.pages[page].extract_text()
        # In the block's right-hand column, on the page, above the footer.
        width = float(reader.pages[page].mediabox.width)
        assert width / 2 < x1 < x2 < width and 40 < y1 < y2
    # Blocks on one page go down the page in order.
    same_page = [placed[f"Signatory{n}"] for n in range(1, 10)]
    for (p1, r1), (p2, r2) in itertools.pairwise(same_page):
        assert p1 < p2 or r1[1] > r2[1]


def test_a_draft_and_the_year_review_have_no_signature_fields(store, plan_id, signers, tmp_path):
    draft = tmp_path / "draft.pdf"
    export_pdf(store, plan_id, draft, language="nl")
    assert signature_fields(draft) == []
    plans.make_final(store, plan_id)
    review = tmp_path / "review.pdf"
    export_pdf(store, plan_id, review, language="nl", review=True)
    assert signature_fields(review) == []


def test_the_page_comparison_ignores_the_fields(store, plan_id, final_pdf):
    from planner_app.exporting.pdf_verify import verify_pdf

    assert verify_pdf(store, plan_id, final_pdf).matches


def _sign12(pdf: Path, out: Path, key: Path, secret: str, *extra: str) -> int:
    fd = str(_pin_fd(secret))
    return main(["sign", str(pdf), "-o", str(out), "--pkcs12", str(key), "--pin-fd", fd, *extra])


def test_pkcs12_signature_is_checked_against_the_trust_folder(
    store, plan_id, final_pdf, pki, tmp_path, capsys
):
    key = pki.pkcs12("Jan Peeters", tmp_path / "jan.p12", PASS.encode())
    out = tmp_path / "signed.pdf"
    assert _sign12(final_pdf, out, key, PASS, "--field", "Signatory2") == 0
    said = capsys.readouterr().out
    assert "Signed Functie 2 — Signatory Person 2 as Jan Peeters" in said
    assert "Still to sign: Functie 1 — Signatory Person 1;" in said
    fields = {f.name: f.signed for f in signature_fields(out)}
    assert fields["Signatory2"] and not fields["Signatory1"]

    path = store.path
    # No trust roots: the signature is intact, but who signed is not proven (exit 1).
    assert main(["verify", str(path), "--pdf", str(out)]) == 1
    err = capsys.readouterr().err
    assert "intact, NOT valid against the trust roots" in err
    assert "no trust roots were given" in err
    assert "Functie 1 — Signatory Person 1: not signed yet." in err
    # Roots kept in the app's trust folder are used without --trust: offline, on disk.
    folder = default_trust_folder()
    folder.mkdir(parents=True)
    pki.write_root(folder / "root.pem")
    assert main(["verify", str(path), "--pdf", str(out)]) == 0
    said = capsys.readouterr().out
    assert "1/1, Functie 2 — Signatory Person 2: signed by Jan Peeters" in said
    assert "intact, valid against the trust roots, covers the whole document." in said


def test_another_ca_is_not_trusted(store, final_pdf, pki, tmp_path, capsys):
    key = pki.pkcs12("Jan Peeters", tmp_path / "jan.p12", PASS.encode())
    out = tmp_path / "signed.pdf"
    assert _sign12(final_pdf, out, key, PASS) == 0
    other = TestPki(name="Another CA").write_root(tmp_path / "other.pem")
    capsys.readouterr()
    assert main(["verify", str(store.path), "--pdf", str(out), "--trust", str(other)]) == 1
    assert "does not lead to a trust root given" in capsys.readouterr().err


def test_a_wrong_passphrase_and_no_terminal_are_refused(final_pdf, pki, tmp_path, capsys):
    key = pki.pkcs12("Jan Peeters", tmp_path / "jan.p12", PASS.encode())
    out = tmp_path / "signed.pdf"
    assert _sign12(final_pdf, out, key, "wrong") == 1
    assert capsys.readouterr().err.strip() == (
        "jan.p12 cannot be opened: the passphrase is wrong, or it is not a PKCS#12 key file."
    )
    assert not out.exists()
    # pytest's stdin is not a terminal: without --pin-fd nothing is asked.
    code = main(["sign", str(final_pdf), "-o", str(out), "--pkcs12", str(key)])
    assert code == 1
    assert "--pin-fd" in capsys.readouterr().err
    assert main(["sign", str(final_pdf), "-o", str(out), "--pkcs12", str(tmp_path / "no.p12"),
                 "--pin-fd", str(_pin_fd(PASS))]) == 2  # fmt: skip
    assert "Cannot read the key file" in capsys.readouterr().err


def test_a_signed_field_and_an_unknown_field_are_refused(final_pdf, pki, tmp_path, capsys):
    key = pki.pkcs12("Jan Peeters", tmp_path / "jan.p12", PASS.encode())
    out = tmp_path / "signed.pdf"
    assert _sign12(final_pdf, out, key, PASS, "--field", "Signatory1") == 0
    capsys.readouterr()
    assert _sign12(out, tmp_path / "again.pdf", key, PASS, "--field", "Signatory1") == 1
    assert "The field Signatory1 of signed.pdf is signed already." in capsys.readouterr().err
    assert _sign12(out, tmp_path / "again.pdf", key, PASS, "--field", "Minister") == 1
    assert "has no signature field Minister (it has: Signatory1" in capsys.readouterr().err


def _trusted_list(cert_pem: bytes, status: str) -> bytes:
    from cryptography import x509

    der = x509.load_pem_x509_certificate(cert_pem).public_bytes(serialization.Encoding.DER)
    body = base64.b64encode(der).decode()
    ns = "http://uri.etsi.org/02231/v2#"
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<TrustServiceStatusList xmlns="{ns}"><TrustServiceProviderList><TrustServiceProvider>
<TSPServices><TSPService><ServiceInformation>
<ServiceTypeIdentifier>http://uri.etsi.org/TrstSvc/Svctype/CA/QC</ServiceTypeIdentifier>
<ServiceStatus>http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/{status}</ServiceStatus>
<ServiceDigitalIdentity><DigitalId><X509Certificate>{body}</X509Certificate></DigitalId>
</ServiceDigitalIdentity></ServiceInformation></TSPService></TSPServices>
</TrustServiceProvider></TrustServiceProviderList></TrustServiceStatusList>""".encode()


def test_trust_roots_from_pem_der_and_a_trusted_list(pki, tmp_path):
    pem = pki.cert.public_bytes(serialization.Encoding.PEM)
    (tmp_path / "roots").mkdir()
    (tmp_path / "roots" / "a.pem").write_bytes(pem + TestPki(name="B").cert.public_bytes(
        serialization.Encoding.PEM))  # fmt: skip
    (tmp_path / "roots" / "c.der").write_bytes(pki.cert.public_bytes(serialization.Encoding.DER))
    (tmp_path / "roots" / "notes.txt").write_text("not read")
    roots = load_trust([tmp_path / "roots"])
    assert len(roots.certificates) == 2  # the DER copy of the same root counts once
    granted = tmp_path / "tsl-be.xml"
    granted.write_bytes(_trusted_list(pem, "granted"))
    assert [c.sha256 for c in load_trust([granted]).certificates] == [roots.certificates[0].sha256]
    withdrawn = tmp_path / "withdrawn.xml"
    withdrawn.write_bytes(_trusted_list(pem, "withdrawn"))
    with pytest.raises(DocumentError, match="no qualified CA certificates"):
        load_trust([withdrawn])
    junk = tmp_path / "junk.pem"
    junk.write_text("hello")
    with pytest.raises(DocumentError, match="holds no certificates"):
        load_trust([junk])
    assert not load_trust(None)  # no trust folder yet: no roots, no error


def test_the_plan_file_keeps_only_its_own_signed_final_document(
    store, plan_id, final_pdf, pki, tmp_path
):
    key = pki.pkcs12("Jan Peeters", tmp_path / "jan.p12", PASS.encode())
    with pytest.raises(ValidationError, match="is not signed"):
        record_signed_pdf(store, plan_id, final_pdf)
    one = tmp_path / "one.pdf"
    assert _sign12(final_pdf, one, key, PASS) == 0
    progress = record_signed_pdf(store, plan_id, one)
    assert [s.signer for s in progress.signatures] == ["Jan Peeters"]
    assert len(progress.unsigned) == 8 and not progress.plan_signed
    with pytest.raises(ValidationError, match="adds no signature"):
        record_signed_pdf(store, plan_id, one)
    # Signed from the unsigned PDF again: it lacks the kept signature.
    other = tmp_path / "other.pdf"
    assert _sign12(final_pdf, other, key, PASS, "--field", "Signatory2") == 0
    with pytest.raises(DocumentError, match="does not continue the signed PDF kept"):
        record_signed_pdf(store, plan_id, other)
    assert plans.plan_info(store, plan_id).state is PlanState.FINAL


def test_a_draft_plan_refuses_a_signed_pdf(store, plan_id, final_pdf, pki, tmp_path):
    key = pki.pkcs12("Jan Peeters", tmp_path / "jan.p12", PASS.encode())
    one = tmp_path / "one.pdf"
    assert _sign12(final_pdf, one, key, PASS) == 0
    plans.back_to_draft(store, plan_id)
    with pytest.raises(ValidationError, match="make the plan final"):
        record_signed_pdf(store, plan_id, one)
    assert signing_progress(store, plan_id) is None


def test_back_to_draft_lapses_the_signatures_and_a_new_round_starts_clean(
    store, plan_id, final_pdf, pki, tmp_path
):
    key = pki.pkcs12("Jan Peeters", tmp_path / "jan.p12", PASS.encode())
    one = tmp_path / "one.pdf"
    assert _sign12(final_pdf, one, key, PASS) == 0
    record_signed_pdf(store, plan_id, one)
    plans.back_to_draft(store, plan_id)
    assert signing_progress(store, plan_id) is None
    plans.make_final(store, plan_id)
    again = tmp_path / "again.pdf"
    export_pdf(store, plan_id, again, language="nl")
    signed = tmp_path / "again-signed.pdf"
    assert _sign12(again, signed, key, PASS) == 0
    progress = record_signed_pdf(store, plan_id, signed)
    assert [s.signer for s in progress.signatures] == ["Jan Peeters"]
    with pytest.raises(DocumentError, match="does not continue the signed PDF kept"):
        record_signed_pdf(store, plan_id, one)  # the first round's PDF
