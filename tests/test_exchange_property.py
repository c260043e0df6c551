"""The exchange never loses an edit (issue 21), as a seeded random property.

Headquarters and two posts make random edits of every exchanged kind (texts, amounts,
FTE, statuses, done flags, inserts, deletes, moves between parents and reorders, loops
of budget lines, edits outside a post's part, undo), packages are lost, duplicated,
delayed and reordered, conflicts are decided at random on both sides, and one copy is
restored from a backup. After the settling rounds:

* every copy holds the same exchanged content as headquarters (tombstones and
  positions included) for what it shares with it;
* every edit is the final value, or was superseded by an edit made by someone who had
  seen it, or was shown in a conflict record, judged from the test's own record of
  which packages each copy had merged (``exchange_world``);
* ``planner-app check`` finds nothing on any copy.

The fast tier runs 20 seeds; the slow tier as many as fit in ten minutes (at least
100); ``make soak`` runs ``EXCHANGE_SEEDS`` (300) of them.
"""

from __future__ import annotations

import os
import time

import pytest

from tests.exchange_world import World, build_template, run

STEPS = 40


@pytest.fixture(scope="session")
def world_template(tmp_path_factory, empty_plan_file):
    root = tmp_path_factory.mktemp("world") / "template"
    root.mkdir()
    return root, build_template(root, empty_plan_file)


def check_seed(template, folder, seed: int, steps: int = STEPS) -> None:
    world = World.open(template[0], folder / f"seed-{seed}", template[1], seed)
    try:
        run(world, steps)
        problems = {name: site.problems() for name, site in world.sites.items()}
        differences = world.differences()
        lost = world.lost()
        report = "\n".join(
            [
                f"seed {seed}: {len(world.edits)} edits, {world.restored} restore(s)",
                *[f"{name}: {p}" for name, ps in problems.items() for p in ps[:5]],
                *differences[:10],
                *lost[:10],
                *world.log[-10:],
            ]
        )
        assert not differences and not lost, report
        assert not any(problems.values()), report
    finally:
        world.close()


# 20 seeds, plus seeds the slow tier once failed (kept as regressions): 1060, a
# duplicate-code record closed too early; 1077, a refusal notice that showed the value
# of an earlier incarnation instead of the refused edit; 1165, a refused edit the post
# had restored away, shown nowhere; 1206, headquarters restored from a backup made
# before its new site id, refusing every package of a post addressed to that id.
@pytest.mark.parametrize("seed", [*range(20), 1060, 1077, 1165, 1206])
def test_copies_end_equal_and_no_edit_is_lost(world_template, tmp_path, seed):
    check_seed(world_template, tmp_path, seed)


@pytest.mark.slow
def test_soak(world_template, tmp_path):
    """As many seeds as fit in ten minutes (at least 100), or ``EXCHANGE_SEEDS``, from
    seed 1000 or ``EXCHANGE_FIRST_SEED``."""
    wanted = int(os.environ.get("EXCHANGE_SEEDS", "0"))
    first = int(os.environ.get("EXCHANGE_FIRST_SEED", "1000"))
    start, seed = time.monotonic(), first
    while True:
        check_seed(world_template, tmp_path, seed)
        seed += 1
        done = seed - first
        if wanted and done >= wanted:
            break
        if not wanted and done >= 100 and time.monotonic() - start > 600:
            break
    print(f"\nexchange property: {done} seeds passed in {time.monotonic() - start:.0f} s")
