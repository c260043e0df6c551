"""The passive models, tested without a plan file (as Vorta tests its table models):
given rows by hand, they show them, update the rows that differ in place (no reset:
a view keeps its current cell), and turn a typed cell into a command for their owner."""

from __future__ import annotations

import dataclasses
import uuid
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import Qt

from planner_app.domain.enums import MeasureUnit, UnitKind, ValueKind
from planner_app.services.diversity_read import (
    ActionInfo,
    DiversityIndicatorInfo,
    DiversityInfo,
    ListItem,
    ObjectiveInfo,
    ValueInfo,
)
from planner_app.services.plan_parts import SignatoryInfo
from planner_app.services.units import UnitInfo
from planner_app.ui.core.document import Outcome
from planner_app.ui.diversity.diversity_models import (
    ActionsModel,
    DiversityListModel,
    IndicatorsModel,
    IndicatorValuesModel,
    ObjectivesModel,
)
from planner_app.ui.plan.signatories import SignatoryTableModel
from planner_app.ui.plan.units_tree import UnitTreeModel

DISPLAY, EDIT = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole


class Owner:
    """A pane stand-in: records the commands a model would run, and refusals."""

    def __init__(self) -> None:
        self.document: Any = object()  # the commands are made, never run
        self.commands: list[Any] = []
        self.refusals: list[str] = []

    def run(self, command: Any) -> Outcome:
        self.commands.append(command)
        return Outcome()

    def refuse(self, reason: str) -> None:
        self.refusals.append(reason)


def ids(n: int) -> list[uuid.UUID]:
    return [uuid.uuid4() for _ in range(n)]


@pytest.fixture
def info() -> DiversityInfo:
    pillars = tuple(ListItem(i, n, {"nl": f"Pijler {n + 1}"}) for n, i in enumerate(ids(3)))
    action = ActionInfo(uuid.uuid4(), 0, {"nl": "Analyse"}, "HR", "2025 Q1")
    objective = ObjectiveInfo(
        uuid.uuid4(), 0, {"nl": "Instroom"}, {}, (pillars[0].id, pillars[2].id), (action,)
    )
    values = (
        ValueInfo(2024, ValueKind.BASELINE, Decimal("2.3")),
        ValueInfo(2025, ValueKind.TARGET, Decimal("30.00"), 3, 10),
    )
    indicator = DiversityIndicatorInfo(
        uuid.uuid4(), 0, {"nl": "Aandeel"}, MeasureUnit.PERCENT, {}, {}, values
    )
    return DiversityInfo(
        uuid.uuid4(),
        2025,
        "An",
        {},
        "",
        "",
        {},
        {},
        {},
        pillars,
        (),
        (),
        (objective,),
        (indicator,),
    )


def resets(model) -> list[int]:
    seen: list[int] = []
    model.modelReset.connect(lambda: seen.append(1))
    return seen


def test_diversity_models_show_the_info_they_are_given(qtmodeltester, info):
    owner = Owner()
    pillars, objectives = DiversityListModel("pillar", owner), ObjectivesModel(owner)
    indicators, values = IndicatorsModel(owner), IndicatorValuesModel(owner)
    actions = ActionsModel(owner)
    values.set_period(2025, 2025)
    for model in (pillars, objectives, indicators, values, actions):
        model.set_languages(("nl", "fr"))
        model.set_info(info)
    actions.show_objective(info.objectives[0].id)
    values.show_indicator(info.indicators[0].id)
    for model in (pillars, objectives, indicators, values, actions):
        qtmodeltester.check(model, force_py=True)
    assert [pillars.index(r, 0).data() for r in range(3)] == ["Pijler 1", "Pijler 2", "Pijler 3"]
    assert objectives.index(0, ObjectivesModel.PILLARS).data() == "1, 3"
    assert actions.index(0, ActionsModel.OWNER).data() == "HR"
    assert values.rowCount() == 14  # three years before the period, 2025, ten after
    assert values.index(3, IndicatorValuesModel.TARGET).data(EDIT) == "3/10"
    assert indicators.index(0, IndicatorsModel.BASELINE).data() == "2,3%"


def test_the_same_rows_update_in_place(qtmodeltester, info):
    owner = Owner()
    pillars = DiversityListModel("pillar", owner)
    pillars.set_languages(("nl",))
    pillars.set_info(info)
    seen, changed = resets(pillars), []
    pillars.dataChanged.connect(lambda first, last, *_: changed.append((first.row(), last.row())))
    renamed = dataclasses.replace(info.pillars[1], text={"nl": "Nieuw"})
    pillars.set_info(dataclasses.replace(info, pillars=(info.pillars[0], renamed, info.pillars[2])))
    assert seen == [] and changed == [(1, 1)]
    assert pillars.index(1, 0).data() == "Nieuw"
    pillars.set_info(dataclasses.replace(info, pillars=info.pillars[:2]))  # a row less
    assert seen == [1] and pillars.rowCount() == 2
    qtmodeltester.check(pillars, force_py=True)


def test_a_typed_cell_becomes_a_command_for_the_owner(info):
    owner = Owner()
    pillars, values = DiversityListModel("pillar", owner), IndicatorValuesModel(owner)
    for model in (pillars, values):
        model.set_languages(("nl", "fr"))
        model.set_read_only(False)
        model.set_info(info)
    values.set_period(2025, 2025)
    values.show_indicator(info.indicators[0].id)
    assert pillars.setData(pillars.index(0, 0), "Andere tekst")
    (command,) = owner.commands
    assert (command.kind, command.row_id, command.field) == ("pillar", info.pillars[0].id, "text")
    assert command.value == {"nl": "Andere tekst"} and command.merge_key is None
    assert not pillars.setData(pillars.index(0, 0), "Pijler 1")  # unchanged: no command
    assert not values.setData(values.index(3, IndicatorValuesModel.ACTUAL), "abc")
    assert owner.refusals and len(owner.commands) == 1
    pillars.set_read_only(True)
    assert not pillars.flags(pillars.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert not pillars.setData(pillars.index(0, 0), "x")


def test_signatories_and_units_are_passive_too(qtmodeltester):
    owner = Owner()
    first, second = (
        SignatoryInfo(i, n, {"nl": f"Functie {n}"}, f"Naam {n}") for n, i in enumerate(ids(2))
    )
    signatories = SignatoryTableModel(owner)
    signatories.set_languages(("nl",))
    signatories.set_rows([first, second])
    seen = resets(signatories)
    signatories.set_rows([first, dataclasses.replace(second, name="Bo")])
    assert seen == [] and signatories.index(1, SignatoryTableModel.NAME).data() == "Bo"
    qtmodeltester.check(signatories, force_py=True)
    top, sub = ids(2)
    units = UnitTreeModel(owner)
    units.set_languages(("nl",))
    tree = [
        UnitInfo(top, None, 0, 0, "D", {"nl": "Dienst"}, UnitKind.SERVICE),
        UnitInfo(sub, top, 0, 1, "C", {"nl": "Cel"}, UnitKind.SERVICE),
    ]
    units.set_units(tree)
    seen = resets(units)
    units.set_units([tree[0], dataclasses.replace(tree[1], name={"nl": "Ploeg"})])
    assert seen == [] and units.index_of(sub).data() == "Ploeg"
    qtmodeltester.check(units, force_py=True)
