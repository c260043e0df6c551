"""The plan's chapters: a tree of chapters and sub-chapters in the document's order
(mission, vision, values, stakeholders, PESTEL, SWOT, the communication plan, free
chapters, and the places of the parts the app makes), what each holds, and the
communication plan's rows. Numbers are derived: ``services.chapter_tree``."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace

from sqlalchemy import select

from planner_app.domain import (
    ChapterTableRow,
    CommunicationRow,
    PlanImage,
    PlanSection,
    SectionPart,
)
from planner_app.domain.enums import GENERATED_KINDS, SECTION_PARTS, SectionKind
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
    updated,
    values_of,
    writable_plan,
)
from planner_app.services.images import ImageInfo, chapter_images
from planner_app.storage import PlanFile

COMMUNICATION_FIELDS = ("goal", "audience", "date_text", "message", "channel", "material")
_SCOPE = ("plan_id", "parent_id")
_SAME: object = object()
_ROW_SCOPE = ("section_id",)


@dataclass(frozen=True)
class CommunicationRowInfo:
    id: uuid.UUID
    position: int
    cells: dict[str, dict[str, str]]  # field -> per-language text


@dataclass(frozen=True)
class TableRowInfo:
    id: uuid.UUID
    position: int
    header: bool
    cells: tuple[dict[str, str], ...]  # one text per language, per column


@dataclass(frozen=True)
class SectionInfo:
    """A chapter as read: its place in the tree (``parent_id``, ``position`` among
    its siblings, ``depth``), what it holds (``kinds``, ``kind`` first) and its texts,
    parts, communication rows, table rows and image."""

    id: uuid.UUID
    position: int
    kind: SectionKind
    title: dict[str, str]
    body: dict[str, str]
    parts: dict[str, dict[str, str]]  # PESTEL factor / SWOT quadrant -> text
    rows: tuple[CommunicationRowInfo, ...]
    parent_id: uuid.UUID | None = None
    depth: int = 0
    numbered: bool = True
    kinds: tuple[SectionKind, ...] = ()
    table: tuple[TableRowInfo, ...] = ()
    image: ImageInfo | None = None

    def holds(self, kind: SectionKind) -> bool:
        return kind in (self.kinds or (self.kind,))


def _live(s, model, plan_id: uuid.UUID):
    query = select(model).where(model.plan_id == plan_id, model.deleted.is_(False))
    if hasattr(model, "position"):
        query = query.order_by(model.position)
    return s.scalars(query)


def load_sections(store: PlanFile, plan_id: uuid.UUID) -> list[SectionInfo]:
    """The plan's chapters depth first, siblings in order (the document's order)."""
    with store.read() as s:
        sections = _live(s, PlanSection, plan_id).all()
        parts: dict[uuid.UUID, dict[str, dict[str, str]]] = {}
        for part in _live(s, SectionPart, plan_id):
            parts.setdefault(part.section_id, {})[part.key] = dict(part.text)
        comm: dict[uuid.UUID, list[CommunicationRowInfo]] = {}
        for row in _live(s, CommunicationRow, plan_id):
            comm.setdefault(row.section_id, []).append(
                CommunicationRowInfo(
                    row.id, row.position, {f: dict(getattr(row, f)) for f in COMMUNICATION_FIELDS}
                )
            )
        table: dict[uuid.UUID, list[TableRowInfo]] = {}
        for row in _live(s, ChapterTableRow, plan_id):
            table.setdefault(row.section_id, []).append(
                TableRowInfo(row.id, row.position, row.header, tuple(dict(c) for c in row.cells))
            )
        children: dict[uuid.UUID | None, list[PlanSection]] = {}
        ids = {sec.id for sec in sections}
        for sec in sections:
            children.setdefault(sec.parent_id if sec.parent_id in ids else None, []).append(sec)
        ordered: list[tuple[PlanSection, int]] = []
        stack = [(sec, 0) for sec in reversed(children.get(None, []))]
        while stack:
            sec, depth = stack.pop()
            ordered.append((sec, depth))
            stack.extend((kid, depth + 1) for kid in reversed(children.get(sec.id, [])))
        infos = [
            SectionInfo(
                sec.id,
                sec.position,
                sec.kind,
                dict(sec.title),
                dict(sec.body),
                parts.get(sec.id, {}),
                tuple(comm.get(sec.id, [])),
                sec.parent_id,
                depth,
                sec.numbered,
                sec.kinds,
                tuple(table.get(sec.id, [])),
            )
            for sec, depth in ordered
        ]
    pictures = chapter_images(store, plan_id)
    return [replace(info, image=pictures.get(info.id)) for info in infos]


def _kind(kind: SectionKind | str) -> SectionKind:
    try:
        return SectionKind(kind)
    except ValueError:
        raise ValidationError(_("Kind"), _("unknown chapter kind {k}.").format(k=kind)) from None


def _check_kinds(
    s, plan_id: uuid.UUID, kind: SectionKind, also: Iterable[SectionKind | str], row_id=None
) -> str:
    """The ``also`` text for a chapter of ``kind`` holding ``also`` too: a made part
    (objectives, budget, staffing, signatures) is a chapter of its own, once per plan."""
    extra = tuple(dict.fromkeys(_kind(k) for k in also if _kind(k) is not kind))
    if kind in GENERATED_KINDS and extra:
        raise ValidationError(
            _("Kind"),
            _("a chapter that places {part} holds nothing else.").format(part=label(kind)),
        )
    for other in extra:
        if other in GENERATED_KINDS or other is SectionKind.FREE:
            raise ValidationError(
                _("Kind"),
                _("{kind} cannot be combined with another kind.").format(kind=label(other)),
            )
    if kind in GENERATED_KINDS:
        clash = s.scalar(
            select(PlanSection.id).where(
                PlanSection.plan_id == plan_id,
                PlanSection.kind == kind,
                PlanSection.deleted.is_(False),
                PlanSection.id != row_id,
            )
        )
        if clash is not None:
            raise ValidationError(
                _("Kind"),
                _("the plan already places {part} in its chapters.").format(part=label(kind)),
            )
    return ",".join(k.value for k in extra)


def _check_parent(s, plan_id: uuid.UUID, parent_id: uuid.UUID | None, row_id=None) -> None:
    if parent_id is None:
        return
    parent = get_live(s, PlanSection, parent_id, "chapter")
    if parent.plan_id != plan_id:
        raise ValidationError(_("Parent"), _("belongs to another plan."))
    seen = parent
    while seen is not None:
        if seen.id == row_id:
            raise ValidationError(_("Parent"), _("a chapter cannot move under itself."))
        seen = s.get(PlanSection, seen.parent_id) if seen.parent_id else None


def add_section(
    store: PlanFile,
    plan_id: uuid.UUID,
    *,
    kind: SectionKind | str,
    title: dict[str, str] | str = "",
    body: dict[str, str] | str = "",
    position: int | None = None,
    parent_id: uuid.UUID | None = None,
    numbered: bool = True,
    also: Iterable[SectionKind | str] = (),
) -> Changed:
    """Add a chapter at ``position`` among the children of ``parent_id`` (default:
    last of the top level). A chapter of a made kind places that part of the document
    (once per plan); ``also`` names further kinds it holds ("vision" in a mission one)."""
    kind = _kind(kind)
    with store.transaction() as s:
        plan = writable_plan(s, plan_id)
        langs = plan.language_list
        _check_parent(s, plan.id, parent_id)
        row = PlanSection(
            id=uuid.uuid4(),
            plan_id=plan.id,
            parent_id=parent_id,
            kind=kind,
            also=_check_kinds(s, plan.id, kind, also),
            numbered=bool(numbered),
            title=check_i18n(_("Title"), title, languages=langs, limit=MAX_TITLE),
            body=check_i18n(_("Text"), body, languages=langs),
        )
        rows.insert_at(s, row, {"plan_id": plan.id, "parent_id": parent_id}, position)
        return Changed(Entity.SECTION, (row.id,), "created", extra={"parent_id": parent_id})


def update_section(
    store: PlanFile,
    section_id: uuid.UUID,
    *,
    title: dict[str, str] | None = None,
    body: dict[str, str] | None = None,
    numbered: bool | None = None,
    also: Iterable[SectionKind | str] | None = None,
) -> Changed:
    """Change a chapter's title, text (per language), numbering or further kinds;
    ``Changed.old``/``Changed.new`` hold each written field before and after."""
    with store.transaction() as s:
        row = get_live(s, PlanSection, section_id, "chapter")
        plan = writable_plan(s, row.plan_id)
        langs = plan.language_list
        given = {"title": title, "body": body, "numbered": numbered, "also": also}
        old = values_of(row, [n for n, v in given.items() if v is not None])
        if title is not None:
            row.title = merge_i18n(
                row.title, check_i18n(_("Title"), title, languages=langs, limit=MAX_TITLE)
            )
        if body is not None:
            row.body = merge_i18n(row.body, check_i18n(_("Text"), body, languages=langs))
        if numbered is not None:
            row.numbered = bool(numbered)
        if also is not None:
            row.also = _check_kinds(s, plan.id, row.kind, also, row.id)
        return updated(Entity.SECTION, row, old)


def set_section_part(
    store: PlanFile, section_id: uuid.UUID, key: str, text: dict[str, str] | str
) -> Changed:
    """Set a PESTEL factor or SWOT quadrant of a chapter (empty in every language:
    removed)."""
    with store.transaction() as s:
        section = get_live(s, PlanSection, section_id, "chapter")
        plan = writable_plan(s, section.plan_id)
        allowed = tuple(k for kind in section.kinds for k in SECTION_PARTS.get(kind, ()))
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


def _subtree(s, root: PlanSection) -> list[PlanSection]:
    """The chapter and every live chapter under it, parents first."""
    out, todo = [], [root]
    while todo:
        node = todo.pop(0)
        out.append(node)
        todo.extend(
            s.scalars(
                select(PlanSection)
                .where(PlanSection.parent_id == node.id, PlanSection.deleted.is_(False))
                .order_by(PlanSection.position)
            )
        )
    return out


_HANGING = ((SectionPart, "section_id"), (CommunicationRow, "section_id"))


def delete_section(store: PlanFile, section_id: uuid.UUID) -> Changed:
    """Tombstone a chapter with its sub-chapters and what they hold (parts, rows,
    table rows, image); ``Changed.ids`` lists them all, the chapter first, for
    ``restore_section``; ``extra["position"]`` and ``extra["parent_id"]`` its place."""
    with store.transaction() as s:
        root = get_live(s, PlanSection, section_id, "chapter")
        writable_plan(s, root.plan_id)
        gone: list[uuid.UUID] = []
        for node in _subtree(s, root):
            node.deleted = True
            gone.append(node.id)
            for model in (SectionPart, CommunicationRow, ChapterTableRow, PlanImage):
                for child in s.scalars(
                    select(model).where(model.section_id == node.id, model.deleted.is_(False))
                ):
                    child.deleted = True
                    gone.append(child.id)
        rows.renumber(rows.siblings(s, PlanSection, rows.scope_of(root, _SCOPE)))
        return Changed(
            Entity.SECTION,
            tuple(gone),
            "deleted",
            extra={"position": root.position, "parent_id": root.parent_id},
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
        others=(PlanSection, SectionPart, CommunicationRow, ChapterTableRow, PlanImage),
    )


def move_section(
    store: PlanFile,
    section_id: uuid.UUID,
    position: int,
    *,
    parent_id: uuid.UUID | object | None = _SAME,
) -> Changed:
    """Put a chapter at ``position`` among the children of ``parent_id`` (default: its
    own parent): a move, an indent or an outdent, with its sub-chapters.
    ``Changed.old`` is where it was (parent and position), for undo."""
    with store.transaction() as s:
        row = get_live(s, PlanSection, section_id, "chapter")
        plan = writable_plan(s, row.plan_id)
        target = row.parent_id if parent_id is _SAME else parent_id
        _check_parent(s, plan.id, target, row.id)  # type: ignore[arg-type]
        old_scope = rows.scope_of(row, _SCOPE)
        old = {"parent_id": row.parent_id, "position": row.position}
        row.parent_id = target  # type: ignore[assignment]
        rows.insert_at(s, row, rows.scope_of(row, _SCOPE), position)
        if old_scope["parent_id"] != target:
            rows.renumber(rows.siblings(s, PlanSection, old_scope))
        return Changed(
            Entity.SECTION,
            (row.id,),
            "moved",
            ("parent_id", "position"),
            old=old,
            new={"parent_id": row.parent_id, "position": row.position},
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
        if SectionKind.COMMUNICATION not in section.kinds:
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
