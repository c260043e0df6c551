"""The toolbar switch between a plan's content languages, with untranslated counts."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from planner_app.errors import PlannerError
from planner_app.i18n import _
from planner_app.services import plans, translation
from planner_app.services.common import (
    reshapes_plan,
)
from planner_app.ui.core.document import Applied, PlanDocument
from planner_app.ui.core.document_bound import DocumentBound


class LanguageSwitch(DocumentBound, QWidget):
    """Chooses the content language texts are shown and edited in.

    Holds the document and the plan's languages; lists them, the first as the main
    one and each other with the number of texts not yet translated into it. The counts
    are read once the window has painted and again a moment after edits stop (a count
    over a 10,000-objective plan takes a few hundred milliseconds: not on every
    keystroke's commit). Hidden (``wanted`` False) when the plan has one language.
    GUI thread only.
    """

    COUNT_DELAY_MS = 600

    FIRST_COUNT_DELAY_MS = 250  # after a just-opened plan's first paint

    language_chosen = Signal(str)  # a content language code, e.g. "fr"
    languages_changed = Signal()  # the plan's languages were read anew and differ

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document: PlanDocument | None = None
        self._languages: tuple[str, ...] = ()
        self._counts: dict[str, int] = {}
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.timeout.connect(self.update_counts)
        self.label = QLabel(_("Content language:"))
        self.combo = QComboBox()
        self.combo.setObjectName("content_language")
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setToolTip(
            _(
                "The language texts are shown and edited in; the main language is shown "
                "beside them for reference."
            )
        )
        self.combo.activated.connect(self._chosen)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.combo)

    @property
    def languages(self) -> tuple[str, ...]:
        return self._languages

    @property
    def language(self) -> str:
        """The language chosen (the plan's first when nothing else is)."""
        data = self.combo.currentData()
        return data or (self._languages[0] if self._languages else "")

    @property
    def wanted(self) -> bool:
        """Whether the switch has a choice to offer (the plan has several languages)."""
        return len(self._languages) > 1

    def set_document(self, document: PlanDocument | None) -> None:
        """Offer the languages of ``document``'s plan, starting at its first."""
        super().set_document(document)

    def reload(self) -> None:
        self.refresh(keep=False)

    def choose(self, language: str) -> None:
        """Switch to ``language`` (as if chosen in the combo)."""
        row = self.combo.findData(language)
        if row >= 0:
            self.combo.setCurrentIndex(row)
            self._chosen(row)

    def refresh(self, *, keep: bool = True) -> None:
        """Re-read the plan's languages; the untranslated counts follow shortly."""
        chosen = self.language if keep else ""
        before, self._languages = self._languages, ()
        if not keep:
            self._counts = {}
        document = self._document
        if document is not None:
            try:
                self._languages = plans.plan_info(document.store, document.plan_id).languages
            except PlannerError:
                self._languages = ()
        self.combo.blockSignals(True)
        self.combo.clear()
        for lang in self._languages:
            self.combo.addItem(self._item_text(lang), lang)
        row = self.combo.findData(chosen) if chosen else -1
        self.combo.setCurrentIndex(max(row, 0) if self._languages else -1)
        self.combo.blockSignals(False)
        if self._languages != before:
            self.languages_changed.emit()
        if chosen and row < 0 and self._languages:
            self._chosen(0)  # the chosen language left the plan: back to the first
        # Not at once: a plan just opened is painted first (the count is one query per
        # table, ~70 ms on a 10,000-objective plan, and a 0 ms timer ran before the paint).
        self._count_timer.start(self.FIRST_COUNT_DELAY_MS if not keep else self.COUNT_DELAY_MS)

    def _item_text(self, lang: str) -> str:
        if self._languages and lang == self._languages[0]:
            return _("{lang} (main)").format(lang=lang)
        if lang not in self._counts:
            return lang
        return _("{lang} ({count} untranslated)").format(lang=lang, count=self._counts[lang])

    def update_counts(self) -> None:
        """Count the untranslated texts per language now and show the counts."""
        self._count_timer.stop()
        document = self._document
        self._counts = {}
        if document is not None and len(self._languages) > 1:
            try:
                self._counts = translation.untranslated(document.store, document.plan_id)
            except PlannerError:
                self._counts = {}
        for row in range(self.combo.count()):
            self.combo.setItemText(row, self._item_text(self.combo.itemData(row)))

    def _chosen(self, row: int) -> None:
        if row >= 0:
            self.language_chosen.emit(self.combo.itemData(row))

    def _on_changed(self, applied: Applied) -> None:
        changed = applied.changed
        if reshapes_plan(changed):
            self.refresh(keep=True)  # the languages themselves changed
        elif len(self._languages) > 1:
            self._count_timer.start(self.COUNT_DELAY_MS)
