"""The nine ways issue 21 found the merge to lose or garble an edit, each as it was
reproduced: headquarters and a post (or two) trading packages through the services.

Each test says what a person expects; none of them depends on how the merge keeps its
history. "Not lost" means: the edit is the value on every copy, or it is shown in an
open conflict record where someone can take it.
"""

from __future__ import annotations

import json
import re
import shutil
from decimal import Decimal

import pytest
from sqlalchemy import select

from planner_app.cli import main
from planner_app.domain import ExchangePeer, Milestone, Objective
from planner_app.domain.enums import ObjectiveLevel
from planner_app.exchange.decisions import decide
from planner_app.exchange.merge import open_conflicts
from planner_app.exchange.merge import reason_text as describe_reason
from planner_app.services import budget_amounts, details, objectives, tree_read
from planner_app.storage import PlanFile
from tests import exchange_support
from tests.exchange_support import make_exchange, make_star

enrolled = exchange_support.enrolled
exchange_template = exchange_support.exchange_template


def _open(site):
    return [c for c in open_conflicts(site.store) if c.kind != "refused"]


def _mentions(site, text: str) -> bool:
    """Whether an open conflict of ``site`` shows ``text`` as one of its values."""
    return any(text in f"{c.local} {c.remote}" for c in _open(site))


def _title(site, row_id) -> str:
    return site.objective(row_id).title["nl"]


def _kept(site, row_id, text: str) -> bool:
    return _title(site, row_id) == text or _mentions(site, text)


def _settle(ex) -> None:
    ex.to_hq()
    ex.to_post()


def _sound(*sites) -> None:
    for site in sites:
        assert site.problems() == [], site.name


def _milestone(site, row_id) -> Milestone:
    with site.store.read() as s:
        row = s.get(Milestone, row_id)
        assert row is not None
        return row


# --- 1 ------------------------------------------------------------------------------


def test_1_a_b_a_is_not_mistaken_for_no_change(enrolled):
    """Headquarters ticks a milestone done and unticks it; the post ticks it: the two
    copies end equal, and the post's tick is in a conflict (headquarters never saw it)."""
    ex = enrolled
    mid = details.add_milestone(ex.hq.store, ex.ids["mine"], text="Q2: report").ids[0]
    ex.to_post()
    ex.to_hq()
    details.update_milestone(ex.hq.store, mid, done=True)
    details.update_milestone(ex.hq.store, mid, done=False)
    details.update_milestone(ex.post.store, mid, done=True)
    _settle(ex)
    assert _milestone(ex.hq, mid).done == _milestone(ex.post, mid).done
    for site in (ex.hq, ex.post):
        assert [(c.table_name, c.field) for c in _open(site)] == [("milestones", "done")]
    _sound(ex.hq, ex.post)


# --- 2 ------------------------------------------------------------------------------


def test_2_crossing_decisions_converge_and_do_not_swap(enrolled):
    ex = enrolled
    objectives.update_objective(ex.hq.store, ex.ids["mine"], title="HQ title")
    objectives.update_objective(ex.post.store, ex.ids["mine"], title="Post title")
    to_hq, to_post = ex.post.send(ex.folder), ex.hq.send(ex.folder, unit="PA")
    ex.hq.merge(to_hq)
    ex.post.merge(to_post)  # the packages crossed: each side has the conflict
    for site in (ex.hq, ex.post):
        (conflict,) = _open(site)
        decide(site.store, conflict.id, "theirs")
    for _round in range(2):
        _settle(ex)
    assert _title(ex.hq, ex.ids["mine"]) == _title(ex.post, ex.ids["mine"])
    assert _open(ex.hq) == [] and _open(ex.post) == []
    _sound(ex.hq, ex.post)


# --- 3 ------------------------------------------------------------------------------


@pytest.mark.parametrize("choice", ["ours", "theirs"])
def test_3_a_late_decision_never_overwrites_a_newer_edit(enrolled, choice):
    ex = enrolled
    objectives.update_objective(ex.hq.store, ex.ids["mine"], title="H")
    objectives.update_objective(ex.post.store, ex.ids["mine"], title="P1")
    ex.to_hq()
    (conflict,) = _open(ex.hq)
    objectives.update_objective(ex.post.store, ex.ids["mine"], title="P2")  # not seen at HQ
    decide(ex.hq.store, conflict.id, choice)
    ex.to_post()
    assert _kept(ex.post, ex.ids["mine"], "P2")
    ex.to_hq()
    assert _kept(ex.hq, ex.ids["mine"], "P2")
    assert _title(ex.hq, ex.ids["mine"]) == _title(ex.post, ex.ids["mine"])
    _sound(ex.hq, ex.post)


# --- 4 ------------------------------------------------------------------------------


