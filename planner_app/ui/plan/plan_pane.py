"""The plan pane: the plan's properties, its narrative chapters, its organisation
units and its signatories, on four tabs."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner_app.domain.enums import CONTENT_LANGUAGES
from planner_app.domain.labels import PLAN_KIND_TITLES, label
from planner_app.errors import PlannerError
from planner_app.i18n import _
from planner_app.services import plans
from planner_app.services.common import Changed, Entity
from planner_app.services.plans import patched_info
from planner_app.ui.core.content_language import ContentLanguage
from planner_app.ui.core.document import Applied, PlanDocument, document_read_only
from planner_app.ui.core.document_bound import DocumentBound
from planner_app.ui.core.labels import capitalised
from planner_app.ui.core.text_fields import TextBinding
from planner_app.ui.core.translation_marks import field_with_reference
from planner_app.ui.plan.chapters_editor import ChaptersEditor
from planner_app.ui.plan.commands import UpdatePlanCommand
from planner_app.ui.plan.document_box import DocumentBox
from planner_app.ui.plan.levels_editor import LevelsEditor
from planner_app.ui.plan.plan_lists import SignatoriesPage, UnitsPage
from planner_app.ui.plan.roles_page import RolesPage


def parse_languages(text: str) -> tuple[str, ...]:
    """``"nl, fr"`` -> ``("nl", "fr")``: codes split on commas or spaces, lower-cased."""
    return tuple(part.lower() for part in re.split(r"[\s,;]+", text) if part)


class PropertiesPage(DocumentBound, QWidget):
    """Edits the plan's code, title, organisation, period and languages, and (in its
    ``LevelsEditor``) its levels and status tracking.

    Owns its widgets; holds the ``PlanInfo`` read when the plan is shown, brought up to
    date by each change of it (``plans.patched_info``: no read). Texts are edited in the
    content language chosen (``set_language``), the main language's text shown under a
    field being translated. GUI thread only.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document: PlanDocument | None = None
        self._info: plans.PlanInfo | None = None
        self._read_only = True
        self._loading = False
        self.content = ContentLanguage()
        self.summary = QLabel()
        self.summary.setObjectName("plan_summary")
        self.summary.setStyleSheet("color: palette(placeholder-text);")
        self.code_edit = QLineEdit()
        self.title_edit = QLineEdit()
        self.organisation_edit = QLineEdit()
        self.languages_edit = QLineEdit()
        self.languages_edit.setToolTip(
            _("Content languages, the main one first, separated by commas ({langs}).").format(
                langs=", ".join(CONTENT_LANGUAGES)
            )
        )
        self.first_year = QSpinBox()
        self.last_year = QSpinBox()
        self.first_year.setAccessibleName(_("First year"))
        self.last_year.setAccessibleName(_("Last year"))
        for spin in (self.first_year, self.last_year):
            spin.setRange(1900, 2200)
            spin.setKeyboardTracking(False)
            spin.editingFinished.connect(self.commit_period)
        self._bindings = {
            field: TextBinding(self, widget, field, self.commit_text)
            for field, widget in (
                ("code", self.code_edit),
                ("title", self.title_edit),
                ("organisation", self.organisation_edit),
                ("languages", self.languages_edit),
            )
        }
        period = QHBoxLayout()
        period.addWidget(self.first_year)
        period.addWidget(QLabel("–"))
        period.addWidget(self.last_year)
        period.addStretch(1)
        self.title_label = QLabel(_("Title"))
        self.organisation_label = QLabel(_("Organisation"))
        title_box, title_hint = field_with_reference(self, self.title_edit)
        organisation_box, organisation_hint = field_with_reference(self, self.organisation_edit)
        self.references = {"title": title_hint, "organisation": organisation_hint}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_("Code"), self.code_edit)
        form.addRow(self.title_label, title_box)
        form.addRow(self.organisation_label, organisation_box)
        form.addRow(_("Period"), period)
        form.addRow(_("Languages"), self.languages_edit)
        self.levels = LevelsEditor()
        self.document_box = DocumentBox()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(self.levels)
        layout.addWidget(self.document_box)
        layout.addStretch(1)

    @property
    def language(self) -> str:
        return self.content.current

    def set_language(self, language: str) -> None:
        """Show and edit the plan's texts in ``language`` (one of its languages)."""
        self.commit_pending()
        self.document_box.set_language(language)
        if self.content.choose(language):
            self.reload(force=True)
        self.levels.set_language(language)

    def set_document(self, document: PlanDocument | None) -> None:
        self.commit_pending()
        self.document_box.set_document(document)
        super().set_document(document)
        self.levels.set_document(document)

    def commit_pending(self) -> None:
        self.document_box.commit_pending()
        if self._info is None or self._read_only:
            return
        for binding in self._bindings.values():
            binding.commit()
        self.levels.commit_pending()

    def commit_text(self, binding: TextBinding) -> None:
        if self._info is None or self._loading or self._read_only:
            return
        text = binding.text().strip()
        if text == binding.committed:
            binding.load(text, force=True)
            return
        field = binding.field
        value: Any = text
        if field in ("title", "organisation"):
            value = {self.language: text}
        elif field == "languages":
            value = parse_languages(text)
        if self._run(field, value, ("plan", field, binding.session)):
            binding.load(text if field != "languages" else self._text_of(field), force=True)
        else:
            binding.load(self._text_of(field), force=True)

    def commit_period(self) -> None:
        if self._info is None or self._loading or self._read_only:
            return
        period = (self.first_year.value(), self.last_year.value())
        if self._info.kind.is_yearly:
            period = (period[0], period[0])
        if period != (self._info.first_year, self._info.last_year) and not self._run(
            "period", period
        ):
            self.reload(force=True)

    def _run(self, field: str, value: Any, merge_key: Any = None) -> bool:
        assert self._document is not None
        command = UpdatePlanCommand(self._document, field, value, merge_key=merge_key)
        outcome = self._document.run(command, initiator=self)
        if outcome.changed is not None:
            self._apply(outcome.changed, force=False)
        return bool(outcome)

    def _on_changed(self, applied: Applied) -> None:
        if applied.initiator is not self and applied.changed.entity is Entity.PLAN:
            self._apply(applied.changed, force=True)

    def _apply(self, changed: Changed, *, force: bool) -> None:
        info = patched_info(self._info, changed) if self._info is not None else None
        if info is None:
            self.reload(force=force)
        else:
            self._show(info, force=force)

    def _text_of(self, field: str) -> str:
        info = self._info
        if info is None:
            return ""
        if field == "languages":
            return ", ".join(info.languages)
        value = getattr(info, field)
        return value.get(self.language, "") if isinstance(value, dict) else value

    def reload(self, *, force: bool = True) -> None:
        document = self._document
        self._read_only = document_read_only(document)
        info = None
        if document is not None:
            try:
                info = plans.plan_info(document.store, document.plan_id)
            except PlannerError:
                info = None
        self._show(info, force=force)

    def _show(self, info: plans.PlanInfo | None, *, force: bool) -> None:
        self._info = info
        self.content.set_languages(info.languages if info else ())
        self._loading = True
        try:
            for field, binding in self._bindings.items():
                binding.load(self._text_of(field), force=force)
            for field, hint in self.references.items():
                main = self.content.main
                hint.show_reference(
                    getattr(info, field).get(main, "") if info else "", main, self.language
                )
            if info is not None:
                self.first_year.setValue(info.first_year)
                self.last_year.setValue(info.last_year)
                self.summary.setText(
                    capitalised(
                        _("{kind} · {state} · version {version}").format(
                            kind=_(PLAN_KIND_TITLES[info.kind.value]),
                            state=label(info.state),
                            version=info.version_no,
                        )
                    )
                )
                suffix = f" ({self.language})" if len(info.languages) > 1 else ""
                self.title_label.setText(_("Title") + suffix)
                self.organisation_label.setText(_("Organisation") + suffix)
            else:
                self.summary.setText("")
        finally:
            self._loading = False
        ro = self._read_only
        for binding in self._bindings.values():
            binding.widget.setReadOnly(ro)
        yearly = info is not None and info.kind.is_yearly
        self.first_year.setReadOnly(ro)
        self.last_year.setReadOnly(ro or yearly)


