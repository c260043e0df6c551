"""Printed totals in the figure tables: what the source document printed for a total,
shown where it differs from the sum of the rows, and recorded with undo.

The budget and staffing models give each total cell a ``TotalSpot``
(``services.printed``); a cell whose printed total differs gets a warning icon and a
tooltip with both figures, and "Printed total in the source…" (the tables' context
menu) records or clears the figure as one undo step. GUI thread only.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import cache

from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QApplication, QInputDialog, QStyle, QWidget

from planner_app.errors import PlannerError
from planner_app.i18n import _
from planner_app.services import printed
from planner_app.services.common import Changed
from planner_app.services.paste import FigureKind, parse_value
from planner_app.services.printed import TotalSpot
from planner_app.ui.core.command import BaseCommand
from planner_app.ui.core.document import PlanDocument
from planner_app.ui.core.undo_texts import undo_text


@cache
def difference_icon() -> QIcon:
    """The mark of a total that differs from the source's printed one."""
    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)


def printed_tooltip(
    printed_value: Decimal | None, computed: Decimal | None, fmt: Callable[[Decimal], str]
) -> str | None:
    """The tooltip of a total cell the source printed a total for (None: it did not)."""
    if printed_value is None:
        return None
    rows = computed if computed is not None else Decimal(0)
    if printed_value == rows:
        return _("The source prints the same total: {printed}.").format(printed=fmt(printed_value))
    delta = printed_value - rows
    return _(
        "The source prints {printed}; the rows under it add up to {computed} (difference {delta})."
    ).format(
        printed=fmt(printed_value),
        computed=fmt(rows),
        delta=("+" if delta > 0 else "") + fmt(delta),
    )


def differs(printed_value: Decimal | None, computed: Decimal | None) -> bool:
    if printed_value is None:
        return False
    return printed_value != (computed if computed is not None else Decimal(0))


class SetPrintedTotalCommand(BaseCommand):
    """Record (or with None forget) the total the source prints in one cell; undo puts
    back what the write replaced (``Changed.old``, read in its own transaction)."""

    def __init__(self, document: PlanDocument, spot: TotalSpot, value: Decimal | None) -> None:
        super().__init__(document, undo_text("printed total", "edit"))
        self.spot, self.new = spot, value
        self.old: Decimal | None = None
        self._written = False

    def do(self) -> Changed:
        store, plan_id = self.document.store, self.document.plan_id
        changed = printed.set_printed_total(store, plan_id, self.spot, self.new)
        if not self._written:
            self.old, self._written = changed.old.get("value"), True
        return changed

    def undo_change(self) -> Changed:
        store, plan_id = self.document.store, self.document.plan_id
        return printed.set_printed_total(store, plan_id, self.spot, self.old)


def printed_total_action(parent: QWidget, view, enabled: Callable[[], bool]) -> QAction:
    """ "Printed total in the source…" for ``view``'s current cell: the view's model
    answers ``printed_spot(index)`` (None: not a total), ``printed_value(index)``,
    ``printed_kind(index)``, ``printed_text(value)`` and has ``document`` and
    ``show_refusal(reason)``."""
    action = QAction(_("Printed total in the source…"), parent)
    action.setToolTip(
        _(
            "Record the total the source document prints here, to see where it differs "
            "from the sum of the rows (kept as data; totals stay the sums)."
        )
    )

    def update() -> None:
        model = view.model()
        action.setEnabled(enabled() and model.printed_spot(view.currentIndex()) is not None)

    def ask() -> None:
        model = view.model()
        index = view.currentIndex()
        spot = model.printed_spot(index)
        document = model.document
        if spot is None or document is None:
            return
        kind: FigureKind = model.printed_kind(index)
        current = model.printed_value(index)
        text, ok = QInputDialog.getText(
            parent,
            _("Printed total in the source"),
            _("The total the source document prints here (empty: none):"),
            text=model.printed_text(current) if current is not None else "",
        )
        if not ok:
            return
        try:
            value = parse_value(text, kind, allow_negative=True)
        except PlannerError as err:
            model.show_refusal(str(err))
            return
        if value == current:
            return
        # a refusal is shown beside the table (the model's ``show_refusal``)
        document.run(SetPrintedTotalCommand(document, spot, value), initiator=model)

    action.triggered.connect(ask)
    view.selectionModel().currentChanged.connect(lambda *_a: update())
    view.model().modelReset.connect(update)
    action.update_state = update  # type: ignore[attr-defined]
    update()
    return action
