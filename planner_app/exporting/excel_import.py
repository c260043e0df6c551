"""Import a workbook written by ``export_xlsx`` into a plan file, all or nothing.

The file is checked before openpyxl opens it (``excel_limits``), read in read-only mode
(``excel_read``), every cell is validated (``excel_records``) and only then are the rows
added in one transaction through the ORM session, so the change log records each of
them like any edit. An imported plan is always a draft.
"""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from planner_app.domain import Base, Plan
from planner_app.exporting.excel_build import build
from planner_app.exporting.excel_limits import WorkbookError, check_workbook_file
from planner_app.exporting.excel_long_texts import join_long_texts
from planner_app.exporting.excel_read import Problems, first_line, read_workbook
from planner_app.exporting.excel_records import Builder
from planner_app.exporting.report import Progress
from planner_app.i18n import N_, _
from planner_app.services.plans import _check_code, _check_languages, _check_period
from planner_app.storage import PlanFile

COUNTED = {
    "objectives": N_("objectives"),
    "milestones": N_("milestones"),
    "indicators": N_("indicators"),
    "indicator_values": N_("indicator values"),
    "budget": N_("budget lines"),
    "budget_amounts": N_("budget amounts"),
    "staffing_figures": N_("staffing figures"),
    "units": N_("units"),
    "chapters": N_("chapters"),
    "signatories": N_("signatories"),
    "diversity_plans": N_("diversity plans"),
}


class ImportCancelledError(Exception):
    """The user cancelled; the plan file is as it was."""


@dataclass
class ImportResult:
    file: Path
    code: str
    plan_id: uuid.UUID
    dry_run: bool
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        head = (
            _("Would import plan {code} (as a draft) into {file}:")
            if self.dry_run
            else _("Imported plan {code} (as a draft) into {file}:")
        )
        out = [head.format(code=self.code, file=self.file)]
        for what, n in self.counts.items():
            if what in COUNTED and n:
                out.append(f"  {n} {_(COUNTED[what])}")
        out.extend(self.notes)
        return out


