"""The window's editors for issue 24: document type, version label and logo; the place
and date of signing; a chapter's numbering, kinds, image and table; the plan's roles
and the units matrix; transversal links. Each edit is one undo step that undo and redo
take back and give again exactly (``round_trip``)."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest
from PySide6.QtCore import QDate, Qt

from planner_app.domain.enums import ObjectiveLevel, SectionKind, UnitRole
from planner_app.services import (
    objectives,
    plan_document,
    sections,
    transversal,
    unit_roles,
    units,
)
from planner_app.services.fingerprint import canonical_content
from planner_app.ui.core.document import PlanDocument
from planner_app.ui.objectives.serves_box import ServesBox
from planner_app.ui.plan.chapter_extras import ChapterImageBox, ChapterOptionsBox, ChapterTableBox
from planner_app.ui.plan.document_box import DocumentBox, SigningBox
from planner_app.ui.plan.roles_page import RolesPage
from tests.test_plan_document import png


@pytest.fixture
def document(store, plan_id, tree):
    return PlanDocument(store, plan_id)


def content(document: PlanDocument) -> dict:
    with document.store.read() as s:
        return json.loads(canonical_content(s, document.plan_id))


def round_trip(document: PlanDocument, action) -> dict:
    """Do ``action``: one new undo step; undo gives the content back exactly, redo
    gives the edit again."""
    before = content(document)
    count = document.undo_stack.count()
    assert action() is not False
    after = content(document)
    assert after != before and document.undo_stack.count() == count + 1
    document.undo_stack.undo()
    assert content(document) == before
    document.undo_stack.redo()
    assert content(document) == after
    return after


def type_line(edit, text: str) -> None:
    edit.setText(text)
    edit.editingFinished.emit()


def test_document_type_version_label_and_logo(qtbot, document, tmp_path):
    box = DocumentBox()
    qtbot.addWidget(box)
    box.set_document(document)
    box.set_language("fr")
    after = round_trip(
        document, lambda: type_line(box.bindings["document_type"].widget, "Contrat de gestion")
    )
    assert after["plan"]["document_type"] == {"fr": "Contrat de gestion"}
    round_trip(document, lambda: type_line(box.bindings["version_label"].widget, "Mai 2016"))
    logo = tmp_path / "logo.png"
    logo.write_bytes(png(80, 40))
    after = round_trip(document, lambda: box.set_logo(str(logo)))
    assert [i["name"] for i in after["plan_images"]] == ["logo.png"]
    assert box.logo.pixmap() is not None and not box.logo.pixmap().isNull()
    round_trip(document, box.clear_logo)


def test_a_bad_logo_is_refused_by_name_and_nothing_changes(qtbot, document, tmp_path):
    box = DocumentBox()
    qtbot.addWidget(box)
    box.set_document(document)
    seen: list[str] = []
    document.failed.connect(seen.append)
    bad = tmp_path / "logo.png"
    bad.write_bytes(b"not an image")
    before = content(document)
    assert not box.set_logo(str(bad))
    assert seen and "logo.png" in seen[0] and "PNG or JPEG" in seen[0]
    assert content(document) == before and document.undo_stack.count() == 0


def test_place_and_date_of_signing(qtbot, document):
    box = SigningBox()
    qtbot.addWidget(box)
    box.set_document(document)
    after = round_trip(document, lambda: type_line(box.bindings["signing_place"].widget, "Brussel"))
    assert after["plan"]["signing_place"] == {"nl": "Brussel"}

    def set_date():
        box.date.setDate(QDate(2022, 5, 17))
        box.has_date.click()  # ticked: the date is printed

    after = round_trip(document, set_date)
    assert after["plan"]["signing_date"] == "2022-05-17"
    assert plan_document.document_info(document.store, document.plan_id).signing_date == dt.date(
        2022, 5, 17
    )


def _chapter(document, **kw) -> sections.SectionInfo:
    section_id = sections.add_section(document.store, document.plan_id, **kw).id
    return next(
        s for s in sections.load_sections(document.store, document.plan_id) if s.id == section_id
    )


def test_chapter_numbering_and_kinds(qtbot, document):
    section = _chapter(document, kind="mission", title="Missie en visie")
    box = ChapterOptionsBox()
    qtbot.addWidget(box)
    box.show_section(document, section, read_only=False)
    after = round_trip(document, lambda: box.numbered.click())
    assert after["plan_sections"][0]["numbered"] is False
    after = round_trip(document, lambda: box.kinds[SectionKind.VISION].click())
    assert after["plan_sections"][0]["also"] == "vision"
    assert not box.kinds[SectionKind.MISSION].isEnabled()  # its own kind


def test_chapter_image_and_table(qtbot, document, tmp_path):
    section = _chapter(document, kind="free", title="Organogram")
    image = tmp_path / "organogram.jpg"
    from PIL import Image

    Image.new("RGB", (300, 200), "white").save(image, "JPEG")
    box = ChapterImageBox()
    qtbot.addWidget(box)
    box.show_section(document, section, read_only=False)
    after = round_trip(document, lambda: box.choose(str(image)))
    assert after["plan_images"][0]["mime"] == "image/jpeg"

    table = ChapterTableBox()
    qtbot.addWidget(table)

    def shown():
        fresh = next(
            s
            for s in sections.load_sections(document.store, document.plan_id)
            if s.id == section.id
        )
        table.show_section(document, fresh, read_only=False)

    shown()
    round_trip(document, table.add_row)
    shown()
    table.view.setCurrentIndex(table.model.index(0, 0))
    after = round_trip(document, lambda: table.model.setData(table.model.index(0, 0), "Directie"))
    assert after["chapter_table_rows"][0]["cells"] == [{"nl": "Directie"}]
    shown()
    table.view.setCurrentIndex(table.model.index(0, 0))
    after = round_trip(document, lambda: table.column(insert=True))
    assert after["chapter_table_rows"][0]["cells"] == [{"nl": "Directie"}, {}]
    shown()
    table.view.setCurrentIndex(table.model.index(0, 0))
    after = round_trip(document, table.toggle_header)
    assert after["chapter_table_rows"][0]["header"] is True


@pytest.fixture
def with_units(document, tree):
    store, plan = document.store, document.plan_id
    tree["lead"] = units.add_unit(store, plan, name="Leider", code="L").id
    objectives.update_objective(store, tree["od11"], lead_unit_id=tree["lead"])
    tree["role"] = unit_roles.add_plan_role(store, plan, code="Co-P", name="Copiloot").id
    return tree


def test_the_units_matrix_gives_roles_cell_by_cell(qtbot, document, with_units):
    page = RolesPage()
    qtbot.addWidget(page)
    page.show()  # a hidden page reads itself when shown, not at each change
    page.set_document(document)
    page.only_used.setChecked(False)
    model = page.matrix
    row = next(i for i, o in enumerate(model.objectives) if o.id == with_units["od11"])
    unit = next(i for i, u in enumerate(model.units) if u.id == with_units["unit"])
    lead = next(i for i, u in enumerate(model.units) if u.id == with_units["lead"])
    assert model.data(model.index(row, lead)) == "●"
    assert not model.flags(model.index(row, lead)) & Qt.ItemFlag.ItemIsEditable
    round_trip(
        document, lambda: model.setData(model.index(row, unit), (UnitRole.CO_LEAD.value, None))
    )
    assert model.data(model.index(row, unit)) == "◐"
    after = round_trip(
        document,
        lambda: model.setData(model.index(row, unit), (UnitRole.OWN.value, with_units["role"])),
    )
    assert [p["role"] for p in after["objective_partners"]] == ["own"]
    assert model.data(model.index(row, unit)) == "Co-P"
    round_trip(document, lambda: page.add_role("OOT"))


def test_transversal_links_from_the_objective_editor_box(qtbot, document, tree):
    box = ServesBox()
    qtbot.addWidget(box)
    from planner_app.ui.core.content_language import ContentLanguage

    box.show_objective(document, tree["od11"], False, ContentLanguage())
    assert box.list.count() == 1  # SD 2; SD 1 is its own
    item = box.list.item(0)
    after = round_trip(document, lambda: item.setCheckState(Qt.CheckState.Checked))
    assert [c["strategic_id"] for c in after["objective_contributions"]] == [str(tree["sd2"])]
    assert transversal.plan_transversal(document.store, document.plan_id).serves == {
        tree["od11"]: (tree["sd2"],)
    }


def test_models_pass_qtmodeltester(qtmodeltester, qtbot, document, with_units):
    page = RolesPage()
    qtbot.addWidget(page)
    page.set_document(document)
    qtmodeltester.check(page.matrix)
    table = ChapterTableBox()
    qtbot.addWidget(table)
    qtmodeltester.check(table.model)
    assert isinstance(uuid.uuid4(), uuid.UUID)
    assert ObjectiveLevel.STRATEGIC


# --- the chapter tree in the chapters editor ------------------------------------------------


def _shape(document) -> list[tuple[str, str]]:
    from planner_app.services.chapter_tree import chapter_outline

    return [
        (e.number, e.title.get("nl") or e.kind.value)
        for e in chapter_outline(document.store, document.plan_id)
        if e.placed
    ]


def test_the_chapters_editor_edits_the_tree_by_keys_with_undo(qtbot, document):
    from PySide6.QtGui import QKeySequence

    from planner_app.ui.plan.chapters_editor import ChaptersEditor

    editor = ChaptersEditor()
    qtbot.addWidget(editor)
    editor.resize(1000, 700)
    editor.show()
    editor.set_document(document)
    outline = editor.outline

    def press(key: str) -> None:
        action = next(a for a in outline.actions_.values() if a.shortcut() == QKeySequence(key))
        assert action.isEnabled(), key
        action.trigger()

    for title in ("Inleiding", "Draagwijdte", "Uitvoering"):
        editor.add_chapter(SectionKind.FREE)
        type_line(editor.title_edit, title)
    assert _shape(document) == [("1", "Inleiding"), ("2", "Draagwijdte"), ("3", "Uitvoering")]
    round_trip(document, lambda: press("Tab"))  # Uitvoering under Draagwijdte
    assert _shape(document)[2] == ("2.1", "Uitvoering")
    press("Shift+Tab")  # and back out
    assert _shape(document)[2] == ("3", "Uitvoering")
    editor.select_section(editor._entries[1].id)
    press("Tab")  # Draagwijdte under Inleiding: 1.1
    editor.select_section(editor._entries[2].id)
    press("Tab")  # Uitvoering too: 1.2
    assert _shape(document) == [("1", "Inleiding"), ("1.1", "Draagwijdte"), ("1.2", "Uitvoering")]
    press("Ctrl+Up")  # Uitvoering before Draagwijdte
    assert _shape(document)[1] == ("1.1", "Uitvoering")
    # the objectives as chapter 2, between 1 and a chapter 3
    editor.select_section(editor._entries[0].id)
    objectives_id = editor.add_chapter(SectionKind.OBJECTIVES)
    assert objectives_id is not None and editor.current_section.id == objectives_id
    editor.add_chapter(SectionKind.VALUES)
    assert _shape(document) == [
        ("1", "Inleiding"),
        ("1.1", "Uitvoering"),
        ("1.2", "Draagwijdte"),
        ("2", "objectives"),  # the test plan has objectives: it prints
        ("3", "Values"),
    ]
    steps = document.undo_stack.count()
    for _n in range(steps):
        document.undo_stack.undo()
    assert _shape(document) == []  # every step undone: no chapter left
    press("Ins")  # a new chapter at the end of an empty tree
    assert [n for n, _t in _shape(document)] == ["1"]
