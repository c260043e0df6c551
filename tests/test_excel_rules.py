"""The workbook import keeps the services' rules (issue 25, "one validation path").

Each test breaks one rule in an exported workbook, the way a person typing in Excel
would, and expects the import to be refused with the sheet, row and column named,
and the target file left exactly as it was.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from planner_app.exporting.excel import export_xlsx
from planner_app.exporting.excel_import import import_xlsx
from planner_app.exporting.excel_layout import FIRST_ROW, META_SHEET
from planner_app.exporting.excel_limits import WorkbookError
from planner_app.services.plans import find_plan, list_plans
from planner_app.storage import PlanFile

PLAN = "dkbuza-2025"  # a business plan with milestones; ibz-2025-2029 has the budget


@pytest.fixture(scope="module")
def workbooks(demo_source: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("rules")
    out = {}
    with PlanFile.open(demo_source, readonly=True) as store:
        for code in (PLAN, "ibz-2025-2029"):
            out[code] = folder / f"{code}.xlsx"
            export_xlsx(store, find_plan(store, code).id, out[code], language="nl")
    return out


@pytest.fixture
def workbook(workbooks: dict[str, Path]) -> Path:
    return workbooks[PLAN]


class Book:
    """An exported workbook opened for editing by sheet key and column key."""

    def __init__(self, path: Path) -> None:
        self.wb = load_workbook(path)
        self.names = {row[0].value: row[1].value for row in self.wb[META_SHEET].iter_rows()}

    def sheet(self, key: str):
        return self.wb[self.names[f"sheet:{key}"]]

    def column(self, key: str, column: str) -> int:
        keys = [c.value for c in self.sheet(key)[1]]
        if column not in keys:  # a new column, e.g. another year
            ws = self.sheet(key)
            ws.cell(1, len(keys) + 1).value = column
            return len(keys) + 1
        return keys.index(column) + 1

    def data_rows(self, key: str) -> list[int]:
        ws = self.sheet(key)
        ident = self.column(key, "id")
        return [r for r in range(FIRST_ROW, ws.max_row + 1) if ws.cell(r, ident).value]

    def set(self, key: str, row: int, column: str, value) -> str:
        """Type ``value``; returns the cell's letter."""
        col = self.column(key, column)
        self.sheet(key).cell(row, col).value = value
        return get_column_letter(col)

    def get(self, key: str, row: int, column: str):
        return self.sheet(key).cell(row, self.column(key, column)).value

    def save(self, path: Path) -> Path:
        self.wb.save(path)
        return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def refused(target: Path, book: Book, tmp_path: Path, pattern: str) -> str:
    """Import into ``target`` (an existing file), expect a refusal matching ``pattern``
    and the file unchanged; returns the message."""
    before = digest(target)
    source = book.save(tmp_path / "typed.xlsx")
    with pytest.raises(WorkbookError) as caught:
        import_xlsx(target, source, plan_code="typed-in")
    message = str(caught.value)
    assert re.search(pattern, message), message
    assert digest(target) == before
    with PlanFile.open(target, readonly=True) as store:
        assert "typed-in" not in {p.code for p in list_plans(store)}
    return message


@pytest.fixture
def target(tmp_path: Path, empty_plan_file: Path) -> Path:
    path = tmp_path / "target.plan"
    path.write_bytes(empty_plan_file.read_bytes())
    return path


def test_a_milestone_period_longer_than_the_services_allow(workbook, target, tmp_path):
    book = Book(workbook)
    row = book.data_rows("milestones")[0]
    letter = book.set("milestones", row, "period", "Q" * 72)
    sheet = book.names["sheet:milestones"]
    refused(target, book, tmp_path, rf"sheet '{sheet}', row {row}, column {letter}: .*too long")


@pytest.mark.parametrize("key", ["policy_fields", "budget"])
def test_a_code_longer_than_the_services_allow(workbooks, target, tmp_path, key):
    book = Book(workbooks["ibz-2025-2029" if key == "budget" else PLAN])
    row = book.data_rows(key)[0]
    letter = book.set(key, row, "code", "C" * 34)
    refused(target, book, tmp_path, rf"row {row}, column {letter}: .*too long")


def test_a_target_year_the_services_refuse(workbook, target, tmp_path):
    book = Book(workbook)
    objective = book.get("objectives", book.data_rows("objectives")[0], "id")
    row = FIRST_ROW  # an indicator typed in by hand
    book.set("indicators", row, "name@nl", "Aantal dossiers")
    book.set("indicators", row, "objective_id", objective)
    letter = book.set("indicators", row, "val:2060:target", 5)
    refused(target, book, tmp_path, rf"row {row}, column {letter}: .*2060.*outside")


def test_two_objectives_with_the_same_code(workbook, target, tmp_path):
    book = Book(workbook)
    rows = [
        r for r in book.data_rows("objectives") if book.get("objectives", r, "parent_id") is None
    ]
    first, second = rows[0], rows[1]
    letter = book.set("objectives", second, "code", book.get("objectives", first, "code"))
    refused(target, book, tmp_path, rf"row {second}, column {letter}: .*row {first}")


