"""The bar chart redraws from plain values and leaves nothing of the previous drawing."""

from __future__ import annotations

from decimal import Decimal

from planner_app.ui.charts import BarChart


def drawn(qtbot, qapp, values_in_turn) -> bytes:
    """The chart after drawing each of ``values_in_turn`` with only pending events
    handled in between and after (what a burst of edits gives)."""
    view = BarChart()
    qtbot.addWidget(view)
    view.resize(500, 300)
    view.show()
    for values in values_in_turn:
        view.show_values("t", ["a", "b"], [("x", [Decimal(v) for v in values])])
        qapp.processEvents()
    qapp.processEvents()
    return bytes(view.grab().toImage().constBits())


def test_a_redrawn_chart_looks_like_one_drawn_fresh(qtbot, qapp):
    fresh = drawn(qtbot, qapp, [(1000, 2500)])
    redrawn = drawn(qtbot, qapp, [(0, 0), (40, 7), (1000, 2500)])
    assert redrawn == fresh  # no axis labels of an earlier drawing left behind
