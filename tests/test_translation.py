"""Counting the texts of a plan that still lack a translation."""

from __future__ import annotations

import uuid

import pytest

from planner_app.domain.enums import ObjectiveLevel, PlanKind, SectionKind
from planner_app.errors import NotFoundError
from planner_app.services import objectives, plans, sections, translation, units
from planner_app.storage import PlanFile


def test_counts_texts_with_first_language_only(store: PlanFile, plan_id, tree) -> None:
    # Title and organisation: the title has both languages, organisation is empty.
    # The tree fixture adds five objectives and one unit, all in Dutch only.
    assert translation.untranslated(store, plan_id) == {"fr": 6}


def test_translating_a_text_lowers_the_count(store: PlanFile, plan_id, tree) -> None:
    objectives.update_objective(store, tree["sd1"], title={"fr": "Premier OS"})
    assert translation.untranslated(store, plan_id) == {"fr": 5}
    objectives.update_objective(store, tree["sd1"], description={"nl": "Uitleg"})
    assert translation.untranslated(store, plan_id) == {"fr": 6}
    units.update_unit(store, tree["unit"], name={"fr": "Service"})
    assert translation.untranslated(store, plan_id) == {"fr": 5}


def test_blank_translation_counts_and_french_only_text_does_not(store: PlanFile, plan_id) -> None:
    objectives.add_objective(
        store, plan_id, level=ObjectiveLevel.STRATEGIC, title={"nl": "SD", "fr": "  "}
    )
    objectives.add_objective(store, plan_id, level=ObjectiveLevel.STRATEGIC, title={"fr": "OS"})
    assert translation.untranslated(store, plan_id) == {"fr": 1}


def test_chapters_and_deleted_rows(store: PlanFile, plan_id) -> None:
    chapter = sections.add_section(
        store, plan_id, kind=SectionKind.MISSION, title="Missie", body="Tekst"
    ).id
    assert translation.untranslated(store, plan_id) == {"fr": 2}
    sections.delete_section(store, chapter)
    assert translation.untranslated(store, plan_id) == {"fr": 0}


def test_one_language_plan_has_no_counts(store: PlanFile) -> None:
    only_nl = plans.create_plan(
        store, code="nl-only", kind=PlanKind.BUSINESS, title="Plan", first_year=2025
    ).id
    objectives.add_objective(store, only_nl, level=ObjectiveLevel.STRATEGIC, title="SD")
    assert translation.untranslated(store, only_nl) == {}


def test_every_other_language_is_counted(store: PlanFile) -> None:
    three = plans.create_plan(
        store,
        code="three",
        kind=PlanKind.BUSINESS,
        title={"nl": "Plan", "de": "Plan"},
        first_year=2025,
        languages=["nl", "fr", "de"],
    ).id
    assert translation.untranslated(store, three) == {"fr": 1, "de": 0}


def test_unknown_plan(store: PlanFile) -> None:
    with pytest.raises(NotFoundError):
        translation.untranslated(store, uuid.uuid4())


def test_every_translatable_column_is_listed() -> None:
    from planner_app.domain import Base
    from planner_app.domain.types import I18nText

    listed = {(m.__tablename__, c) for m, cols in translation.TRANSLATABLE for c in cols}
    listed |= {("plans", "title"), ("plans", "organisation")}
    listed |= {("plans", name) for name in translation.PLAN_TEXTS}
    # Budget names are bookkeeping labels, not plan content to translate.
    skipped = {"budget_stages", "credit_types", "budget_lines"}
    found = {
        (table.name, column.name)
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, I18nText) and table.name not in skipped
    }
    assert found == listed
