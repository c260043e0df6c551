"""The hostile-input battery: bad plan files of every kind, links and loops, hostile
workbooks. Each refusal is one sentence on stderr with the README's exit code, never
70 (a defect), and the file is byte for byte as it was (issue 20).

A full disk is in ``test_disk_full.py`` (it mounts a tmpfs: root, slow tier); the fuzz
of the whole command line in ``test_cli_fuzz.py``."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook

from planner_app.cli import main
from planner_app.domain.enums import ObjectiveLevel
from planner_app.services import details, objectives, plans
from planner_app.storage import PlanFile
from tests import exchange_support
from tests.hostile_workbooks import _rewrite

# --- the good files everything below is made from ------------------------------------


@pytest.fixture(scope="module")
def good(tmp_path_factory, empty_plan_file) -> tuple[Path, Path]:
    """A small plan file (one plan, a tree, a long text) and its exported workbook."""
    folder = tmp_path_factory.mktemp("good")
    path = folder / "good.plan"
    shutil.copy2(empty_plan_file, path)
    with PlanFile.open(path) as store:
        plan = plans.create_plan(store, code="p", kind="business", title="P", first_year=2025)
        sd = objectives.add_objective(store, plan.id, level=ObjectiveLevel.STRATEGIC, title="SD")
        objectives.add_objective(
            store, plan.id, level=ObjectiveLevel.OPERATIONAL, title="OD", parent_id=sd.id
        )
        indicator = details.add_indicator(store, sd.id, name="Aandeel").id
        details.set_indicator_value(store, indicator, year=2025, kind="target", value="4.2")
    workbook = folder / "good.xlsx"
    assert main(["export", str(path), "--xlsx", str(workbook)]) == 0
    return path, workbook


def digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


def run(argv: list[str], capsys) -> tuple[int, str]:
    capsys.readouterr()
    code = main([str(a) for a in argv])
    return code, capsys.readouterr().err


def one_sentence(err: str) -> None:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert "Traceback" not in err and "Unexpected error" not in err, err


# --- bad plan files ------------------------------------------------------------------


def _bytes(data: bytes) -> Callable[[Path, Path], Path]:
    def make(folder: Path, good: Path) -> Path:
        path = folder / "bad.plan"
        path.write_bytes(data)
        return path

    return make


def _from_good(change: Callable[[Path], None]) -> Callable[[Path, Path], Path]:
    def make(folder: Path, good: Path) -> Path:
        path = folder / "bad.plan"
        shutil.copy2(good, path)
        change(path)
        return path

    return make


def _sql(*statements: str) -> Callable[[Path], None]:
    def change(path: Path) -> None:
        conn = sqlite3.connect(path)
        with conn:
            for statement in statements:
                conn.execute(statement)
        conn.close()

    return change


def _overwrite_middle(path: Path) -> None:
    size = path.stat().st_size
    with path.open("r+b") as fh:
        fh.seek(size // 2 - 4096)
        fh.write(b"\xab" * 8192)


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 7])


def _dir(folder: Path, good: Path) -> Path:
    (folder / "bad.plan").mkdir()
    return folder / "bad.plan"


def _fifo(folder: Path, good: Path) -> Path:
    os.mkfifo(folder / "bad.plan")
    return folder / "bad.plan"


def _loop(folder: Path, good: Path) -> Path:
    (folder / "bad.plan").symlink_to(folder / "bad.plan")
    return folder / "bad.plan"


def _dangling(folder: Path, good: Path) -> Path:
    (folder / "bad.plan").symlink_to(folder / "nowhere" / "x.plan")
    return folder / "bad.plan"


def _hard_link(folder: Path, good: Path) -> Path:
    shutil.copy2(good, folder / "one.plan")
    os.link(folder / "one.plan", folder / "bad.plan")
    return folder / "bad.plan"


BAD_PLAN_FILES: dict[str, tuple[Callable[[Path, Path], Path], str]] = {
    "empty": (_bytes(b""), "is not a plan file"),
    "text": (_bytes(b"hello, this is not a database\n" * 10), "is not a plan file"),
    "random": (_bytes(os.urandom(8192)), "is not a plan file"),
    "header only": (_bytes(b"SQLite format 3\x00" + b"\x10\x00" + b"\x00" * 82), "truncated"),
    "truncated": (_from_good(_truncate), "truncated or damaged"),
    "overwritten": (_from_good(_overwrite_middle), "damaged"),
    "not a plan": (_from_good(_sql("DROP TABLE local_state")), "not a plan file"),
    "newer": (_from_good(_sql("UPDATE alembic_version SET version_num = '9999_x'")), "newer"),
    "no identity": (_from_good(_sql("DELETE FROM local_state")), "no replica identity"),
    "folder": (_dir, "is a folder"),
    "fifo": (_fifo, "is not a plan file"),
    "symlink loop": (_loop, "leads back to itself"),
    "dangling symlink": (_dangling, "does not exist"),
    "hard link": (_hard_link, "hard links"),
}
READERS = ("info", "check", "verify", "export")
WRITERS = ("import", "restore", "conflicts --decide")
# What reading commands may read as it is (each refused by every writer).
READABLE = {
    "hard link": "a file with other names is read as any other",
    "no identity": "the replica identity matters to writes only",
    "overwritten": "only pages a command reads show the damage (check reads all)",
}
NOT_REFUSED = {("overwritten", "conflicts --decide")}  # not a risky write: no check


def _argv(command: str, path: Path, workbook: Path, out: Path) -> list:
    return {
        "info": ["info", path],
        "check": ["check", path],
        "verify": ["verify", path],
        "export": ["export", path, "--xlsx", out / "out.xlsx"],
        "import": ["import", path, "--xlsx", workbook, "--plan", "new"],
        "restore": ["restore", path],
        "conflicts --decide": ["conflicts", path, "--decide", "1", "ours"],
    }[command]


@pytest.mark.parametrize("kind", list(BAD_PLAN_FILES))
@pytest.mark.parametrize("command", READERS + WRITERS)
def test_a_bad_plan_file_is_refused_in_one_sentence_and_left_as_it_was(
    kind, command, good, tmp_path, capsys
):
    make, phrase = BAD_PLAN_FILES[kind]
    if (
        kind in READABLE and command in READERS and (kind, command) != ("overwritten", "check")
    ) or (
        kind,
        command,
    ) in NOT_REFUSED:
        pytest.skip("readable as it is: " + READABLE.get(kind, "no risky write"))
    out = tmp_path / "out"
    out.mkdir()
    path = make(tmp_path, good[0])
    before = digest(path) if kind != "fifo" else None
    listing = sorted(p.name for p in tmp_path.iterdir())
    code, err = run(_argv(command, path, good[1], out), capsys)
    one_sentence(err)
    assert code == 2, (code, err)
    if command != "restore" or kind not in ("empty", "text", "random", "header only"):
        assert phrase in err or "There are no backups of" in err, err
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == listing  # nothing left beside it
    assert list(out.iterdir()) == []


def test_a_file_open_for_writing_elsewhere_is_not_written(good, tmp_path, capsys):
    path = tmp_path / "busy.plan"
    shutil.copy2(good[0], path)
    with PlanFile.open(path) as store:
        with store.read():
            pass
        code, err = run(_argv("import", path, good[1], tmp_path), capsys)
    one_sentence(err)
    assert code == 2 and "is open in another window" in err


# --- hostile workbooks ---------------------------------------------------------------


def _sheet(wb, key: str):
    """A sheet by its key (the hidden ``_planner`` sheet maps keys to names)."""
    names = {row[0]: row[1] for row in wb["_planner"].iter_rows(values_only=True)}
    return wb[names[f"sheet:{key}"]]


def _cell(sheet: str, key: str, value, row: int = 3) -> Callable[[Path, Path], None]:
    """Set the cell of column ``key`` (a key row name, or a prefix of one) in ``row``;
    ``row`` 1 is the key row itself."""

    def change(source: Path, target: Path) -> None:
        wb = load_workbook(source)
        ws = _sheet(wb, sheet)
        (column,) = [c.column for c in ws[1] if str(c.value or "").startswith(key)][:1]
        ws.cell(row=row, column=column).value = value
        wb.save(target)

    return change


def _stored(sheet: str, key: str, text: str) -> Callable[[Path, Path], None]:
    """A number cell whose stored value is ``text`` (``<v>NaN</v>``): no spreadsheet
    writes one, a hostile file may."""
    marker = 987654.25

    def change(source: Path, target: Path) -> None:
        step = target.with_name("step.xlsx")
        _cell(sheet, key, marker)(source, step)
        _rewrite(
            step,
            target,
            lambda name, data: data.replace(f"<v>{marker}</v>".encode(), f"<v>{text}</v>".encode()),
        )

    return change


def _utf16_dtd(source: Path, target: Path) -> None:
    def change(name: str, data: bytes) -> bytes:
        if name == "xl/workbook.xml":
            text = data.decode("utf-8")
            if text.startswith("<?xml"):
                text = text.split("?>", 1)[1]
            head = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE w [<!ENTITY a "aaaa">]>'
            return (head + text).encode("utf-16")
        return data

    _rewrite(source, target, change)


def _not_xml(source: Path, target: Path) -> None:
    _rewrite(
        source,
        target,
        lambda name, data: b"<worksheet><sheetData><row" if name.endswith("sheet2.xml") else data,
    )


def _new_plan_id_same_rows(source: Path, target: Path) -> None:
    """The plan's id changed, its rows' ids kept: the rows are in the file already."""
    wb = load_workbook(source)
    ws = wb.worksheets[0]
    ids = [c for c in ws[1] if c.value == "id"]
    ws.cell(row=3, column=ids[0].column).value = "8c5d2a43-9f3b-4c31-b0f4-0a1d2e3f4a5b"
    ws.cell(row=3, column=1).value = "copy"  # the code
    wb.save(target)


HOSTILE_WORKBOOKS: dict[str, tuple[Callable[[Path, Path], None], int, str]] = {
    "NaN in a number cell": (_stored("indicators", "val:", "NaN"), 1, "'NaN' is not a number"),
    "inf in a number cell": (_stored("indicators", "val:", "inf"), 1, "'inf' is not a number"),
    "12abc in a number cell": (_stored("plan", "first_year", "12abc"), 1, "row 3, column"),
    "1e999 in a number cell": (_stored("plan", "version_no", "1e999"), 1, "found inf"),
    "12abc typed as text": (
        _cell("indicators", "val:", "12abc"),
        1,
        "expected a number, found text '12abc'",
    ),
    "1e300 in a whole-number cell": (_cell("plan", "first_year", 1e300), 1, "at most 15 digits"),
    "a year key edited": (
        _cell("indicators", "val:2025:target", "val:12abc:target", row=1),
        1,
        "unknown column",
    ),
    "a UTF-16 DTD": (_utf16_dtd, 1, "declares a DTD or entities"),
    "a sheet that is not XML": (_not_xml, 1, "cannot be read"),
}


@pytest.mark.parametrize("kind", list(HOSTILE_WORKBOOKS))
def test_a_hostile_workbook_is_one_sentence_naming_where(kind, good, tmp_path, capsys):
    make, code_wanted, phrase = HOSTILE_WORKBOOKS[kind]
    path = tmp_path / "plan.plan"
    shutil.copy2(good[0], path)
    bad = tmp_path / "bad.xlsx"
    make(good[1], bad)
    before = digest(path)
    code, err = run(["import", path, "--xlsx", bad, "--plan", "new"], capsys)
    one_sentence(err)
    assert code == code_wanted, err
    assert phrase in err, err
    assert digest(path) == before


def test_a_new_plan_id_over_rows_of_the_file_is_imported_as_a_copy(good, tmp_path, capsys):
    path = tmp_path / "plan.plan"
    shutil.copy2(good[0], path)
    bad = tmp_path / "copy.xlsx"
    _new_plan_id_same_rows(good[1], bad)
    capsys.readouterr()
    assert main(["import", str(path), "--xlsx", str(bad), "--plan", "kopie"]) == 0
    assert "imported with new ids" in capsys.readouterr().out
    with PlanFile.open(path, readonly=True) as store:
        assert sorted(p.code for p in plans.list_plans(store)) == ["kopie", "p"]


def test_the_windows_sheet_import_names_the_cell(good, tmp_path):
    """The window's budget-sheet import reads the same cells the same way."""
    from planner_app.errors import ValidationError
    from planner_app.exporting.excel_mapping import AmountColumn, BudgetMapping, budget_sheet_cells
    from planner_app.services import budget_dimensions, budget_lines

    path = tmp_path / "plan.plan"
    shutil.copy2(good[0], path)
    sheet = tmp_path / "sheet.xlsx"
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["code", "2025"])
    ws.append(["L1", "12abc"])
    ws.append(["L1", 987654.25])
    wb.save(tmp_path / "step.xlsx")
    _rewrite(
        tmp_path / "step.xlsx",
        sheet,
        lambda name, data: data.replace(b"<v>987654.25</v>", b"<v>NaN</v>"),
    )
    with PlanFile.open(path) as store:
        (plan,) = plans.list_plans(store)
        budget_dimensions.add_stage(store, plan.id, code="INI")
        budget_dimensions.add_credit_type(store, plan.id, code="VL")
        budget_lines.add_line(store, plan.id, title="Lijn", code="L1")
        mapping = BudgetMapping("A", (AmountColumn("B", 2025, "INI", "VL"),))
        with pytest.raises(ValidationError) as caught:
            budget_sheet_cells(store, plan.id, sheet, mapping)
    text = str(caught.value)
    assert text.count("\n") == 0
    assert "sheet 'Sheet', row 3, column B: 'NaN' is not a number." in text
    ws.delete_rows(3)
    wb.save(sheet)
    with PlanFile.open(path) as store, pytest.raises(ValidationError) as caught:
        budget_sheet_cells(store, plan.id, sheet, mapping)
    assert "row 2, column B: expected a number, found text '12abc'" in str(caught.value)


