"""Issue 26 through the services: dated milestones (typed as people write them, undone
exactly, overdue at a date), a target years after the plan's period, a target in words
marked done, and a file of the release before carried over with its periods read as
dates where they are unambiguous."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal

import pytest
from sqlalchemy import create_engine, text

from planner_app.domain.enums import DuePrecision, ValueKind
from planner_app.errors import ValidationError
from planner_app.services import details, objectives
from planner_app.services.progress_rule import IndicatorStatus
from planner_app.storage import PlanFile, migrate


@pytest.fixture
def objective(store, plan_id):
    return objectives.add_objective(store, plan_id, level="strategic", title="SD").id


def _milestone(store, objective_id):
    (found,) = details.objective_detail(store, objective_id).milestones
    return found


def test_a_typed_due_is_read_as_a_date_and_its_undo_writes_back_what_was_there(store, objective):
    mid = details.add_milestone(store, objective, text="Nota", period="Q3 2026").ids[0]
    m = _milestone(store, objective)
    assert (m.period, m.due_by, m.due_precision) == (
        "Q3 2026",
        dt.date(2026, 9, 30),
        DuePrecision.QUARTER,
    )
    changed = details.update_milestone(store, mid, due="15/05/2026")
    assert changed.old["due"] == ("Q3 2026", dt.date(2026, 9, 30), DuePrecision.QUARTER)
    assert changed.new["due"] == ("15/05/2026", dt.date(2026, 5, 15), DuePrecision.DAY)
    details.update_milestone(store, mid, due=changed.old["due"])  # what an undo does
    m = _milestone(store, objective)
    assert (m.period, m.due_by, m.due_precision) == (
        "Q3 2026",
        dt.date(2026, 9, 30),
        DuePrecision.QUARTER,
    )
    # text that names no single end stays text, and so is never overdue
    details.update_milestone(store, mid, due="Q2+Q4 2026")
    m = _milestone(store, objective)
    assert (m.period, m.due_by, m.due_precision) == ("Q2+Q4 2026", None, None)
    assert not m.overdue(dt.date(2030, 1, 1))


def test_a_milestone_is_overdue_from_the_day_after_its_due_until_done(store, objective):
    mid = details.add_milestone(store, objective, text="Nota", period="Q3 2025").ids[0]
    m = _milestone(store, objective)
    assert not m.overdue(dt.date(2025, 9, 30)) and m.overdue(dt.date(2025, 10, 1))
    details.update_milestone(store, mid, done=True, done_on=dt.date(2025, 11, 3))
    m = _milestone(store, objective)
    assert m.overdue(dt.date(2025, 10, 15))  # not done yet on that day
    assert not m.overdue(dt.date(2025, 11, 3)) and m.done_at(dt.date(2025, 11, 3))
    with pytest.raises(ValidationError, match="not a date"):
        details.update_milestone(store, mid, done_on="gisteren")


def test_a_target_ten_years_after_the_period_and_no_further(store, objective):
    """The demo's business plans run one year; a 2027 target must go in."""
    ind = details.add_indicator(store, objective, name="Aandeel").ids[0]
    for year, kind, value in (
        (2025, "baseline", "4.2"),
        (2027, "target", "5"),
        (2035, "target", "6"),
    ):
        details.set_indicator_value(store, ind, year=year, kind=kind, value=value)
    with pytest.raises(ValidationError, match="Year"):
        details.set_indicator_value(store, ind, year=2036, kind="target", value="7")
    (info,) = details.objective_detail(store, objective).indicators
    assert info.of_kind(ValueKind.TARGET) == {2027: Decimal("5"), 2035: Decimal("6")}


