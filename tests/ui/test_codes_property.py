"""Codes never move (issue 23), proven over random editing sessions: a planning officer
inserts, moves, indents, outdents, cuts and pastes, copies, deletes, undoes and redoes
through the window's own actions, in a random order. After every step

* no two objectives of the plan print alike;
* every objective that was there before keeps its code, unless the step was
  Plan → Renumber… (a new one takes a code nobody has);
* undo gives back exactly the codes before the step, redo exactly those after it;

and at the end ``check`` finds nothing. Seeded: a failure names its seed and replays.
The fast tier runs 20 sessions, the slow tier 200 longer ones.
"""

from __future__ import annotations

import random

import pytest
from PySide6.QtWidgets import QMessageBox

from planner_app.services import tree_read
from planner_app.services.integrity import check_file
from planner_app.ui.main_window import MainWindow

OPERATIONS = (
    "add_sibling",
    "add_child",
    "move_up",
    "move_down",
    "indent",
    "outdent",
    "cut_paste",
    "copy_paste",
    "delete",
    "undo",
    "undo",
    "redo",
    "renumber",
)


def _codes(win: MainWindow) -> dict:
    assert win.store is not None and win.plan_id is not None
    return {n.id: n.code for n in tree_read.load_tree(win.store, win.plan_id)}


def _pick(rng: random.Random, win: MainWindow):
    ids = list(_codes(win))
    if not ids:
        win.tree.clear_current()
        return None
    chosen = rng.choice(ids)
    win.select_objective(chosen)
    return chosen


def _step(rng: random.Random, win: MainWindow, op: str) -> str | None:
    """Do ``op`` as a user would; the name of what was done, None when not possible."""
    actions = win.tree_actions
    if op in ("undo", "redo"):
        action = getattr(actions, f"{op}_action")
        if not action.isEnabled():
            return None
        action.trigger()
        return op
    if op == "renumber":
        _pick(rng, win)
        dialog = win.renumber.dialog()
        assert dialog is not None
        if rng.random() < 0.5:
            dialog.whole.setChecked(True)
        command = dialog.command()
        dialog.deleteLater()
        return op if win.document.run(command) else None  # type: ignore[union-attr]
    _pick(rng, win)
    if op in ("cut_paste", "copy_paste"):
        if not (actions.cut() if op == "cut_paste" else actions.copy()):
            return None
        _pick(rng, win)
        return op if actions.paste() is not None else None
    action = getattr(actions, f"{op}_action")
    if not action.isEnabled():
        return None
    action.trigger()
    if win.tree.state() == win.tree.State.EditingState:  # a new objective's title
        win.tree.closePersistentEditor(win.tree.currentIndex())
    return op


def run_session(win: MainWindow, seed: int, steps: int) -> None:
    rng = random.Random(seed)
    history = [_codes(win)]  # the codes at each index of the undo stack
    stack = win.document.undo_stack  # type: ignore[union-attr]
    for number in range(steps):
        before = _codes(win)
        index = stack.index()
        done = _step(rng, win, rng.choice(OPERATIONS))
        after = _codes(win)
        where = f"seed {seed}, step {number}: {done}"
        shown = list(after.values())
        assert len(shown) == len(set(shown)), f"{where}: duplicate codes {sorted(shown)}"
        if done is None:
            assert after == before, where
            continue
        if done == "undo":
            assert after == history[stack.index()], where
            continue
        if done == "redo":
            assert after == history[stack.index()], where
            continue
        del history[index + 1 :]
        history.append(after)
        assert stack.index() == len(history) - 1, where
        if done != "renumber":
            kept = {i: c for i, c in before.items() if i in after}
            assert {i: after[i] for i in kept} == kept, f"{where}: a code moved"
            fresh = {after[i] for i in after if i not in before}
            assert not fresh & set(before.values()), f"{where}: a code used again"
    assert check_file(win.store) == [], f"seed {seed}"  # type: ignore[arg-type]


@pytest.fixture
def yes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)


@pytest.mark.parametrize("seed", range(20))
def test_random_editing_keeps_every_code(window: MainWindow, tree, yes, seed):
    run_session(window, seed, 15)


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(1000, 1200))
def test_random_editing_keeps_every_code_longer(window: MainWindow, tree, yes, seed):
    run_session(window, seed, 80)
