"""The objective editor: each field edit reaches the file as one undo step, undo/redo
round-trips it exactly, other changes show up, a frozen plan cannot be edited."""

from __future__ import annotations

import uuid

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMainWindow, QPlainTextEdit

from planner_app.domain.enums import InitiativeKind, Status
from planner_app.services import details, objectives, plans, tree_read, units
from planner_app.services.common import Changed
from planner_app.services.fingerprint import current_fingerprint
from planner_app.storage import PlanFile
from planner_app.ui.core.document import PlanDocument
from planner_app.ui.objectives.commands import SetObjectiveFieldCommand
from planner_app.ui.objectives.milestones import MilestoneTableModel
from planner_app.ui.objectives.objective_editor import ObjectiveEditor

pytestmark = pytest.mark.usefixtures("tree")  # ``document`` shows the tree plan


@pytest.fixture
def second_unit(store, plan_id, tree):
    return units.add_unit(store, plan_id, name="Post Parijs", code="PAR", parent_id=tree["unit"]).id


@pytest.fixture
def editor(qtbot, document, tree, second_unit):
    widget = ObjectiveEditor()
    qtbot.addWidget(widget)
    widget.resize(700, 900)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.set_document(document)
    widget.show_objective(tree["i1"])
    return widget


def detail_of(store, objective_id):
    return details.objective_detail(store, objective_id)


def state(store, objective_id):
    return detail_of(store, objective_id), current_fingerprint(
        store, detail_of(store, objective_id).plan_id
    )


def round_trip(document, store, objective_id, edit):
    """Do ``edit`` (through the widgets): one undo step that undo/redo round-trip."""
    before = state(store, objective_id)
    count = document.undo_stack.count()
    edit()
    after = state(store, objective_id)
    assert after != before
    assert document.undo_stack.count() == count + 1
    document.undo_stack.undo()
    assert state(store, objective_id) == before
    document.undo_stack.redo()
    assert state(store, objective_id) == after
    return after[0]


def focus(qtbot, widget):
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(widget.hasFocus)


def type_into(qtbot, widget: QLineEdit | QPlainTextEdit, text: str) -> None:
    """Focus ``widget``, replace its text by typing ``text`` key by key."""
    focus(qtbot, widget)
    widget.selectAll()
    qtbot.keyClicks(widget, text)


def leave(qtbot, editor):
    focus(qtbot, editor.partner_list)


def choose(combo, value):
    index = combo.findData("" if value is None else str(value))
    assert index >= 0
    combo.setCurrentIndex(index)
    combo.activated.emit(index)


# --- each field reaches the file ---------------------------------------------------------


def test_shows_the_objective(editor, store, tree):
    assert editor.title_edit.text() == "Init 1"
    assert editor.heading.text() == "1.1.1"
    assert editor.status_combo.currentData() == Status.NOT_STARTED
    assert editor.lead_combo.currentData() == ""
    assert editor.pages.currentWidget() is not editor.hint
    assert editor.language == "nl"


def test_title_round_trips(qtbot, editor, document, store, tree):
    def edit():
        type_into(qtbot, editor.title_edit, "Nieuwe titel")
        qtbot.keyClick(editor.title_edit, Qt.Key.Key_Return)

    detail = round_trip(document, store, tree["i1"], edit)
    assert detail.title == {"nl": "Nieuwe titel"}
    assert editor.title_edit.text() == "Nieuwe titel"
    document.undo_stack.undo()
    assert editor.title_edit.text() == "Init 1"


def test_title_keeps_other_languages(qtbot, editor, document, store, tree):
    objectives.update_objective(store, tree["i1"], title={"fr": "Init un"})
    editor.show_objective(None)
    editor.show_objective(tree["i1"])
    type_into(qtbot, editor.title_edit, "Init een")
    leave(qtbot, editor)
    assert detail_of(store, tree["i1"]).title == {"nl": "Init een", "fr": "Init un"}


