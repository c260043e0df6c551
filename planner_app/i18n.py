"""One gettext catalogue for every string we show or print (DESIGN.md).

English is the source language. Catalogues live in ``resources/locale/<lang>/LC_MESSAGES/
planner_app.po``; the build compiles ``.mo`` files beside them, and where a ``.mo`` is
missing (a source checkout) the ``.po`` is compiled in memory with babel, so a fresh
checkout speaks Dutch and French too.
"""

from __future__ import annotations

import contextlib
import gettext
import io
import locale
import os
from collections.abc import Callable
from functools import cache

from planner_app.resources import resource_path

DOMAIN = "planner_app"
UI_LANGUAGES = ("en", "nl", "fr")

_current: gettext.NullTranslations = gettext.NullTranslations()
_current_lang = "en"


@cache
def translations(lang: str) -> gettext.NullTranslations:
    """The catalogue of ``lang`` (English passes strings through)."""
    if lang == "en":
        return gettext.NullTranslations()
    folder = resource_path("locale", lang, "LC_MESSAGES")
    mo = folder / f"{DOMAIN}.mo"
    po = folder / f"{DOMAIN}.po"
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as fh:
            return gettext.GNUTranslations(fh)
    if po.exists():
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with po.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        buf = io.BytesIO()
        write_mo(buf, catalog)
        buf.seek(0)
        return gettext.GNUTranslations(buf)
    return gettext.NullTranslations()


def system_language() -> str:
    """The UI language from PLANNER_LANG, LANGUAGE/LC_ALL/LANG, else English."""
    candidates = [os.environ.get(v, "") for v in ("PLANNER_LANG", "LANGUAGE", "LC_ALL", "LANG")]
    with contextlib.suppress(ValueError):  # odd platform locales
        candidates.append(locale.getlocale()[0] or "")
    for value in candidates:
        code = value.split(":")[0].split("_")[0].split(".")[0].lower()
        if code in UI_LANGUAGES:
            return code
    return "en"


def set_language(lang: str) -> None:
    global _current, _current_lang
    _current_lang = lang if lang in UI_LANGUAGES else "en"
    _current = translations(_current_lang)


def current_language() -> str:
    """The UI language (numbers in the UI follow its Belgian locale)."""
    return _current_lang


def _(message: str) -> str:
    """Translate ``message`` into the current UI language."""
    return _current.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _current.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a class-level constant for extraction; translate it where it is shown."""
    return message


def translator(lang: str) -> Callable[[str], str]:
    """A ``_`` for documents written in another language than the UI's."""
    return translations(lang if lang in UI_LANGUAGES else "en").gettext
