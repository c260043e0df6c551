"""Plan → Sign PDF… in the window: each signatory signs in turn, the signed PDF is kept in
the file, the plan becomes signed with the last signature, and Check a PDF says so."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from planner_app.domain.enums import PlanState
from planner_app.services import plan_parts, plans
from planner_app.services.signatures import signed_pdf, signing_progress
from planner_app.signing.flow import SignRequest
from planner_app.signing.keys import KeySource
from planner_app.signing.sign import SignatureField
from planner_app.signing.trust import default_trust_folder
from planner_app.ui.core import background
from planner_app.ui.plan.sign_actions import SignActions, SignDialog
from planner_app.ui.plan.verify_actions import VerifyActions
from tests.signing_pki import TestPki

PASS = "s3cret"


@pytest.fixture
def final_plan(store, plan_id):
    for n, name in enumerate(("An Peeters", "Luc Janssens"), start=1):
        plan_parts.add_signatory(store, plan_id, function={"nl": f"Minister {n}"}, name=name)
    plans.make_final(store, plan_id)
    return plan_id


@pytest.fixture
def shown(store, final_plan, qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    state = {"plan": plans.plan_info(store, final_plan)}

    def done(_id):
        state["plan"] = plans.plan_info(store, final_plan)

    return window, (lambda: (store, state["plan"])), done


@pytest.fixture
def boxes(monkeypatch) -> list[str]:
    told: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "open", lambda box: told.append(f"{box.text()} {box.informativeText()}")
    )
    return told


def test_two_signatories_sign_in_the_window(store, final_plan, shown, boxes, tmp_path):
    window, current, done = shown
    actions = SignActions(window, current, done)
    pki = TestPki()
    assert actions.sign_action.isEnabled() and not actions.save_action.isEnabled()
    keys = [pki.pkcs12(n, tmp_path / f"{i}.p12", PASS.encode()) for i, n in enumerate("AB")]

    assert actions.sign(SignRequest(KeySource(pkcs12=keys[0])), PASS)
    assert "still to sign: Minister 2 — Luc Janssens" in boxes[-1]
    assert plans.plan_info(store, final_plan).state is PlanState.FINAL
    actions.update_actions()
    assert actions.save_action.isEnabled()

    assert actions.sign(SignRequest(KeySource(pkcs12=keys[1])), PASS)
    assert "the plan is now signed" in boxes[-1]
    assert plans.plan_info(store, final_plan).state is PlanState.SIGNED
    progress = signing_progress(store, final_plan)
    assert [s.signer for s in progress.signatures] == ["A", "B"]
    actions.update_actions()
    assert not actions.sign_action.isEnabled()

    saved = actions.save_signed(tmp_path / "copy.pdf")
    assert saved is not None and saved.read_bytes() == signed_pdf(store, final_plan)[1]

    # Check a PDF says the same in words, with the roots kept in the trust folder.
    folder = default_trust_folder()
    folder.mkdir(parents=True)
    pki.write_root(folder / "root.pem")
    check = VerifyActions(window, current, done)
    assert check.check_pdf(saved) is True
    said = boxes[-1]
    assert "matches the plan" in said and "Electronic signatures:" in said
    assert said.count("intact, valid against the trust roots") == 2
    assert "covers the whole document" in said


def test_a_wrong_passphrase_is_told_and_nothing_is_kept(
    store, final_plan, shown, boxes, tmp_path, monkeypatch
):
    window, current, done = shown
    told: list[str] = []
    monkeypatch.setattr(background, "show_error", lambda _parent, text: told.append(text))
    key = TestPki().pkcs12("A", tmp_path / "a.p12", PASS.encode())
    actions = SignActions(window, current, done)
    assert not actions.sign(SignRequest(KeySource(pkcs12=key)), "wrong")
    assert told and "passphrase is wrong" in told[0]
    assert signing_progress(store, final_plan) is None and not boxes


def test_the_dialog_offers_the_unsigned_fields_and_builds_the_request(qtbot, tmp_path):
    fields = [
        SignatureField("Signatory1", "Minister 1 — An Peeters", True),
        SignatureField("Signatory2", "Minister 2 — Luc Janssens", False),
    ]
    dialog = SignDialog(fields)
    qtbot.addWidget(dialog)
    assert dialog.field_box.count() == 1
    assert dialog.field_box.currentText() == "Minister 2 — Luc Janssens"
    assert dialog.card.isChecked() and not dialog.p12.isEnabled()
    dialog.key_file.setChecked(True)
    dialog.p12.setText(str(tmp_path / "me.p12"))
    dialog.timestamp.setText(" https://tsa.example/ ")
    request = dialog.request()
    assert request.source == KeySource(pkcs12=tmp_path / "me.p12")
    assert request.field == "Signatory2" and request.timestamp_url == "https://tsa.example/"
    dialog.card.setChecked(True)
    dialog.library.setText("/opt/lib.so")
    dialog.token.setText("BELPIC")
    assert dialog.request().source == KeySource(
        pkcs11_lib=Path("/opt/lib.so"), token_label="BELPIC"
    )
