"""What each sheet of the export holds: columns and rows of plain values, read once.

A ``SheetData`` is the whole sheet as values (``Formula`` for the formulas the export
writes itself); ``excel_write`` turns it into XML. Record sheets come from the specs in
``excel_layout``; the objective, unit and budget trees add outline levels, and the
budget and staffing sheets add their pivots and SUM formulas (``excel_pivots``).
"""

from __future__ import annotations

import base64
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from planner_app.domain import (
    BudgetLine,
    DiversityIndicator,
    DiversityObjectivePillar,
    Indicator,
    IndicatorValue,
    OrgUnit,
    Plan,
    PlanImage,
)
from planner_app.domain.enums import ValueKind
from planner_app.domain.labels import LABELS
from planner_app.exporting.excel_layout import (
    FALLBACKS,
    IMAGE_PART,
    INDICATOR_COLS,
    PLAN_COLS,
    RECORD_SHEETS,
    ROW_KIND,
    SHEET_TITLES,
    UNIT_COLS,
    Col,
    Kind,
    SheetSpec,
)
from planner_app.exporting.excel_status import (
    STATUS_KEY,
    diversity_statuses,
    indicator_statuses,
    status_label,
)
from planner_app.exporting.report import ExportReport, pick_for_report
from planner_app.i18n import N_
from planner_app.services.tree_read import objective_codes, tree_nodes

TECHNICAL = (Kind.REF, Kind.REFS, Kind.ID)


@dataclass
class Column:
    key: str
    label: str
    width: int = 14
    kind: Kind = Kind.TEXT
    hidden: bool = False
    number_format: str | None = None


@dataclass
class SheetData:
    """A sheet as values: ``rows[i][j]`` is the cell of column ``j``."""

    key: str
    title: str
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)
    levels: list[int] = field(default_factory=list)  # outline level per row
    indent: dict[int, int] = field(default_factory=dict)  # column -> indent from level
    fallback_cells: set[tuple[int, int]] = field(default_factory=set)
    bold_rows: set[int] = field(default_factory=set)
    freeze_col: int = 1
    hidden: bool = False  # a sheet for the importer only (the images' bytes)


class Context:
    """What every builder needs: session, plan, chosen language, translator, report."""

    def __init__(self, s: Session, plan: Plan, report: ExportReport, t: Callable[[str], str]):
        self.s = s
        self.plan = plan
        self.report = report
        self.t = t
        self.lang = report.language
        self.plan_langs = plan.language_list
        self.order: dict[str, dict[uuid.UUID, int]] = {}  # sheet key -> id -> row index
        self.codes = objective_codes(s, plan.id, self.lang)  # as printed in the language
        self.unit_names: dict[uuid.UUID, str] = {}  # filled by the units sheet
        self.chapter_names: dict[uuid.UUID, str] = {}  # filled by the chapters sheet
        self.unit_links: Any = None  # filled by the objectives sheet (excel_units)
        self.status_at: Any = None  # the day statuses are judged at (excel_status)

    def rows_of(self, model: type) -> list[Any]:
        """Live rows of the plan as named tuples (table columns, typed): a third of the
        cost of ORM objects, which an export never changes."""
        table = model.__table__  # type: ignore[attr-defined]
        query = select(table).where(table.c.plan_id == self.plan.id, table.c.deleted.is_(False))
        return self.s.execute(query).all()

    def languages(self, texts: Iterable[dict[str, str]]) -> list[str]:
        """The chosen language first, then the plan's, then any other found in ``texts``."""
        found: set[str] = set()
        for value in texts:
            found.update(value)
        out: list[str] = []
        for lang in (self.lang, *self.plan_langs, *sorted(found)):
            if lang not in out:
                out.append(lang)
        return out

    def label(self, value: Enum | None) -> str:
        if value is None:
            return ""
        return self.t(LABELS.get(value.value, value.value))


def number_format(places: int | None) -> str:
    return "#,##0" if not places else "#,##0." + "0" * places


def _expand(ctx: Context, cols: Sequence[Col], records: list[Any]) -> list[tuple[Col, str | None]]:
    """Columns in sheet order: people's columns first, technical ones last."""
    visible: list[tuple[Col, str | None]] = []
    technical: list[tuple[Col, str | None]] = []
    for col in cols:
        if col.kind is Kind.I18N:
            langs = ctx.languages(getattr(r, col.key) or {} for r in records)
            visible.extend((col, lang) for lang in langs)
        elif col.kind in TECHNICAL or col.key == "position":
            technical.append((col, None))
        else:
            visible.append((col, None))
    return visible + technical


