"""``planner-app sign`` and the signature part of ``planner-app verify --pdf``.

``sign PDF -o OUT (--pkcs12 FILE | --pkcs11-lib LIB [--token-label L]) [--field NAME]
[--pin-fd N]`` signs one signature field of the final document (the first unsigned one
unless ``--field`` names it). The PIN or passphrase is asked at the terminal, or read
from file descriptor N where there is no terminal (a script, a wrapper); it is never an
argument, so it never shows in a process list or a shell history, and it is never kept.
An eID card's middleware asks for its PIN itself. ``--record FILE`` keeps the signed
PDF in the plan file (the plan becomes signed with its last signature).

Exit codes: 0 signed; 1 refused (wrong PIN or passphrase, no free field, no token, the
plan file refused the PDF); 2 the key file, the PKCS#11 library or the plan file cannot
be used.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import os
import sys
from pathlib import Path

from planner_app.cli_files import open_for_writing, plan_and_language
from planner_app.errors import SigningError
from planner_app.i18n import _


def add_sign_parser(sub: argparse._SubParsersAction) -> None:
    sign = sub.add_parser(
        "sign",
        help=_("sign the final PDF with a qualified electronic signature (PAdES)"),
        description=_(
            "Sign one signature field of the plan's final PDF (PAdES, ETSI.CAdES.detached) "
            "with a key from a PKCS#12 file or a PKCS#11 token such as the Belgian eID "
            "card, added as an incremental update that keeps earlier signatures valid. "
            "The PIN or passphrase is asked at the terminal, or read from --pin-fd."
        ),
    )
    sign.add_argument("pdf", type=Path, metavar="PDF", help=_("the PDF to sign"))
    sign.add_argument("-o", "--out", type=Path, metavar="OUT", required=True)
    key = sign.add_mutually_exclusive_group(required=True)
    key.add_argument("--pkcs12", type=Path, metavar="FILE", help=_("a PKCS#12 key file"))
    key.add_argument(
        "--pkcs11-lib",
        type=Path,
        metavar="LIB",
        help=_("a PKCS#11 library, e.g. the eID middleware's libbeidpkcs11"),
    )
    sign.add_argument("--token-label", metavar="L", help=_("the token to use (PKCS#11)"))
    sign.add_argument(
        "--key-label", metavar="L", help=_("the key to use where the token holds several")
    )
    sign.add_argument("--field", metavar="NAME", help=_("the signature field to sign"))
    sign.add_argument(
        "--pin-fd",
        type=int,
        metavar="N",
        help=_("read the PIN or passphrase from file descriptor N (no terminal)"),
    )
    sign.add_argument(
        "--timestamp-url",
        metavar="URL",
        help=_("a timestamp server (RFC 3161): PAdES B-T instead of B-B (needs a network)"),
    )
    sign.add_argument(
        "--lta",
        action="store_true",
        help=_("with --timestamp-url: embed validation data and a document timestamp (B-LTA)"),
    )
    sign.add_argument(
        "--record",
        type=Path,
        metavar="FILE",
        help=_("keep the signed PDF in this plan file"),
    )
    sign.add_argument("--plan", metavar="CODE", help=_("with --record: the plan"))
    sign.set_defaults(run=cmd_sign)


def cmd_sign(args: argparse.Namespace) -> int:
    from planner_app.exporting.pdf_stamp import read_stamp
    from planner_app.signing.check import when
    from planner_app.signing.keys import KeySource, needs_secret, open_signer
    from planner_app.signing.sign import choose_field, sign_pdf, signature_fields

    if args.plan and not args.record:
        raise SigningError(_("--plan goes with --record FILE."))
    source = KeySource(
        pkcs12=args.pkcs12,
        pkcs11_lib=args.pkcs11_lib,
        token_label=args.token_label,
        key_label=args.key_label,
    )
    fields = signature_fields(args.pdf)
    field = choose_field(fields, args.field, args.pdf)  # refuse before asking a PIN
    if args.record is not None:
        _check_plan_file(args)
    secret = read_secret(args.pin_fd, source) if needs_secret(source) else None
    stamp = read_stamp(args.pdf)
    with open_signer(source, secret) as signer:
        done = sign_pdf(
            args.pdf,
            args.out,
            signer,
            field=field.name,
            timestamp_url=args.timestamp_url,
            lta=args.lta,
            language=stamp.language if stamp else None,
        )
    print(
        _("Signed {field} as {signer} at {time}; wrote {out}.").format(
            field=done.field.title(), signer=done.signer, time=when(done.signed_at), out=args.out
        )
    )
    left = [f for f in fields if not f.signed and f.name != field.name]
    if args.record is not None:
        _record(args)
    elif left:
        print(_("Still to sign: {fields}.").format(fields="; ".join(f.title() for f in left)))
    return 0


def _record_plan(store, args: argparse.Namespace, pdf: Path):
    """The plan to keep the signed PDF with: ``--plan``, else the one whose fingerprint
    the PDF carries, else the file's only plan."""
    from planner_app.services.signatures import plan_for_pdf

    if args.plan is None:
        found = plan_for_pdf(store, pdf)
        if found is not None:
            return found
    plan_id, _lang = plan_and_language(store, args.plan, None)
    return plan_id


