"""Who signed this PDF, when, and does each signature still hold? (``verify --pdf``)

For each signature (and document timestamp) in the file, in signing order: the signer's
name from the certificate, the time the signature records, the timestamp authority's
time when there is one, whether the bytes it covers are unchanged (*intact*), whether
the signature is cryptographically valid and its certificate chains to a trust root
(``trust``), whether it covers the whole file, and what was changed after it. Changes
after a signature are judged by pyHanko's difference analysis: later signatures in
their own fields and form filling are allowed; a changed page is not.

Validation is offline: no certificate is fetched and revocation is not checked unless
the PDF carries the data (B-LTA). A signature is *valid* here when it is intact,
cryptographically valid, trusted and only allowed changes follow it; the PDF's
signatures hold when each is valid and the last covers the whole file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import planner_app.signing  # noqa: F401 (quiets pyHanko's import warnings)
from planner_app.formatting import format_date
from planner_app.i18n import _, current_language
from planner_app.signing.sign import (
    SignatureField,
    certificate_name,
    fields_of,
    read_bytes,
    read_pdf,
)
from planner_app.signing.trust import TrustRoots, default_trust_folder

SIGNATURE = "signature"
TIMESTAMP = "timestamp"


@dataclass(frozen=True)
class SignatureCheck:
    """One signature of a PDF, checked. ``problem`` says in words why it does not hold
    (None: it holds)."""

    kind: str  # SIGNATURE or TIMESTAMP (a document timestamp, B-LTA)
    field: SignatureField
    signer: str
    signed_at: dt.datetime | None
    timestamp: dt.datetime | None
    subfilter: str
    intact: bool
    valid: bool
    trusted: bool
    covers_whole: bool
    changes_allowed: bool
    problem: str | None
    revision_end: int = 0  # the file's length up to the end of what it signs
    certificate_sha256: str = ""

    @property
    def holds(self) -> bool:
        return self.problem is None


@dataclass(frozen=True)
class SignaturesReport:
    """The signatures of one PDF and the fields still unsigned."""

    pdf: Path
    signatures: tuple[SignatureCheck, ...]
    unsigned: tuple[SignatureField, ...]
    trust: TrustRoots

    @property
    def signed(self) -> tuple[SignatureCheck, ...]:
        return tuple(s for s in self.signatures if s.kind == SIGNATURE)

    @property
    def last_covers_whole(self) -> bool:
        return not self.signatures or self.signatures[-1].covers_whole

    @property
    def holds(self) -> bool:
        """Every signature holds and the last covers the whole file."""
        return all(s.holds for s in self.signatures) and self.last_covers_whole

    def lines(self) -> list[str]:
        """The report in words, one sentence per signature or unsigned field."""
        return describe(self)


def check_signatures(pdf: Path, trust: TrustRoots) -> SignaturesReport:
    """Check every signature of ``pdf`` against ``trust``. Raises ``DocumentError``
    when ``pdf`` is unreadable."""
    from pyhanko_certvalidator import ValidationContext

    reader = read_pdf(read_bytes(pdf), pdf)
    fields = {f.name: f for f in fields_of(reader)}
    context_args = {
        "trust_roots": list(trust.certificates),
        "allow_fetching": False,
        "revocation_mode": "soft-fail",
    }
    checks = []
    for embedded in reader.embedded_signatures:
        field = fields.get(embedded.field_name) or SignatureField(embedded.field_name, "", True)
        checks.append(_check(embedded, field, ValidationContext(**context_args), trust))
    signed = {c.field.name for c in checks}
    unsigned = tuple(f for f in fields.values() if f.name not in signed and not f.signed)
    return SignaturesReport(Path(pdf), tuple(checks), unsigned, trust)


def _check(embedded, field: SignatureField, context, trust: TrustRoots) -> SignatureCheck:
    from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    is_timestamp = embedded.sig_object_type == "/DocTimeStamp"
    revision_end = _revision_end(embedded)
    subfilter = str(embedded.sig_object.get("/SubFilter", "")).lstrip("/")
    try:
        if is_timestamp:
            status = validate_pdf_timestamp(embedded, validation_context=context)
        else:
            status = validate_pdf_signature(embedded, context)
    except Exception as err:  # a malformed signature: say so, check the others
        return SignatureCheck(
            TIMESTAMP if is_timestamp else SIGNATURE,
            field,
            "",
            None,
            None,
            subfilter,
            False,
            False,
            False,
            False,
            False,
            _("it cannot be read ({reason}).").format(reason=err),
            revision_end,
        )
    covers_whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    changes_allowed = covers_whole or bool(status.docmdp_ok)
    if is_timestamp:
        signed_at, timestamp = status.timestamp, status.timestamp
    else:
        signed_at = status.signer_reported_dt
        ts = status.timestamp_validity
        timestamp = ts.timestamp if ts is not None and ts.intact and ts.valid else None
    problem = _problem(status, covers_whole, changes_allowed, trust)
    return SignatureCheck(
        TIMESTAMP if is_timestamp else SIGNATURE,
        field,
        certificate_name(status.signing_cert),
        signed_at,
        timestamp,
        subfilter,
        bool(status.intact),
        bool(status.valid),
        bool(status.trusted),
        covers_whole,
        changes_allowed,
        problem,
        revision_end,
        status.signing_cert.sha256.hex(),
    )


def _revision_end(embedded) -> int:
    try:
        _start, _length, second, length = (int(n) for n in embedded.byte_range)
    except (TypeError, ValueError):
        return 0
    return second + length


def _problem(status, covers_whole: bool, changes_allowed: bool, trust: TrustRoots) -> str | None:
    if not status.intact:
        return _("it is broken: the part of the document it signed was changed.")
    if not status.valid:
        return _("it is not valid: the signature does not match its certificate.")
    if not changes_allowed:
        return _(
            "the document was changed after it was signed, beyond adding signatures "
            "(a page, a figure or an annotation)."
        )
    if not status.trusted:
        if not trust:
            return _(
                "who signed is not proven: no trust roots were given (--trust, or "
                "certificates in {folder})."
            ).format(folder=default_trust_folder())
        return _("its certificate does not lead to a trust root given ({reason}).").format(
            reason=_trust_reason(status)
        )
    return None


def _trust_reason(status) -> str:
    indication = getattr(status, "trust_problem_indic", None)
    if indication is None:
        return _("no reason given")
    return str(getattr(indication, "name", indication)).replace("_", " ").lower()


def when(moment: dt.datetime | None) -> str:
    """A moment in UTC, in the UI language: "7-12-2026 15:57 UTC"."""
    if moment is None:
        return _("an unknown time")
    moment = moment.astimezone(dt.UTC) if moment.tzinfo else moment
    return f"{format_date(moment.date(), current_language())} {moment:%H:%M} UTC"


def describe(report: SignaturesReport) -> list[str]:
    """One sentence per signature (in signing order) and per unsigned field."""
    total = len(report.signatures)
    lines = []
    for n, check in enumerate(report.signatures, start=1):
        where = check.field.title()
        if check.kind == TIMESTAMP:
            head = _("{n}/{total}, document timestamp by {signer} at {time}").format(
                n=n, total=total, signer=check.signer, time=when(check.signed_at)
            )
        else:
            head = _("{n}/{total}, {field}: signed by {signer} at {time}").format(
                n=n, total=total, field=where, signer=check.signer, time=when(check.signed_at)
            )
            if check.timestamp is not None:
                head += _(" (timestamp {time})").format(time=when(check.timestamp))
        facts = [
            _("intact") if check.intact else _("NOT intact"),
            _("valid against the trust roots")
            if check.valid and check.trusted
            else _("NOT valid against the trust roots"),
            _("covers the whole document")
            if check.covers_whole
            else _("only signatures were added after it")
            if check.changes_allowed
            else _("the document was changed after it"),
        ]
        sentence = f"{head}: {', '.join(facts)}"
        sentence += f"; {check.problem}" if check.problem else "."
        lines.append(sentence)
    if report.signatures and not report.last_covers_whole:
        lines.append(
            _("The last signature does not cover the whole file: something was added after it.")
        )
    for field in report.unsigned:
        lines.append(_("{field}: not signed yet.").format(field=field.title()))
    return lines
