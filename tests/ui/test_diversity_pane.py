"""The diversity pane: every edit reaches the file (read back through services) and
undo / redo round-trips it exactly; the pane works on a plan without a diversity plan;
the models pass qtmodeltester; a screenshot of the demo's plan."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from planner_app.domain.enums import ValueKind
from planner_app.i18n import set_language
from planner_app.services import plans
from planner_app.services.diversity_read import diversity_years, load_diversity
from planner_app.services.diversity_status import IndicatorStatus
from planner_app.services.fingerprint import current_fingerprint
from planner_app.storage import PlanFile
from planner_app.ui.core.document import PlanDocument
from planner_app.ui.diversity.diversity_models import IndicatorsModel, ObjectivesModel
from planner_app.ui.diversity.diversity_pane import DiversityPane


@pytest.fixture
def plan_id(strategic):
    """The diversity plan lives in the strategic plan: ``document`` shows that one."""
    return strategic


@pytest.fixture
def pane(qtbot, document):
    widget = DiversityPane()
    qtbot.addWidget(widget)
    widget.resize(1100, 760)
    widget.set_document(document)
    return widget


@pytest.fixture
def started(pane):
    assert pane.create_plan(2025)
    return pane


def snapshot(document: PlanDocument):
    store, plan_id = document.store, document.plan_id
    return (
        [load_diversity(store, plan_id, y) for y in diversity_years(store, plan_id)],
        current_fingerprint(store, plan_id),
    )


def round_trip(document: PlanDocument, action: Callable[[], object]):
    """Do ``action``; the file changes, undo restores it exactly, redo re-applies it."""
    before = snapshot(document)
    count = document.undo_stack.count()
    result = action()
    assert result is not False and result != -1
    after = snapshot(document)
    assert after != before
    assert document.undo_stack.count() == count + 1
    document.undo_stack.undo()
    assert snapshot(document) == before
    document.undo_stack.redo()
    assert snapshot(document) == after
    return after


def edit(model, row: int, column: int, value) -> bool:
    return model.setData(model.index(row, column), value, Qt.ItemDataRole.EditRole)


def test_no_diversity_plan_offers_to_create_one(pane, document):
    assert pane.stack.currentIndex() == pane.EMPTY
    assert pane.create_button.isEnabled()
    assert pane.pillars.rowCount() == 0 and not pane.pillars.editable()
    assert pane.pillars.add_row() == -1  # nothing to add to yet
    round_trip(document, lambda: pane.create_plan(2025))
    assert pane.stack.currentIndex() == pane.PLAN
    assert pane.pillars.rowCount() == 5
    document.undo_stack.undo()
    assert pane.stack.currentIndex() == pane.EMPTY


def test_text_fields_reach_the_file_and_undo(started, document, qtbot):
    pane = started
    for name, text in (
        ("contact_role", "HR-partner"),
        ("contact_email", "hr@example.org"),
        ("introduction", "Inleiding"),
    ):
        widget = pane.fields[name]

        def type_and_commit(widget=widget, text=text, name=name):
            widget.setFocus()
            if hasattr(widget, "setText"):
                widget.setText(text)
            else:
                widget.setPlainText(text)
            pane._bindings[name].commit()

        after = round_trip(document, type_and_commit)
        value = getattr(after[0][0], name)
        assert value == ({"nl": text} if name != "contact_email" else text)


def test_french_edit_keeps_dutch(started, document):
    pane = started
    pane.set_language("fr")
    assert (
        pane.pillars.index(0, 0).data()
        == "Politique inclusive de recrutement, de sélection et d'engagement (entrée, accueil, …)"
    )
    after = round_trip(document, lambda: edit(pane.pillars, 3, 0, "Antidiscrimination"))
    assert after[0][0].pillars[3].text == {"nl": "Antidiscriminatie", "fr": "Antidiscrimination"}


@pytest.mark.parametrize("name", ["pillars", "priorities", "bottlenecks"])
def test_list_edits_round_trip(started, document, name):
    model = getattr(started, name)
    rows = model.rowCount()
    round_trip(document, lambda: model.add_row())
    assert model.rowCount() == rows + 1
    round_trip(document, lambda: edit(model, rows, 0, "Nieuwe tekst"))
    if rows:
        round_trip(document, lambda: model.move_row(rows, 0))
        assert model.index(0, 0).data() == "Nieuwe tekst"
    round_trip(document, lambda: model.remove_row(0))


def test_objectives_pillars_and_actions(started, document):
    pane = started
    objectives = pane.objectives
    round_trip(document, lambda: objectives.add_row())
    round_trip(document, lambda: edit(objectives, 0, ObjectivesModel.TITLE, "Instroom"))
    round_trip(document, lambda: edit(objectives, 0, ObjectivesModel.PILLARS, "5, 1 4"))
    assert objectives.index(0, ObjectivesModel.PILLARS).data() == "1, 4, 5"
    assert not edit(objectives, 0, ObjectivesModel.PILLARS, "7")  # refused: no pillar 7
    pane.objective_editor.select_row(0)
    actions = pane.actions
    assert actions.editable()
    round_trip(document, lambda: pane.action_editor.add())
    round_trip(document, lambda: edit(actions, 0, actions.OWNER, "HR"))
    round_trip(document, lambda: edit(actions, 0, actions.DUE, "2026 Q2"))
    round_trip(document, lambda: edit(actions, 0, actions.TEXT, "Analyse"))
    info = load_diversity(document.store, document.plan_id)
    (action,) = info.objectives[0].actions
    assert (action.text, action.owner, action.due) == ({"nl": "Analyse"}, "HR", "2026 Q2")
    # removing the objective takes its actions and links; undo brings them back
    round_trip(document, lambda: objectives.remove_row(0))


def test_indicator_values_status_and_chart(started, document, monkeypatch):
    import datetime as dt

    # the window judges at today: here the end of 2027, when the 2027 actual is measured
    monkeypatch.setattr(
        "planner_app.ui.diversity.diversity_models.today", lambda: dt.date(2027, 12, 31)
    )
    pane = started
    indicators, values = pane.indicators, pane.values
    round_trip(document, lambda: pane.indicator_editor.add())
    pane.indicator_editor.select_row(0)
    assert values.rowCount() == 3 + 5 + 10  # 2022..2039: targets reach ten years on
    row_of = {values.index(r, 0).data(): r for r in range(values.rowCount())}
    status = lambda: indicators.index(0, IndicatorsModel.STATUS).data(IndicatorsModel.StatusRole)  # noqa: E731
    assert status() == IndicatorStatus.NO_TARGET
    round_trip(document, lambda: edit(values, row_of["2025"], values.BASELINE, "4,2"))
    round_trip(document, lambda: edit(values, row_of["2029"], values.TARGET, "8"))
    assert status() == IndicatorStatus.NO_DATA
    round_trip(document, lambda: edit(values, row_of["2027"], values.ACTUAL, "3/50"))
    assert status() == IndicatorStatus.BEHIND  # 6.0 % under the line's 6.48 %
    assert values.index(row_of["2027"], values.ACTUAL).data() == "6,0%"
    assert values.index(row_of["2027"], values.ACTUAL).data(Qt.ItemDataRole.EditRole) == "3/50"
    round_trip(document, lambda: edit(values, row_of["2027"], values.ACTUAL, "6,5"))
    assert status() == IndicatorStatus.ON_TRACK
    assert indicators.index(0, IndicatorsModel.STATUS).data() == "on track"
    assert indicators.index(0, IndicatorsModel.BASELINE).data() == "4,2%"
    round_trip(document, lambda: edit(values, row_of["2027"], values.ACTUAL, ""))  # clears
    assert not edit(values, row_of["2027"], values.ACTUAL, "120")  # refused: above 100
    assert not edit(values, row_of["2027"], values.ACTUAL, "veel")
    round_trip(document, lambda: edit(indicators, 0, IndicatorsModel.SOURCE, "Personeelsdienst"))
    round_trip(document, lambda: edit(indicators, 0, IndicatorsModel.UNIT, "years"))
    pane._draw_chart()
    assert pane.chart.series_names == ["Baseline and targets"]
    indicator = load_diversity(document.store, document.plan_id).indicators[0]
    assert indicator.of_kind(ValueKind.TARGET)[2029].value == Decimal("8")


def test_models_pass_qtmodeltester(started, document, qtmodeltester):
    pane = started
    pane.objectives.add_row()
    pane.objective_editor.select_row(0)
    pane.actions.add_row()
    pane.indicators.add_row()
    pane.indicator_editor.select_row(0)
    for model in pane.models:
        qtmodeltester.check(model)
    pane.set_document(None)
    for model in pane.models:
        assert model.rowCount() == 0
        qtmodeltester.check(model)


def test_demo_plan_screenshot(qtbot, demo_path: Path, tmp_path: Path):
    store = PlanFile.open(demo_path)
    try:
        plan_id = next(p.id for p in plans.list_plans(store) if p.code == "dkbuza-2025")
        document = PlanDocument(store, plan_id)
        pane = DiversityPane()
        qtbot.addWidget(pane)
        pane.resize(1200, 800)
        pane.set_document(document)
        assert pane.stack.currentIndex() == pane.PLAN
        assert pane.pillars.rowCount() == 5 and pane.objectives.rowCount() == 3
        assert pane.objectives.index(1, ObjectivesModel.PILLARS).data() == "1, 4, 5"
        statuses = {
            pane.indicators.index(r, IndicatorsModel.STATUS).data(IndicatorsModel.StatusRole)
            for r in range(pane.indicators.rowCount())
        }
        assert statuses == {IndicatorStatus.NO_TARGET}
        # The tables with a detail below start on their first row: the HR partner sees
        # the first indicator's figures and chart, the first objective's actions.
        assert pane.indicator_editor.current_row() == 0
        assert pane.objective_editor.current_row() == 0
        assert pane.values.index(0, 0).data() is not None
        assert pane.actions.rowCount() > 0
        long_source = pane.indicators.index(0, IndicatorsModel.SOURCE)
        assert long_source.data(Qt.ItemDataRole.ToolTipRole) == long_source.data()
        pane.tabs.setCurrentIndex(pane.INDICATORS)
        pane._draw_chart()
        pane.grab().save(str(tmp_path / "diversity-indicators.png"))
        pane.tabs.setCurrentIndex(pane.OBJECTIVES)
        pane.objective_editor.select_row(2)
        pane.grab().save(str(tmp_path / "diversity-objectives.png"))
        pane.tabs.setCurrentIndex(pane.GENERAL)
        pane.grab().save(str(tmp_path / "diversity-general.png"))
        print(tmp_path)
        pane.set_document(None)
    finally:
        store.close()


def test_view_diversity_opens_the_pane(qtbot, demo_path: Path):
    from planner_app.ui.main_window import MainWindow

    win = MainWindow(view="diversity")
    qtbot.addWidget(win)
    win.set_plan_file(PlanFile.open(demo_path))
    assert win.views.currentWidget() is win.diversity_pane
    win.close()


def test_second_year_and_undoing_its_creation(started, document):
    pane = started
    pane.pillars.add_row()  # 2025 now has six pillars
    assert pane.create_plan(2026)
    assert pane.info.year == 2026 and pane.pillars.rowCount() == 5
    assert [pane.year_combo.itemText(i) for i in range(pane.year_combo.count())] == [
        "2025",
        "2026",
    ]
    document.undo_stack.undo()  # 2026 is gone: the pane and its lists show 2025 again
    assert pane.info.year == 2025 and pane.pillars.rowCount() == 6
    pane.show_year(2025)
    assert pane.objectives.info.year == 2025


def test_unit_is_chosen_from_a_list(started, document):
    pane = started
    pane.indicators.add_row()
    view = pane.indicator_editor.view
    index = pane.indicators.index(0, IndicatorsModel.UNIT)
    editor = pane.unit_delegate.createEditor(view.viewport(), None, index)
    pane.unit_delegate.setEditorData(editor, index)
    assert editor.currentData() == "percent"
    editor.setCurrentIndex(editor.findData("years"))
    before = snapshot(document)
    pane.unit_delegate.setModelData(editor, pane.indicators, index)
    assert load_diversity(document.store, document.plan_id).indicators[0].unit == "years"
    document.undo_stack.undo()
    assert snapshot(document) == before


def test_a_final_plan_is_read_only(qtbot, store, strategic):
    from planner_app.services.diversity_edit import start_diversity_plan

    start_diversity_plan(store, strategic, year=2025)
    plans.make_final(store, strategic)
    pane = DiversityPane()
    qtbot.addWidget(pane)
    pane.set_document(PlanDocument(store, strategic))
    assert pane.stack.currentIndex() == pane.PLAN
    assert not pane.create_button.isEnabled()
    assert pane.fields["introduction"].isReadOnly()
    assert not pane.pillars.editable() and not pane.pillar_editor.add_button.isEnabled()
    assert not edit(pane.pillars, 0, 0, "Nieuw")
    assert not pane.pillars.flags(pane.pillars.index(0, 0)) & Qt.ItemFlag.ItemIsEditable


def test_figures_follow_the_ui_language_not_the_plans(started, document):
    """A Dutch plan read in a French UI shows French numbers (``4,2 %``), as the budget
    and staffing tables do; its texts stay Dutch."""
    pane = started
    pane.indicator_editor.add()
    pane.indicator_editor.select_row(0)
    values = pane.values
    row_of = {values.index(r, 0).data(): r for r in range(values.rowCount())}
    assert edit(values, row_of["2025"], values.BASELINE, "4,2")
    baseline = pane.indicators.index(0, IndicatorsModel.BASELINE)
    assert baseline.data() == "4,2%"
    set_language("fr")
    try:
        assert baseline.data() == "4,2\u202f%"
        assert values.index(row_of["2025"], values.BASELINE).data() == "4,2\u202f%"
    finally:
        set_language("en")


def test_a_target_in_words_is_open_until_marked_done(started, document, monkeypatch):
    """Issue 26 for the HR partner: a diversity indicator's target in words ("every
    vacancy text inclusive") with a date reads open, then done once ticked; each edit one
    undo step, named as an objective's indicator names it."""
    import datetime as dt

    monkeypatch.setattr(
        "planner_app.ui.diversity.diversity_models.today", lambda: dt.date(2026, 2, 1)
    )
    pane = started
    indicators = pane.indicators
    pane.indicator_editor.add()
    status = lambda: indicators.index(0, IndicatorsModel.STATUS).data(IndicatorsModel.StatusRole)  # noqa: E731
    assert status() == IndicatorStatus.NO_TARGET
    words = "Elke vacaturetekst inclusief"
    round_trip(document, lambda: edit(indicators, 0, IndicatorsModel.TARGET_TEXT, words))
    assert status() == IndicatorStatus.OPEN
    round_trip(document, lambda: edit(indicators, 0, IndicatorsModel.TARGET_DATE, "Q4 2026"))
    assert indicators.index(0, IndicatorsModel.TARGET_DATE).data() == "31/12/2026"
    assert not edit(indicators, 0, IndicatorsModel.TARGET_DATE, "ooit")  # refused, named
    done = indicators.index(0, IndicatorsModel.TARGET_DONE)
    assert indicators.flags(done) & Qt.ItemFlag.ItemIsUserCheckable
    round_trip(
        document,
        lambda: indicators.setData(done, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole),
    )
    assert document.undo_stack.undoText() == "Mark target done"
    assert status() == IndicatorStatus.DONE
    assert done.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    found = load_diversity(document.store, document.plan_id).indicators[0]
    assert (found.target_text, found.target_date, found.target_done) == (
        {"nl": words},
        dt.date(2026, 12, 31),
        True,
    )
