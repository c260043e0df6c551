"""Build the demo file from the seed transcriptions in ``database/demo/*.toml``.

The builder goes through the same services a user's edits do, in one transaction, so
the demo obeys every rule and lands in the change log like any other edit. The TOML
keeps the seeds' printed group totals; ``printed_differences`` compares them with
what the app computes from the rows.
"""

from __future__ import annotations

import datetime as dt
import tomllib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from planner_app.domain.enums import Measure, ObjectiveLevel, Scenario, Statute
from planner_app.domain.levels import DEFAULT_PRESET, LevelSpec, preset_levels
from planner_app.errors import PlannerError
from planner_app.i18n import _
from planner_app.resources import database_path
from planner_app.services import (
    budget_amounts,
    budget_dimensions,
    budget_lines,
    budget_read,
    details,
    diversity,
    levels_edit,
    objectives,
    plan_document,
    plan_parts,
    plans,
    printed,
    sections,
    staffing,
    units,
)
from planner_app.services.budget_read import BudgetColumn
from planner_app.services.common import resolve_plan
from planner_app.storage import PlanFile
from planner_app.storage.locations import documents_dir

DEMO_PLANS = ("ibz-2025-2029", "dkbuza-2025")


def demo_folder() -> Path:
    return database_path("demo")


def load_plan_source(code: str) -> dict[str, Any]:
    """The merged TOML of one demo plan (``code.toml`` and ``code.*.toml``)."""
    folder = demo_folder()
    files = [folder / f"{code}.toml", *sorted(folder.glob(f"{code}.*.toml"))]
    merged: dict[str, Any] = {}
    for path in files:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        for key, value in data.items():
            if key not in merged:
                merged[key] = value
            elif isinstance(value, list):
                merged[key] = merged[key] + value
            elif isinstance(value, dict):
                merged[key] = {**merged[key], **value}
            else:
                merged[key] = value
    return merged


def default_demo_path(now: dt.datetime | None = None) -> Path:
    """A new dated file in the user's documents folder, so a newcomer's edits are kept."""
    stamp = (now or dt.datetime.now()).strftime("%Y-%m-%d %H%M%S")
    return documents_dir() / f"Planner demo {stamp}.plan"


Progress = Callable[[int, int], bool]


class BuildCancelledError(PlannerError):
    """The user stopped the demo build; nothing was written."""


def _steps(src: dict[str, Any]) -> int:
    return (
        1
        + len(src.get("units", []))
        + len(src.get("sections", []))
        + len(src.get("objectives", []))
        + len(src.get("budget", {}).get("lines", []))
        + len(src.get("staffing", {}).get("rows", []))
        + (1 if "diversity" in src else 0)
    )


def build_demo(path: Path, *, overwrite: bool = False, progress: Progress | None = None) -> Path:
    """Write the demo plans to a new file at ``path``, in one transaction.

    ``progress(done, total)`` is called as the work advances (on the calling thread);
    returning False cancels: the transaction rolls back and the file is removed.
    """
    sources = [load_plan_source(code) for code in DEMO_PLANS]
    total = sum(_steps(src) for src in sources)
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None and progress(done, total) is False:
            raise BuildCancelledError(_("The demo build was cancelled."))

    store = PlanFile.create(path, overwrite=overwrite)
    try:
        with store.transaction():
            for src in sources:
                _build_plan(store, src, step)
    except BaseException:
        store.close()
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        raise
    store.close()
    return path


