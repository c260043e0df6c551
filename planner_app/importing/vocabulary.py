"""The words Belgian plans use, in Dutch, French, German and English, as patterns.

What a line starts with says what it is: a level's word or abbreviation and a number
("SD 1", "OD 1.1.", "Strategische doelstelling 2:", "Objectif opérationnel 1.2",
"PRJ 1.1.3", "Axe 2", "Globale strategie 3"), a label that heads a field
("Omschrijving", "Beoogde resultaten"), a detail ("Trekker: …", "Pilote : …",
"Indicator: …", "Streefwaarde 2026: …", "Q2: …"), a chapter kind's name ("Missie",
"SWOT-analyse", "Plan de communication"). The plan's own level names and code
patterns are added to these at run time (``Vocabulary.with_levels``). Data only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A number path as printed: "1", "1.2", "3.1.4." (dots or hyphens between parts).
NUMBER = r"\d{1,3}(?:[.\-]\d{1,3}){0,5}"
_SEP = r"\s*(?:[:.)\-–—]\s*)?"

# Level words: (level, pattern, needs a number). Abbreviations are matched in upper
# case only ("SD 1", never "sd 1"); words in any case.
_LEVEL_WORDS: tuple[tuple[str, str, bool], ...] = (
    ("strategic", r"S\.?\s?D\.?|O\.?\s?S\.?|S\.?O\.?|SZ", True),
    ("operational", r"O\.?\s?D\.?|O\.?\s?O\.?|OZ", True),
    ("initiative", r"PRJ|PROJ", True),
    (
        "strategic",
        r"(?i:strategische\s+doelstelling|strategisch\s+doel|objectifs?\s+strat[ée]giques?"
        r"|strategisches\s+ziel|strategic\s+(?:objective|goal)|globale\s+strategie"
        r"|axe(?:\s+strat[ée]gique)?|beleidsdoelstelling|objectif\s+politique"
        r"|strategische\s+as)",
        True,
    ),
    (
        "operational",
        r"(?i:operationele\s+doelstelling|operationeel\s+doel|objectifs?\s+op[ée]rationnels?"
        r"|operatives\s+ziel|operational\s+(?:objective|goal)|beheersdoelstelling"
        r"|objectif\s+de\s+gestion)",
        True,
    ),
    (
        "initiative",
        r"(?i:project|projet|proces|processus|initiatief|initiative|werf|chantier"
        r"|actie|action|maatregel|mesure|projekt|ma[ßs]nahme)",
        True,
    ),
    ("action", r"(?i:deelactie|sous-action|teilma[ßs]nahme|sub-action)", True),
)

# Kind of an initiative from its word.
PROCESS_WORDS = re.compile(r"(?i)^(proces|processus|prozess|process)")

# "PROJECTEN", "PROCESSEN", "Acties": a group heading over initiatives of a kind.
GROUP = re.compile(
    r"(?i)^\s*(?P<word>projecten|projets|projekte|projects|processen|processus|prozesse"
    r"|processes|acties|actions|initiatieven|initiatives|ma[ßs]nahmen|werven|chantiers)"
    r"\s*:?\s*$"
)
# Plural level words in a sentence announce the level of the items that follow
# ("Onder deze strategische as worden volgende werven ontwikkeld:").
ANNOUNCE = re.compile(
    r"(?i)\b(?P<word>werven|chantiers|projecten|projets|acties|actions|initiatieven"
    r"|processen|processus|operationele\s+doelstellingen|objectifs\s+op[ée]rationnels)\b"
)
ANNOUNCED_LEVEL = {
    "operationele doelstellingen": "operational",
    "objectifs opérationnels": "operational",
    "objectifs operationnels": "operational",
}

# Markers that make a line an item one level below the objective above it (003's »).
ITEM_MARKERS = "»›►▶➢➤⇒→"
BULLETS = "•◦▪▫‣⁃·-–—*o"

# Labels heading what follows under an objective: slot they open.
LABELS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(
            r"(?i)^\s*(algemene\s+informatie|omschrijving|beschrijving|description|"
            r"informations?\s+g[ée]n[ée]rales?|allgemeine\s+informationen|beschreibung|"
            r"general\s+information|toelichting|contexte|context)\s*:?\s*$"
        ),
        "description",
    ),
    (
        re.compile(
            r"(?i)^\s*(beoogde\s+resultaten|verwachte\s+resultaten|r[ée]sultats?\s+attendus?|"
            r"erwartete\s+ergebnisse|expected\s+results|intended\s+results|"
            r"mijlpalen(?:\s+\d{4})?|jalons(?:\s+\d{4})?|milestones(?:\s+\d{4})?|"
            r"meilensteine)\s*:?\s*$"
        ),
        "intended_results",
    ),
)

# Details under an objective.
LEAD = re.compile(
    r"(?i)^\s*(?:trekker|pilote|pilot|lead(?:\s+unit)?|verantwoordelijke(?:\s+dienst)?|"
    r"responsable|service\s+pilote|federf[üu]hrung|eigenaar|owner)\s*:\s*(?P<value>.+?)\s*$"
)
PARTNERS = re.compile(
    r"(?i)^\s*(?:betrokkenen|betrokken\s+diensten|partenaires|partners|impliqu[ée]s|"
    r"services\s+impliqu[ée]s|beteiligte|involved(?:\s+units)?)\s*:\s*(?P<value>.+?)\s*$"
)
INDICATOR = re.compile(
    r"(?i)^\s*(?:prestatie-?\s*indicator|indicator|indicateur(?:\s+de\s+performance)?|"
    r"kpi|kennzahl|indikator)\s*:\s*(?P<value>.+?)\s*$"
)
TARGET = re.compile(
    r"(?i)^\s*(?:streefwaarde|doelwaarde|cible|valeur\s+cible|target|zielwert)"
    r"\s*(?P<year>\d{4})?\s*:?\s*(?P<value>.+?)\s*$"
)
BASELINE = re.compile(
    r"(?i)^\s*(?:nulmeting|beginwaarde|valeur\s+de\s+r[ée]f[ée]rence|situation\s+de\s+d[ée]part|"
    r"baseline|ausgangswert)\s*(?P<year>\d{4})?\s*:?\s*(?P<value>.+?)\s*$"
)
STATUS = re.compile(r"(?i)^\s*(?:status|statut|stand)\s*:\s*(?P<value>.+?)\s*$")
STATUS_WORDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"(?i)op\s+schema|on\s+(?:schedule|track)|dans\s+les\s+temps|en\s+cours"),
        "on_schedule",
    ),
    (re.compile(r"(?i)afgewerkt|afgerond|done|completed|termin[ée]|r[ée]alis[ée]"), "done"),
    (re.compile(r"(?i)vertraging|aandacht\s+nodig|delayed|retard"), "delayed"),
    (re.compile(r"(?i)bijsturing|actie\s+nodig|action\s+needed|action\s+requise"), "action_needed"),
)

_MONTHS = (
    r"januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
    r"december|janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|"
    r"novembre|d[ée]cembre|january|february|march|may|june|july|august|october|"
    r"januar|februar|m[äa]rz|oktober|dezember"
)
# "Q2: …", "Q3 – Q4: …", "2025 Q1: …", "T2 : …" (trimestre), "2026: …", "Oktober 2025: …"
MILESTONE = re.compile(
    r"(?i)^\s*(?:[•\-–*]\s*)?(?P<period>"
    r"(?:\d{4}\s+)?[QT][1-4](?:\s*[-–/]\s*[QT][1-4])?(?:\s+\d{4})?"
    r"|(?:" + _MONTHS + r")(?:\s+\d{4})?"
    r"|(?:19|20)\d\d"
    r")\s*:\s*(?P<value>\S.*?)\s*$"
)

# Chapter kinds by their title's words.
CHAPTER_KINDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?i)\b(swot)"), "swot"),
    (re.compile(r"(?i)\b(pestel|pest-?analyse)"), "pestel"),
    (
        re.compile(
            r"(?i)\b(communicatieplan|plan\s+de\s+communication|kommunikationsplan|"
            r"communication\s+plan)"
        ),
        "communication",
    ),
    (
        re.compile(
            r"(?i)\b(stakeholders?|parties\s+prenantes|belanghebbenden|"
            r"interessengruppen)"
        ),
        "stakeholders",
    ),
    (re.compile(r"(?i)^\W*(missie|mission)\b"), "mission"),
    (re.compile(r"(?i)^\W*(visie|vision)\b"), "vision"),
    (re.compile(r"(?i)^\W*(waarden|valeurs|werte|values)\b"), "values"),
)
# Chapters whose title says they hold the objectives.
OBJECTIVES_CHAPTER = re.compile(
    r"(?i)\b(doelstellingen|objectifs|objectives|ziele|strategie\s+voor|strat[ée]gie\s+pour)\b"
)
# Headings that open the objectives part of a business plan ("ONDERNEMINGSPLAN 2025").
PLAN_PART = re.compile(
    r"(?i)^\s*(ondernemingsplan|operationeel\s+plan|plan\s+op[ée]rationnel|"
    r"gesch[äa]ftsplan|business\s+plan|jaarplan)\b"
)


@dataclass(frozen=True)
class LevelWord:
    level: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Vocabulary:
    """The level words to look for, the built-in ones and a plan's own."""

    levels: tuple[LevelWord, ...] = field(default_factory=tuple)

    @staticmethod
    def standard() -> Vocabulary:
        return Vocabulary(tuple(_compile(level, words) for level, words, _n in _LEVEL_WORDS))

    def with_levels(self, names: dict[str, list[str]]) -> Vocabulary:
        """Add a plan's own level names or code prefixes (level -> words), looked for
        before the built-in ones ("Programme", "Objectif de gestion")."""
        own = tuple(
            _compile(level, f"(?i:{_alternatives(words)})")
            for level, words in names.items()
            if any(w.strip() for w in words)
        )
        return Vocabulary(own + self.levels)


def _alternatives(words: list[str]) -> str:
    """Words as one alternation, in any case, the longest first ("Speerpunt" before
    "SP"), each with its spaces as any run of white space."""
    kept = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(part) for part in w.split()) for w in kept)


def _compile(level: str, words: str) -> LevelWord:
    return LevelWord(
        level,
        re.compile(
            rf"^\s*(?P<word>{words})(?![^\W\d_])\s*(?P<number>{NUMBER})?(?P<dot>\.)?"
            rf"(?:{_SEP})(?P<title>.*)$",
            re.DOTALL,
        ),
    )
