"""A world for the exchange's property test: headquarters and two posts editing at
random, packages lost, duplicated, delayed and reordered, conflicts decided at random
on both sides, a copy restored from a backup — and the test's own record of who had
seen what.

The record never reads the app's version data: an edit is what a service call
changed (the exchanged fields before and after it); a site has seen its own edits and
everything the sender of a package it merged had seen when it wrote the package; a
restored site has seen what it had when the backup was taken. From that record alone
the test judges every edit: it is the final value, or an edit made by someone who had
seen it came later, or it was shown in a conflict record.
"""

from __future__ import annotations

import json
import random
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select

from planner_app.domain import MergeConflict, Plan
from planner_app.domain.changes import exchanged_columns, to_json_value
from planner_app.domain.enums import ObjectiveLevel, Scenario, Status, Statute
from planner_app.errors import ExchangeError, PlannerError, SequenceGapError
from planner_app.exchange.authority import HR_TABLES
from planner_app.exchange.decisions import decide
from planner_app.exchange.keys import load_or_create
from planner_app.exchange.starter import write_starter
from planner_app.exchange.values import synced_models
from planner_app.services import budget_amounts, budget_lines, details, objectives, staffing
from planner_app.storage import PlanFile
from planner_app.storage.backups import list_backups, restore_backup
from tests.exchange_support import Site, add_second_post, build_hq

POSTS = {"a": "PA", "b": "PB"}
Key = tuple[str, uuid.UUID, str]
Content = dict[tuple[str, uuid.UUID], dict[str, Any]]


def build_template(root: Path, empty_plan_file: Path) -> dict[str, uuid.UUID]:
    """Headquarters and posts PA and PB, enrolled, in ``root`` (closed: copy it)."""
    shutil.copy2(empty_plan_file, root / "hq.plan")
    hq = Site("hq", root / "hq-data", PlanFile.open(root / "hq.plan"))
    with hq:
        ids = build_hq(hq.store)
        add_second_post(hq.store, ids)
        store = hq.store
        ids["od_a"] = objectives.add_objective(
            store,
            ids["plan"],
            level=ObjectiveLevel.OPERATIONAL,
            title="OD post A",
            parent_id=ids["sd"],
            lead_unit_id=ids["post_unit"],
        ).id
        for n in range(2):
            details.add_milestone(store, ids["mine"], text=f"Q{n + 1}: stap")
        details.add_milestone(store, ids["mine_b"], text="Q2: verslag")
        for name in ("l1", "l2"):
            ids[name] = budget_lines.add_line(store, ids["plan"], title=name.upper()).id
            budget_lines.link_objective(store, ids[name], ids["mine"])
        for name, unit in POSTS.items():
            write_starter(store, root / f"{name}.plan", unit_code=unit)
    folder = root / "mail"
    folder.mkdir()
    for name in POSTS:
        post = Site(name, root / f"{name}-data", PlanFile.open(root / f"{name}.plan"))
        with post:
            key = load_or_create().fingerprint
        package = post.send(folder)
        hq.merge(package, accept_key=key)
        post.store.close()
    hq.store.close()
    shutil.rmtree(folder)
    folder.mkdir()
    return ids


@dataclass(frozen=True)
class Edit:
    number: int
    site: str
    key: Key
    value: str  # canonical JSON
    by_person: bool  # False: a decision
    seen: frozenset[int]  # the edits its site had seen when it was made


@dataclass
class Packet:
    path: Path
    sender: str
    to: str
    seen: frozenset[int]


