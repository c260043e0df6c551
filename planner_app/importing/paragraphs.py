"""Raw lines of a text (or a PDF's text layer) joined into paragraphs.

Text out of a PDF breaks paragraphs at the page's width: a heading's title may run on
("3 Strategie voor" / "de legislatuur"), and a heading may stand right above its text
with no blank line between. A paragraph ends at a blank line, and before a line that
starts something of its own (a numbered heading, "SD 1", a label, a bullet, "Q2:",
"Trekker:"), or where the text turns from capitals to lower case or back (004's
titles are set in capitals). A numbered heading takes at most a short line after it
as the rest of its title. Qt-free.
"""

from __future__ import annotations

import re

from planner_app.importing import vocabulary as vocab
from planner_app.importing.model import SourceLine
from planner_app.importing.numbering import split_number

_BULLET = re.compile(r"^\s*[" + re.escape(vocab.BULLETS + vocab.ITEM_MARKERS) + r"]\s")
_DETAILS = (vocab.LEAD, vocab.PARTNERS, vocab.INDICATOR, vocab.STATUS, vocab.MILESTONE)
_TARGET_START = re.compile(
    r"(?i)^\s*(streefwaarde|doelwaarde|cible|valeur\s+cible|target|zielwert|nulmeting|"
    r"baseline|valeur\s+de\s+r[ée]f[ée]rence)\b"
)
SHORT = 40  # a run-on heading title is at most this long


def is_caps(text: str) -> bool:
    """Set in capitals: at least four letters, nine in ten of them upper case."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 4:
        return False
    return sum(c.isupper() for c in letters) >= 0.9 * len(letters)


def level_word(text: str, vocabulary: vocab.Vocabulary):
    """The (level, match) of a level word with a number or a colon, or None."""
    for word in vocabulary.levels:
        m = word.pattern.match(text)
        if m is None:
            continue
        number = m.group("number")
        title = m.group("title").strip()
        rest = text[m.end("word") :].lstrip()
        if number or (rest.startswith(":") and title):
            return word.level, m
    return None


def starts_own(text: str, vocabulary: vocab.Vocabulary) -> bool:
    """Whether a line starts a paragraph of its own, whatever came before it."""
    if _BULLET.match(text):
        return True
    number = split_number(text)  # "2.1 Missie", "II. Titel", "a) Titel"
    if number is not None and number.title[:1].isupper():
        return True
    lower = text.strip()[:1].islower()
    if not lower and (any(p.match(text) for p in _DETAILS) or _TARGET_START.match(text)):
        return True
    if any(p.match(text) for p, _slot in vocab.LABELS):
        return True
    return level_word(text, vocabulary) is not None


def paragraphs(lines: list[SourceLine], vocabulary: vocab.Vocabulary) -> list[SourceLine]:
    """Join raw lines (one ``SourceLine`` each, blank ones empty) into paragraphs;
    page furniture and tables stay single."""
    out: list[SourceLine] = []
    current: list[SourceLine] = []
    aside: list[SourceLine] = []  # page furniture met inside a paragraph
    heading = ""  # "number" or "level" while the paragraph is a heading

    def flush() -> None:
        nonlocal heading
        if current:
            text = " ".join(line.text.strip() for line in current)
            out.append(
                SourceLine(" ".join(text.split()), tuple(n for c in current for n in c.lines))
            )
        out.extend(aside)
        aside.clear()
        current.clear()
        heading = ""

    for index, line in enumerate(lines):
        text = line.text
        if line.furniture:
            aside.append(line)  # a paragraph runs on over a page break
            continue
        if line.table is not None:
            flush()
            out.append(line)
            continue
        if not text.strip():
            flush()
            continue
        if not current:
            current.append(line)
            heading = _heading_kind(text, vocabulary)
            continue
        first = current[0].text
        so_far = " ".join(c.text.strip() for c in current)
        if any(p.match(so_far) for p, _slot in vocab.LABELS):
            flush()  # a label stands alone: "Omschrijving" / its text
            current.append(line)
            heading = _heading_kind(text, vocabulary)
            continue
        caps_turn = is_caps(text) != is_caps(current[-1].text)
        if heading == "number":
            following = lines[index + 1].text if index + 1 < len(lines) else ""
            short = len(text.strip()) <= SHORT
            lower = text.strip()[:1].islower()
            if (
                len(current) == 1
                and short
                and (lower or not following.strip())
                and not starts_own(text, vocabulary)
            ):
                current.append(line)
                continue
            flush()
        elif heading == "level":
            same_case = is_caps(text) == is_caps(first) or text.strip()[:1].islower()
            ended = current[-1].text.rstrip().endswith((".", ":", ";"))
            # a line set in (a text box's) indent after the heading starts the next one
            indented = text[:1].isspace() and not current[-1].text[:1].isspace()
            if same_case and not ended and not indented and not starts_own(text, vocabulary):
                current.append(line)
                continue
            flush()
        elif starts_own(text, vocabulary) or caps_turn:
            flush()
        if current:
            current.append(line)
        else:
            current.append(line)
            heading = _heading_kind(text, vocabulary)
    flush()
    return out


def _heading_kind(text: str, vocabulary: vocab.Vocabulary) -> str:
    if level_word(text, vocabulary) is not None:
        return "level"
    number = split_number(text, tokens=False)
    if number is not None and len(number.title) <= 80 and number.title[:1].isupper():
        return "number"
    return ""
