"""Keep the electronically signed final document in the plan file, signature by signature.

Each signatory signs the final PDF in turn (``planner_app.signing``). After each
signature the signed PDF is recorded here: the file keeps the latest signed PDF and one
row per signature with its real time. The plan stays final while a signature field is
unsigned; the signature that fills the last one makes it signed, with a signing record
dated that day. The scanned-paper route (``plans.record_signing``) stays beside this one.

A PDF is recorded only when it is this plan's final document: it carries the plan's
fingerprint, its pages read as the document made again from the file (checked the first
time; after that each new PDF must continue the one kept, byte for byte), and every
signature in it is intact with nothing but signatures added after it. Whether a signer
is trusted is for ``verify`` to say, against the trust roots given there.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from planner_app.domain import PdfSignature, Plan, SignedPdf, SigningRecord
from planner_app.domain.enums import PlanState
from planner_app.errors import DocumentError, ValidationError
from planner_app.exporting.report import Progress
from planner_app.i18n import _
from planner_app.services.common import get_plan
from planner_app.storage import PlanFile

MAX_SIGNED_PDF_BYTES = 500 * 1024 * 1024


@dataclass(frozen=True)
class SignatureInfo:
    """One recorded signature: the field's signatory, who signed and when (UTC)."""

    field_name: str
    label: str
    signer: str
    signed_at: dt.datetime


@dataclass(frozen=True)
class SigningProgress:
    """Where the plan's electronic signing stands."""

    signatures: tuple[SignatureInfo, ...]
    unsigned: tuple[str, ...]  # labels of the fields still to sign
    plan_signed: bool
    pdf_name: str = ""
    pdf_size: int = 0


def record_signed_pdf(
    store: PlanFile,
    plan_id: uuid.UUID,
    pdf: Path,
    *,
    progress: Progress | None = None,
    compare_pages: bool = True,
) -> SigningProgress:
    """Keep ``pdf`` (the plan's final document with one more signature, or several) in
    the plan file; the plan becomes signed when no signature field is left unsigned.
    ``compare_pages`` False: the caller made the PDF from this file, or compared its
    pages already (the window does that off the GUI thread).

    Raises ``DocumentError`` for a PDF that is not the plan's signed final document and
    ``ValidationError`` when the plan is not final or nothing new is signed."""
    from planner_app.signing.check import SIGNATURE, check_signatures
    from planner_app.signing.trust import TrustRoots

    pdf = Path(pdf)
    plan_code, fingerprint, state = _plan_facts(store, plan_id)
    if state is PlanState.DRAFT:
        raise ValidationError(
            _("State"), _("make the plan final for signature before it is signed.")
        )
    if state is PlanState.SIGNED:
        raise ValidationError(_("State"), _("the plan's signing is already recorded."))
    data = _read(pdf)
    kept = _kept_pdf(store, plan_id)
    if kept is not None and not data.startswith(kept):
        raise DocumentError(
            _(
                "{pdf} does not continue the signed PDF kept in the plan file: sign the "
                "kept one (it holds the signatures given so far)."
            ).format(pdf=pdf.name)
        )
    if kept is not None and len(data) == len(kept):
        raise ValidationError(_("Signature"), _("{pdf} adds no signature.").format(pdf=pdf.name))
    _check_document(
        store,
        plan_id,
        pdf,
        fingerprint,
        compare_pages=compare_pages and kept is None,
        progress=progress,
    )
    report = check_signatures(pdf, TrustRoots((), ()))
    for check in report.signatures:
        if not (check.intact and check.valid and check.changes_allowed):
            raise DocumentError(
                _("The signature {field} in {pdf} does not hold: {problem}").format(
                    field=check.field.title(), pdf=pdf.name, problem=check.problem
                )
            )
    signatures = [c for c in report.signatures if c.kind == SIGNATURE]
    if not signatures:
        raise ValidationError(_("Signature"), _("{pdf} is not signed.").format(pdf=pdf.name))
    if not report.last_covers_whole:
        raise DocumentError(_("{pdf} was changed after its last signature.").format(pdf=pdf.name))
    fields_total = len(signatures) + len(report.unsigned)
    with store.transaction() as s:
        plan = get_plan(s, plan_id)
        if plan.state is not PlanState.FINAL:  # changed since we looked
            raise ValidationError(_("State"), _("the plan is no longer final."))
        for check in signatures:
            signature = _row(s, PdfSignature, PdfSignature.key_id(plan_id, check.field.name))
            if signature.field_name == check.field.name and not signature.deleted:
                continue  # recorded with an earlier PDF
            signature.plan_id, signature.deleted = plan_id, False
            signature.field_name = check.field.name
            signature.label, signature.signer = check.field.label[:400], check.signer[:400]
            signature.signed_at = _iso(check.signed_at)
            signature.certificate_sha256 = check.certificate_sha256
            signature.revision_end = check.revision_end
        row = _row(s, SignedPdf, SignedPdf.key_id(plan_id))
        row.plan_id, row.deleted = plan_id, False
        row.pdf, row.pdf_sha256 = data, hashlib.sha256(data).hexdigest()
        row.name, row.fields = _safe_name(pdf.name, plan_code), fields_total
        row.unsigned = "\n".join(" ".join(f.title().split()) for f in report.unsigned)
        if not report.unsigned:
            last = max((c.signed_at for c in signatures if c.signed_at), default=None)
            s.add(
                SigningRecord(
                    id=uuid.uuid4(),
                    plan_id=plan_id,
                    signed_on=(last or dt.datetime.now(dt.UTC)).date(),
                    place="",
                    scan=None,
                    scan_name="",
                    scan_sha256="",
                )
            )
            plan.state = PlanState.SIGNED
    return signing_progress(store, plan_id)