def test_the_missed_target_of_the_issue_reads_behind_then_missed(store, objective):
    """2025 baseline 4,2 %, 2025 target 5,0 %, actual 4,5 %: not "on track"."""
    ind = details.add_indicator(store, objective, name="Aandeel", unit_of_measure="%").ids[0]
    for kind, value in (("baseline", "4.2"), ("target", "5.0"), ("actual", "4.5")):
        details.set_indicator_value(store, ind, year=2025, kind=kind, value=value)
    (info,) = details.objective_detail(store, objective).indicators
    assert info.assessment(dt.date(2025, 9, 30)).status is IndicatorStatus.BEHIND
    assert info.assessment(dt.date(2025, 12, 31)).status is IndicatorStatus.MISSED


def test_a_target_in_words_is_open_until_marked_done_and_undone_exactly(store, objective):
    ind = details.add_indicator(store, objective, name="Procedure").ids[0]
    changed = details.update_indicator(
        store,
        ind,
        target_text={"fr": "100 % réalisé 6 mois après approbation"},
        target_date=dt.date(2026, 6, 30),
    )
    assert changed.old == {"target_date": None, "target_text": {}}
    (info,) = details.objective_detail(store, objective).indicators
    assert info.assessment(dt.date(2026, 1, 1)).status is IndicatorStatus.OPEN
    details.update_indicator(store, ind, target_done=True)
    (info,) = details.objective_detail(store, objective).indicators
    assert info.assessment(dt.date(2026, 1, 1)).status is IndicatorStatus.DONE
    # a number target beside the words decides instead
    details.set_indicator_value(store, ind, year=2025, kind="baseline", value="0")
    details.set_indicator_value(store, ind, year=2026, kind="target", value="100")
    (info,) = details.objective_detail(store, objective).indicators
    assert info.assessment(dt.date(2026, 1, 1)).status is IndicatorStatus.NO_DATA


def test_quarterly_actuals_and_a_breakdown_per_unit(store, plan_id, objective):
    from planner_app.services import units

    unit = units.add_unit(store, plan_id, code="P1", name="Post 1").ids[0]
    ind = details.add_indicator(store, objective, name="Bezoeken").ids[0]
    details.set_indicator_value(store, ind, year=2025, kind="baseline", value="0")
    details.set_indicator_value(store, ind, year=2025, kind="target", value="100")
    details.set_quarter_value(store, ind, year=2025, quarter=2, value="40")
    details.set_unit_value(store, ind, unit_id=unit, year=2025, kind="target", value="30")
    with pytest.raises(ValidationError, match="Quarter"):
        details.set_quarter_value(store, ind, year=2025, quarter=5, value="1")
    (info,) = details.objective_detail(store, objective).indicators
    assert info.quarters == {(2025, 2): Decimal("40")}
    assert info.unit_values == {(unit, 2025, ValueKind.TARGET): Decimal("30")}
    # 40 by the end of June against a line reaching 100 at the end of December: behind
    assert info.assessment(dt.date(2025, 6, 30)).status is IndicatorStatus.BEHIND
    cleared = details.set_quarter_value(store, ind, year=2025, quarter=2, value=None)
    assert cleared.old == {"value": Decimal("40")} and cleared.new == {"value": None}


