"""Which column is which, read from the headers a person reads.

An export writes each sheet's machine keys in a hidden first row above the headers.
A workbook typed by a person needs none of that: its headers are read as the export
writes them, in any of the app's languages ("Titre (FR)" is ``title@fr``, "Periode"
``period``, "INI 2032 VL" the 2032 amount of stage INI and credit type VL), whether
the hidden key row is there (a column added beside it has no key), emptied, or gone
(the headers are then the first row, the data starts on the second). Without the
hidden ``_planner`` sheet, the sheets are found by their titles in the same way.

Two columns of an export may share a header: the visible one a person reads ("Lead
unit", the unit's name) and the hidden one holding the id. Read without keys, the
first such column is the visible one and the second the id; a name typed in the
visible one is looked up like a name in the id column (``excel_refs``).
"""

from __future__ import annotations

import re
from enum import Enum
from typing import Any

from planner_app.domain.enums import CONTENT_LANGUAGES, Scenario, ValueKind
from planner_app.domain.labels import LABELS
from planner_app.exporting.excel_layout import (
    COMPUTED_PREFIX,
    FALLBACKS,
    HEAD_ROW,
    ROW_KIND,
    SHEET_ORDER,
    SHEET_TITLES,
    Kind,
    header_columns,
)
from planner_app.i18n import N_, UI_LANGUAGES, _, translator

# The hidden row's own columns: their header is their key.
_MARKERS = (ROW_KIND, FALLBACKS)
_LANGUAGE_KEY = re.compile(r"[a-z_][a-z0-9_]*@[a-z]{2}")
_PIVOT_KEY = re.compile(r"(amt|val|fte|headcount):\d{4}:\S+")
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


def layout(sheet_key: str, first: list[Any]) -> tuple[bool, int]:
    """(whether the first row holds the hidden keys, the header row's number)."""
    if any(isinstance(v, str) and _is_key(sheet_key, v) for v in first):
        return True, HEAD_ROW
    if all(v is None or (isinstance(v, str) and not v.strip()) for v in first):
        return False, HEAD_ROW  # the key row emptied: the headers stay on row 2
    return False, 1  # no key row: the headers on top


def _is_key(sheet_key: str, text: str) -> bool:
    if text in _MARKERS:
        return False  # also its header: says nothing about the row
    return (
        text in _keys(sheet_key)
        or text.startswith(COMPUTED_PREFIX)
        or bool(_LANGUAGE_KEY.fullmatch(text) or _PIVOT_KEY.fullmatch(text))
    )


_KEYS: dict[str, frozenset[str]] = {}
_LABELS: dict[str, dict[str, list[str]]] = {}


def _keys(sheet_key: str) -> frozenset[str]:
    if sheet_key not in _KEYS:
        _KEYS[sheet_key] = frozenset(c.key for c in header_columns(sheet_key))
    return _KEYS[sheet_key]


def _labels(sheet_key: str) -> dict[str, list[str]]:
    """Every header of the sheet's columns in each of the app's languages, folded,
    with the keys it may stand for in column order (visible before hidden)."""
    known = _LABELS.get(sheet_key)
    if known is not None:
        return known
    known = {}

    def add(label: str, key: str) -> None:
        keys = known.setdefault(" ".join(label.split()).casefold(), [])
        if key not in keys:
            keys.append(key)

    for col in header_columns(sheet_key):
        for ui in UI_LANGUAGES:
            label = translator(ui)(col.label)
            if col.kind is Kind.I18N:
                for lang in CONTENT_LANGUAGES:
                    add(f"{label} ({lang.upper()})", f"{col.key}@{lang}")
            else:
                add(label, col.key)
    for marker in _MARKERS:
        add(marker, marker)
    _LABELS[sheet_key] = known
    return known


def keys_from_labels(
    sheet_key: str, keys: list[str], labels: list[Any]
) -> tuple[list[tuple[int, int]], list[tuple[int, str]]]:
    """Fill in ``keys`` (as long as needed) for each column with a header but no key.
    Returns the columns whose header names a column the sheet has already (column,
    that column) and those whose header names none of its columns (column, header)."""
    known = _labels(sheet_key)
    taken = {k: i for i, k in enumerate(keys) if k}
    twice: list[tuple[int, int]] = []
    unknown: list[tuple[int, str]] = []
    for index, label in enumerate(labels):
        if label is None or (index < len(keys) and keys[index]):
            continue
        text = " ".join(str(label).split())
        if not text:
            continue
        candidates = known.get(text.casefold()) or [
            _pivot_key(sheet_key, text) or _shown_only(text)
        ]
        if candidates == [None]:
            unknown.append((index, text))
            continue
        found = next((k for k in candidates if k not in taken), None)
        if found is None:
            twice.append((index, taken[candidates[-1]]))  # type: ignore[index]
            continue
        keys.extend([""] * (index + 1 - len(keys)))
        keys[index] = found
        taken[found] = index
    return twice, unknown


