"""Numbers at the start of a line: what they say and at which depth.

A plan numbers its headings and objectives in one of a few ways: decimal paths
("2", "2.1", "3.1.4."), or one token per level in a style of its own ("1.", "a)",
"i.", "(1)", "I.", "A."), as Word's outline numbering and pasted lists show them.
``split_number`` reads the token; ``SchemeStack`` gives a token's depth the way a
reader does: a style seen before is that level again, a new style is one level
deeper. Pure functions, no Qt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_DECIMAL = re.compile(
    r"^\s*(?P<num>\d{1,3}(?:\.\d{1,3}){0,6})(?P<end>[.)])?(?:\s+|\t+)(?P<title>\S.*)$", re.DOTALL
)
_TOKEN = re.compile(
    r"^\s*(?P<open>\()?(?P<tok>[ivxlcdm]{1,6}|[IVXLCDM]{1,6}|[a-z]|[A-Z]|\d{1,3})"
    r"(?P<end>[.)])(?:\s+|\t+)(?P<title>\S.*)$",
    re.DOTALL,
)
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


@dataclass(frozen=True)
class Number:
    """A number read from a line: ``printed`` as it stands ("1.1.", "a)"), its
    ``style`` (decimal, alpha, ALPHA, roman, ROMAN with its punctuation), ``path`` for
    decimal numbers ((1, 1)) or ``value`` of a single token, and the ``title`` after it."""

    printed: str
    style: str
    path: tuple[int, ...]
    value: int
    title: str

    @property
    def text(self) -> str:
        """The number without its closing punctuation: "1.1", "a", "iv"."""
        return ".".join(map(str, self.path)) if self.path else self.printed.strip("().")


def roman_value(text: str) -> int | None:
    values = [_ROMAN.get(c) for c in text.lower()]
    if not values or None in values:
        return None
    total = 0
    for i, v in enumerate(values):
        nxt = values[i + 1] if i + 1 < len(values) else 0
        total += -v if v < nxt else v  # type: ignore[operator]
    return total if total > 0 else None


def split_number(text: str, *, tokens: bool = True) -> Number | None:
    """The number a line starts with, or None. Multi-part decimal numbers need no
    closing dot ("2.1 Missie"); a lone number is one ("2 Missie", "2. Missie")."""
    m = _DECIMAL.match(text)
    if m:
        num = m.group("num")
        end = m.group("end") or ""
        path = tuple(int(p) for p in num.split("."))
        style = "decimal" + (")" if end == ")" else "")
        return Number(num + end, style, path, path[-1], m.group("title").strip())
    if not tokens:
        return None
    m = _TOKEN.match(text)
    if not m:
        return None
    tok, end = m.group("tok"), m.group("end")
    opened = "(" if m.group("open") else ""
    if opened and end != ")":
        return None
    if tok.isdigit():
        return None  # a lone number is decimal, read above ("1)" only with a title)
    printed = f"{opened}{tok}{end}"
    if len(tok) == 1 and tok.lower() not in "ivx":
        style = ("alpha" if tok.islower() else "ALPHA") + opened + end
        value = ord(tok.lower()) - ord("a") + 1
    else:
        roman = roman_value(tok)
        if roman is None:
            return None
        style = ("roman" if tok.islower() else "ROMAN") + opened + end
        value = roman
    return Number(printed, style, (), value, m.group("title").strip())


@dataclass
class SchemeStack:
    """The numbering styles seen, outermost first, with the last value of each.

    A decimal path's depth is its length (and it resets the single-token styles under
    it); a single token's depth is its style's place in the stack, a new style going
    one deeper than the last. An "i." right after "h." is the letter i, not one."""

    styles: list[str] = field(default_factory=list)
    last: dict[str, int] = field(default_factory=dict)
    decimal_depth: int = 0

    def depth_of(self, number: Number) -> int:
        single = len(number.path) == 1 and self.styles and self.styles[0] != "decimal"
        if single:  # "1." under "I." and "A.": a style of its own, not a path
            number = Number(number.printed, "token-" + number.style, (), number.value, number.title)
        elif number.path:
            depth = len(number.path)
            if not self.styles or self.styles[0] != "decimal":
                self.styles = ["decimal"]
            self.decimal_depth = depth
            self.last = {"decimal": number.value}
            return depth
        style = number.style
        token = number.printed.strip("().")
        if style[:5].lower() == "roman" and len(token) == 1:
            # "i", "v", "x" right after "h", "u", "w" are letters, not roman numerals
            alpha = ("alpha" if token.islower() else "ALPHA") + style[5:]
            letter = ord(token.lower()) - ord("a") + 1
            if alpha in self.styles and self.last.get(alpha) == letter - 1:
                style = alpha
                number = Number(number.printed, alpha, (), letter, number.title)
        if style in self.styles:
            index = self.styles.index(style)
            del self.styles[index + 1 :]
        else:
            self.styles.append(style)
            index = len(self.styles) - 1
        self.last[style] = number.value
        base = self.decimal_depth - 1 if self.styles and self.styles[0] == "decimal" else 0
        return base + index + 1
