"""Numbers pasted from a spreadsheet: tab-separated blocks in Belgian or English style.

A spreadsheet copies what it shows, so the text of a cell depends on the locale of
whoever copied it: Belgian ``1.234,5`` (nl) or ``1 234,5`` (fr), English ``1,234.5``.
Each cell is read in both styles; a reading is kept only when the text is valid in that
style (one decimal separator, thousands groups of exactly three digits). Then:

* both readings equal (``1234``, ``1 234``): the cell is neutral;
* one reading only (``1.234,5``, ``0,5``, ``12.5``, ``1.234.567``): the cell is
  unambiguous and tells the block's style;
* two different readings (``1.234`` = 1234 Belgian or 1.234 English; ``1,234``): the
  cell is ambiguous and is decided, in this order, by
  1. the block: the style of its unambiguous cells (a block mixing both styles is
     refused);
  2. ``default_style``, given by the caller when the text's origin is known (text
     typed in the editor, or copied out of it, is in the app's Belgian format);
  3. the kind of figure, when only one reading fits it (FTE has at most two decimals
     and a headcount none, so a pasted ``1.234`` FTE can only be 1234);
  and refused otherwise, naming the cell.

A bad cell (text, too many decimals, a negative where none is allowed, too large)
refuses the whole block with a message naming its row and column. Qt-free.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from planner_app.errors import ValidationError
from planner_app.i18n import N_, _

_SPACES = "\u00a0\u202f\u2009 "  # no-break, narrow no-break, thin, plain
_MINUS = ("-", "\u2212")


class NumberStyle(Enum):
    BELGIAN = "belgian"  # 1.234,5 (and 1 234,5)
    ENGLISH = "english"  # 1,234.5


_SEPARATORS = {NumberStyle.BELGIAN: (",", "."), NumberStyle.ENGLISH: (".", ",")}
# Per style: the characters a grouped number drops, and a pattern matching one (made
# once: a pasted block reads every cell in both styles).
_UNGROUP = {
    style: str.maketrans("", "", _SPACES + group) for style, (_d, group) in _SEPARATORS.items()
}
_GROUP_SEPARATOR = {
    style: re.compile(f"[{re.escape(_SPACES + group)}]")
    for style, (_d, group) in _SEPARATORS.items()
}


@dataclass(frozen=True)
class FigureKind:
    """What a cell holds: how many decimals, how large, whether it may be negative."""

    name: str  # msgid, for messages
    places: int
    limit: Decimal


KEUR = FigureKind(N_("Amount (kEUR)"), 3, Decimal(10) ** 12)
FTE = FigureKind(N_("FTE"), 2, Decimal(10) ** 7)
HEADCOUNT = FigureKind(N_("Headcount"), 0, Decimal(10) ** 7)


class PasteError(ValidationError):
    """A cell of a pasted block (or a typed value) that cannot be taken."""

    def __init__(self, row: int, column: int, reason: str) -> None:
        where = _("Row {row}, column {column}").format(row=row + 1, column=column + 1)
        super().__init__(where, reason)
        self.row = row
        self.column = column


def split_block(text: str) -> list[list[str]]:
    """Rows of cells from tab-separated text; a final line break adds no row."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.endswith("\n"):
        text = text[:-1]
    return [line.split("\t") for line in text.split("\n")]


def _read(body: str, style: NumberStyle) -> Decimal | None:
    """``body`` (no sign, no outer spaces) in ``style``; None when invalid there."""
    decimal_sep, group_sep = _SEPARATORS[style]
    if body.count(decimal_sep) > 1:
        return None
    whole, _sep, fraction = body.partition(decimal_sep)
    if _sep and not (fraction.isdigit() and fraction.isascii()):
        return None
    if not whole:
        return None
    plain = whole.translate(_UNGROUP[style])
    if plain != whole:
        groups = _GROUP_SEPARATOR[style].split(whole)
        separators = set(_GROUP_SEPARATOR[style].findall(whole))
        if separators & {group_sep} and len(separators) > 1:
            return None
        if not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:]):
            return None
        if groups[0].startswith("0"):  # 0.125 is never a thousands grouping
            return None
    if not plain.isdigit() or not plain.isascii():
        return None
    return Decimal(f"{plain}.{fraction}" if fraction else plain)


@dataclass(frozen=True)
class _Cell:
    readings: dict[NumberStyle, Decimal]  # empty: the cell is empty

    @property
    def style(self) -> NumberStyle | None:
        """The style this cell proves (None: neutral, ambiguous or empty)."""
        values = set(self.readings.values())
        return next(iter(self.readings)) if len(self.readings) == 1 and values else None

    @property
    def ambiguous(self) -> bool:
        return len(set(self.readings.values())) > 1


def _fits(value: Decimal, kind: FigureKind) -> bool:
    exponent = value.normalize().as_tuple().exponent
    return not (isinstance(exponent, int) and -exponent > kind.places)


