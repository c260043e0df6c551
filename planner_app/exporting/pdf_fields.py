"""Signature fields in the signatories' blocks of the final document.

The final PDF carries one empty signature field per signatory, where that signatory's
block leaves room to sign, so each can sign their own field with a qualified electronic
signature (``planner_app.signing``). The fields are not placed by coordinates written
here: a :class:`SignatureSpot` stands in the block like any other flowable, and when
reportlab draws it, it notes the page and the box it was drawn in. Wherever the
signature page puts a block (another order, another page), the field follows it.

After layout the noted places become AcroForm signature fields (pyHanko's
``append_signature_field``), added as an incremental update of the laid-out file.
Widgets are annotations: the pages' text, which ``pdf_verify`` compares, is unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportlab.platypus import Flowable

FIELD_PREFIX = "Signatory"


def field_name(position: int) -> str:
    """The field of the ``position``-th signatory (1-based): ``Signatory1``… (PDF field
    names must not contain dots)."""
    return f"{FIELD_PREFIX}{position}"


@dataclass(frozen=True)
class FieldPlace:
    """Where a signature field goes: 0-based page, box in PDF points (x1, y1, x2, y2)."""

    name: str
    label: str  # shown as the field's tooltip: the signatory's function and name
    page: int
    box: tuple[float, float, float, float]


@dataclass
class FieldBook:
    """The places noted while one document is laid out (on the exporting thread).
    ``active`` False (a draft, the year review): spots note nothing."""

    active: bool = False
    places: list[FieldPlace] = field(default_factory=list)

    def note(self, place: FieldPlace) -> None:
        if any(p.name == place.name for p in self.places):
            raise RuntimeError(f"signature field {place.name} drawn twice")
        self.places.append(place)


class SignatureSpot(Flowable):
    """The room to sign in one signatory's block: draws nothing itself (the block draws
    the line to sign on) and notes where it was drawn in its ``FieldBook``."""

    def __init__(self, book: FieldBook, name: str, label: str, height: float) -> None:
        super().__init__()
        self.book, self.name, self.label = book, name, label
        self.height = height
        self.width = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.height

    def draw(self) -> None:
        if not self.book.active:
            return
        canvas = self.canv
        x1, y1 = canvas.absolutePosition(0, 0)
        x2, y2 = canvas.absolutePosition(self.width, self.height)
        box = (min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))
        self.book.note(FieldPlace(self.name, self.label, canvas.getPageNumber() - 1, box))


def add_signature_fields(pdf: Path, places: list[FieldPlace]) -> None:
    """Add an empty signature field at each place of ``pdf``, in place (an incremental
    update: the laid-out bytes stay as they were)."""
    if not places:
        return
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.fields import SigFieldSpec, append_signature_field

    import planner_app.signing  # noqa: F401 (quiets pyHanko's import warnings)

    with Path(pdf).open("r+b") as handle:
        writer = IncrementalPdfFileWriter(handle, strict=False)
        for place in places:
            x1, y1, x2, y2 = place.box
            spec = SigFieldSpec(
                place.name,
                on_page=place.page,
                box=(round(x1), round(y1), round(x2), round(y2)),
                readable_field_name=place.label,
            )
            append_signature_field(writer, spec)
        writer.write_in_place()