def make_columns(ctx: Context, expanded: list[tuple[Col, str | None]]) -> list[Column]:
    out = []
    for col, lang in expanded:
        if lang is not None:
            out.append(
                Column(
                    f"{col.key}@{lang}",
                    f"{ctx.t(col.label)} ({lang.upper()})",
                    col.width if lang == ctx.lang else max(12, col.width // 2),
                    Kind.I18N,
                )
            )
            continue
        hidden = col.kind in TECHNICAL or col.key == "position"
        fmt = None
        if col.kind is Kind.DEC:
            fmt = "General" if col.places is None else number_format(col.places)
        elif col.kind is Kind.DATE:
            fmt = "yyyy-mm-dd"
        out.append(Column(col.key, ctx.t(col.label), col.width, col.kind, hidden, fmt))
    out.append(Column(FALLBACKS, FALLBACKS, 6, Kind.TEXT, hidden=True))
    return out


_TEXT, _ENUM, _REF, _VALUE, _EXTRA = range(5)


def _reader(expanded: list[tuple[Col, str | None]], record: Any, extra: dict[str, Any]) -> list:
    """How ``record_row`` reads each column: (how, field index or name, language).

    Made once per sheet from its first record: a table row is read by position (a
    missing attribute of a SQLAlchemy ``Row`` costs an exception each time)."""
    fields = getattr(record, "_fields", None)
    plan = []
    for col, lang in expanded:
        key: Any = col.key
        if key in extra:
            how = _EXTRA
        elif fields is not None and key not in fields:
            how, key = _VALUE, None
        else:
            if fields is not None:
                key = fields.index(key)
            if lang is not None:
                how = _TEXT
            elif col.kind is Kind.ENUM:
                how = _ENUM
            elif col.kind in (Kind.REF, Kind.ID):
                how = _REF
            else:
                how = _VALUE
        plan.append((how, key, lang, col.key))
    return plan


def record_row(
    ctx: Context,
    sheet: SheetData,
    reader: list,
    record: Any,
    extra: dict[str, Any],
    where: str,
) -> list[Any]:
    """One record's cells; a text missing in the lead language shows the fallback."""
    row: list[Any] = []
    fell_back: list[str] = []
    row_index = len(sheet.rows)
    for how, key, lang, name in reader:
        if how == _EXTRA:
            row.append(extra[name])
            continue
        if key is None:
            value = None
        else:
            value = record[key] if type(key) is int else getattr(record, key, None)
        if how == _TEXT:
            texts = value or {}
            text = texts.get(lang, "")
            if lang == ctx.lang and not text and texts:
                picked = pick_for_report(ctx.report, texts, ctx.plan_langs, where, name)
                text = picked.text
                fell_back.append(name)
                sheet.fallback_cells.add((row_index, len(row)))
            row.append(text or None)  # an empty text is an empty cell, not ""
        elif how == _ENUM:
            row.append(ctx.label(value))
        elif how == _REF:
            row.append(str(value) if value is not None else None)
        else:
            row.append(None if value == "" else value)
    row.append(",".join(fell_back) or None)
    return row


def tree_order(records: list[Any]) -> list[tuple[Any, int]]:
    """Depth first, siblings by position: (record, depth)."""
    children: dict[uuid.UUID | None, list[Any]] = defaultdict(list)
    ids = {r.id for r in records}
    for r in records:
        parent = r.parent_id if r.parent_id in ids else None
        children[parent].append(r)
    for kids in children.values():
        kids.sort(key=lambda r: (r.position, str(r.id)))
    out: list[tuple[Any, int]] = []
    stack = [(r, 0) for r in reversed(children[None])]
    while stack:
        node, depth = stack.pop()
        out.append((node, depth))
        stack.extend((kid, depth + 1) for kid in reversed(children.get(node.id, ())))
    return out


def document_order(ctx: Context, records: list[Any]) -> list[tuple[Any, int]]:
    """Objectives as the tree and the document show them (strategic objectives grouped
    by policy field), with their depth; rows under a deleted parent last."""
    nodes = tree_nodes(ctx.s, ctx.plan.id)
    place = {node.id: index for index, node in enumerate(nodes)}
    depth: dict[uuid.UUID, int] = {}
    for node in nodes:
        depth[node.id] = 0 if node.parent_id is None else depth[node.parent_id] + 1
    ordered = sorted(records, key=lambda r: (place.get(r.id, len(place)), str(r.id)))
    return [(r, depth.get(r.id, 0)) for r in ordered]


def build_records(
    ctx: Context,
    key: str,
    cols: Sequence[Col],
    ordered: list[tuple[Any, int]],
    extras: Callable[[Any], dict[str, Any]] | None = None,
    where: Callable[[Any], str] | None = None,
    indent_key: str | None = None,
) -> SheetData:
    """A sheet with one row per record, in the given order and outline depth."""
    records = [r for r, _depth in ordered]
    expanded = _expand(ctx, cols, records)
    title = ctx.t(SHEET_TITLES[key])
    sheet = SheetData(key, title, make_columns(ctx, expanded))
    if indent_key is not None:
        lead = f"{indent_key}@{ctx.lang}"
        sheet.indent[next(i for i, c in enumerate(sheet.columns) if c.key == lead)] = 1
    order = ctx.order.setdefault(key, {})
    reader: list | None = None
    for index, (record, depth) in enumerate(ordered):
        order[record.id] = index
        label = where(record) if where else f"{title} {index + 1}"
        extra = extras(record) if extras else {}
        if reader is None:
            reader = _reader(expanded, record, extra)
        sheet.rows.append(record_row(ctx, sheet, reader, record, extra, label))
        sheet.levels.append(depth)
    return sheet


# --- the sheets ------------------------------------------------------------------------


def plan_sheet(ctx: Context) -> SheetData:
    return build_records(ctx, "plan", PLAN_COLS, [(ctx.plan, 0)], where=lambda p: p.code)


def _refs(ids: Iterable[uuid.UUID]) -> str | None:
    return " ".join(sorted(str(i) for i in ids)) or None


def units_sheet(ctx: Context) -> SheetData:
    ordered = tree_order(ctx.rows_of(OrgUnit))
    ctx.unit_names = {u.id: u.code or pick_text(ctx, u.name) for u, _d in ordered}
    return build_records(
        ctx, "units", UNIT_COLS, ordered, where=lambda u: u.code or "", indent_key="name"
    )


def pick_text(ctx: Context, texts: dict[str, str]) -> str:
    for lang in (ctx.lang, *ctx.plan_langs, *sorted(texts)):
        if texts.get(lang):
            return texts[lang]
    return ""


TARGET_YEARS_AFTER = 3  # target columns after the plan's period, even when empty


def indicators_sheet(ctx: Context) -> SheetData:
    indicators = ctx.rows_of(Indicator)
    order = ctx.order.get("objectives", {})
    indicators.sort(key=lambda i: (order.get(i.objective_id, len(order)), i.position))
    values: dict[uuid.UUID, dict[str, Decimal | None]] = defaultdict(dict)
    years = set(range(ctx.plan.first_year, ctx.plan.last_year + 1))
    for v in ctx.rows_of(IndicatorValue):
        values[v.indicator_id][f"val:{v.year}:{v.kind.value}"] = v.value
        years.add(v.year)
    # Targets reach beyond the plan's period (issue 26): a few years after it get a
    # target column of their own, so a 2027 target can be typed into a 2025 plan's sheet.
    later = [y for y in range(ctx.plan.last_year + 1, ctx.plan.last_year + 1 + TARGET_YEARS_AFTER)]
    pivot = [
        Col(f"val:{year}:{kind.value}", f"{year} {ctx.label(kind)}", Kind.DEC, 11)
        for year in sorted(years | set(later))
        for kind in ValueKind
        if year in years or kind is ValueKind.TARGET
    ]
    cols = (*INDICATOR_COLS[:3], *pivot, *INDICATOR_COLS[3:])

    statuses = indicator_statuses(ctx)

    def extras(i: Indicator) -> dict[str, Any]:
        own = values.get(i.id, {})
        return {
            "~objective": ctx.codes.get(i.objective_id, ""),
            STATUS_KEY: statuses.get(i.id, ""),
        } | {c.key: own.get(c.key) for c in pivot}

    sheet = build_records(
        ctx,
        "indicators",
        cols,
        [(i, 0) for i in indicators],
        extras,
        where=lambda i: f"{ctx.t(N_('Indicator'))} {ctx.codes.get(i.objective_id, '')}",
    )
    for column in sheet.columns:  # pivot labels are already translated
        if column.key.startswith("val:"):
            column.label = next(c.label for c in pivot if c.key == column.key)
        elif column.key == STATUS_KEY:
            column.label = status_label(ctx)
    return sheet


def record_sheet(
    ctx: Context, spec: SheetSpec, row_extras: Callable[[Any], dict[str, Any]] | None = None
) -> SheetData:
    """A sheet of ``spec``'s rows; ``row_extras`` gives a row's info columns where the
    caller knows them (the units of objectives: ``excel_units``)."""
    records = ctx.rows_of(spec.model)
    if spec.owner is not None:
        owner_sheet = _OWNER_SHEET.get(spec.key)
        order = ctx.order.get(owner_sheet, {}) if owner_sheet else {}
        # Only the fields the table has (a missing one on a Row raises, per row).
        fields = set(records[0]._fields) if records else set()
        ties = [k for k in ("position", "key", "year", "quarter") if k in fields]
        kind = "kind" in fields
        records.sort(
            key=lambda r: (
                order.get(getattr(r, spec.owner), len(order)),
                *(getattr(r, k) for k in ties),
                str(r.kind) if kind else "",
            )
        )
    elif spec.key == "levels":
        records.sort(key=lambda r: r.level.rank)
    else:
        fields = set(records[0]._fields) if records else set()
        ties = [k for k in ("position", "year") if k in fields]
        records.sort(key=lambda r: tuple(getattr(r, k) for k in ties))
    extras = row_extras
    if spec.key == "diversity_objectives":
        pillars: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
        for link in ctx.rows_of(DiversityObjectivePillar):
            pillars[link.objective_id].append(link.pillar_id)

        def extras(r: Any) -> dict[str, Any]:
            return {"pillars": _refs(pillars.get(r.id, ()))}

    if spec.key == "milestones":

        def extras(r: Any) -> dict[str, Any]:
            return {"~objective": ctx.codes.get(r.objective_id, "")}

    if spec.key == "chapter_parts":

        def extras(r: Any) -> dict[str, Any]:
            return {"~chapter": ctx.chapter_names.get(r.section_id, "")}

    if spec.key in ("indicator_quarters", "indicator_units"):
        names = {r.id: pick_text(ctx, r.name) for r in ctx.rows_of(Indicator)}
        units = {r.id: pick_text(ctx, r.name) for r in ctx.rows_of(OrgUnit)}

        def extras(r: Any) -> dict[str, Any]:
            found = {"~indicator": names.get(r.indicator_id, "")}
            if spec.key == "indicator_units":
                found["~unit"] = units.get(r.unit_id, "")
            return found

    if spec.key == "diversity_indicators":
        statuses = diversity_statuses(ctx)

        def extras(r: Any) -> dict[str, Any]:
            return {STATUS_KEY: statuses.get(r.id, "")}

    if spec.key == "diversity_values":
        indicators = {r.id: pick_text(ctx, r.name) for r in ctx.rows_of(DiversityIndicator)}

        def extras(r: Any) -> dict[str, Any]:
            return {"~indicator": indicators.get(r.indicator_id, "")}

    if spec.key == "printed_totals":
        lines = {r.id: pick_text(ctx, r.title) for r in ctx.rows_of(BudgetLine)}

        def extras(r: Any) -> dict[str, Any]:
            if r.budget_line_id is not None:
                return {"~total": lines.get(r.budget_line_id, "")}
            if r.unit_id is not None:
                return {"~total": ctx.unit_names.get(r.unit_id, "")}
            return {"~total": ctx.t("Total")}

    if spec.key == "images":

        def extras(r: Any) -> dict[str, Any]:
            return {
                "~chapter": ctx.chapter_names.get(r.section_id, "") if r.section_id else "",
                "~size": f"{r.width} × {r.height}",
            }

    sheet = build_records(ctx, spec.key, spec.cols, [(r, 0) for r in records], extras)
    for column in sheet.columns:
        if column.key == STATUS_KEY:
            column.label = status_label(ctx)
    return sheet


_OWNER_SHEET = {
    "milestones": "objectives",
    "indicator_quarters": "indicators",
    "indicator_units": "indicators",
    "objective_units": "objectives",
    "chapter_parts": "chapters",
    "communication": "chapters",
    "diversity_pillars": "diversity_plans",
    "diversity_bottlenecks": "diversity_plans",
    "diversity_priorities": "diversity_plans",
    "diversity_objectives": "diversity_plans",
    "diversity_indicators": "diversity_plans",
    "diversity_actions": "diversity_objectives",
    "diversity_values": "diversity_indicators",
}

RECORD_SPECS = {spec.key: spec for spec in RECORD_SHEETS}


def image_data_sheet(ctx: Context) -> SheetData:
    """The live images' bytes as base64 in parts (a cell holds 32,767 characters):
    one row per part, hidden; the importer puts them together and checks them."""
    table = PlanImage.__table__
    query = (
        select(table.c.id, table.c.data)
        .where(table.c.plan_id == ctx.plan.id, table.c.deleted.is_(False))
        .order_by(table.c.id)
    )
    sheet = SheetData(
        "image_data",
        ctx.t(SHEET_TITLES["image_data"]),
        [
            Column("image_id", ctx.t(N_("Image")), 36, Kind.REF),
            Column("part", ctx.t(N_("Part")), 6, Kind.INT),
            Column("data", ctx.t(N_("Data")), 60, Kind.TEXT),
        ],
        hidden=True,
    )
    for image_id, data in ctx.s.execute(query):
        text = base64.b64encode(data or b"").decode("ascii")
        for part, start in enumerate(range(0, len(text), IMAGE_PART)):
            sheet.rows.append([str(image_id), part, text[start : start + IMAGE_PART]])
    return sheet


def row_kind_column() -> Column:
    return Column(ROW_KIND, ROW_KIND, 6, Kind.TEXT, hidden=True)
