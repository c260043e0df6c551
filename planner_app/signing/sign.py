"""Sign one signature field of a PDF: PAdES (ETSI.CAdES.detached), incremental.

Each signatory signs their own field of the final document, one after the other. A
signature is appended to the file as an incremental update: the bytes the earlier
signatures cover stay as they were, so they stay valid. Without a timestamp server the
signature is PAdES B-B and needs no network; with one (``timestamp_url``) it is B-T,
and with ``lta`` also B-LTA (validation data fetched and embedded, then a document
timestamp), both only where a network is there.

The PDF given is never changed: the signed copy is written beside ``out`` and renamed
over it when complete, so ``out`` may be the PDF itself.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import planner_app.signing  # noqa: F401 (quiets pyHanko's import warnings)
from planner_app.errors import DocumentError, SigningError
from planner_app.i18n import N_, _, current_language, translator

if TYPE_CHECKING:
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.signers import Signer


@dataclass(frozen=True)
class SignatureField:
    """A signature field of a PDF: its name, its tooltip (the signatory's function and
    name, in the final documents we make) and whether it is signed."""

    name: str
    label: str
    signed: bool

    def title(self) -> str:
        return self.label or self.name


@dataclass(frozen=True)
class SignedField:
    """What one signing did: the field, who signed (the certificate's name) and when."""

    field: SignatureField
    signer: str
    signed_at: dt.datetime


def read_pdf(data: bytes, pdf: Path) -> PdfFileReader:
    """pyHanko's reader over ``data``; an unreadable PDF is one ``DocumentError``."""
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    if not data.startswith(b"%PDF-"):
        raise DocumentError(_("{pdf} is not a PDF file.").format(pdf=pdf))
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        reader.root  # noqa: B018 (reads the catalogue: a damaged file fails here)
    except (PdfError, ValueError, KeyError, TypeError, IndexError) as err:
        raise DocumentError(_("{pdf} is damaged or not a PDF file.").format(pdf=pdf)) from err
    return reader


def read_bytes(pdf: Path) -> bytes:
    try:
        return Path(pdf).read_bytes()
    except OSError as err:
        raise DocumentError(
            _("Cannot read {pdf}: {reason}").format(pdf=pdf, reason=err.strerror)
        ) from err


def fields_of(reader: PdfFileReader) -> list[SignatureField]:
    """The PDF's signature fields in document order."""
    from pyhanko.sign.fields import enumerate_sig_fields

    fields = []
    for name, value, ref in enumerate_sig_fields(reader, filled_status=None):
        label = ref.get_object().get("/TU")
        fields.append(SignatureField(name, str(label) if label else "", value is not None))
    return fields


def signature_fields(pdf: Path) -> list[SignatureField]:
    return fields_of(read_pdf(read_bytes(pdf), pdf))


def choose_field(fields: list[SignatureField], wanted: str | None, pdf: Path) -> SignatureField:
    """The field to sign: the one named, else the first not yet signed."""
    if not fields:
        raise SigningError(
            _(
                "{pdf} has no signature field: sign the final document made by this app "
                "(export the plan once it is final)."
            ).format(pdf=pdf.name)
        )
    if wanted is None:
        for field in fields:
            if not field.signed:
                return field
        raise SigningError(
            _("Every signature field of {pdf} is signed already.").format(pdf=pdf.name)
        )
    for field in fields:
        if field.name == wanted:
            if field.signed:
                raise SigningError(
                    _("The field {field} of {pdf} is signed already.").format(
                        field=wanted, pdf=pdf.name
                    )
                )
            return field
    raise SigningError(
        _("{pdf} has no signature field {field} (it has: {fields}).").format(
            pdf=pdf.name, field=wanted, fields=", ".join(f.name for f in fields)
        )
    )


def certificate_name(cert) -> str:
    """The name a person reads on a certificate: its common name, else the subject."""
    subject = cert.subject.native
    return str(subject.get("common_name") or cert.subject.human_friendly)


STAMP_TEXT = N_("Signed electronically by {signer}\n{time}")


def sign_pdf(
    pdf: Path,
    out: Path,
    signer: Signer,
    *,
    field: str | None = None,
    timestamp_url: str | None = None,
    lta: bool = False,
    language: str | None = None,
) -> SignedField:
    """Sign ``field`` (or the first unsigned one) of ``pdf`` with ``signer`` into
    ``out``. The visible signature's text is in ``language`` (the document's)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.fields import SigSeedSubFilter
    from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner
    from pyhanko.stamp import TextStampStyle

    data = read_bytes(pdf)
    chosen = choose_field(fields_of(read_pdf(data, pdf)), field, pdf)
    if lta and not timestamp_url:
        raise SigningError(
            _("Long-term validation data needs a timestamp server (--timestamp-url).")
        )
    timestamper = None
    if timestamp_url:
        from pyhanko.sign.timestamps import HTTPTimeStamper

        timestamper = HTTPTimeStamper(timestamp_url, timeout=30)
    validation = None
    if lta:
        from pyhanko_certvalidator import ValidationContext

        validation = ValidationContext(allow_fetching=True)
    meta = PdfSignatureMetadata(
        field_name=chosen.name,
        subfilter=SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        embed_validation_info=lta,
        use_pades_lta=lta,
        validation_context=validation,
    )
    t = translator(language or current_language())
    text = t(STAMP_TEXT).format(signer="%(signer)s", time="%(ts)s")
    style = TextStampStyle(stamp_text=text, border_width=1)
    pdf_signer = PdfSigner(meta, signer, timestamper=timestamper, stamp_style=style)
    output = io.BytesIO()
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(data), strict=False)
        pdf_signer.sign_pdf(writer, output=output)
    except Exception as err:
        from pkcs11.exceptions import PKCS11Error

        if isinstance(err, SigningError | PKCS11Error):
            raise  # ours, or a token's failure that ``keys.open_signer`` words
        raise _signing_failure(err, timestamp_url) from err
    signed = output.getvalue()
    _write_atomically(out, signed)
    when = _signature_time(signed, chosen.name, out)
    return SignedField(chosen, certificate_name(signer.signing_cert), when)


def _signing_failure(err: Exception, timestamp_url: str | None) -> SigningError:
    """A failure while signing, as one sentence."""
    from pyhanko.sign.timestamps import TimestampRequestError

    if isinstance(err, TimestampRequestError) or "aiohttp" in type(err).__module__:
        return SigningError(
            _("The timestamp server {url} did not answer: {reason}").format(
                url=timestamp_url, reason=str(err) or type(err).__name__
            )
        )
    return SigningError(_("The PDF could not be signed: {error}").format(error=err))


def _signature_time(data: bytes, name: str, out: Path) -> dt.datetime:
    """The signing time the new signature records (its signer's clock)."""
    reader = read_pdf(data, out)
    for embedded in reader.embedded_regular_signatures:
        if embedded.field_name == name and embedded.self_reported_timestamp is not None:
            return embedded.self_reported_timestamp
    return dt.datetime.now(dt.UTC)


def _write_atomically(out: Path, data: bytes) -> None:
    out = Path(out)
    folder = out.parent if str(out.parent) else Path()
    try:
        handle, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=folder)
        temp = Path(name)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            umask = os.umask(0o022)
            os.umask(umask)
            temp.chmod(0o666 & ~umask)
            temp.replace(out)
        finally:
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
    except OSError as err:
        raise SigningError(
            _("Cannot write {path}: {reason}").format(path=out, reason=err.strerror or err)
        ) from err
