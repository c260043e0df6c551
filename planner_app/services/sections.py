"""Narrative chapters: mission, vision, values, stakeholders, PESTEL, SWOT, the
communication plan and free chapters, in the plan's order."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from planner_app.domain import CommunicationRow, PlanSection, SectionPart
from planner_app.domain.enums import SECTION_PARTS, SectionKind
from planner_app.domain.labels import label
from planner_app.errors import ValidationError
from planner_app.i18n import _
from planner_app.services import rows
from planner_app.services.common import (
    MAX_TITLE,
    Changed,
    Entity,
    check_i18n,
    get_live,
    merge_i18n,
    merge_required,
    updated,
    values_of,
    writable_plan,
)
from planner_app.storage import PlanFile

COMMUNICATION_FIELDS = ("goal", "audience", "date_text", "message", "channel", "material")
_SCOPE = ("plan_id",)
_ROW_SCOPE = ("section_id",)


@dataclass(frozen=True)
class CommunicationRowInfo:
    id: uuid.UUID
    position: int
    cells: dict[str, dict[str, str]]  # field -> per-language text


@dataclass(frozen=True)
class SectionInfo:
    id: uuid.UUID
    position: int
    kind: SectionKind
    title: dict[str, str]
    body: dict[str, str]
    parts: dict[str, dict[str, str]]  # PESTEL factor / SWOT quadrant -> text
    rows: tuple[CommunicationRowInfo, ...]


def load_sections(store: PlanFile, plan_id: uuid.UUID) -> list[SectionInfo]:
    with store.read() as s:
        sections = s.scalars(
            select(PlanSection)
            .where(PlanSection.plan_id == plan_id, PlanSection.deleted.is_(False))
            .order_by(PlanSection.position)
        ).all()
        parts: dict[uuid.UUID, dict[str, dict[str, str]]] = {}
        for part in s.scalars(
            select(SectionPart).where(
                SectionPart.plan_id == plan_id, SectionPart.deleted.is_(False)
            )
        ):
            parts.setdefault(part.section_id, {})[part.key] = dict(part.text)
        comm: dict[uuid.UUID, list[CommunicationRowInfo]] = {}
        for row in s.scalars(
            select(CommunicationRow)
            .where(CommunicationRow.plan_id == plan_id, CommunicationRow.deleted.is_(False))
            .order_by(CommunicationRow.position)
        ):
            comm.setdefault(row.section_id, []).append(
                CommunicationRowInfo(
                    row.id, row.position, {f: dict(getattr(row, f)) for f in COMMUNICATION_FIELDS}
                )
            )
        return [
            SectionInfo(
                sec.id,
                sec.position,
                sec.kind,
                dict(sec.title),
                dict(sec.body),
                parts.get(sec.id, {}),
                tuple(comm.get(sec.id, [])),
            )
            for sec in sections
        ]


def add_section(
    store: PlanFile,
    plan_id: uuid.UUID,
    *,
    kind: SectionKind | str,
    title: dict[str, str] | str,
    body: dict[str, str] | str = "",
    position: int | None = None,
) -> Changed:
    try:
        kind = SectionKind(kind)
    except ValueError:
        raise ValidationError(_("Kind"), _("unknown chapter kind {k}.").format(k=kind)) from None
    with store.transaction() as s:
        plan = writable_plan(s, plan_id)
        langs = plan.language_list
        row = PlanSection(
            id=uuid.uuid4(),
            plan_id=plan.id,
            kind=kind,
            title=check_i18n(_("Title"), title, languages=langs, required=True, limit=MAX_TITLE),
            body=check_i18n(_("Text"), body, languages=langs),
        )
        rows.insert_at(s, row, {"plan_id": plan.id}, position)
        return Changed(Entity.SECTION, (row.id,), "created")


def update_section(
    store: PlanFile,
    section_id: uuid.UUID,
    *,
    title: dict[str, str] | None = None,
    body: dict[str, str] | None = None,
) -> Changed:
    with store.transaction() as s:
        row = get_live(s, PlanSection, section_id, "chapter")
        plan = writable_plan(s, row.plan_id)
        langs = plan.language_list
        old = values_of(row, [n for n, v in (("body", body), ("title", title)) if v is not None])
        if title is not None:
            row.title = merge_required(_("Title"), row.title, title, langs)
        if body is not None:
            row.body = merge_i18n(row.body, check_i18n(_("Text"), body, languages=langs))
        return updated(Entity.SECTION, row, old)


def set_section_part(
    store: PlanFile, section_id: uuid.UUID, key: str, text: dict[str, str] | str
) -> Changed:
    """Set a PESTEL factor or SWOT quadrant of a chapter (empty in every language:
    removed)."""
    with store.transaction() as s:
        section = get_live(s, PlanSection, section_id, "chapter")
        plan = writable_plan(s, section.plan_id)
        allowed = SECTION_PARTS.get(section.kind, ())
        if key not in allowed:
            raise ValidationError(
                _("Part"),
                _("{key} is not a part of this chapter (parts: {parts}).").format(
                    key=key, parts=", ".join(allowed) or _("none")
                ),
            )
        value = check_i18n(label(key), text, languages=plan.language_list)
        row_id = SectionPart.key_id(section.id, key)
        row = s.get(SectionPart, row_id)
        old = {} if row is None or row.deleted else dict(row.text)
        if row is None:
            row = SectionPart(id=row_id, plan_id=plan.id, section_id=section.id, key=key, text={})
            s.add(row)
        row.text = merge_i18n(row.text, value)
        # a part with no text in any language is no part: tombstoned, so undoing its
        # first text gives back exactly the chapter it was (and its fingerprint)
        row.deleted = not any(t.strip() for t in row.text.values())
        return Changed(
            Entity.SECTION,
            (section.id, row.id),
            "updated",
            (key,),
            old={key: old},
            new={key: {} if row.deleted else dict(row.text)},
        )


def delete_section(store: PlanFile, section_id: uuid.UUID) -> Changed:
    return rows.delete_row(
        store,
        PlanSection,
        section_id,
        entity=Entity.SECTION,
        scope_fields=_SCOPE,
        cascade=((SectionPart, "section_id"), (CommunicationRow, "section_id")),
    )


def restore_section(
    store: PlanFile, ids: tuple[uuid.UUID, ...], position: int | None = None
) -> Changed:
    return rows.restore_rows(
        store,
        PlanSection,
        ids,
        entity=Entity.SECTION,
        scope_fields=_SCOPE,
        position=position,
        others=(SectionPart, CommunicationRow),
    )


def move_section(store: PlanFile, section_id: uuid.UUID, position: int) -> Changed:
    return rows.move_row(
        store, PlanSection, section_id, position, entity=Entity.SECTION, scope_fields=_SCOPE
    )


# --- communication plan --------------------------------------------------------------


def _check_cells(
    cells: dict[str, dict[str, str] | str], langs: list[str]
) -> dict[str, dict[str, str]]:
    unknown = set(cells) - set(COMMUNICATION_FIELDS)
    if unknown:
        raise ValidationError(
            ", ".join(sorted(unknown)), _("is not a column of the communication plan.")
        )
    return {name: check_i18n(label(name), value, languages=langs) for name, value in cells.items()}


def add_communication_row(
    store: PlanFile,
    section_id: uuid.UUID,
    *,
    position: int | None = None,
    **cells: dict[str, str] | str,
) -> Changed:
    with store.transaction() as s:
        section = get_live(s, PlanSection, section_id, "chapter")
        plan = writable_plan(s, section.plan_id)
        if section.kind is not SectionKind.COMMUNICATION:
            raise ValidationError(_("Chapter"), _("is not a communication plan."))
        row = CommunicationRow(id=uuid.uuid4(), plan_id=plan.id, section_id=section.id)
        for name, value in _check_cells(cells, plan.language_list).items():
            setattr(row, name, value)
        rows.insert_at(s, row, {"section_id": section.id}, position)
        return Changed(Entity.SECTION, (section.id, row.id), "created")


def update_communication_row(
    store: PlanFile, row_id: uuid.UUID, **cells: dict[str, str] | str
) -> Changed:
    with store.transaction() as s:
        row = get_live(s, CommunicationRow, row_id, "row")
        plan = writable_plan(s, row.plan_id)
        checked = _check_cells(cells, plan.language_list)
        old = values_of(row, sorted(checked))
        for name, value in checked.items():
            setattr(row, name, merge_i18n(getattr(row, name), value))
        return updated(Entity.SECTION, row, old, ids=(row.section_id, row.id), row="communication")


def delete_communication_row(store: PlanFile, row_id: uuid.UUID) -> Changed:
    return rows.delete_row(
        store, CommunicationRow, row_id, entity=Entity.COMMUNICATION_ROW, scope_fields=_ROW_SCOPE
    )


def restore_communication_row(
    store: PlanFile, ids: tuple[uuid.UUID, ...], position: int | None = None
) -> Changed:
    return rows.restore_rows(
        store,
        CommunicationRow,
        ids,
        entity=Entity.COMMUNICATION_ROW,
        scope_fields=_ROW_SCOPE,
        position=position,
    )
