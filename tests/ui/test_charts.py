"""The bar chart redraws from plain values and leaves nothing of the previous drawing."""

from __future__ import annotations

from decimal import Decimal

from planner_app.ui.core.charts import BarChart


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


def test_nice_steps_are_round_and_fit():
    from planner_app.ui.core.charts import nice_step

    assert nice_step(1500, 3) == 500
    assert nice_step(1500, 10) == 200
    assert nice_step(2_514_220, 4) == 1_000_000
    assert nice_step(7, 10) == 1
    assert nice_step(0, 5) == 1
    for top in (0.3, 9, 99, 1234, 99_999, 3_275_000):
        for most in (1, 2, 3, 7):
            step = nice_step(top, most)
            assert top / step <= most
            assert f"{step:.0e}"[0] in "125"


def test_axis_numbers_never_overlap_in_a_narrow_chart(qtbot, qapp):
    from PySide6.QtGui import QFontMetrics

    view = BarChart()
    qtbot.addWidget(view)
    for width in (300, 500, 900):
        view.resize(width, 300)
        view.show()
        view.show_values("t", ["a", "b"], [("x", [Decimal(1_016_581), Decimal(12)])])
        qapp.processEvents()
        axis = view.axis_x
        labels = round(axis.max() / axis.tickInterval()) + 1
        widest = QFontMetrics(axis.labelsFont()).horizontalAdvance(
            view.chart().locale().toString(axis.max(), "f", 0)
        )
        assert labels * widest < view.chart().plotArea().width() + widest
        assert axis.max() >= 1_016_581


def test_small_or_no_figures_give_whole_number_steps(qtbot, qapp):
    """Labels are whole numbers: a step of 0,2 printed '0 0 0 0 0 1 1 1' along the axis
    of a plan without budget lines."""
    view = BarChart()
    qtbot.addWidget(view)
    view.resize(900, 300)
    view.show()
    view.show_values("t", ["a", "b"], [("x", [Decimal("0.5"), Decimal(2)])])
    qapp.processEvents()
    assert view.axis_x.tickInterval() >= 1
    # nothing but zeros or empty cells: said in words (issue 32), no axis of "…" labels
    view.show_values("t", ["a", "b"], [("x", [Decimal(0), None])])
    assert view.axis_x is None and view.chart().title() == "t: no figures yet"


def test_a_chart_without_rows_says_so_and_draws_no_axes(qtbot, qapp):
    view = BarChart()
    qtbot.addWidget(view)
    view.show_values("Budget per group", [], [("2025", [])])
    assert view.chart().title() == "Budget per group: no figures yet"
    assert view.chart().axes() == [] and view.axis_x is None