def test_every_exit_code_of_the_readme_is_reached_as_documented(good, tmp_path, capsys):
    """0 done, 1 a rule or a problem found, 2 a file, 3 a package; 70 only for a bug."""
    path = tmp_path / "plan.plan"
    shutil.copy2(good[0], path)
    assert run(["check", path], capsys)[0] == 0
    assert run(["info", path, "--plan", "nope"], capsys)[0] == 1
    assert run(["info", tmp_path / "missing.plan"], capsys)[0] == 2
    (tmp_path / "pkg.planpkg").write_bytes(b"not a package")
    code, err = run(["inspect", tmp_path / "pkg.planpkg"], capsys)
    assert code == 3
    one_sentence(err)
    # The defect path: one sentence and 70, details in a log file.
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from planner_app.cli import _report_bug; "
            "raise SystemExit(_report_bug(ValueError('boom')))",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 70 and done.stderr.count("\n") == 1


# --- the other risky writes: a merge and an upgrade into a damaged file ---------------

enrolled = exchange_support.enrolled  # shared fixtures (one template per session)
exchange_template = exchange_support.exchange_template


def test_a_merge_into_a_damaged_file_is_refused_and_leaves_it(enrolled, capsys, monkeypatch):
    objectives.update_objective(enrolled.post.store, enrolled.ids["mine"], title="Van de post")
    package = enrolled.post.send(enrolled.folder)
    path = enrolled.hq.store.path
    enrolled.hq.store.close()
    _overwrite_middle(path)
    before = digest(path)
    monkeypatch.setenv("PLANNER_APP_DATA_DIR", str(enrolled.hq.data_dir))
    code, err = run(["merge", path, package], capsys)
    one_sentence(err)
    assert code == 2 and "damaged" in err, err
    assert digest(path) == before
    enrolled.hq.store = PlanFile.open(path, readonly=True)  # for the fixture's close


def test_an_upgrade_of_a_damaged_old_file_is_refused_and_leaves_it(tmp_path):
    from planner_app.errors import CorruptFileError
    from tests.test_fingerprint_rules import _load_dump

    path = _load_dump(tmp_path / "old.plan")
    _overwrite_middle(path)
    before = digest(path)
    with pytest.raises(CorruptFileError, match="damaged"):
        PlanFile.open(path)
    assert digest(path) == before
