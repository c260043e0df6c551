"""Plans: create, edit properties, and move through draft -> final -> signed."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import re
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from planner_app.domain import PdfSignature, Plan, SignedPdf, SigningRecord
from planner_app.domain.enums import CONTENT_LANGUAGES, PlanKind, PlanState
from planner_app.errors import PlanFrozenError, ValidationError
from planner_app.i18n import _
from planner_app.services import references
from planner_app.services.common import (
    Changed,
    Entity,
    check_i18n,
    check_text,
    check_year,
    get_plan,
    merge_i18n,
    merge_required,
    resolve_plan,
    snapshot,
    writable_plan,
)
from planner_app.storage import PlanFile

_CODE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
MAX_SCAN_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class PlanInfo:
    id: uuid.UUID
    code: str
    kind: PlanKind
    title: dict[str, str]
    organisation: dict[str, str]
    first_year: int
    last_year: int
    languages: tuple[str, ...]
    state: PlanState
    version_no: int
    fingerprint: str | None
    strategic_plan_id: uuid.UUID | None
    previous_plan_id: uuid.UUID | None
    track_status: bool = True
    reports_quarterly: bool = False  # indicators' actuals per quarter, not per year


def patched_info(info: PlanInfo, changed: Changed) -> PlanInfo | None:
    """``info`` with an ``update_plan`` applied from its ``Changed.new`` (no read), or
    ``None`` when ``changed`` is not such an update of this plan."""
    if changed.entity is not Entity.PLAN or changed.op != "updated" or info.id not in changed.ids:
        return None
    if not changed.new:
        return None
    values = dict(changed.new)
    if "period" in values:
        values["first_year"], values["last_year"] = values.pop("period")
    if "languages" in values:
        values["languages"] = tuple(values["languages"])
    if not set(values) <= {f.name for f in dataclasses.fields(PlanInfo)}:
        return None
    return dataclasses.replace(info, **values)


def _info(plan: Plan) -> PlanInfo:
    return PlanInfo(
        plan.id,
        plan.code,
        plan.kind,
        dict(plan.title),
        dict(plan.organisation),
        plan.first_year,
        plan.last_year,
        tuple(plan.language_list),
        plan.state,
        plan.version_no,
        plan.fingerprint,
        plan.strategic_plan_id,
        plan.previous_plan_id,
        bool(plan.track_status),
        bool(plan.reports_quarterly),
    )


def list_plans(store: PlanFile) -> list[PlanInfo]:
    with store.read() as s:
        plans = s.scalars(select(Plan).where(Plan.deleted.is_(False)).order_by(Plan.code))
        return [_info(p) for p in plans]


def find_plan(store: PlanFile, code: str | None) -> PlanInfo:
    """The plan with ``code`` (or the file's only plan); ``PlanChoiceError`` lists codes."""
    with store.read() as s:
        return _info(resolve_plan(s, code))


def plan_info(store: PlanFile, plan_id: uuid.UUID) -> PlanInfo:
    with store.read() as s:
        return _info(get_plan(s, plan_id))


def _check_code(session, code: str, exclude: uuid.UUID | None = None) -> str:
    code = check_text(_("Code"), code, required=True, limit=64).strip()
    if not _CODE.match(code):
        raise ValidationError(
            _("Code"),
            _("use lower-case letters, digits, '.', '-' or '_' (for example ibz-2025-2029)."),
        )
    clash = session.scalar(
        select(Plan.id).where(Plan.code == code, Plan.deleted.is_(False), Plan.id != exclude)
    )
    if clash is not None:
        raise ValidationError(
            _("Code"), _("another plan in this file already has code {code}.").format(code=code)
        )
    return code


def _check_languages(languages: list[str] | tuple[str, ...]) -> str:
    langs = list(dict.fromkeys(languages))
    if not langs:
        raise ValidationError(_("Languages"), _("choose at least one content language."))
    for lang in langs:
        if lang not in CONTENT_LANGUAGES:
            raise ValidationError(
                _("Languages"),
                _("{lang} is not a supported language ({langs}).").format(
                    lang=lang, langs=", ".join(CONTENT_LANGUAGES)
                ),
            )
    return ",".join(langs)


def _check_period(first_year: int, last_year: int) -> None:
    check_year(_("First year"), first_year)
    check_year(_("Last year"), last_year)
    if last_year < first_year:
        raise ValidationError(_("Last year"), _("comes before the first year."))
    if last_year - first_year > 20:
        raise ValidationError(_("Last year"), _("a plan spans at most 21 years."))


def create_plan(
    store: PlanFile,
    *,
    code: str,
    kind: PlanKind,
    title: dict[str, str] | str,
    first_year: int,
    last_year: int | None = None,
    organisation: dict[str, str] | str = "",
    languages: list[str] | tuple[str, ...] = ("nl",),
    strategic_plan_id: uuid.UUID | None = None,
    track_status: bool | None = None,
) -> Changed:
    """A new draft plan. Its objectives carry a status unless ``track_status`` says
    otherwise: by default a business or operational plan tracks status (it reports on
    its initiatives), a strategic plan does not (it is signed before work starts)."""
    kind = PlanKind(kind)
    last_year = first_year if last_year is None else last_year
    langs = _check_languages(languages)
    _check_period(first_year, last_year)
    if kind.is_yearly and last_year != first_year:
        raise ValidationError(_("Last year"), _("a yearly plan covers one year."))
    with store.transaction() as s:
        code = _check_code(s, code)
        if strategic_plan_id is not None:
            strategic = get_plan(s, strategic_plan_id)
            if strategic.kind is not PlanKind.STRATEGIC or not kind.is_yearly:
                raise ValidationError(
                    _("Strategic plan"),
                    _("only a yearly plan can carry out a strategic plan."),
                )
        plan = Plan(
            id=uuid.uuid4(),
            code=code,
            kind=kind,
            title=check_i18n(_("Title"), title, languages=langs.split(","), required=True),
            organisation=check_i18n(_("Organisation"), organisation, languages=langs.split(",")),
            first_year=first_year,
            last_year=last_year,
            languages=langs,
            track_status=kind.is_yearly if track_status is None else bool(track_status),
            state=PlanState.DRAFT,
            version_no=1,
            strategic_plan_id=strategic_plan_id,
        )
        s.add(plan)
        return Changed(Entity.PLAN, (plan.id,), "created")


def update_plan(
    store: PlanFile,
    plan_id: uuid.UUID,
    *,
    code: str | None = None,
    title: dict[str, str] | None = None,
    organisation: dict[str, str] | None = None,
    first_year: int | None = None,
    last_year: int | None = None,
    languages: list[str] | None = None,
    track_status: bool | None = None,
    reports_quarterly: bool | None = None,
) -> Changed:
    """Change plan properties; texts merge per language. ``Changed.old`` holds each
    given field's value before, ``new`` after (what an undo and a redo write)."""
    changed: list[str] = []
    given = {
        "code": code,
        "title": title,
        "organisation": organisation,
        "period": None if first_year is None and last_year is None else True,
        "languages": languages,
        "track_status": track_status,
        "reports_quarterly": reports_quarterly,
    }
    with store.transaction() as s:
        plan = writable_plan(s, plan_id)
        old = {name: _plan_field(plan, name) for name, value in given.items() if value is not None}
        if languages is not None:
            plan.languages = _check_languages(languages)
            changed.append("languages")
        if track_status is not None and bool(track_status) != plan.track_status:
            plan.track_status = bool(track_status)
            changed.append("track_status")
        if reports_quarterly is not None and bool(reports_quarterly) != plan.reports_quarterly:
            plan.reports_quarterly = bool(reports_quarterly)
            changed.append("reports_quarterly")
        langs = plan.language_list
        if code is not None and code != plan.code:
            plan.code = _check_code(s, code, exclude=plan.id)
            changed.append("code")
        if title is not None:
            plan.title = merge_required(_("Title"), plan.title, title, langs)
            changed.append("title")
        if organisation is not None:
            plan.organisation = merge_i18n(
                plan.organisation, check_i18n(_("Organisation"), organisation, languages=langs)
            )
            changed.append("organisation")
        if first_year is not None or last_year is not None:
            first = plan.first_year if first_year is None else first_year
            last = plan.last_year if last_year is None else last_year
            _check_period(first, last)
            if plan.kind.is_yearly and first != last:
                raise ValidationError(_("Last year"), _("a yearly plan covers one year."))
            plan.first_year, plan.last_year = first, last
            changed.append("period")
        return Changed(
            Entity.PLAN,
            (plan.id,),
            "updated",
            tuple(changed),
            old=old,
            new={name: _plan_field(plan, name) for name in old},
        )


def _plan_field(plan: Plan, name: str) -> Any:
    """A plan property as ``update_plan`` takes it: ``period`` is (first, last year),
    ``languages`` a tuple, texts a copy."""
    if name == "period":
        return (plan.first_year, plan.last_year)
    if name == "languages":
        return tuple(plan.language_list)
    return snapshot(getattr(plan, name))


def delete_plan(store: PlanFile, plan_id: uuid.UUID) -> Changed:
    """Tombstone a draft plan (its rows stay, hidden with it)."""
    with store.transaction() as s:
        plan = writable_plan(s, plan_id)
        plan.deleted = True
        return Changed(Entity.PLAN, (plan.id,), "deleted")


# --- state ---------------------------------------------------------------------------


def make_final(store: PlanFile, plan_id: uuid.UUID) -> Changed:
    """Freeze a draft for signature and record its content fingerprint. A yearly plan's
    references to its strategic plan take that plan's codes and titles first: the ones
    it keeps from then on (``services.references``)."""
    from planner_app.services.fingerprint import compute_fingerprint
    from planner_app.services.fingerprint_rules import CURRENT

    with store.transaction() as s:
        plan = writable_plan(s, plan_id)
        # the strategic plan's codes and titles as they are now are the ones it keeps
        if references.refresh(s, plan):
            s.flush()
        plan.fingerprint = compute_fingerprint(s, plan.id, CURRENT)
        plan.fingerprint_rules = CURRENT.version
        plan.fingerprint_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        plan.state = PlanState.FINAL
        return Changed(Entity.PLAN, (plan.id,), "updated", ("state", "fingerprint"))


def back_to_draft(store: PlanFile, plan_id: uuid.UUID) -> Changed:
    """Reopen a final plan that has not been signed."""
    with store.transaction() as s:
        plan = get_plan(s, plan_id)
        if plan.state is PlanState.SIGNED:
            raise PlanFrozenError(
                _("Plan {code} is signed; make a new draft version to change it.").format(
                    code=plan.code
                )
            )
        if plan.state is PlanState.DRAFT:
            raise ValidationError(_("State"), _("the plan is already a draft."))
        _discard_signatures(s, plan.id)  # signatures of the final document lapse with it
        plan.state = PlanState.DRAFT
        # a draft's content is not fixed; finalising sets it anew
        plan.fingerprint = plan.fingerprint_rules = plan.fingerprint_at = None
        return Changed(Entity.PLAN, (plan.id,), "updated", ("state", "fingerprint"))


def _discard_signatures(s, plan_id: uuid.UUID) -> None:
    """Tombstone the signed PDF and its signatures (the plan goes back to draft: its
    content may change, and what was signed is no longer its final document). Runs in
    the caller's transaction; here rather than in ``signatures``, which checks PDFs
    with the exporting modules that read plans (an import cycle)."""
    for model in (SignedPdf, PdfSignature):
        for row in s.scalars(
            select(model).where(model.plan_id == plan_id, model.deleted.is_(False))
        ):
            row.deleted = True


def record_signing(
    store: PlanFile,
    plan_id: uuid.UUID,
    *,
    signed_on: dt.date,
    place: str,
    scan: bytes | None = None,
    scan_name: str = "",
) -> Changed:
    """Mark a final plan signed, with date, place and (optionally) the scanned copy."""
    place = check_text(_("Place"), place, required=True, limit=200)
    if scan is not None and len(scan) > MAX_SCAN_BYTES:
        raise ValidationError(_("Scan"), _("is larger than 50 MB."))
    if not isinstance(signed_on, dt.date):
        raise ValidationError(_("Date"), _("is not a date."))
    with store.transaction() as s:
        plan = get_plan(s, plan_id)
        if plan.state is PlanState.DRAFT:
            raise ValidationError(
                _("State"), _("make the plan final for signature before recording a signing.")
            )
        if plan.state is PlanState.SIGNED:
            raise ValidationError(_("State"), _("the plan's signing is already recorded."))
        record = SigningRecord(
            id=uuid.uuid4(),
            plan_id=plan.id,
            signed_on=signed_on,
            place=place,
            scan=scan,
            scan_name=check_text(_("Scan"), scan_name, limit=255),
            scan_sha256=hashlib.sha256(scan).hexdigest() if scan else "",
        )
        s.add(record)
        plan.state = PlanState.SIGNED
        return Changed(Entity.PLAN, (plan.id, record.id), "updated", ("state", "signing"))


# --- the signing record ----------------------------------------------------------------


@dataclass(frozen=True)
class SigningInfo:
    """What was recorded when the plan was signed; the scan's bytes are left out (see
    ``signed_scan``) so showing the record in the window never loads a 50 MB blob."""

    signed_on: dt.date
    place: str
    scan_name: str
    scan_size: int
    scan_sha256: str

    @property
    def has_scan(self) -> bool:
        return self.scan_size > 0


def signing_info(store: PlanFile, plan_id: uuid.UUID) -> SigningInfo | None:
    """The plan's signing record, or None while it is not signed."""
    with store.read() as s:
        get_plan(s, plan_id)
        row = s.execute(
            select(
                SigningRecord.signed_on,
                SigningRecord.place,
                SigningRecord.scan_name,
                func.coalesce(func.length(SigningRecord.scan), 0),
                SigningRecord.scan_sha256,
            )
            .where(SigningRecord.plan_id == plan_id)
            .order_by(SigningRecord.signed_on.desc())
            .limit(1)
        ).first()
    return None if row is None else SigningInfo(*row)


def _safe_scan_name(name: str, data: bytes) -> str:
    """A plain file name for saving the scan: the stored name came with the file and is
    data, so no folders; a name from the content's magic bytes when none was kept."""
    base = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", name.replace("\\", "/").rsplit("/", 1)[-1])
    base = base.strip(" .")
    if base:
        return base
    if data.startswith(b"%PDF"):
        return "signed-scan.pdf"
    if data.startswith(b"\x89PNG"):
        return "signed-scan.png"
    if data.startswith(b"\xff\xd8"):
        return "signed-scan.jpg"
    return "signed-scan.bin"


def signed_scan(store: PlanFile, plan_id: uuid.UUID) -> tuple[str, bytes]:
    """The stored scan of the signed paper as (a safe file name, its bytes).

    Refuses with one clear sentence when the plan is not signed, has no scan, or the
    bytes no longer match the SHA-256 recorded at signing (a damaged file)."""
    with store.read() as s:
        code = get_plan(s, plan_id).code
        record = s.scalars(
            select(SigningRecord)
            .where(SigningRecord.plan_id == plan_id)
            .order_by(SigningRecord.signed_on.desc())
            .limit(1)
        ).first()
        if record is None:
            raise ValidationError(_("Scan"), _("plan {code} is not signed.").format(code=code))
        data, name, digest = record.scan, record.scan_name, record.scan_sha256
    if not data:
        raise ValidationError(
            _("Scan"),
            _("no scan of the signed paper was stored with plan {code}.").format(code=code),
        )
    if digest and hashlib.sha256(data).hexdigest() != digest:
        raise ValidationError(
            _("Scan"), _("the stored scan does not match the checksum recorded at signing.")
        )
    return _safe_scan_name(name, data), data
