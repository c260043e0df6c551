"""The scan of the signed paper: kept in the file at signing, read back byte for byte by
the service, ``verify --scan-out`` and (in tests/ui) Plan → Save signed scan as…."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from planner_app.cli import main
from planner_app.domain import SigningRecord
from planner_app.errors import ValidationError
from planner_app.services import plans

SCAN = b"%PDF-1.7\n" + bytes(range(256)) * 40  # binary, not text


@pytest.fixture
def signed(store, plan_id):
    plans.make_final(store, plan_id)
    plans.record_signing(
        store,
        plan_id,
        signed_on=dt.date(2025, 9, 14),
        place="Brussel",
        scan=SCAN,
        scan_name="../../etc/getekend <1>.pdf",
    )
    return plan_id


def test_signing_info_shows_date_place_and_scan_without_loading_it(store, plan_id):
    assert plans.signing_info(store, plan_id) is None
    plans.make_final(store, plan_id)
    plans.record_signing(store, plan_id, signed_on=dt.date(2025, 9, 14), place="Gent")
    info = plans.signing_info(store, plan_id)
    assert (info.signed_on, info.place, info.has_scan) == (dt.date(2025, 9, 14), "Gent", False)
    with pytest.raises(ValidationError, match="no scan of the signed paper"):
        plans.signed_scan(store, plan_id)


def test_signed_scan_comes_back_byte_for_byte_under_a_plain_name(store, signed):
    info = plans.signing_info(store, signed)
    assert info.has_scan and info.scan_size == len(SCAN)
    name, data = plans.signed_scan(store, signed)
    assert data == SCAN
    assert name == "getekend _1_.pdf"  # no folders, no characters a file system refuses


def test_unsigned_plan_has_no_scan(store, plan_id):
    with pytest.raises(ValidationError, match="is not signed"):
        plans.signed_scan(store, plan_id)


def test_a_damaged_scan_is_refused(store, signed):
    # damage below the app (the domain refuses to change a signed plan's record)
    with sqlite3.connect(store.path) as raw:
        raw.execute(f"UPDATE {SigningRecord.__tablename__} SET scan = ?", (SCAN[:-1] + b"x",))
    with pytest.raises(ValidationError, match="does not match the checksum"):
        plans.signed_scan(store, signed)


def test_verify_scan_out_writes_the_scan_and_never_overwrites(store, signed, tmp_path, capsys):
    out = tmp_path / "scan.pdf"
    argv = ["verify", str(store.path), "--plan", "test-2025", "--scan-out", str(out)]
    assert main(argv) == 0
    assert out.read_bytes() == SCAN
    printed = capsys.readouterr().out
    assert "Brussel" in printed and str(out) in printed
    assert plans.plan_info(store, signed).fingerprint in printed
    assert main(argv) == 1
    assert "already exists" in capsys.readouterr().err
    assert out.read_bytes() == SCAN


def test_verify_scan_out_of_an_unsigned_plan_is_one_clear_error(store, plan_id, tmp_path, capsys):
    out = tmp_path / "scan.pdf"
    argv = ["verify", str(store.path), "--plan", "test-2025", "--scan-out", str(out)]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "is not signed" in err and "Traceback" not in err
    assert not out.exists()


def test_verify_help_documents_scan_out(capsys):
    with pytest.raises(SystemExit):
        main(["verify", "--help"])
    assert "--scan-out" in capsys.readouterr().out
