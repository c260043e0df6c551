"""A roll-up (``rollup.RollUp``) in words, the same in the window and in documents:
``t`` translates our messages into the language shown (the UI's ``_``, a document's
translator), ``lang`` formats the numbers. No Qt."""

from __future__ import annotations

from collections.abc import Callable

from planner_app.domain.enums import Status
from planner_app.domain.labels import LABELS
from planner_app.formatting import format_number
from planner_app.i18n import N_
from planner_app.services.progress_rule import STATUS_LABELS, STATUS_SYMBOLS, IndicatorStatus
from planner_app.services.rollup import RollUp

Translate = Callable[[str], str]

# The shape beside a verdict word (never colour alone).
VERDICT_SYMBOLS = {
    Status.NOT_STARTED: "○",
    Status.ON_SCHEDULE: "●",
    Status.DONE: "✔",
    Status.DELAYED: "▲",
    Status.ACTION_NEEDED: "✖",
}

# Statuses in the order a roll-up names them.
_INITIATIVE_ORDER = (
    Status.DONE,
    Status.ON_SCHEDULE,
    Status.DELAYED,
    Status.ACTION_NEEDED,
    Status.NOT_STARTED,
)
_INDICATOR_ORDER = (
    IndicatorStatus.MISSED,
    IndicatorStatus.BEHIND,
    IndicatorStatus.ON_TRACK,
    IndicatorStatus.REACHED,
    IndicatorStatus.DONE,
    IndicatorStatus.OPEN,
    IndicatorStatus.NO_DATA,
    IndicatorStatus.NO_TARGET,
)


def verdict_words(rollup: RollUp, t: Translate) -> str:
    """ "✔ done", "▲ delayed / needs attention"; empty when nothing is counted."""
    verdict = rollup.verdict
    if verdict is None:
        return ""
    return f"{VERDICT_SYMBOLS.get(verdict, '•')} {t(LABELS.get(verdict.value, verdict.value))}"


def short_text(rollup: RollUp, t: Translate, lang: str) -> str:
    """One line for a tree cell: the verdict and the initiatives done, or without
    initiatives the milestones done ("✔ done · 6/6", "▲ delayed · 2/5 milestones")."""
    words = verdict_words(rollup, t)
    if not words:
        return ""
    if rollup.counted:
        done = rollup.initiatives.get(Status.DONE, 0)
        return f"{words} · {format_number(done, lang)}/{format_number(rollup.counted, lang)}"
    if rollup.milestones_total:
        return f"{words} · " + t(N_("{done}/{total} milestones")).format(
            done=format_number(rollup.milestones_done, lang),
            total=format_number(rollup.milestones_total, lang),
        )
    return words


def lines(rollup: RollUp, t: Translate, lang: str) -> list[str]:
    """Each part counted, one line each (a tooltip, the editor, the review)."""
    out: list[str] = []
    if rollup.initiative_total:
        parts = [
            f"{format_number(rollup.initiatives[s], lang)} {t(LABELS.get(s.value, s.value))}"
            for s in (*_INITIATIVE_ORDER, *(s for s in Status if s not in _INITIATIVE_ORDER))
            if rollup.initiatives.get(s)
        ]
        out.append(t(N_("Initiatives: {counts}")).format(counts=", ".join(parts)))
    if rollup.milestones_total:
        text = t(N_("Milestones: {done} of {total} done")).format(
            done=format_number(rollup.milestones_done, lang),
            total=format_number(rollup.milestones_total, lang),
        )
        if rollup.milestones_overdue:
            text += ", " + t(N_("{count} overdue")).format(
                count=format_number(rollup.milestones_overdue, lang)
            )
        out.append(text)
    if rollup.indicator_total:
        parts = [
            f"{format_number(rollup.indicators[s], lang)} {STATUS_SYMBOLS[s]} {t(STATUS_LABELS[s])}"
            for s in _INDICATOR_ORDER
            if rollup.indicators.get(s)
        ]
        out.append(t(N_("Indicators: {counts}")).format(counts=", ".join(parts)))
    return out
