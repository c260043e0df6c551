"""Must hold 15: random edits at headquarters and two posts, exchanged in random
order, end with every replica identical once the conflicts are decided."""

from __future__ import annotations

import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from planner_app.domain import BudgetAmount, Objective
from planner_app.exchange.decisions import decide
from planner_app.exchange.merge import open_conflicts
from planner_app.exchange.starter import write_starter
from planner_app.services import (
    budget_amounts,
    objectives,
)
from planner_app.storage import PlanFile
from tests.exchange_support import Site, add_second_post, build_hq

SITES = ("hq", "a", "b")
# What each site may edit: headquarters anything, a post only its own part.
TARGETS = {
    "hq": ("mine", "mine_b", "theirs", "line", "line_b"),
    "a": ("mine", "line"),
    "b": ("mine_b", "line_b"),
}
UNIT = {"a": "PA", "b": "PB"}

edit = st.tuples(st.just("edit"), st.sampled_from(SITES), st.integers(0, 4), st.integers(1, 3))
sync = st.tuples(st.just("sync"), st.sampled_from(("a", "b")), st.booleans(), st.just(0))
steps = st.lists(st.one_of(edit, sync), min_size=1, max_size=12)


class World:
    def __init__(self, root: Path, empty: Path) -> None:
        self.root, self.sent = root, 0
        hq_path = root / "hq.plan"
        shutil.copy2(empty, hq_path)
        self.hq = Site("hq", root / "hq-data", PlanFile.open(hq_path))
        with self.hq:
            self.ids = build_hq(self.hq.store)
            add_second_post(self.hq.store, self.ids)
            for name in ("a", "b"):
                write_starter(self.hq.store, root / f"{name}.plan", unit_code=UNIT[name])
        self.sites = {"hq": self.hq}
        for name in ("a", "b"):
            self.sites[name] = Site(
                name, root / f"{name}-data", PlanFile.open(root / f"{name}.plan")
            )
            self.up(name, accept=True)

    def package(self, site: Site, unit: str | None = None) -> Path:
        self.sent += 1
        from planner_app.exchange.changes import write_changes

        out = self.root / f"p{self.sent}.plnpkg"
        with site:
            write_changes(site.store, out, unit_code=unit)
        return out

    def up(self, name: str, accept: bool = False) -> None:
        package = self.package(self.sites[name])
        key = None
        if accept:
            from planner_app.exchange.keys import load_or_create

            with self.sites[name]:
                key = load_or_create().fingerprint
        self.hq.merge(package, accept_key=key)

    def down(self, name: str) -> None:
        self.sites[name].merge(self.package(self.hq, UNIT[name]))

    def edit(self, name: str, target: int, value: int) -> None:
        allowed = TARGETS[name]
        what = allowed[target % len(allowed)]
        store = self.sites[name].store
        if what.startswith("line"):
            budget_amounts.set_amount(
                store,
                self.ids[what],
                year=2025,
                stage="INI",
                credit_type="VL",
                amount=Decimal(value * 10),
            )
        else:
            objectives.update_objective(store, self.ids[what], title=f"{name}{value}")

    def state(self, name: str):
        with self.sites[name].store.read() as s:
            titles = {o.id: (o.title.get("nl"), o.deleted) for o in s.scalars(select(Objective))}
            amounts = {a.id: (a.amount, a.deleted) for a in s.scalars(select(BudgetAmount))}
        return titles, amounts

    def settle(self) -> None:
        """Exchange until quiet; headquarters decides its conflicts (keeping its value),
        posts take headquarters' decisions."""
        for _round in range(4):
            for name in ("a", "b"):
                self.up(name)
            for conflict in open_conflicts(self.hq.store):
                decide(self.hq.store, conflict.id, "ours")
            for name in ("a", "b"):
                self.down(name)
                for conflict in open_conflicts(self.sites[name].store):
                    decide(self.sites[name].store, conflict.id, "theirs")
        for name in ("a", "b"):
            self.up(name)
            self.down(name)

    def close(self) -> None:
        for site in self.sites.values():
            site.store.close()


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(script=steps)
def test_replicas_converge_once_conflicts_are_decided(empty_plan_file, script):
    with tempfile.TemporaryDirectory() as folder:
        world = World(Path(folder), empty_plan_file)
        try:
            for kind, name, target, value in script:
                if kind == "edit":
                    world.edit(name, target, value)
                elif target:
                    world.up(name)
                else:
                    world.down(name)
            world.settle()
            for store in (s.store for s in world.sites.values()):
                assert open_conflicts(store) == []
            hq_titles, hq_amounts = world.state("hq")
            for name in ("a", "b"):
                titles, amounts = world.state(name)
                assert titles == hq_titles
                assert amounts == hq_amounts
            for site in world.sites.values():
                assert site.problems() == []
        finally:
            world.close()
