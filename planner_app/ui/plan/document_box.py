"""How the plan presents itself as a document, on the Properties page (document type,
version label, logo), and where and when it is signed, on the Signatories page (the
place and the date printed above the signatures).

Both boxes are bound to the open document, re-read on a change of the plan, and run
one undo command per commit (typing in one field visit is one step). Set while the
plan is a draft: a final plan shows them read-only (they are part of what is fixed).
GUI thread only.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from planner_app.errors import PlannerError
from planner_app.i18n import N_, _, translator
from planner_app.services import images, plan_document, plans
from planner_app.ui.core.content_language import ContentLanguage
from planner_app.ui.core.document import Applied, PlanDocument, document_read_only
from planner_app.ui.core.text_fields import TextBinding
from planner_app.ui.plan.chapter_commands import SetImageCommand, document_field_command


class _DocumentFields(QGroupBox):
    """Text fields of ``services.plan_document``, in the content language chosen."""

    FIELDS: tuple[tuple[str, str, str], ...] = ()  # field, label, placeholder

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self._document: PlanDocument | None = None
        self.info: plan_document.DocumentInfo | None = None
        self.content = ContentLanguage()
        self.read_only = True
        self.form = QFormLayout(self)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.bindings: dict[str, TextBinding] = {}
        for field, text, placeholder in self.FIELDS:
            edit = QLineEdit()
            edit.setObjectName(field)
            edit.setPlaceholderText(_(placeholder))
            self.bindings[field] = TextBinding(self, edit, field, self.commit_text)
            self.form.addRow(_(text), edit)

    def set_document(self, document: PlanDocument | None) -> None:
        self.commit_pending()
        if self._document is not None:
            self._document.changed.disconnect(self._on_changed)
        self._document = document
        if document is not None:
            document.changed.connect(self._on_changed)
        self.reload(force=True)

    def set_language(self, language: str) -> None:
        self.commit_pending()
        if self.content.choose(language):
            self.reload(force=True)

    def commit_pending(self) -> None:
        if self.info is not None and not self.read_only:
            for binding in self.bindings.values():
                binding.commit()

    def _on_changed(self, applied: Applied) -> None:
        if applied.changed.entity in ("plan", "image"):
            self.reload(force=False)

    def reload(self, *, force: bool) -> None:
        document = self._document
        self.read_only = document_read_only(document)
        self.info = None
        if document is not None:
            try:
                self.info = plan_document.document_info(document.store, document.plan_id)
                languages = plans.plan_info(document.store, document.plan_id).languages
                self.content.set_languages(languages)
            except PlannerError:
                self.info = None
        for field, binding in self.bindings.items():
            texts = getattr(self.info, field) if self.info else {}
            binding.load(texts.get(self.content.current, ""), force=force)
            binding.widget.setReadOnly(self.read_only)
            main = texts.get(self.content.main, "")
            binding.widget.setToolTip(
                _("In {lang}: {text}").format(lang=self.content.main, text=main)
                if main and self.content.current != self.content.main
                else ""
            )
        self.reload_more()

    def reload_more(self) -> None:
        """What a subclass shows besides the text fields."""

    def commit_text(self, binding: TextBinding) -> None:
        if self.info is None or self._document is None or self.read_only:
            return
        text = binding.text().strip()
        old: dict[str, str] = getattr(self.info, binding.field)
        if text == old.get(self.content.current, ""):
            binding.load(text, force=True)
            return
        value = {**old, self.content.current: text}
        command = document_field_command(
            self._document, binding.field, value, ("document", binding.field, binding.session)
        )
        if self._document.run(command, initiator=self):
            binding.load(text, force=True)
        else:
            binding.load(old.get(self.content.current, ""), force=True)


class DocumentBox(_DocumentFields):
    """Document type (instead of the kind's name), version label, logo."""

    FIELDS = (
        (
            "document_type",
            N_("Document type"),
            N_("the kind's name, e.g. Contrat d'administration"),
        ),
        ("version_label", N_("Version label"), N_("as printed, e.g. Version de mai 2016")),
    )

    LOGO = 160

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Document"), parent)
        self.logo = QLabel()
        self.logo.setObjectName("logo_preview")
        self.choose_logo = QPushButton(_("Choose logo…"))
        self.remove_logo = QPushButton(_("Remove logo"))
        self.choose_logo.clicked.connect(lambda: self.set_logo())
        self.remove_logo.clicked.connect(self.clear_logo)
        row = QHBoxLayout()
        row.addWidget(self.logo)
        row.addWidget(self.choose_logo)
        row.addWidget(self.remove_logo)
        row.addStretch(1)
        self.form.addRow(_("Logo"), row)

    def reload_more(self) -> None:
        logo = self.info.logo if self.info else None
        self.logo.clear()
        self.logo.setText(_("none"))
        if logo is not None and self._document is not None:
            pixmap = QPixmap()
            pixmap.loadFromData(images.image_data(self._document.store, logo.id))
            if not pixmap.isNull():
                self.logo.setPixmap(
                    pixmap.scaled(
                        self.LOGO,
                        self.LOGO // 2,
                        Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    )
                )
        self.choose_logo.setEnabled(not self.read_only and self.info is not None)
        self.remove_logo.setEnabled(not self.read_only and logo is not None)

    def set_logo(self, path: str | None = None) -> bool:
        """Take the logo from an image file (asked for when ``path`` is not given)."""
        if self._document is None or self.read_only:
            return False
        if path is None:
            path, _filter = QFileDialog.getOpenFileName(
                self, _("Choose logo"), "", _("Images (*.png *.jpg *.jpeg)")
            )
            if not path:
                return False
        try:
            data = Path(path).read_bytes()
        except OSError as err:
            self._document.failed.emit(
                _("Cannot read {path}: {reason}").format(path=path, reason=err.strerror)
            )
            return False
        command = SetImageCommand(self._document, section_id=None, data=data, name=Path(path).name)
        return bool(self._document.run(command, initiator=self))

    def clear_logo(self) -> bool:
        if self._document is None or self.info is None or self.info.logo is None:
            return False
        command = SetImageCommand(self._document, section_id=None, data=None)
        return bool(self._document.run(command, initiator=self))


class SigningBox(_DocumentFields):
    """The place and the date printed above the signatures ("Gedaan te Brussel op 17
    mei 2022"): content of the plan, fixed with it; empty, the PDF leaves a line to
    fill in by hand."""

    FIELDS = (("signing_place", N_("Place"), N_("e.g. Brussel")),)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Place and date of signing"), parent)
        self.has_date = QCheckBox(_("Print a date"))
        self.date = QDateEdit()
        self.date.setObjectName("signing_date")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.has_date.clicked.connect(self._date_edited)
        self.date.editingFinished.connect(self._date_edited)
        row = QHBoxLayout()
        row.addWidget(self.has_date)
        row.addWidget(self.date)
        row.addStretch(1)
        self.form.addRow(_("Date"), row)
        # the line as the document prints it, in the content language shown
        self.preview = QLabel()
        self.preview.setObjectName("signing_preview")
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.form.addRow(_("Printed as"), self.preview)
        self._loading = False

    def reload_more(self) -> None:
        self._loading = True
        try:
            when = self.info.signing_date if self.info else None
            self.has_date.setChecked(when is not None)
            today = dt.date.today()
            shown = when or today
            self.date.setDate(QDate(shown.year, shown.month, shown.day))
            self.has_date.setEnabled(not self.read_only and self.info is not None)
            self.date.setEnabled(not self.read_only and when is not None)
        finally:
            self._loading = False
        self.preview.setText(self._preview())

    def _preview(self) -> str:
        if self.info is None:
            return ""
        from planner_app.exporting.pdf_signatures import signing_line  # reportlab: when shown

        language = self.content.current
        place = self.info.signing_place.get(language, "")
        return signing_line(translator(language), place, self.info.signing_date, language)

    def chosen_date(self) -> dt.date | None:
        if not self.has_date.isChecked():
            return None
        q = self.date.date()
        return dt.date(q.year(), q.month(), q.day())

    def _date_edited(self, *_args: Any) -> None:
        if self._loading or self.info is None or self._document is None or self.read_only:
            return
        value = self.chosen_date()
        if value == self.info.signing_date:
            self.date.setEnabled(value is not None)
            return
        command = document_field_command(self._document, "signing_date", value)
        if not self._document.run(command, initiator=self):
            self.reload(force=True)