def test_a_plan_whose_main_language_texts_are_empty(workbook, target, tmp_path):
    """A French plan whose texts sit only in the Dutch columns."""
    book = Book(workbook)
    row = book.data_rows("plan")[0]
    book.set("plan", row, "languages", "fr")
    message = refused(target, book, tmp_path, r"main language is “fr”.* empty")
    assert "column “Title (FR)” (not in the sheet)" in message


def test_a_text_in_a_language_the_plan_does_not_have(workbook, target, tmp_path):
    book = Book(workbook)
    row = book.data_rows("plan")[0]
    book.set("plan", row, "languages", "nl")
    obj = book.data_rows("objectives")[0]
    letter = book.set("objectives", obj, "title@de", "Titel")
    refused(target, book, tmp_path, rf"row {obj}, column {letter}: .*de")


def test_a_unit_code_too_long_is_one_sentence(workbook, target, tmp_path):
    book = Book(workbook)
    unit = book.data_rows("units")[0]
    letter = book.set("units", unit, "code", "U" * 65)
    message = refused(target, book, tmp_path, rf"row {unit}, column {letter}: .*too long")
    assert "problem" not in message.split(":")[0]  # one problem, one sentence


def test_problems_are_listed_twenty_at_most(workbook, target, tmp_path):
    book = Book(workbook)
    rows = book.data_rows("milestones")[:30]
    for row in rows:
        book.set("milestones", row, "period", "Q" * 72)
    message = refused(target, book, tmp_path, r"30 problem\(s\), the first 20 named")
    assert message.count("too long") == 20
    assert f"row {rows[19]}," in message and f"row {rows[20]}," not in message


def test_new_plan_id_over_rows_of_the_file_is_a_copy_not_a_crash(
    workbook, demo_path: Path, tmp_path: Path
):
    book = Book(workbook)
    row = book.data_rows("plan")[0]
    book.set("plan", row, "id", str(uuid.uuid4()))
    source = book.save(tmp_path / "copy.xlsx")
    result = import_xlsx(demo_path, source, plan_code="ibz-copy")
    assert result.counts["objectives"] > 0
    with PlanFile.open(demo_path, readonly=True) as store:
        assert {"ibz-copy", PLAN} <= {p.code for p in list_plans(store)}


# --- references by printed code and unit name (issue 25, item 1) -----------------------


def test_new_rows_name_parents_and_units_by_code_and_name(workbook, target, tmp_path):
    """A row typed in by hand names its parent by printed code and its lead unit by
    name, a milestone its objective by code: no id invented anywhere."""
    from planner_app.domain import Milestone, Objective, OrgUnit

    book = Book(workbook)
    objectives = book.data_rows("objectives")
    sd = next(r for r in objectives if book.get("objectives", r, "parent_id") is None)
    sd_code, sd_id = book.get("objectives", sd, "code"), book.get("objectives", sd, "id")
    unit = book.data_rows("units")[1]
    unit_name, unit_id = book.get("units", unit, "name@nl"), book.get("units", unit, "id")
    level = next(
        book.get("objectives", r, "level")
        for r in objectives
        if book.get("objectives", r, "parent_id") == sd_id
    )
    new = max(objectives) + 1
    book.set("objectives", new, "title@nl", "Een nieuwe doelstelling")
    book.set("objectives", new, "level", level)
    book.set("objectives", new, "parent_id", sd_code)
    book.set("objectives", new, "~lead", f"  {unit_name.upper()} ")
    milestone = max(book.data_rows("milestones")) + 1
    book.set("milestones", milestone, "~objective", sd_code)
    book.set("milestones", milestone, "text@nl", "Eerste oplevering")
    book.set("milestones", milestone, "period", "Q3")
    source = book.save(tmp_path / "typed.xlsx")
    result = import_xlsx(target, source, plan_code="typed-in")
    with PlanFile.open(target, readonly=True) as store, store.read() as s:
        made = s.query(Objective).filter(Objective.plan_id == result.plan_id).all()
        row = next(o for o in made if o.title.get("nl") == "Een nieuwe doelstelling")
        assert str(row.parent_id) == sd_id
        assert s.get(OrgUnit, row.lead_unit_id).id == uuid.UUID(unit_id)
        assert row.code  # numbered as the window numbers a new objective
        typed = s.query(Milestone).filter(Milestone.period == "Q3").all()
        assert [str(m.objective_id) for m in typed if m.text.get("nl") == "Eerste oplevering"] == [
            sd_id
        ]


def test_a_name_that_stands_for_nothing_is_named(workbook, target, tmp_path):
    book = Book(workbook)
    row = max(book.data_rows("milestones")) + 1
    letter = book.set("milestones", row, "~objective", "SD 99")
    book.set("milestones", row, "text@nl", "Iets")
    refused(target, book, tmp_path, rf"row {row}, column {letter}: “SD 99” is neither")


