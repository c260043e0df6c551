"""A plan's outline: its chapters and objectives in document order, one line each.

What ``planner-app outline`` prints: what a reviewer reads to check a transcription
against the paper, and what a script compares between two files or two versions. Each
line is an item's depth, its code as printed in the chosen content language (empty for
a chapter) and its title on one line, so a diff shows exactly the items that changed.
The chapters come as the document has them: the chapter tree's order, depth and
numbers (``services.chapter_tree``), the objectives under the chapter that places them
(their policy-field headings first), the made parts the tree does not place after the
chapters, as the document prints them; a made part with nothing to print is left out.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from planner_app.domain.enums import SectionKind
from planner_app.domain.labels import LABELS
from planner_app.i18n import N_, translations
from planner_app.services.chapter_tree import chapter_outline
from planner_app.services.plan_parts import load_policy_fields
from planner_app.services.plans import plan_info
from planner_app.services.tree_read import load_tree
from planner_app.storage import PlanFile

CHAPTER, FIELD, OBJECTIVE = "chapter", "policy field", "objective"


@dataclass(frozen=True)
class OutlineLine:
    kind: str  # CHAPTER, FIELD or OBJECTIVE
    depth: int
    code: str
    title: str

    def text(self) -> str:
        """``"    OD 1.1  Title"``: two spaces per level, code and title two apart."""
        head = f"{self.code}  " if self.code else ""
        return f"{'  ' * self.depth}{head}{self.title}".rstrip()


def _one_line(texts: Mapping[str, str], languages: Sequence[str]) -> str:
    for lang in languages:
        if texts.get(lang):
            return " ".join(texts[lang].split())
    return " ".join(next((t for t in texts.values() if t), "").split())


def plan_outline(
    store: PlanFile, plan_id: uuid.UUID, language: str | None = None
) -> list[OutlineLine]:
    """The outline in ``language`` (one of the plan's; default its main language):
    texts missing in it are shown in the plan's main language, as the document does."""
    info = plan_info(store, plan_id)
    lang = language or info.languages[0]
    order = (lang, *info.languages)
    t = translations(lang).gettext  # our own headings, as the document prints them
    out: list[OutlineLine] = []
    for entry in chapter_outline(store, plan_id):
        if not entry.printed:
            continue
        title = _one_line(entry.title, order)
        if not title and entry.kind is SectionKind.OBJECTIVES:
            title = t(N_("Objectives"))
        elif not title and entry.kind is not SectionKind.FREE:  # as the document heads it
            title = t(LABELS.get(entry.kind.value, ""))
        out.append(OutlineLine(CHAPTER, entry.depth, entry.number, title))
        if entry.kind is SectionKind.OBJECTIVES:
            out += _objectives(store, plan_id, lang, order, entry.depth + 1)
    return out


def _objectives(
    store: PlanFile, plan_id: uuid.UUID, lang: str, order: Sequence[str], base: int
) -> list[OutlineLine]:
    """The policy-field headings and the objective tree, from depth ``base``."""
    out: list[OutlineLine] = []
    fields = {f.id: f for f in load_policy_fields(store, plan_id)}
    depth: dict[uuid.UUID, int] = {}
    current = None
    for node in load_tree(store, plan_id, lang):
        if node.parent_id is None:
            field = fields.get(node.policy_field_id) if node.policy_field_id else None
            if field is not None and field.id != current:
                code = f"{field.code}." if field.code else ""
                out.append(OutlineLine(FIELD, base, code, _one_line(field.title, order)))
            current = field.id if field is not None else None
            depth[node.id] = base + 1 if field is not None else base
        else:
            depth[node.id] = depth[node.parent_id] + 1
        out.append(OutlineLine(OBJECTIVE, depth[node.id], node.code, _one_line(node.title, order)))
    return out