def test_4_deciding_an_older_conflict_never_erases_a_later_edit(enrolled):
    ex = enrolled
    objectives.update_objective(ex.post.store, ex.ids["mine"], title="P")
    for title in ("H1", "H2", "H3"):
        objectives.update_objective(ex.hq.store, ex.ids["mine"], title=title)
        ex.to_post()
    while conflicts := _open(ex.post):  # the newest first: the oldest decided last
        decide(ex.post.store, max(c.id for c in conflicts), "theirs")
    for _round in range(2):
        _settle(ex)
    assert _kept(ex.hq, ex.ids["mine"], "H3") and _kept(ex.post, ex.ids["mine"], "H3")
    assert _title(ex.hq, ex.ids["mine"]) == _title(ex.post, ex.ids["mine"])
    _sound(ex.hq, ex.post)


# --- 5 ------------------------------------------------------------------------------


def test_5_delete_edit_decided_on_both_sides_ends_equal_and_sound(enrolled):
    """Headquarters deleted the post's objective while the post edited it; headquarters
    takes the post's edit ("theirs"), then the post keeps its edit ("ours")."""
    ex = enrolled
    objectives.delete_objective(ex.hq.store, ex.ids["mine"])
    objectives.update_objective(ex.post.store, ex.ids["mine"], title="Still needed")
    ex.to_hq()
    for conflict in _open(ex.hq):
        decide(ex.hq.store, conflict.id, "theirs")
    ex.to_post()
    for conflict in _open(ex.post):
        decide(ex.post.store, conflict.id, "ours")
    for _round in range(2):
        _settle(ex)
    hq, post = ex.hq.objective(ex.ids["mine"]), ex.post.objective(ex.ids["mine"])
    assert (hq.deleted, hq.title["nl"]) == (post.deleted, post.title["nl"])
    assert not hq.deleted and hq.title["nl"] == "Still needed"
    _sound(ex.hq, ex.post)


# --- 6 ------------------------------------------------------------------------------


def test_6_a_third_copy_takes_a_decision_without_a_conflict(tmp_path, empty_plan_file):
    star = make_star(tmp_path, empty_plan_file)
    try:
        mine = star.ids["mine"]
        objectives.delete_objective(star.hq.store, mine)
        objectives.update_objective(star.posts["a"].store, mine, title="Edited at A")
        star.up("a")
        for conflict in _open(star.hq):
            decide(star.hq.store, conflict.id, "theirs")  # A's edit: the row comes back
        star.down("b")
        b = star.posts["b"]
        assert _open(b) == []
        row = b.objective(mine)
        assert not row.deleted and row.title["nl"] == "Edited at A"
        _sound(*star.sites())
    finally:
        star.close()


# --- 7 ------------------------------------------------------------------------------


def _order(site, parent_id) -> list:
    with site.store.read() as s:
        rows = s.scalars(
            select(Objective).where(Objective.parent_id == parent_id, Objective.deleted.is_(False))
        ).all()
        return [(r.position, r.id) for r in sorted(rows, key=lambda r: r.position)]


def _codes(site, plan_id) -> dict:
    with site.store.read() as s:
        return tree_read.objective_codes(s, plan_id)


def test_7_a_post_reorders_its_initiatives_and_both_copies_agree(enrolled):
    ex = enrolled
    second = objectives.add_objective(
        ex.hq.store,
        ex.ids["plan"],
        level=ObjectiveLevel.INITIATIVE,
        title="Post work 2",
        parent_id=ex.ids["sd"],
        lead_unit_id=ex.ids["post_unit"],
    ).id
    ex.to_post()
    objectives.move_objective(ex.post.store, second, parent_id=ex.ids["sd"], position=0)
    report = ex.to_hq()
    ex.to_post()
    assert [r.field for r in report.refused] == []
    assert _order(ex.hq, ex.ids["sd"]) == _order(ex.post, ex.ids["sd"])
    assert _order(ex.hq, ex.ids["sd"])[0][1] == second
    assert _codes(ex.hq, ex.ids["plan"]) == _codes(ex.post, ex.ids["plan"])
    _sound(ex.hq, ex.post)


# --- 8 ------------------------------------------------------------------------------


def _restore_last_backup(site) -> None:
    from planner_app.storage.backups import list_backups, restore_backup

    path = site.store.path
    site.store.close()
    with site:
        merges = [b for b in list_backups(path) if b.reason == "before-merge"]
        restore_backup(path, merges[0].path)
    site.store = PlanFile.open(path)


