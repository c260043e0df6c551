"""A writer process for the crash-safety test (``test_crash_safety.py``); not a test.

    python tests/crash_writer.py PATH SEED START_INDEX

opens the existing plan file PATH, prints ``ready``, then makes a long, deterministic
(from SEED) series of edits through the services, each its own transaction, until it
is killed. Around every edit it prints, and flushes, one line:

    begin <kind> <key> <value>   before the service is called (the edit is in flight)
    ok <kind> <key> <value>      after the service returned (the edit is committed)

so the test knows every edit reported as committed, and the one edit in flight when
the kill came (which may or may not have reached the file). Values never contain
spaces. START_INDEX makes texts unique across runs.

    python tests/crash_writer.py --serve FD

is the same writer behind a fork server, to spare the ~1.4 s of Python start-up and
imports per run. FD is one end of an ``AF_UNIX``/``SOCK_SEQPACKET`` socket pair. The
server imports everything once and sends ``serving``; for each message
``run PATH SEED START_INDEX`` (carrying one file descriptor, the write end of a pipe)
it forks a writer whose stdout is that pipe and answers ``pid <pid>``; ``wait <pid>``
reaps that writer and answers ``reaped <pid> <status>``. Each writer is an ordinary
process that never shared an SQLite connection with its parent (the server opens no
file), and only the writer holds the pipe's write end, so the reader sees EOF when
the writer dies.
"""

from __future__ import annotations

