"""What a document's table is: a budget table, a staffing table, or another one.

A budget table's head names years, kEUR, credit types (VL/VE, CE/CL) or budget
stages (INI); a staffing table's names FTE (VTE, ETP), statutes (M/S/C, statutair,
contractueel) or headcounts (effectieven). Such a table goes through the column
mapping of the sheet import; any other table stays in its chapter. Qt-free.
"""

from __future__ import annotations

import re

_BUDGET = re.compile(
    r"(?i)\b(k?eur|€|vl|ve|ini|krediet\w*|cr[ée]dits?|ce|cl|begroting|budget|"
    r"vastlegging\w*|vereffening\w*|engagement|liquidation)\b"
)
_STAFFING = re.compile(
    r"(?i)\b(vte|etp|fte|statut\w*|contractu\w*|mandat\w*|effectie\w*|headcount|"
    r"personeel|personnel|m\s*/\s*s\s*/\s*c)\b"
)
_YEAR = re.compile(r"\b(19|20)\d\d\b")


def classify(rows: tuple[tuple[str, ...], ...]) -> str:
    """ "budget", "staffing" or "other" from the first two rows and the figures."""
    head = " ".join(" ".join(r) for r in rows[:2])
    figures = sum(
        1 for r in rows[1:] for c in r[1:] if re.fullmatch(r"-?[\d.,\s\u202f]+", c.strip() or "x")
    )
    cells = sum(max(len(r) - 1, 0) for r in rows[1:]) or 1
    numeric = figures / cells >= 0.5
    staffing = len(_STAFFING.findall(head))
    budget = len(_BUDGET.findall(head)) + (1 if _YEAR.search(head) else 0)
    if numeric and staffing and staffing >= budget - 1:
        return "staffing"
    if numeric and budget >= 2:
        return "budget"
    return "other"
