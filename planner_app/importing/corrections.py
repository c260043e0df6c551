"""The user's corrections of a recognised outline, before anything is written.

The preview (``ui/files/outline_preview``) shows every entry of an ``Outline`` with
what it was recognised as; here are the changes it offers, as pure functions from a
list of entries to a new list (the old one is kept, so the preview's own undo is a
list of lists):

* ``set_kind``: a line becomes a chapter, a policy field, an objective of a level, or
  text (its number and title read from its text as the recogniser would);
* ``shift``: one level up or down (an objective's level, a chapter's depth);
* ``set_excluded``: leave a line out, with everything under it (a chapter's text and
  sub-chapters, an objective's texts and the objectives under it), or take it back;
* ``merge``: lines run together into the first one (a title broken over two lines);
* ``split``: a paragraph cut after its first sentence (or first line), the rest text.

Every changed entry says why it is what it is now (``CORRECTED``). ``rows`` gives
what the preview shows of each entry. Qt-free, no session.
"""

from __future__ import annotations

from dataclasses import dataclass

from planner_app.i18n import N_, _
from planner_app.importing.model import LEVELS, Entry, Role, rank_of, reason
from planner_app.importing.numbering import split_number
from planner_app.importing.recognise import first_sentence
from planner_app.importing.vocabulary import CHAPTER_KINDS

CORRECTED = N_("set in the preview")
STRUCTURE = frozenset({Role.CHAPTER, Role.FIELD, Role.OBJECTIVE})
# The kinds a line can be given in the preview: (role, level).
KINDS: tuple[tuple[Role, str], ...] = (
    (Role.CHAPTER, ""),
    (Role.FIELD, ""),
    (Role.OBJECTIVE, "strategic"),
    (Role.OBJECTIVE, "operational"),
    (Role.OBJECTIVE, "initiative"),
    (Role.TEXT, ""),
)
KIND_NAMES = {
    (Role.CHAPTER, ""): N_("Chapter"),
    (Role.FIELD, ""): N_("Policy field"),
    (Role.OBJECTIVE, "strategic"): N_("Strategic objective"),
    (Role.OBJECTIVE, "operational"): N_("Operational objective"),
    (Role.OBJECTIVE, "initiative"): N_("Initiative"),
    (Role.OBJECTIVE, "action"): N_("Action"),
    (Role.TEXT, ""): N_("Text"),
    (Role.LEAD, ""): N_("Lead unit"),
    (Role.PARTNERS, ""): N_("Involved units"),
    (Role.INDICATOR, ""): N_("Indicator"),
    (Role.TARGET, ""): N_("Target"),
    (Role.BASELINE, ""): N_("Baseline"),
    (Role.MILESTONE, ""): N_("Milestone"),
    (Role.STATUS, ""): N_("Status"),
    (Role.LABEL, ""): N_("Label"),
    (Role.GROUP, ""): N_("Group heading"),
    (Role.TABLE, ""): N_("Table"),
    (Role.FURNITURE, ""): N_("Page furniture"),
}


class CorrectionError(ValueError):
    """A correction that cannot be made; its message is one sentence for the user."""


def kind_of(entry: Entry) -> tuple[Role, str]:
    return (entry.role, entry.level if entry.role is Role.OBJECTIVE else "")


def kind_name(entry: Entry) -> str:
    return _(KIND_NAMES.get(kind_of(entry), entry.role.value))


def _corrected(entry: Entry, **changes: object) -> Entry:
    return entry.copy(why=reason(CORRECTED), **changes)


def _other_level(entry: Entry, level: str) -> Entry:
    """An objective at another level: only an initiative keeps a kind (project,
    process), and its number as printed ("1.1.2") is not one of the new level, so it
    gets the next free code of that level when written."""
    return _corrected(
        entry,
        level=level,
        kind=entry.kind if level == "initiative" else "",
        code="" if level != entry.level else entry.code,
        number="" if level != entry.level else entry.number,
    )


def _chapter_kind(title: str) -> str:
    return next((kind for pattern, kind in CHAPTER_KINDS if pattern.search(title)), "free")


