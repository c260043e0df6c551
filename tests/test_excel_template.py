"""``export --xlsx-template``: a plan typed into the empty workbook, with codes and
unit names instead of ids, imports (issue 25, items 1 and 2)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from planner_app.cli import main
from planner_app.domain import Milestone, Objective, OrgUnit, Plan
from planner_app.domain.enums import ObjectiveLevel, PlanKind
from planner_app.exporting.excel_import import import_xlsx
from planner_app.exporting.excel_layout import FIRST_ROW, META_SHEET
from planner_app.exporting.excel_limits import WorkbookError
from planner_app.exporting.excel_template import write_template
from planner_app.storage import PlanFile

TODAY = dt.date(2026, 12, 7)


class Template:
    def __init__(self, path: Path) -> None:
        self.wb = load_workbook(path)
        meta = {r[0].value: r[1].value for r in self.wb[META_SHEET].iter_rows()}
        self.sheets = {
            k[len("sheet:") :]: self.wb[v] for k, v in meta.items() if str(k).startswith("sheet:")
        }

    def type(self, sheet: str, row: int, **cells) -> None:
        ws = self.sheets[sheet]
        keys = {c.value: c.column for c in ws[1] if c.value}
        for key, value in cells.items():
            ws.cell(
                FIRST_ROW + row, keys[key.replace("__", "@").replace("_tilde_", "~")]
            ).value = value


def typed_plan(path: Path, language: str) -> Path:
    """A small operational plan typed in as a person would: codes, names, no ids."""
    book = Template(path)
    levels = {"nl": ("strategisch", "operationeel"), "fr": ("stratégique", "opérationnel")}
    sd, od = levels[language]
    t = f"title__{language}"
    book.type("plan", 0, code="typed-2027", **{t: "Getypt plan"})
    book.type("units", 0, code="DGP", **{f"name__{language}": "DG Personeel"})
    book.type("units", 1, parent_id="DGP", **{f"name__{language}": "Dienst Selectie"})
    book.type("objectives", 0, code="1", level=sd, **{t: "Een sterke organisatie"})
    book.type(
        "objectives",
        1,
        level=od,
        parent_id="1",
        _tilde_lead="Dienst Selectie",
        **{t: "Sneller aanwerven"},
    )
    book.type("objectives", 2, code="2", level=sd, **{t: "Een tweede doel"})
    book.type(
        "milestones",
        0,
        _tilde_objective="1",
        period="Q2",
        **{f"text__{language}": "Procedure herzien"},
    )
    out = path.with_name(f"typed-{language}.xlsx")
    book.wb.save(out)
    return out


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_a_plan_typed_into_the_template_imports(tmp_path: Path, language: str):
    template = write_template(
        tmp_path / "template.xlsx", language=language, kind=PlanKind.STRATEGIC, today=TODAY
    )
    source = typed_plan(template, language)
    result = import_xlsx(tmp_path / "new.plan", source)
    assert result.code == "typed-2027"
    with PlanFile.open(tmp_path / "new.plan", readonly=True) as store, store.read() as s:
        plan = s.get(Plan, result.plan_id)
        assert (plan.first_year, plan.last_year, plan.languages) == (2027, 2032, language)
        units = {u.name[language]: u for u in s.scalars(select(OrgUnit))}
        assert units["Dienst Selectie"].parent_id == units["DG Personeel"].id
        objectives = {o.title[language]: o for o in s.scalars(select(Objective))}
        od = objectives["Sneller aanwerven"]
        assert od.level is ObjectiveLevel.OPERATIONAL
        assert od.parent_id == objectives["Een sterke organisatie"].id
        assert od.lead_unit_id == units["Dienst Selectie"].id
        assert od.code  # the next free code under its parent
        (milestone,) = s.scalars(select(Milestone))
        assert milestone.objective_id == objectives["Een sterke organisatie"].id


def test_the_template_has_instructions_and_drop_downs(tmp_path: Path):
    out = write_template(tmp_path / "t.xlsx", language="fr", kind="business", today=TODAY)
    wb = load_workbook(out)
    assert wb.sheetnames[0] == "Instructions"
    assert "planner-app import" in "".join(str(c.value) for c in wb.worksheets[0]["A"])
    objectives = wb["Objectifs"]
    lists = [v.formula1 for v in objectives.data_validations.dataValidation]
    assert any("stratégique" in f and "opérationnel" in f for f in lists)  # the levels
    assert any("Entités" in f for f in lists)  # the lead unit: names on the Units sheet
    plan_row = [c.value for c in wb["Plan"][FIRST_ROW]]
    assert 2027 in plan_row and "typed-2027" not in plan_row


def test_an_empty_template_is_refused_naming_what_is_missing(tmp_path: Path):
    out = write_template(tmp_path / "t.xlsx", language="nl", today=TODAY)
    with pytest.raises(WorkbookError, match=r"row 3, column A: must not be empty"):
        import_xlsx(tmp_path / "new.plan", out)
    assert not (tmp_path / "new.plan").exists()


def test_cli_writes_the_template(tmp_path: Path, capsys):
    out = tmp_path / "t.xlsx"
    assert main(["export", "--xlsx-template", str(out), "--lang", "fr", "--kind", "business"]) == 0
    assert out.exists()
    assert main(["export", "--xlsx-template", str(out), "--kind", "nope"]) == 1
    assert "--kind" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "x.plan"), "--xlsx-template", str(out)]) == 1


def test_cli_template_years(tmp_path: Path, capsys):
    """--years sets the new plan's period: the plan row and the year columns follow."""
    out = tmp_path / "t.xlsx"
    assert main(["export", "--xlsx-template", str(out), "--years", "2028-2033"]) == 0
    book = Template(out)
    plan = book.sheets["plan"]
    keys = [c.value for c in plan[1]]
    row = [c.value for c in plan[FIRST_ROW]]
    assert (row[keys.index("first_year")], row[keys.index("last_year")]) == (2028, 2033)
    years = {str(c.value).split(":")[1] for c in book.sheets["staffing"][1] if ":" in str(c.value)}
    assert {"2028", "2033"} <= years and "2027" not in years and "2034" not in years
    capsys.readouterr()
    for years_flag, message in (
        ("2028-2060", "at most 21 years"),
        ("soon", "--years: give the first and last year"),
    ):
        assert main(["export", "--xlsx-template", str(out), "--years", years_flag]) == 1
        assert message in capsys.readouterr().err
    assert (
        main(["export", "--xlsx-template", str(out), "--kind", "business", "--years", "2028-2029"])
        == 1
    )
    assert "a yearly plan covers one year" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "x.plan"), "--xlsx", str(out), "--years", "2028"]) == 1
    assert "--years: is for a new plan" in capsys.readouterr().err


