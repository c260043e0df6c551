"""The Review tab: the counts shown are the review service's, it follows status edits
made through the document (shown or hidden when they happen), a double-click selects
the initiative on the Objectives tab, ``--view review`` opens on it, every model passes
qtmodeltester, and indicator figures are in the UI language's Belgian format."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from planner_app.domain.enums import Status, ValueKind
from planner_app.i18n import current_language, set_language
from planner_app.services import details, plans
from planner_app.services.review import STATUS_ORDER, year_review
from planner_app.storage import PlanFile
from planner_app.ui.core.document import PlanDocument
from planner_app.ui.main_window import MainWindow
from planner_app.ui.objectives.commands import SetObjectiveFieldCommand
from planner_app.ui.review.review_counts import ReviewCountsModel
from planner_app.ui.review.review_pane import ReviewPane

COLUMN = {status: ReviewCountsModel.FIRST_STATUS + i for i, status in enumerate(STATUS_ORDER)}


@pytest.fixture
def window(qtbot, demo_path: Path) -> Iterator[MainWindow]:
    """The demo's business plan, writable, opened on the Review tab and shown."""
    win = MainWindow(view="review")
    qtbot.addWidget(win)
    store = PlanFile.open(demo_path)
    win.set_plan_file(store, plans.find_plan(store, "dkbuza-2025").id)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def shown_counts(model: ReviewCountsModel) -> list[list[str]]:
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def total_of(pane: ReviewPane, status: Status) -> str:
    model = pane.counts_model
    return model.index(model.rowCount() - 1, COLUMN[status]).data()


def test_view_review_opens_on_the_tab_with_the_services_counts(window: MainWindow, tmp_path):
    pane = window.review_pane
    assert window.views.currentWidget() is pane
    assert window.views.tabText(window.views.currentIndex()) == "Review"
    assert pane.document is window.document
    assert window.view_actions.actions()[window.views.currentIndex()].shortcut().toString() == (
        "Ctrl+6"
    )
    assert window.store is not None and window.plan_id is not None
    review = year_review(window.store, window.plan_id)
    rows = shown_counts(pane.counts_model)
    assert len(rows) == len(review.per_strategic) + 1
    for line, row in zip(review.per_strategic, rows, strict=False):
        assert row[0].startswith(f"{line.objective.code}  ")
        assert row[1:-1] == [str(line.counts[s]) for s in STATUS_ORDER] + [str(line.total)]
        assert row[-1]  # its progress from below: a word (and its shape, the icon)
    assert rows[-1] == ["Total", "7", "44", "7", "1", "133", "0", "192", None]
    model = pane.initiatives_model
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [
        "Done (7)",
        "On schedule (44)",
        "Delayed / needs attention (7)",
        "Action / correction needed (1)",
        "Not started (133)",
        "Not applicable (0)",
    ]
    done = model.index(0, 0)
    assert [model.index(r, 0, done).data() for r in range(model.rowCount(done))] == [
        i.objective.code for i in review.groups[Status.DONE]
    ]
    assert pane.heading.text() == "Year review 2025"
    assert pane.no_indicators.isVisible() and not pane.indicators_view.isVisible()
    assert pane.grab().save(str(tmp_path / "review.png"))


def test_a_status_edit_through_the_document_refreshes_the_counts(window: MainWindow):
    pane, document = window.review_pane, window.document
    assert document is not None
    first = pane.initiatives_model.index(0, 0, pane.initiatives_model.index(4, 0))
    objective_id = first.data(ReviewCountsModel.IdRole)  # a not-started initiative
    assert total_of(pane, Status.DONE) == "7"
    assert document.run(
        SetObjectiveFieldCommand(document, objective_id, "status", Status.DONE, merge_key=None)
    )
    assert total_of(pane, Status.DONE) == "8"
    assert total_of(pane, Status.NOT_STARTED) == "132"
    assert pane.initiatives_model.index(0, 0).data() == "Done (8)"
    document.undo_stack.undo()
    assert total_of(pane, Status.DONE) == "7"
    # edited while another tab is shown: re-read when the Review tab is shown again
    window.views.setCurrentWidget(window.budget_editor)
    document.undo_stack.redo()
    assert pane.review is not None and pane.review.per_status[Status.DONE] == 7  # not yet
    window.views.setCurrentWidget(pane)
    assert total_of(pane, Status.DONE) == "8"


