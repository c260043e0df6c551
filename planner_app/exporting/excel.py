"""Export one plan to an .xlsx workbook that a spreadsheet can compute and we can read back.

Sheets per area (objectives with the tree as outline groups, milestones, indicators,
budget with SUM formulas, staffing with totals and planned - as-is, chapters, units,
and the smaller lists), labels in the chosen content language, every language of
every text kept in its own column, ids in hidden columns (see ``excel_layout``).

The file is written beside ``out`` under a temporary name and renamed over it at the
end, so a failed or cancelled export leaves no half file behind.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Collection
from pathlib import Path

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty

from planner_app.domain.enums import PlanState
from planner_app.domain.labels import LABELS
from planner_app.errors import ValidationError
from planner_app.exporting import excel_chapters, excel_pivots, excel_sheets, excel_units
from planner_app.exporting.excel_layout import FORMAT, META_SHEET, PARTS, SHEET_ORDER
from planner_app.exporting.excel_long_texts import KEY as LONG_TEXTS
from planner_app.exporting.excel_long_texts import long_texts_sheet
from planner_app.exporting.excel_sheets import Context, SheetData
from planner_app.exporting.excel_write import sheet_name, write_sheet
from planner_app.exporting.report import (
    ExportCancelledError,
    ExportReport,
    Progress,
    cannot_write,
    fixed_content_warning,
)
from planner_app.i18n import _, translator
from planner_app.services.common import get_plan
from planner_app.storage import PlanFile


def collect_sheets(store: PlanFile, plan_id: uuid.UUID, report: ExportReport) -> list[SheetData]:
    """Every sheet of the plan as values, in workbook order (one read transaction)."""
    t = translator(report.language)
    with store.read() as s:
        ctx = Context(s, get_plan(s, plan_id), report, t)
        built: dict[str, SheetData] = {}
        # Units and chapters first: other sheets show their names.
        built["units"] = excel_sheets.units_sheet(ctx)
        built["plan"] = excel_sheets.plan_sheet(ctx)
        built["objectives"] = excel_units.objectives_sheet(ctx)
        built["unit_matrix"] = excel_units.matrix_sheet(ctx, ctx.unit_links)
        built["indicators"] = excel_sheets.indicators_sheet(ctx)
        built["budget"] = excel_pivots.budget_sheet(ctx)
        built["staffing"] = excel_pivots.staffing_sheet(ctx)
        built["chapters"] = excel_chapters.chapters_sheet(ctx)
        built["chapter_tables"] = excel_chapters.tables_sheet(ctx)
        built["image_data"] = excel_sheets.image_data_sheet(ctx)
        built["objective_units"] = excel_sheets.record_sheet(
            ctx,
            excel_sheets.RECORD_SPECS["objective_units"],
            excel_units.unit_link_extras(ctx, ctx.unit_links),
        )
        for key in SHEET_ORDER:
            if key not in built and key != LONG_TEXTS:
                built[key] = excel_sheets.record_sheet(ctx, excel_sheets.RECORD_SPECS[key])
        built[LONG_TEXTS] = long_texts_sheet([built[k] for k in SHEET_ORDER if k in built], t)
        properties = _properties(ctx)
    sheets = [built[key] for key in SHEET_ORDER]
    sheets[0].properties = properties  # type: ignore[attr-defined]
    return sheets


def _properties(ctx: Context) -> dict[str, str]:
    plan = ctx.plan
    return {
        "title": excel_sheets.pick_text(ctx, plan.title),
        "organisation": excel_sheets.pick_text(ctx, plan.organisation),
        "code": plan.code,
        "version": str(plan.version_no),
        "state": ctx.t(LABELS[PlanState(plan.state).value]),
        "years": f"{plan.first_year}-{plan.last_year}",
    }


def export_xlsx(
    store: PlanFile,
    plan_id: uuid.UUID,
    out: Path,
    *,
    language: str,
    progress: Progress | None = None,
    parts: Collection[str] | None = None,
) -> ExportReport:
    """Write the plan to ``out`` in content language ``language``; atomic. ``parts``
    (keys of ``PARTS``: objectives, budget, …) limits the workbook to those areas."""
    out = Path(out)
    report = ExportReport(language)
    fixed, warning = fixed_content_warning(store, plan_id, language)
    if fixed is not None and warning:
        report.warnings.append(fixed.problem())
    sheets = collect_sheets(store, plan_id, report)
    props: dict[str, str] = sheets[0].properties  # type: ignore[attr-defined]
    if parts is not None:
        unknown = set(parts) - set(PARTS)
        if unknown:
            raise ValidationError(
                _("Parts"),
                _("unknown part {part}; choose from {parts}.").format(
                    part=", ".join(sorted(unknown)), parts=", ".join(PARTS)
                ),
            )
        keep = {"plan", LONG_TEXTS}.union(*(PARTS[p] for p in parts))
        sheets = [sheet for sheet in sheets if sheet.key in keep]
    # The sheet of long texts only when some text is longer than a cell.
    sheets = [sheet for sheet in sheets if sheet.key != LONG_TEXTS or sheet.rows]
    total = sum(len(s.rows) for s in sheets) or 1
    done = 0

    def tick(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None and progress(min(done, total), total) is False:
            raise ExportCancelledError()

    if progress is not None and progress(0, total) is False:
        raise ExportCancelledError()
    wb = Workbook(write_only=True)
    _set_properties(wb, props, language)
    taken: set[str] = {META_SHEET.lower()}
    names: dict[str, str] = {}
    header = f"{props['code']} · {props['title']}"
    try:
        for sheet in sheets:
            name = names[sheet.key] = sheet_name(sheet.title, taken)
            write_sheet(wb, sheet, name, report, tick, header_text=header[:200], warning=warning)
    except BaseException:
        _discard(wb)
        raise
    meta = wb.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    meta.append(["format", FORMAT])
    meta.append(["language", language])
    if parts is not None:
        meta.append(["parts", ",".join(sorted(parts))])
    for key, name in names.items():
        meta.append([f"sheet:{key}", name])
    temp = out.with_name(f".{out.name}.{uuid.uuid4().hex[:8]}.part")
    try:
        _save(wb, temp)
        if progress is not None and progress(total, total) is False:
            raise ExportCancelledError()
        temp.replace(out)
    except OSError as err:  # a full disk, a missing or read-only folder
        _discard(wb)
        raise cannot_write(out, err) from err
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    return report


def _save(wb: Workbook, path: Path) -> None:
    """``wb.save(path)``, whose zip archive is closed also when writing fails (a full
    disk): openpyxl leaves it open, and collecting it later prints "Exception ignored"."""
    from zipfile import ZIP_DEFLATED, ZipFile

    from openpyxl.writer.excel import ExcelWriter

    archive = ZipFile(path, "w", ZIP_DEFLATED, allowZip64=True)
    try:
        ExcelWriter(wb, archive).save()
    except BaseException:
        with contextlib.suppress(Exception):
            archive.close()
        raise


def _discard(wb: Workbook) -> None:
    """Close and remove the temporary files of a write-only workbook never saved."""
    for ws in wb.worksheets:
        with contextlib.suppress(Exception):
            ws.close()
        # A sheet whose writing failed (a full disk) still has its row generator open:
        # closed here, it would otherwise print "Exception ignored" when collected.
        for name in ("_rows",):
            generator = getattr(ws, name, None)
            if generator is not None:
                with contextlib.suppress(Exception):
                    generator.close()
        writer = getattr(ws, "_writer", None)
        if writer is not None:
            with contextlib.suppress(Exception):
                writer.cleanup()


def _set_properties(wb: Workbook, props: dict[str, str], language: str) -> None:
    p = wb.properties
    p.title = props["title"][:250]
    p.subject = props["organisation"][:250]
    p.creator = "planner-app"
    p.keywords = props["code"]
    p.version = props["version"]
    p.contentStatus = props["state"]
    p.language = language
    p.description = props["years"]
    for name, key in (
        ("Organisation", "organisation"),
        ("Plan code", "code"),
        ("Version", "version"),
        ("State", "state"),
    ):
        if props[key]:
            wb.custom_doc_props.append(StringProperty(name=name, value=props[key][:250]))