# --- round trip of the plan shapes issues 23 and 24 added (item 4) ----------------------


def _shaped_plan(path: Path) -> tuple[Path, object]:
    """A French plan on the OS/OO/PRJ preset with a fourth level, a literal code, no
    status tracking, and an initiative "not applicable" in a plan that tracks status."""
    from planner_app.domain.enums import Status
    from planner_app.domain.levels import LevelSpec
    from planner_app.services import levels_edit, objectives, plans

    store = PlanFile.create(path)
    first = plans.create_plan(
        store,
        code="shape-fr",
        kind=PlanKind.STRATEGIC,
        title={"fr": "Plan de forme", "nl": "Vormplan"},
        first_year=2027,
        last_year=2031,
        languages=["fr", "nl"],
        track_status=False,
    ).id
    levels_edit.apply_preset(store, first, "french")
    action = LevelSpec(
        ObjectiveLevel.ACTION,
        True,
        {"fr": "Action", "nl": "Actie"},
        {"fr": "A{parent}.{n}", "nl": "A{parent}.{n}"},
    )
    levels_edit.set_levels(store, first, [action])
    add = objectives.add_objective
    sd = add(store, first, level=ObjectiveLevel.STRATEGIC, title={"fr": "Axe", "nl": "As"}).id
    add(store, first, level=ObjectiveLevel.STRATEGIC, title="Littéral", code="Axe 2")
    od = add(store, first, level=ObjectiveLevel.OPERATIONAL, title="OO", parent_id=sd).id
    init = add(store, first, level=ObjectiveLevel.INITIATIVE, title="PRJ", parent_id=od).id
    add(store, first, level=ObjectiveLevel.ACTION, title="Étape", parent_id=init)
    yearly = plans.create_plan(
        store,
        code="shape-op",
        kind=PlanKind.OPERATIONAL,
        title="Opérationnel",
        first_year=2027,
        languages=["fr"],
    ).id
    top = add(store, yearly, level=ObjectiveLevel.STRATEGIC, title="OS").id
    add(
        store,
        yearly,
        level=ObjectiveLevel.INITIATIVE,
        title="Sans objet",
        parent_id=top,
        status=Status.NOT_APPLICABLE,
    )
    return path, store