def test_a_name_of_two_units_is_ambiguous(workbook, target, tmp_path):
    book = Book(workbook)
    first, second = book.data_rows("units")[:2]
    book.set("units", second, "name@nl", book.get("units", first, "name@nl"))
    row = max(book.data_rows("objectives")) + 1
    book.set("objectives", row, "title@nl", "Nieuw")
    book.set("objectives", row, "level", book.get("objectives", FIRST_ROW, "level"))
    letter = book.set("objectives", row, "~lead", book.get("units", first, "name@nl"))
    refused(target, book, tmp_path, rf"row {row}, column {letter}: .*more than one row")


def test_the_strategic_plan_and_objective_by_code(workbooks, demo_path: Path, tmp_path: Path):
    """A yearly plan names its strategic plan by plan code and an objective's strategic
    objective by its printed code in that plan, both looked up in the target file."""
    from planner_app.domain import Objective

    strategic = Book(workbooks["ibz-2025-2029"])
    sd = next(
        r
        for r in strategic.data_rows("objectives")
        if strategic.get("objectives", r, "parent_id") is None
    )
    sd_code, sd_id = strategic.get("objectives", sd, "code"), strategic.get("objectives", sd, "id")
    book = Book(workbooks[PLAN])
    book.set("plan", book.data_rows("plan")[0], "strategic_plan_id", "ibz-2025-2029")
    row = book.data_rows("objectives")[0]
    book.set("objectives", row, "strategic_link_id", sd_code)
    source = book.save(tmp_path / "linked.xlsx")
    result = import_xlsx(demo_path, source, plan_code="dk-linked")
    with PlanFile.open(demo_path, readonly=True) as store, store.read() as s:
        linked = [
            o
            for o in s.query(Objective).filter(Objective.plan_id == result.plan_id)
            if o.strategic_link_id is not None
        ]
        assert str(uuid.UUID(sd_id)) in {str(o.strategic_link_id) for o in linked}
    book.set("objectives", row, "strategic_link_id", "SD 99")
    refused(demo_path, book, tmp_path, rf"row {row}, column .*“SD 99” is not the code")


# --- one validation path: the import refuses exactly what the services refuse -------------


def _service_refuses(store: PlanFile, plan_id, objective_id, field: str, value) -> bool:
    from planner_app.errors import ValidationError
    from planner_app.services import budget_lines, details, objectives, plan_parts, units

    calls = {
        "milestones.period": lambda: details.add_milestone(
            store, objective_id, text="x", period=value
        ),
        "policy_fields.code": lambda: plan_parts.add_policy_field(
            store, plan_id, title="x", code=value
        ),
        "units.code": lambda: units.add_unit(store, plan_id, name="x", code=value),
        "budget.code": lambda: budget_lines.add_line(store, plan_id, title="x", code=value),
        "milestones.text@nl": lambda: details.add_milestone(store, objective_id, text=value),
        "objectives.title@nl": lambda: objectives.add_objective(
            store, plan_id, level="strategic", title=value
        ),
    }
    try:
        calls[field]()
    except ValidationError:
        return True
    return False


def test_the_import_refuses_what_the_services_refuse(workbooks, demo_path, tmp_path):
    """Seeded random values around each limit, typed once in the window's services and
    once in a workbook cell: refused by both or by neither."""
    import random

    rng = random.Random(25)
    with PlanFile.open(demo_path) as store, store.read() as s:
        from planner_app.domain import Objective

        plan_id = find_plan(store, "ibz-2025-2029").id
        objective_id = s.query(Objective.id).filter(Objective.plan_id == plan_id).first()[0]
    fields = {
        "milestones.period": (PLAN, 64),
        "policy_fields.code": (PLAN, 32),
        "units.code": (PLAN, 64),
        "budget.code": ("ibz-2025-2029", 32),
        "milestones.text@nl": (PLAN, 30_000),  # required; a cell holds 32,767
        "objectives.title@nl": (PLAN, 1000),
    }
    seen = set()
    for field, (code, limit) in fields.items():
        sheet, column = field.split(".")
        for length in (0, limit, limit + 1, rng.randint(1, limit * 2)):
            value = "".join(rng.choice("ab \u00e9") for _ in range(length)).strip()
            value = value.ljust(length, "z") if value else ""
            with PlanFile.open(demo_path) as store:
                expected = _service_refuses(store, plan_id, objective_id, field, value)
            book = Book(workbooks[code])
            book.set(sheet, book.data_rows(sheet)[0], column, value)
            source = book.save(tmp_path / "random.xlsx")
            try:
                import_xlsx(tmp_path / "random.plan", source, dry_run=True)
                refused_here = False
            except WorkbookError:
                refused_here = True
            assert refused_here == expected, (field, length, value[-5:])
            seen.add(expected)
    assert seen == {True, False}
