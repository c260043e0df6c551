"""The electronically signed final document kept in the plan file, and its signatures.

The final PDF is signed by each signatory in turn; each signature is an incremental
update of the file, so the latest signed PDF holds every earlier one. The file keeps
that latest PDF (``SignedPdf``, one per plan) and a row per signature with its real
time (``PdfSignature``). Like ``SigningRecord``, these are signing metadata: not part
of the fingerprinted content, and the only rows a final plan accepts.
"""

from __future__ import annotations

from typing import ClassVar

from sqlalchemy import Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from planner_app.domain.base import Base, PlanOwned


class SignedPdf(PlanOwned, Base):
    """The plan's final document with the signatures given so far (bytes as signed)."""

    __tablename__ = "signed_pdfs"
    natural_key = ("plan_id",)
    signing_metadata: ClassVar[bool] = True

    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    pdf_sha256: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(255), default="")
    fields: Mapped[int] = mapped_column(Integer, default=0)  # signature fields in the PDF
    unsigned: Mapped[str] = mapped_column(Text, default="")  # their labels, one a line


class PdfSignature(PlanOwned, Base):
    """One signatory's signature of the final document, as the PDF records it."""

    __tablename__ = "pdf_signatures"
    natural_key = ("plan_id", "field_name")
    signing_metadata: ClassVar[bool] = True

    field_name: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(String(400), default="")  # function and name
    signer: Mapped[str] = mapped_column(String(400), default="")  # the certificate's name
    signed_at: Mapped[str] = mapped_column(String(32))  # ISO 8601, UTC
    certificate_sha256: Mapped[str] = mapped_column(String(64), default="")
    revision_end: Mapped[int] = mapped_column(Integer)  # the PDF's length up to this signature
