"""The plan pane: every edit reaches the file (read back through services) and undo /
redo round-trips it exactly; the models pass qtmodeltester; a frozen plan is read-only."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QPlainTextEdit, QPushButton

from planner_app.domain.enums import SectionKind
from planner_app.services import plan_document, plan_parts, plans, sections, units
from planner_app.services.fingerprint import current_fingerprint
from planner_app.storage import PlanFile
from planner_app.ui.core.document import PlanDocument
from planner_app.ui.plan.communication import CommunicationTableModel
from planner_app.ui.plan.plan_pane import PlanPane
from planner_app.ui.plan.signatories import SignatoryTableModel
from planner_app.ui.plan.units_tree import UnitTreeModel

pytestmark = pytest.mark.usefixtures("tree")  # ``document`` shows the tree plan


@pytest.fixture
def pane(qtbot, document):
    widget = PlanPane()
    qtbot.addWidget(widget)
    widget.resize(900, 700)
    widget.set_document(document)
    return widget


def snapshot(store, plan_id):
    return (
        plans.plan_info(store, plan_id),
        sections.load_sections(store, plan_id),
        current_fingerprint(store, plan_id),
        units.load_units(store, plan_id),
        plan_parts.load_signatories(store, plan_id),
    )


def round_trip(document: PlanDocument, action: Callable[[], object]):
    """Do ``action``; the file changes, undo restores it exactly, redo re-applies it."""
    store, plan_id = document.store, document.plan_id
    before = snapshot(store, plan_id)
    count = document.undo_stack.count()
    action()
    after = snapshot(store, plan_id)
    assert after != before
    assert document.undo_stack.count() == count + 1
    document.undo_stack.undo()
    assert snapshot(store, plan_id) == before
    document.undo_stack.redo()
    assert snapshot(store, plan_id) == after
    return after


def type_line(edit: QLineEdit, text: str) -> None:
    edit.setText(text)
    edit.editingFinished.emit()


def type_text(pane: PlanPane, edit: QPlainTextEdit, text: str) -> None:
    edit.setPlainText(text)
    pane.commit_pending()  # what leaving the field does


def failures(document: PlanDocument) -> list[str]:
    seen: list[str] = []
    document.failed.connect(seen.append)
    return seen


# --- properties ----------------------------------------------------------------------


def test_plan_title_edit_keeps_other_languages(pane, document, store, plan_id):
    page = pane.properties
    assert page.title_edit.text() == "Testplan"
    round_trip(document, lambda: type_line(page.title_edit, "Ander plan"))
    assert plans.plan_info(store, plan_id).title == {"nl": "Ander plan", "fr": "Plan de test"}
    assert page.title_edit.text() == "Ander plan"


@pytest.mark.parametrize(
    ("field", "text", "expected"),
    [
        ("code_edit", "test-2026", ("code", "test-2026")),
        ("organisation_edit", "FOD X", ("organisation", {"nl": "FOD X"})),
        ("languages_edit", "nl, fr, en", ("languages", ("nl", "fr", "en"))),
    ],
)
def test_plan_property_edits_round_trip(pane, document, store, plan_id, field, text, expected):
    round_trip(document, lambda: type_line(getattr(pane.properties, field), text))
    name, value = expected
    assert getattr(plans.plan_info(store, plan_id), name) == value


def test_plan_period_edit_round_trips(qtbot, document, store, plan_id):
    plans.update_plan(store, plan_id, first_year=2025, last_year=2025)
    pane = PlanPane()
    qtbot.addWidget(pane)
    pane.set_document(document)
    page = pane.properties

    def change():
        page.first_year.setValue(2026)
        page.first_year.editingFinished.emit()

    round_trip(document, change)
    info = plans.plan_info(store, plan_id)
    assert (info.first_year, info.last_year) == (2026, 2026)  # a yearly plan: one year
    document.undo_stack.undo()
    assert page.first_year.value() == 2025


def test_typing_in_one_visit_is_one_undo_step(pane, document, store, plan_id):
    edit = pane.properties.organisation_edit
    for text in ("F", "FO", "FOD"):
        type_line(edit, text)
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert plans.plan_info(store, plan_id).organisation == {}


def test_a_refused_property_is_reported_and_reverted(pane, document, store, plan_id):
    seen = failures(document)
    type_line(pane.properties.code_edit, "Not A Code")
    assert seen and "Code" in seen[0]
    assert plans.plan_info(store, plan_id).code == "test-2025"
    assert pane.properties.code_edit.text() == "test-2025"
    assert document.undo_stack.count() == 0


# --- chapters ------------------------------------------------------------------------


def add_chapter(pane: PlanPane, kind: SectionKind, title: str):
    section_id = pane.chapters.add_chapter(kind)
    assert section_id is not None
    type_line(pane.chapters.title_edit, title)
    return section_id


def test_chapter_add_rename_body_move_remove(pane, document, store, plan_id):
    editor = pane.chapters
    pane.show_page(PlanPane.CHAPTERS)
    round_trip(document, lambda: editor.add_chapter(SectionKind.MISSION))
    (mission,) = sections.load_sections(store, plan_id)
    assert (mission.kind, mission.title) == (SectionKind.MISSION, {"nl": "Mission"})
    assert editor.current_section.id == mission.id

    round_trip(document, lambda: type_line(editor.title_edit, "Onze missie"))
    assert sections.load_sections(store, plan_id)[0].title == {"nl": "Onze missie"}
    round_trip(document, lambda: type_text(pane, editor.body_edit, "Wij dienen.\nElke dag."))
    assert sections.load_sections(store, plan_id)[0].body == {"nl": "Wij dienen.\nElke dag."}

    vision = add_chapter(pane, SectionKind.VISION, "Visie")
    assert [s.id for s in sections.load_sections(store, plan_id)] == [mission.id, vision]
    assert editor.current_row() == 1
    round_trip(document, lambda: editor.move_chapter(-1))
    assert [s.id for s in sections.load_sections(store, plan_id)] == [vision, mission.id]
    assert editor.current_section.id == vision

    round_trip(document, editor.remove_chapter)
    assert [s.id for s in sections.load_sections(store, plan_id)] == [mission.id]
    document.undo_stack.undo()
    assert [s.id for s in sections.load_sections(store, plan_id)] == [vision, mission.id]


def test_pestel_and_swot_parts(pane, document, store, plan_id):
    editor = pane.chapters
    pestel = add_chapter(pane, SectionKind.PESTEL, "PESTEL")
    assert editor.pestel_box.isVisibleTo(editor) and not editor.swot_box.isVisibleTo(editor)
    round_trip(document, lambda: type_text(pane, editor.part_edit("legal"), "Nieuwe wet"))
    (section,) = sections.load_sections(store, plan_id)
    assert section.id == pestel and section.parts == {"legal": {"nl": "Nieuwe wet"}}

    swot = add_chapter(pane, SectionKind.SWOT, "SWOT")
    assert editor.swot_box.isVisibleTo(editor) and not editor.pestel_box.isVisibleTo(editor)
    round_trip(document, lambda: type_text(pane, editor.part_edit("threats"), "Besparingen"))
    parts = {s.id: s.parts for s in sections.load_sections(store, plan_id)}
    assert parts[swot] == {"threats": {"nl": "Besparingen"}}
    editor.select_section(pestel)
    assert editor.part_edit("legal").toPlainText() == "Nieuwe wet"


def test_communication_rows(pane, document, store, plan_id):
    editor = pane.chapters
    section_id = add_chapter(pane, SectionKind.COMMUNICATION, "Communicatie")
    assert editor.communication_box.isVisibleTo(editor)
    model = editor.communication

    def rows():
        return next(s for s in sections.load_sections(store, plan_id) if s.id == section_id).rows

    round_trip(document, editor.add_communication_row)
    assert len(rows()) == 1 and model.rowCount() == 1
    index = model.index(0, CommunicationTableModel.FIELDS.index("audience"))
    round_trip(document, lambda: model.setData(index, "Medewerkers"))
    assert rows()[0].cells["audience"] == {"nl": "Medewerkers"}
    assert model.data(index) == "Medewerkers"
    round_trip(document, lambda: model.remove_row(0))
    assert rows() == ()
    document.undo_stack.undo()
    assert rows()[0].cells["audience"] == {"nl": "Medewerkers"}


# --- units ---------------------------------------------------------------------------


def test_unit_add_rename_move_delete(pane, document, store, plan_id, tree):
    page = pane.units
    model = page.model
    page.select_unit(tree["unit"])
    assert page.current_unit() == tree["unit"]

    round_trip(document, lambda: page.add_unit(child=True))
    child = next(u for u in units.load_units(store, plan_id) if u.parent_id == tree["unit"])
    assert child.name == {"nl": "New unit"}
    page.select_unit(child.id)

    index = model.index_of(child.id, UnitTreeModel.NAME)
    round_trip(document, lambda: model.setData(index, "Cel"))
    code_index = model.index_of(child.id, UnitTreeModel.CODE)
    round_trip(document, lambda: model.setData(code_index, "C1"))
    found = {u.id: u for u in units.load_units(store, plan_id)}
    assert (found[child.id].name, found[child.id].code) == ({"nl": "Cel"}, "C1")

    page.select_unit(child.id)
    round_trip(document, page.outdent_unit)
    found = {u.id: u for u in units.load_units(store, plan_id)}
    assert found[child.id].parent_id is None
    assert [u.id for u in units.load_units(store, plan_id)] == [tree["unit"], child.id]
    round_trip(document, lambda: page.move_unit(-1))
    assert [u.id for u in units.load_units(store, plan_id)] == [child.id, tree["unit"]]
    page.select_unit(tree["unit"])
    round_trip(document, page.indent_unit)
    assert {u.id: u.parent_id for u in units.load_units(store, plan_id)}[tree["unit"]] == child.id
    round_trip(document, lambda: model.set_kind(child.id, "directorate"))

    page.select_unit(tree["unit"])
    round_trip(document, page.remove_unit)
    assert [u.id for u in units.load_units(store, plan_id)] == [child.id]


def test_removing_a_unit_in_use_is_refused_with_a_message(pane, document, store, plan_id, tree):
    from planner_app.ui.objectives.commands import SetObjectiveFieldCommand

    document.run(
        SetObjectiveFieldCommand(document, tree["i1"], "lead_unit_id", tree["unit"], merge_key=None)
    )
    count = document.undo_stack.count()
    seen = failures(document)
    pane.units.select_unit(tree["unit"])
    assert not pane.units.remove_unit()
    assert len(seen) == 1 and "still used" in seen[0]
    assert tree["unit"] in [u.id for u in units.load_units(store, plan_id)]
    assert document.undo_stack.count() == count


# --- signatories ---------------------------------------------------------------------


def test_signatory_add_edit_move_remove(pane, document, store, plan_id):
    page = pane.signatories
    model = page.model

    def names():
        return [s.name for s in plan_parts.load_signatories(store, plan_id)]

    round_trip(document, page.add_signatory)
    round_trip(document, lambda: model.setData(model.index(0, model.NAME), "An Peeters"))
    round_trip(document, lambda: model.setData(model.index(0, model.FUNCTION), "Voorzitter"))
    first = plan_parts.load_signatories(store, plan_id)[0]
    assert (first.function, first.name) == ({"nl": "Voorzitter"}, "An Peeters")
    page.add_signatory()
    model.setData(model.index(1, model.NAME), "Jan Jansens")
    assert names() == ["An Peeters", "Jan Jansens"]
    assert model.headerData(1, Qt.Orientation.Vertical, Qt.ItemDataRole.DisplayRole) == "2"

    page.select_row(1)
    round_trip(document, lambda: page.move_signatory(-1))
    assert names() == ["Jan Jansens", "An Peeters"]
    assert page.current_row() == 0
    round_trip(document, page.remove_signatory)
    assert names() == ["An Peeters"]


# --- models and read-only ------------------------------------------------------------


def test_models_pass_qtmodeltester(qtmodeltester, pane, document, store, plan_id, tree):
    units.add_unit(store, plan_id, name="Cel", parent_id=tree["unit"])
    plan_parts.add_signatory(store, plan_id, function="Voorzitter", name="An")
    section_id = sections.add_section(store, plan_id, kind="communication", title="C").id
    sections.add_communication_row(store, section_id, goal="Intern", audience="Allen")
    tree_model, signatories, communication = (
        UnitTreeModel(),
        SignatoryTableModel(),
        CommunicationTableModel(),
    )
    # passive models: given their rows as the pages give them
    tree_model.set_units(units.load_units(store, plan_id))
    signatories.set_rows(plan_parts.load_signatories(store, plan_id))
    section = next(s for s in sections.load_sections(store, plan_id) if s.id == section_id)
    communication.set_section(section_id, section.rows)
    assert (tree_model.rowCount(), signatories.rowCount(), communication.rowCount()) == (1, 1, 1)
    for model in (tree_model, signatories, communication):
        qtmodeltester.check(model, force_py=True)


def test_a_final_plan_is_read_only(qtbot, store, plan_id, tree):
    sections.add_section(store, plan_id, kind="swot", title="SWOT")
    plan_parts.add_signatory(store, plan_id, function="Voorzitter", name="An")
    plans.make_final(store, plan_id)
    document = PlanDocument(store, plan_id)
    pane = PlanPane()
    qtbot.addWidget(pane)
    pane.set_document(document)
    assert pane.read_only
    pane.chapters.select_section(sections.load_sections(store, plan_id)[0].id)
    pane.units.select_unit(tree["unit"])
    pane.signatories.select_row(0)
    for edit in pane.findChildren(QLineEdit) + pane.findChildren(QPlainTextEdit):
        assert edit.isReadOnly() or not edit.isEnabled(), edit.objectName()
    enabled = [b.text() for b in pane.findChildren(QPushButton) if b.isEnabled()]
    assert enabled == []
    for view in (pane.units.view, pane.signatories.view, pane.chapters.communication_view):
        assert view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    for model in (pane.units.model, pane.signatories.model):
        assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert pane.chapters.add_chapter(SectionKind.FREE) is None
    assert pane.units.model.add_unit() is None
    assert pane.signatories.model.add_signatory() == -1
    assert document.undo_stack.count() == 0


# --- the demo ------------------------------------------------------------------------


def test_screenshots_of_the_demo(qtbot, demo_path: Path, tmp_path: Path):
    store = PlanFile.open(demo_path)
    try:
        info = plans.find_plan(store, "ibz-2025-2029")
        document = PlanDocument(store, info.id)
        pane = PlanPane()
        qtbot.addWidget(pane)
        pane.resize(1000, 750)
        pane.set_document(document)
        pane.show()
        swot = next(s for s in sections.load_sections(store, info.id) if s.kind is SectionKind.SWOT)
        pane.show_page(PlanPane.CHAPTERS)
        pane.chapters.select_section(swot.id)
        assert pane.chapters.part_edit("strengths").toPlainText() == swot.parts["strengths"]["nl"]
        pane.grab().save(str(tmp_path / "plan-pane-swot.png"))
        pane.show_page(PlanPane.UNITS)
        assert pane.units.model.rowCount() > 0
        pane.grab().save(str(tmp_path / "plan-pane-units.png"))
        assert (tmp_path / "plan-pane-units.png").stat().st_size > 0
        pane.set_document(None)
    finally:
        store.close()


# --- translating the plan pane ---------------------------------------------------------


def test_the_pane_edits_the_chosen_language_with_the_main_one_as_reference(
    pane, document, store, plan_id, tree
):
    page, editor = pane.properties, pane.chapters
    add_chapter(pane, SectionKind.MISSION, "Onze missie")
    pane.set_language("fr")
    assert page.title_edit.text() == "Plan de test"
    assert page.title_label.text() == "Title (fr)"
    round_trip(document, lambda: type_line(page.organisation_edit, "SPF X"))
    assert plans.plan_info(store, plan_id).organisation == {"fr": "SPF X"}

    # the chapter has no French yet: empty field, Dutch under it, marked untranslated
    assert editor.title_edit.text() == ""
    hint = editor.references["title"]
    assert hint.untranslated and hint.label.text() == "nl: Onze missie"
    assert editor.chapter_list.topLevelItem(0).text(1) == "Onze missie"  # shown meanwhile
    round_trip(document, lambda: type_line(editor.title_edit, "Notre mission"))
    assert sections.load_sections(store, plan_id)[0].title == {
        "nl": "Onze missie",
        "fr": "Notre mission",
    }
    assert not hint.untranslated

    model = pane.units.model
    index = model.index_of(tree["unit"], model.NAME)
    assert index.data(Qt.ItemDataRole.EditRole) == ""
    assert index.data(Qt.ItemDataRole.DisplayRole) == "Dienst"  # the Dutch, greyed
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None
    round_trip(document, lambda: model.setData(index, "Service"))
    assert units.load_units(store, plan_id)[0].name == {"nl": "Dienst", "fr": "Service"}

    pane.set_language("nl")
    assert editor.title_edit.text() == "Onze missie" and not hint.label.isVisibleTo(pane)
    assert model.index_of(tree["unit"], model.NAME).data() == "Dienst"


# --- place and date of signing -------------------------------------------------------


def test_place_and_date_of_signing_round_trip_and_preview(pane, document, store, plan_id):
    """The Signatories tab edits the line printed above the signature blocks: each
    edit one undo step, the line shown as the document prints it."""
    signing = pane.signatories.signing
    place_edit = signing.bindings["signing_place"].widget
    pane.show_page(pane.SIGNATORIES)
    assert "_" in signing.preview.text()  # nothing set: room to write by hand
    round_trip(document, lambda: type_line(place_edit, "Brussel"))
    assert plan_document.document_info(store, plan_id).signing_place == {"nl": "Brussel"}
    assert signing.preview.text() == "Gedaan te Brussel op ________________"
    signing.date.setDate(signing.date.date().fromString("17/05/2022", "dd/MM/yyyy"))
    round_trip(document, signing.has_date.click)
    assert plan_document.document_info(store, plan_id).signing_date.isoformat() == "2022-05-17"
    assert signing.preview.text() == "Gedaan te Brussel op 17 mei 2022"
    pane.set_language("fr")
    type_line(place_edit, "Bruxelles")
    place = plan_document.document_info(store, plan_id).signing_place
    assert place == {"nl": "Brussel", "fr": "Bruxelles"}
    assert signing.preview.text() == "Fait à Bruxelles, le 17 mai 2022"
    round_trip(document, signing.has_date.click)


def test_place_and_date_are_read_only_on_a_final_plan(qtbot, document, store, plan_id):
    plan_document.update_document(store, plan_id, signing_place={"nl": "Brussel"})
    plans.make_final(store, plan_id)
    widget = PlanPane()
    qtbot.addWidget(widget)
    widget.set_document(PlanDocument(store, plan_id))
    signing = widget.signatories.signing
    place_edit = signing.bindings["signing_place"].widget
    assert place_edit.isReadOnly() and not signing.has_date.isEnabled()
    assert place_edit.text() == "Brussel"