import os
import random
import socket
import sys
import traceback
import uuid
from decimal import Decimal
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``planner_app`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planner_app.domain.enums import Scenario, Statute, ValueKind
from planner_app.services import (
    budget_amounts,
    budget_dimensions,
    budget_read,
    details,
    objectives,
    staffing,
    tree_read,
    units,
)
from planner_app.services.common import resolve_plan
from planner_app.storage import PlanFile

MAX_EDITS = 100_000  # a writer nobody kills stops by itself
YEARS = (2025, 2026, 2027, 2028, 2029)
KINDS = (
    ("milestone", 3),
    ("title", 3),
    ("amount", 4),
    ("fte", 4),
    ("done", 3),
    ("indicator", 2),
    ("pair", 2),
)


class Writer:
    def __init__(self, store: PlanFile, seed: int, start: int, out) -> None:
        self.store = store
        self.rng = random.Random(seed)
        self.start = start
        self.out = out
        with store.read() as s:
            plan_id = resolve_plan(s, None).id
        self.objective_ids = [n.id for n in tree_read.load_tree(store, plan_id)]
        self.unit_id = units.load_units(store, plan_id)[0].id
        self.line_ids = [
            i.id for i in budget_read.budget_totals(store, plan_id).lines if not i.is_group
        ]
        self.stages, self.credit_types = budget_dimensions.list_dimensions(store, plan_id)
        self.done: dict[uuid.UUID, bool] = {}  # milestone -> done
        self.indicator_ids: list[uuid.UUID] = []
        for oid in self.objective_ids:
            detail = details.objective_detail(store, oid)
            self.done.update({m.id: m.done for m in detail.milestones})
            self.indicator_ids += [i.id for i in detail.indicators]
        self.kinds = [k for k, _w in KINDS]
        self.weights = [w for _k, w in KINDS]

    def say(self, *words: object) -> None:
        self.out.write(" ".join(str(w) for w in words) + "\n")
        self.out.flush()

    def run(self) -> None:
        self.say("ready")
        for index in range(MAX_EDITS):
            self.edit(index)
        self.say("finished")

    def edit(self, index: int) -> None:
        rng, store = self.rng, self.store
        token = f"{self.start}.{index}"
        kind = rng.choices(self.kinds, self.weights)[0]
        if kind == "done" and not self.done:
            kind = "milestone"
        if kind == "milestone":
            oid = rng.choice(self.objective_ids)
            text = f"ms-{token}"
            self.say("begin", kind, oid, text)
            mid = details.add_milestone(store, oid, text=text).id
            self.done[mid] = False
            self.say("ok", kind, mid, text)
        elif kind == "title":
            oid = rng.choice(self.objective_ids)
            title = f"title-{token}"
            self.say("begin", kind, oid, title)
            objectives.update_objective(store, oid, title=title)
            self.say("ok", kind, oid, title)
        elif kind == "amount":
            line = rng.choice(self.line_ids)
            year, stage = rng.choice(YEARS), rng.choice(self.stages)
            credit = rng.choice(self.credit_types)
            amount = Decimal(rng.randrange(10**9)).scaleb(-3)
            key = f"{line}:{year}:{stage}:{credit}"
            self.say("begin", kind, key, amount)
            budget_amounts.set_amount(
                store, line, year=year, stage=stage, credit_type=credit, amount=amount
            )
            self.say("ok", kind, key, amount)
        elif kind == "fte":
            statute, year = rng.choice(list(Statute)), rng.choice(YEARS)
            scenario = rng.choice(list(Scenario))
            fte = Decimal(rng.randrange(10**6)).scaleb(-2)
            key = f"{self.unit_id}:{statute.value}:{year}:{scenario.value}"
            self.say("begin", kind, key, fte)
            staffing.set_staffing(
                store, self.unit_id, statute=statute, year=year, scenario=scenario, fte=fte
            )
            self.say("ok", kind, key, fte)
        elif kind == "done":
            mid = rng.choice(sorted(self.done))
            value = not self.done[mid]
            self.say("begin", kind, mid, value)
            details.update_milestone(store, mid, done=value)
            self.done[mid] = value
            self.say("ok", kind, mid, value)
        elif kind == "indicator":
            ind = rng.choice(self.indicator_ids)
            year, vkind = rng.choice(YEARS), rng.choice(list(ValueKind))
            value = Decimal(rng.randrange(-(10**8), 10**8)).scaleb(-4)
            key = f"{ind}:{year}:{vkind.value}"
            self.say("begin", kind, key, value)
            details.set_indicator_value(store, ind, year=year, kind=vkind, value=value)
            self.say("ok", kind, key, value)
        elif kind == "pair":
            # Two rows in one transaction: both descriptions or neither.
            first, second = rng.sample(self.objective_ids, 2)
            text = f"pair-{token}"
            key = f"{first},{second}"
            self.say("begin", kind, key, text)
            with store.transaction():
                objectives.update_objective(store, first, description=text)
                objectives.update_objective(store, second, description=text)
            self.say("ok", kind, key, text)


def write(path: str, seed: int, start: int, out) -> None:
    store = PlanFile.open(path)
    Writer(store, seed, start, out).run()
    store.close()


def serve(fd: int) -> None:
    """The fork server: one child per ``run`` message; see the module docstring."""
    from sqlalchemy.orm import configure_mappers

    from planner_app.storage import migrate

    # Warm what every writer would otherwise do first; neither touches a plan file.
    configure_mappers()
    migrate.known_revisions()
    sock = socket.socket(fileno=fd)
    sock.send(b"serving")
    while True:
        message, fds, _flags, _addr = socket.recv_fds(sock, 4096, 1)
        if not message:  # the test closed its end
            return
        words = message.decode().split()
        if words[0] == "run":
            path, seed, start = words[1:4]
            pid = os.fork()
            if pid == 0:  # the writer: its stdout is the pipe end it was sent
                code = 1
                try:
                    sock.close()
                    os.dup2(fds[0], 1)
                    os.close(fds[0])
                    sys.stdout = os.fdopen(1, "w", encoding="utf-8")
                    write(path, int(seed), int(start), sys.stdout)
                    code = 0
                except BrokenPipeError:
                    code = 0
                except BaseException:
                    traceback.print_exc()
                finally:
                    os._exit(code)
            os.close(fds[0])
            sock.send(f"pid {pid}".encode())
        elif words[0] == "wait":
            pid = int(words[1])
            _pid, status = os.waitpid(pid, 0)
            sock.send(f"reaped {pid} {status}".encode())


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "--serve":
        serve(int(argv[1]))
        return 0
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    path, seed, start = argv
    try:
        write(path, int(seed), int(start), sys.stdout)
    except BrokenPipeError:  # the reader went away
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