def test_typing_then_committing_is_one_undo_step(qtbot, editor, document, store, tree):
    focus(qtbot, editor.title_edit)
    editor.title_edit.selectAll()
    for part in ("Ni", "euw", "e titel"):
        qtbot.keyClicks(editor.title_edit, part)
        qtbot.keyClick(editor.title_edit, Qt.Key.Key_Return)  # Enter within one visit
    leave(qtbot, editor)
    assert document.undo_stack.count() == 1
    assert detail_of(store, tree["i1"]).title == {"nl": "Nieuwe titel"}
    document.undo_stack.undo()
    assert detail_of(store, tree["i1"]).title == {"nl": "Init 1"}


def test_two_visits_of_a_field_are_two_steps(qtbot, editor, document, store, tree):
    type_into(qtbot, editor.title_edit, "Een")
    leave(qtbot, editor)
    type_into(qtbot, editor.title_edit, "Twee")
    leave(qtbot, editor)
    assert document.undo_stack.count() == 2
    document.undo_stack.undo()
    assert detail_of(store, tree["i1"]).title == {"nl": "Een"}


def test_focus_out_without_change_is_no_step(qtbot, editor, document):
    focus(qtbot, editor.description_edit)
    leave(qtbot, editor)
    focus(qtbot, editor.title_edit)
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_Return)
    assert document.undo_stack.count() == 0


@pytest.mark.parametrize(
    ("attr", "field"), [("description_edit", "description"), ("results_edit", "intended_results")]
)
def test_multi_line_text_commits_on_focus_out(qtbot, editor, document, store, tree, attr, field):
    widget = getattr(editor, attr)

    def edit():
        type_into(qtbot, widget, "Regel een")
        qtbot.keyClick(widget, Qt.Key.Key_Return)  # a new line, not a commit
        qtbot.keyClicks(widget, "Regel twee")
        assert document.undo_stack.count() == 0
        leave(qtbot, editor)

    detail = round_trip(document, store, tree["i1"], edit)
    assert getattr(detail, field) == {"nl": "Regel een\nRegel twee"}


def test_status_round_trips(editor, document, store, tree):
    detail = round_trip(
        document, store, tree["i1"], lambda: choose(editor.status_combo, Status.DELAYED)
    )
    assert detail.status is Status.DELAYED
    document.undo_stack.undo()
    assert editor.status_combo.currentData() == Status.NOT_STARTED


def test_kind_round_trips_and_shows_for_initiatives_only(editor, document, store, tree):
    assert editor.form.isRowVisible(editor.kind_combo)
    detail = round_trip(
        document, store, tree["i1"], lambda: choose(editor.kind_combo, InitiativeKind.PROCESS)
    )
    assert detail.kind is InitiativeKind.PROCESS
    editor.show_objective(tree["sd1"])
    assert not editor.form.isRowVisible(editor.kind_combo)


def test_lead_unit_round_trips(editor, document, store, tree, second_unit):
    detail = round_trip(document, store, tree["i1"], lambda: choose(editor.lead_combo, second_unit))
    assert detail.lead_unit_id == second_unit
    detail = round_trip(document, store, tree["i1"], lambda: choose(editor.lead_combo, None))
    assert detail.lead_unit_id is None
    assert (
        editor.lead_combo.itemText(editor.lead_combo.findData(str(second_unit))).strip()
        == "Post Parijs"
    )


def test_partners_round_trip(editor, document, store, tree, second_unit):
    items = {
        uuid.UUID(
            editor.partner_list.item(r).data(Qt.ItemDataRole.UserRole)
        ): editor.partner_list.item(r)
        for r in range(editor.partner_list.count())
    }
    assert set(items) == {tree["unit"], second_unit}
    detail = round_trip(
        document,
        store,
        tree["i1"],
        lambda: items[second_unit].setCheckState(Qt.CheckState.Checked),
    )
    assert detail.partner_ids == (second_unit,)
    detail = round_trip(
        document,
        store,
        tree["i1"],
        lambda: items[tree["unit"]].setCheckState(Qt.CheckState.Checked),
    )
    assert set(detail.partner_ids) == {second_unit, tree["unit"]}
    document.undo_stack.undo()
    assert items[tree["unit"]].checkState() == Qt.CheckState.Unchecked
    assert items[second_unit].checkState() == Qt.CheckState.Checked


