"""The legal minimum content of a plan: which required elements it has and which it
lacks, with where to fill each in; and making a plan final after that check, noting
what the user chose to go on without.

The elements and their checks are data (``domain.legal_minimum``, one table per plan
kind); this module only judges the few check kinds against one read of the plan. The
``detail`` sentences are in the UI language of the moment they are made (the command
line's or the window's); element names, sources and places are catalogue strings the
caller translates.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import select

from planner_app.domain import FinalNote
from planner_app.domain.enums import ObjectiveLevel, PlanKind, ValueKind
from planner_app.domain.labels import label
from planner_app.domain.legal_minimum import (
    RULES_VERSION,
    AnyOf,
    BudgetYears,
    ChapterOfKind,
    ChapterTitled,
    Check,
    Element,
    EveryObjectiveHas,
    Part,
    table_for,
)
from planner_app.errors import ValidationError
from planner_app.i18n import _, ngettext
from planner_app.services import fastread
from planner_app.services.common import Changed, get_plan
from planner_app.services.details import ObjectiveDetail, plan_details
from planner_app.services.matching import normalise
from planner_app.services.plans import plan_info
from planner_app.services.sections import SectionInfo, load_sections
from planner_app.services.tree_read import ObjectiveNode, tree_nodes
from planner_app.storage import PlanFile

LISTED = 8  # objectives named in a detail; the rest are counted


@dataclass(frozen=True)
class ElementResult:
    """One element judged: ``detail`` says what was found or what is lacking;
    ``objective_ids`` the objectives that lack it (to show the first one)."""

    element: Element
    present: bool
    detail: str
    objective_ids: tuple[uuid.UUID, ...] = ()


@dataclass(frozen=True)
class CompletenessReport:
    plan_id: uuid.UUID
    plan_code: str
    kind: PlanKind
    elements: tuple[ElementResult, ...]

    @property
    def has_rules(self) -> bool:
        """Whether the law lists required elements for this kind of plan."""
        return bool(table_for(self.kind))

    @property
    def missing(self) -> tuple[ElementResult, ...]:
        return tuple(e for e in self.elements if not e.present)

    @property
    def complete(self) -> bool:
        return not self.missing


@dataclass(frozen=True)
class Verdict:
    """A check's answer: holds or not, the sentence saying why, the objectives lacking."""

    holds: bool
    detail: str
    objective_ids: tuple[uuid.UUID, ...] = ()


class _PlanContent:
    """The parts of one plan the checks look at, read once (in one snapshot)."""

    def __init__(self, store: PlanFile, plan_id: uuid.UUID) -> None:
        self.sections = load_sections(store, plan_id)
        with store.read() as s:
            self.nodes = tree_nodes(s, plan_id)
            self.budget_years = sorted(
                year
                for (year,) in fastread.rows(
                    s,
                    "SELECT DISTINCT a.year FROM budget_amounts a"
                    " JOIN budget_lines l ON l.id = a.line_id AND l.deleted = 0"
                    " JOIN budget_stages st ON st.id = a.stage_id AND st.deleted = 0"
                    " JOIN credit_types ct ON ct.id = a.credit_type_id AND ct.deleted = 0"
                    " WHERE a.plan_id = :plan AND a.deleted = 0 AND a.amount IS NOT NULL",
                    plan=plan_id,
                )
            )
            self.funded = {
                fastread.uid(objective)
                for (objective,) in fastread.rows(
                    s,
                    "SELECT k.objective_id FROM budget_line_objectives k"
                    " JOIN budget_lines l ON l.id = k.line_id AND l.deleted = 0"
                    " WHERE k.plan_id = :plan AND k.deleted = 0",
                    plan=plan_id,
                )
            }
        self.details: dict[uuid.UUID, ObjectiveDetail] = plan_details(
            store, plan_id, codes={n.id: n.code for n in self.nodes}
        )


def check_plan(store: PlanFile, plan_id: uuid.UUID) -> CompletenessReport:
    """Judge every required element of the plan's kind (none: an empty report)."""
    with store.snapshot():
        info = plan_info(store, plan_id)
        table = table_for(info.kind)
        content = _PlanContent(store, plan_id) if table else None
    results = []
    for element in table:
        assert content is not None
        verdicts = [_judge(check, content) for check in element.checks]
        missing = [v for v in verdicts if not v.holds]
        shown = missing or verdicts
        results.append(
            ElementResult(
                element,
                not missing,
                " ".join(dict.fromkeys(v.detail for v in shown)),
                tuple(i for v in missing for i in v.objective_ids),
            )
        )
    return CompletenessReport(info.id, info.code, info.kind, tuple(results))


