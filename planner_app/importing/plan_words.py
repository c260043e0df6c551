"""A plan's own level words for the recogniser (issue 30 with "Any Belgian plan").

A plan whose levels are its own ("Speerpunt", "Programme", codes such as "SP 3" or
"PRG 2") writes its document with those words; the built-in vocabulary knows SD/OD,
OS/OO and the like only. When a document or a pasted outline goes into such a plan,
its level names (every language) and the words of its code patterns are looked for
first, so "Speerpunt 2: …" is a strategic objective of that plan, not a paragraph.
Qt-free; reads the plan only.
"""

from __future__ import annotations

import uuid

from planner_app.domain.codes import CodePattern, PatternError
from planner_app.importing.vocabulary import Vocabulary
from planner_app.services.levels import specs_of
from planner_app.storage import PlanFile


def plan_vocabulary(store: PlanFile, plan_id: uuid.UUID) -> Vocabulary:
    """The built-in level words, after the plan's own (none set: the built-in only)."""
    with store.read() as s:
        specs = specs_of(s, plan_id)
    names: dict[str, list[str]] = {}
    for level, spec in specs.items():
        if not spec.used:
            continue
        words = [*spec.name.values(), *(_prefix(p) for p in spec.pattern.values())]
        found = list(dict.fromkeys(w.strip() for w in words if w and w.strip()))
        if found:
            names[level.value] = found
    standard = Vocabulary.standard()
    return standard.with_levels(names) if names else standard


def _prefix(pattern: str) -> str:
    """The words before a code's number ("SP " of "SP {n}"); none for a bare number."""
    try:
        return CodePattern.parse(pattern).prefix
    except PatternError:
        return ""


__all__ = ["plan_vocabulary"]