def _row(s, model, row_id: uuid.UUID):
    """The row ``row_id`` (a tombstone of an earlier signing round included) or a new
    one: the ids derive from the plan and the field, so a second round reuses them."""
    row = s.get(model, row_id)
    if row is None:
        row = model(id=row_id)
        s.add(row)
    return row


def plan_for_pdf(store: PlanFile, pdf: Path) -> uuid.UUID | None:
    """The plan of ``store`` whose final document ``pdf`` is (by its fingerprint), or
    None when no plan, or more than one, carries it."""
    from planner_app.exporting.pdf_stamp import read_stamp

    stamp = read_stamp(pdf)
    if stamp is None:
        return None
    with store.read() as s:
        ids = s.scalars(
            select(Plan.id).where(Plan.fingerprint == stamp.fingerprint, Plan.deleted.is_(False))
        ).all()
    return ids[0] if len(ids) == 1 else None


def signing_progress(store: PlanFile, plan_id: uuid.UUID) -> SigningProgress | None:
    """The plan's electronic signatures so far, or None when no signed PDF is kept."""
    from sqlalchemy import func

    with store.read() as s:
        plan = get_plan(s, plan_id)
        kept = s.execute(
            select(SignedPdf.name, func.length(SignedPdf.pdf), SignedPdf.unsigned).where(
                SignedPdf.plan_id == plan_id, SignedPdf.deleted.is_(False)
            )
        ).first()
        if kept is None:
            return None
        rows = s.scalars(
            select(PdfSignature)
            .where(PdfSignature.plan_id == plan_id, PdfSignature.deleted.is_(False))
            .order_by(PdfSignature.revision_end)
        ).all()
        signatures = tuple(
            SignatureInfo(r.field_name, r.label, r.signer, dt.datetime.fromisoformat(r.signed_at))
            for r in rows
        )
        return SigningProgress(
            signatures,
            tuple(line for line in kept.unsigned.split("\n") if line),
            plan.state is PlanState.SIGNED,
            kept.name,
            kept[1] or 0,
        )


def signed_pdf(store: PlanFile, plan_id: uuid.UUID) -> tuple[str, bytes]:
    """The signed PDF kept in the file as (a file name, its bytes); refuses when there
    is none or its bytes no longer match their SHA-256 (a damaged file)."""
    with store.read() as s:
        code = get_plan(s, plan_id).code
        row = s.scalars(
            select(SignedPdf).where(SignedPdf.plan_id == plan_id, SignedPdf.deleted.is_(False))
        ).first()
        if row is None:
            raise ValidationError(
                _("Signed PDF"),
                _("no electronically signed PDF is kept with plan {code}.").format(code=code),
            )
        data, name, digest = row.pdf, row.name, row.pdf_sha256
    if hashlib.sha256(data).hexdigest() != digest:
        raise ValidationError(
            _("Signed PDF"), _("the kept PDF does not match the checksum recorded with it.")
        )
    return name, data


def _kept_pdf(store: PlanFile, plan_id: uuid.UUID) -> bytes | None:
    with store.read() as s:
        return s.scalar(
            select(SignedPdf.pdf).where(SignedPdf.plan_id == plan_id, SignedPdf.deleted.is_(False))
        )


def _plan_facts(store: PlanFile, plan_id: uuid.UUID) -> tuple[str, str | None, PlanState]:
    with store.read() as s:
        plan: Plan = get_plan(s, plan_id)
        return plan.code, plan.fingerprint, plan.state


def _read(pdf: Path) -> bytes:
    try:
        size = pdf.stat().st_size
        if size > MAX_SIGNED_PDF_BYTES:
            raise ValidationError(_("Signed PDF"), _("is larger than 500 MB."))
        return pdf.read_bytes()
    except OSError as err:
        raise DocumentError(
            _("Cannot read {pdf}: {reason}").format(pdf=pdf, reason=err.strerror)
        ) from err


def _check_document(
    store: PlanFile,
    plan_id: uuid.UUID,
    pdf: Path,
    fingerprint: str | None,
    *,
    compare_pages: bool,
    progress: Progress | None,
) -> None:
    """Refuse a PDF that is not this plan's final document."""
    from planner_app.exporting.pdf_stamp import read_stamp
    from planner_app.exporting.pdf_verify import verify_pdf

    stamp = read_stamp(pdf)
    if stamp is None or stamp.fingerprint != fingerprint or stamp.document != "plan":
        raise DocumentError(
            _("{pdf} is not this plan's final document: it does not carry its fingerprint.").format(
                pdf=pdf.name
            )
        )
    if stamp.state != PlanState.FINAL.value:
        raise DocumentError(
            _("{pdf} is not the final document for signature.").format(pdf=pdf.name)
        )
    if compare_pages:
        verdict = verify_pdf(store, plan_id, pdf, progress=progress)
        if not verdict.matches:
            raise DocumentError(verdict.message)


def _iso(moment: dt.datetime | None) -> str:
    moment = moment or dt.datetime.now(dt.UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).isoformat(timespec="seconds")


def _safe_name(name: str, code: str) -> str:
    base = Path(name.replace("\\", "/")).name.strip(" .")
    return base[:255] if base.lower().endswith(".pdf") else f"{code}-signed.pdf"
