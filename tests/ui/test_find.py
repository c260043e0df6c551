"""Edit → Find: the filter's words in code and title, or in all an objective's text,
and Find next / previous through the matches in tree order."""

from __future__ import annotations

import pytest

from planner_app.services import details, objectives
from planner_app.storage import PlanFile
from planner_app.ui.main_window import MainWindow
from planner_app.ui.objectives.commands import SetObjectiveFieldCommand


@pytest.fixture
def tree(tree: dict, store: PlanFile) -> dict:
    """The test tree with a description and a French milestone to find."""
    objectives.update_objective(store, tree["i2"], description={"nl": "Vertaling van de website"})
    details.add_milestone(store, tree["i1"], text={"fr": "Étape Ωmega"})
    return tree


def find(win: MainWindow, text: str, everywhere: bool) -> None:
    win.filter_bar.everywhere_box.setChecked(everywhere)
    win.filter_bar.text_box.setText(text)
    win.filter_bar.apply()


def test_words_in_a_description_are_found_only_in_all_text(window: MainWindow, tree):
    find(window, "website", everywhere=False)
    assert window.tree.filter_model.match_count() == 0
    find(window, "WEBSITE", everywhere=True)
    assert window.tree.filter_model.match_count() == 1
    assert window.tree.current_objective_id() == tree["i2"]


def test_milestone_text_is_found_in_any_language_without_accents(window: MainWindow, tree):
    find(window, "etape ωmega", everywhere=True)
    assert window.tree.current_objective_id() == tree["i1"]


def test_find_next_and_previous_wrap_round(window: MainWindow, tree):
    find(window, "init", everywhere=False)
    assert window.tree.current_objective_id() == tree["i1"]
    window.find_next_action.trigger()
    assert window.tree.current_objective_id() == tree["i2"]
    window.find_next_action.trigger()
    assert window.tree.current_objective_id() == tree["i1"]
    window.find_previous_action.trigger()
    assert window.tree.current_objective_id() == tree["i2"]


def test_find_next_with_no_words_goes_to_the_filter_box(window: MainWindow, qtbot):
    window.show()
    qtbot.waitExposed(window)
    window.find_next_action.trigger()
    box = window.filter_bar.text_box
    assert box.hasFocus() or window.focusWidget() is box


def test_an_edited_description_is_found_after_the_edit(window: MainWindow, tree):
    find(window, "kwartaalrapport", everywhere=True)
    assert window.tree.filter_model.match_count() == 0
    document = window.document
    assert document is not None
    document.run(
        SetObjectiveFieldCommand(
            document, tree["sd2"], "description", {"nl": "Kwartaalrapport"}, merge_key=None
        )
    )
    window.filter_bar.clear()
    find(window, "kwartaalrapport", everywhere=True)
    assert window.tree.current_objective_id() == tree["sd2"]
