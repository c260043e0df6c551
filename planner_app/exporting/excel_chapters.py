"""The chapter tree and the chapters' tables in the workbook.

The Chapters sheet lists the chapters depth first with their printed number (for the
reader), an outline level per depth, and in hidden columns the parent and position the
importer rebuilds the tree from. The Chapter tables sheet has one row per table row:
its chapter (hidden id, and its number for the reader), whether it is a header row, and
its cells as ``cell1@nl``, ``cell1@fr``, ``cell2@nl`` … (a cell per column and language).
"""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from types import SimpleNamespace
from typing import Any

from planner_app.domain import ChapterTableRow, PlanSection
from planner_app.domain.enums import GENERATED_KINDS
from planner_app.domain.plan import kinds_from
from planner_app.exporting import excel_read as cells
from planner_app.exporting.excel_layout import SHEET_TITLES, Kind
from planner_app.exporting.excel_records import Builder
from planner_app.exporting.excel_sheets import (
    RECORD_SPECS,
    Column,
    Context,
    SheetData,
    build_records,
    pick_text,
    tree_order,
)
from planner_app.i18n import N_, _
from planner_app.services.chapter_tables import MAX_CELL, MAX_COLUMNS
from planner_app.services.chapter_tree import outline_of, parts_with_content
from planner_app.services.common import check_text

_CELL = re.compile(r"^cell(\d+)@([a-z]{2})$")


def chapter_numbers(ctx: Context, records: list[Any]) -> dict[uuid.UUID, str]:
    """The printed number of each chapter (as ``services.chapter_tree`` derives it)."""
    ordered = tree_order(records)
    depth_first = [
        SimpleNamespace(
            id=r.id,
            parent_id=r.parent_id,
            kind=r.kind,
            kinds=(r.kind, *kinds_from(r.also)),
            body=r.body,
            numbered=r.numbered,
            title=r.title,
        )
        for r, _depth in ordered
    ]
    entries = outline_of(depth_first, parts_with_content(ctx.s, ctx.plan.id))  # type: ignore[arg-type]
    return {e.id: e.number for e in entries if e.id is not None}


def chapters_sheet(ctx: Context) -> SheetData:
    records = ctx.rows_of(PlanSection)
    numbers = chapter_numbers(ctx, records)
    ordered = tree_order(records)
    ctx.chapter_names = {
        r.id: " ".join(p for p in (numbers.get(r.id, ""), pick_text(ctx, r.title)) if p)
        or ctx.label(r.kind)
        for r, _d in ordered
    }
    return build_records(
        ctx,
        "chapters",
        RECORD_SPECS["chapters"].cols,
        ordered,
        extras=lambda r: {"~number": numbers.get(r.id) or None},
        indent_key="title",
    )


def tables_sheet(ctx: Context) -> SheetData:
    rows = ctx.rows_of(ChapterTableRow)
    order = ctx.order.get("chapters", {})
    rows.sort(key=lambda r: (order.get(r.section_id, len(order)), r.position))
    width = max((len(r.cells) for r in rows), default=1)
    langs = ctx.languages(cell for r in rows for cell in r.cells)
    columns = [Column("~chapter", ctx.t(N_("Chapter")), 24, Kind.INFO)]
    columns.append(Column("header", ctx.t(N_("Header row")), 8, Kind.BOOL))
    for n in range(1, width + 1):
        for lang in langs:
            label = ctx.t(N_("Column {n}")).format(n=n)
            columns.append(Column(f"cell{n}@{lang}", f"{label} ({lang.upper()})", 24, Kind.I18N))
    columns += [
        Column("position", ctx.t(N_("Position")), 8, Kind.INT, hidden=True),
        Column("section_id", ctx.t(N_("Chapter")), 10, Kind.REF, hidden=True),
        Column("id", ctx.t(N_("Id")), 10, Kind.ID, hidden=True),
    ]
    sheet = SheetData("chapter_tables", ctx.t(SHEET_TITLES["chapter_tables"]), columns)
    for r in rows:
        values: list[Any] = [ctx.chapter_names.get(r.section_id, ""), r.header]
        for n in range(width):
            cell = r.cells[n] if n < len(r.cells) else {}
            values += [cell.get(lang) or None for lang in langs]
        values += [r.position, str(r.section_id), str(r.id)]
        sheet.rows.append(values)
    return sheet


# --- import ----------------------------------------------------------------------------


def check_chapters(b: Builder, made: list[tuple[Any, PlanSection]]) -> None:
    """The rules the services keep: a made part (objectives, budget, staffing,
    signatures) once per plan, alone in its chapter; known kinds in "also holds"."""
    sheet = b.sheets["chapters"]
    seen: set[Any] = set()
    for row, section in made:
        if section.kind in GENERATED_KINDS:
            if section.kind in seen:
                b.problems.add(sheet, row.number, "kind", _("the plan already places this part."))
            seen.add(section.kind)
        words = [w.strip() for w in (section.also or "").split(",") if w.strip()]
        known = kinds_from(section.also or "")
        if (
            len(words) != len(known)
            or any(k in GENERATED_KINDS for k in known)
            or (known and section.kind in GENERATED_KINDS)
        ):
            b.problems.add(sheet, row.number, "also", _("names a kind a chapter cannot also hold."))
        section.also = ",".join(k.value for k in known if k is not section.kind)


def _or(value: int | None, default: int) -> int:
    return default if value is None else value


def _cell_text(value: Any) -> str:
    return check_text(_("Text"), cells.as_text(value), limit=MAX_CELL)


def table_rows(b: Builder) -> None:
    """The chapters' table rows, each checked as the services check them."""
    sheet = b.sheets["chapter_tables"]
    for row in sheet.rows:
        _old, new = b.own_id(sheet, row, ChapterTableRow)
        section = b.ref(
            sheet, row, "section_id", b.cell(sheet, row, "section_id", cells.as_uuid), PlanSection
        )
        by_column: dict[int, dict[str, str]] = defaultdict(dict)
        for key in row.values:
            match = _CELL.match(key)
            if match is None:
                continue
            text = b.cell(
                sheet, row, key, lambda v: check_text(_("Text"), cells.as_text(v), limit=MAX_CELL)
            )
            if text:
                by_column[int(match.group(1))][match.group(2)] = text
        width = max((int(m.group(1)) for k in sheet.keys if (m := _CELL.match(k))), default=1)
        if width > MAX_COLUMNS:
            b.problems.add(
                sheet, row.number, None, _("a table has at most {n} columns.").format(n=MAX_COLUMNS)
            )
        if section is None:
            if row.values.get("section_id") is None:
                b.problems.add(sheet, row.number, "section_id", _("must not be empty."))
            continue
        obj = ChapterTableRow(
            id=new,
            plan_id=b.plan.id,  # type: ignore[union-attr]
            section_id=section,
            position=_or(b.cell(sheet, row, "position", cells.as_int), row.number),
            header=bool(b.cell(sheet, row, "header", cells.as_bool)),
            cells=[by_column.get(n, {}) for n in range(1, width + 1)],
        )
        b.add(obj, "chapter_tables")
