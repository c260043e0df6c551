"""Policy-field headings and signatories of a plan."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from planner_app.domain import PolicyField, Signatory
from planner_app.errors import ValidationError
from planner_app.i18n import _
from planner_app.services import rows
from planner_app.services.common import (
    MAX_TITLE,
    Changed,
    Entity,
    check_i18n,
    check_text,
    get_live,
    merge_i18n,
    merge_required,
    updated,
    values_of,
    writable_plan,
)
from planner_app.storage import PlanFile

_SCOPE = ("plan_id",)


@dataclass(frozen=True)
class PolicyFieldInfo:
    id: uuid.UUID
    position: int
    code: str
    title: dict[str, str]


@dataclass(frozen=True)
class SignatoryInfo:
    """A person (function and name) or, with ``body``, a body signing as a whole (its
    name in ``function``, no person's name)."""

    id: uuid.UUID
    position: int
    function: dict[str, str]
    name: str
    body: bool = False


def load_policy_fields(store: PlanFile, plan_id: uuid.UUID) -> list[PolicyFieldInfo]:
    with store.read() as s:
        return [
            PolicyFieldInfo(p.id, p.position, p.code, dict(p.title))
            for p in rows.siblings(s, PolicyField, {"plan_id": plan_id})
        ]


def add_policy_field(
    store: PlanFile,
    plan_id: uuid.UUID,
    *,
    title: dict[str, str] | str,
    code: str = "",
    position: int | None = None,
) -> Changed:
    with store.transaction() as s:
        plan = writable_plan(s, plan_id)
        row = PolicyField(
            id=uuid.uuid4(),
            plan_id=plan.id,
            code=check_text(_("Code"), code, limit=32).strip(),
            title=check_i18n(
                _("Title"), title, languages=plan.language_list, required=True, limit=MAX_TITLE
            ),
        )
        rows.insert_at(s, row, {"plan_id": plan.id}, position)
        return Changed(Entity.POLICY_FIELD, (row.id,), "created")


def update_policy_field(
    store: PlanFile,
    field_id: uuid.UUID,
    *,
    title: dict[str, str] | None = None,
    code: str | None = None,
) -> Changed:
    with store.transaction() as s:
        row = get_live(s, PolicyField, field_id, "policy field")
        plan = writable_plan(s, row.plan_id)
        old = values_of(row, [n for n, v in (("code", code), ("title", title)) if v is not None])
        if title is not None:
            row.title = merge_required(_("Title"), row.title, title, plan.language_list)
        if code is not None:
            row.code = check_text(_("Code"), code, limit=32).strip()
        return updated(Entity.POLICY_FIELD, row, old)


def load_signatories(store: PlanFile, plan_id: uuid.UUID) -> list[SignatoryInfo]:
    with store.read() as s:
        return [
            SignatoryInfo(r.id, r.position, dict(r.function), r.name, r.body)
            for r in rows.siblings(s, Signatory, {"plan_id": plan_id})
        ]


def _check_name(name: str, body: bool) -> str:
    """A person signs with a name; a body signs without one."""
    name = check_text(_("Name"), name, required=not body, limit=200).strip()
    if body and name:
        raise ValidationError(
            _("Name"), _("a body signs as a whole: give its name as the function, no person.")
        )
    return name


def add_signatory(
    store: PlanFile,
    plan_id: uuid.UUID,
    *,
    function: dict[str, str] | str,
    name: str = "",
    body: bool = False,
    position: int | None = None,
) -> Changed:
    """Add a person (``function`` and ``name``) or a body (``body``: its name as the
    ``function``, no person's name) to the signatories."""
    with store.transaction() as s:
        plan = writable_plan(s, plan_id)
        row = Signatory(
            id=uuid.uuid4(),
            plan_id=plan.id,
            function=check_i18n(
                _("Function"), function, languages=plan.language_list, required=True
            ),
            name=_check_name(name, bool(body)),
            body=bool(body),
        )
        rows.insert_at(s, row, {"plan_id": plan.id}, position)
        return Changed(Entity.SIGNATORY, (row.id,), "created")


def update_signatory(
    store: PlanFile,
    signatory_id: uuid.UUID,
    *,
    function: dict[str, str] | None = None,
    name: str | None = None,
    body: bool | None = None,
) -> Changed:
    """Change a signatory; making one a body clears its name in the same step (the
    old name is in ``Changed.old``, for undo)."""
    with store.transaction() as s:
        row = get_live(s, Signatory, signatory_id, "signatory")
        plan = writable_plan(s, row.plan_id)
        old = values_of(row, ("body", "function", "name"))  # body may clear the name
        if function is not None:
            row.function = merge_i18n(
                row.function, check_i18n(_("Function"), function, languages=plan.language_list)
            )
            if not any(t.strip() for t in row.function.values()):
                raise ValidationError(_("Function"), _("must not be empty."))
        if body is not None:
            row.body = bool(body)
            if row.body and name is None:
                name = ""
        if name is not None:
            row.name = _check_name(name, row.body)
        elif not row.body and not row.name:
            raise ValidationError(_("Name"), _("must not be empty."))
        new = values_of(row, old)
        return Changed(
            Entity.SIGNATORY,
            (row.id,),
            "updated",
            tuple(old),
            old=old,
            new=new,
        )


def delete_signatory(store: PlanFile, signatory_id: uuid.UUID) -> Changed:
    return rows.delete_row(
        store, Signatory, signatory_id, entity=Entity.SIGNATORY, scope_fields=_SCOPE
    )


def restore_signatory(
    store: PlanFile, ids: tuple[uuid.UUID, ...], position: int | None = None
) -> Changed:
    return rows.restore_rows(
        store, Signatory, ids, entity=Entity.SIGNATORY, scope_fields=_SCOPE, position=position
    )


def move_signatory(store: PlanFile, signatory_id: uuid.UUID, position: int) -> Changed:
    """Put a signatory at ``position`` in the signing order."""
    return rows.move_row(
        store, Signatory, signatory_id, position, entity=Entity.SIGNATORY, scope_fields=_SCOPE
    )
