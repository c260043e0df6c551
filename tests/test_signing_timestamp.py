"""PAdES B-T: a timestamp from a timestamp server given by URL (here one on loopback,
answering with pyHanko's test timestamper), and the report that shows its time."""

from __future__ import annotations

import os
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from planner_app.cli import main
from planner_app.exporting.pdf import export_pdf
from planner_app.services import plan_parts, plans
from planner_app.signing.check import check_signatures
from planner_app.signing.trust import load_trust
from tests.signing_pki import TestPki, timestamp_authority

PASS = "pw"


@pytest.fixture
def tsa_url():
    """A timestamp server on 127.0.0.1 for the test's length; its CA's root."""
    from asn1crypto import tsp
    from pyhanko.sign.timestamps import DummyTimeStamper

    pki = TestPki(name="Planner Test TSA Root")
    stamper = DummyTimeStamper(*timestamp_authority(pki))

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            answer = stamper.request_tsa_response(tsp.TimeStampReq.load(body)).dump()
            self.send_response(200)
            self.send_header("Content-Type", "application/timestamp-reply")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/", pki
    server.shutdown()
    server.server_close()


def _pin_fd(secret: str) -> int:
    read, write = os.pipe()
    os.write(write, f"{secret}\n".encode())
    os.close(write)
    return read


def test_a_timestamped_signature_shows_the_authoritys_time(
    store, plan_id, tsa_url, tmp_path: Path, capsys
):
    url, tsa_pki = tsa_url
    plan_parts.add_signatory(store, plan_id, function={"nl": "Minister"}, name="An Peeters")
    plans.make_final(store, plan_id)
    pdf = tmp_path / "final.pdf"
    export_pdf(store, plan_id, pdf, language="nl")
    pki = TestPki()
    key = pki.pkcs12("An Peeters", tmp_path / "an.p12", PASS.encode())
    out = tmp_path / "signed.pdf"
    fd = str(_pin_fd(PASS))
    argv = ["sign", str(pdf), "-o", str(out), "--pkcs12", str(key), "--pin-fd", fd]
    assert main([*argv, "--timestamp-url", url]) == 0
    roots = [pki.write_root(tmp_path / "root.pem"), tsa_pki.write_root(tmp_path / "tsa.pem")]
    report = check_signatures(out, load_trust(roots))
    (signature,) = report.signatures
    assert signature.holds and signature.timestamp is not None
    assert "(timestamp " in report.lines()[0]


def test_an_unreachable_timestamp_server_is_one_sentence(store, plan_id, tmp_path, capsys):
    plan_parts.add_signatory(store, plan_id, function={"nl": "Minister"}, name="An Peeters")
    plans.make_final(store, plan_id)
    pdf = tmp_path / "final.pdf"
    export_pdf(store, plan_id, pdf, language="nl")
    key = TestPki().pkcs12("An Peeters", tmp_path / "an.p12", PASS.encode())
    out = tmp_path / "signed.pdf"
    fd = str(_pin_fd(PASS))
    argv = ["sign", str(pdf), "-o", str(out), "--pkcs12", str(key), "--pin-fd", fd]
    # A port nothing listens on (bound, then closed): refused at once, offline.
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert main([*argv, "--timestamp-url", f"http://127.0.0.1:{port}/"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("The timestamp server http://127.0.0.1:")
    assert not out.exists()