def test_a_typed_code_round_trips(qtbot, editor, document, store, tree):
    def edit():
        type_into(qtbot, editor.code_edit, "7.7")
        qtbot.keyClick(editor.code_edit, Qt.Key.Key_Return)

    detail = round_trip(document, store, tree["i1"], edit)
    assert (detail.number, detail.code, detail.code_literal) == ("7.7", "7.7", False)
    assert editor.heading.text() == "7.7"
    document.undo_stack.undo()
    assert editor.code_edit.text() == "1.1.1" and editor.heading.text() == "1.1.1"


def test_a_code_of_its_own_prints_as_typed_and_a_duplicate_is_refused(
    qtbot, editor, document, store, tree, monkeypatch
):
    from PySide6.QtWidgets import QMessageBox

    editor.show_objective(tree["sd2"])
    type_into(qtbot, editor.code_edit, "Globale strategie 3")
    qtbot.keyClick(editor.code_edit, Qt.Key.Key_Return)
    assert editor.heading.text() == "Globale strategie 3"  # no "SD " in front
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: shown.append(text))
    document.failed.connect(shown.append)
    type_into(qtbot, editor.code_edit, "SD 1")
    qtbot.keyClick(editor.code_edit, Qt.Key.Key_Return)
    assert shown and "SD 1 is already the code" in shown[0]
    assert editor.code_edit.text() == "Globale strategie 3"


def test_milestones_and_indicators_through_the_editor(qtbot, editor, document, store, tree):
    table = editor.milestone_table
    detail = round_trip(document, store, tree["i1"], table.add_row)
    assert len(detail.milestones) == 1
    qtbot.keyClick(table.view.focusWidget() or table.view, Qt.Key.Key_Escape)
    model = editor.milestones
    detail = round_trip(
        document, store, tree["i1"], lambda: model.setData(model.index(0, model.TEXT), "Klaar")
    )
    assert detail.milestones[0].text == {"nl": "Klaar"}
    detail = round_trip(
        document,
        store,
        tree["i1"],
        lambda: model.setData(
            model.index(0, MilestoneTableModel.DONE),
            Qt.CheckState.Checked,
            Qt.ItemDataRole.CheckStateRole,
        ),
    )
    assert detail.milestones[0].done

    def delete_key():
        table.view.setFocus()
        table.view.selectRow(0)
        qtbot.keyClick(table.view, Qt.Key.Key_Delete)

    detail = round_trip(document, store, tree["i1"], delete_key)
    assert detail.milestones == ()
    detail = round_trip(document, store, tree["i1"], editor.indicator_table.add_row)
    assert len(detail.indicators) == 1


# --- refresh ---------------------------------------------------------------------------


def test_changes_from_elsewhere_show(editor, document, store, tree):
    command = SetObjectiveFieldCommand(
        document, tree["i1"], "title", {"nl": "Van elders"}, merge_key=None
    )
    assert document.run(command, initiator=object())
    assert editor.title_edit.text() == "Van elders"
    document.undo_stack.undo()
    assert editor.title_edit.text() == "Init 1"


def test_own_commit_keeps_the_cursor(qtbot, editor, document, tree):
    type_into(qtbot, editor.title_edit, "Nieuw")
    editor.title_edit.setCursorPosition(2)
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_Return)
    assert document.undo_stack.count() == 1
    assert editor.title_edit.hasFocus() and editor.title_edit.cursorPosition() == 2


def test_other_edits_keep_typing_not_yet_committed(qtbot, editor, document, store, tree):
    type_into(qtbot, editor.title_edit, "Half getypt")
    objectives.update_objective(store, tree["i1"], status=Status.DONE)
    document.notify(Changed("objective", (tree["i1"],), "updated", ("status",)))
    assert editor.title_edit.text() == "Half getypt"
    assert editor.status_combo.currentData() == Status.DONE


def test_switching_objective_commits_pending_text(qtbot, editor, store, tree):
    type_into(qtbot, editor.title_edit, "Bewaard")
    editor.show_objective(tree["i2"])
    assert detail_of(store, tree["i1"]).title == {"nl": "Bewaard"}
    assert editor.title_edit.text() == "Init 2"


def test_a_refused_edit_reverts_the_field(qtbot, editor, document, store, tree):
    with qtbot.waitSignal(document.failed):
        type_into(qtbot, editor.title_edit, " ")
        qtbot.keyClick(editor.title_edit, Qt.Key.Key_Backspace)
        leave(qtbot, editor)
    assert editor.title_edit.text() == "Init 1"
    assert document.undo_stack.count() == 0


