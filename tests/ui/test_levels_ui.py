"""A plan's own levels under every UI language (issue 23): each preset and a custom
fourth level, in a Dutch and a French plan, show and print the plan's names and codes
whatever language the window speaks; the levels editor, status tracking and Plan →
Renumber… as a user meets them."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox

from planner_app.domain.enums import ObjectiveLevel, PlanKind
from planner_app.domain.levels import PRESETS, LevelSpec
from planner_app.exporting.pdf import export_pdf
from planner_app.exporting.pdf_stamp import page_texts
from planner_app.i18n import set_language
from planner_app.services import levels, levels_edit, objectives, plans, tree_read
from planner_app.storage import PlanFile
from planner_app.ui.main_window import MainWindow
from planner_app.ui.objectives.objective_tree import ObjectiveTreeModel as Model

SD, OD, INIT, ACT = (
    ObjectiveLevel.STRATEGIC,
    ObjectiveLevel.OPERATIONAL,
    ObjectiveLevel.INITIATIVE,
    ObjectiveLevel.ACTION,
)
CUSTOM = "custom fourth level"
# Per preset and plan language: the codes of SD 1 > OD 1.1 > initiative 1.1.1 (> action).
EXPECTED = {
    ("standard", "nl"): ["SD 1", "OD 1.1", "1.1.1"],
    ("standard", "fr"): ["OS 1", "OO 1.1", "1.1.1"],
    ("federal", "nl"): ["SD 1", "OD 1.1", "1.1.1"],
    ("federal", "fr"): ["OS 1", "OO 1.1", "1.1.1"],
    ("french", "nl"): ["SD 1", "OD 1.1", "PRJ 1.1.1"],
    ("french", "fr"): ["OS 1", "OO 1.1", "PRJ 1.1.1"],
    ("flemish", "nl"): ["Beleidsdoelstelling 1", "Beheersdoelstelling 1.1", "Actie 1.1.1"],
    ("flemish", "fr"): ["Objectif politique 1", "Objectif de gestion 1.1", "Action 1.1.1"],
    (CUSTOM, "nl"): ["Programma 1", "Doel 1.1", "Project 1.1.1", "Actie 1.1.1.1"],
    (CUSTOM, "fr"): ["Programme 1", "Objectif 1.1", "Projet 1.1.1", "Action 1.1.1.1"],
}
CUSTOM_LEVELS = {
    SD: ({"nl": "Programma", "fr": "Programme"}, "Programma {n}|Programme {n}"),
    OD: ({"nl": "Doel", "fr": "Objectif"}, "Doel {parent}.{n}|Objectif {parent}.{n}"),
    INIT: ({"nl": "Project", "fr": "Projet"}, "Project {parent}.{n}|Projet {parent}.{n}"),
    ACT: ({"nl": "Actie", "fr": "Action"}, "Actie {parent}.{n}|Action {parent}.{n}"),
}


def _names(key: str, lang: str) -> list[str]:
    if key == CUSTOM:
        return [CUSTOM_LEVELS[level][0][lang] for level in (SD, OD, INIT, ACT)]
    return [spec.name[lang] for spec in PRESETS[key].levels[:3]]


def _make(store: PlanFile, key: str, lang: str) -> tuple[uuid.UUID, list[uuid.UUID]]:
    plan_id = plans.create_plan(
        store,
        code=f"p-{lang}",
        kind=PlanKind.BUSINESS,
        title="Plan",
        first_year=2025,
        languages=[lang],
    ).id
    if key == CUSTOM:
        specs = []
        for level, (names, patterns) in CUSTOM_LEVELS.items():
            nl, fr = patterns.split("|")
            specs.append(LevelSpec(level, True, names, {"nl": nl, "fr": fr}))
        levels_edit.set_levels(store, plan_id, specs)
    else:
        levels_edit.apply_preset(store, plan_id, key)
    ids, parent = [], None
    for level in (SD, OD, INIT, ACT) if key == CUSTOM else (SD, OD, INIT):
        parent = objectives.add_objective(
            store, plan_id, level=level, title=f"Titel {level.rank}", parent_id=parent
        ).id
        ids.append(parent)
    return plan_id, ids


@pytest.mark.parametrize("lang", ["nl", "fr"])
@pytest.mark.parametrize("key", [*PRESETS, CUSTOM])
def test_the_plan_shows_and_prints_its_own_names_and_codes_in_every_ui_language(
    qtbot, store, tmp_path: Path, key, lang
):
    plan_id, ids = _make(store, key, lang)
    codes, names = EXPECTED[(key, lang)], _names(key, lang)
    try:
        for ui in ("en", "nl", "fr"):
            set_language(ui)
            win = MainWindow()
            qtbot.addWidget(win)
            win.set_plan_file(store, plan_id)
            model = win.tree.tree_model
            model.fetch_all()
            shown = [model.index_of(i, Model.CODE).data() for i in ids]
            assert shown == codes, ui
            tips = [model.index_of(i, Model.CODE).data(3) for i in ids]  # ToolTipRole
            assert tips == names, ui
            win.select_objective(ids[1])
            assert win.detail.heading.text() == codes[1]
            assert win.detail.meta.text() == names[1]
            win.close()
            out = tmp_path / f"{key}-{lang}-{ui}.pdf"
            export_pdf(store, plan_id, out, language=lang)
            text = " ".join(" ".join(page_texts(out)).split())
            for code, number in zip(codes, range(1, 5), strict=False):
                assert f"{code} Titel {number}" in text, (ui, code)
    finally:
        set_language("en")


def test_the_levels_editor_sets_a_preset_and_a_name_as_undoable_steps(window: MainWindow, tree):
    assert window.store is not None and window.plan_id is not None
    window.views.setCurrentWidget(window.plan_pane)  # the tab gets its document when shown
    editor = window.plan_pane.properties.levels
    combo = editor.preset_combo
    assert combo.currentData() == "standard"
    combo.setCurrentIndex(combo.findData("flemish"))
    combo.activated.emit(combo.currentIndex())
    codes = [n.code for n in tree_read.load_tree(window.store, window.plan_id)]
    assert codes[:3] == ["Beleidsdoelstelling 1", "Beheersdoelstelling 1.1", "Actie 1.1.1"]
    assert editor.example.text() == (
        "Codes: Beleidsdoelstelling 1 → Beheersdoelstelling 1.1 → Actie 1.1.1"
    )
    window.tree_actions.undo_action.trigger()
    assert tree_read.load_tree(window.store, window.plan_id)[0].code == "SD 1"
    assert combo.currentData() == "standard"
    name = editor.names[INIT]
    name.setText("Werf")
    name.editingFinished.emit()
    assert levels.load_scheme(window.store, window.plan_id).name(INIT) == "Werf"
    assert combo.currentData() == ""  # no preset names initiatives "Werf": custom
    window.tree_actions.undo_action.trigger()
    assert levels.load_scheme(window.store, window.plan_id).name(INIT) == "Initiatief"


def test_status_tracking_off_hides_every_status(window: MainWindow, tree):
    assert window.store is not None and window.plan_id is not None
    window.views.setCurrentWidget(window.plan_pane)
    editor = window.plan_pane.properties.levels
    assert editor.track_status.isChecked()
    editor.track_status.setChecked(False)
    assert not plans.plan_info(window.store, window.plan_id).track_status
    assert window.tree.isColumnHidden(Model.STATUS)
    assert window.filter_bar.status_box.isHidden()  # nothing to filter on
    window.select_objective(tree["i1"])
    assert not window.detail.form.isRowVisible(window.detail.status_combo)
    menu = window.tree_actions.context_menu()
    assert all(a.menu() is None for a in menu.actions())  # no Status ▸
    window.tree_actions.undo_action.trigger()
    assert plans.plan_info(window.store, window.plan_id).track_status
    assert not window.tree.isColumnHidden(Model.STATUS)


def test_renumber_shows_old_and_new_and_is_one_undoable_step(window: MainWindow, tree):
    assert window.store is not None and window.plan_id is not None
    store, plan_id = window.store, window.plan_id
    objectives.move_objective(store, tree["i2"], parent_id=tree["od11"], position=0)
    objectives.update_objective(store, tree["sd2"], code="SD 7")
    window.tree.tree_model.reload()
    window.select_objective(tree["od11"])
    dialog = window.renumber.dialog()
    assert dialog is not None and dialog.below.isChecked()  # below OD 1.1, as chosen
    rows = [
        [dialog.model.index(r, c).data() for c in range(3)] for r in range(dialog.model.rowCount())
    ]
    assert rows == [["1.1.2", "1.1.1", "Init 2"], ["1.1.1", "1.1.2", "Init 1"]]
    dialog.whole.setChecked(True)
    assert dialog.model.rowCount() == 3 and dialog.summary.text() == "3 codes change."
    dialog.only_changes.setChecked(False)
    assert dialog.model.rowCount() == 5
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    before = [n.code for n in tree_read.load_tree(store, plan_id)]
    assert window.document is not None
    assert window.document.run(dialog.command())
    dialog.deleteLater()
    after = [n.code for n in tree_read.load_tree(store, plan_id)]
    assert after == ["SD 1", "OD 1.1", "1.1.1", "1.1.2", "SD 2"]
    assert window.tree.tree_model.index_of(tree["sd2"], Model.CODE).data() == "SD 2"
    assert window.tree_actions.undo_action.text() == "Undo Renumber objectives"
    window.tree_actions.undo_action.trigger()
    assert [n.code for n in tree_read.load_tree(store, plan_id)] == before
    window.tree_actions.redo_action.trigger()
    assert [n.code for n in tree_read.load_tree(store, plan_id)] == after
    again = window.renumber.dialog()
    assert again is not None
    again.whole.setChecked(True)
    assert not again.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    again.deleteLater()