def _file_before_progress(path):
    """A file at the revision before the progress migration with milestones as the
    release before wrote them (raw SQL)."""
    chain = migrate.known_revisions()
    progress = next(r for r in chain if r.endswith("_progress"))
    engine = create_engine(f"sqlite:///{path}")
    rows = {
        "Q3 2025": None,
        "15/05/2025": None,
        "mei 2025": None,
        "2026-2029": None,
        "Q2+Q4 2025": None,
        "doorlopend": None,
        "": "2025-03-31",  # a day from a workbook, no text
    }
    ids = {}
    with engine.begin() as conn:
        migrate.upgrade(conn, chain[chain.index(progress) - 1])
        plan_id = uuid.uuid4().hex
        objective_id = uuid.uuid4().hex
        conn.execute(
            text("INSERT INTO local_state (key, value) VALUES ('site_id', 'abc'), ('hlc', '0')")
        )
        conn.execute(
            text(
                "INSERT INTO plans (id, code, kind, organisation, title, first_year, last_year,"
                " languages, state, version_no, row_version, hlc, site_id, deleted)"
                " VALUES (:id, 'old-2025', 'business', '{}', '{\"nl\": \"Oud\"}', 2025,"
                " 2025, 'nl', 'draft', 1, 1, 1, 'abc', 0)"
            ),
            {"id": plan_id},
        )
        conn.execute(
            text(
                "INSERT INTO objectives (id, plan_id, level, position, code_override, title,"
                " description, intended_results, status, row_version, hlc, site_id, deleted)"
                " VALUES (:id, :plan, 'strategic', 0, '', '{\"nl\": \"Doel\"}', '{}', '{}',"
                " 'on_schedule', 1, 1, 'abc', 0)"
            ),
            {"id": objective_id, "plan": plan_id},
        )
        for position, (period, due_date) in enumerate(rows.items()):
            ids[period] = uuid.uuid4()
            conn.execute(
                text(
                    "INSERT INTO milestones (id, plan_id, objective_id, position, period,"
                    " due_date, text, done, row_version, hlc, site_id, deleted) VALUES"
                    ' (:id, :plan, :obj, :pos, :period, :due, \'{"nl": "M"}\', 0, 1, 1,'
                    " 'abc', 0)"
                ),
                {
                    "id": ids[period].hex,
                    "plan": plan_id,
                    "obj": objective_id,
                    "pos": position,
                    "period": period,
                    "due": due_date,
                },
            )
    engine.dispose()
    return uuid.UUID(objective_id), ids


def test_the_migration_reads_periods_as_dates_where_unambiguous(tmp_path):
    objective_id, ids = _file_before_progress(tmp_path / "old.plan")
    with PlanFile.open(tmp_path / "old.plan") as store:
        found = {m.id: m for m in details.objective_detail(store, objective_id).milestones}
    due = {period: (found[i].due_by, found[i].due_precision) for period, i in ids.items()}
    assert due == {
        "Q3 2025": (dt.date(2025, 9, 30), DuePrecision.QUARTER),
        "15/05/2025": (dt.date(2025, 5, 15), DuePrecision.DAY),
        "mei 2025": (dt.date(2025, 5, 31), DuePrecision.MONTH),
        "2026-2029": (dt.date(2029, 12, 31), DuePrecision.YEAR),
        "Q2+Q4 2025": (None, None),
        "doorlopend": (None, None),
        "": (dt.date(2025, 3, 31), DuePrecision.DAY),
    }
    # the texts are kept as they were written
    assert {found[i].period for i in ids.values()} == set(ids)


