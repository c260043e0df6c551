"""The intermediate outline of an imported document, before it becomes a plan.

A source gives ``SourceLine`` values (a paragraph of a Word document, a re-flowed
paragraph of a text or a PDF, a table). The recogniser turns them into ``Entry``
values in document order, one per paragraph, each with the ``Role`` it was recognised
as and a ``Reason`` (a translatable sentence) saying why. Every source line belongs to
exactly one entry, so nothing is dropped: page furniture and labels are entries too,
shown in the preview and counted, only not written.

``Outline.tree()`` assembles the entries into chapters, policy fields and the
objective tree with their texts and details; the preview edits entries (role, level,
kind, merge, split, exclude) and assembles again. Plain data, no Qt, no session.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from enum import StrEnum

from planner_app.i18n import N_, _

# Levels of the objective tree by rank (1 = strategic). Rank 4 (an action under an
# initiative) is written only where the plan model has a fourth level.
LEVELS = ("strategic", "operational", "initiative", "action")


# Values a reason names, translated when it is shown.
_WORDS = {
    "strategic": N_("strategic"),
    "operational": N_("operational"),
    "initiative": N_("initiative"),
    "action": N_("action"),
    "project": N_("project"),
    "process": N_("process"),
    "description": N_("description"),
    "intended results": N_("intended results"),
    "a target": N_("a target"),
    "a baseline": N_("a baseline"),
}


def rank_of(level: str) -> int:
    return LEVELS.index(level) + 1


class Role(StrEnum):
    CHAPTER = "chapter"  # a numbered or titled chapter heading
    FIELD = "policy_field"  # a heading over strategic objectives (beleidsveld)
    OBJECTIVE = "objective"  # a node of the objective tree
    TEXT = "text"  # a paragraph: chapter text, description or intended results
    LEAD = "lead_unit"  # "Trekker: …"
    PARTNERS = "partners"  # "Betrokkenen: …"
    INDICATOR = "indicator"  # "Indicator: …"
    TARGET = "target"  # "Streefwaarde 2026: 80 %"
    BASELINE = "baseline"  # "Nulmeting 2024: 60 %"
    MILESTONE = "milestone"  # "Q2: …"
    STATUS = "status"  # "Status: op schema"
    LABEL = "label"  # "Omschrijving", "Beoogde resultaten": says what follows
    GROUP = "group"  # "PROJECTEN": the kind of the initiatives that follow
    TABLE = "table"  # a table of the document
    FURNITURE = "furniture"  # page number, running header or footer: not written


# Roles that carry a detail of the objective above them.
DETAIL_ROLES = frozenset(
    {
        Role.LEAD,
        Role.PARTNERS,
        Role.INDICATOR,
        Role.TARGET,
        Role.BASELINE,
        Role.MILESTONE,
        Role.STATUS,
    }
)
# Roles whose entries are not written (their information is in the structure).
UNWRITTEN = frozenset({Role.LABEL, Role.GROUP, Role.FURNITURE})

# Where a paragraph of text goes under an objective.
DESCRIPTION, RESULTS, BODY = "description", "intended_results", "body"


@dataclass(frozen=True)
class Reason:
    """Why a line was recognised as it was: a msgid and its arguments, translated
    when shown (the preview speaks the UI language)."""

    msgid: str
    args: tuple[tuple[str, str], ...] = ()

    def text(self) -> str:
        args = {k: _(_WORDS[v]) if v in _WORDS else v for k, v in self.args}
        return _(self.msgid).format(**args)


def reason(msgid: str, **args: object) -> Reason:
    return Reason(msgid, tuple((k, str(v)) for k, v in args.items()))


@dataclass(frozen=True)
class TableData:
    """A table of the document: rows of cell texts, the first row its header."""

    rows: tuple[tuple[str, ...], ...]
    kind: str = "other"  # "budget", "staffing" or "other" (see ``tables.classify``)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass(frozen=True)
class SourceLine:
    """One paragraph of a source. ``lines`` are the source's line (or paragraph)
    numbers it was made from, 1-based; a Word paragraph brings its heading level, its
    list number as Word shows it and its list level; a source that knows a line is
    page furniture says why in ``furniture``."""

    text: str
    lines: tuple[int, ...]
    heading: int = 0
    number: str = ""
    list_level: int = -1
    bullet: bool = False
    style: str = ""
    furniture: str = ""
    table: TableData | None = None


@dataclass
class Entry:
    """One recognised paragraph. Which fields matter depends on the role:

    * CHAPTER: ``number`` ("2.1", may be empty), ``title``, ``depth`` (1 = top),
      ``kind`` (a chapter kind: mission, swot, … or free);
    * FIELD: ``code`` as printed ("1."), ``title``;
    * OBJECTIVE: ``level`` (see ``LEVELS``), ``code`` as printed ("OD 1.1."),
      ``number`` ("1.1", may be empty), ``title``, ``kind`` (project/process or ""),
      ``value`` the rest of its paragraph after the title's sentence (a description);
    * TEXT: ``text``, ``kind`` (description, intended_results or body);
    * details: ``title`` (unit, indicator, milestone text), ``period`` (year or
      quarter), ``value`` (a target's figure as printed);
    * TABLE: ``table``.
    """

    role: Role
    text: str
    lines: tuple[int, ...]
    why: Reason
    title: str = ""
    number: str = ""
    code: str = ""
    depth: int = 0
    level: str = ""
    kind: str = ""
    period: str = ""
    value: str = ""
    table: TableData | None = None
    excluded: bool = False

    def copy(self, **changes: object) -> Entry:
        return replace(self, **changes)  # type: ignore[arg-type]


# --- the assembled tree ----------------------------------------------------------------


@dataclass
class Detail:
    role: Role
    title: str
    period: str = ""
    value: str = ""
    line: int = 0


@dataclass
class ObjectiveNode:
    entry: Entry
    children: list[ObjectiveNode] = field(default_factory=list)
    texts: dict[str, list[str]] = field(default_factory=dict)  # slot -> paragraphs
    details: list[Detail] = field(default_factory=list)
    field_index: int | None = None  # the policy field it stands under (strategic only)

    @property
    def level(self) -> str:
        return self.entry.level

    def text_of(self, slot: str) -> str:
        return "\n".join(self.texts.get(slot, []))


@dataclass
class ChapterNode:
    entry: Entry | None  # None: the text before the first chapter heading
    children: list[ChapterNode] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    tables: list[TableData] = field(default_factory=list)
    holds_objectives: bool = False

    @property
    def title(self) -> str:
        return self.entry.title if self.entry else ""


@dataclass
class Tree:
    chapters: list[ChapterNode]
    fields: list[Entry]
    objectives: list[ObjectiveNode]  # the top level of the objective tree
    tables: list[tuple[ChapterNode | None, TableData]]  # budget/staffing-looking ones

    def walk(self):
        """Every objective node, depth first, with its depth (0 = top)."""
        stack = [(n, 0) for n in reversed(self.objectives)]
        while stack:
            node, depth = stack.pop()
            yield node, depth
            stack.extend((c, depth + 1) for c in reversed(node.children))

    def walk_chapters(self):
        stack = [(c, 0) for c in reversed(self.chapters)]
        while stack:
            node, depth = stack.pop()
            yield node, depth
            stack.extend((c, depth + 1) for c in reversed(node.children))


@dataclass
class Outline:
    """The recognised document: entries in order and what the source said."""

    entries: list[Entry]
    source: str = ""  # file name or "pasted text"
    line_count: int = 0  # source lines read (text) or paragraphs (Word)
    notes: list[str] = field(default_factory=list)

    def live(self) -> list[Entry]:
        return [e for e in self.entries if not e.excluded]

    def counts(self) -> Counter[str]:
        """How many entries of each role (objectives also per level), excluded left out."""
        out: Counter[str] = Counter()
        for entry in self.live():
            out[entry.role.value] += 1
            if entry.role is Role.OBJECTIVE:
                out[entry.level] += 1
        return out

    def tree(self) -> Tree:
        return assemble(self.live())


def assemble(entries: list[Entry]) -> Tree:
    """Chapters, policy fields and the objective tree from entries in document order.

    An objective's parent is the nearest objective above it of a higher level; a
    paragraph of text goes to the objective or chapter above it (under an objective,
    into the slot the last label chose); a detail goes to the objective above it, or
    is kept as text where there is none. A chapter heading ends the objectives above
    it, a policy field starts a group of strategic objectives.
    """
    top = ChapterNode(None)
    chapters: list[ChapterNode] = []
    chapter_stack: list[ChapterNode] = []
    fields: list[Entry] = []
    objectives: list[ObjectiveNode] = []
    objective_stack: list[ObjectiveNode] = []
    tables: list[tuple[ChapterNode | None, TableData]] = []
    slot = DESCRIPTION
    current_chapter: ChapterNode = top

    for entry in entries:
        role = entry.role
        if role is Role.CHAPTER:
            node = ChapterNode(entry)
            while chapter_stack and not _contains(chapter_stack[-1].entry, entry):
                chapter_stack.pop()
            (chapter_stack[-1].children if chapter_stack else chapters).append(node)
            chapter_stack.append(node)
            current_chapter = node
            objective_stack.clear()
            continue
        if role is Role.FIELD:
            fields.append(entry)
            current_chapter.holds_objectives = True
            objective_stack.clear()
            continue
        if role is Role.OBJECTIVE:
            node = ObjectiveNode(entry)
            rank = rank_of(entry.level)
            while objective_stack and rank_of(objective_stack[-1].level) >= rank:
                objective_stack.pop()
            if objective_stack:
                objective_stack[-1].children.append(node)
            else:
                objectives.append(node)
                current_chapter.holds_objectives = True
                if fields:
                    node.field_index = len(fields) - 1
            objective_stack.append(node)
            slot = DESCRIPTION
            if entry.value:  # the rest of the title's paragraph
                node.texts.setdefault(DESCRIPTION, []).append(entry.value)
            continue
        if role is Role.LABEL:
            slot = entry.kind or DESCRIPTION
            continue
        if role in (Role.GROUP, Role.FURNITURE):
            continue
        if role is Role.TABLE and entry.table is not None:
            if entry.table.kind in ("budget", "staffing"):
                tables.append(
                    (current_chapter if current_chapter is not top else None, entry.table)
                )
            else:
                current_chapter.tables.append(entry.table)
            continue
        owner = objective_stack[-1] if objective_stack else None
        if role in DETAIL_ROLES and owner is not None:
            owner.details.append(
                Detail(role, entry.title, entry.period, entry.value, entry.lines[0])
            )
            continue
        if owner is not None:
            owner.texts.setdefault(
                entry.kind if entry.kind in (DESCRIPTION, RESULTS) else slot, []
            ).append(entry.text)
        else:
            current_chapter.body.append(entry.text)
    if top.body or top.tables:
        chapters.insert(0, top)
    return Tree(chapters, fields, objectives, tables)


def _contains(parent: Entry | None, child: Entry) -> bool:
    """Whether chapter ``child`` stands under ``parent``: deeper, and numbered under
    its number when both are numbered ("5.1" is not under "4")."""
    if parent is None or parent.depth >= child.depth:
        return False
    if parent.number and child.number:
        return child.number.startswith(parent.number + ".")
    return True