# --- the check kinds -----------------------------------------------------------------


def _judge(check: Check, plan: _PlanContent) -> Verdict:
    if isinstance(check, ChapterOfKind):
        return _chapter_of_kind(check, plan.sections)
    if isinstance(check, ChapterTitled):
        return _chapter_titled(check, plan.sections)
    if isinstance(check, EveryObjectiveHas):
        return _every_objective(check, plan)
    if isinstance(check, BudgetYears):
        return _budget_years(check, plan.budget_years)
    if isinstance(check, AnyOf):
        verdicts = [_judge(c, plan) for c in check.checks]
        held = next((v for v in verdicts if v.holds), None)
        if held is not None:
            return held
        return Verdict(False, " ".join(v.detail for v in verdicts))
    raise TypeError(f"unknown check {check!r}")  # a table names a check kind not judged here


def _has_text(section: SectionInfo) -> bool:
    texts = [*section.body.values()]
    texts += [t for part in section.parts.values() for t in part.values()]
    texts += [t for row in section.rows for cell in row.cells.values() for t in cell.values()]
    return any(t.strip() for t in texts)


def _title(section: SectionInfo) -> str:
    return next((t for t in section.title.values() if t.strip()), label(section.kind))


def _chapter_of_kind(check: ChapterOfKind, sections: list[SectionInfo]) -> Verdict:
    found = next((s for s in sections if s.kind in check.kinds and _has_text(s)), None)
    if found is not None:
        return Verdict(True, _("Found in the chapter “{title}”.").format(title=_title(found)))
    kinds = _(" or ").join(label(k) for k in check.kinds)
    if any(s.kind in check.kinds for s in sections):
        return Verdict(False, _("The {kinds} chapter has no text yet.").format(kinds=kinds))
    return Verdict(False, _("The plan has no {kinds} chapter.").format(kinds=kinds))


def _chapter_titled(check: ChapterTitled, sections: list[SectionInfo]) -> Verdict:
    words = [normalise(w) for w in check.words]

    def named(section: SectionInfo) -> bool:
        titles = [normalise(t) for t in section.title.values()]
        return any(w in t for w in words for t in titles)

    found = [s for s in sections if named(s)]
    with_text = next((s for s in found if _has_text(s)), None)
    if with_text is not None:
        return Verdict(True, _("Found in the chapter “{title}”.").format(title=_title(with_text)))
    if found:
        return Verdict(
            False, _("The chapter “{title}” has no text yet.").format(title=_title(found[0]))
        )
    return Verdict(False, _("No chapter's title names it."))


def _level_name(level: ObjectiveLevel, n: int) -> str:
    # Plain messages, not ngettext: "initiative" is also a label's msgid, and a plural
    # entry of the same msgid would hide its singular translation from gettext.
    if level is ObjectiveLevel.STRATEGIC:
        return _("strategic objective") if n == 1 else _("strategic objectives")
    if level is ObjectiveLevel.OPERATIONAL:
        return _("operational objective") if n == 1 else _("operational objectives")
    return _("initiative") if n == 1 else _("initiatives")


def _levels(levels: tuple[ObjectiveLevel, ...], n: int) -> str:
    return _(" or ").join(_level_name(level, n) for level in levels)


def _has(part: Part, node: ObjectiveNode, detail: ObjectiveDetail, plan: _PlanContent) -> bool:
    if part is Part.LEAD_UNIT:
        return node.lead_unit_id is not None
    if part is Part.DESCRIPTION:
        return any(t.strip() for t in detail.description.values())
    if part is Part.INDICATOR:
        return bool(detail.indicators)
    if part is Part.TARGET:
        return any(kind is ValueKind.TARGET for i in detail.indicators for _y, kind in i.values)
    if part is Part.BUDGET_LINE:
        return node.id in plan.funded
    raise TypeError(f"unknown part {part!r}")


def _having(part: Part) -> str:
    # Spelled out so the catalogue extractor sees each sentence.
    if part is Part.LEAD_UNIT:
        return _("All {total} {what} have a lead unit.")
    if part is Part.DESCRIPTION:
        return _("All {total} {what} have a description.")
    if part is Part.INDICATOR:
        return _("All {total} {what} have an indicator.")
    if part is Part.TARGET:
        return _("All {total} {what} have an indicator with a target.")
    return _("All {total} {what} are funded by a budget line.")