def import_xlsx(
    file: Path,
    source: Path,
    *,
    plan_code: str | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Import ``source`` (.xlsx) as a new draft plan into plan file ``file`` (created if
    missing, unless ``dry_run``). Raises a ``WorkbookError`` listing every problem."""
    file, source = Path(file), Path(source)
    sheets, meta, problems = _read(source, progress)
    created = not file.exists()
    if created and dry_run:
        return _import(None, file, sheets, meta, problems, plan_code, dry_run, progress)
    store = PlanFile.create(file) if created else PlanFile.open(file)
    try:
        result = _import(
            store, file, sheets, meta, problems, plan_code, dry_run, progress, backup=not created
        )
    except BaseException:
        store.close()
        if created:
            real = store.real_path
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(FileNotFoundError):
                    real.with_name(real.name + suffix).unlink()
        raise
    store.close()  # committed: a backup that fails now is a warning, not a failure
    if store.backup_problem:
        result.notes.append(
            _("The import is saved, but a backup on closing could not be made: {problem}").format(
                problem=store.backup_problem
            )
        )
    return result


def import_into(
    store: PlanFile,
    source: Path,
    *,
    plan_code: str | None = None,
    progress: Progress | None = None,
    free_code: bool = False,
) -> ImportResult:
    """``import_xlsx`` into a plan file that is already open (the window's). With
    ``free_code`` a code another plan of the file has becomes ``code-2`` (``-3``, …)."""
    sheets, meta, problems = _read(Path(source), progress)
    return _import(
        store, store.path, sheets, meta, problems, plan_code, False, progress, free_code=free_code
    )


def _read(source: Path, progress: Progress | None):
    check_workbook_file(source)
    problems = Problems(source)
    sheets, meta = read_workbook(source, problems)
    join_long_texts(sheets, problems)
    problems.raise_if_any()
    _tick(progress, 1, 3)
    return sheets, meta, problems


def _import(
    store,
    file,
    sheets,
    meta,
    problems,
    plan_code,
    dry_run,
    progress,
    *,
    free_code=False,
    backup=True,
) -> ImportResult:
    def exists(model: type, row_id: uuid.UUID) -> bool:
        if store is None:
            return False
        with store.read() as s:
            return s.get(model, row_id) is not None

    plan_row = sheets["plan"].rows[0].values.get("id") if sheets["plan"].rows else None
    remap = False
    if plan_row is not None and store is not None:
        with contextlib.suppress(ValueError):
            remap = exists(Plan, uuid.UUID(str(plan_row)))
    builder = _build(sheets, problems, meta, plan_code, remap, exists)
    if not remap and store is not None and _ids_in_file(store, builder.rows):
        # A new plan id whose rows' ids are in the file already (a workbook of one of
        # its plans, given a new plan id): imported as a copy, every id new.
        builder = _build(sheets, Problems(problems.source), meta, plan_code, True, exists)
        builder.notes.append(
            _("Rows of this workbook are in the file already; they were imported with new ids.")
        )
    plan = builder.plan
    assert plan is not None
    _tick(progress, 2, 3)
    if store is not None and dry_run:
        with store.read() as s:
            plan.code = _check_code(s, plan.code)
    elif store is not None:
        # A risky write: a backup first, whose copy must pass SQLite's integrity check
        # before the import commits (a damaged file is refused, unchanged).
        pending = store.start_backup("before-import") if backup else None
        try:
            with store.transaction() as s:
                plan.code = _check_code(s, _free_code(s, plan.code) if free_code else plan.code)
                _write(s, builder.rows)
                if pending is not None:
                    pending.finish()  # sound, or CorruptFileError: rolled back
                _tick(progress, 3, 3)
        except IntegrityError as err:  # a constraint the checks above did not foresee
            raise WorkbookError(
                Path(problems.source).name,
                _(
                    "cannot be imported: its rows collide with rows of {path} ({error}); "
                    "nothing was changed."
                ).format(path=file, error=first_line(err.orig)),
            ) from None
        finally:
            if pending is not None:
                pending.close()
    return ImportResult(file, plan.code, plan.id, dry_run, dict(builder.counts), builder.notes)


def _build(sheets, problems: Problems, meta, plan_code, remap: bool, exists) -> Builder:
    builder = Builder(sheets, problems, remap=remap, exists=exists)
    builder.lead = meta.get("language", "nl")
    build(builder, plan_code)
    if builder.plan is not None and not problems.items:  # rules on values that read well
        _check_plan(builder.plan, problems, sheets["plan"])
    problems.raise_if_any()
    return builder


def _ids_in_file(store: PlanFile, rows: list) -> bool:
    """Whether any of the rows' ids is taken in its table in the file already."""
    by_model: dict[type, list[uuid.UUID]] = {}
    for row in rows:
        row_id = getattr(row, "id", None)
        if row_id is not None:
            by_model.setdefault(type(row), []).append(row_id)
    with store.read() as s:
        for model, ids in by_model.items():
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                if s.scalar(select(model.id).where(model.id.in_(chunk)).limit(1)) is not None:
                    return True
    return False


def _free_code(s, code: str) -> str:
    taken = set(s.scalars(select(Plan.code).where(Plan.deleted.is_(False))))
    candidate, n = code, 2
    while candidate in taken:
        candidate, n = f"{code[:60]}-{n}", n + 1
    return candidate


def _check_plan(plan: Plan, problems: Problems, sheet) -> None:
    from planner_app.errors import ValidationError

    row = sheet.rows[0].number
    for key, check in (
        ("languages", lambda: _check_languages(plan.languages.split(","))),
        ("last_year", lambda: _check_period(plan.first_year, plan.last_year)),
    ):
        try:
            check()
        except ValidationError as err:
            problems.add(sheet, row, key, err.reason)


def _write(s, rows: list) -> None:
    """Add rows table by table in foreign-key order, parents before children."""
    order = {table.name: i for i, table in enumerate(Base.metadata.sorted_tables)}
    ranked = sorted(enumerate(rows), key=lambda p: (order[p[1].__tablename__], p[0]))
    current = None
    for _i, row in ranked:
        if row.__tablename__ != current and current is not None:
            s.flush()
        current = row.__tablename__
        s.add(row)
    s.flush()


def _tick(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and progress(done, total) is False:
        raise ImportCancelledError()
