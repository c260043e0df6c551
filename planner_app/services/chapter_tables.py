"""A chapter's simple table: rows of text cells (one text per language in each), the
first rows optionally a header. Enough for the small tables plans hold beside their
text (a list of directorates and their missions, a calendar); the figures the app
computes (budget, staffing) have tables of their own.

A row's cells are one value: an edit writes the whole row, and says what it replaced
(``Changed.old``) for undo. Inserting or removing a column rewrites every row of the
table in one transaction (``set_table_cells``, which also undoes it).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence

from sqlalchemy import select

from planner_app.domain import ChapterTableRow, PlanSection
from planner_app.domain.enums import GENERATED_KINDS
from planner_app.errors import ValidationError
from planner_app.i18n import _
from planner_app.services import rows
from planner_app.services.common import Changed, Entity, check_i18n, get_live, writable_plan
from planner_app.storage import PlanFile

MAX_COLUMNS = 12
MAX_ROWS = 500
MAX_CELL = 2_000
_SCOPE = ("section_id",)

Cells = Sequence[Mapping[str, str] | str]


def _check_cells(cells: Cells, languages: list[str]) -> list[dict[str, str]]:
    if len(cells) > MAX_COLUMNS:
        raise ValidationError(
            _("Table"), _("a table has at most {n} columns.").format(n=MAX_COLUMNS)
        )
    out = []
    for n, cell in enumerate(cells, 1):
        field = _("Column {n}").format(n=n)
        out.append(
            check_i18n(
                field,
                dict(cell) if not isinstance(cell, str) else cell,
                languages=languages,
                limit=MAX_CELL,
            )
        )
    return out


def _merge(old: list[dict[str, str]], new: list[dict[str, str]]) -> list[dict[str, str]]:
    """``new`` cells over ``old`` per language (a language a new cell does not name is
    kept); the row takes ``new``'s length."""
    merged = []
    for index, cell in enumerate(new):
        kept = dict(old[index]) if index < len(old) else {}
        kept.update(cell)
        merged.append({k: v for k, v in kept.items() if v})
    return merged


def _section(s, section_id: uuid.UUID) -> tuple[PlanSection, list[str]]:
    section = get_live(s, PlanSection, section_id, "chapter")
    plan = writable_plan(s, section.plan_id)
    if section.kind in GENERATED_KINDS:
        raise ValidationError(_("Table"), _("this chapter's content is made by the app."))
    return section, plan.language_list


def add_table_row(
    store: PlanFile,
    section_id: uuid.UUID,
    *,
    cells: Cells = (),
    header: bool = False,
    position: int | None = None,
) -> Changed:
    with store.transaction() as s:
        section, langs = _section(s, section_id)
        count = len(rows.siblings(s, ChapterTableRow, {"section_id": section.id}))
        if count >= MAX_ROWS:
            raise ValidationError(_("Table"), _("a table has at most {n} rows.").format(n=MAX_ROWS))
        width = _width(s, section.id)
        checked = _check_cells(cells, langs)
        checked += [{} for _i in range(max(0, width - len(checked)))]
        row = ChapterTableRow(
            id=uuid.uuid4(),
            plan_id=section.plan_id,
            section_id=section.id,
            header=bool(header),
            cells=checked or [{}],
        )
        rows.insert_at(s, row, {"section_id": section.id}, position)
        return Changed(Entity.SECTION, (section.id, row.id), "created", extra={"table": True})


def _width(s, section_id: uuid.UUID) -> int:
    return max(
        (
            len(r.cells)
            for r in s.scalars(
                select(ChapterTableRow).where(
                    ChapterTableRow.section_id == section_id, ChapterTableRow.deleted.is_(False)
                )
            )
        ),
        default=0,
    )


def update_table_row(
    store: PlanFile,
    row_id: uuid.UUID,
    *,
    cells: Cells | None = None,
    header: bool | None = None,
) -> Changed:
    """Set a row's cells (per language over what they hold) or header flag."""
    with store.transaction() as s:
        row = get_live(s, ChapterTableRow, row_id, "row")
        _section_row, langs = _section(s, row.section_id)
        old = {"cells": [dict(c) for c in row.cells], "header": row.header}
        if cells is not None:
            row.cells = _merge(row.cells, _check_cells(cells, langs))
        if header is not None:
            row.header = bool(header)
        new = {"cells": [dict(c) for c in row.cells], "header": row.header}
        return Changed(
            Entity.SECTION,
            (row.section_id, row.id),
            "updated",
            tuple(old),
            extra={"table": True},
            old=old,
            new=new,
        )


def set_table_cells(
    store: PlanFile, section_id: uuid.UUID, cells: Mapping[uuid.UUID, Cells]
) -> Changed:
    """Write the cells of several rows of one table as given (whole rows, not merged):
    inserting or removing a column, and its undo. ``Changed.old["cells"]`` maps each
    row to the cells it had."""
    with store.transaction() as s:
        section, langs = _section(s, section_id)
        old: dict[uuid.UUID, list[dict[str, str]]] = {}
        for row_id, row_cells in cells.items():
            row = get_live(s, ChapterTableRow, row_id, "row")
            if row.section_id != section.id:
                raise ValidationError(_("Table"), _("the row belongs to another chapter."))
            old[row.id] = [dict(c) for c in row.cells]
            row.cells = _check_cells(row_cells, langs)
        return Changed(
            Entity.SECTION,
            (section.id, *old),
            "updated",
            ("cells",),
            extra={"table": True},
            old={"cells": old},
            new={"cells": {k: [dict(c) for c in cells[k]] for k in old}},
        )


def insert_column(store: PlanFile, section_id: uuid.UUID, index: int) -> Changed:
    """An empty column at ``index`` in every row of the chapter's table."""
    return _reshape(store, section_id, lambda cells: [*cells[:index], {}, *cells[index:]])


def remove_column(store: PlanFile, section_id: uuid.UUID, index: int) -> Changed:
    """Remove column ``index`` from every row (a table keeps at least one column)."""
    return _reshape(store, section_id, lambda cells: cells[:index] + cells[index + 1 :] or [{}])


def _reshape(store: PlanFile, section_id: uuid.UUID, change) -> Changed:
    with store.read() as s:
        current = {
            r.id: [dict(c) for c in r.cells]
            for r in rows.siblings(s, ChapterTableRow, {"section_id": section_id})
        }
    return set_table_cells(store, section_id, {k: change(v) for k, v in current.items()})


def delete_table_row(store: PlanFile, row_id: uuid.UUID) -> Changed:
    return rows.delete_row(
        store, ChapterTableRow, row_id, entity=Entity.TABLE_ROW, scope_fields=_SCOPE
    )


def restore_table_row(
    store: PlanFile, ids: tuple[uuid.UUID, ...], position: int | None = None
) -> Changed:
    return rows.restore_rows(
        store, ChapterTableRow, ids, entity=Entity.TABLE_ROW, scope_fields=_SCOPE, position=position
    )


def move_table_row(store: PlanFile, row_id: uuid.UUID, position: int) -> Changed:
    return rows.move_row(
        store, ChapterTableRow, row_id, position, entity=Entity.TABLE_ROW, scope_fields=_SCOPE
    )