@pytest.mark.parametrize("code", ["shape-fr", "shape-op"])
def test_plans_of_the_new_shapes_round_trip_exactly(tmp_path: Path, code: str):
    import json

    from planner_app.exporting.excel import export_xlsx
    from planner_app.services.fingerprint import canonical_content
    from planner_app.services.plans import find_plan

    _path, store = _shaped_plan(tmp_path / "shapes.plan")
    try:
        plan_id = find_plan(store, code).id
        out = tmp_path / "shape.xlsx"
        export_xlsx(store, plan_id, out, language="nl")
        with store.read() as s:
            before = json.loads(canonical_content(s, plan_id))
    finally:
        store.close()
    import_xlsx(tmp_path / "back.plan", out)
    with PlanFile.open(tmp_path / "back.plan", readonly=True) as back, back.read() as s:
        assert json.loads(canonical_content(s, plan_id)) == before


def test_a_column_added_with_a_readable_header_is_read(tmp_path: Path):
    """No hidden key to rename: a column headed "Titre (FR)" holds the French title."""
    template = write_template(tmp_path / "t.xlsx", language="nl", today=TODAY)
    source = typed_plan(template, "nl")
    wb = load_workbook(source)
    ws = wb["Plan"]
    keys = [c.value for c in ws[1]]
    ws.cell(FIRST_ROW, keys.index("languages") + 1).value = "nl,fr"
    column = ws.max_column + 1
    ws.cell(2, column).value = "Titre (FR)"
    ws.cell(FIRST_ROW, column).value = "Plan saisi"
    wb.save(source)
    result = import_xlsx(tmp_path / "new.plan", source)
    with PlanFile.open(tmp_path / "new.plan", readonly=True) as store, store.read() as s:
        assert s.get(Plan, result.plan_id).title == {"nl": "Getypt plan", "fr": "Plan saisi"}


def test_year_columns_added_with_readable_headers(tmp_path: Path):
    """Years follow the plan: a column headed "2040 streefwaarde", "INI 2028 VL" or
    "2033 gepland VTE" is that year's target, amount or staffing figure."""
    from decimal import Decimal

    from planner_app.domain import BudgetAmount, IndicatorValue, StaffingFigure
    from planner_app.domain.enums import Statute
    from planner_app.domain.labels import LABELS
    from planner_app.i18n import translator

    t = translator("nl")
    template = write_template(tmp_path / "t.xlsx", language="nl", today=TODAY)
    source = typed_plan(template, "nl")
    book = Template(source)
    book.type("budget_stages", 0, code="INI", name__nl="Initieel")
    book.type("credit_types", 0, code="VL", name__nl="Vastleggingen")
    book.type("budget", 0, code="B1", title__nl="Werking")
    book.type("indicators", 0, _tilde_objective="1", name__nl="Aanwervingen")
    book.type("staffing", 0, _tilde_unit="DG Personeel", statute=Statute.STATUTORY.value)
    for sheet, header, value in (
        ("budget", "INI 2028 VL", 12.5),
        ("indicators", f"2040 {t(LABELS['target'])}", 40),
        ("staffing", f"2033 {t(LABELS['planned'])} {t('FTE')}", 3.5),
    ):
        ws = book.sheets[sheet]
        column = ws.max_column + 1
        ws.cell(2, column).value = header
        ws.cell(FIRST_ROW, column).value = value
    book.wb.save(source)
    result = import_xlsx(tmp_path / "new.plan", source)
    with PlanFile.open(tmp_path / "new.plan", readonly=True) as store, store.read() as s:
        amounts = [(a.year, a.amount) for a in s.scalars(select(BudgetAmount))]
        values = [(v.year, v.kind.value, v.value) for v in s.scalars(select(IndicatorValue))]
        figures = [(f.year, f.scenario.value, f.fte) for f in s.scalars(select(StaffingFigure))]
    assert result.counts["budget_amounts"] == 1 and amounts == [(2028, Decimal("12.5"))]
    assert values == [(2040, "target", Decimal(40))]
    assert figures == [(2033, "planned", Decimal("3.5"))]
    # a header naming a column the sheet has already would leave its values unread
    ws = book.sheets["staffing"]
    ws.cell(2, ws.max_column + 1).value = f"2029 {t(LABELS['planned'])} {t('FTE')}"
    book.wb.save(source)
    with pytest.raises(WorkbookError, match=r"row 2: the header of column .* same column as"):
        import_xlsx(tmp_path / "other.plan", source)
