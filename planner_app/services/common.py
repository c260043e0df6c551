"""What every service shares: the change report, lookups, validation and freezing.

Services take an open ``PlanFile`` (the store), open their own transaction through it
(``store.transaction()`` joins an outer one, so builders can batch), validate, write,
and return a ``Changed`` naming what they touched, for the UI to refresh precisely.
ORM objects never leave a service.
"""

from __future__ import annotations

import dataclasses
import re
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner_app.domain import Plan, Synced
from planner_app.domain.enums import CONTENT_LANGUAGES, PlanState
from planner_app.domain.labels import label
from planner_app.errors import NotFoundError, PlanChoiceError, PlanFrozenError, ValidationError
from planner_app.i18n import _

T = TypeVar("T", bound=Synced)

# Characters XML 1.0 cannot carry (xlsx and the PDF's metadata are XML).
_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
MAX_TITLE = 1000
MAX_TEXT = 100_000


class Entity(StrEnum):
    """What kind of row a ``Changed`` is about: views compare these, never free text.

    A ``StrEnum`` whose values are the words used before (and by the change log's
    labels): ``Entity.OBJECTIVE == "objective"`` holds, and ``label(entity)`` names it.
    """

    PLAN = "plan"
    POLICY_FIELD = "policy field"
    OBJECTIVE = "objective"
    MILESTONE = "milestone"
    INDICATOR = "indicator"
    UNIT = "unit"
    SECTION = "section"
    COMMUNICATION_ROW = "communication row"
    SIGNATORY = "signatory"
    BUDGET = "budget"  # a budget stage or credit type
    BUDGET_LINE = "budget line"
    BUDGET_AMOUNT = "budget amount"
    STAFFING = "staffing"
    DIVERSITY = "diversity"
    IMAGE = "image"  # a plan's logo or a chapter's image
    PRINTED_TOTAL = "printed total"  # a total as the source document prints it
    TABLE_ROW = "table row"  # a row of a chapter's simple table
    PLAN_ROLE = "plan role"  # a role a plan defines for the units of its objectives


@dataclass(frozen=True)
class Changed:
    """What a service changed: entity kind, the ids, and how.

    ``op`` is one of created / updated / deleted / restored / moved. ``ids`` lists every
    row touched (a deleted subtree lists all its rows). An update says which ``fields``
    it wrote, with ``old`` (each field's value before, read in the write's own
    transaction: what an undo writes back) and ``new`` (each field's value as stored
    after it: a per-language text merged with the languages kept), so that a view can
    update itself in place without reading the file again. The UI adds who initiated it.
    """

    entity: Entity
    ids: tuple[uuid.UUID, ...]
    op: str = "updated"
    fields: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict, compare=False)
    old: Mapping[str, Any] = field(default_factory=dict, compare=False)
    new: Mapping[str, Any] = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.entity, Entity):
            object.__setattr__(self, "entity", Entity(self.entity))

    @property
    def id(self) -> uuid.UUID:
        return self.ids[0]


def reshapes_plan(changed: Changed) -> bool:
    """True for a change of the plan itself that views must read again for: its
    languages, period, state, levels (names and code patterns), status tracking or
    quarterly reporting, a plan made or removed, or an update that does not say which
    fields it wrote. A code, title or organisation is shown by the window only."""
    if changed.entity is not Entity.PLAN:
        return False
    if changed.op != "updated" or not changed.fields:
        return True
    return bool(_RESHAPING & set(changed.fields))


_RESHAPING = frozenset(
    {"languages", "period", "state", "levels", "track_status", "reports_quarterly"}
)


def snapshot(value: Any) -> Any:
    """A stored value as a ``Changed`` carries it: texts per language copied (the ORM
    object's dict must not change under a view), lists as tuples."""
    if isinstance(value, dict):
        return dict(value)
    if isinstance(value, list):
        return tuple(value)
    return value


def values_of(row: Any, names: Iterable[str]) -> dict[str, Any]:
    """``{name: snapshot(row.name)}``: a row's fields before or after a write."""
    return {name: snapshot(getattr(row, name)) for name in names}


def updated(
    entity: Entity | str, record: Any, old: Mapping[str, Any], *, ids: tuple = (), **extra: Any
) -> Changed:
    """The ``Changed`` of an update of ``record`` (an ORM row) whose fields were ``old``
    before: the same fields read back from it are the new values."""
    names = tuple(old)
    return Changed(
        Entity(entity),
        ids or (record.id,),
        "updated",
        names,
        extra=dict(extra),
        old=dict(old),
        new=values_of(record, names),
    )


def replaced_rows(rows: Iterable[Any], changed: Changed) -> list[Any] | None:
    """``rows`` (frozen dataclasses with an ``id``) with the fields an update wrote
    (``changed.new``, on the row ``changed.ids[-1]``) replaced: what a view shows after
    the update, without reading the file. ``None`` when ``changed`` is not an update of
    one of these rows' own fields (then the view reads its rows again)."""
    rows = list(rows)
    if changed.op != "updated" or not changed.new or not changed.ids:
        return None
    if set(changed.fields) - set(changed.new):
        return None  # a field written without its new value
    row_id = changed.ids[-1]
    found = next((r for r in rows if r.id == row_id), None)
    if found is None or not all(hasattr(found, name) for name in changed.new):
        return None
    new = dataclasses.replace(found, **changed.new)
    return [new if r.id == row_id else r for r in rows]


# --- lookups -------------------------------------------------------------------------


def get_live(session: Session, model: type[T], row_id: uuid.UUID, what: str) -> T:
    row = session.get(model, row_id)
    if row is None or row.deleted:
        raise NotFoundError(_("The {what} no longer exists.").format(what=label(what)))
    return row


