"""A workbook opened and saved once in LibreOffice Calc comes back in without loss.

Calc rewrites the whole file when it saves: booleans become ``=TRUE()``/``=FALSE()``
formulas, strings move to its own shared-string table, numbers are written in its own
notation. The imported plan must still equal the original, row for row (runs where
``soffice`` exists)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import uuid
from decimal import Decimal
from pathlib import Path

import pytest

from planner_app.exporting.excel import export_xlsx
from planner_app.exporting.excel_import import import_xlsx
from planner_app.services.fingerprint import canonical_content
from planner_app.services.plans import find_plan
from planner_app.storage import PlanFile
from tests.libreoffice import XLSX_FILTER, convert, needs_soffice
from tests.test_excel_hypothesis import _build

pytestmark = needs_soffice

# Values a spreadsheet likes to change: formula-like and number-like text, blanks,
# whitespace, line breaks, 15 significant digits, negative and tiny amounts, dates.
# Not here: a carriage return. Calc stores every line break in a cell as LF, so a
# CR LF typed in the app comes back as LF; nor a line of more than about 16,000
# characters, which Calc splits with a line break (both noted as known limits).
TRICKY = {
    "title": {"nl": "=1+1", "fr": "  007 "},
    "objectives": [
        ({"nl": "TRUE", "fr": ""}, {"nl": "a\nb\n\tc " + ("x" * 5_000 + "\n") * 4}),
        ({"nl": "+32 2 501 81 11", "fr": "1e5"}, {}),
        ({"nl": "@sum", "fr": "-"}, {"nl": "2025-01-01"}),
    ],
    "milestone": ("Q2 ", dt.date(1990, 1, 1), True),
    "values": [Decimal("999999999.999999"), Decimal("-0.000001"), Decimal("123456789012345")],
    "lines": [
        ({"nl": "neg"}, Decimal("-999999999999.999")),
        ({"nl": "tiny"}, Decimal("0.001")),
        ({"nl": "big"}, Decimal("999999999999.999")),
    ],
    "staff": (Decimal("9999999.99"), 0),
}


def _content(path: Path, plan_id: uuid.UUID) -> dict:
    with PlanFile.open(path, readonly=True) as store, store.read() as s:
        return json.loads(canonical_content(s, plan_id))


@pytest.fixture(scope="module")
def saved_by_calc(
    demo_source: Path, empty_plan_file: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path, dict[str, uuid.UUID], Path]:
    """Three exports (both demo plans, one plan of tricky values), each saved by Calc."""
    folder = tmp_path_factory.mktemp("calc")
    tricky = folder / "tricky.plan"
    shutil.copy2(empty_plan_file, tricky)
    ids: dict[str, uuid.UUID] = {}
    exports = []
    with PlanFile.open(tricky) as store:
        ids["random"] = _build(store, TRICKY)
        exports.append(folder / "random.xlsx")
        export_xlsx(store, ids["random"], exports[-1], language="fr")
    with PlanFile.open(demo_source, readonly=True) as store:
        for code, lang in (("ibz-2025-2029", "nl"), ("dkbuza-2025", "fr")):
            ids[code] = find_plan(store, code).id
            exports.append(folder / f"{code}.xlsx")
            export_xlsx(store, ids[code], exports[-1], language=lang)
    convert(folder, XLSX_FILTER, exports, folder / "calc")
    return folder / "calc", tricky, ids, demo_source


@pytest.mark.parametrize("code", ["ibz-2025-2029", "dkbuza-2025", "random"])
def test_a_workbook_saved_by_libreoffice_imports_to_the_same_plan(
    code: str, saved_by_calc, empty_plan_file: Path, tmp_path: Path
):
    calc, tricky, ids, demo = saved_by_calc
    target = tmp_path / "new.plan"
    shutil.copy2(empty_plan_file, target)
    result = import_xlsx(target, calc / f"{code}.xlsx")
    assert result.plan_id == ids[code]
    source = tricky if code == "random" else demo
    assert _content(target, ids[code]) == _content(source, ids[code])