def _check_plan_file(args: argparse.Namespace) -> None:
    """Before signing: the plan file opens for writing and names the plan (a refusal
    after the signature would leave the signatory to sign again)."""

    with open_for_writing(args.record) as store:
        _record_plan(store, args, args.pdf)


def _record(args: argparse.Namespace) -> None:
    from planner_app.services.signatures import record_signed_pdf

    with open_for_writing(args.record) as store:
        plan_id = _record_plan(store, args, args.out)
        progress = record_signed_pdf(store, plan_id, args.out)
    if progress.plan_signed:
        print(
            _("Kept in {file}: every signatory has signed; the plan is signed.").format(
                file=args.record
            )
        )
    else:
        print(
            _("Kept in {file}; the plan stays final until {fields} sign(s).").format(
                file=args.record, fields="; ".join(progress.unsigned)
            )
        )


def read_secret(pin_fd: int | None, source) -> str:
    """The PIN or passphrase: from file descriptor ``pin_fd`` (its first line), else
    asked at the terminal without echo. Refuses where there is neither."""
    if pin_fd is not None:
        return _read_fd(pin_fd)
    if not sys.stdin.isatty():
        raise SigningError(
            _(
                "There is no terminal to ask the PIN or passphrase on: give it on a file "
                "descriptor with --pin-fd N."
            )
        )
    prompt = (_("Passphrase for {source}: ") if source.pkcs12 else _("PIN for {source}: ")).format(
        source=source.describe()
    )
    try:
        return getpass.getpass(prompt)
    except EOFError as err:
        raise SigningError(_("No PIN or passphrase was given.")) from err


def _read_fd(fd: int) -> str:
    chunks = []
    try:
        while True:
            chunk = os.read(fd, 4096)
            if not chunk:
                break
            chunks.append(chunk)
            if b"\n" in chunk:
                break
    except OSError as err:
        raise SigningError(
            _("File descriptor {fd} cannot be read: {reason}").format(fd=fd, reason=err.strerror)
        ) from err
    finally:
        with contextlib.suppress(OSError):
            os.close(fd)
    line = b"".join(chunks).split(b"\n", 1)[0].rstrip(b"\r")
    return line.decode("utf-8", errors="strict")


def add_trust_argument(verify: argparse.ArgumentParser) -> None:
    verify.add_argument(
        "--trust",
        type=Path,
        action="append",
        metavar="CERTS",
        help=_(
            "with --pdf: trust roots for the signatures (certificates, a folder of them, "
            "or an EU trusted list XML); may be repeated"
        ),
    )


def report_signatures(pdf: Path, trust_paths: list[Path] | None) -> bool:
    """Print each signature of ``pdf`` in words; True when they all hold (or there is
    none)."""
    from planner_app.signing.check import check_signatures
    from planner_app.signing.trust import load_trust

    report = check_signatures(pdf, load_trust(trust_paths))
    if not report.signatures and not report.unsigned:
        return True
    out = sys.stdout if report.holds else sys.stderr
    if report.signatures:
        print(
            _("{pdf} carries {n} electronic signature(s):").format(
                pdf=pdf.name, n=len(report.signatures)
            ),
            file=out,
        )
    for line in report.lines():
        print(f"  {line}", file=out)
    return report.holds