def get_plan(session: Session, plan_id: uuid.UUID) -> Plan:
    return get_live(session, Plan, plan_id, "plan")


def writable_plan(session: Session, plan_id: uuid.UUID) -> Plan:
    """The plan, refused with a clear error when it is final or signed."""
    plan = get_plan(session, plan_id)
    if plan.state is not PlanState.DRAFT:
        raise PlanFrozenError(
            _(
                "Plan {code} is {state} and cannot be changed; make a new draft version "
                "to change it."
            ).format(code=plan.code, state=label(plan.state))
        )
    return plan


def resolve_plan(session: Session, code: str | None) -> Plan:
    """The plan with ``code``; with no code, the file's only plan (else list codes)."""
    plans = session.scalars(select(Plan).where(Plan.deleted.is_(False)).order_by(Plan.code)).all()
    codes = ", ".join(p.code for p in plans) or _("none")
    if code is None:
        if len(plans) == 1:
            return plans[0]
        if not plans:
            raise PlanChoiceError(_("The file holds no plan."))
        raise PlanChoiceError(
            _("The file holds several plans; choose one with --plan ({codes}).").format(codes=codes)
        )
    for plan in plans:
        if plan.code == code:
            return plan
    raise PlanChoiceError(
        _("There is no plan {code} in this file (plans: {codes}).").format(code=code, codes=codes)
    )


def renumber(rows: Iterable[Any], moved: Any = None) -> None:
    """Put live siblings in the order given: positions 0..n-1 and order keys, a new
    key written only where the order changed (``moved``: the row moved or added)."""
    from planner_app.domain.order import renumber as put_in_order

    put_in_order(rows, moved)


# --- validation ----------------------------------------------------------------------


def check_text(field: str, value: str, *, required: bool = False, limit: int = MAX_TEXT) -> str:
    if not isinstance(value, str):
        raise ValidationError(field, _("must be text."))
    bad = _XML_INVALID.search(value)
    if bad:
        raise ValidationError(
            field,
            _("contains a character that documents cannot hold (U+{code:04X}).").format(
                code=ord(bad.group())
            ),
        )
    if required and not value.strip():
        raise ValidationError(field, _("must not be empty."))
    if len(value) > limit:
        raise ValidationError(
            field,
            _("is too long ({n} characters; at most {limit}).").format(n=len(value), limit=limit),
        )
    return value


def check_i18n(
    field: str,
    value: dict[str, str] | str,
    *,
    languages: Iterable[str] = CONTENT_LANGUAGES,
    required: bool = False,
    limit: int = MAX_TEXT,
) -> dict[str, str]:
    """Validate a per-language text; a plain ``str`` means the plan's first language."""
    allowed = list(languages)
    if isinstance(value, str):
        value = {allowed[0]: value}
    if not isinstance(value, dict):
        raise ValidationError(field, _("must be text."))
    out: dict[str, str] = {}
    for lang, text in value.items():
        if lang not in allowed:
            raise ValidationError(
                field,
                _("language {lang} is not one of the plan's languages ({langs}).").format(
                    lang=lang, langs=", ".join(allowed)
                ),
            )
        out[lang] = check_text(f"{field} ({lang})", text, limit=limit)
    if required and not any(t.strip() for t in out.values()):
        raise ValidationError(field, _("must not be empty."))
    return out


def merge_i18n(old: dict[str, str], new: dict[str, str]) -> dict[str, str]:
    """Set the given languages, keep the others (an empty text clears one language)."""
    merged = dict(old)
    merged.update(new)
    return {k: v for k, v in merged.items() if v}


def merge_required(
    field: str, old: dict[str, str], value: dict[str, str] | str, languages: Iterable[str]
) -> dict[str, str]:
    """``merge_i18n`` for a text that must keep at least one language."""
    merged = merge_i18n(old, check_i18n(field, value, languages=languages))
    if not any(text.strip() for text in merged.values()):
        raise ValidationError(field, _("must not be empty."))
    return merged


def check_year(field: str, year: int, plan: Plan | None = None, *, slack: int = 0) -> int:
    if not isinstance(year, int) or isinstance(year, bool) or not 1900 <= year <= 2200:
        raise ValidationError(field, _("{value} is not a year.").format(value=year))
    if plan is not None and not plan.first_year - slack <= year <= plan.last_year + slack:
        raise ValidationError(
            field,
            _("{year} is outside the plan's period {first}-{last}.").format(
                year=year, first=plan.first_year, last=plan.last_year
            ),
        )
    return year


def parse_decimal(field: str, value: Decimal | int | str | None) -> Decimal | None:
    """An exact decimal from a Decimal, int or ``"1234.5"`` text; floats are refused."""
    if value is None or value == "":
        return None
    if isinstance(value, (bool, float)):
        raise ValidationError(field, _("must be an exact number, not a float."))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, Decimal):
        result = value
    else:
        try:
            result = Decimal(str(value).strip())
        except InvalidOperation:
            raise ValidationError(
                field, _("{value!r} is not a number.").format(value=value)
            ) from None
    if not result.is_finite():
        raise ValidationError(field, _("{value!r} is not a number.").format(value=str(value)))
    return result


def check_decimal(
    field: str,
    value: Decimal | int | str | None,
    *,
    places: int,
    limit: Decimal,
    allow_negative: bool = False,
) -> Decimal | None:
    number = parse_decimal(field, value)
    if number is None:
        return None
    exponent = number.normalize().as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places:
        raise ValidationError(
            field, _("has more than {n} decimals ({value}).").format(n=places, value=value)
        )
    if number < 0 and not allow_negative:
        raise ValidationError(field, _("must not be negative ({value}).").format(value=value))
    if abs(number) >= limit:
        raise ValidationError(field, _("is too large ({value}).").format(value=value))
    return number
