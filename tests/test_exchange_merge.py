"""Headquarters and a post trade packages: enrolment, the three-way merge per field,
idempotence, gaps, rollback and the post's authority (issue 9, "Must hold")."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from planner_app.domain import ChangeLogEntry, DiversityPlan, Objective, StaffingFigure
from planner_app.domain.enums import ObjectiveLevel
from planner_app.errors import SequenceGapError, UnknownKeyError
from planner_app.exchange.decisions import decide
from planner_app.exchange.merge import open_conflicts
from planner_app.services import (
    budget_amounts,
    budget_lines,
    objectives,
)
from tests import exchange_support
from tests.exchange_support import make_exchange

# shared fixtures (one enrolled template per session, a working copy per test)
enrolled = exchange_support.enrolled
exchange_template = exchange_support.exchange_template


@pytest.fixture
def ex(tmp_path, empty_plan_file):
    exchange = make_exchange(tmp_path, empty_plan_file)
    yield exchange
    exchange.hq.store.close()
    exchange.post.store.close()


def _title(site, row_id):
    return site.objective(row_id).title


def test_starter_holds_the_post_part_without_hr_or_other_staffing(ex):
    with ex.post.store.read() as s:
        units = {row.unit_id for row in s.scalars(select(StaffingFigure))}
        assert units == {ex.ids["post_unit"]}
        assert s.scalar(select(func.count()).select_from(DiversityPlan)) == 0
        logged = set(s.scalars(select(ChangeLogEntry.table_name)))
        assert "diversity_plans" not in logged and "objectives" in logged
        assert s.get(Objective, ex.ids["theirs"]) is not None  # shared parts stay
    assert ex.post.store.site_id != ex.hq.store.site_id
    assert ex.post.problems() == []


def test_first_package_is_refused_until_its_key_is_accepted(ex):
    objectives.update_objective(ex.post.store, ex.ids["mine"], title={"nl": "Van de post"})
    package = ex.post.send(ex.folder)
    from planner_app.storage.backups import list_backups

    with ex.hq:
        backups = len(list_backups(ex.hq.store.path))
    with pytest.raises(UnknownKeyError, match="not yet enrolled") as err:
        ex.hq.merge(package)
    assert _title(ex.hq, ex.ids["mine"])["nl"] == "Post work"
    with ex.hq:  # refused before the backup: nothing was written anywhere
        assert len(list_backups(ex.hq.store.path)) == backups
    with pytest.raises(UnknownKeyError, match="does not match"):
        ex.hq.merge(package, accept_key="0000 0000 0000 0000 0000 0000 0000 0000")
    report = ex.hq.merge(package, accept_key=err.value.fingerprint.lower())
    assert report.enrolled and report.applied == 1
    assert report.backup is not None and report.backup.exists()
    assert _title(ex.hq, ex.ids["mine"])["nl"] == "Van de post"


def test_a_new_key_for_an_enrolled_post_is_refused_until_accepted(enrolled, tmp_path):
    objectives.update_objective(enrolled.post.store, ex_id := enrolled.ids["mine"], title="B")
    enrolled.post.data_dir = tmp_path / "new-laptop"
    package = enrolled.post.send(enrolled.folder)
    with pytest.raises(UnknownKeyError, match="new key") as err:
        enrolled.hq.merge(package)
    enrolled.hq.merge(package, accept_key=err.value.fingerprint)
    assert _title(enrolled.hq, ex_id)["nl"] == "B"


# --- 1, 2, 3: the three-way merge per field -----------------------------------------


def test_same_field_different_values_is_a_conflict_and_local_is_kept(enrolled):
    ex = enrolled
    objectives.update_objective(ex.post.store, ex.ids["mine"], title={"nl": "Post"})
    objectives.update_objective(ex.hq.store, ex.ids["mine"], title={"nl": "HQ"})
    report = ex.to_hq()
    assert [c.field for c in report.conflicts] == ["title"]
    conflict = ex.hq.conflicts()[0]
    assert "Post work" in conflict.base and "HQ" in conflict.local and "Post" in conflict.remote
    assert _title(ex.hq, ex.ids["mine"])["nl"] == "HQ"


def test_same_field_same_value_is_no_conflict(enrolled):
    ex = enrolled
    objectives.update_objective(ex.post.store, ex.ids["mine"], title={"nl": "Same"})
    objectives.update_objective(ex.hq.store, ex.ids["mine"], title={"nl": "Same"})
    report = ex.to_hq()
    assert report.conflicts == [] and ex.hq.conflicts() == []
    assert ex.to_post().conflicts == []


def test_different_fields_of_one_row_are_both_kept(enrolled):
    ex = enrolled
    objectives.update_objective(ex.post.store, ex.ids["mine"], status="on_schedule")
    objectives.update_objective(ex.hq.store, ex.ids["mine"], title={"nl": "Nieuwe titel"})
    assert ex.to_hq().conflicts == []
    assert ex.to_post().conflicts == []
    for site in (ex.hq, ex.post):
        row = site.objective(ex.ids["mine"])
        assert row.status.value == "on_schedule" and row.title["nl"] == "Nieuwe titel"


def test_budget_cell_changed_on_both_sides_is_a_conflict_never_a_sum(enrolled):
    ex = enrolled
    cell = dict(year=2025, stage="INI", credit_type="VL")
    budget_amounts.set_amount(ex.post.store, ex.ids["line"], amount=Decimal(150), **cell)
    budget_amounts.set_amount(ex.hq.store, ex.ids["line"], amount=Decimal(120), **cell)
    report = ex.to_hq()
    assert [(c.table_name, c.field) for c in report.conflicts] == [("budget_amounts", "amount")]
    assert ex.hq.amount(ex.ids["cell"]) == Decimal(120)
    conflict = ex.hq.conflicts()[0]
    assert (conflict.base, conflict.local, conflict.remote) == ('"100"', '"120"', '"150"')
    # the other way round the post stores the conflict too (its own value as ours), and
    # both copies show the later edit until someone decides
    (at_post,) = ex.to_post().conflicts
    assert (at_post.local, at_post.remote) == ('"150"', '"120"')
    assert ex.post.amount(ex.ids["cell"]) == Decimal(120)


def test_a_change_on_one_side_only_is_taken(enrolled):
    ex = enrolled
    cell = dict(year=2025, stage="INI", credit_type="VL")
    budget_amounts.set_amount(ex.post.store, ex.ids["line"], amount=Decimal("150.5"), **cell)
    report = ex.to_hq()
    assert report.applied == 1 and report.conflicts == []
    assert ex.hq.amount(ex.ids["cell"]) == Decimal("150.5")
    # headquarters does not echo the post's own change back
    objectives.update_objective(ex.hq.store, ex.ids["theirs"], title="HQ only")
    back = ex.to_post()
    assert back.applied == 1 and back.conflicts == []
    assert _title(ex.post, ex.ids["theirs"])["nl"] == "HQ only"


# --- 9, 10, 11: replay, gaps, lost acknowledgements, rollback ------------------------


def _snapshot(site):
    with site.store.read() as s:
        from planner_app.domain import AppliedChange, ExchangePeer, MergeConflict

        counts = tuple(
            s.scalar(select(func.count()).select_from(model))
            for model in (ChangeLogEntry, AppliedChange, MergeConflict)
        )
        peers = sorted(
            (p.site_id, p.received_seq, p.acked_seq, p.sign_key)
            for p in s.scalars(select(ExchangePeer))
        )
    from planner_app.services.fingerprint import current_fingerprint

    return counts, peers, current_fingerprint(site.store, site_plan(site))


def site_plan(site):
    from planner_app.domain import Plan

    with site.store.read() as s:
        return s.scalar(select(Plan.id))


def test_a_replayed_package_has_no_effect(enrolled):
    ex = enrolled
    objectives.update_objective(ex.post.store, ex.ids["mine"], title="Once")
    package = ex.post.send(ex.folder)
    assert ex.hq.merge(package).applied == 1
    before = _snapshot(ex.hq)
    again = ex.hq.merge(package)
    assert again.applied == 0 and again.already == 1 and again.conflicts == []
    assert _snapshot(ex.hq) == before


def test_a_gap_in_the_sequence_is_refused(ex):
    objectives.update_objective(ex.post.store, ex.ids["mine"], title="First")
    ex.enrol()
    ex.to_post()  # the post learns that its first package arrived
    objectives.update_objective(ex.post.store, ex.ids["mine"], title="After the ack")
    package = ex.post.send(ex.folder)
    # headquarters went back to an older state (say, restored a backup)
    from planner_app.domain import ExchangePeer

    with ex.hq.store.transaction() as s:
        for peer in s.scalars(select(ExchangePeer)):
            peer.received_seq = 0
    before = _snapshot(ex.hq)
    with pytest.raises(SequenceGapError, match="missing"):
        ex.hq.merge(package)
    assert _snapshot(ex.hq) == before


def test_lost_acknowledgement_and_resend_make_no_duplicates(enrolled):
    ex = enrolled
    objectives.add_objective(
        ex.post.store,
        ex.ids["plan"],
        level="initiative",
        title="New at post",
        parent_id=ex.ids["sd"],
        lead_unit_id=ex.ids["post_unit"],
    )
    ex.to_hq()
    ex.hq.send(ex.folder, unit="PA")  # headquarters' answer (with the ack) is lost
    objectives.update_objective(ex.post.store, ex.ids["mine"], title="Later")
    report = ex.to_hq()  # the resend holds the new objective again
    assert report.already >= 1 and report.applied == 1 and report.conflicts == []
    with ex.hq.store.read() as s:
        titles = [o.title.get("nl") for o in s.scalars(select(Objective))]
    assert titles.count("New at post") == 1
    # once the ack arrives, the post sends nothing old again
    ex.to_post()
    assert ex.post.send(ex.folder) and ex.to_hq().already == 0
    assert ex.hq.problems() == [] and ex.post.problems() == []


def test_a_failure_halfway_rolls_everything_back(enrolled, monkeypatch):
    ex = enrolled
    for title in ("A", "B", "C"):
        objectives.update_objective(ex.post.store, ex.ids["mine"], title=title)
    budget_amounts.set_amount(
        ex.post.store, ex.ids["line"], year=2025, stage="INI", credit_type="VL", amount=7
    )
    package = ex.post.send(ex.folder)
    before = _snapshot(ex.hq)
    from planner_app.exchange import taking

    real, calls = taking.Taking._one, []

    def failing(self, change):
        calls.append(change)
        if len(calls) == 3:
            raise OSError("disk pulled out")
        real(self, change)

    monkeypatch.setattr(taking.Taking, "_one", failing)
    with pytest.raises(OSError):
        ex.hq.merge(package)
    assert _snapshot(ex.hq) == before
    assert ex.hq.store.integrity_problems() == []
    monkeypatch.setattr(taking.Taking, "_one", real)
    assert ex.hq.merge(package).applied == 4


def test_dry_run_reports_and_changes_nothing(enrolled):
    ex = enrolled
    objectives.update_objective(ex.post.store, ex.ids["mine"], title="Preview")
    package = ex.post.send(ex.folder)
    before = _snapshot(ex.hq)
    report = ex.hq.merge(package, dry_run=True)
    assert report.dry_run and report.applied == 1
    assert _snapshot(ex.hq) == before
    assert ex.hq.merge(package).applied == 1


# --- 4: edit against delete ----------------------------------------------------------


def test_edit_at_post_against_delete_at_headquarters(enrolled):
    """The delete is shown on both sides; the edit is kept in the deleted row and the
    conflict (restore it or delete it again) is recorded on both sides."""
    ex = enrolled
    objectives.update_objective(ex.post.store, ex.ids["mine"], title="Still needed")
    objectives.delete_objective(ex.hq.store, ex.ids["mine"])
    report = ex.to_hq()
    (conflict,) = [c for c in report.conflicts if c.table_name == "objectives"]
    assert (conflict.kind, conflict.field, conflict.local, conflict.remote) == (
        "delete-edit",
        "deleted",
        "true",
        "false",
    )
    assert "title" in conflict.note
    row = ex.hq.objective(ex.ids["mine"])
    assert row.deleted and row.title["nl"] == "Still needed"
    (at_post,) = [c for c in ex.to_post().conflicts if c.table_name == "objectives"]
    assert (at_post.local, at_post.remote) == ("false", "true")
    assert ex.post.objective(ex.ids["mine"]).deleted
    assert ex.hq.problems() == [] and ex.post.problems() == []


def test_delete_at_post_against_edit_at_headquarters(enrolled):
    ex = enrolled
    objectives.delete_objective(ex.post.store, ex.ids["mine"])
    objectives.update_objective(ex.hq.store, ex.ids["mine"], title="Edited at HQ")
    report = ex.to_hq()
    kinds = {(c.kind, c.table_name, c.local) for c in report.conflicts}
    assert ("delete-edit", "objectives", "false") in kinds  # they deleted it
    row = ex.hq.objective(ex.ids["mine"])
    assert row.deleted and row.title["nl"] == "Edited at HQ"
    assert ex.hq.problems() == []


# --- 14: authority --------------------------------------------------------------------


def test_a_post_change_outside_its_part_is_refused_and_listed(enrolled):
    ex = enrolled
    objectives.update_objective(ex.post.store, ex.ids["theirs"], title="Not mine")
    objectives.update_objective(ex.post.store, ex.ids["mine"], title="Mine")
    report = ex.to_hq()
    assert [(r.table, r.row, r.field) for r in report.refused] == [
        ("objectives", str(ex.ids["theirs"]), "title")
    ]
    assert report.applied == 1
    assert _title(ex.hq, ex.ids["theirs"])["nl"] == "HQ work"
    assert _title(ex.hq, ex.ids["mine"])["nl"] == "Mine"
    assert ex.to_hq().refused == []  # listed once, not again on the next package


def test_a_post_may_not_hand_its_objective_to_another_unit(enrolled):
    ex = enrolled
    objectives.update_objective(ex.post.store, ex.ids["mine"], lead_unit_id=ex.ids["other_unit"])
    report = ex.to_hq()
    assert [r.field for r in report.refused] == ["lead_unit_id"]


# --- 12: bad packages change nothing ---------------------------------------------------


def _resign(ex, package, out, *, signer_env=True, **header_changes):
    """The post's package with header fields changed and signed again by the post (or,
    with ``signer_env=False``, by whichever installation is current)."""
    from planner_app.exchange.keys import load_or_create
    from planner_app.exchange.package import decrypt_payload, open_package, write_package

    with ex.hq:
        payload = decrypt_payload(open_package(package), load_or_create())
        hq_public = load_or_create().public
    header = {k: v for k, v in open_package(package).header.items()}
    for key in ("format", "format_version", "sender", "recipient", "encryption"):
        header.pop(key)
    header.update(header_changes)
    if signer_env:
        with ex.post:
            write_package(out, header, payload, load_or_create(), hq_public)
    else:
        write_package(out, header, payload, load_or_create(), hq_public)
    return out


def test_bad_packages_are_refused_each_with_its_message_and_nothing_changes(enrolled, tmp_path):
    from planner_app.errors import (
        NewerPackageError,
        NotAPackageError,
        TamperedPackageError,
        WrongRecipientError,
    )

    ex = enrolled
    objectives.update_objective(ex.post.store, ex.ids["mine"], title="Never applied")
    package = ex.post.send(ex.folder)
    before = _snapshot(ex.hq)
    flipped = tmp_path / "flipped.plnpkg"
    data = bytearray(package.read_bytes())
    data[len(data) // 3] ^= 0x40
    flipped.write_bytes(bytes(data))
    cases = [
        (flipped, (TamperedPackageError, NotAPackageError), "package|signed|signature"),
        (
            _resign(ex, package, tmp_path / "newer.plnpkg", schema="9999"),
            NewerPackageError,
            "update the app",
        ),
        (
            _resign(ex, package, tmp_path / "plan.plnpkg", plan_id=str(ex.ids["sd"])),
            WrongRecipientError,
            "not in this file",
        ),
        (
            _resign(ex, package, tmp_path / "copy.plnpkg", to_site="f" * 32),
            WrongRecipientError,
            "another copy",
        ),
    ]
    for bad, error, message in cases:
        with pytest.raises(error, match=message):
            ex.hq.merge(bad)
    # signed by a stranger who claims to be the post
    from tests.exchange_support import Site

    with Site("stranger", tmp_path / "stranger-data", ex.hq.store):
        forged = _resign(ex, package, tmp_path / "forged.plnpkg", signer_env=False)
    with pytest.raises(UnknownKeyError, match="new key"):
        ex.hq.merge(forged)
    assert _snapshot(ex.hq) == before


# --- 5, 6, 7, 8: trees, orphans, natural keys -----------------------------------------


def _milestones(site, objective_id):
    from planner_app.domain import Milestone

    with site.store.read() as s:
        return list(s.scalars(select(Milestone).where(Milestone.objective_id == objective_id)))


def test_parent_deleted_at_headquarters_child_added_at_post_leaves_no_orphan(enrolled):
    from planner_app.services import details

    ex = enrolled
    details.add_milestone(ex.post.store, ex.ids["mine"], text="Q3: report")
    objectives.delete_objective(ex.hq.store, ex.ids["mine"])
    report = ex.to_hq()
    assert report.conflicts == [] and [c.kind for c in report.notices] == ["parent-deleted"]
    assert ex.hq.objective(ex.ids["mine"]).deleted
    assert all(m.deleted for m in _milestones(ex.hq, ex.ids["mine"]))
    ex.to_post()  # the post is told too: its milestone went with the objective
    assert [c.kind for c in open_conflicts(ex.post.store)] == ["parent-deleted"]
    assert all(m.deleted for m in _milestones(ex.post, ex.ids["mine"]))
    assert ex.hq.problems() == [] and ex.post.problems() == []


def test_parent_deleted_at_post_child_added_at_headquarters_leaves_no_orphan(enrolled):
    from planner_app.services import details

    ex = enrolled
    objectives.delete_objective(ex.post.store, ex.ids["mine"])
    details.add_milestone(ex.hq.store, ex.ids["mine"], text="Q4: visit")
    report = ex.to_hq()
    assert [c.kind for c in report.notices] == ["parent-deleted"]
    assert ex.hq.objective(ex.ids["mine"]).deleted
    assert [m.deleted for m in _milestones(ex.hq, ex.ids["mine"])] == [True]
    # restoring the objective brings the milestone back with it
    (notice,) = report.notices
    decide(ex.hq.store, notice.id, "ours")
    assert not ex.hq.objective(ex.ids["mine"]).deleted
    assert [m.deleted for m in _milestones(ex.hq, ex.ids["mine"])] == [False]
    ex.to_post()
    assert not ex.post.objective(ex.ids["mine"]).deleted
    assert ex.hq.problems() == [] and ex.post.problems() == []


def _lines(ex, *titles):
    ids = []
    for title in titles:
        line = budget_lines.add_line(ex.hq.store, ex.ids["plan"], title=title).id
        budget_lines.link_objective(ex.hq.store, line, ex.ids["mine"])
        ids.append(line)
    ex.to_post()
    return ids


def _parent_loops(site) -> bool:
    from planner_app.domain import BudgetLine

    with site.store.read() as s:
        parent = {line.id: line.parent_id for line in s.scalars(select(BudgetLine))}
    for start in parent:
        seen, node = set(), start
        while node is not None:
            if node in seen:
                return True
            seen.add(node)
            node = parent.get(node)
    return False


def test_a_under_b_here_and_b_under_a_there_gives_valid_trees_and_one_conflict(enrolled):
    ex = enrolled
    a, b = _lines(ex, "A", "B")
    budget_lines.move_line(ex.post.store, a, parent_id=b, position=0)
    budget_lines.move_line(ex.hq.store, b, parent_id=a, position=0)
    at_hq = ex.to_hq()
    ex.to_post()
    # headquarters' move came later: it is undone, and headquarters is told
    assert [(c.kind, c.field, c.row_id) for c in at_hq.notices] == [("cycle", "parent_id", b)]
    assert not _parent_loops(ex.hq) and not _parent_loops(ex.post)
    assert _parents(ex.hq) == _parents(ex.post)
    assert ex.hq.problems() == [] and ex.post.problems() == []


def _parents(site) -> dict:
    from planner_app.domain import BudgetLine

    with site.store.read() as s:
        return {line.id: line.parent_id for line in s.scalars(select(BudgetLine))}


def test_the_same_node_moved_to_two_parents_is_a_conflict(enrolled):
    ex = enrolled
    a, b, c = _lines(ex, "A", "B", "C")
    budget_lines.move_line(ex.post.store, c, parent_id=a, position=0)
    budget_lines.move_line(ex.hq.store, c, parent_id=b, position=0)
    report = ex.to_hq()
    parents = [x for x in report.conflicts if x.field == "parent_id"]
    assert [(x.kind, x.row_id) for x in parents] == [("value", c)]
    from planner_app.domain import BudgetLine

    with ex.hq.store.read() as s:
        assert s.get(BudgetLine, c).parent_id == b


def test_the_same_natural_key_created_on_both_sides_is_detected(enrolled):
    from planner_app.domain.enums import Scenario, Statute
    from planner_app.services import staffing

    ex = enrolled
    cell = dict(statute=Statute.MANDATE, year=2026, scenario=Scenario.PLANNED)
    staffing.set_staffing(ex.post.store, ex.ids["post_unit"], fte=Decimal(1), **cell)
    staffing.set_staffing(ex.hq.store, ex.ids["post_unit"], fte=Decimal(2), **cell)
    other = dict(statute=Statute.MANDATE, year=2027, scenario=Scenario.PLANNED)
    staffing.set_staffing(ex.post.store, ex.ids["post_unit"], fte=Decimal(3), **other)
    staffing.set_staffing(ex.hq.store, ex.ids["post_unit"], fte=Decimal(3), **other)
    report = ex.to_hq()
    assert [(c.kind, c.field) for c in report.conflicts] == [("both-added", "fte")]
    with ex.hq.store.read() as s:
        row = s.get(
            StaffingFigure, StaffingFigure.key_id(ex.ids["post_unit"], "M", 2026, "planned")
        )
        assert row.fte == Decimal(2)
    assert ex.hq.problems() == [] and ex.post.problems() == []


# --- 13: clocks ---------------------------------------------------------------------------


def test_a_laptop_clock_weeks_behind_keeps_the_order(enrolled, monkeypatch):
    import time

    from planner_app.domain import changes

    ex = enrolled
    objectives.update_objective(ex.hq.store, ex.ids["theirs"], title="HQ first")
    weeks = 6 * 7 * 24 * 3600 * 10**9
    real = time.time_ns
    monkeypatch.setattr(changes.time, "time_ns", lambda: real() - weeks)
    ex.post.store.context.clock._last = 0  # a fresh laptop with a wrong clock
    for title in ("B", "C", "D"):
        objectives.update_objective(ex.post.store, ex.ids["mine"], title=title)
    monkeypatch.setattr(changes.time, "time_ns", real)
    ex.to_hq()
    assert _title(ex.hq, ex.ids["mine"])["nl"] == "D"
    objectives.update_objective(ex.hq.store, ex.ids["mine"], title="E")
    ex.to_post()
    assert _title(ex.post, ex.ids["mine"])["nl"] == "E"
    # the post's clock has caught up with headquarters' by observing it
    assert ex.post.store.context.clock.last >= ex.hq.objective(ex.ids["mine"]).hlc


def test_not_yet_sent_lists_what_the_next_package_holds_until_acknowledged(enrolled):
    from planner_app.exchange.changes import not_yet_sent

    ex = enrolled
    assert not_yet_sent(ex.post.store) == []
    objectives.update_objective(ex.post.store, ex.ids["mine"], title="Waiting")
    waiting = not_yet_sent(ex.post.store)
    assert [(c["table"], c["field"]) for c in waiting] == [("objectives", "title")]
    ex.to_hq()
    assert len(not_yet_sent(ex.post.store)) == 1  # sent, not yet acknowledged
    ex.to_post()
    assert not_yet_sent(ex.post.store) == []
    # headquarters does not count the post's own change as waiting for the post
    assert not_yet_sent(ex.hq.store, unit_code="PA") == []


def test_an_initiative_moved_under_two_operational_objectives_is_a_conflict(enrolled):
    """The tree's own case of 'the same node moved to two parents' (level rules make
    a cycle of objectives impossible): one conflict, a valid tree on both sides, and
    headquarters' parent kept until someone decides."""
    ex = enrolled
    ods = [
        objectives.add_objective(
            ex.hq.store,
            ex.ids["plan"],
            level=ObjectiveLevel.OPERATIONAL,
            title=title,
            parent_id=ex.ids["sd"],
            lead_unit_id=ex.ids["post_unit"],
        ).id
        for title in ("OD een", "OD twee")
    ]
    ex.to_post()
    objectives.move_objective(ex.post.store, ex.ids["mine"], parent_id=ods[0], position=0)
    objectives.move_objective(ex.hq.store, ex.ids["mine"], parent_id=ods[1], position=0)
    report = ex.to_hq()
    parents = [c for c in report.conflicts if c.field == "parent_id"]
    assert [(c.kind, c.row_id) for c in parents] == [("value", ex.ids["mine"])]
    assert ex.hq.objective(ex.ids["mine"]).parent_id == ods[1]
    assert ex.hq.problems() == [] and ex.post.problems() == []