def test_a_deleted_objective_shows_a_hint(editor, document, store, tree):
    objectives.delete_objective(store, tree["i1"])
    document.notify(Changed("objective", (tree["i1"],), "deleted"))
    assert editor.pages.currentWidget() is editor.hint


def test_heading_and_hint(editor):
    editor.show_heading("1. Buitenlands beleid")
    assert editor.policy_heading.text() == "1. Buitenlands beleid"
    assert editor.objective_id is None and editor.milestones.rowCount() == 0
    editor.show_hint("Niets gekozen")
    assert editor.hint.text() == "Niets gekozen"


# --- read-only -------------------------------------------------------------------------


def assert_read_only(editor):
    assert editor.read_only
    for widget in (
        editor.title_edit,
        editor.code_edit,
        editor.description_edit,
        editor.results_edit,
    ):
        assert widget.isReadOnly()
    for combo in (editor.status_combo, editor.kind_combo, editor.lead_combo):
        assert not combo.isEnabled()
    for row in range(editor.partner_list.count()):
        flags = editor.partner_list.item(row).flags()
        assert not flags & Qt.ItemFlag.ItemIsUserCheckable
    for model in (editor.milestones, editor.indicators):
        assert not model.editable()
    assert not editor.milestone_table.add_button.isEnabled()
    assert not editor.indicator_table.add_button.isEnabled()


def test_a_final_plan_is_read_only(qtbot, editor, document, store, plan_id, tree):
    details.add_milestone(store, tree["i1"], text="m")
    plans.make_final(store, plan_id)
    document.notify(Changed("plan", (plan_id,), "updated", ("state",)))
    assert_read_only(editor)
    assert not editor.milestones.flags(editor.milestones.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    focus(qtbot, editor.title_edit)
    qtbot.keyClicks(editor.title_edit, "x")
    leave(qtbot, editor)
    assert document.undo_stack.count() == 0


def test_a_read_only_file_is_read_only(qtbot, store, plan_id, tree):
    readonly = PlanFile.open(store.path, readonly=True)
    try:
        editor = ObjectiveEditor()
        qtbot.addWidget(editor)
        editor.set_document(PlanDocument(readonly, plan_id))
        editor.show_objective(tree["i1"])
        assert editor.title_edit.text() == "Init 1"
        assert_read_only(editor)
    finally:
        readonly.close()


# --- a look at it --------------------------------------------------------------------------


def test_screenshot_on_the_demo(qtbot, demo_path, tmp_path):
    store = PlanFile.open(demo_path)
    try:
        plan = plans.find_plan(store, "dkbuza-2025")
        node = next(n for n in tree_read.load_tree(store, plan.id) if n.milestones_total >= 2)
        window = QMainWindow()
        qtbot.addWidget(window)
        editor = ObjectiveEditor()
        window.setCentralWidget(editor)
        window.resize(720, 1000)
        editor.set_document(PlanDocument(store, plan.id))
        editor.show_objective(node.id)
        window.show()
        qtbot.waitExposed(window)
        assert editor.milestones.rowCount() >= 2
        assert editor.title_edit.text() == node.title["nl"]
        assert window.grab().save(str(tmp_path / "editor.png"))
    finally:
        store.close()


def test_unknown_objective_shows_a_hint(editor):
    editor.show_objective(uuid.uuid4())
    assert editor.pages.currentWidget() is editor.hint


def test_move_buttons_move_the_selected_milestone(editor, document, store, tree):
    for text in ("een", "twee"):  # made elsewhere: the change reaches the editor
        document.notify(details.add_milestone(store, tree["i1"], text=text))
    table = editor.milestone_table
    assert not table.down_button.isEnabled()
    table.view.selectRow(0)
    assert table.down_button.isEnabled() and not table.up_button.isEnabled()
    table.down_button.click()
    assert [m.text["nl"] for m in detail_of(store, tree["i1"]).milestones] == ["twee", "een"]
    assert table.selected_rows() == [1]
    document.undo_stack.undo()
    assert [m.text["nl"] for m in detail_of(store, tree["i1"]).milestones] == ["een", "twee"]
