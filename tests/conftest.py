"""Shared fixtures: every test gets its own data folder and plan files in tmp_path."""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select

from planner_app.domain import ChangeLogEntry
from planner_app.domain.enums import ObjectiveLevel, PlanKind
from planner_app.services import (
    budget_dimensions,
    budget_lines,
    objectives,
    plans,
    units,
)
from planner_app.storage import PlanFile


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    root = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("PLANNER_APP_DATA_DIR", str(root / "data"))
    monkeypatch.setenv("PLANNER_APP_DOCUMENTS_DIR", str(root / "documents"))
    monkeypatch.setenv("PLANNER_LANG", "en")


@pytest.fixture(scope="session")
def empty_plan_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new file at the current schema, made once (migrations take a while)."""
    path = tmp_path_factory.mktemp("template") / "empty.plan"
    PlanFile.create(path).close()
    return path


@pytest.fixture
def store(tmp_path: Path, empty_plan_file: Path):
    path = tmp_path / "test.plan"
    shutil.copy2(empty_plan_file, path)
    plan_file = PlanFile.open(path)
    yield plan_file
    plan_file.close()


@pytest.fixture
def plan_id(store: PlanFile) -> uuid.UUID:
    return plans.create_plan(
        store,
        code="test-2025",
        kind=PlanKind.BUSINESS,
        title={"nl": "Testplan", "fr": "Plan de test"},
        first_year=2025,
        languages=["nl", "fr"],
    ).id


@pytest.fixture
def strategic(store: PlanFile) -> uuid.UUID:
    """A strategic plan 2025-2029 in nl and fr (the diversity plan's home in tests)."""
    return plans.create_plan(
        store,
        code="strat",
        kind=PlanKind.STRATEGIC,
        title="Strategisch",
        first_year=2025,
        last_year=2029,
        languages=["nl", "fr"],
    ).id


@pytest.fixture
def tree(store: PlanFile, plan_id: uuid.UUID) -> dict[str, uuid.UUID]:
    """SD 1 > OD 1.1 > two initiatives; SD 2; a unit; a budget line with dimensions."""
    add = objectives.add_objective
    ids: dict[str, uuid.UUID] = {}
    ids["sd1"] = add(store, plan_id, level=ObjectiveLevel.STRATEGIC, title="Eerste SD").id
    ids["od11"] = add(
        store, plan_id, level=ObjectiveLevel.OPERATIONAL, title="OD", parent_id=ids["sd1"]
    ).id
    ids["i1"] = add(
        store, plan_id, level=ObjectiveLevel.INITIATIVE, title="Init 1", parent_id=ids["od11"]
    ).id
    ids["i2"] = add(
        store, plan_id, level=ObjectiveLevel.INITIATIVE, title="Init 2", parent_id=ids["od11"]
    ).id
    ids["sd2"] = add(store, plan_id, level=ObjectiveLevel.STRATEGIC, title="Tweede SD").id
    ids["unit"] = units.add_unit(store, plan_id, name="Dienst", code="D").id
    budget_dimensions.add_stage(store, plan_id, code="INI")
    budget_dimensions.add_credit_type(store, plan_id, code="VL")
    ids["line"] = budget_lines.add_line(store, plan_id, title="Werking").id
    return ids


_SHAPE_FIELDS = {
    "code": lambda n: n.code,
    "level": lambda n: n.level.value,
    "title": lambda n: n.title.get("nl", ""),
    "status": lambda n: n.status.value,
    "parent": lambda n: n.parent_id,
}


def tree_shape(
    store: PlanFile, plan_id: uuid.UUID, fields: tuple[str, ...] = ("code", "level", "title")
) -> list[tuple]:
    """The objective tree of a plan as plain tuples of ``fields`` (code, level, Dutch
    title, status, parent id), in tree order: what the tree tests compare."""
    from planner_app.services.tree_read import load_tree

    return [tuple(_SHAPE_FIELDS[f](n) for f in fields) for n in load_tree(store, plan_id)]


def log_size(store: PlanFile) -> int:
    with store.read() as s:
        return s.scalar(select(func.count()).select_from(ChangeLogEntry)) or 0


@pytest.fixture(scope="session")
def demo_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo file, built once per session (copy it before writing to it)."""
    import os

    from planner_app.services.demo import build_demo

    root = tmp_path_factory.mktemp("demo")
    old = os.environ.get("PLANNER_APP_DATA_DIR")
    os.environ["PLANNER_APP_DATA_DIR"] = str(root / "data")
    try:
        return build_demo(root / "demo.plan")
    finally:
        if old is None:
            os.environ.pop("PLANNER_APP_DATA_DIR", None)
        else:
            os.environ["PLANNER_APP_DATA_DIR"] = old


@pytest.fixture
def demo_path(demo_source: Path, tmp_path: Path) -> Path:
    target = tmp_path / "demo.plan"
    shutil.copy2(demo_source, target)
    return target


def write_sheet(path: Path, rows: list[list]) -> Path:
    """A one-sheet workbook holding ``rows`` (for the sheet-import tests)."""
    from openpyxl import Workbook

    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    return path