def _previous_depth(entries: list[Entry], index: int) -> int:
    for entry in reversed(entries[:index]):
        if entry.role is Role.CHAPTER and not entry.excluded:
            return entry.depth
    return 1


def set_kind(entries: list[Entry], index: int, role: Role, level: str = "") -> list[Entry]:
    """Entry ``index`` as a ``role`` (an objective of ``level``)."""
    entry = entries[index]
    if kind_of(entry) == (role, level if role is Role.OBJECTIVE else ""):
        return entries
    text = " ".join(entry.text.split())
    number = split_number(text)
    printed, num, rest = "", "", text
    if number is not None:
        printed, num, rest = number.printed, number.text, number.title
    if role is Role.OBJECTIVE and entry.role is Role.OBJECTIVE:
        new = _other_level(entry, level)
    elif role is Role.OBJECTIVE:
        if entry.role in (Role.CHAPTER, Role.FIELD) and entry.title:
            printed, num, rest = entry.code or entry.number, entry.number, entry.title
        title, more = first_sentence(rest)
        new = _corrected(
            entry,
            role=role,
            level=level,
            code=printed.rstrip(".") if printed else "",
            number=num,
            title=title,
            value=more,
            kind="",
            depth=0,
            period="",
        )
    elif role is Role.CHAPTER:
        depth = len(number.path) if number is not None and number.path else 0
        title = entry.title if entry.role in STRUCTURE and entry.title else rest
        if entry.role in STRUCTURE and entry.number:
            num = entry.number
            depth = depth or len(num.split("."))
        new = _corrected(
            entry,
            role=role,
            level="",
            code="",
            number=num if number is not None or entry.role in STRUCTURE else "",
            title=title,
            depth=depth or _previous_depth(entries, index),
            kind=_chapter_kind(title),
            value="",
            period="",
        )
    elif role is Role.FIELD:
        title = entry.title if entry.role in STRUCTURE and entry.title else rest
        new = _corrected(
            entry,
            role=role,
            level="",
            code=printed or entry.code,
            number=num or entry.number,
            title=title,
            depth=0,
            kind="",
            value="",
            period="",
        )
    elif role is Role.TEXT:
        new = _corrected(
            entry, role=role, level="", code="", number="", title="", depth=0, kind="", value=""
        )
    else:
        raise CorrectionError(
            _("A line can only be made a chapter, a field, an objective or text.")
        )
    out = list(entries)
    out[index] = new
    return out


def shift(entries: list[Entry], index: int, delta: int) -> list[Entry]:
    """Entry ``index`` one level up (``delta`` -1: toward strategic, a chapter toward
    the top) or down (+1)."""
    entry = entries[index]
    if entry.role is Role.OBJECTIVE:
        rank = rank_of(entry.level) + delta
        if not 1 <= rank <= 3:
            raise CorrectionError(
                _("A strategic objective is the highest level.")
                if rank < 1
                else _("An initiative is the lowest level.")
            )
        new = _other_level(entry, LEVELS[rank - 1])
    elif entry.role is Role.CHAPTER:
        depth = entry.depth + delta
        if depth < 1:
            raise CorrectionError(_("The chapter is at the top already."))
        new = _corrected(entry, depth=depth)
    else:
        raise CorrectionError(_("Only chapters and objectives have levels."))
    out = list(entries)
    out[index] = new
    return out


def part_end(entries: list[Entry], index: int) -> int:
    """The index after the last entry that stands under entry ``index``: its text, its
    details and, for a chapter or objective, the chapters or objectives under it."""
    entry = entries[index]
    if entry.role not in STRUCTURE:
        return index + 1
    for end in range(index + 1, len(entries)):
        other = entries[end]
        if other.role is Role.CHAPTER:
            if entry.role is not Role.CHAPTER or other.depth <= entry.depth:
                return end
        elif other.role is Role.FIELD:
            if entry.role is not Role.CHAPTER:
                return end
        elif (
            other.role is Role.OBJECTIVE
            and entry.role is not Role.CHAPTER
            and (entry.role is Role.FIELD or rank_of(other.level) <= rank_of(entry.level))
        ):
            return end
    return len(entries)


