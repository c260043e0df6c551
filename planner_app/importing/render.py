"""An outline as text: the ``planner-app outline`` format and what was recognised.

``outline_lines`` gives one line per chapter, policy field and objective, two spaces
per level, the code or number as printed and the title, as ``planner-app outline``
prints a plan, so a dry run reads against the paper and diffs against the plan once
imported. ``recognition_lines`` counts what was recognised, and how many of the
document's lines each kind took. Qt-free.
"""

from __future__ import annotations

from collections import Counter

from planner_app.i18n import N_, _
from planner_app.importing.model import ChapterNode, ObjectiveNode, Outline, Role, Tree

ROLE_NAMES = {
    Role.CHAPTER: N_("chapter headings"),
    Role.FIELD: N_("policy fields"),
    Role.OBJECTIVE: N_("objectives"),
    Role.TEXT: N_("text (chapter text and descriptions)"),
    Role.LEAD: N_("lead units"),
    Role.PARTNERS: N_("involved units"),
    Role.INDICATOR: N_("indicators"),
    Role.TARGET: N_("targets"),
    Role.BASELINE: N_("baselines"),
    Role.MILESTONE: N_("milestones"),
    Role.STATUS: N_("statuses"),
    Role.LABEL: N_("labels (Omschrijving, Beoogde resultaten…)"),
    Role.GROUP: N_("group headings (PROJECTEN…)"),
    Role.TABLE: N_("tables"),
    Role.FURNITURE: N_("page furniture (page numbers, running headers)"),
}
LEVEL_NAMES = {
    "strategic": N_("strategic"),
    "operational": N_("operational"),
    "initiative": N_("initiatives"),
    "action": N_("actions"),
}


def _one_line(text: str) -> str:
    return " ".join(text.split())


def outline_lines(tree: Tree) -> list[str]:
    """The outline in document order (see module docstring)."""
    out: list[str] = []
    placed = False

    def objectives(depth: int) -> None:
        current_field = None
        for node in tree.objectives:
            extra = 0
            if node.field_index is not None:
                extra = 1
                if node.field_index != current_field:
                    field = tree.fields[node.field_index]
                    out.append(_line(depth, field.code or field.number, field.title))
                    current_field = node.field_index
            _objective(node, depth + extra)

    def _objective(node: ObjectiveNode, depth: int) -> None:
        entry = node.entry
        out.append(_line(depth, entry.code or entry.number, entry.title or entry.text))
        for child in node.children:
            _objective(child, depth + 1)

    def chapter(node: ChapterNode, depth: int) -> None:
        nonlocal placed
        if node.entry is not None:
            out.append(_line(depth, node.entry.number, node.entry.title))
        if node.holds_objectives and not placed:
            placed = True
            objectives(depth + 1)
        for child in node.children:
            chapter(child, depth + 1)

    for node in tree.chapters:
        chapter(node, 0)
    if not placed:
        objectives(0)
    return out


def _line(depth: int, code: str, title: str) -> str:
    head = f"{code}  " if code else ""
    return f"{'  ' * depth}{head}{_one_line(title)}"


def line_shares(outline: Outline) -> Counter[Role]:
    """Source lines per role (an excluded entry's lines are not counted)."""
    shares: Counter[Role] = Counter()
    for entry in outline.live():
        shares[entry.role] += len(entry.lines)
    return shares


def recognition_lines(outline: Outline) -> list[str]:
    """Counts of what was recognised, then the share of the lines each kind took."""
    counts = outline.counts()
    out = [_("Recognised:")]
    levels = ", ".join(
        f"{counts[level]} {_(name)}" for level, name in LEVEL_NAMES.items() if counts[level]
    )
    for role, name in ROLE_NAMES.items():
        n = counts[role.value]
        if not n:
            continue
        text = f"  {n} {_(name)}"
        if role is Role.OBJECTIVE and levels:
            text += f" ({levels})"
        out.append(text)
    shares = line_shares(outline)
    total = sum(shares.values())
    if total:
        structure = total - shares[Role.TEXT]
        out.append(
            _(
                "{n} lines read: {share} recognised as structure, details, labels or page "
                "furniture, the rest kept as text:"
            ).format(n=total, share=_percent(structure, total))
        )
        for role, lines in shares.most_common():
            out.append(f"  {_percent(lines, total)}  {_(ROLE_NAMES[role])} ({lines})")
    out.extend(outline.notes)
    return out


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "0 %"