@dataclass
class World:
    root: Path
    ids: dict[str, uuid.UUID]
    rng: random.Random
    sites: dict[str, Site] = field(default_factory=dict)
    seen: dict[str, set[int]] = field(default_factory=dict)
    edits: list[Edit] = field(default_factory=list)
    mail: list[Packet] = field(default_factory=list)
    shown: set[tuple[uuid.UUID, str, str]] = field(default_factory=set)
    backups: dict[str, dict[Path, frozenset[int]]] = field(default_factory=dict)
    undo: dict[str, list[Callable[[PlanFile], object]]] = field(default_factory=dict)
    log: list[str] = field(default_factory=list)
    _uuid4: Callable[[], uuid.UUID] = uuid.uuid4
    sent: int = 0
    restored: int = 0

    @classmethod
    def open(cls, template: Path, root: Path, ids: dict[str, uuid.UUID], seed: int) -> World:
        """A working copy of ``template``; new ids (rows, sites) come from the seed, so
        a seed replays the same run."""
        shutil.copytree(template, root)
        world = cls(root, dict(ids), random.Random(seed))
        ids_rng = random.Random(seed * 7919 + 1)
        world._uuid4 = uuid.uuid4
        uuid.uuid4 = lambda: uuid.UUID(int=ids_rng.getrandbits(128), version=4)
        for name in ("hq", *POSTS):
            world.sites[name] = Site(
                name, root / f"{name}-data", PlanFile.open(root / f"{name}.plan")
            )
            world.seen[name] = set()
            world.backups[name] = {}
            world.undo[name] = []
        return world

    def close(self) -> None:
        for site in self.sites.values():
            site.store.close()
        uuid.uuid4 = self._uuid4

    # --- what a copy holds ------------------------------------------------------------

    def content(self, name: str) -> Content:
        """Every exchanged field (and the position) of every row of the plan."""
        plan_id = self.ids["plan"]
        out: Content = {}
        with self.sites[name].store.read() as s:
            for table, model in synced_models().items():
                if model is Plan:
                    rows = [s.get(Plan, plan_id)]
                else:
                    rows = list(s.scalars(select(model).where(model.plan_id == plan_id)))
                names = [*exchanged_columns(model), "deleted"]
                if hasattr(model, "position"):
                    names.append("position")
                for row in rows:
                    if row is not None:
                        values = {n: to_json_value(getattr(row, n)) for n in names}
                        if values["deleted"]:
                            values.pop("position", None)  # a place among live rows only
                        out[(table, row.id)] = values
        return out

    def visible(self, content: Content, post: str) -> Content:
        """What headquarters shares with ``post``."""
        unit = self.ids["post_unit" if post == "a" else "post_b_unit"]
        return {
            key: values
            for key, values in content.items()
            if key[0] not in HR_TABLES
            and not (key[0] == "staffing_figures" and values.get("unit_id") != str(unit))
        }

    # --- people -------------------------------------------------------------------------

    def act(self, name: str, action: Callable[[PlanFile], Any], *, person: bool = True) -> bool:
        """Run one service call at ``name`` and record what it changed."""
        site = self.sites[name]
        before = self.content(name)
        label = getattr(action, "label", None) or getattr(action, "__qualname__", "?")
        try:
            with site:
                result = action(site.store)
        except PlannerError as err:
            self.log.append(f"{name} {label}: refused ({err})")
            return False
        self.log.append(f"{name} {label}")
        after = self.content(name)
        for key, values in after.items():
            old = before.get(key)
            for field_name, value in values.items():
                if field_name == "position" or (old is None and field_name == "deleted"):
                    continue
                if old is None or old.get(field_name) != value:
                    self._record(name, (key[0], key[1], field_name), value, person)
        if callable(result) and person:
            self.undo[name].append(result)
        self.harvest(name)
        return True

    def _record(self, name: str, key: Key, value: Any, person: bool) -> None:
        edit = Edit(
            len(self.edits),
            name,
            key,
            json.dumps(value, sort_keys=True),
            person,
            frozenset(self.seen[name]),
        )
        self.edits.append(edit)
        self.seen[name].add(edit.number)

    def harvest(self, name: str) -> None:
        """Remember every value any conflict record of ``name`` shows."""
        with self.sites[name].store.read() as s:
            for c in s.scalars(select(MergeConflict)):
                for text in (c.local, c.remote, c.base):
                    if text is not None:
                        self.shown.add(
                            (c.row_id, c.field, json.dumps(json.loads(text), sort_keys=True))
                        )

    # --- mail ---------------------------------------------------------------------------

    def send(self, name: str, to: str) -> Packet:
        site = self.sites[name]
        packet = Packet(
            site.send(self.root / "mail", POSTS.get(to)), name, to, frozenset(self.seen[name])
        )
        self.mail.append(packet)
        self.log.append(f"{name} wrote {packet.path.name} ({_count(packet)}) for {to}")
        return packet

    def deliver(self, packet: Packet, *, keep: bool = False) -> bool:
        """``packet`` merged at its recipient (``keep``: a duplicate stays in the mail)."""
        site = self.sites[packet.to]
        seen_before = frozenset(self.seen[packet.to])
        try:
            report = site.merge(packet.path)
        except SequenceGapError:
            self.log.append(f"{packet.to} delayed {packet.path.name}")
            return False  # delayed: an earlier one is missing
        except ExchangeError as err:
            self.log.append(f"{packet.to} refused {packet.path.name}: {err}")
            return False
        if not keep and packet in self.mail:
            self.mail.remove(packet)
        self.log.append(
            f"{packet.to} merged {packet.path.name}: {report.summary()} "
            f"notices {[(c.kind, c.field) for c in getattr(report, 'notices', [])]} "
            f"refused {[(r.table, r.field, r.reason) for r in report.refused]}"
        )
        self.seen[packet.to] |= packet.seen
        if report.backup is not None:
            self.backups[packet.to][report.backup] = seen_before
        self.harvest(packet.to)
        return True

    def restore(self, name: str) -> bool:
        """Put ``name``'s file back as it was before one of its merges."""
        site = self.sites[name]
        with site:
            found = [b.path for b in list_backups(site.store.path) if b.path in self.backups[name]]
        if not found:
            return False
        backup = self.rng.choice(found[:3])
        path = site.store.path
        site.store.close()
        with site:
            restore_backup(path, backup)
        site.store = PlanFile.open(path)
        self.seen[name] = set(self.backups[name][backup])
        self.undo[name].clear()
        self.restored += 1
        self.log.append(f"{name} restored {backup.name}")
        return True

    def settle(self, rounds: int = 12) -> int:
        """Exchange until a round carries nothing; the rounds it took."""
        for done in range(1, rounds + 1):
            moved = 0
            for post in POSTS:
                up = self.send(post, "hq")
                moved += _count(up)
                self.deliver(up)
                down = self.send("hq", post)
                moved += _count(down)
                self.deliver(down)
            if not moved:
                return done
        return rounds

    # --- the checks ---------------------------------------------------------------------

    def differences(self) -> list[str]:
        hq = self.content("hq")
        out = []
        for post in POSTS:
            theirs, ours = self.visible(self.content(post), post), self.visible(hq, post)
            for key in sorted(set(theirs) | set(ours), key=str):
                if theirs.get(key) != ours.get(key):
                    out.append(f"{post} {key}: hq {ours.get(key)} / post {theirs.get(key)}")
        return out

    def lost(self) -> list[str]:
        """Edits neither final, nor superseded by someone who had seen them, nor shown."""
        final = self.content("hq")
        alive = set().union(*self.seen.values())
        later: dict[Key, list[Edit]] = {}
        for edit in self.edits:
            later.setdefault(edit.key, []).append(edit)
        out = []
        for edit in self.edits:
            if not edit.by_person or edit.number not in alive:
                continue  # a decision, or an edit its own site's restore took back unsent
            table, row_id, name = edit.key
            value = final.get((table, row_id), {}).get(name)
            if json.dumps(value, sort_keys=True) == edit.value:
                continue
            if any(edit.number in e.seen for e in later[edit.key] if e.number > edit.number):
                continue
            if (row_id, name, edit.value) in self.shown:
                continue
            out.append(
                f"edit {edit.number} at {edit.site}: {table}.{name} {row_id} = {edit.value}, now {value}"
            )
        return out


