"""The place and date printed above the signature blocks, on the Signatories tab.

Seed 003 §6 opens its signature page with "Gedaan te Brussel op" and leaves the date to
be written by hand; the plan keeps both as document fields (``services.plan_document``:
``signing_place`` per content language, ``signing_date`` or none), fixed with the plan
when it is made final. Each edit is one undo step (``UpdateDocumentCommand``); a line
under the fields shows it as the document prints it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from planner_app.errors import PlannerError
from planner_app.i18n import _, translator
from planner_app.services import plan_document, plans
from planner_app.ui.core.content_language import ContentLanguage
from planner_app.ui.core.document import Applied, PlanDocument, document_read_only
from planner_app.ui.core.text_fields import TextBinding
from planner_app.ui.plan.commands import UpdateDocumentCommand


class SigningLineEditor(QWidget):
    """Edits the plan's place and date of signing; owns its widgets and the
    ``DocumentInfo`` last read (re-read after every change to the plan). GUI thread
    only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document: PlanDocument | None = None
        self._info: plan_document.DocumentInfo | None = None
        self._languages: tuple[str, ...] = ()
        self._loading = False
        self._read_only = True
        self.content = ContentLanguage()
        self.place_edit = QLineEdit()
        self.place_edit.setObjectName("signing_place")
        self.place_edit.setPlaceholderText(_("e.g. Brussel"))
        self.place = TextBinding(self, self.place_edit, "signing_place", self._commit_place)
        self.dated = QCheckBox(_("Print the date"))
        self.dated.setObjectName("signing_dated")
        self.dated.setToolTip(
            _("Without a date the document leaves room to write it by hand when signing.")
        )
        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setObjectName("signing_date")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd/MM/yyyy")
        self.date_edit.setKeyboardTracking(False)
        self.dated.toggled.connect(self._commit_date)
        self.date_edit.dateChanged.connect(self._commit_date)
        self.preview = QLabel()
        self.preview.setObjectName("signing_preview")
        self.preview.setStyleSheet("color: palette(placeholder-text);")
        date_row = QHBoxLayout()
        date_row.addWidget(self.dated)
        date_row.addWidget(self.date_edit)
        date_row.addStretch(1)
        self.place_label = QLabel(_("Place of signing"))
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.place_label, self.place_edit)
        form.addRow(_("Date of signing"), date_row)
        form.addRow("", self.preview)

    @property
    def language(self) -> str:
        return self.content.current

    def set_document(self, document: PlanDocument | None) -> None:
        self.commit_pending()
        if self._document is not None:
            self._document.changed.disconnect(self._on_changed)
        self._document = document
        if document is not None:
            document.changed.connect(self._on_changed)
        self.reload()

    def set_language(self, language: str) -> None:
        self.commit_pending()
        if self.content.choose(language):
            self.reload()

    def commit_pending(self) -> None:
        if self._info is not None and not self._read_only:
            self.place.commit()

    def _on_changed(self, applied: Applied) -> None:
        if applied.changed.entity == "plan":
            self.reload()

    def reload(self) -> None:
        document = self._document
        self._read_only = document_read_only(document)
        self._info = None
        self._languages = ()
        if document is not None:
            try:
                self._info = plan_document.document_info(document.store, document.plan_id)
                self._languages = plans.plan_info(document.store, document.plan_id).languages
            except PlannerError:
                self._info = None
        info = self._info
        self.content.set_languages(self._languages if info else ())
        self._loading = True
        try:
            self.place.load(info.signing_place.get(self.language, "") if info else "", force=True)
            dated = info is not None and info.signing_date is not None
            self.dated.setChecked(dated)
            if info is not None and info.signing_date is not None:
                self.date_edit.setDate(QDate(info.signing_date))
            suffix = f" ({self.language})" if info and len(self._languages) > 1 else ""
            self.place_label.setText(_("Place of signing") + suffix)
        finally:
            self._loading = False
        self.place_edit.setReadOnly(self._read_only)
        self.dated.setEnabled(not self._read_only and info is not None)
        self.date_edit.setEnabled(not self._read_only and self.dated.isChecked())
        self.preview.setText(self._preview())

    def _preview(self) -> str:
        """The line as the document prints it in the content language shown."""
        info = self._info
        if info is None:
            return ""
        from planner_app.exporting.pdf_signatures import signing_line

        place = info.signing_place.get(self.language, "")
        return signing_line(translator(self.language), place, info.signing_date, self.language)

    def _commit_place(self, binding: TextBinding) -> None:
        info = self._info
        if info is None or self._loading or self._read_only:
            return
        text = binding.text().strip()
        if text == binding.committed:
            binding.load(text, force=True)
            return
        value = {**info.signing_place, self.language: text}
        key = ("plan", "signing_place", binding.session)
        if not self._run("signing_place", value, key):
            self.reload()

    def _commit_date(self, *_args: object) -> None:
        info = self._info
        if info is None or self._loading or self._read_only:
            return
        self.date_edit.setEnabled(self.dated.isChecked())
        value: dt.date | None = self.date_edit.date().toPython() if self.dated.isChecked() else None
        merge = ("plan", "signing_date")  # stepping through the calendar: one undo step
        if value != info.signing_date and not self._run("signing_date", value, merge):
            self.reload()

    def _run(self, field: str, value: object, merge_key: Hashable | None = None) -> bool:
        assert self._document is not None
        command = UpdateDocumentCommand(self._document, field, value, merge_key=merge_key)
        return bool(self._document.run(command, initiator=self))
