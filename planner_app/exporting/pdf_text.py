"""User text into reportlab paragraphs: always as data, never as markup.

reportlab's ``Paragraph`` parses a small XML dialect (``<b>``, ``<a href>``, ``<img>``),
so every piece of user text goes through :func:`escape` before it meets a paragraph:
``&``, ``<`` and ``>`` become entities, line breaks become ``<br/>`` (kept as the user
typed them). Only markup this package writes itself surrounds the escaped text; links,
images and file access can therefore never come from a plan's content.

:class:`DocText` is the one place a document picks a field's text in its language: it
records fallbacks and characters the font cannot show in the export report, and marks a
fallback visibly in the document.

Our own labels follow the document language's typography: in French a narrow no-break
space (U+202F) stands before ``: ; ? !`` and inside « » (``french_spacing``), so
"Statut :" never breaks before its colon. User text is printed as typed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from xml.sax.saxutils import escape as _xml_escape

from planner_app.exporting.pdf_fonts import describe, keep_code_points, unprintable, unshaped
from planner_app.exporting.report import ExportReport, Fallback, Picked, text_in
from planner_app.i18n import _

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
NARROW_NBSP = "\u202f"
# A high punctuation mark after a word (a space or no-break space before it, or none),
# ending a word itself: not the colon of "10:30" or "https://".
_HIGH_PUNCTUATION = re.compile(r"(?<=[^\s\u00a0\u202f])[ \u00a0]?([:;?!])(?=\s|$)")
_GUILLEMETS = (re.compile(r"«[ \u00a0]?"), re.compile(r"[ \u00a0]?»"))


def french_spacing(text: str) -> str:
    """``text`` with French spacing around high punctuation: "Statut: x" and
    "Statut : x" become "Statut\u202f: x", "« x »" gets narrow no-break spaces."""
    text = _HIGH_PUNCTUATION.sub(NARROW_NBSP + r"\1", text)
    opening, closing = _GUILLEMETS
    return closing.sub(NARROW_NBSP + "»", opening.sub("«" + NARROW_NBSP, text))


def escape(text: str) -> str:
    """Paragraph markup showing ``text`` literally, its line breaks kept."""
    text = _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _xml_escape(text).replace("\n", "<br/>")


class DocText:
    """Texts of one document in one content language; owns nothing but the report.

    ``t`` translates our labels into the document's language; report lines stay in the
    UI language (they are shown to the user, not printed)."""

    def __init__(
        self,
        report: ExportReport,
        languages: Sequence[str],
        translate: Callable[[str], str],
    ) -> None:
        self.report = report
        self.languages = tuple(languages)
        french = report.language == "fr"
        # labels in the document's language, with its typography
        self.t = (lambda message: french_spacing(translate(message))) if french else translate
        self.colon = NARROW_NBSP + ":" if french else ":"  # after a label of ours
        self._warned: set[tuple[str, str]] = set()
        self._fell_back: set[tuple[str, str]] = set()
        # Where in the document the texts picked now go: parts of it are made out of
        # order (the contents' headings before the objectives' text, which is made
        # during layout), and the report lists fields in the document's order.
        self.position: tuple[int, ...] = (0,)
        self._orders: dict[str, list[tuple[int, ...]]] = {"fallbacks": [], "warnings": []}

    @property
    def language(self) -> str:
        return self.report.language

    def check(self, text: str, where: str, name: str) -> None:
        """Report characters of ``text`` the PDF cannot show as typed (once per field)."""
        chars = unprintable(text)
        if chars:
            keep_code_points(chars)
        if chars and (where, name) not in self._warned:
            self._warned.add((where, name))
            missing = [c for c in chars if not unshaped(c)]
            if missing:
                self.warn(
                    _(
                        "{where}: {field} has characters the PDF font does not have; they "
                        "print as empty boxes: {chars}"
                    ).format(where=where, field=name, chars=describe(missing))
                )
            reordered = [c for c in chars if unshaped(c)]
            if reordered:
                self.warn(
                    _(
                        "{where}: {field} has right-to-left or other joined script that the "
                        "PDF prints letter by letter, unjoined and left to right: {chars}"
                    ).format(where=where, field=name, chars=describe(reordered))
                )

    def warn(self, message: str) -> None:
        """A warning about the part of the document being made now."""
        self.report.warnings.append(message)
        self._orders["warnings"].append(self.position)

    def warn_first(self, message: str) -> None:
        """A warning about the whole document: listed before every other one."""
        self.report.warnings.append(message)
        self._orders["warnings"].append((-1,))

    def pick(self, texts: Mapping[str, str], where: str, name: str) -> Picked:
        """The field in the document's language or its fallback, reported once."""
        picked = text_in(texts, self.language, self.languages)
        if picked.fell_back(self.language) and (where, name) not in self._fell_back:
            self._fell_back.add((where, name))
            self.report.fallbacks.append(Fallback(where, name, picked.language or ""))
            self._orders["fallbacks"].append(self.position)
        self.check(picked.text, where, name)
        return picked

    def in_document_order(self) -> None:
        """Sort the report's fallbacks and warnings by where they are in the document
        (stable: in the order met within one place)."""
        for name, orders in self._orders.items():
            entries = getattr(self.report, name)
            ranked = sorted(range(len(entries)), key=orders.__getitem__)
            entries[:] = [entries[i] for i in ranked]
            orders[:] = [orders[i] for i in ranked]

    def plain(self, texts: Mapping[str, str], where: str, name: str) -> str:
        """The field's text without markup (for the canvas, the outline, metadata)."""
        return self.pick(texts, where, name).text

    def markup(self, texts: Mapping[str, str], where: str, name: str) -> str:
        """The field as paragraph markup; a fallback carries a grey ``[nl]`` mark."""
        picked = self.pick(texts, where, name)
        return escape(picked.text) + self.fallback_mark(picked)

    def fallback_mark(self, picked: Picked) -> str:
        """The grey ``[nl]`` after a text shown in another language, or nothing."""
        if not picked.fell_back(self.language):
            return ""
        return f' <font color="#9a3412" size="7">[{escape(picked.language or "")}]</font>'

    def literal(self, text: str, where: str, name: str) -> str:
        """A one-language user field (a signatory's name, a unit code) as markup."""
        self.check(text, where, name)
        return escape(text)