def _count(packet: Packet) -> int:
    from planner_app.exchange.package import open_package

    return int(open_package(packet.path).header.get("count") or 0)


# --- what people do -------------------------------------------------------------------------


WORDS = ("beleid", "verslag", "netwerk", "visum", "campagne", "audit", "opleiding", "dossier")


class People:
    """Random edits of every exchanged kind, as a site's user makes them."""

    def __init__(self, world: World) -> None:
        self.w = world
        self.rng = world.rng

    def unit(self, name: str) -> uuid.UUID | None:
        return {"a": self.w.ids["post_unit"], "b": self.w.ids["post_b_unit"]}.get(name)

    def _live(self, name: str, table: str, **where: str) -> list[uuid.UUID]:
        content = self.w.content(name)
        return [
            key[1]
            for key, values in content.items()
            if key[0] == table
            and not values["deleted"]
            and all(values.get(k) == v for k, v in where.items())
        ]

    def objectives_of(self, name: str) -> list[uuid.UUID]:
        unit = self.unit(name)
        rows = self._live(name, "objectives", level="initiative")
        if unit is None or self.rng.random() < 0.08:  # now and then: outside its part
            return rows
        return self._live(name, "objectives", level="initiative", lead_unit_id=str(unit))

    def step(self, name: str) -> None:
        actions = [
            (4, self.title),
            (2, self.status),
            (3, self.milestone_text),
            (3, self.milestone_done),
            (3, self.amount),
            (1, self.fte),
            (2, self.add_milestone),
            (1, self.add_initiative),
            (2, self.delete),
            (1, self.move),
            (2, self.reorder),
            (1, self.move_line),
            (2, self.undo),
        ]
        weights = [w for w, _a in actions]
        for _try in range(4):
            action = self.rng.choices([a for _w, a in actions], weights)[0]
            if action(name):
                return

    def _pick(self, items: list) -> Any:
        return self.rng.choice(items) if items else None

    def title(self, name: str) -> bool:
        row = self._pick(self.objectives_of(name))
        if row is None:
            return False
        text = f"{self.rng.choice(WORDS)} {self.rng.randint(1, 99)}"
        old: dict[str, Any] = {}

        def edit(store: PlanFile) -> Callable:
            with store.read() as s:
                from planner_app.domain import Objective

                old["title"] = dict(s.get(Objective, row).title)
            objectives.update_objective(store, row, title=text)
            return lambda st: objectives.update_objective(st, row, title=old["title"])

        return self.w.act(name, edit)

    def status(self, name: str) -> bool:
        row = self._pick(self.objectives_of(name))
        if row is None:
            return False
        status = self.rng.choice(list(Status))
        return self.w.act(name, lambda st: objectives.update_objective(st, row, status=status))

    def _milestones(self, name: str) -> list[uuid.UUID]:
        owners = {str(o) for o in self.objectives_of(name)}
        content = self.w.content(name)
        return [
            key[1]
            for key, v in content.items()
            if key[0] == "milestones" and not v["deleted"] and v["objective_id"] in owners
        ]

    def milestone_text(self, name: str) -> bool:
        row = self._pick(self._milestones(name))
        if row is None:
            return False
        text = f"Q{self.rng.randint(1, 4)}: {self.rng.choice(WORDS)}"
        return self.w.act(name, lambda st: details.update_milestone(st, row, text=text))

    def milestone_done(self, name: str) -> bool:
        row = self._pick(self._milestones(name))
        if row is None:
            return False
        done = self.rng.random() < 0.6

        def tick(store: PlanFile) -> Callable:
            details.update_milestone(store, row, done=done)
            return lambda st: details.update_milestone(st, row, done=not done)

        return self.w.act(name, tick)

    def amount(self, name: str) -> bool:
        lines = {"hq": ["line", "line_b", "l1", "l2"], "a": ["line", "l1", "l2"], "b": ["line_b"]}
        line = self.w.ids[self.rng.choice(lines[name])]
        value = Decimal(self.rng.randint(1, 50) * 10)
        return self.w.act(
            name,
            lambda st: budget_amounts.set_amount(
                st, line, year=2025, stage="INI", credit_type="VL", amount=value
            ),
        )

    def fte(self, name: str) -> bool:
        unit = self.unit(name) or self.w.ids[self.rng.choice(["post_unit", "post_b_unit"])]
        value = Decimal(self.rng.randint(1, 20)) / 2
        return self.w.act(
            name,
            lambda st: staffing.set_staffing(
                st, unit, statute=Statute.CONTRACTUAL, year=2025, scenario=Scenario.AS_IS, fte=value
            ),
        )

    def add_milestone(self, name: str) -> bool:
        owner = self._pick(self.objectives_of(name))
        if owner is None:
            return False
        position = self.rng.randint(0, 3)
        text = f"Q{self.rng.randint(1, 4)}: nieuw {self.rng.randint(1, 999)}"
        return self.w.act(
            name, lambda st: details.add_milestone(st, owner, text=text, position=position)
        )

    def add_initiative(self, name: str) -> bool:
        unit = (
            self.unit(name)
            or self.w.ids[self.rng.choice(["post_unit", "post_b_unit", "other_unit"])]
        )
        parent = self.w.ids[self.rng.choice(["sd", "od_a"])]
        title = f"Nieuw {self.rng.randint(1, 999)}"
        return self.w.act(
            name,
            lambda st: objectives.add_objective(
                st,
                self.w.ids["plan"],
                level=ObjectiveLevel.INITIATIVE,
                title=title,
                parent_id=parent,
                lead_unit_id=unit,
                position=self.rng.randint(0, 4),
            ),
        )

    def delete(self, name: str) -> bool:
        if self.rng.random() < 0.5:
            row = self._pick(self._milestones(name))
            if row is None:
                return False

            def gone(store: PlanFile) -> Callable:
                changed = details.delete_milestone(store, row)
                return lambda st: details.restore_milestone(st, changed.ids)

            return self.w.act(name, gone)
        row = self._pick(self.objectives_of(name))
        if row is None:
            return False

        def gone_objective(store: PlanFile) -> Callable:
            changed = objectives.delete_objective(store, row)
            return lambda st: objectives.restore_objective(st, changed.ids)

        return self.w.act(name, gone_objective)

    def move(self, name: str) -> bool:
        row = self._pick(self.objectives_of(name))
        if row is None:
            return False
        parent = self.w.ids[self.rng.choice(["sd", "od_a"])]
        position = self.rng.randint(0, 4)
        return self.w.act(
            name, lambda st: objectives.move_objective(st, row, parent_id=parent, position=position)
        )

    def reorder(self, name: str) -> bool:
        if self.rng.random() < 0.5:
            row = self._pick(self._milestones(name))
            if row is None:
                return False
            position = self.rng.randint(0, 3)
            return self.w.act(name, lambda st: details.move_milestone(st, row, position))
        row = self._pick(self.objectives_of(name))
        if row is None:
            return False
        position = self.rng.randint(0, 4)
        parent = self.w.content(name)[("objectives", row)]["parent_id"]
        return self.w.act(
            name,
            lambda st: objectives.move_objective(
                st, row, parent_id=uuid.UUID(parent), position=position
            ),
        )

    def move_line(self, name: str) -> bool:
        if name == "b":
            return False
        mine, other = self.rng.sample(["l1", "l2"], 2)
        parent = self.w.ids[other] if self.rng.random() < 0.7 else None
        return self.w.act(
            name,
            lambda st: budget_lines.move_line(st, self.w.ids[mine], parent_id=parent, position=0),
        )

    def undo(self, name: str) -> bool:
        if not self.w.undo[name]:
            return False
        inverse = self.w.undo[name].pop()
        return self.w.act(name, inverse)

    def decide(self, name: str) -> bool:
        from planner_app.exchange.merge import open_conflicts

        found = open_conflicts(self.w.sites[name].store)
        if not found:
            return False
        c = self.rng.choice(found)
        if c.kind in ("refused", "cycle"):
            choices = ["dismiss"]
        elif c.kind == "parent-deleted":
            choices = ["dismiss", "ours"]
        else:
            choices = ["ours", "theirs"] + (
                ["combine"] if c.base and c.field in ("amount", "fte") else []
            )
        choice = self.rng.choice(choices)
        return self.w.act(name, lambda st: decide(st, c.id, choice), person=False)


def run(world: World, steps: int) -> None:
    """``steps`` random things people and the mail do, then a settling exchange."""
    people, rng = People(world), world.rng
    restore_at = rng.randint(steps // 3, steps - 1)
    for step in range(steps):
        roll = rng.random()
        name = rng.choice(["hq", "a", "b"])
        if step == restore_at:
            world.restore(rng.choice(["hq", "a", "b"]))
        elif roll < 0.5:
            people.step(name)
        elif roll < 0.62:
            people.decide(name)
        elif roll < 0.8:
            post = rng.choice(list(POSTS))
            world.send(*(("hq", post) if name == "hq" else (post, "hq")))
        elif world.mail:
            packet = rng.choice(world.mail)
            fate = rng.random()
            if fate < 0.15:
                world.mail.remove(packet)  # lost
                world.log.append(f"lost {packet.path.name}")
            else:
                world.deliver(packet, keep=fate > 0.85)  # a duplicate stays in the mail
    world.settle()