def test_8_a_post_restored_from_a_backup_is_not_mistaken_for_what_it_sent(enrolled):
    ex = enrolled
    objectives.update_objective(ex.post.store, ex.ids["mine"], title="one")
    ex.to_hq()
    ex.to_post()  # the post's backup before this merge holds "one"
    objectives.update_objective(ex.post.store, ex.ids["mine"], title="two")
    ex.to_hq()
    _restore_last_backup(ex.post)  # "two" is gone from the post's file
    objectives.update_objective(ex.post.store, ex.ids["mine"], title="three")
    ex.to_hq()
    assert _kept(ex.hq, ex.ids["mine"], "three")
    for _round in range(2):
        _settle(ex)
    assert _title(ex.hq, ex.ids["mine"]) == _title(ex.post, ex.ids["mine"])
    _sound(ex.hq, ex.post)


def test_8_headquarters_restored_from_a_backup_still_reaches_the_post(enrolled):
    ex = enrolled
    objectives.update_objective(ex.hq.store, ex.ids["theirs"], title="first")
    ex.to_post()
    objectives.update_objective(ex.post.store, ex.ids["mine"], title="from the post")
    ex.to_hq()  # headquarters' backup before this merge
    objectives.update_objective(ex.hq.store, ex.ids["theirs"], title="second")
    ex.to_post()
    _restore_last_backup(ex.hq)
    objectives.update_objective(ex.hq.store, ex.ids["theirs"], title="after the restore")
    ex.to_post()
    assert _kept(ex.post, ex.ids["theirs"], "after the restore")
    for _round in range(2):
        _settle(ex)
    assert _title(ex.hq, ex.ids["mine"]) == _title(ex.post, ex.ids["mine"]) == "from the post"
    assert _title(ex.hq, ex.ids["theirs"]) == _title(ex.post, ex.ids["theirs"])
    _sound(ex.hq, ex.post)


def test_8_headquarters_restored_to_before_its_new_site_id_still_hears_the_post(enrolled):
    """Seed 1206 of the property test: headquarters' file was copied (a new site id at
    its next write), its first merge backed it up before that write, then that backup
    was restored. The restored file must still answer to the site id the post knows
    it by, or every package of the post is refused as written for another copy."""
    ex = enrolled
    path = ex.hq.store.path
    ex.hq.store.close()
    shutil.copy2(path, path.with_name("copy.plan"))
    path.with_name("copy.plan").replace(path)  # another inode: a copied file
    ex.hq.store = PlanFile.open(path)
    objectives.update_objective(ex.post.store, ex.ids["mine"], title="one")
    ex.to_hq()  # the backup before this merge is of the file before its new site id
    ex.to_post()  # the post now knows headquarters by the new one
    _restore_last_backup(ex.hq)
    ex.to_post()  # the restored file says who it is now (the post's next is taken)
    objectives.update_objective(ex.post.store, ex.ids["mine"], title="two")
    for _round in range(3):
        _settle(ex)
    assert _title(ex.hq, ex.ids["mine"]) == _title(ex.post, ex.ids["mine"]) == "two"
    with ex.post.store.read() as s:
        live = s.scalars(
            select(ExchangePeer.site_id).where(
                ExchangePeer.role == "hq", ExchangePeer.successor == ""
            )
        ).all()
    assert live == [ex.hq.store.site_id]  # one headquarters, the restored file
    _sound(ex.hq, ex.post)


def test_8_a_refused_edit_the_post_restored_away_is_still_shown_to_it(enrolled):
    """Seed 1165 of the property test: the post's edit outside its part reached
    headquarters (refused), then the post restored a backup made before the edit.
    The revert that comes back names the refused value, so the post is told."""
    ex = enrolled
    objectives.update_objective(ex.post.store, ex.ids["mine"], title="one")
    ex.to_hq()
    ex.to_post()  # the post's backup before this merge: no "Not mine" in it
    objectives.update_objective(ex.post.store, ex.ids["theirs"], title="Not mine")
    assert [r.field for r in ex.to_hq().refused] == ["title"]
    _restore_last_backup(ex.post)
    for _round in range(2):
        _settle(ex)
    notices = [c for c in open_conflicts(ex.post.store) if c.kind == "refused"]
    assert [(c.field, json.loads(c.local)["nl"]) for c in notices] == [("title", "Not mine")]
    assert "outside the post's part" in describe_reason(notices[0].note)
    assert _title(ex.hq, ex.ids["theirs"]) == _title(ex.post, ex.ids["theirs"]) == "HQ work"
    _sound(ex.hq, ex.post)


# --- 9 ------------------------------------------------------------------------------


