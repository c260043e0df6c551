"""Objective codes: a plan's code patterns, codes as printed, and the next free code.

An objective stores its code (``Objective.code``): the number path its level's pattern
puts words around ("3.1" prints "SD 3.1"), or, with ``code_literal``, a code typed by
hand that prints exactly as typed ("Globale strategie 3", "Axe 2"). Codes are
references once a plan has been printed or sent, so nothing derives them from
positions any more: a new objective gets the next free number of its level under its
parent, moves keep every code, and only an explicit renumbering changes them.

Two objectives may not print alike in any of the plan's languages, prefix included
("SD 1" and "OD 1" are different codes; two "SD 1"s are not). Pure rules, no session.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from planner_app.domain.enums import ObjectiveLevel
from planner_app.domain.levels import LEVELS, LevelSpec, preset_levels

MAX_CODE = 64  # characters of a stored code
_TOKENS = re.compile(r"\{(\w*)\}")


class PatternError(ValueError):
    """A code pattern that cannot number objectives; the message says why."""


@dataclass(frozen=True)
class CodePattern:
    """A level's code pattern in one language: words, a number part, words."""

    prefix: str
    number: str  # "{n}" or "{parent}.{n}" (any separator)
    suffix: str

    @staticmethod
    @cache
    def parse(text: str) -> CodePattern:
        """``"OO {parent}.{n}"`` -> prefix ``"OO "``, number ``"{parent}.{n}"``."""
        tokens = _TOKENS.findall(text)
        unknown = [t for t in tokens if t not in ("n", "parent")]
        if unknown:
            raise PatternError(f"{{{unknown[0]}}}")
        if tokens.count("n") != 1 or tokens.count("parent") > 1:
            raise PatternError("{n}")
        if "parent" in tokens and tokens.index("parent") > tokens.index("n"):
            raise PatternError("{parent}")
        first, last = text.index("{"), text.rindex("}") + 1
        if any(c in "{}" for c in text[:first] + text[last:]):
            raise PatternError("{}")
        return CodePattern(text[:first], text[first:last], text[last:])

    @property
    def uses_parent(self) -> bool:
        return "{parent}" in self.number

    def printed(self, code: str) -> str:
        return f"{self.prefix}{code}{self.suffix}"

    def make(self, parent: str, n: int) -> str:
        """The number path of child ``n`` of a parent numbered ``parent``."""
        if not self.uses_parent or not parent:
            return str(n)
        return self.number.replace("{parent}", parent).replace("{n}", str(n))

    def own_number(self, code: str, parent: str) -> int | None:
        """``n`` when ``code`` is ``make(parent, n)``, else None."""
        match = _number_regex(self.number if self.uses_parent and parent else "{n}", parent)
        found = match.fullmatch(code)
        return int(found.group(1)) if found else None

    def strip(self, typed: str) -> str | None:
        """The number part of a code typed with this pattern's words, else None."""
        prefix, suffix = " ".join(self.prefix.split()), " ".join(self.suffix.split())
        text = typed
        if prefix:
            if not text.casefold().startswith(prefix.casefold()):
                return None
            text = text[len(prefix) :]
        if suffix:
            if not text.casefold().endswith(suffix.casefold()):
                return None
            text = text[: -len(suffix)]
        return text.strip() or None


@cache
def _number_regex(number: str, parent: str) -> re.Pattern[str]:
    parts = re.split(r"(\{n\}|\{parent\})", number)
    out = []
    for part in parts:
        if part == "{n}":
            out.append(r"(\d+)")
        elif part == "{parent}":
            out.append(re.escape(parent))
        else:
            out.append(re.escape(part))
    return re.compile("".join(out))


def tidy(typed: str) -> str:
    """A code as typed, with runs of white space made one space."""
    return " ".join((typed or "").split())