def _build_plan(store: PlanFile, src: dict[str, Any], step: Callable[[], None]) -> uuid.UUID:
    meta = src["plan"]
    plan_id = plans.create_plan(
        store,
        code=meta["code"],
        kind=meta["kind"],
        title=meta["title"],
        organisation=meta.get("organisation", ""),
        first_year=meta["first_year"],
        last_year=meta["last_year"],
        languages=meta.get("languages", ["nl"]),
        track_status=meta.get("track_status"),
    ).id
    _set_levels(store, plan_id, meta.get("levels"), src.get("levels", []))
    document = {
        k: meta[k] for k in ("document_type", "version_label", "signing_place") if k in meta
    }
    if document:
        plan_document.update_document(store, plan_id, **document)
    step()
    unit_ids: dict[str, uuid.UUID] = {}
    for unit in src.get("units", []):
        step()
        unit_ids[unit["key"]] = units.add_unit(
            store,
            plan_id,
            name=unit["name"],
            kind=unit.get("kind", "service"),
            code=unit.get("code", ""),
            parent_id=unit_ids[unit["parent"]] if unit.get("parent") else None,
        ).id
    section_keys: dict[str, uuid.UUID] = {}
    for section in src.get("sections", []):
        step()
        _add_section(store, plan_id, section, section_keys)
    fields = {
        pf["key"]: plan_parts.add_policy_field(
            store, plan_id, title=pf["title"], code=pf.get("code", "")
        ).id
        for pf in src.get("policy_fields", [])
    }
    _add_objectives(store, plan_id, src.get("objectives", []), unit_ids, fields, step)
    line_ids: dict[str, uuid.UUID] = {}
    if "budget" in src:
        line_ids = _add_budget(store, plan_id, src["budget"], step)
    for row in src.get("staffing", {}).get("rows", []):
        step()
        for statute in Statute:
            headcount = row.get("headcount", {}).get(statute.value)
            staffing.set_staffing(
                store,
                unit_ids[row["unit"]],
                statute=statute,
                year=row["year"],
                scenario=row["scenario"],
                fte=row["fte"].get(statute.value),
                headcount=headcount,
            )
    totals = source_totals(src, lambda line: line_ids[line["key"]], unit_ids.__getitem__)
    printed.set_printed_totals(store, plan_id, [(t.spot, t.value) for t in totals])
    for signatory in src.get("signatories", []):
        plan_parts.add_signatory(
            store,
            plan_id,
            function=signatory["function"],
            name=signatory.get("name", ""),
            body=signatory.get("body", False),
        )
    if "diversity" in src:
        step()
        _add_diversity(store, plan_id, src["diversity"])
    return plan_id


def _set_levels(
    store: PlanFile, plan_id: uuid.UUID, preset: str | None, items: list[dict[str, Any]]
) -> None:
    """The plan's levels: a preset (``[plan] levels``), then each ``[[levels]]`` entry's
    name (in the plan's main language), pattern and use over it."""
    if preset is None and not items:
        return
    specs = dict(preset_levels(preset or DEFAULT_PRESET))
    lang = plans.plan_info(store, plan_id).languages[0]
    for item in items:
        level = ObjectiveLevel(item["level"])
        spec = specs[level]
        name, pattern = dict(spec.name), dict(spec.pattern)
        if "name" in item:
            name[lang] = item["name"]
        if "pattern" in item:
            pattern[lang] = item["pattern"]
        specs[level] = LevelSpec(level, item.get("used", spec.used), name, pattern)
    levels_edit.set_levels(store, plan_id, specs.values())


def _add_section(
    store: PlanFile, plan_id: uuid.UUID, section: dict[str, Any], keys: dict[str, uuid.UUID]
) -> None:
    section_id = sections.add_section(
        store,
        plan_id,
        kind=section["kind"],
        title=section.get("title", ""),
        body=section.get("body", "").strip("\n"),
        parent_id=keys[section["parent"]] if "parent" in section else None,
        numbered=section.get("numbered", True),
        also=section.get("also", ()),
    ).id
    if "key" in section:
        keys[section["key"]] = section_id
    for key, text in section.get("parts", {}).items():
        sections.set_section_part(store, section_id, key, text.strip("\n"))
    for row in section.get("rows", []):
        cells = {("date_text" if k == "date" else k): v.strip("\n") for k, v in row.items()}
        sections.add_communication_row(store, section_id, **cells)


