"""The recogniser: paragraphs of a plan document in, an outline of entries out.

Each paragraph is read once, in order, with a little state (the last chapter number,
whether the objectives part has begun, the open objectives, a level announced by the
text before a list) and a look at the paragraph after it. What decides, first match
wins:

1. page furniture (said by the source, or a page number alone on a line);
2. under an objective: a label ("Omschrijving", "Beoogde resultaten") that says
   where the text after it goes;
3. a level's word and number ("SD 1", "Objectif opérationnel 1.2", "PRJ 1.1.3");
4. under an objective: a group heading ("PROJECTEN"), a detail ("Trekker:",
   "Indicator:", "Streefwaarde 2026:", "Q2:", "Status:") when it is unambiguous, an
   item marked "»";
5. a number: a policy field when a strategic objective follows, an objective by its
   depth in the objectives part (or in a pasted outline), a chapter when the number
   follows the chapters before it ("1.2" after "1.1", "5.1" after "4"; a footnote
   "1 De gedetailleerde…" after 2.1 does not) and its title reads like one;
6. a Word heading style: a chapter of that depth;
7. a line in capitals: an objective when a label follows it (004's initiatives), else
   a chapter;
8. anything else is text, kept where it stands: never dropped.

Every entry says why it is what it is (``Entry.why``). Pure, no Qt, no session.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planner_app.i18n import N_
from planner_app.importing import recognise_rules as rules
from planner_app.importing import vocabulary as vocab
from planner_app.importing.model import (
    LEVELS,
    Entry,
    Role,
    SourceLine,
    rank_of,
    reason,
)
from planner_app.importing.numbering import Number, SchemeStack, split_number
from planner_app.importing.paragraphs import is_caps, level_word, paragraphs
from planner_app.importing.recognise_rules import first_sentence

_PAGE_NUMBER = re.compile(
    r"^\s*(?:-\s*)?\d{1,4}(?:\s*-)?\s*$|^\s*(?i:page|pagina|p\.)\s*\d+(?:\s*/\s*\d+)?\s*$"
)
_SEVERAL = re.compile(r"[,;/]|\s(?:en|et|and|und|&)\s")
_FIGURE = re.compile(
    r"^(?P<num>[<>≥≤~±]?\s*-?\d[\d.,\s\u202f\u00a0]*)\s*(?P<unit>%|‰|[^\d\s].{0,20})?$"
)


@dataclass
class _State:
    chapter: tuple[int, ...] | None = None  # the last numbered chapter
    offset: int = 0  # depth of an unnumbered chapter the numbered ones stand under
    depth: int = 0  # depth of the last chapter
    zone: bool = False  # inside the objectives part
    zone_depth: int = 0  # the depth of the chapter that holds it
    stack: list[str] = field(default_factory=list)  # levels of the open objectives
    anchor: str = ""  # level of the last objective found by its word or number
    anchor_number: str = ""  # its number ("1.1")
    announced: str = ""  # level announced by the text ("volgende werven")
    under_anchor: bool = False  # the last objective opened is the anchor itself
    bullets: str = ""  # the kind of the bulleted items an announcement introduced
    group_kind: str = ""  # project / process from a group heading
    indicators: int = 0  # indicators of the current objective
    schemes: SchemeStack = field(default_factory=SchemeStack)


def recognise(
    lines: list[SourceLine],
    *,
    vocabulary: vocab.Vocabulary | None = None,
    reflow: bool = False,
    objectives_only: bool = False,
    base_level: str = "",
) -> list[Entry]:
    """The entries of ``lines``. ``reflow``: the lines are a text's raw lines, to be
    joined into paragraphs first. ``objectives_only``: a pasted outline, whose
    numbered and bulleted items are objectives, one level below ``base_level`` ("":
    strategic at the top)."""
    words = vocabulary or vocab.Vocabulary.standard()
    paras = paragraphs(lines, words) if reflow else [p for p in lines if p.text.strip() or p.table]
    return _Recogniser(paras, words, objectives_only, base_level).run()


class _Recogniser:
    def __init__(
        self, paras: list[SourceLine], words: vocab.Vocabulary, paste: bool, base_level: str
    ) -> None:
        self.paras = paras
        self.words = words
        self.paste = paste
        self.base = rank_of(base_level) if base_level else 0
        self.state = _State(zone=paste)
        if paste:
            self.state.anchor = base_level
            self.state.stack = [base_level] if base_level else []

    def run(self) -> list[Entry]:
        out: list[Entry] = []
        for index, para in enumerate(self.paras):
            entry = self.classify(index, para)
            self.after(entry)
            out.append(entry)
        return out

    # --- helpers ------------------------------------------------------------------------

    def next_text(self, index: int) -> str:
        for para in self.paras[index + 1 :]:
            if para.furniture or para.table is not None:
                continue
            if _PAGE_NUMBER.match(para.text):
                continue
            return para.text.strip()
        return ""

    def open_objective(self) -> bool:
        return bool(self.state.stack) and self.state.stack != [""]

    def child_level(self) -> str:
        """The level of an item marked (») or titled in capitals under the anchor."""
        s = self.state
        anchor_rank = rank_of(s.anchor) if s.anchor else 0
        if s.announced and rank_of(s.announced) > anchor_rank:
            return s.announced
        return LEVELS[min(anchor_rank, len(LEVELS) - 1)]

    def after(self, entry: Entry) -> None:
        """Keep the state in step with what was recognised."""
        s = self.state
        if entry.role is Role.CHAPTER:
            if entry.number:
                s.chapter = tuple(int(p) for p in entry.number.split("."))
            s.depth = entry.depth
            if s.zone and not self.paste and entry.depth <= max(s.zone_depth, 1):
                s.zone = False
            if entry.kind == "objectives" or vocab.OBJECTIVES_CHAPTER.search(entry.title):
                s.zone, s.zone_depth = True, entry.depth
            s.stack.clear()
            s.anchor = s.announced = s.group_kind = ""
        elif entry.role is Role.FIELD:
            s.stack.clear()
            s.zone = True
            s.zone_depth = s.zone_depth or s.depth
        elif entry.role is Role.OBJECTIVE:
            if not s.zone:
                s.zone, s.zone_depth = True, s.depth
            rank = rank_of(entry.level)
            while s.stack and s.stack[-1] and rank_of(s.stack[-1]) >= rank:
                s.stack.pop()
            s.stack.append(entry.level)
            s.indicators = 0
            s.under_anchor = entry.why.msgid not in (
                _MARKED,
                _CAPS,
                _BULLETED,
                _TITLED,
                _NUMBERED_UNDER,
            )
            if entry.why.msgid != _BULLETED:
                s.bullets = ""
            if s.under_anchor:
                s.anchor = entry.level
                s.anchor_number = entry.number
                s.announced = s.group_kind = ""
        elif entry.role is Role.INDICATOR:
            s.indicators += 1
        elif entry.role is Role.GROUP:
            s.group_kind = entry.kind
        elif entry.role is Role.TEXT and s.bullets and len(entry.text.split()) <= 3:
            pass  # the end of a bullet's text broken off by the page ("KBUZA")
        elif entry.role is Role.TEXT and s.zone and s.under_anchor:
            m = None if entry.text[:1] in vocab.BULLETS else vocab.ANNOUNCE.search(entry.text)
            if m and s.anchor:
                word = " ".join(m.group("word").lower().split())
                s.announced = vocab.ANNOUNCED_LEVEL.get(word, "initiative")
                s.bullets = "process" if vocab.PROCESS_WORDS.match(word) else "project"
            else:
                s.bullets = ""
        elif entry.role is Role.TEXT:
            s.bullets = ""

    # --- classification -------------------------------------------------------------------

    def classify(self, index: int, para: SourceLine) -> Entry:
        text = " ".join(para.text.split()) if para.table is None else ""
        lines = para.lines

        def make(role: Role, why, **fields) -> Entry:
            return Entry(role, text, lines, why, **fields)

        if para.furniture:
            return make(Role.FURNITURE, reason(N_("page furniture: {what}"), what=para.furniture))
        if para.table is not None:
            return Entry(
                Role.TABLE,
                "",
                lines,
                reason(_TABLE_WHY[para.table.kind], rows=len(para.table.rows)),
                table=para.table,
            )
        if not self.paste and not para.number and _PAGE_NUMBER.match(text):
            return make(Role.FURNITURE, reason(N_("page furniture: a page number alone")))
        if self.open_objective():
            for pattern, slot in vocab.LABELS:
                if pattern.match(text):
                    return make(
                        Role.LABEL,
                        reason(N_("a label: the text after it is the {slot}"), slot=_SLOT[slot]),
                        kind=slot,
                    )
        found = level_word(text, self.words)
        if found is not None:
            return self.by_word(make, found[0], found[1])
        if self.state.zone and self.state.anchor:
            group = vocab.GROUP.match(text)
            if group:
                kind = "process" if vocab.PROCESS_WORDS.match(group.group("word")) else "project"
                return make(
                    Role.GROUP,
                    reason(
                        N_("a group heading: the initiatives after it are of kind {kind}"),
                        kind=kind,
                    ),
                    kind=kind,
                )
        if self.open_objective():
            detail = self.detail(make, text)
            if detail is not None:
                return detail
            if text[:1] in vocab.ITEM_MARKERS:
                level = self.child_level()
                title, rest = first_sentence(text[1:].strip())
                return make(
                    Role.OBJECTIVE,
                    reason(_MARKED, marker=text[:1], parent=self.state.anchor or "-", level=level),
                    title=title,
                    value=rest,
                    level=level,
                    kind=self._kind(level, ""),
                )
            if self.state.bullets and (para.bullet or text[:1] in vocab.BULLETS):
                level = self.child_level()
                return make(
                    Role.OBJECTIVE,
                    reason(_BULLETED, level=level),
                    title=text.lstrip(vocab.BULLETS).strip(),
                    level=level,
                    kind=self.state.bullets if level == "initiative" else "",
                )
        number = self.number_of(para, text)
        if number is not None:
            entry = self.numbered(index, para, make, number)
            if entry is not None:
                return entry
        if para.heading:
            return make(
                Role.CHAPTER,
                reason(N_("a heading of level {n} ({style})"), n=para.heading, style=para.style),
                title=text,
                depth=para.heading,
                kind=rules.chapter_kind(text),
            )
        if self.paste and (para.bullet or text[:1] in vocab.BULLETS) and para.list_level >= 0:
            level = LEVELS[min(self.base + para.list_level, len(LEVELS) - 1)]
            return make(
                Role.OBJECTIVE,
                reason(N_("a list item at depth {n}"), n=para.list_level + 1),
                title=text.lstrip(vocab.BULLETS).strip(),
                level=level,
                kind=self._kind(level, ""),
            )
        if (
            self.state.anchor
            and self.state.zone
            and len(text.split()) <= 40
            and self.opens_table(index)
        ):
            level = self.child_level()
            return make(
                Role.OBJECTIVE,
                reason(_TITLED, parent=self.state.anchor, level=level),
                title=text,
                level=level,
                kind=self._kind(level, ""),
            )
        if is_caps(text) and len(text.split()) <= 40:
            if self.state.anchor and rules.is_label(self.next_text(index)):
                level = self.child_level()
                return make(
                    Role.OBJECTIVE,
                    reason(_CAPS, parent=self.state.anchor, level=level),
                    title=text,
                    level=level,
                    kind=self._kind(level, ""),
                )
            if (
                not self.paste
                and rules.heading_like(text)
                and len(para.lines) == 1
                and not (self.open_objective() and self.objectives_go_on(index))
            ):
                return make(
                    Role.CHAPTER,
                    reason(N_("a short line in capitals on its own: an unnumbered chapter")),
                    title=text,
                    depth=1,
                    kind=rules.chapter_kind(text),
                )
        return make(Role.TEXT, reason(N_("text")))

    def opens_table(self, index: int) -> bool:
        """Whether two labels follow (004's "Algemene Informatie", "Omschrijving"):
        the head of an objective's table, whose title this is."""
        following = []
        for para in self.paras[index + 1 : index + 6]:
            text = para.text.strip()
            if para.furniture or not text or _PAGE_NUMBER.match(text):
                continue
            following.append(text)
            if len(following) == 2:
                break
        return len(following) == 2 and all(rules.label_slot(t) == "description" for t in following)

    def objectives_go_on(self, index: int) -> bool:
        """Whether the objectives go on after a line in capitals inside one: the next
        line in capitals is an objective's title (a label follows it) or a level's
        word comes first. Then this line heads part of the objective's text
        ("MEERJARIG 2025-2029"), else it is the next chapter ("PERSONEELSPLAN")."""
        for j in range(index + 1, min(len(self.paras), index + 400)):
            para = self.paras[j]
            text = para.text.strip()
            if para.furniture or para.table is not None or not text:
                continue
            if level_word(text, self.words) is not None:
                return True
            if is_caps(text):
                return rules.is_label(self.next_text(j))
        return False

    def by_word(self, make, level: str, m: re.Match[str]) -> Entry:
        word = " ".join(m.group("word").split())
        number = (m.group("number") or "").replace("-", ".")
        code = " ".join(m.group(0)[: m.start("title")].split()).rstrip(":-–— ")
        title = m.group("title").strip()
        return make(
            Role.OBJECTIVE,
            reason(
                N_("starts with '{word}' and a number: a {level} objective"), word=word, level=level
            ),
            title=title,
            code=code,
            number=number.rstrip("."),
            level=level,
            kind=self._kind(level, word),
        )

    def _kind(self, level: str, word: str) -> str:
        if level != "initiative":
            return ""
        if word and vocab.PROCESS_WORDS.match(word):
            return "process"
        return self.state.group_kind or "project"

    def number_of(self, para: SourceLine, text: str) -> Number | None:
        if para.number:
            number = split_number(f"{para.number} {text}")
            if number is not None:
                return number
        tokens = self.paste or para.list_level >= 0
        return split_number(text, tokens=tokens)

    def numbered(self, index: int, para: SourceLine, make, number: Number) -> Entry | None:
        s = self.state
        title = number.title
        nxt = level_word(self.next_text(index), self.words)
        if (
            not self.paste
            and not para.heading
            and nxt is not None
            and nxt[0] == "strategic"
            and len(number.path) == 1
            and (is_caps(title) or len(title.split()) <= 6)
            and not (
                vocab.OBJECTIVES_CHAPTER.search(title) and rules.follows(s.chapter, number.path)
            )
        ):
            return make(
                Role.FIELD,
                reason(N_("numbered, with a strategic objective right after it: a policy field")),
                code=number.printed,
                number=number.text,
                title=title,
            )
        list_item = para.list_level >= 0 and not para.heading
        under = bool(
            s.zone
            and s.anchor_number
            and number.path
            and number.text.startswith(s.anchor_number + ".")
        )
        if under and not self.paste and not list_item:
            level = LEVELS[min(rank_of(s.anchor), len(LEVELS) - 1)]
            return make(
                Role.OBJECTIVE,
                reason(_NUMBERED_UNDER, number=number.text, parent=s.anchor_number, level=level),
                title=title,
                code=number.text,
                number=number.text,
                level=level,
                kind=self._kind(level, ""),
            )
        if self.paste or (s.zone and list_item):
            depth = s.schemes.depth_of(number)
            if para.list_level >= 0 and len(number.path) <= 1:
                depth = max(depth, para.list_level + 1)
            level = LEVELS[min(self.base + depth, len(LEVELS)) - 1]
            return make(
                Role.OBJECTIVE,
                reason(
                    N_("numbered {number} at depth {n}: a {level} objective"),
                    number=number.printed,
                    n=depth,
                    level=level,
                ),
                title=title,
                code=number.printed.rstrip(".") if number.path else number.printed,
                number=number.text if number.path else "",
                level=level,
                kind=self._kind(level, ""),
            )
        if not number.path:
            return None
        if para.heading:
            return make(
                Role.CHAPTER,
                reason(
                    N_("a heading of level {n} numbered {number}"),
                    n=para.heading,
                    number=number.text,
                ),
                title=title,
                number=number.text,
                depth=para.heading,
                kind=rules.chapter_kind(title),
            )
        fits = rules.follows(s.chapter, number.path)
        if not fits:
            if s.chapter is not None and not (s.zone and s.stack):
                return None  # out of sequence: a footnote, a list item, a figure
            if s.chapter is not None or not all(p == 1 for p in number.path[:-1]):
                return None
        if not rules.title_ok(title):
            return None
        offset = s.offset if s.chapter is not None or s.depth == 0 else s.depth
        if s.chapter is None:
            s.offset = offset
        return make(
            Role.CHAPTER,
            reason(
                N_("numbered {number} after {before}: a chapter")
                if s.chapter
                else N_("numbered {number}, the first number: a chapter"),
                number=number.text,
                before=".".join(map(str, s.chapter or ())),
            ),
            title=title,
            number=number.text,
            depth=len(number.path) + offset,
            kind=rules.chapter_kind(title),
        )

    def detail(self, make, text: str) -> Entry | None:
        if text[:1].islower():
            return None  # "partners: de gouverneurs…" runs on from the line before
        m = vocab.LEAD.match(text)
        if m:
            value = m.group("value")
            if len(value) > 80 or len(value.split()) > 10:
                return make(Role.TEXT, reason(N_("a sentence, not a unit's name: kept as text")))
            if _SEVERAL.search(value):
                return make(Role.TEXT, reason(N_("names several lead units: kept as text")))
            return make(
                Role.LEAD,
                reason(N_("'{word}': the lead unit"), word=rules.word_of(text)),
                title=value,
            )
        m = vocab.PARTNERS.match(text)
        if m and len(m.group("value")) > 200:
            return make(Role.TEXT, reason(N_("a sentence, not a list of units: kept as text")))
        if m:
            return make(
                Role.PARTNERS,
                reason(N_("'{word}': the involved units"), word=rules.word_of(text)),
                title=m.group("value"),
            )
        m = vocab.INDICATOR.match(text)
        if m:
            return make(
                Role.INDICATOR,
                reason(N_("'{word}': an indicator"), word=rules.word_of(text)),
                title=m.group("value"),
            )
        for pattern, role, what in (
            (vocab.TARGET, Role.TARGET, N_("a target")),
            (vocab.BASELINE, Role.BASELINE, N_("a baseline")),
        ):
            m = pattern.match(text)
            if m is None:
                continue
            figure = _FIGURE.match(m.group("value"))
            if not m.group("year") or figure is None or not rules.is_number(figure.group("num")):
                return make(
                    Role.TEXT,
                    reason(N_("{what} without a year or a figure: kept as text"), what=what),
                )
            if not self.state.indicators:
                return make(
                    Role.TEXT,
                    reason(N_("{what} with no indicator above it: kept as text"), what=what),
                )
            return make(
                role,
                reason(
                    N_("{what} of the indicator above it, for {year}"),
                    what=what,
                    year=m.group("year"),
                ),
                period=m.group("year"),
                value=figure.group("num").strip(),
                title=(figure.group("unit") or "").strip(),
            )
        m = vocab.STATUS.match(text)
        if m:
            for pattern, status in vocab.STATUS_WORDS:
                if pattern.search(m.group("value")):
                    return make(
                        Role.STATUS, reason(N_("a status: {status}"), status=status), value=status
                    )
            return make(Role.TEXT, reason(N_("a status the app does not know: kept as text")))
        m = vocab.MILESTONE.match(text)
        if m:
            return make(
                Role.MILESTONE,
                reason(
                    N_("starts with a period ({period}): a milestone"), period=m.group("period")
                ),
                period=" ".join(m.group("period").split()),
                title=m.group("value"),
            )
        return None


_MARKED = N_("marked '{marker}' under a {parent} objective: a {level} objective")
_CAPS = N_("in capitals with a label after it, under a {parent} objective: a {level} objective")
_NUMBERED_UNDER = N_("numbered {number} under {parent}: a {level} objective")
_TITLED = N_("two labels after it, under a {parent} objective: a {level} objective")
_BULLETED = N_("a bullet under a text that announces them: a {level} objective")
_SLOT = {
    "description": N_("description"),
    "intended_results": N_("intended results"),
}
_TABLE_WHY = {
    "budget": N_("a table of {rows} rows that looks like a budget table"),
    "staffing": N_("a table of {rows} rows that looks like a staffing table"),
    "other": N_("a table of {rows} rows, kept in its chapter"),
}
