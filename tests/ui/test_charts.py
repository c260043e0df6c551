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


def test_axis_numbers_are_in_the_ui_language_belgian_style(qtbot, qapp):
    from planner_app.i18n import current_language, set_language

    before = current_language()
    try:
        for lang, million in (("nl", "1.000.000"), ("fr", "1\u202f000\u202f000")):
            set_language(lang)
            view = BarChart()
            qtbot.addWidget(view)
            view.show_values("t", ["a"], [("x", [Decimal(1_000_000)])])
            chart = view.chart()
            assert chart.localizeNumbers()
            assert chart.locale().toString(1_000_000.0, "f", 0) == million
    finally:
        set_language(before)