def _lacking(part: Part) -> str:
    # Spelled out so the catalogue extractor sees each sentence.
    if part is Part.LEAD_UNIT:
        return _("{n} of {total} {what} have no lead unit: {codes}.")
    if part is Part.DESCRIPTION:
        return _("{n} of {total} {what} have no description: {codes}.")
    if part is Part.INDICATOR:
        return _("{n} of {total} {what} have no indicator: {codes}.")
    if part is Part.TARGET:
        return _("{n} of {total} {what} have no indicator with a target: {codes}.")
    return _("{n} of {total} {what} are funded by no budget line: {codes}.")


def _every_objective(check: EveryObjectiveHas, plan: _PlanContent) -> Verdict:
    nodes = [n for n in plan.nodes if n.level in check.levels]
    if not nodes:
        return Verdict(
            False, _("The plan has no {what} yet.").format(what=_levels(check.levels, 2))
        )
    levels = tuple(level for level in check.levels if any(n.level is level for n in nodes))
    lacking = [n for n in nodes if not _has(check.part, n, plan.details[n.id], plan)]
    if not lacking:
        return Verdict(
            True, _having(check.part).format(total=len(nodes), what=_levels(levels, len(nodes)))
        )
    codes = [n.code for n in lacking[:LISTED]]  # as the plan prints them ("SD 1")
    if len(lacking) > LISTED:
        codes.append(_("and {n} more").format(n=len(lacking) - LISTED))
    sentence = _lacking(check.part).format(
        n=len(lacking),
        total=len(nodes),
        what=_levels(levels, len(nodes)),
        codes=", ".join(codes),
    )
    return Verdict(False, sentence, tuple(n.id for n in lacking))


def _budget_years(check: BudgetYears, years: list[int]) -> Verdict:
    if len(years) >= check.years:
        return Verdict(
            True,
            _("Budget amounts for {years}.").format(years=", ".join(str(y) for y in years)),
        )
    if not years:
        return Verdict(False, _("The budget has no amounts yet."))
    return Verdict(
        False,
        ngettext(
            "Budget amounts for {years} only; at least {n} year is needed.",
            "Budget amounts for {years} only; at least {n} years are needed.",
            check.years,
        ).format(years=", ".join(str(y) for y in years), n=check.years),
    )


# --- making final after the check ----------------------------------------------------


@dataclass(frozen=True)
class FinalNoteInfo:
    at: str
    user: str
    fingerprint: str
    rules_version: int
    missing: tuple[str, ...]


def make_final_checked(
    store: PlanFile, plan_id: uuid.UUID, *, acknowledged: Collection[str] = ()
) -> Changed:
    """Make the plan final for signature (``plans.make_final``) after checking its
    legal minimum content again, in the same transaction, and note the check: the
    elements missing must all be among ``acknowledged`` (the keys the user saw missing
    and chose to go on without), else nothing changes. The note goes into the file's
    ``final_notes``; a kind of plan with no required elements gets none."""
    from planner_app.services import plans

    with store.transaction() as s:
        report = check_plan(store, plan_id)
        unseen = [e for e in report.missing if e.element.key not in set(acknowledged)]
        if unseen:
            names = "; ".join(_(e.element.name) for e in unseen)
            raise ValidationError(
                _("Legal minimum content"),
                _("missing and not acknowledged: {names}. Check the plan again.").format(
                    names=names
                ),
            )
        changed = plans.make_final(store, plan_id)
        if report.has_rules:
            s.add(
                FinalNote(
                    plan_id=plan_id,
                    at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                    user=store_user(s),
                    fingerprint=get_plan(s, plan_id).fingerprint or "",
                    rules_version=RULES_VERSION,
                    missing=json.dumps([e.element.key for e in report.missing]),
                )
            )
        return changed


def store_user(s) -> str:
    """Who writes in this session (the change log's user)."""
    ctx = s.info.get("change_context")
    return ctx.user if ctx is not None else ""


def final_note(store: PlanFile, plan_id: uuid.UUID) -> FinalNoteInfo | None:
    """The latest note of the plan being made final after the check, if any."""
    with store.read() as s:
        note = s.scalars(
            select(FinalNote).where(FinalNote.plan_id == plan_id).order_by(FinalNote.seq.desc())
        ).first()
        if note is None:
            return None
        return FinalNoteInfo(
            note.at,
            note.user,
            note.fingerprint,
            note.rules_version,
            tuple(json.loads(note.missing)),
        )
