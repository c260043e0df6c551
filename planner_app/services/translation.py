"""Which texts of a plan still lack a translation into its other content languages.

A plan's first content language is its main one; every other language is a
translation of it. A text counts as untranslated into ``lang`` when it has a
non-blank first-language text and a blank (or missing) ``lang`` text. Read-only;
no Qt.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping

from planner_app.domain import (
    CommunicationRow,
    DiversityAction,
    DiversityBottleneck,
    DiversityIndicator,
    DiversityObjective,
    DiversityPillar,
    DiversityPlan,
    DiversityPriority,
    Indicator,
    Milestone,
    Objective,
    OrgUnit,
    PlanImage,
    PlanLevel,
    PlanRole,
    PlanSection,
    PolicyField,
    SectionPart,
    Signatory,
)
from planner_app.services import fastread
from planner_app.services.common import get_plan
from planner_app.storage import PlanFile

# The plan's translatable texts: each plan-owned table with its I18nText columns.
# The plan row itself (title, organisation, place of signing) is read separately.
TRANSLATABLE: tuple[tuple[type, tuple[str, ...]], ...] = (
    (PlanSection, ("title", "body")),
    (SectionPart, ("text",)),
    (CommunicationRow, ("goal", "audience", "date_text", "message", "channel", "material")),
    (PlanLevel, ("name", "pattern")),
    (PolicyField, ("title",)),
    (Objective, ("title", "description", "intended_results")),
    (Milestone, ("text",)),
    (Indicator, ("name", "target_text")),
    (OrgUnit, ("name",)),
    (Signatory, ("function",)),
    (DiversityPlan, ("contact_role", "introduction", "mission", "top_priority")),
    (DiversityPillar, ("title", "description")),
    (DiversityBottleneck, ("text",)),
    (DiversityPriority, ("text",)),
    (DiversityObjective, ("title", "text")),
    (DiversityAction, ("text",)),
    (DiversityIndicator, ("name", "source", "reliability", "target_text")),
    (PlanImage, ("caption",)),
    (PlanRole, ("name",)),
)
# The plan's own texts besides its title and organisation.
PLAN_TEXTS = ("document_type", "version_label", "signing_place")


def is_untranslated(text: Mapping[str, str] | None, first: str, lang: str) -> bool:
    """True when ``text`` has a first-language text but none in ``lang``."""
    if not text:
        return False
    return bool((text.get(first) or "").strip()) and not (text.get(lang) or "").strip()


def count_untranslated(
    texts: Iterable[Mapping[str, str] | None], languages: list[str]
) -> dict[str, int]:
    """Per language after the first, how many of ``texts`` lack it."""
    if not languages:
        return {}
    first, others = languages[0], languages[1:]
    counts = dict.fromkeys(others, 0)
    for text in texts:
        for lang in others:
            if is_untranslated(text, first, lang):
                counts[lang] += 1
    return counts


_BLANKS = "' \t\r\n'"  # what a blank text is made of, for SQLite's trim()


def _filled(column: str, lang: str) -> str:
    """SQL: the ``lang`` text of a JSON text column is not blank."""
    return f"trim(coalesce(json_extract({column}, '$.\"{lang}\"'), ''), {_BLANKS}) <> ''"


def untranslated(store: PlanFile, plan_id: uuid.UUID) -> dict[str, int]:
    """Per content language of the plan other than the first, the number of its texts
    that have the first language but not that one (empty for one-language plans).

    Counted by SQLite's JSON functions, one query per table: decoding every text in
    Python took over a second on a 10,000-objective plan, and the count is shown as
    soon as a plan opens."""
    with store.read() as s:
        plan = get_plan(s, plan_id)
        languages = plan.language_list
        counts = count_untranslated(
            [plan.title, plan.organisation, *(getattr(plan, n) for n in PLAN_TEXTS)], languages
        )
        first, others = (languages[0], languages[1:]) if languages else ("", [])
        for model, names in TRANSLATABLE if others else ():
            sums = ", ".join(
                f"coalesce(sum({_filled(name, first)} AND NOT {_filled(name, lang)}), 0)"
                for lang in others
                for name in names
            )
            ((*found,),) = fastread.rows(
                s,
                f"SELECT {sums} FROM {model.__tablename__} WHERE plan_id = :plan AND deleted = 0",
                plan=plan_id,
            )
            for n, lang in enumerate(others):
                counts[lang] += sum(found[n * len(names) : (n + 1) * len(names)])
    return counts
