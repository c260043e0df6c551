"""Write an imported outline into a plan: chapters, policy fields, the objective tree
with its texts, lead units, partners, indicators, targets and milestones.

Everything is written through the services (each validates as for a typed edit) in
one transaction: one refusal rolls the whole import back, so a plan is never left
half imported. The ids of every row made are returned (``Written``), which is what the
window's undo step tombstones and restores. A unit the plan does not have yet is
created and listed. The plan model of this release has no chapter tree and three
objective levels: a sub-chapter is written as a chapter titled with its number, and an
objective below an initiative is kept as a paragraph of its parent's description
(both said in ``Written.notes``). No Qt.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select

from planner_app.domain import (
    Indicator,
    IndicatorValue,
    Milestone,
    Objective,
    ObjectivePartner,
    OrgUnit,
    PlanSection,
    PolicyField,
    SectionPart,
)
from planner_app.domain.enums import ObjectiveLevel, SectionKind, ValueKind
from planner_app.domain.rules import parent_allowed
from planner_app.errors import ValidationError
from planner_app.i18n import N_, _
from planner_app.importing.model import (
    DESCRIPTION,
    RESULTS,
    ChapterNode,
    Detail,
    ObjectiveNode,
    Outline,
    Role,
    Tree,
)
from planner_app.importing.parts import split_parts
from planner_app.services import codes, details, objectives, plan_parts, sections, units
from planner_app.services.common import MAX_TITLE, get_live, renumber, writable_plan
from planner_app.services.levels import scheme_of
from planner_app.services.paste import FigureKind, NumberStyle, PasteError, parse_block
from planner_app.storage import PlanFile

_INDICATOR_FIGURE = FigureKind("Value", 6, Decimal(10) ** 15)
# Rows an import makes, in the order undo tombstones them (children first).
MODELS = (
    IndicatorValue,
    Indicator,
    Milestone,
    ObjectivePartner,
    Objective,
    PolicyField,
    SectionPart,
    PlanSection,
    OrgUnit,
)
Progress = Callable[[int, int], bool | None]
_NOWHERE = uuid.UUID(int=0)  # the parent of a reserved code: no objective's siblings
_TABLE_KINDS = {"budget": N_("budget"), "staffing": N_("staffing")}


@dataclass
class Written:
    """What an import made: row ids per table (for undo), counts, units created and
    notes on what was kept in another form."""

    plan_id: uuid.UUID
    ids: dict[str, list[uuid.UUID]] = field(default_factory=lambda: defaultdict(list))
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    new_units: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was kept in another form
    info: list[str] = field(default_factory=list)  # where things went, nothing changed

    def add(self, table: str, row_id: uuid.UUID) -> None:
        self.ids[table].append(row_id)


class ImportCancelledError(Exception):
    """The user cancelled; nothing was written."""


def check_tree(tree: Tree, base_level: str = "") -> list[str]:
    """Problems that would refuse the import, one sentence each, naming the line."""
    problems: list[str] = []

    def visit(node: ObjectiveNode, parent_level: str) -> None:
        level = node.entry.level
        if level == "action" and parent_level == "initiative":
            return  # kept as text (see module docstring)
        parent = ObjectiveLevel(parent_level) if parent_level else None
        if level not in {lv.value for lv in ObjectiveLevel} or not parent_allowed(
            ObjectiveLevel(level), parent
        ):
            problems.append(
                _("Line {line}: a {level} objective cannot stand {where}.").format(
                    line=node.entry.lines[0],
                    level=_(level),
                    where=_("at the top")
                    if not parent_level
                    else _("under a {parent} objective").format(parent=_(parent_level)),
                )
            )
        for child in node.children:
            visit(child, level)

    for node in tree.objectives:
        visit(node, base_level)
    return problems


def write_outline(
    store: PlanFile,
    plan_id: uuid.UUID,
    outline: Outline,
    *,
    language: str | None = None,
    under: uuid.UUID | None = None,
    progress: Progress | None = None,
) -> Written:
    """Write ``outline`` into plan ``plan_id`` (its objectives under objective ``under``
    when given: a pasted outline), in one transaction. Texts go into ``language`` (one
    of the plan's; default its first). Raises ``ValidationError`` naming the line."""
    tree = outline.tree()
    with store.transaction() as s:
        plan = writable_plan(s, plan_id)
        lang = language or plan.language_list[0]
        if lang not in plan.language_list:
            raise ValidationError(
                _("Language"),
                _("the plan has no content language {lang}.").format(lang=lang),
            )
        base = ""
        if under is not None:
            base = get_live(s, Objective, under, "objective").level.value
        problems = check_tree(tree, base)
        if problems:
            raise ValidationError(outline.source or _("Outline"), " ".join(problems))
        writer = _Writer(store, plan_id, lang, progress, sum(1 for _n in tree.walk()))
        writer.load_units(s)
        # a pasted list's numbers are its own ("1.", "2."): under an objective the
        # plan numbers the new ones after their siblings
        writer.keep_codes = under is None
        writer.reserve(tree)
        if under is None:
            writer.keep_tables(tree)
            writer.chapters(tree)
            writer.fields(tree)
        for node in tree.objectives:
            writer.objective(node, under)
        return writer.done


class _Writer:
    def __init__(
        self, store: PlanFile, plan_id: uuid.UUID, lang: str, progress: Progress | None, total: int
    ) -> None:
        self.store, self.plan_id, self.lang = store, plan_id, lang
        self.done = Written(plan_id)
        self.units: dict[str, uuid.UUID] = {}
        self.field_ids: list[uuid.UUID] = []
        self.progress, self.total, self.count = progress, max(total, 1), 0
        self.keep_codes = True
        self.placed = False  # a chapter places the objective tree already

    def reserve(self, tree: Tree) -> None:
        """The codes the document prints that the plan does not have yet: an objective
        the document leaves unnumbered gets a code none of them will take (a printed
        "OD 1.2" further down keeps its code)."""
        self.reserved: list[codes.CodeRow] = []
        if not self.keep_codes:
            return
        with self.store.transaction() as s:
            plan = writable_plan(s, self.plan_id)
            scheme = scheme_of(s, plan)
            taken = codes.code_rows(s, self.plan_id)
            keys = set().union(*(scheme.keys(r.level, r.code, r.literal) for r in taken if r.code))
            for node, _depth in tree.walk():
                if not node.entry.number or node.entry.level == "action":
                    continue
                level = ObjectiveLevel(node.entry.level)
                try:
                    code, literal = codes.read_code(s, plan, level, node.entry.number[:32])
                except ValidationError:
                    continue
                mine = scheme.keys(level, code, literal)
                if code and not mine & keys:
                    keys |= mine
                    self.reserved.append(
                        codes.CodeRow(uuid.uuid4(), _NOWHERE, level, 0, None, code, literal, {})
                    )

    def code_for(self, entry, parent_id: uuid.UUID | None) -> str:
        """The code as printed, when the plan has no objective that prints alike (said
        in the notes otherwise); for an unnumbered one, or one whose code is taken, the
        next free code that no printed code further down will want."""
        level = ObjectiveLevel(entry.level)
        with self.store.transaction() as s:
            plan = writable_plan(s, self.plan_id)
            scheme = scheme_of(s, plan)
            rows = codes.code_rows(s, self.plan_id)
            number = entry.number[:32] if self.keep_codes else ""
            if number:
                try:
                    code, literal = codes.read_code(s, plan, level, number, scheme=scheme)
                except ValidationError:
                    code, literal = "", False
                mine = scheme.keys(level, code, literal) if code else set()
                if code and not any(
                    r.code and mine & scheme.keys(r.level, r.code, r.literal) for r in rows
                ):
                    self.reserved = [
                        r
                        for r in self.reserved
                        if not mine & scheme.keys(r.level, r.code, r.literal)
                    ]
                    return number
                self.done.notes.append(
                    _(
                        "Line {line}: the plan has code {code} already; the imported "
                        "objective gets the next free one."
                    ).format(line=entry.lines[0], code=scheme.printed(level, code, literal))
                )
            return codes.fresh_code(
                s, plan, level, parent_id, scheme=scheme, rows=[*rows, *self.reserved]
            )

    def text(self, value: str) -> dict[str, str]:
        return {self.lang: value} if value else {}

    def load_units(self, s) -> None:
        for unit in s.scalars(
            select(OrgUnit).where(OrgUnit.plan_id == self.plan_id, OrgUnit.deleted.is_(False))
        ):
            for name in (unit.code, *unit.name.values()):
                if name and name.strip():
                    self.units.setdefault(name.strip().casefold(), unit.id)

    def unit(self, name: str) -> uuid.UUID:
        key = name.strip().casefold()
        if key not in self.units:
            changed = units.add_unit(
                self.store, self.plan_id, name=self.text(name.strip()[:MAX_TITLE])
            )
            self.units[key] = changed.id
            self.done.add("org_units", changed.id)
            self.done.new_units.append(name.strip())
            self.done.counts["units"] += 1
        return self.units[key]

    # --- chapters --------------------------------------------------------------------

    def keep_tables(self, tree: Tree) -> None:
        """Budget and staffing tables stay in their chapter as a table of text; their
        figures are imported through the sheet import's column mapping."""
        for chapter, table in tree.tables:
            if chapter is None:
                chapter = ChapterNode(None)
                tree.chapters.insert(0, chapter)
            chapter.tables.append(table)
            self.done.notes.append(
                _(
                    "A {kind} table ({rows} rows) is kept as text in its chapter; import its "
                    "figures with File → Import → Budget or staffing sheet."
                ).format(kind=_(_TABLE_KINDS.get(table.kind, table.kind)), rows=len(table.rows))
            )

    def chapters(self, tree: Tree) -> None:
        """The chapters as a tree, sub-chapters under their chapter, each titled with
        its number as printed (not renumbered: ``numbered`` off). The first free chapter
        that holds the objectives places the objective tree (kind objectives)."""

        def visit(node: ChapterNode, parent_id: uuid.UUID | None) -> None:
            made = self.chapter(node, parent_id)
            for child in node.children:
                visit(child, made if made is not None else parent_id)

        for node in tree.chapters:
            visit(node, None)

    def chapter(self, node: ChapterNode, parent_id: uuid.UUID | None) -> uuid.UUID | None:
        entry = node.entry
        body = "\n".join(node.body)
        for table in node.tables:
            body += ("\n" if body else "") + "\n".join(" | ".join(row) for row in table.rows)
        if entry is None:
            if not body.strip():
                return None
            title, kind = _("Introduction"), SectionKind.FREE
        else:
            title = f"{entry.number} {entry.title}".strip() if entry.number else entry.title
            try:
                kind = SectionKind(entry.kind or "free")
            except ValueError:
                kind = SectionKind.FREE
        if node.holds_objectives and not body.strip() and entry is not None and not node.children:
            self.done.info.append(
                _("Chapter {title} holds the objectives; they are in the objective tree.").format(
                    title=title
                )
            )
        parts: dict[str, str] = {}
        if kind in (SectionKind.PESTEL, SectionKind.SWOT):
            body, parts = split_parts(kind.value, node.body)
        if node.holds_objectives and kind is SectionKind.FREE and not self.placed:
            kind, self.placed = SectionKind.OBJECTIVES, True
        changed = sections.add_section(
            self.store,
            self.plan_id,
            kind=kind,
            title=self.text(title[:MAX_TITLE] or _("Chapter")),
            body=self.text(body),
            parent_id=parent_id,
            numbered=False,
        )
        self.done.add("plan_sections", changed.id)
        self.done.counts["chapters"] += 1
        for key, text in parts.items():
            part = sections.set_section_part(self.store, changed.id, key, self.text(text))
            self.done.add("section_parts", part.ids[1])
        return changed.id

    def fields(self, tree: Tree) -> None:
        for entry in tree.fields:
            changed = plan_parts.add_policy_field(
                self.store,
                self.plan_id,
                title=self.text(entry.title[:MAX_TITLE]),
                code=(entry.number or entry.code.rstrip("."))[:32],
            )
            self.field_ids.append(changed.id)
            self.done.add("policy_fields", changed.id)
            self.done.counts["policy fields"] += 1

    # --- objectives ------------------------------------------------------------------

    def tick(self) -> None:
        self.count += 1
        if self.progress is not None and self.progress(self.count, self.total) is False:
            raise ImportCancelledError()

    def objective(self, node: ObjectiveNode, parent_id: uuid.UUID | None) -> None:
        self.tick()
        entry = node.entry
        texts = {slot: node.text_of(slot) for slot in (DESCRIPTION, RESULTS)}
        kept: list[str] = []
        for child in node.children:
            if child.entry.level == "action":
                kept.append(_flatten(child))
                self.done.notes.append(
                    _(
                        "Line {line}: an action under an initiative is kept in its description."
                    ).format(line=child.entry.lines[0])
                )
        if kept:
            texts[DESCRIPTION] = "\n".join(t for t in (texts[DESCRIPTION], *kept) if t)
        lead = next((d for d in node.details if d.role is Role.LEAD), None)
        field_id = None
        if node.field_index is not None and node.field_index < len(self.field_ids):
            field_id = self.field_ids[node.field_index]
        title = entry.title or entry.text
        changed = objectives.add_objective(
            self.store,
            self.plan_id,
            level=entry.level,
            title=self.text(title[:MAX_TITLE]),
            parent_id=parent_id,
            kind=entry.kind or None,
            description=self.text(texts[DESCRIPTION]),
            intended_results=self.text(texts[RESULTS]),
            lead_unit_id=self.unit(lead.title) if lead is not None else None,
            policy_field_id=field_id if entry.level == "strategic" else None,
            code=self.code_for(entry, parent_id),
        )
        oid = changed.id
        self.done.add("objectives", oid)
        self.done.counts[entry.level] += 1
        self.details(oid, node.details)
        for child in node.children:
            if child.entry.level != "action":
                self.objective(child, oid)

    def details(self, oid: uuid.UUID, found: list[Detail]) -> None:
        partners: list[uuid.UUID] = []
        indicator: uuid.UUID | None = None
        for detail in found:
            if detail.role is Role.PARTNERS:
                for name in _names(detail.title):
                    partners.append(self.unit(name))
            elif detail.role is Role.MILESTONE:
                changed = details.add_milestone(
                    self.store, oid, text=self.text(detail.title), period=detail.period[:64]
                )
                self.done.add("milestones", changed.id)
                self.done.counts["milestones"] += 1
            elif detail.role is Role.INDICATOR:
                changed = details.add_indicator(self.store, oid, name=self.text(detail.title))
                indicator = changed.id
                self.done.add("indicators", indicator)
                self.done.counts["indicators"] += 1
            elif detail.role in (Role.TARGET, Role.BASELINE) and indicator is not None:
                value = _figure(detail.value, detail.line)
                kind = ValueKind.TARGET if detail.role is Role.TARGET else ValueKind.BASELINE
                changed = details.set_indicator_value(
                    self.store, indicator, year=int(detail.period), kind=kind, value=value
                )
                self.done.add("indicator_values", changed.ids[1])
                self.done.counts["indicator values"] += 1
                if detail.title:
                    details.update_indicator(
                        self.store, indicator, unit_of_measure=detail.title[:64]
                    )
            elif detail.role is Role.STATUS:
                objectives.update_objective(self.store, oid, status=detail.value)
        if partners:
            objectives.set_partners(self.store, oid, partners)
            for unit_id in dict.fromkeys(partners):
                self.done.add("objective_partners", ObjectivePartner.key_id(oid, unit_id))


def _flatten(node: ObjectiveNode) -> str:
    lines = [f"{node.entry.code} {node.entry.title}".strip()]
    lines += [t for t in (node.text_of(DESCRIPTION), node.text_of(RESULTS)) if t]
    return "\n".join(lines)


def _names(text: str) -> list[str]:
    import re

    return [n.strip() for n in re.split(r"[,;]|\s(?:en|et|and|und)\s", text) if n.strip()]


def _figure(text: str, line: int) -> Decimal:
    """A target's figure as printed ("80", "1.234,5", "12,5"): Belgian unless the text
    can only be English."""
    clean = text.replace("%", "").replace("‰", "").strip().lstrip("<>≥≤~±").strip()
    try:
        value = parse_block(
            [[clean]], _INDICATOR_FIGURE, allow_negative=True, default_style=NumberStyle.BELGIAN
        )[0][0]
    except PasteError as err:
        raise ValidationError(_("Line {line}").format(line=line), err.reason) from None
    if value is None:
        raise ValidationError(_("Line {line}").format(line=line), _("the figure is missing."))
    return value


# --- undo ----------------------------------------------------------------------------


def set_written_deleted(store: PlanFile, written: Written, deleted: bool) -> None:
    """Tombstone (undo) or bring back (redo) every row an import made, in one
    transaction, renumbering the objectives and chapters beside them."""
    with store.transaction() as s:
        writable_plan(s, written.plan_id)
        order = MODELS if deleted else tuple(reversed(MODELS))
        for model in order:
            for row_id in written.ids.get(model.__tablename__, []):
                row = s.get(model, row_id)
                if row is not None and row.deleted != deleted:
                    row.deleted = deleted
        s.flush()
        for model, scope in ((PlanSection, ("parent_id",)), (PolicyField, ("plan_id",))):
            _renumber(s, model, written.plan_id, scope)
        parents = {
            s.get(Objective, oid).parent_id  # type: ignore[union-attr]
            for oid in written.ids.get("objectives", [])
            if s.get(Objective, oid) is not None
        }
        for parent_id in parents:
            query = select(Objective).where(
                Objective.plan_id == written.plan_id, Objective.deleted.is_(False)
            )
            query = query.where(
                Objective.parent_id.is_(None)
                if parent_id is None
                else Objective.parent_id == parent_id
            )
            renumber(list(s.scalars(query.order_by(Objective.position))))


def _renumber(s, model, plan_id: uuid.UUID, scope: tuple[str, ...]) -> None:
    """Positions 0, 1, … again among the live rows of each group of ``scope`` (the
    chapters of one parent: chapters are a tree)."""
    rows = s.scalars(
        select(model)
        .where(model.plan_id == plan_id, model.deleted.is_(False))
        .order_by(model.position)
    )
    groups: dict[tuple, list] = defaultdict(list)
    for row in rows:
        groups[tuple(getattr(row, name) for name in scope)].append(row)
    for group in groups.values():
        renumber(group)