def _shown_only(label: str) -> str | None:
    """The key of a column an export writes for people only, headed with a date or a
    year ("Status on 31/12/2025"): read, never imported."""
    for ui in UI_LANGUAGES:
        before = translator(ui)(N_("Status on {day}")).partition("{day}")[0].strip()
        if before and label.casefold().startswith(before.casefold() + " "):
            return f"{COMPUTED_PREFIX}status"
    return None


def _is_year(word: str) -> bool:
    return len(word) == 4 and word.isascii() and word.isdigit()


def enum_member(enum: type[Enum], text: str) -> Enum | None:
    """The member whose stored value or label (in any of the app's languages) is
    ``text``, else None."""
    names = _ENUMS.get(enum)
    if names is None:
        names = {}
        for member in enum:
            names[str(member.value).casefold()] = member
            english = LABELS.get(member.value, member.value)
            for lang in UI_LANGUAGES:
                names.setdefault(translator(lang)(english).casefold(), member)
        _ENUMS[enum] = names
    return names.get(text.strip().casefold())


_ENUMS: dict[type[Enum], dict[str, Enum]] = {}


def _pivot_key(sheet_key: str, label: str) -> str | None:
    """The key of a year column from a header written as the export writes it: "INI
    2032 VL" (budget: stage, year, credit type), "2032 target" (indicators: year,
    kind), "2032 planned FTE" (staffing: year, scenario, measure), "Column 2 (FR)"
    (a chapter table's cell); labels in any of the app's languages. None: not such
    a header."""
    words = label.split()
    if sheet_key == "budget" and len(words) == 3 and _is_year(words[1]):
        return f"amt:{words[1]}:{words[0]}:{words[2]}"
    if sheet_key == "chapter_tables":
        return _table_cell_key(label)
    if len(words) < 2 or not _is_year(words[0]):
        return None
    rest = " ".join(words[1:])
    if sheet_key == "indicators":
        kind = enum_member(ValueKind, rest)
        return f"val:{words[0]}:{kind.value}" if kind is not None else None
    if sheet_key == "staffing":
        for what, english in (("fte", "FTE"), ("headcount", "Headcount")):
            for ui in UI_LANGUAGES:
                measure = translator(ui)(english)
                if rest.casefold().endswith(" " + measure.casefold()):
                    scenario = enum_member(Scenario, rest[: -len(measure) - 1])
                    if scenario is not None:
                        return f"{what}:{words[0]}:{scenario.value}"
    return None


def _table_cell_key(label: str) -> str | None:
    match = re.fullmatch(r"(.*?)\s*\(([A-Za-z]{2})\)", label)
    if match is None or match.group(2).lower() not in CONTENT_LANGUAGES:
        return None
    for ui in UI_LANGUAGES:
        before, _n, after = translator(ui)(N_("Column {n}")).partition("{n}")
        found = re.fullmatch(
            re.escape(before.strip()) + r"\s*(\d{1,3})\s*" + re.escape(after.strip()),
            match.group(1),
            re.IGNORECASE,
        )
        if found is not None and int(found.group(1)) >= 1:
            return f"cell{int(found.group(1))}@{match.group(2).lower()}"
    return None


def column_label(sheet_key: str, key: str) -> str:
    """The header the export gives column ``key``, in the language the app speaks
    (for naming a column a sheet lacks): "Titre (FR)" for ``title@fr``."""
    name, _at, lang = key.partition("@")
    for col in header_columns(sheet_key):
        if col.key == name:
            label = _(col.label)
            return f"{label} ({lang.upper()})" if lang else label
    return key


def sheets_by_title(names: list[str]) -> dict[str, str]:
    """Sheet key -> sheet name, for a workbook without the hidden ``_planner`` sheet:
    a sheet is the one titled as the export titles it in any of the app's languages."""
    by_name = {name.strip().casefold(): name for name in names}
    found: dict[str, str] = {}
    for key in SHEET_ORDER:
        for ui in UI_LANGUAGES:
            title = _SHEET_NAME_BAD.sub(" ", translator(ui)(SHEET_TITLES[key])).strip("' ")[:31]
            name = by_name.get(title.casefold())
            if name is not None and name not in found.values():
                found[key] = name
                break
    return found