class PlanPane(QWidget):
    """The plan pane: tabs for properties, chapters, units, roles and signatories.

    Owns the five pages; each page listens to the document itself and re-reads what
    a change names. Read-only when the file is read-only or the plan is not a draft.
    GUI thread only.
    """

    PROPERTIES, CHAPTERS, UNITS, ROLES, SIGNATORIES = range(5)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document: PlanDocument | None = None
        self.properties = PropertiesPage()
        self.chapters = ChaptersEditor()
        self.units = UnitsPage()
        self.roles = RolesPage()
        self.signatories = SignatoriesPage()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Parts of the plan"))
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.properties, _("Properties"))
        self.tabs.addTab(self.chapters, _("Chapters"))
        self.tabs.addTab(self.units, _("Units"))
        self.tabs.addTab(self.roles, _("Roles and matrix"))
        self.tabs.addTab(self.signatories, _("Signatories"))
        self.tabs.currentChanged.connect(lambda _i: self.commit_pending())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.set_document(None)

    @property
    def document(self) -> PlanDocument | None:
        return self._document

    @property
    def read_only(self) -> bool:
        return document_read_only(self._document)

    def set_document(self, document: PlanDocument | None) -> None:
        """Show and edit ``document``'s plan (``None``: nothing open)."""
        self._document = document
        self.properties.set_document(document)
        self.chapters.set_document(document)
        self.units.set_document(document)
        self.roles.set_document(document)
        self.signatories.set_document(document)

    def set_language(self, language: str) -> None:
        """Show and edit every text of the pane in ``language`` (one of the plan's)."""
        self.properties.set_language(language)
        self.chapters.set_language(language)
        self.units.set_language(language)
        self.roles.set_language(language)
        self.signatories.set_language(language)

    def show_page(self, page: int) -> None:
        """Show one of ``PROPERTIES``, ``CHAPTERS``, ``UNITS``, ``ROLES``, ``SIGNATORIES``."""
        self.tabs.setCurrentIndex(page)

    def commit_pending(self) -> None:
        """Commit text typed but not yet committed (before undo, save or closing)."""
        self.properties.commit_pending()
        self.chapters.commit_pending()
        self.signatories.commit_pending()
