"""Two installations on one machine: headquarters and a post, each with its own data
folder (keys) and plan file, trading packages through the services."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from planner_app.domain import BudgetAmount, MergeConflict, Objective
from planner_app.domain.enums import ObjectiveLevel, Scenario, Statute, UnitKind
from planner_app.exchange.changes import write_changes
from planner_app.exchange.merge import MergeReport, merge_package
from planner_app.exchange.starter import write_starter
from planner_app.services import (
    budget_amounts,
    budget_dimensions,
    budget_lines,
    objectives,
    plans,
    staffing,
    units,
)
from planner_app.storage import PlanFile


@dataclass
class Site:
    name: str
    data_dir: Path
    store: PlanFile
    sent: int = field(default=0)

    def __enter__(self) -> Site:
        self._old = os.environ.get("PLANNER_APP_DATA_DIR")
        os.environ["PLANNER_APP_DATA_DIR"] = str(self.data_dir)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._old is None:
            os.environ.pop("PLANNER_APP_DATA_DIR", None)
        else:
            os.environ["PLANNER_APP_DATA_DIR"] = self._old

    def send(self, folder: Path, unit: str | None = None) -> Path:
        self.sent += 1
        out = folder / f"{self.name}-{self.sent}.plnpkg"
        with self:
            write_changes(self.store, out, unit_code=unit)
        return out

    def merge(self, package: Path, **kwargs: object) -> MergeReport:
        with self:
            return merge_package(self.store, package, **kwargs)  # type: ignore[arg-type]

    def problems(self) -> list[str]:
        """What ``planner-app check`` finds (the change log replayed against the data)."""
        from planner_app.services.integrity import check_file

        return check_file(self.store)

    def conflicts(self) -> list[MergeConflict]:
        with self.store.read() as s:
            return list(s.scalars(select(MergeConflict).order_by(MergeConflict.id)))

    def objective(self, row_id: uuid.UUID) -> Objective:
        with self.store.read() as s:
            row = s.get(Objective, row_id)
            assert row is not None
            return row

    def amount(self, row_id: uuid.UUID) -> Decimal | None:
        with self.store.read() as s:
            row = s.get(BudgetAmount, row_id)
            return None if row is None or row.deleted else row.amount


@dataclass
class Exchange:
    hq: Site
    post: Site
    folder: Path
    ids: dict[str, uuid.UUID]

    def enrol(self) -> MergeReport:
        """The post's first package, its key accepted at headquarters."""
        package = self.post.send(self.folder)
        with self.post:
            from planner_app.exchange.keys import load_or_create

            fingerprint = load_or_create().fingerprint
        return self.hq.merge(package, accept_key=fingerprint)

    def to_hq(self, **kwargs: object) -> MergeReport:
        return self.hq.merge(self.post.send(self.folder), **kwargs)

    def to_post(self, **kwargs: object) -> MergeReport:
        return self.post.merge(self.hq.send(self.folder, unit="PA"), **kwargs)


def _initiative(
    store: PlanFile, ids: dict[str, uuid.UUID], title: str, unit: uuid.UUID
) -> uuid.UUID:
    """An initiative under the plan's SD, led by ``unit``."""
    return objectives.add_objective(
        store,
        ids["plan"],
        level=ObjectiveLevel.INITIATIVE,
        title=title,
        parent_id=ids["sd"],
        lead_unit_id=unit,
    ).id


def build_hq(store: PlanFile) -> dict[str, uuid.UUID]:
    """A plan with a post PA leading one initiative, a funded budget line, staffing."""
    ids: dict[str, uuid.UUID] = {}
    ids["plan"] = plans.create_plan(
        store,
        code="x-2025",
        kind="business",
        title={"nl": "Plan"},
        first_year=2025,
        languages=["nl", "fr"],
    ).id
    ids["post_unit"] = units.add_unit(
        store, ids["plan"], name="Post A", code="PA", kind=UnitKind.POST
    ).id
    ids["other_unit"] = units.add_unit(store, ids["plan"], name="Dienst", code="D").id
    ids["sd"] = objectives.add_objective(
        store, ids["plan"], level=ObjectiveLevel.STRATEGIC, title="SD"
    ).id
    ids["mine"] = _initiative(store, ids, "Post work", ids["post_unit"])
    ids["theirs"] = _initiative(store, ids, "HQ work", ids["other_unit"])
    budget_dimensions.add_stage(store, ids["plan"], code="INI")
    budget_dimensions.add_credit_type(store, ids["plan"], code="VL")
    ids["line"] = budget_lines.add_line(store, ids["plan"], title="Werking post").id
    budget_lines.link_objective(store, ids["line"], ids["mine"])
    ids["cell"] = budget_amounts.set_amount(
        store, ids["line"], year=2025, stage="INI", credit_type="VL", amount=Decimal(100)
    ).ids[1]
    staffing.set_staffing(
        store,
        ids["post_unit"],
        statute=Statute.CONTRACTUAL,
        year=2025,
        scenario=Scenario.AS_IS,
        fte=Decimal("2.5"),
    )
    staffing.set_staffing(
        store,
        ids["other_unit"],
        statute=Statute.STATUTORY,
        year=2025,
        scenario=Scenario.AS_IS,
        fte=Decimal("7"),
    )
    return ids