def set_excluded(entries: list[Entry], indexes: list[int], excluded: bool) -> list[Entry]:
    """Leave the entries at ``indexes`` out (with what stands under each), or back in."""
    out = list(entries)
    for index in indexes:
        for i in range(index, part_end(entries, index)):
            if out[i].excluded != excluded:
                out[i] = out[i].copy(excluded=excluded)
    return out


def merge(entries: list[Entry], first: int, last: int) -> list[Entry]:
    """Entries ``first``…``last`` run together into ``first`` (its kind kept): a title
    broken over lines becomes one, a paragraph cut by a page break one again."""
    if last <= first:
        raise CorrectionError(_("Choose the line to merge into the line above it."))
    group = entries[first : last + 1]
    if any(e.table is not None for e in group):
        raise CorrectionError(_("A table cannot be merged with other lines."))
    head = group[0]
    more = " ".join(" ".join(e.text.split()) for e in group[1:])
    lines = tuple(n for e in group for n in e.lines)
    text = f"{head.text.rstrip()} {more}".strip()
    if head.role in STRUCTURE:
        title = f"{head.title} {more}".strip() if head.title else ""
        new = _corrected(head, text=text, lines=lines, title=title)
    else:
        new = _corrected(head, text=text, lines=lines)
    return [*entries[:first], new, *entries[last + 1 :]]


def split(entries: list[Entry], index: int) -> list[Entry]:
    """Entry ``index`` cut in two: its first line (or sentence) keeps its kind, the rest
    becomes a paragraph of text after it."""
    entry = entries[index]
    if entry.table is not None:
        raise CorrectionError(_("A table cannot be split."))
    text = entry.text.strip()
    if "\n" in text:
        head, rest = (part.strip() for part in text.split("\n", 1))
    else:
        head, rest = first_sentence(" ".join(text.split()))
    if not rest:
        raise CorrectionError(_("The line is one sentence; there is nothing to split."))
    first_lines = entry.lines[:1]
    rest_lines = entry.lines[1:] or entry.lines[-1:]
    changes: dict[str, object] = {"text": head, "lines": first_lines}
    if entry.role in STRUCTURE and entry.title:
        title = entry.title
        if entry.title.endswith(rest) and len(entry.title) > len(rest):
            title = entry.title[: -len(rest)].strip()
        elif rest in entry.title:
            title = entry.title.split(rest, 1)[0].strip() or entry.title
        changes["title"] = title
        if entry.role is Role.OBJECTIVE and entry.value:
            changes["value"] = ""
            rest = f"{rest} {entry.value}".strip() if rest not in entry.value else entry.value
    new = _corrected(entry, **changes)
    tail = Entry(Role.TEXT, rest, rest_lines, reason(CORRECTED))
    return [*entries[:index], new, tail, *entries[index + 1 :]]


# --- what the preview shows --------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One entry as the preview shows it: its line, kind, code, text and why, and how
    far it is indented (chapters by depth, objectives by level, text under them)."""

    line: int
    kind: str
    code: str
    text: str
    why: str
    indent: int
    structure: bool
    excluded: bool


def rows(entries: list[Entry]) -> list[Row]:
    out: list[Row] = []
    chapter_depth, objective_rank = 0, 0
    for entry in entries:
        if entry.role is Role.CHAPTER:
            chapter_depth, objective_rank = entry.depth, 0
            indent = entry.depth - 1
        elif entry.role is Role.FIELD:
            objective_rank = 0
            indent = chapter_depth
        elif entry.role is Role.OBJECTIVE:
            objective_rank = rank_of(entry.level)
            indent = chapter_depth + objective_rank - 1
        else:
            indent = chapter_depth + objective_rank
        shown = entry.title if entry.role in STRUCTURE and entry.title else entry.text
        if entry.table is not None:
            shown = " | ".join(entry.table.rows[0]) if entry.table.rows else ""
        out.append(
            Row(
                line=entry.lines[0] if entry.lines else 0,
                kind=kind_name(entry),
                code=entry.code or entry.number if entry.role in STRUCTURE else "",
                text=" ".join(shown.split()),
                why=entry.why.text(),
                indent=max(indent, 0),
                structure=entry.role in STRUCTURE,
                excluded=entry.excluded,
            )
        )
    return out
