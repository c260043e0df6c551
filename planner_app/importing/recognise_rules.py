"""Small tests the recogniser makes of one paragraph's text: its first sentence, a
label or detail word, a figure, a chapter kind, whether a line in capitals reads like a
heading or a numbered line's rest like a chapter title, and whether a chapter number
may follow the one before it. Pure functions, kept apart so that ``recognise`` holds
the order of the decisions. No Qt.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from planner_app.importing import vocabulary as vocab

MAX_TITLE_WORDS = 16
MAX_TITLE_CHARS = 100

_SENTENCE_END = re.compile(r"(?<=[a-zà-ÿ)’'\"])[.!?]\s+(?=[A-ZÀ-Þ])")


def first_sentence(text: str) -> tuple[str, str]:
    """A title that runs on into its description: (its first sentence, the rest)."""
    m = _SENTENCE_END.search(text)
    if m is None or m.start() < 12:
        return text, ""
    return text[: m.start() + 1].strip(), text[m.end() :].strip()


def word_of(text: str) -> str:
    return text.split(":", 1)[0].strip()


def is_number(text: str) -> bool:
    digits = re.sub(r"[^\d.,\-]", "", text)
    try:
        Decimal(digits.replace(".", "").replace(",", ".") if "," in digits else digits)
    except InvalidOperation:
        return False
    return bool(digits)


def label_slot(text: str) -> str:
    return next((slot for p, slot in vocab.LABELS if p.match(text)), "")


def is_label(text: str) -> bool:
    return any(p.match(text) for p, _slot in vocab.LABELS)


def chapter_kind(title: str) -> str:
    for pattern, kind in vocab.CHAPTER_KINDS:
        if pattern.search(title):
            return kind
    return "free"


def heading_like(text: str) -> bool:
    """A short line in capitals that can be an unnumbered chapter's title: a few
    words (one long one), no figures but a year, no closing punctuation."""
    words = text.split()
    letters = sum(c.isalpha() for c in text)
    if len(text) > 80 or len(words) > 10 or text.rstrip().endswith((".", ";", ",", ":")):
        return False
    if any(c.islower() for c in text):
        return False
    if re.search(r"\d", re.sub(r"\b(?:19|20)\d\d\b", "", text)) or text.startswith("("):
        return False
    return letters >= 7 if len(words) == 1 else letters >= 8


def title_ok(title: str) -> bool:
    """Whether a numbered line's rest reads like a chapter title: starts with a
    capital, is short, and does not end like a sentence part."""
    if not title or not (title[0].isupper() or title[0] in "'‘\"“"):
        return False
    if len(title) > MAX_TITLE_CHARS or len(title.split()) > MAX_TITLE_WORDS:
        return False
    return not title.rstrip().endswith((",", ";"))


def follows(last: tuple[int, ...] | None, new: tuple[int, ...]) -> bool:
    """Whether chapter number ``new`` may follow ``last``: the next sibling of it or of
    one of its parents, or its first child, with any missing levels numbered 1
    ("5.1" may follow "4": the document printed no heading "5")."""
    if last is None:
        return False
    for k in range(1, len(last) + 1):
        if new[: k - 1] == last[: k - 1] and len(new) >= k and new[k - 1] == last[k - 1] + 1:
            return all(p == 1 for p in new[k:])
    if new[: len(last)] == last and len(new) > len(last):
        return all(p == 1 for p in new[len(last) :])
    return False
