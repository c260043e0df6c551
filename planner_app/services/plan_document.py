"""How a plan presents itself as a document: its document type, the version label it
prints, its logo, and the place and date printed above the signatures.

These are content like any other: set while the plan is a draft, fixed with it when it
is made final (the fingerprint covers them), carried by the workbook and the exchange.
The signing record (``plans.record_signing``: each signature's real date, the scan) is
what is added after signing, outside the fingerprint.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from planner_app.domain import Plan
from planner_app.domain.enums import PlanKind
from planner_app.domain.labels import PLAN_KIND_TITLES
from planner_app.errors import ValidationError
from planner_app.i18n import N_, _
from planner_app.services.common import (
    MAX_TITLE,
    Changed,
    Entity,
    check_i18n,
    get_plan,
    merge_i18n,
    writable_plan,
)
from planner_app.services.images import ImageInfo, slot_image
from planner_app.storage import PlanFile

DOCUMENT_FIELDS = ("document_type", "version_label", "signing_place", "signing_date")
_TEXT_FIELDS = {
    "document_type": N_("Document type"),
    "version_label": N_("Version label"),
    "signing_place": N_("Place of signing"),
}
_UNSET: Any = object()


@dataclass(frozen=True)
class DocumentInfo:
    kind: PlanKind
    document_type: dict[str, str]  # empty: the kind's name
    version_no: int
    version_label: dict[str, str]
    signing_place: dict[str, str]
    signing_date: dt.date | None
    logo: ImageInfo | None


def document_info(store: PlanFile, plan_id: uuid.UUID) -> DocumentInfo:
    with store.read() as s:
        plan = get_plan(s, plan_id)
        info = DocumentInfo(
            plan.kind,
            dict(plan.document_type),
            plan.version_no,
            dict(plan.version_label),
            dict(plan.signing_place),
            plan.signing_date,
            None,
        )
    logo = slot_image(store, plan_id)
    return DocumentInfo(**{**info.__dict__, "logo": logo})


def document_title(kind: PlanKind, document_type: dict[str, str], language: str, translate) -> str:
    """The document's own name in ``language``: its document type when it gives one in
    that language, else the kind's name translated with ``translate``."""
    own = document_type.get(language, "").strip()
    return own or translate(PLAN_KIND_TITLES[PlanKind(kind).value])


def _value(plan: Plan, name: str) -> Any:
    value = getattr(plan, name)
    return dict(value) if isinstance(value, dict) else value


def update_document(
    store: PlanFile,
    plan_id: uuid.UUID,
    *,
    document_type: dict[str, str] | str | None = None,
    version_label: dict[str, str] | str | None = None,
    signing_place: dict[str, str] | str | None = None,
    signing_date: dt.date | None = _UNSET,
) -> Changed:
    """Set document fields of a draft plan; texts merge per language (an empty text
    clears that language), ``signing_date=None`` clears the date. ``Changed.old`` and
    ``Changed.new`` (also ``extra``) hold each written field's value before and after."""
    given = {
        "document_type": document_type,
        "version_label": version_label,
        "signing_place": signing_place,
    }
    with store.transaction() as s:
        plan = writable_plan(s, plan_id)
        langs = plan.language_list
        names = [n for n, v in given.items() if v is not None]
        if signing_date is not _UNSET:
            names.append("signing_date")
        old = {n: _value(plan, n) for n in names}
        for name, value in given.items():
            if value is None:
                continue
            checked = check_i18n(_(_TEXT_FIELDS[name]), value, languages=langs, limit=MAX_TITLE)
            setattr(plan, name, merge_i18n(getattr(plan, name), checked))
        if signing_date is not _UNSET:
            if signing_date is not None and (
                not isinstance(signing_date, dt.date) or isinstance(signing_date, dt.datetime)
            ):
                raise ValidationError(_("Date of signing"), _("is not a date."))
            if signing_date is not None and not 1900 <= signing_date.year <= 2200:
                raise ValidationError(
                    _("Date of signing"),
                    _("{value} is not a year.").format(value=signing_date.year),
                )
            plan.signing_date = signing_date
        new = {n: _value(plan, n) for n in names}
        return Changed(
            Entity.PLAN,
            (plan.id,),
            "updated",
            tuple(names),
            old=old,
            new=new,
        )