def test_double_clicking_an_initiative_selects_it_on_the_objectives_tab(qtbot, window: MainWindow):
    pane = window.review_pane
    view, model = pane.initiatives_view, pane.initiatives_model
    index = model.index(2, model.TITLE, model.index(0, 0))  # the third initiative done
    objective_id = index.data(ReviewCountsModel.IdRole)
    window.filter_bar.text_box.setText("no objective has this title")
    window.filter_bar.apply()  # the filter hides it: the window clears it to show it
    view.scrollTo(index)
    point = view.visualRect(index).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.views.currentWidget() is window.splitter
    assert window.tree.current_objective_id() == objective_id
    # a strategic objective's row of the count table does the same
    window.views.setCurrentWidget(pane)
    counts = pane.counts_view
    point = counts.visualRect(pane.counts_model.index(1, 0)).center()
    qtbot.mouseClick(counts.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseDClick(counts.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.tree.current_objective_id() == pane.review.per_strategic[1].objective.id


def test_models_pass_the_tester_with_indicators_in_belgian_format(
    qtbot, qtmodeltester, store, plan_id, tree, monkeypatch
):
    import datetime as dt

    # the window judges at today: mid-2026, before the last target's year is over
    monkeypatch.setattr("planner_app.ui.review.review_pane.today", lambda: dt.date(2026, 6, 30))
    indicator = details.add_indicator(store, tree["i1"], name="Dossiers", unit_of_measure="#").id
    for year, kind, value in (
        (2024, ValueKind.BASELINE, "900"),
        (2025, ValueKind.TARGET, "1234.5"),
        (2026, ValueKind.TARGET, "1500"),
        (2025, ValueKind.ACTUAL, "1200.25"),
    ):
        details.set_indicator_value(store, indicator, year=year, kind=kind, value=Decimal(value))
    before = current_language()
    pane = ReviewPane()
    qtbot.addWidget(pane)
    try:
        set_language("nl")
        pane.set_document(PlanDocument(store, plan_id))
        model = pane.indicators_model
        assert model.years == (2025, 2026)  # a baseline-only year is no column
        rows = [
            [model.index(r, c).data() for c in range(model.columnCount())]
            for r in range(model.rowCount())
        ]
        assert rows == [
            ["1.1.1", "Dossiers", "#", "▼ achter", "Streefwaarde", "1.234,5", "1.500"],
            ["", "", "", "", "Realisatie", "1.200,25", ""],
        ]
        assert model.index(0, model.FIRST_YEAR).data(model.ValueRole) == Decimal("1234.5")
        set_language("fr")
        pane.reload()
        assert model.index(0, model.FIRST_YEAR).data() == "1\u202f234,5"
    finally:
        set_language(before)
    for checked in (pane.counts_model, pane.initiatives_model, pane.indicators_model):
        qtmodeltester.check(checked)
    pane.set_document(None)
    for checked in (pane.counts_model, pane.initiatives_model, pane.indicators_model):
        qtmodeltester.check(checked)
        assert checked.rowCount() == 0


def test_an_empty_plan_says_it_has_no_initiatives(qtbot, qtmodeltester, store, plan_id):
    pane = ReviewPane()
    qtbot.addWidget(pane)
    pane.set_document(PlanDocument(store, plan_id))
    assert pane.summary.text() == "The plan has no initiatives."
    assert shown_counts(pane.counts_model) == [["Total", "0", "0", "0", "0", "0", "0", "0", None]]
    for checked in (pane.counts_model, pane.initiatives_model, pane.indicators_model):
        qtmodeltester.check(checked)


def test_the_demo_models_pass_the_tester(window: MainWindow, qtmodeltester):
    pane = window.review_pane
    for checked in (pane.counts_model, pane.initiatives_model, pane.indicators_model):
        qtmodeltester.check(checked)


def test_milestones_overdue_today_are_listed_until_done(
    qtbot, qtmodeltester, store, plan_id, tree, monkeypatch
):
    """Issue 26: the Review tab lists what is overdue at its date (today), as the review
    PDF does; ticking the milestone done through the document takes it off the list, and
    a double-click on a row shows its objective."""
    import datetime as dt

    from planner_app.ui.objectives.detail_commands import UpdateMilestoneCommand
    from planner_app.ui.review.review_overdue import ReviewOverdueModel as Late

    monkeypatch.setattr("planner_app.ui.review.review_pane.today", lambda: dt.date(2026, 2, 1))
    late = details.add_milestone(store, tree["i1"], text="Nota aan de minister", period="Q3 2025")
    details.add_milestone(store, tree["i2"], text="Later", period="Q3 2026")  # not due yet
    details.add_milestone(store, tree["sd1"], text="Doorlopend", period="doorlopend")  # no date
    pane = ReviewPane()
    qtbot.addWidget(pane)
    document = PlanDocument(store, plan_id)
    pane.set_document(document)
    pane.show()
    model = pane.overdue_model
    qtmodeltester.check(model)
    assert [[model.index(0, c).data() for c in range(model.columnCount())]] == [
        ["1.1.1", "Nota aan de minister", "Q3 2025", "124 days"]
    ]
    assert model.index(0, Late.DUE).data(Qt.ItemDataRole.DecorationRole) is not None
    assert model.index(0, Late.DUE).data(Late.DueRole) == dt.date(2025, 9, 30)
    assert pane.overdue_view.isVisible() and not pane.no_overdue.isVisible()
    chosen = []
    pane.objective_chosen.connect(chosen.append)
    view = pane.overdue_view
    point = view.visualRect(model.index(0, Late.MILESTONE)).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert chosen == [tree["i1"]]
    done = UpdateMilestoneCommand(document, tree["i1"], late.ids[0], "done", True, merge_key=None)
    assert document.run(done)
    assert model.rowCount() == 0
    assert pane.no_overdue.isVisible() and not pane.overdue_view.isVisible()
    document.undo_stack.undo()
    assert model.rowCount() == 1
