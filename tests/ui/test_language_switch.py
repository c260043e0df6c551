"""The content-language switch: editing an objective in the plan's second language
writes that language only, shows the main text for reference, counts what is left."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from planner_app.domain.enums import ObjectiveLevel, PlanKind
from planner_app.services import details, objectives, plans, translation
from planner_app.storage import PlanFile
from planner_app.ui.core.translation_marks import UNTRANSLATED_STYLE
from planner_app.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, store: PlanFile, plan_id, tree) -> Iterator[MainWindow]:
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.set_plan_file(store, plan_id)
    yield win
    win.close()


def count_in_combo(win: MainWindow, lang: str) -> str:
    combo = win.language_switch.combo
    return combo.itemText(combo.findData(lang))


def test_the_switch_lists_the_plan_languages_with_counts(qtbot, window: MainWindow, store, plan_id):
    assert not window.toolbar.isHidden()
    assert window.language_action.isVisible()
    assert window.language_switch.languages == ("nl", "fr")
    assert window.language_switch.language == "nl"
    expected = translation.untranslated(store, plan_id)["fr"]
    qtbot.waitUntil(lambda: count_in_combo(window, "fr") == f"fr ({expected} untranslated)")
    assert count_in_combo(window, "nl") == "nl (main)"


def test_typing_a_translation_keeps_the_main_text_and_undoes(
    qtbot, window: MainWindow, store, plan_id, tree
):
    editor = window.detail
    assert window.select_objective(tree["sd1"])
    assert not editor.references["title"].visible  # main language: nothing to refer to
    before = translation.untranslated(store, plan_id)["fr"]

    window.language_switch.choose("fr")
    assert editor.language == "fr"
    hint = editor.references["title"]
    assert hint.label.text() == "nl: Eerste SD"
    assert hint.untranslated
    assert editor.title_edit.text() == ""
    assert editor.title_edit.styleSheet() == UNTRANSLATED_STYLE
    assert "fr" in editor.title_edit.placeholderText()

    editor.title_edit.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.waitUntil(editor.title_edit.hasFocus)
    qtbot.keyClicks(editor.title_edit, "Premier OS")
    assert not hint.untranslated and editor.title_edit.styleSheet() == ""
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_Return)

    title = details.objective_detail(store, tree["sd1"]).title
    assert title == {"nl": "Eerste SD", "fr": "Premier OS"}
    assert translation.untranslated(store, plan_id)["fr"] == before - 1
    qtbot.waitUntil(lambda: count_in_combo(window, "fr") == f"fr ({before - 1} untranslated)")
    assert window.language_switch.language == "fr"  # a refresh keeps the choice

    window.document.undo_stack.undo()
    assert details.objective_detail(store, tree["sd1"]).title == {"nl": "Eerste SD"}
    assert translation.untranslated(store, plan_id)["fr"] == before
    qtbot.waitUntil(lambda: count_in_combo(window, "fr") == f"fr ({before} untranslated)")
    assert editor.title_edit.text() == ""
    assert hint.untranslated


def test_back_to_the_main_language(window: MainWindow, tree):
    editor = window.detail
    assert window.select_objective(tree["sd1"])
    window.language_switch.choose("fr")
    window.language_switch.choose("nl")
    assert editor.language == "nl"
    assert editor.title_edit.text() == "Eerste SD"
    assert not editor.references["title"].visible
    assert editor.title_edit.styleSheet() == ""
    assert editor.title_edit.placeholderText() == ""


def test_the_switch_is_hidden_for_a_one_language_plan(qtbot, store: PlanFile):
    only_nl = plans.create_plan(
        store, code="nl-only", kind=PlanKind.BUSINESS, title="Plan", first_year=2025
    ).id
    objectives.add_objective(store, only_nl, level=ObjectiveLevel.STRATEGIC, title="SD")
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.set_plan_file(store, only_nl)
    try:
        assert not win.language_switch.wanted
        assert not win.language_action.isVisible()
        assert win.toolbar.isHidden()  # one plan, one language: nothing to choose
    finally:
        win.close()


def test_switching_plans_starts_in_the_main_language(qtbot, window: MainWindow, store):
    window.language_switch.choose("fr")
    other = plans.create_plan(
        store, code="other", kind=PlanKind.BUSINESS, title="Ander", first_year=2025
    ).id
    window.reload_plans(show=other)
    assert not window.language_action.isVisible()
    qtbot.waitUntil(window.plan_chooser.isVisible)  # two plans now (the toolbar lays out later)
    assert window.language_switch.isHidden()
    assert window.detail.language == "nl"