class LevelScheme:
    """A plan's levels, resolved: used or not, name and pattern per language.

    Made from the plan's ``PlanLevel`` rows (as ``LevelSpec``) and its content
    languages, main first. A level or language the rows do not give falls back to the
    plan's main language, then to the standard preset: every level always prints. A
    language the plan does not have prints as its main language (names and codes are
    the plan's content). Plain values only; safe to keep and to share between threads.
    """

    def __init__(self, rows: Mapping[ObjectiveLevel, LevelSpec], languages: Sequence[str]) -> None:
        self.languages = tuple(languages) or ("nl",)
        self.main = self.languages[0]
        self._rows = dict(rows)
        self._default = preset_levels()
        self._patterns: dict[tuple[ObjectiveLevel, str], CodePattern] = {}

    def spec(self, level: ObjectiveLevel) -> LevelSpec:
        return self._rows.get(level) or self._default[level]

    def used(self, level: ObjectiveLevel) -> bool:
        """Whether the plan uses the level (strategic always)."""
        return level is ObjectiveLevel.STRATEGIC or self.spec(level).used

    def used_levels(self) -> list[ObjectiveLevel]:
        return [level for level in LEVELS if self.used(level)]

    def _text(self, level: ObjectiveLevel, field: str, lang: str | None) -> str:
        # Names and codes are the plan's content: a language it does not have (a
        # document asked in French of a Dutch plan) prints its main language's.
        lang = lang if lang in self.languages else self.main
        own = getattr(self.spec(level), field)
        default = getattr(self._default[level], field)
        for value in (own.get(lang), own.get(self.main), default.get(lang), default["en"]):
            if value:
                return value
        return ""

    def name(self, level: ObjectiveLevel, lang: str | None = None) -> str:
        """The level's name in ``lang`` (default: the plan's main language)."""
        return self._text(level, "name", lang)

    def pattern(self, level: ObjectiveLevel, lang: str | None = None) -> CodePattern:
        key = (level, lang or self.main)
        found = self._patterns.get(key)
        if found is None:
            try:
                found = CodePattern.parse(self._text(level, "pattern", lang))
            except PatternError:  # a damaged row: print as the standard preset would
                found = CodePattern.parse(self._default[level].pattern.get(key[1], "{n}"))
            self._patterns[key] = found
        return found

    def printed(
        self, level: ObjectiveLevel, code: str, literal: bool = False, lang: str | None = None
    ) -> str:
        """The code as printed in ``lang``: "SD 3.1", "1.2.3", or a literal as typed."""
        if literal or not code:
            return code
        return self.pattern(level, lang).printed(code)

    def keys(self, level: ObjectiveLevel, code: str, literal: bool = False) -> set[str]:
        """What must be unique: the printed code in each of the plan's languages,
        compared without case or extra spaces."""
        return {
            tidy(self.printed(level, code, literal, lang)).casefold() for lang in self.languages
        }

    def read_typed(self, level: ObjectiveLevel, typed: str) -> tuple[str, bool]:
        """(code, literal) of a code typed by hand: "SD 3.1" or "3.1" on a level printed
        "SD {n}" store "3.1"; "Globale strategie 3" is kept as typed (literal)."""
        text = tidy(typed)
        if not text:
            return "", False
        spec = self.spec(level)
        others = (lang for lang in spec.pattern if lang not in self.languages)
        for lang in (*self.languages, *others):
            if lang in self.languages:
                pattern = self.pattern(level, lang)
            else:
                try:
                    pattern = CodePattern.parse(spec.pattern[lang])
                except PatternError:
                    continue
            number = pattern.strip(text)
            if number is not None and " " not in number:
                return number, False
        if " " not in text:
            return text, False
        return text, True

    def child_level(self, level: ObjectiveLevel | None) -> ObjectiveLevel | None:
        """The first used level below ``level`` (None: the top), or None."""
        if level is None:
            return ObjectiveLevel.STRATEGIC
        below = [lv for lv in self.used_levels() if lv.rank > level.rank]
        return below[0] if below else None


def next_code(
    scheme: LevelScheme,
    level: ObjectiveLevel,
    parent_code: str,
    sibling_codes: Iterable[str],
    taken: set[str],
) -> str:
    """The next free number of ``level`` under a parent numbered ``parent_code``: one
    more than the highest its siblings' codes carry, skipping any code that would
    print like one already ``taken`` (keys, see ``LevelScheme.keys``)."""
    pattern = scheme.pattern(level)
    numbers = (pattern.own_number(code, parent_code) for code in sibling_codes)
    n = max((x for x in numbers if x is not None), default=0) + 1
    while scheme.keys(level, pattern.make(parent_code, n)) & taken:
        n += 1
    return pattern.make(parent_code, n)
