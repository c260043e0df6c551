"""Texts longer than a spreadsheet cell (32,767) go through a workbook whole: the cell
keeps the beginning, the sheet of long texts the rest (issue 20, item 8)."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from planner_app.domain.enums import ObjectiveLevel
from planner_app.errors import ValidationError
from planner_app.exporting.excel import export_xlsx
from planner_app.exporting.excel_import import import_xlsx
from planner_app.exporting.excel_long_texts import split_cell_text
from planner_app.exporting.excel_safety import CELL_LIMIT, escaped
from planner_app.services import objectives, sections
from planner_app.services.fingerprint import canonical_content
from planner_app.services.plans import find_plan
from planner_app.storage import PlanFile


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


# 100,000 characters, the services' limit: line breaks, a carriage return, text that
# looks like the workbook's own escapes and like a formula, and characters outside the
# basic plane (two UTF-16 units each) across the cell boundary.
_HEAD, _TAIL = "=SUM(A1) begint als formule\r\n", "\n— einde 😀😀"
LONG = _HEAD + ("Lange omschrijving é ñ _x000D_ 😀 " * 4000)[: 100_000 - 42] + _TAIL
LONG = LONG[: 100_000 - len(_TAIL)] + _TAIL


def test_pieces_never_exceed_a_cell_nor_halve_a_character():
    pieces = split_cell_text("a" * (CELL_LIMIT - 1) + "😀" + "b" * 10)
    assert [utf16(p) for p in pieces] == [CELL_LIMIT - 1, 12]
    assert "".join(pieces).endswith("😀" + "b" * 10)
    assert split_cell_text("kort") == ["kort"]
    # The stored string counts: a carriage return is stored as 7 characters.
    pieces = split_cell_text("\r" * 10_000)
    assert all(utf16(escaped(p)) <= CELL_LIMIT for p in pieces) and "".join(pieces) == "\r" * 10_000


def test_a_100000_character_text_round_trips_exactly(store, plan_id, tmp_path):
    assert len(LONG) == 100_000
    sd = objectives.add_objective(store, plan_id, level=ObjectiveLevel.STRATEGIC, title="SD").id
    objectives.update_objective(store, sd, description={"nl": LONG, "fr": "court"})
    section = sections.add_section(store, plan_id, kind="free", title="Lang").id
    sections.update_section(store, section, body={"nl": LONG[:40_000]})
    out = tmp_path / "long.xlsx"
    report = export_xlsx(store, plan_id, out, language="nl")
    assert not [w for w in report.warnings if "longer than a spreadsheet cell" in w]
    wb = load_workbook(out, read_only=True)
    titles = wb.sheetnames
    long_sheet = wb["Lange teksten"] if "Lange teksten" in titles else wb["Long texts"]
    rows = list(long_sheet.iter_rows(min_row=3, values_only=True))
    wb.close()
    assert len(rows) == 3 + 1  # the description in 4 cells, the chapter's body in 2
    with store.read() as s:
        before = json.loads(canonical_content(s, plan_id))
    target = tmp_path / "copy.plan"
    import_xlsx(target, out)
    with PlanFile.open(target, readonly=True) as copy, copy.read() as s:
        after = json.loads(canonical_content(s, find_plan(copy, "test-2025").id))
    (obj,) = after["objectives"]
    assert obj["description"]["nl"] == LONG
    (chapter,) = after["plan_sections"]
    assert chapter["body"]["nl"] == LONG[:40_000]
    assert after == before


def test_a_broken_long_texts_sheet_is_named(store, plan_id, tmp_path):
    sd = objectives.add_objective(store, plan_id, level=ObjectiveLevel.STRATEGIC, title="SD").id
    objectives.update_objective(store, sd, description={"nl": "x" * 70_000})
    out = tmp_path / "long.xlsx"
    export_xlsx(store, plan_id, out, language="en")
    wb = load_workbook(out)
    ws = wb["Long texts"]
    ws["D4"] = 7  # the second part renumbered: parts 1, 7
    wb.save(out)
    with pytest.raises(ValidationError) as caught:
        import_xlsx(tmp_path / "x.plan", out)
    assert "sheet 'Long texts', row 3, column D: the parts of this text are not 1, 2, 3" in str(
        caught.value
    )
