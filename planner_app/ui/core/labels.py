"""How the UI names objectives, statuses and plan states, and picks a text's language.

Stored values get their words from the shared vocabulary (``planner_app.domain.labels``,
also used by the CLI and the exports); this module only shapes them for the screen
(capitalised, ``SD 1`` / ``OD 1.1`` code labels). No Qt: usable by any view or dialog.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from planner_app.domain.enums import InitiativeKind, ObjectiveLevel, PlanState, Status
from planner_app.domain.labels import label
from planner_app.i18n import N_, _

LEVEL_LABELS: dict[ObjectiveLevel, str] = {
    ObjectiveLevel.STRATEGIC: N_("Strategic objective"),
    ObjectiveLevel.OPERATIONAL: N_("Operational objective"),
    ObjectiveLevel.INITIATIVE: N_("Initiative"),
}


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def status_label(status: Status) -> str:
    """``On schedule``: the shared vocabulary's label, capitalised for a cell or a field."""
    return capitalised(label(status))


def kind_label(kind: InitiativeKind) -> str:
    return capitalised(label(kind))


def state_label(state: PlanState) -> str:
    return label(state)


def level_label(level: ObjectiveLevel) -> str:
    """``Strategic objective``: the level as a noun, for a heading or a tooltip."""
    return _(LEVEL_LABELS[level])


def code_label(level: ObjectiveLevel, code: str) -> str:
    """``SD 1`` for a strategic objective, ``OD 1.1`` for an operational one, else ``1.1.3``."""
    if level is ObjectiveLevel.STRATEGIC:
        return _("SD {code}").format(code=code)
    if level is ObjectiveLevel.OPERATIONAL:
        return _("OD {code}").format(code=code)
    return code


def pick_text(texts: Mapping[str, str], languages: Sequence[str]) -> str:
    """The text in the first of ``languages`` that has one, else in any language."""
    for lang in languages:
        if texts.get(lang):
            return texts[lang]
    return next((text for text in texts.values() if text), "")


def one_line(text: str) -> str:
    """``text`` with every run of white space (newlines too) made one space."""
    return " ".join(text.split())