def test_9_an_objective_brought_back_by_a_decision_returns_with_its_milestones(enrolled):
    ex = enrolled
    mid = details.add_milestone(ex.hq.store, ex.ids["mine"], text="Q3: visit").ids[0]
    ex.to_post()
    objectives.delete_objective(ex.hq.store, ex.ids["mine"])
    objectives.update_objective(ex.post.store, ex.ids["mine"], title="Keep it")
    ex.to_hq()
    for conflict in _open(ex.hq):
        decide(ex.hq.store, conflict.id, "theirs")
    assert not ex.hq.objective(ex.ids["mine"]).deleted
    assert not _milestone(ex.hq, mid).deleted
    ex.to_post()
    assert not _milestone(ex.post, mid).deleted
    _sound(ex.hq, ex.post)


def _positions(site, objective_id) -> list:
    with site.store.read() as s:
        rows = s.scalars(
            select(Milestone).where(
                Milestone.objective_id == objective_id, Milestone.deleted.is_(False)
            )
        ).all()
        return sorted((r.position, r.id) for r in rows)


def test_9_concurrent_add_and_delete_keep_positions_unique(enrolled):
    ex = enrolled
    made = [
        details.add_milestone(ex.hq.store, ex.ids["mine"], text=f"M{n}").ids[0] for n in range(3)
    ]
    ex.to_post()
    details.delete_milestone(ex.hq.store, made[0])
    details.add_milestone(ex.post.store, ex.ids["mine"], text="New", position=1)
    _settle(ex)
    for site in (ex.hq, ex.post):
        positions = [p for p, _id in _positions(site, ex.ids["mine"])]
        assert positions == list(range(len(positions)))
    assert _positions(ex.hq, ex.ids["mine"]) == _positions(ex.post, ex.ids["mine"])
    _sound(ex.hq, ex.post)


def test_9_an_edit_to_a_row_deleted_at_headquarters_is_shown_at_the_post(enrolled):
    ex = enrolled
    objectives.delete_objective(ex.hq.store, ex.ids["mine"])
    objectives.update_objective(ex.post.store, ex.ids["mine"], title="Edited")
    _settle(ex)
    assert ex.ids["mine"] in {c.row_id for c in open_conflicts(ex.post.store)}
    assert _kept(ex.post, ex.ids["mine"], "Edited")
    _sound(ex.hq, ex.post)


def test_9_the_commands_say_what_happened(tmp_path, empty_plan_file, monkeypatch, capsys):
    ex = make_exchange(tmp_path, empty_plan_file)
    objectives.update_objective(ex.post.store, ex.ids["mine"], title="First")
    package = ex.post.send(ex.folder)
    with ex.post:
        from planner_app.exchange.keys import load_or_create

        key = load_or_create().fingerprint
    hq_file, post_file = str(ex.hq.store.path), str(ex.post.store.path)
    ex.hq.store.close()
    ex.post.store.close()
    monkeypatch.setenv("PLANNER_APP_DATA_DIR", str(ex.hq.data_dir))
    args = ["merge", hq_file, str(package), "--accept-key", key]
    assert main([*args, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "Enrolled" not in out and "Dry run: nothing was changed." in out
    assert main(args) == 0
    assert "Enrolled the key" in capsys.readouterr().out

    update = tmp_path / "u.plnpkg"
    assert main(["changes", hq_file, "--for-unit", "PA", "-o", str(update)]) == 0
    monkeypatch.setenv("PLANNER_APP_DATA_DIR", str(ex.post.data_dir))
    assert main(["merge", post_file, str(update)]) == 0
    empty = tmp_path / "empty.plnpkg"
    assert main(["changes", post_file, "-o", str(empty)]) == 0
    out = capsys.readouterr().out
    ranges = [tuple(map(int, m)) for m in re.findall(r"sequence (\d+)-(\d+)", out)]
    assert all(first <= last for first, last in ranges), out

    with PlanFile.open(post_file) as store:
        budget_amounts.set_amount(
            store, ex.ids["line"], year=2025, stage="INI", credit_type="VL", amount=Decimal(5)
        )
    monkeypatch.setenv("PLANNER_APP_DATA_DIR", str(ex.hq.data_dir))
    with PlanFile.open(hq_file) as store:
        budget_amounts.set_amount(
            store, ex.ids["line"], year=2025, stage="INI", credit_type="VL", amount=Decimal(7)
        )
    monkeypatch.setenv("PLANNER_APP_DATA_DIR", str(ex.post.data_dir))
    package = tmp_path / "p2.plnpkg"
    assert main(["changes", post_file, "-o", str(package)]) == 0
    monkeypatch.setenv("PLANNER_APP_DATA_DIR", str(ex.hq.data_dir))
    assert main(["merge", hq_file, str(package)]) == 4  # a conflict is left open
    capsys.readouterr()
    shutil.copy2(hq_file, tmp_path / "kept.plan")  # the file is usable afterwards
    assert main(["check", hq_file]) == 0