def _add_objectives(
    store: PlanFile,
    plan_id: uuid.UUID,
    items: list[dict[str, Any]],
    unit_ids: dict[str, uuid.UUID],
    fields: dict[str, uuid.UUID],
    step: Callable[[], None],
) -> None:
    ids: dict[str, uuid.UUID] = {}
    for item in items:
        step()
        objective_id = objectives.add_objective(
            store,
            plan_id,
            level=item["level"],
            title=item["title"],
            parent_id=ids[item["parent"]] if item.get("parent") else None,
            kind=item.get("kind"),
            description=item.get("description", "").strip("\n"),
            intended_results=item.get("intended_results", "").strip("\n"),
            status=item.get("status", "not_started"),
            lead_unit_id=unit_ids[item["lead_unit"]] if item.get("lead_unit") else None,
            policy_field_id=fields[item["policy_field"]] if item.get("policy_field") else None,
            code=item.get("code", ""),
        ).id
        ids[item["key"]] = objective_id
        if item.get("partners"):
            objectives.set_partners(store, objective_id, [unit_ids[k] for k in item["partners"]])
        for milestone in item.get("milestones", []):
            details.add_milestone(
                store,
                objective_id,
                text=milestone["text"],
                period=milestone.get("period", ""),
                done=milestone.get("done", False),
            )
        for indicator in item.get("indicators", []):
            indicator_id = details.add_indicator(
                store,
                objective_id,
                name=indicator["name"],
                unit_of_measure=indicator.get("unit", ""),
            ).id
            for value in indicator.get("values", []):
                details.set_indicator_value(
                    store,
                    indicator_id,
                    year=value["year"],
                    kind=value["kind"],
                    value=value["value"],
                )


def _add_budget(
    store: PlanFile, plan_id: uuid.UUID, src: dict[str, Any], step: Callable[[], None]
) -> dict[str, uuid.UUID]:
    """The budget's stages, credit types, lines and amounts; the lines' ids by key."""
    for stage in src.get("stages", []):
        budget_dimensions.add_stage(store, plan_id, code=stage["code"], name=stage.get("name", ""))
    for credit in src.get("credit_types", []):
        budget_dimensions.add_credit_type(
            store, plan_id, code=credit["code"], name=credit.get("name", "")
        )
    line_ids: dict[str, uuid.UUID] = {}
    for line in src.get("lines", []):
        step()
        line_id = budget_lines.add_line(
            store,
            plan_id,
            title=line["title"],
            parent_id=line_ids[line["parent"]] if line.get("parent") else None,
            code=line.get("code", ""),
        ).id
        line_ids[line["key"]] = line_id
        for column, amount in line.get("amounts", {}).items():
            stage, year, credit = column.split()
            budget_amounts.set_amount(
                store, line_id, year=int(year), stage=stage, credit_type=credit, amount=amount
            )
    return line_ids


def _add_diversity(store: PlanFile, plan_id: uuid.UUID, src: dict[str, Any]) -> None:
    diversity_id = diversity.create_diversity_plan(store, plan_id, year=src["year"]).id
    texts = {
        k: src[k].strip("\n")
        for k in ("contact_role", "introduction", "mission", "top_priority")
        if src.get(k)
    }
    plain = {k: src[k] for k in ("contact_name",) if src.get(k)}
    diversity.update_diversity_plan(store, diversity_id, **texts, **plain)
    pillars = {
        p["key"]: diversity.add_list_item(store, diversity_id, "pillar", text=p["title"]).ids[1]
        for p in src.get("pillars", [])
    }
    for text in src.get("bottlenecks", []):
        diversity.add_list_item(store, diversity_id, "bottleneck", text=text.strip("\n"))
    for text in src.get("priorities", []):
        diversity.add_list_item(store, diversity_id, "priority", text=text.strip("\n"))
    for objective in src.get("objectives", []):
        objective_id = diversity.add_objective(
            store,
            diversity_id,
            title=objective["title"],
            text=objective.get("text", "").strip("\n"),
            pillar_ids=[pillars[k] for k in objective.get("pillars", [])],
        ).ids[1]
        for action in objective.get("actions", []):
            diversity.add_action(
                store,
                objective_id,
                text=action["text"],
                owner=action.get("owner", ""),
                due=action.get("due", ""),
            )
    for indicator in src.get("indicators", []):
        indicator_id = diversity.add_indicator(
            store,
            diversity_id,
            name=indicator["name"],
            unit=indicator["unit"],
            source=indicator.get("source", ""),
            reliability=indicator.get("reliability", ""),
        ).ids[1]
        for value in indicator.get("values", []):
            diversity.set_indicator_value(  # a share may be given as counts (3 of 15)
                store,
                indicator_id,
                year=value["year"],
                kind=value["kind"],
                value=value.get("value"),
                numerator=value.get("numerator"),
                denominator=value.get("denominator"),
            )


