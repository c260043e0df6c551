"""The Chapters page of the plan pane: the list of narrative chapters (add, move,
remove) and an editor for the selected one (title, text, PESTEL factors, SWOT
quadrants, or the communication plan's table)."""

from __future__ import annotations

import dataclasses
import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner_app.domain.enums import PESTEL_PARTS, SWOT_PARTS, SectionKind
from planner_app.domain.labels import label
from planner_app.errors import PlannerError
from planner_app.i18n import _
from planner_app.services import plans, sections
from planner_app.services.common import (
    Changed,
    Entity,
    reshapes_plan,
)
from planner_app.ui.core.command import BaseCommand
from planner_app.ui.core.content_language import ContentLanguage
from planner_app.ui.core.document import Applied, Outcome, PlanDocument, document_read_only
from planner_app.ui.core.document_bound import DocumentBound
from planner_app.ui.core.labels import capitalised, one_line
from planner_app.ui.core.text_fields import GrowingTextEdit, TextBinding
from planner_app.ui.core.translation_marks import ReferenceHint, field_with_reference
from planner_app.ui.plan.commands import (
    AddSectionCommand,
    SetSectionPartCommand,
    UpdateSectionCommand,
    delete_section_command,
    move_section_command,
)
from planner_app.ui.plan.communication import CommunicationTableModel

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def kind_label(kind: SectionKind | str) -> str:
    return capitalised(label(kind))