def add_second_post(store: PlanFile, ids: dict[str, uuid.UUID]) -> None:
    """A post PB with its own initiative and funded budget line (for three replicas)."""
    ids["post_b_unit"] = units.add_unit(
        store, ids["plan"], name="Post B", code="PB", kind=UnitKind.POST
    ).id
    ids["mine_b"] = _initiative(store, ids, "Post B work", ids["post_b_unit"])
    ids["line_b"] = budget_lines.add_line(store, ids["plan"], title="Werking post B").id
    budget_lines.link_objective(store, ids["line_b"], ids["mine_b"])
    ids["cell_b"] = budget_amounts.set_amount(
        store, ids["line_b"], year=2025, stage="INI", credit_type="VL", amount=Decimal(200)
    ).ids[1]


def make_exchange(root: Path, empty_plan_file: Path) -> Exchange:
    import shutil

    hq_path, post_path = root / "hq.plan", root / "post.plan"
    shutil.copy2(empty_plan_file, hq_path)
    folder = root / "mail"
    folder.mkdir()
    hq = Site("hq", root / "hq-data", PlanFile.open(hq_path))
    with hq:
        ids = build_hq(hq.store)
        write_starter(hq.store, post_path, unit_code="PA")
    post = Site("post", root / "post-data", PlanFile.open(post_path))
    return Exchange(hq, post, folder, ids)


def enrolled_template(root: Path, empty_plan_file: Path) -> dict[str, uuid.UUID]:
    """Headquarters and an enrolled post, built once in ``root`` and closed (copy it)."""
    exchange = make_exchange(root, empty_plan_file)
    try:
        exchange.enrol()
    finally:
        exchange.hq.store.close()
        exchange.post.store.close()
    return exchange.ids


def open_copy(template: Path, target: Path, ids: dict[str, uuid.UUID]) -> Exchange:
    """A working copy of a template made by ``enrolled_template``."""
    import shutil

    shutil.copytree(template, target)
    hq = Site("hq", target / "hq-data", PlanFile.open(target / "hq.plan"))
    post = Site("post", target / "post-data", PlanFile.open(target / "post.plan"))
    return Exchange(hq, post, target / "mail", dict(ids))


@pytest.fixture(scope="session")
def exchange_template(tmp_path_factory, empty_plan_file):
    """(folder, ids) of headquarters and an enrolled post, made once per session."""
    root = tmp_path_factory.mktemp("exchange") / "t"
    root.mkdir()
    return root, enrolled_template(root, empty_plan_file)


@pytest.fixture
def enrolled(exchange_template, tmp_path):
    """A fresh working copy of headquarters and its enrolled post, closed afterwards."""
    exchange = open_copy(exchange_template[0], tmp_path / "copy", exchange_template[1])
    yield exchange
    exchange.hq.store.close()
    exchange.post.store.close()


@dataclass
class Star:
    """Headquarters and two enrolled posts (PA as ``a``, PB as ``b``): the star."""

    hq: Site
    posts: dict[str, Site]
    folder: Path
    ids: dict[str, uuid.UUID]
    units: dict[str, str] = field(default_factory=lambda: {"a": "PA", "b": "PB"})

    def up(self, name: str, **kwargs: object) -> MergeReport:
        """The post's changes to headquarters."""
        return self.hq.merge(self.posts[name].send(self.folder), **kwargs)

    def down(self, name: str, **kwargs: object) -> MergeReport:
        """Headquarters' update to the post."""
        return self.posts[name].merge(self.hq.send(self.folder, unit=self.units[name]), **kwargs)

    def sites(self) -> list[Site]:
        return [self.hq, *self.posts.values()]

    def close(self) -> None:
        for site in self.sites():
            site.store.close()


def make_star(root: Path, empty_plan_file: Path) -> Star:
    """Headquarters with posts PA and PB, each enrolled by its first package."""
    import shutil

    from planner_app.exchange.keys import load_or_create

    shutil.copy2(empty_plan_file, root / "hq.plan")
    folder = root / "mail"
    folder.mkdir()
    hq = Site("hq", root / "hq-data", PlanFile.open(root / "hq.plan"))
    with hq:
        ids = build_hq(hq.store)
        add_second_post(hq.store, ids)
        for name, unit in (("a", "PA"), ("b", "PB")):
            write_starter(hq.store, root / f"{name}.plan", unit_code=unit)
    posts = {
        name: Site(name, root / f"{name}-data", PlanFile.open(root / f"{name}.plan"))
        for name in ("a", "b")
    }
    star = Star(hq, posts, folder, ids)
    for site in posts.values():
        with site:
            key = load_or_create().fingerprint
        hq.merge(site.send(folder), accept_key=key)
    return star