# --- printed totals vs computed sums -------------------------------------------------


@dataclass(frozen=True)
class Difference:
    """A total the seed prints that differs from the sum of the rows it totals."""

    table: str
    label: str
    column: str
    printed: Decimal
    computed: Decimal

    @property
    def delta(self) -> Decimal:
        return self.printed - self.computed

    def __str__(self) -> str:
        return (
            f"{self.table}: {self.label} [{self.column}] printed {self.printed}, "
            f"rows sum to {self.computed} (difference {self.delta:+})"
        )


@dataclass(frozen=True)
class SourceTotal:
    """A total the seed prints, where it is printed, and how the seed labels it."""

    table: str  # "budget" or "staffing"
    label: str
    column: str
    spot: printed.TotalSpot
    value: Decimal


def source_totals(
    src: dict[str, Any],
    line_of: Callable[[dict[str, Any]], uuid.UUID],
    unit_of: Callable[[str], uuid.UUID],
) -> list[SourceTotal]:
    """Every total the source prints (``printed`` of budget lines, the budget's
    ``printed_totals``, ``staffing.printed``), addressed in the plan: ``line_of`` finds
    a source line's budget line, ``unit_of`` a unit key's unit."""
    found: list[SourceTotal] = []
    budget = src.get("budget", {})
    grand = [(label, None, values) for label, values in budget.get("printed_totals", {}).items()]
    lines = [
        (line.get("printed_label", line["title"]), line_of(line), line["printed"])
        for line in budget.get("lines", [])
        if line.get("printed")
    ]
    for label, line_id, values in lines + grand:
        for column, value in values.items():
            stage, year, credit = column.split()
            spot = printed.BudgetSpot(line_id, BudgetColumn(int(year), stage, credit))
            found.append(SourceTotal("budget", label, column, spot, Decimal(value)))
    for p in src.get("staffing", {}).get("printed", []):
        statute = Statute(p["statute"]) if p.get("statute") else None
        key = staffing.StaffingKey(Scenario(p["scenario"]), p["year"])
        unit_id = unit_of(p["unit"]) if p.get("unit") else None
        spot = printed.StaffingSpot(unit_id, key, statute, Measure(p["measure"]))
        column = f"{p['scenario']} {p['year']} {p['measure']}" + (
            f" {p['statute']}" if p.get("statute") else ""
        )
        found.append(SourceTotal("staffing", p["label"], column, spot, Decimal(p["value"])))
    return found


def printed_differences(store: PlanFile, code: str) -> tuple[list[Difference], int]:
    """Every total the demo plan keeps as its seed printed it (``PrintedTotal``) that
    differs from the sum of its rows, labelled as the seed labels it, and how many
    printed totals the plan keeps."""
    src = load_plan_source(code)
    with store.read() as s:
        plan_id = resolve_plan(s, code).id
    lines = {
        info.title.get("nl"): info.id for info in budget_read.budget_totals(store, plan_id).lines
    }
    codes = {u.code: u.id for u in units.load_units(store, plan_id)}
    unit_keys = {u["key"]: codes[u.get("code", "")] for u in src.get("units", [])}
    order = {
        t.spot: (n, t)
        for n, t in enumerate(source_totals(src, lambda line: lines[line["title"]], unit_keys.get))
    }
    kept = printed.printed_totals(store, plan_id)
    found = []
    for difference in printed.printed_differences(store, plan_id):
        n, source = order.get(difference.spot, (len(order), None))
        table = "budget" if isinstance(difference.spot, printed.BudgetSpot) else "staffing"
        label, column = (source.label, source.column) if source else ("?", "?")
        found.append((n, Difference(table, label, column, difference.printed, difference.computed)))
    return [d for _n, d in sorted(found, key=lambda f: f[0])], len(kept.values)