def _classify(text: str, row: int, column: int) -> _Cell:
    body = text.strip(_SPACES + "\t")
    if not body:
        return _Cell({})
    negative = body.startswith(_MINUS)
    if negative:
        body = body[1:].lstrip(_SPACES)
    if body.isdigit() and body.isascii():  # a plain whole number reads alike in both
        value = -Decimal(body) if negative else Decimal(body)
        return _Cell(dict.fromkeys(NumberStyle, value))
    readings = {}
    for style in NumberStyle:
        value = _read(body, style)
        if value is not None:
            readings[style] = -value if negative else value
    if not readings:
        raise PasteError(row, column, _("{text!r} is not a number.").format(text=text))
    return _Cell(readings)


def _check(
    value: Decimal, kind: FigureKind, allow_negative: bool, row: int, column: int, typed: str
):
    shown = typed.strip() or format(value, "f")  # as the user wrote it: "12,3456"
    if not _fits(value, kind):
        if kind.places == 0:
            reason = _("{value} is not a whole number.").format(value=shown)
        else:
            reason = _("{value} has more than {n} decimals.").format(value=shown, n=kind.places)
        raise PasteError(row, column, reason)
    if value < 0 and not allow_negative:
        raise PasteError(row, column, _("{value} must not be negative.").format(value=shown))
    if abs(value) >= kind.limit:
        raise PasteError(row, column, _("{value} is too large.").format(value=shown))


def parse_block(
    text: str | list[list[str]],
    kinds: FigureKind | list[list[FigureKind]],
    *,
    allow_negative: bool | list[list[bool]] = False,
    default_style: NumberStyle | None = None,
) -> list[list[Decimal | None]]:
    """Exact values (``None`` for an empty cell) of a block; all or nothing.

    ``kinds`` and ``allow_negative`` are one value for the whole block or one per cell
    (rows of the same shape as the block). Raises ``PasteError`` naming the first bad
    cell; the rule for ``1.234``-like cells is in the module docstring.
    """
    block = split_block(text) if isinstance(text, str) else text

    def at(spec, row: int, column: int):
        return spec[row][column] if isinstance(spec, list) else spec

    cells = [[_classify(t, r, c) for c, t in enumerate(line)] for r, line in enumerate(block)]
    block_style: NumberStyle | None = None
    for r, line in enumerate(cells):
        for c, cell in enumerate(line):
            style = cell.style
            if style is None:
                continue
            if block_style is None:
                block_style = style
            elif style is not block_style:
                raise PasteError(
                    r,
                    c,
                    _(
                        "{text!r} is written in another number style than the cells before "
                        "it; paste numbers of one style (1.234,5 or 1,234.5)."
                    ).format(text=block[r][c]),
                )
    out: list[list[Decimal | None]] = []
    for r, line in enumerate(cells):
        values: list[Decimal | None] = []
        for c, cell in enumerate(line):
            kind = at(kinds, r, c)
            if not cell.readings:
                values.append(None)
                continue
            if not cell.ambiguous:
                value = next(iter(cell.readings.values()))
            elif block_style is not None:
                value = cell.readings[block_style]
            else:
                fitting = {v for v in cell.readings.values() if _fits(v, kind)}
                if default_style is not None:
                    value = cell.readings[default_style]
                elif len(fitting) == 1:
                    value = fitting.pop()
                else:
                    be = cell.readings[NumberStyle.BELGIAN]
                    en = cell.readings[NumberStyle.ENGLISH]
                    raise PasteError(
                        r,
                        c,
                        _(
                            "{text!r} is ambiguous: {be} in Belgian style or {en} in English "
                            "style; write it without a thousands separator or with its "
                            "decimals to decide."
                        ).format(text=block[r][c], be=format(be, "f"), en=format(en, "f")),
                    )
            _check(value, kind, bool(at(allow_negative, r, c)), r, c, block[r][c])
            values.append(value)
        out.append(values)
    return out


def parse_value(
    text: str,
    kind: FigureKind,
    *,
    allow_negative: bool = False,
    default_style: NumberStyle | None = NumberStyle.BELGIAN,
) -> Decimal | None:
    """One typed value (``None``: empty), by the same rules as a pasted cell; typed text
    defaults to the Belgian style the editor shows."""
    try:
        return parse_block(
            [[text]], kind, allow_negative=allow_negative, default_style=default_style
        )[0][0]
    except PasteError as err:
        raise ValidationError(_(kind.name), err.reason) from None


def block_text(rows: list[list[str]]) -> str:
    """Tab-separated text a spreadsheet pastes as a block (tabs and breaks in a cell
    become spaces)."""
    clean = str.maketrans({"\t": " ", "\n": " ", "\r": " "})
    return "\n".join("\t".join(cell.translate(clean) for cell in row) for row in rows) + "\n"