def test_the_workbook_takes_a_2027_target_and_carries_every_new_field(
    store, plan_id, objective, tmp_path
):
    from openpyxl import load_workbook

    from planner_app.exporting.excel import export_xlsx
    from planner_app.exporting.excel_import import import_xlsx
    from planner_app.exporting.excel_layout import FIRST_ROW, META_SHEET
    from planner_app.services import plans, units

    unit = units.add_unit(store, plan_id, code="P1", name="Post 1").ids[0]
    plans.update_plan(store, plan_id, reports_quarterly=True)
    mid = details.add_milestone(store, objective, text="Nota", period="Q3 2025").ids[0]
    details.update_milestone(store, mid, done=True, done_on=dt.date(2025, 9, 12))
    ind = details.add_indicator(store, objective, name="Aandeel").ids[0]
    details.update_indicator(store, ind, target_text={"nl": "Volledig"}, target_done=True)
    details.set_indicator_value(store, ind, year=2025, kind="baseline", value="4.2")
    details.set_quarter_value(store, ind, year=2025, quarter=3, value="4.4")
    details.set_unit_value(store, ind, unit_id=unit, year=2025, kind="actual", value="3")
    out = tmp_path / "p.xlsx"
    export_xlsx(store, plan_id, out, language="nl")
    wb = load_workbook(out)
    names = {row[0].value: row[1].value for row in wb[META_SHEET].iter_rows()}
    ws = wb[names["sheet:indicators"]]
    keys = [c.value for c in ws[1]]
    assert "val:2027:target" in keys and "val:2027:actual" not in keys
    ws.cell(FIRST_ROW, keys.index("val:2027:target") + 1).value = 5
    wb.save(out)
    result = import_xlsx(tmp_path / "new.plan", out)
    with PlanFile.open(tmp_path / "new.plan") as again:
        (sd,) = [o for o in objectives_of(again, result.plan_id)]
        detail = details.objective_detail(again, sd)
        assert plans.plan_info(again, result.plan_id).reports_quarterly
    (m,) = detail.milestones
    assert (m.due_by, m.due_precision, m.done_on) == (
        dt.date(2025, 9, 30),
        DuePrecision.QUARTER,
        dt.date(2025, 9, 12),
    )
    (info,) = detail.indicators
    assert info.of_kind(ValueKind.TARGET) == {2027: Decimal("5")}
    assert (info.target_text, info.target_done) == ({"nl": "Volledig"}, True)
    assert info.quarters == {(2025, 3): Decimal("4.4")}
    assert list(info.unit_values.values()) == [Decimal("3")]


def objectives_of(store, plan_id):
    from planner_app.services.tree_read import load_tree

    return [node.id for node in load_tree(store, plan_id)]


def test_a_review_judged_at_a_quarter_is_made_again_by_verify(store, plan_id, objective, tmp_path):
    """Nothing in a document depends on the day it is printed: the review's date is
    in its stamp, and ``verify --pdf`` remakes it at that date."""
    from planner_app.exporting.pdf import export_pdf
    from planner_app.exporting.pdf_stamp import read_stamp
    from planner_app.exporting.pdf_verify import verify_pdf
    from planner_app.services.reference import parse_quarter

    ind = details.add_indicator(store, objective, name="Aandeel").ids[0]
    for kind, value in (("baseline", "4.2"), ("target", "5.0"), ("actual", "4.5")):
        details.set_indicator_value(store, ind, year=2025, kind=kind, value=value)
    out = tmp_path / "review.pdf"
    export_pdf(store, plan_id, out, language="nl", review=True, at=parse_quarter("2025-Q3"))
    assert read_stamp(out).asof == "2025-09-30"
    verdict = verify_pdf(store, plan_id, out)
    assert verdict.matches, verdict.message
    with pytest.raises(ValidationError, match="2025-Q3"):
        parse_quarter("Q5 2025")


