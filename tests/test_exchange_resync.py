"""Divergence is said out loud and repaired without loss: each package carries a
digest of what the two copies share; a merge that leaves neither side with a write the
other lacks compares it; a post that differs asks for a resync, headquarters sends its
part whole, and the post's unsent edits survive it (issue 21)."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import text

from planner_app.cli import main
from planner_app.exchange.merge import open_conflicts
from planner_app.exchange.resync import write_resync
from planner_app.services import budget_amounts, objectives
from tests import exchange_support

enrolled = exchange_support.enrolled
exchange_template = exchange_support.exchange_template

CELL = dict(year=2025, stage="INI", credit_type="VL")


def _damage(site, objective_id, title: str) -> None:
    """Change a title behind the app's back (a hand-edited or damaged file)."""
    with site.store.transaction() as s:
        s.connection().execute(
            text("UPDATE objectives SET title = :t WHERE id = :id"),
            {"t": f'{{"nl": "{title}"}}', "id": objective_id.hex},
        )


def test_copies_in_step_compare_equal(enrolled):
    ex = enrolled
    objectives.update_objective(ex.post.store, ex.ids["mine"], title="Post")
    ex.to_hq()
    report = ex.to_post()
    assert report.compared and not report.divergence
    report = ex.to_hq()
    assert report.compared and not report.divergence


def test_a_post_that_differs_is_told_asks_and_is_resynced_without_loss(enrolled, tmp_path):
    ex = enrolled
    _damage(ex.post, ex.ids["theirs"], "Hand-edited")
    objectives.update_objective(ex.hq.store, ex.ids["mine"], title="From HQ")
    report = ex.to_post()
    assert [t for t, _here, _there in report.divergence.tables] == ["objectives"]
    # an edit the post makes meanwhile, not sent yet when the resync arrives
    budget_amounts.set_amount(ex.post.store, ex.ids["line"], amount=Decimal(333), **CELL)
    asked = ex.to_hq()
    assert asked.resync_requested
    package = tmp_path / "resync.plnpkg"
    with ex.hq:
        write_resync(ex.hq.store, package, unit_code="PA")
    taken = ex.post.merge(package)
    assert taken.resynced
    assert ex.post.objective(ex.ids["theirs"]).title["nl"] == "HQ work"
    assert ex.post.objective(ex.ids["mine"]).title["nl"] == "From HQ"
    assert ex.post.amount(ex.ids["cell"]) == Decimal(333)  # the post's edit is kept
    assert ex.post.problems() == []
    ex.to_hq()
    assert ex.hq.amount(ex.ids["cell"]) == Decimal(333)
    again = ex.to_post()
    assert again.compared and not again.divergence
    assert not ex.to_hq().resync_requested
    assert open_conflicts(ex.post.store) == [] and ex.hq.problems() == []


def test_a_resync_keeps_a_real_conflict_as_a_record(enrolled, tmp_path):
    ex = enrolled
    objectives.update_objective(ex.post.store, ex.ids["mine"], title="Post, unsent")
    objectives.update_objective(ex.hq.store, ex.ids["mine"], title="HQ, meanwhile")
    package = tmp_path / "resync.plnpkg"
    with ex.hq:
        write_resync(ex.hq.store, package, unit_code="PA")
    ex.post.merge(package)
    (conflict,) = open_conflicts(ex.post.store)
    assert "Post, unsent" in conflict.local and "HQ, meanwhile" in conflict.remote
    ex.to_hq()
    assert [c.field for c in open_conflicts(ex.hq.store)] == ["title"]
    assert ex.post.problems() == [] and ex.hq.problems() == []


def test_check_against_a_package(enrolled, monkeypatch, capsys):
    ex = enrolled
    objectives.update_objective(ex.hq.store, ex.ids["mine"], title="From HQ")
    package = ex.hq.send(ex.folder, unit="PA")
    ex.post.merge(package)
    path = str(ex.post.store.path)
    ex.post.store.close()
    monkeypatch.setenv("PLANNER_APP_DATA_DIR", str(ex.post.data_dir))
    assert main(["check", path, "--against", str(package)]) == 0
    assert "holds what the sender" in capsys.readouterr().out
    from planner_app.storage import PlanFile

    ex.post.store = PlanFile.open(path)
    _damage(ex.post, ex.ids["theirs"], "Hand-edited")
    ex.post.store.close()
    assert main(["check", path, "--against", str(package)]) == 1
    err = capsys.readouterr().err
    assert "differ in: Objective" in err
    ex.post.store = PlanFile.open(path)