class ChaptersEditor(DocumentBound, QWidget):
    """Lists the plan's chapters and edits the selected one.

    Owns its widgets and the communication table model (passive: it gives it the rows
    and runs its edits, ``run``); holds the chapters (``SectionInfo``) read when the
    plan is shown and brought up to date by each change: a text, a part or a cell is
    applied in place (no read), a chapter or row added, removed or moved reads them
    again. Texts are edited in the content language chosen (``set_language``), the
    main language's text shown under each field being translated. GUI thread only.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document: PlanDocument | None = None
        self._sections: list[sections.SectionInfo] = []
        self._current: sections.SectionInfo | None = None
        self.content = ContentLanguage()
        self._read_only = True
        self._loading = False
        self.communication = CommunicationTableModel(self, self)
        self._build()

    # --- building --------------------------------------------------------------------

    def _build(self) -> None:
        self.chapter_list = QTreeWidget()
        self.chapter_list.setObjectName("chapter_list")
        self.chapter_list.setRootIsDecorated(False)
        self.chapter_list.setAlternatingRowColors(True)
        self.chapter_list.setHeaderLabels([_("Chapter"), _("Kind")])
        self.chapter_list.header().setStretchLastSection(False)
        self.chapter_list.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.chapter_list.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.chapter_list.currentItemChanged.connect(
            lambda *_a: self._chapter_chosen(self.current_row())
        )
        self.add_button = QPushButton(_("Add chapter"))
        menu = QMenu(self.add_button)
        for kind in SectionKind:
            action = menu.addAction(kind_label(kind))
            action.triggered.connect(lambda _checked=False, k=kind: self.add_chapter(k))
        self.add_button.setMenu(menu)
        self.remove_button = QPushButton(_("Remove"))
        self.up_button = QPushButton(_("Move up"))
        self.down_button = QPushButton(_("Move down"))
        self.remove_button.clicked.connect(self.remove_chapter)
        self.up_button.clicked.connect(lambda: self.move_chapter(-1))
        self.down_button.clicked.connect(lambda: self.move_chapter(+1))
        buttons = QGridLayout()
        buttons.addWidget(self.add_button, 0, 0)
        buttons.addWidget(self.remove_button, 0, 1)
        buttons.addWidget(self.up_button, 1, 0)
        buttons.addWidget(self.down_button, 1, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.chapter_list)
        left_layout.addLayout(buttons)

        self.heading = QLabel()
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.heading.setFont(font)
        self.title_edit = QLineEdit()
        self.body_edit = GrowingTextEdit(min_lines=4)
        self._bindings: dict[str, TextBinding] = {
            "title": TextBinding(self, self.title_edit, "title", self.commit_text),
            "body": TextBinding(self, self.body_edit, "body", self.commit_text),
        }
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.references: dict[str, ReferenceHint] = {}
        form.addRow(_("Title"), self._with_reference("title", self.title_edit))
        form.addRow(_("Text"), self._with_reference("body", self.body_edit))

        self.pestel_box = QGroupBox(_("PESTEL factors"))
        pestel_form = QFormLayout(self.pestel_box)
        pestel_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key in PESTEL_PARTS:
            edit = GrowingTextEdit(min_lines=2)
            edit.setObjectName(f"part_{key}")
            self._bindings[key] = TextBinding(self, edit, key, self.commit_text)
            pestel_form.addRow(label(key), self._with_reference(key, edit))

        self.swot_box = QGroupBox(_("SWOT quadrants"))
        swot_grid = QGridLayout(self.swot_box)
        for i, key in enumerate(SWOT_PARTS):
            edit = GrowingTextEdit(min_lines=5)
            edit.setObjectName(f"part_{key}")
            self._bindings[key] = TextBinding(self, edit, key, self.commit_text)
            cell = QVBoxLayout()
            name = QLabel(label(key))
            bold = name.font()
            bold.setBold(True)
            name.setFont(bold)
            cell.addWidget(name)
            cell.addWidget(self._with_reference(key, edit))
            cell.addStretch(1)  # both quadrants of a row start at the top
            swot_grid.addLayout(cell, i // 2, i % 2)
        swot_grid.setColumnStretch(0, 1)
        swot_grid.setColumnStretch(1, 1)

        self.communication_box = QGroupBox(_("Communication plan"))
        self.communication_view = QTableView()
        self.communication_view.setObjectName("communication_table")
        self.communication_view.setModel(self.communication)
        self.communication_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.communication_view.setWordWrap(True)
        self.communication_view.verticalHeader().setVisible(False)
        self.communication_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch
        )
        self.communication_view.setMinimumHeight(320)
        self.add_row_button = QPushButton(_("Add row"))
        self.remove_row_button = QPushButton(_("Remove row"))
        self.add_row_button.clicked.connect(self.add_communication_row)
        self.remove_row_button.clicked.connect(self.remove_communication_row)
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(self.add_row_button)
        row_buttons.addWidget(self.remove_row_button)
        row_buttons.addStretch(1)
        comm_layout = QVBoxLayout(self.communication_box)
        comm_layout.addWidget(self.communication_view)
        comm_layout.addLayout(row_buttons)

        self.hint = QLabel(_("Select a chapter, or add one."))
        self.hint.setStyleSheet("color: palette(placeholder-text); font-style: italic;")
        self.editor = QWidget()
        editor_layout = QVBoxLayout(self.editor)
        editor_layout.addWidget(self.heading)
        editor_layout.addLayout(form)
        editor_layout.addWidget(self.pestel_box)
        editor_layout.addWidget(self.swot_box)
        editor_layout.addWidget(self.communication_box)
        editor_layout.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.hint)
        right_layout.addWidget(self.editor)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(right)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("chapters_splitter")
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([330, 670])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.communication_view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.communication.modelReset.connect(self._update_buttons)
        self._show(None)

    # --- public API --------------------------------------------------------------------

    @property
    def current_section(self) -> sections.SectionInfo | None:
        return self._current

    @property
    def read_only(self) -> bool:
        return self._read_only

    def part_edit(self, key: str) -> GrowingTextEdit:
        """The editor of a PESTEL factor or SWOT quadrant."""
        widget = self._bindings[key].widget
        assert isinstance(widget, GrowingTextEdit)
        return widget

    def set_document(self, document: PlanDocument | None) -> None:
        self.commit_pending()
        self._current = None
        super().set_document(document)

    def reload(self) -> None:
        self._reload(select=self._current.id if self._current else None)

    def select_section(self, section_id: uuid.UUID | None) -> None:
        row = next((i for i, s in enumerate(self._sections) if s.id == section_id), -1)
        self.set_current_row(row)

    def current_row(self) -> int:
        item = self.chapter_list.currentItem()
        return self.chapter_list.indexOfTopLevelItem(item) if item is not None else -1

    def set_current_row(self, row: int) -> None:
        item = self.chapter_list.topLevelItem(row) if row >= 0 else None
        self.chapter_list.setCurrentItem(item)
        if item is None:
            self.chapter_list.clearSelection()

    def commit_pending(self) -> None:
        if self._current is None or self._read_only:
            return
        for binding in self._bindings.values():
            binding.commit()

    # --- chapter edits -----------------------------------------------------------------

    def add_chapter(self, kind: SectionKind | str) -> uuid.UUID | None:
        if self._document is None or self._read_only:
            return None
        self.commit_pending()
        command = AddSectionCommand(
            self._document, SectionKind(kind).value, {self.content.current: kind_label(kind)}
        )
        if not self.run(command):
            return None
        self.select_section(command.row_id)
        return command.row_id

    def remove_chapter(self) -> bool:
        if self._document is None or self._read_only or self._current is None:
            return False
        self.commit_pending()
        row = self.current_row()
        if not self.run(delete_section_command(self._document, self._current.id)):
            return False
        if self._sections:
            self.set_current_row(min(row, len(self._sections) - 1))
        return True

    def move_chapter(self, step: int) -> bool:
        if self._document is None or self._read_only or self._current is None:
            return False
        row = self.current_row()
        target = row + step
        if not 0 <= target < len(self._sections):
            return False
        self.commit_pending()
        section_id = self._current.id
        command = move_section_command(self._document, section_id, row, target)
        if not self.run(command):
            return False
        self.select_section(section_id)
        return True

    def add_communication_row(self) -> int:
        row = self.communication.add_row()
        if row >= 0:
            index = self.communication.index(row, 0)
            self.communication_view.setCurrentIndex(index)
        return row

    def remove_communication_row(self) -> bool:
        rows = {i.row() for i in self.communication_view.selectionModel().selectedRows()}
        return len(rows) == 1 and self.communication.remove_row(rows.pop())

    def commit_text(self, binding: TextBinding) -> None:
        if self._document is None or self._current is None or self._loading:
            return
        if self._read_only:
            return
        section = self._current
        text = binding.text()
        if binding.field == "title":
            text = text.strip()
        if text == binding.committed:
            binding.load(text, force=True)
            return
        merge_key = ("chapter", section.id, binding.field, binding.session)
        value = {self.content.current: text}
        if binding.field in ("title", "body"):
            old = getattr(section, binding.field)
            command: BaseCommand = UpdateSectionCommand(
                self._document, section.id, binding.field, value, merge_key=merge_key
            )
        else:
            old = section.parts.get(binding.field, {})
            command = SetSectionPartCommand(
                self._document, section.id, binding.field, value, merge_key=merge_key
            )
        if self.run(command):
            binding.load(text, force=True)
        else:
            binding.load(self.content.edited(old), force=True)

    # --- edits (the communication table runs its edits here) ---------------------------

    def run(self, command: BaseCommand) -> Outcome:
        """Run an edit of this editor or its table and show what it changed."""
        if self._document is None:
            return Outcome(reason="")
        outcome = self._document.run(command, initiator=self)
        if outcome.changed is not None:
            self._apply(outcome.changed)
        return outcome

    def refuse(self, reason: str) -> None:
        if self._document is not None:
            self._document.refuse(reason, self)

    # --- following changes --------------------------------------------------------------

    def _on_changed(self, applied: Applied) -> None:
        if applied.initiator is self:
            return  # shown already, from the outcome
        changed = applied.changed
        if changed.entity is Entity.PLAN:
            if reshapes_plan(changed):
                self.reload()
        elif changed.entity in (Entity.SECTION, Entity.COMMUNICATION_ROW):
            self._apply(changed)

    def _apply(self, changed: Changed) -> None:
        """Show the chapters as ``changed`` left them: in place for an update, else
        read them again (a chapter that appears is shown)."""
        found = _patched(self._sections, changed)
        if found is None:
            select = self._current.id if self._current else None
            if changed.entity is Entity.SECTION and changed.op in ("created", "restored"):
                select = changed.ids[0]  # a chapter (re)appears: show it
            self._reload(select=select)
            return
        self._sections = found
        for row, section in enumerate(found):
            item = self.chapter_list.topLevelItem(row)
            title = one_line(self.content.shown(section.title))
            if item is not None and item.text(0) != title:
                item.setText(0, title)
                item.setToolTip(0, title)
        current = self._current.id if self._current else None
        self._show(next((s for s in found if s.id == current), None))

    def _reload(self, *, select: uuid.UUID | None) -> None:
        document = self._document
        self._read_only = document_read_only(document)
        self._sections = []
        if document is not None:
            try:
                info = plans.plan_info(document.store, document.plan_id)
                self.content.set_languages(info.languages)
                self._sections = sections.load_sections(document.store, document.plan_id)
            except PlannerError:
                self._sections = []
        self.communication.set_languages(self.content.languages)
        self.communication.set_read_only(self._read_only)
        self._loading = True
        self.chapter_list.blockSignals(True)
        self.chapter_list.clear()
        for section in self._sections:
            title = one_line(self.content.shown(section.title))
            item = QTreeWidgetItem([title, kind_label(section.kind)])
            item.setData(0, ID_ROLE, str(section.id))
            item.setToolTip(0, title)
            self.chapter_list.addTopLevelItem(item)
        row = next((i for i, s in enumerate(self._sections) if s.id == select), -1)
        self.set_current_row(row)
        self.chapter_list.blockSignals(False)
        self._loading = False
        self._show(self._sections[row] if row >= 0 else None)

    def _with_reference(self, key: str, edit) -> QWidget:
        box, self.references[key] = field_with_reference(self, edit)
        return box

    def set_language(self, language: str) -> None:
        """Show and edit the chapters' texts in ``language`` (one of the plan's)."""
        self.commit_pending()
        self.communication.set_language(language)
        if self.content.choose(language):
            self._reload(select=self._current.id if self._current else None)

    def _chapter_chosen(self, row: int) -> None:
        if self._loading:
            return
        self.commit_pending()
        self._show(self._sections[row] if 0 <= row < len(self._sections) else None)

    def _show(self, section: sections.SectionInfo | None) -> None:
        same = section is not None and self._current is not None and section.id == self._current.id
        self._current = section
        self.hint.setVisible(section is None)
        self.editor.setVisible(section is not None)
        communication = section is not None and section.kind is SectionKind.COMMUNICATION
        self.communication.set_section(
            section.id if communication else None,
            section.rows if communication and section is not None else (),
        )
        self._loading = True
        try:
            lang, main = self.content.current, self.content.main
            texts: dict[str, dict[str, str]] = {}
            if section is not None:
                self.heading.setText(kind_label(section.kind))
                texts = {"title": section.title, "body": section.body}
                texts |= {key: section.parts.get(key, {}) for key in (*PESTEL_PARTS, *SWOT_PARTS)}
            for key, binding in self._bindings.items():
                binding.load(texts.get(key, {}).get(lang, ""), force=section is None or not same)
                self.references[key].show_reference(texts.get(key, {}).get(main, ""), main, lang)
            kind = section.kind if section else None
            self.pestel_box.setVisible(kind is SectionKind.PESTEL)
            self.swot_box.setVisible(kind is SectionKind.SWOT)
            self.communication_box.setVisible(kind is SectionKind.COMMUNICATION)
        finally:
            self._loading = False
        self._apply_read_only()

    def _apply_read_only(self) -> None:
        ro = self._read_only
        for binding in self._bindings.values():
            binding.widget.setReadOnly(ro)
        self.communication_view.setEditTriggers(
            QAbstractItemView.EditTrigger.NoEditTriggers
            if ro
            else QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self._update_buttons()

    def _update_buttons(self, *_args: object) -> None:
        editable = self._document is not None and not self._read_only
        row = self.current_row()
        chosen = editable and self._current is not None
        self.add_button.setEnabled(editable)
        self.remove_button.setEnabled(chosen)
        self.up_button.setEnabled(chosen and row > 0)
        self.down_button.setEnabled(chosen and row < len(self._sections) - 1)
        self.add_row_button.setEnabled(self.communication.editable())
        selected = self.communication_view.selectionModel().selectedRows()
        self.remove_row_button.setEnabled(self.communication.editable() and bool(selected))


def _patched(
    found: list[sections.SectionInfo], changed: Changed
) -> list[sections.SectionInfo] | None:
    """The chapters with an update applied: a title or text, a PESTEL or SWOT part, or
    a communication row's cells (``extra["row"]``). ``None``: read them again."""
    if changed.entity is not Entity.SECTION or changed.op != "updated" or not changed.new:
        return None
    section = next((s for s in found if s.id == changed.ids[0]), None)
    if section is None:
        return None
    new = dict(changed.new)
    if changed.extra.get("row") == "communication":
        row_id = changed.ids[-1]
        if not any(r.id == row_id for r in section.rows):
            return None
        rows = tuple(
            dataclasses.replace(r, cells={**r.cells, **new}) if r.id == row_id else r
            for r in section.rows
        )
        section = dataclasses.replace(section, rows=rows)
    elif set(new) <= {"title", "body"}:
        section = dataclasses.replace(section, **new)
    else:
        parts = {**section.parts, **new}
        section = dataclasses.replace(section, parts={k: v for k, v in parts.items() if v})
    return [section if s.id == section.id else s for s in found]
