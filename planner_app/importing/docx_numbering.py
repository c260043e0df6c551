"""Word's list numbering, worked out as Word shows it ("1.", "1.1.", "a)", "iv.").

A numbered paragraph stores no number, only a list (``numId``) and a level
(``ilvl``), on itself or through its style; ``numbering.xml`` says per level the
format (decimal, letter, roman, bullet), the text around it (``%1.%2.``) and where it
starts. ``Numbering.number`` counts the paragraphs as they come, as Word does: a level
counts on within its list and starts again under a new item of the level above.
Qt-free; reads the lxml elements python-docx gives.
"""

from __future__ import annotations

from dataclasses import dataclass, field

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class Level:
    fmt: str  # decimal, lowerLetter, upperLetter, lowerRoman, upperRoman, bullet, none
    text: str  # "%1.%2."
    start: int


@dataclass
class Numbering:
    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)
    nums: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    starts: dict[tuple[str, int], int] = field(default_factory=dict)  # (numId, ilvl) override
    counters: dict[str, list[int]] = field(default_factory=dict)  # abstractNumId -> counts
    seen: set[str] = field(default_factory=set)

    @staticmethod
    def read(element) -> Numbering:
        """From the ``w:numbering`` element (None: a document without lists)."""
        out = Numbering()
        if element is None:
            return out
        for abstract in element.iter(f"{W}abstractNum"):
            levels: dict[int, Level] = {}
            for lvl in abstract.iter(f"{W}lvl"):
                ilvl = int(lvl.get(f"{W}ilvl", "0"))
                levels[ilvl] = Level(
                    _val(lvl, "numFmt") or "decimal",
                    _val(lvl, "lvlText") if _val(lvl, "lvlText") is not None else f"%{ilvl + 1}.",
                    int(_val(lvl, "start") or 1),
                )
            out.abstract[abstract.get(f"{W}abstractNumId", "")] = levels
        for num in element.iter(f"{W}num"):
            num_id = num.get(f"{W}numId", "")
            ref = num.find(f"{W}abstractNumId")
            if ref is not None:
                out.nums[num_id] = ref.get(f"{W}val", "")
            for override in num.iter(f"{W}lvlOverride"):
                start = override.find(f"{W}startOverride")
                if start is not None:
                    out.starts[(num_id, int(override.get(f"{W}ilvl", "0")))] = int(
                        start.get(f"{W}val", "1")
                    )
        return out

    def level(self, num_id: str, ilvl: int) -> Level | None:
        return self.abstract.get(self.nums.get(num_id, ""), {}).get(ilvl)

    def number(self, num_id: str, ilvl: int) -> tuple[str, bool]:
        """The number Word shows for the next paragraph of list ``num_id`` at level
        ``ilvl`` ("" for none), and whether it is a bullet."""
        abstract_id = self.nums.get(num_id)
        levels = self.abstract.get(abstract_id or "", {})
        level = levels.get(ilvl)
        if abstract_id is None or level is None:
            return "", False
        if level.fmt == "bullet":
            return "", True
        counts = self.counters.setdefault(abstract_id, [0] * 9)
        if num_id not in self.seen:
            self.seen.add(num_id)
            for (nid, lvl), start in self.starts.items():
                if nid == num_id and lvl < 9:
                    counts[lvl] = start - 1
        for i in range(9):
            lv = levels.get(i)
            if i < ilvl and counts[i] == 0 and lv is not None:
                counts[i] = lv.start  # a deeper item before any at this level
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else level.start
        for i in range(ilvl + 1, 9):
            counts[i] = 0
        text = level.text
        for i in range(ilvl + 1):
            lv = levels.get(i)
            text = text.replace(f"%{i + 1}", _format(counts[i], lv.fmt if lv else "decimal"))
        return ("" if level.fmt == "none" else text.strip()), False


def _val(element, tag: str) -> str | None:
    child = element.find(f"{W}{tag}")
    return None if child is None else child.get(f"{W}val")


def _format(n: int, fmt: str) -> str:
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    return str(n)


def _letters(n: int) -> str:
    n = max(n, 1)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    out = ""
    for value, digits in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while n >= value:
            out, n = out + digits, n - value
    return out
