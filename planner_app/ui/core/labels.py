"""How the UI names objectives, statuses and plan states, and picks a text's language.

Stored values get their words from the shared vocabulary (``planner_app.domain.labels``,
also used by the CLI and the exports); this module only shapes them for the screen
(capitalised). Objective codes and level names are the plan's own (``domain.codes``),
printed by the services in the plan's content language. No Qt: usable by any view or
dialog.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from planner_app.domain.enums import InitiativeKind, PlanState, Status
from planner_app.domain.labels import label


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def status_label(status: Status) -> str:
    """``On schedule``: the shared vocabulary's label, capitalised for a cell or a field."""
    return capitalised(label(status))


def kind_label(kind: InitiativeKind) -> str:
    return capitalised(label(kind))


def state_label(state: PlanState) -> str:
    return label(state)


def pick_text(texts: Mapping[str, str], languages: Sequence[str]) -> str:
    """The text in the first of ``languages`` that has one, else in any language."""
    for lang in languages:
        if texts.get(lang):
            return texts[lang]
    return next((text for text in texts.values() if text), "")


def one_line(text: str) -> str:
    """``text`` with every run of white space (newlines too) made one space."""
    return " ".join(text.split())
