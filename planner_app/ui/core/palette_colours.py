"""Colours that follow the system palette, so a dark or high-contrast theme stays
readable (issue 32: the app follows the system's high-contrast palette).

Our few own colours were picked for a light palette: pale grey-blue behind subtotals,
dark red for a refusal. On a dark or high-contrast palette (white text on black) the
pale rows put white text on near-white, and dark red on black is hard to read. Here
they are derived from the palette the app runs with: the light look is kept where the
base is light; elsewhere the row shades blend the text colour into the base, and the
message colours are light ones.
"""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor, QGuiApplication, QPalette

_LIGHT_ROWS = (QColor("#eef1f5"), QColor("#dde3ec"))  # subtotal, total
_cache: dict[int, tuple[QBrush, QBrush]] = {}


def _palette() -> QPalette:
    return QGuiApplication.palette()


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether text is light on a dark base (a dark or high-contrast theme)."""
    palette = palette or _palette()
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def _mix(base: QColor, other: QColor, share: float) -> QColor:
    return QColor(
        round(base.red() + (other.red() - base.red()) * share),
        round(base.green() + (other.green() - base.green()) * share),
        round(base.blue() + (other.blue() - base.blue()) * share),
    )


def row_brushes() -> tuple[QBrush, QBrush]:
    """(subtotal, total) row backgrounds under the palette's text colour."""
    palette = _palette()
    key = palette.cacheKey()
    found = _cache.get(key)
    if found is None:
        if is_dark(palette):
            base = palette.color(QPalette.ColorRole.Base)
            text = palette.color(QPalette.ColorRole.Text)
            shades = (_mix(base, text, 0.12), _mix(base, text, 0.22))
        else:
            shades = _LIGHT_ROWS
        found = (QBrush(shades[0]), QBrush(shades[1]))
        _cache[key] = found
    return found


def error_colour() -> str:
    """A refusal's text colour: dark red on a light palette, light red on a dark one."""
    return "#ff8a80" if is_dark() else "#b00020"


def warning_colour() -> str:
    return "#ffb74d" if is_dark() else "#b35c00"


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours (1 to 21)."""

    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