@pytest.mark.parametrize(
    ("lang", "header", "missed", "no_target", "done"),
    [
        ("en", "Status on 31/12/2025", "✖ missed", "– no target", "✔ done"),
        ("nl", "Status op 31/12/2025", "✖ gemist", "– geen streefwaarde", "✔ afgewerkt"),
        ("fr", "Statut au 31/12/2025", "✖ manqué", "– pas de valeur cible", "✔ terminé"),
    ],
)
def test_the_workbook_shows_each_indicators_status_by_the_one_rule(
    store, plan_id, objective, tmp_path, lang, header, missed, no_target, done
):
    """The missed example of the issue reads "missed" in the workbook too, for an
    objective's indicator and a diversity indicator alike, judged at the plan's own date
    (the end of the year its actuals reach), not the day it was written; the column is
    for people and the import ignores it."""
    from openpyxl import load_workbook

    from planner_app.exporting.excel import export_xlsx
    from planner_app.exporting.excel_import import import_xlsx
    from planner_app.exporting.excel_layout import FIRST_ROW, META_SHEET
    from planner_app.services import diversity, diversity_edit
    from planner_app.services.diversity_read import load_diversity

    ind = details.add_indicator(store, objective, name="Aandeel").ids[0]
    details.add_indicator(store, objective, name="Zonder streefwaarde")
    hr = diversity.create_diversity_plan(store, plan_id, year=2025).ids[0]
    share = diversity.add_indicator(store, hr, name="Aandeel", unit="percent").ids[-1]
    words = diversity.add_indicator(store, hr, name="Vacatures", unit="count").ids[-1]
    diversity_edit.update_item(
        store,
        "indicator",
        words,
        target_text={"nl": "Elke vacature inclusief"},
        target_date=dt.date(2025, 6, 30),
        target_done=True,
    )
    for kind, value in (("baseline", "4.2"), ("target", "5.0"), ("actual", "4.5")):
        details.set_indicator_value(store, ind, year=2025, kind=kind, value=value)
        diversity.set_indicator_value(store, share, year=2025, kind=kind, value=value)
    out = tmp_path / "p.xlsx"
    export_xlsx(store, plan_id, out, language=lang)
    wb = load_workbook(out)
    names = {row[0].value: row[1].value for row in wb[META_SHEET].iter_rows()}
    for sheet, expected in (
        ("sheet:indicators", [missed, no_target]),
        ("sheet:diversity_indicators", [missed, done]),
    ):
        ws = wb[names[sheet]]
        column = [c.value for c in ws[1]].index("~status") + 1
        assert ws.cell(FIRST_ROW - 1, column).value == header
        shown = [ws.cell(r, column).value for r in range(FIRST_ROW, ws.max_row + 1)]
        assert shown == expected, sheet
        ws.cell(FIRST_ROW, column).value = "✔ reached"  # typed over: ignored on import
    wb.save(out)
    result = import_xlsx(tmp_path / "new.plan", out)
    with PlanFile.open(tmp_path / "new.plan") as again:
        (sd,) = objectives_of(again, result.plan_id)
        info = details.objective_detail(again, sd).indicators[0]
        assert info.assessment(dt.date(2025, 12, 31)).status is IndicatorStatus.MISSED
        hr_again = load_diversity(again, result.plan_id).indicators[1]
    assert (hr_again.target_text, hr_again.target_date, hr_again.target_done) == (
        {"nl": "Elke vacature inclusief"},
        dt.date(2025, 6, 30),
        True,
    )


def test_the_plan_document_charts_an_indicator_that_measured_something(
    store, plan_id, objective, tmp_path
):
    """Item 5 in the plan PDF: an indicator with actuals gets its chart (the whole title,
    the years on the axis, the line and the actuals) under its objective's table; one
    with targets only gets none; ``verify --pdf`` makes the pages again."""
    import shutil

    from planner_app.exporting.pdf import export_pdf
    from planner_app.exporting.pdf_verify import verify_pdf

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    from tests.test_pdf_export import flat, pdftotext

    long = "Aandeel medewerkers met een migratieachtergrond in de leidinggevende functies"
    ind = details.add_indicator(store, objective, name=long, unit_of_measure="%").ids[0]
    for year, kind, value in (
        (2025, "baseline", "4.2"),
        (2027, "target", "6"),
        (2025, "actual", "4.5"),
        (2026, "actual", "5.1"),
    ):
        details.set_indicator_value(store, ind, year=year, kind=kind, value=value)
    plain = details.add_indicator(store, objective, name="Zonder metingen").ids[0]
    details.set_indicator_value(store, plain, year=2025, kind="baseline", value="1")
    details.set_indicator_value(store, plain, year=2026, kind="target", value="2")
    out = tmp_path / "plan.pdf"
    export_pdf(store, plan_id, out, language="nl")
    text = flat(pdftotext(out))
    assert f"SD 1 {long} (%)" in text  # the whole title, wrapped if need be
    assert "Nulmeting en streefwaarden" in text and "Werkelijk" in text  # the legend
    assert "SD 1 Zonder metingen" not in text  # no chart of targets only
    verdict = verify_pdf(store, plan_id, out)
    assert verdict.matches, verdict.message
