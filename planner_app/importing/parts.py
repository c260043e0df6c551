"""A PESTEL or SWOT chapter's text cut into its factors or quadrants.

Such a chapter prints each part under its own short heading ("Politiek",
"Economisch" … or "Sterktes", "Zwaktes" …). A paragraph that is one of those words
alone starts that part; the text before the first one stays the chapter's own text.
Qt-free.
"""

from __future__ import annotations

import re

_WORDS: dict[str, dict[str, str]] = {
    "pestel": {
        r"politie?k|politique|political|politisch": "political",
        r"economisch|[ée]conomique|economic|wirtschaftlich|[öo]konomisch": "economic",
        r"sociaal(?:[-/ ]cultureel)?|sociologisch|social|socio-?culturel|sozial|"
        r"sociaal/cultureel": "social",
        r"technologisch|technologique|technological|technisch": "technological",
        r"ecologisch|[ée]cologique|environnemental|ecological|environmental|[öo]kologisch": (
            "ecological"
        ),
        r"legaal|juridisch|l[ée]gal|juridique|legal|rechtlich": "legal",
    },
    "swot": {
        r"sterktes?|sterke\s+punten|forces|strengths|st[äa]rken": "strengths",
        r"zwaktes?|zwakke\s+punten|faiblesses|weaknesses|schw[äa]chen": "weaknesses",
        r"opportuniteiten|kansen|opportunit[ée]s|opportunities|chancen": "opportunities",
        r"bedreigingen|menaces|threats|risiken|bedrohungen": "threats",
    },
}


def part_of(kind: str, text: str) -> str:
    """The part a heading names ("Economisch" -> "economic"), or ""."""
    words = _WORDS.get(kind, {})
    clean = text.strip().rstrip(":").strip()
    for pattern, key in words.items():
        if re.fullmatch(rf"(?i)(?:{pattern})", clean):
            return key
    return ""


def split_parts(kind: str, paragraphs: list[str]) -> tuple[str, dict[str, str]]:
    """(the chapter's own text, part -> text) for a PESTEL or SWOT chapter."""
    own: list[str] = []
    parts: dict[str, list[str]] = {}
    current: list[str] = own
    for paragraph in paragraphs:
        key = part_of(kind, paragraph)
        if key:
            current = parts.setdefault(key, [])
            continue
        current.append(paragraph)
    return "\n".join(own), {k: "\n".join(v) for k, v in parts.items() if v}
