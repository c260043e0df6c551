"""Which of a plan's content languages a view shows and edits, and how a text that
has no translation yet is shown meanwhile.

The toolbar's language switch chooses; every text view (objective editor, plan
properties, chapters, units, signatories, communication table) follows. A text with
nothing in the chosen language shows the main language's text greyed and italic, so
the user sees what is to be translated; editing starts from an empty text and writes
the chosen language only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from planner_app.i18n import _
from planner_app.ui.core.labels import pick_text

UNTRANSLATED_COLOUR = QColor("#8a8a8a")


LONG_TEXT = 60  # characters: longer cell texts are also shown whole in a tooltip


class ContentLanguage:
    """The plan's languages and the one chosen (the main one until another is)."""

    def __init__(self) -> None:
        self.languages: tuple[str, ...] = ()
        self.chosen: str | None = None
        self._italic = QFont()
        self._italic.setItalic(True)

    def choose(self, language: str) -> bool:
        """Make ``language`` the chosen one; whether what is shown changes (a view
        re-reads only then: the window passes the switch's language to every view each
        time a plan is shown)."""
        before = self.current
        self.chosen = language
        return self.current != before or not self.languages

    def set_languages(self, languages: Sequence[str]) -> None:
        self.languages = tuple(languages)

    @property
    def main(self) -> str:
        return self.languages[0] if self.languages else "nl"

    @property
    def current(self) -> str:
        """The chosen language when the plan has it, else the main one."""
        return self.chosen if self.chosen in self.languages else self.main

    def edited(self, texts: Mapping[str, str]) -> str:
        """The text in the current language (empty when untranslated): what an edit starts from."""
        return texts.get(self.current, "")

    def untranslated(self, texts: Mapping[str, str]) -> bool:
        return not texts.get(self.current) and any(texts.values())

    def shown(self, texts: Mapping[str, str]) -> str:
        """The text in the current language, else the main (or any) language's."""
        return pick_text(texts, (self.current, *self.languages))

    def cell_data(self, texts: Mapping[str, str], role: int) -> Any:
        """What a table cell holding ``texts`` answers for ``role`` (None: not handled)."""
        if role == Qt.ItemDataRole.EditRole:
            return self.edited(texts)
        if role == Qt.ItemDataRole.DisplayRole:
            return self.shown(texts)
        if self.untranslated(texts):
            if role == Qt.ItemDataRole.ForegroundRole:
                return UNTRANSLATED_COLOUR
            if role == Qt.ItemDataRole.FontRole:
                return self._italic
            if role == Qt.ItemDataRole.ToolTipRole:
                return _("Not translated yet ({lang})").format(lang=self.current)
        elif role == Qt.ItemDataRole.ToolTipRole:
            shown = self.shown(texts)
            return shown if len(shown) > LONG_TEXT else None  # a capped row cuts it off
        return None
