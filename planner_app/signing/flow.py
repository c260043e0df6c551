"""The window's signing job, without Qt: which PDF to sign, signing it, and the fields.

Plan → Sign PDF… signs the plan's document as the plan file keeps it (with the
signatures given so far), or, before the first signature, the final document made
now; or a PDF the user chooses (signed elsewhere), whose pages are first compared with
the plan's document. The job runs on a worker thread with its own read-only handle of
the file; the window then keeps the signed PDF (``services.signatures``) on its own.
"""

from __future__ import annotations

import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

from planner_app.errors import DocumentError
from planner_app.exporting.pdf_fields import field_name
from planner_app.exporting.report import Progress
from planner_app.signing.keys import KeySource, open_signer
from planner_app.signing.sign import SignatureField, SignedField, sign_pdf, signature_fields
from planner_app.storage import PlanFile


@dataclass(frozen=True)
class SignRequest:
    """What the user chose: the key, the field, optionally another PDF and a
    timestamp server."""

    source: KeySource
    field: str | None = None
    pdf: Path | None = None  # None: the kept signed PDF, else the final document made now
    timestamp_url: str | None = None


def fields_to_sign(store: PlanFile, plan_id: uuid.UUID, pdf: Path | None) -> list[SignatureField]:
    """The signature fields of the document the window would sign (``pdf``, or the kept
    signed PDF, or the final document still to be made: one per signatory)."""
    from planner_app.services.plan_parts import load_signatories
    from planner_app.services.signatures import signed_pdf

    if pdf is not None:
        return signature_fields(pdf)
    kept = _kept(store, plan_id)
    if kept is not None:
        with tempfile.TemporaryDirectory(prefix="planner-sign-") as folder:
            path = Path(folder) / "kept.pdf"
            path.write_bytes(signed_pdf(store, plan_id)[1])
            return signature_fields(path)
    language = _language(store, plan_id)
    fields = []
    for n, person in enumerate(load_signatories(store, plan_id), start=1):
        function = person.function.get(language) or next(iter(person.function.values()), "")
        name = "" if person.body else person.name  # a body signs under its own name
        label = " — ".join(part for part in (function, name) if part)
        fields.append(SignatureField(field_name(n), label, False))
    return fields


def sign_for_plan(
    store: PlanFile,
    plan_id: uuid.UUID,
    request: SignRequest,
    secret: str | None,
    out: Path,
    *,
    progress: Progress | None = None,
) -> SignedField:
    """Sign the document ``request`` names into ``out`` (see the module's docstring).
    Raises ``DocumentError`` when a chosen PDF is not the plan's final document."""
    from planner_app.exporting.pdf import export_pdf
    from planner_app.exporting.pdf_verify import verify_pdf
    from planner_app.services.signatures import signed_pdf

    language = _language(store, plan_id)
    with tempfile.TemporaryDirectory(prefix="planner-sign-") as folder:
        base = Path(folder) / "base.pdf"
        if request.pdf is not None:
            verdict = verify_pdf(store, plan_id, request.pdf, progress=progress)
            if not verdict.matches:
                raise DocumentError(verdict.message)
            base = request.pdf
        elif _kept(store, plan_id) is not None:
            base.write_bytes(signed_pdf(store, plan_id)[1])
        else:
            export_pdf(store, plan_id, base, language=language, progress=progress)
        with open_signer(request.source, secret) as signer:
            return sign_pdf(
                base,
                out,
                signer,
                field=request.field,
                timestamp_url=request.timestamp_url,
                language=language,
            )


def _kept(store: PlanFile, plan_id: uuid.UUID):
    from planner_app.services.signatures import signing_progress

    return signing_progress(store, plan_id)


def _language(store: PlanFile, plan_id: uuid.UUID) -> str:
    from planner_app.services.plans import plan_info

    return plan_info(store, plan_id).languages[0]
