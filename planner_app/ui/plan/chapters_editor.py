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
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner_app.domain.enums import GENERATED_KINDS, PESTEL_PARTS, SWOT_PARTS, SectionKind
from planner_app.domain.labels import label
from planner_app.errors import PlannerError
from planner_app.i18n import _
from planner_app.services import plans, sections
from planner_app.services.chapter_tree import ChapterEntry, made_parts_with_content, outline_of
from planner_app.services.common import (
    Changed,
    Entity,
    reshapes_plan,
)
from planner_app.ui.core.command import BaseCommand
from planner_app.ui.core.content_language import ContentLanguage
from planner_app.ui.core.document import Applied, Outcome, PlanDocument, document_read_only
from planner_app.ui.core.document_bound import DocumentBound
from planner_app.ui.core.labels import one_line
from planner_app.ui.core.text_fields import GrowingTextEdit, TextBinding
from planner_app.ui.core.translation_marks import ReferenceHint, field_with_reference
from planner_app.ui.plan.chapter_extras import ChapterImageBox, ChapterOptionsBox, ChapterTableBox
from planner_app.ui.plan.chapter_outline_panel import ChapterOutlinePanel
from planner_app.ui.plan.chapter_tree_view import ChapterTreeView, kind_label
from planner_app.ui.plan.commands import (
    SetSectionPartCommand,
    UpdateSectionCommand,
)
from planner_app.ui.plan.communication import CommunicationTableModel

ID_ROLE = Qt.ItemDataRole.UserRole + 1


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
        self._entries: list[ChapterEntry] = []
        self._current: sections.SectionInfo | None = None
        self.content = ContentLanguage()
        self._read_only = True
        self._loading = False
        self.communication = CommunicationTableModel(self, self)
        self._build()

    # --- building --------------------------------------------------------------------

    def _build(self) -> None:
        self.outline = ChapterOutlinePanel(self._entry_chosen, self.commit_pending)
        self.chapter_list = self.outline.tree
        left = self.outline

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

        self.options_box = ChapterOptionsBox()
        self.image_box = ChapterImageBox()
        self.table_box = ChapterTableBox()
        self.made_hint = QLabel()
        self.made_hint.setWordWrap(True)
        self.made_hint.setStyleSheet("color: palette(placeholder-text);")
        self.hint = QLabel(_("Select a chapter, or add one."))
        self.hint.setStyleSheet("color: palette(placeholder-text); font-style: italic;")
        self.editor = QWidget()
        editor_layout = QVBoxLayout(self.editor)
        editor_layout.addWidget(self.heading)
        editor_layout.addWidget(self.made_hint)
        editor_layout.addLayout(form)
        editor_layout.addWidget(self.options_box)
        editor_layout.addWidget(self.image_box)
        editor_layout.addWidget(self.table_box)
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
        splitter.setSizes([420, 680])
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
        self.outline.select(section_id)

    def current_row(self) -> int:
        """The chosen chapter's place in the document order (-1: none)."""
        entry = self.chapter_list.current_entry()
        ids = [e.id for e in self._entries]
        return ids.index(entry.id) if entry is not None and entry.id in ids else -1

    def set_current_row(self, row: int) -> None:
        entry = self._entries[row] if 0 <= row < len(self._entries) else None
        self.outline.select(entry.id if entry is not None else None)

    def commit_pending(self) -> None:
        if self._current is None or self._read_only:
            return
        for binding in self._bindings.values():
            binding.commit()

    # --- chapter edits -----------------------------------------------------------------

    def add_chapter(self, kind: SectionKind | str, *, child: bool = False) -> uuid.UUID | None:
        """A chapter of ``kind`` after the chosen one (``child``: under it)."""
        self.outline.language = self.content.current
        return self.outline.add_chapter(kind, child=child)

    def remove_chapter(self) -> bool:
        return self.outline.remove_chapter()

    def move_chapter(self, step: int) -> bool:
        return self.outline.move_chapter(step)

    def indent_chapter(self) -> bool:
        return self.outline.indent()

    def outdent_chapter(self) -> bool:
        return self.outline.outdent()

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
        elif changed.entity in (
            Entity.SECTION,
            Entity.COMMUNICATION_ROW,
            Entity.TABLE_ROW,
            Entity.IMAGE,
        ):
            self._apply(changed)
        elif changed.entity in (
            Entity.OBJECTIVE,
            Entity.BUDGET_LINE,
            Entity.STAFFING,
            Entity.SIGNATORY,
        ) and changed.op in ("created", "deleted", "restored"):
            # a made part gets or loses content to print: the numbers may move
            self._reload(select=self._current.id if self._current else None)

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
        column = ChapterTreeView.TITLE
        for section in found:
            item = self.chapter_list.item_of(section.id)
            title = one_line(self.content.shown(section.title))
            if item is not None and item.text(column) != title:
                item.setText(column, title)
                item.setToolTip(column, title)
        current = self._current.id if self._current else None
        self._show(next((s for s in found if s.id == current), None))

    def _reload(self, *, select: uuid.UUID | SectionKind | None) -> None:
        document = self._document
        self._read_only = document_read_only(document)
        self._sections = []
        self._entries = []
        if document is not None:
            try:
                info = plans.plan_info(document.store, document.plan_id)
                self.content.set_languages(info.languages)
                self._sections = sections.load_sections(document.store, document.plan_id)
                self._entries = outline_of(
                    self._sections, made_parts_with_content(document.store, document.plan_id)
                )
            except PlannerError:
                self._sections, self._entries = [], []
        self.communication.set_languages(self.content.languages)
        self.communication.set_read_only(self._read_only)
        self._loading = True
        self.outline.language = self.content.current
        self.outline.show_entries(
            document, self._entries, self._title_of, read_only=self._read_only, current=select
        )
        self._loading = False
        self._entry_chosen(self.chapter_list.current_entry(), force=True)

    def _title_of(self, entry: ChapterEntry) -> str:
        if entry.title:
            return self.content.shown(entry.title)
        return kind_label(entry.kind) if entry.generated else ""

    def _with_reference(self, key: str, edit) -> QWidget:
        box, self.references[key] = field_with_reference(self, edit)
        return box

    def set_language(self, language: str) -> None:
        """Show and edit the chapters' texts in ``language`` (one of the plan's)."""
        self.commit_pending()
        self.communication.set_language(language)
        if self.content.choose(language):
            self._reload(select=self._current.id if self._current else None)

    def _entry_chosen(self, entry: ChapterEntry | None, *, force: bool = False) -> None:
        if self._loading and not force:
            return
        if not force:
            self.commit_pending()
        self.outline.update_actions()
        section = next((s for s in self._sections if entry and s.id == entry.id), None)
        self._show(section, entry)

    def _show(
        self, section: sections.SectionInfo | None, entry: ChapterEntry | None = None
    ) -> None:
        same = section is not None and self._current is not None and section.id == self._current.id
        self._current = section
        if section is None and entry is not None and not entry.placed:
            self.hint.setText(
                _(
                    "{part} print after the chapters. To place them among the chapters, "
                    "choose a chapter and Add chapter → {part}."
                ).format(part=kind_label(entry.kind))
            )
        else:
            self.hint.setText(_("Select a chapter, or add one."))
        self.hint.setVisible(section is None)
        self.editor.setVisible(section is not None)
        made = section is not None and section.kind in GENERATED_KINDS
        self.made_hint.setVisible(made)
        if made and section is not None:
            self.made_hint.setText(
                _(
                    "This chapter places the {part} the app makes from the plan; its title "
                    "(empty: ours, in the document's language) and text print before them."
                ).format(part=label(section.kind).lower())
            )
        for box in (self.options_box, self.image_box, self.table_box):
            box.show_section(self._document, section, self._read_only)
        self.table_box.set_language(self.content)
        communication = section is not None and section.holds(SectionKind.COMMUNICATION)
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
            held = set(section.kinds or (section.kind,)) if section else set()
            self.pestel_box.setVisible(SectionKind.PESTEL in held)
            self.swot_box.setVisible(SectionKind.SWOT in held)
            self.communication_box.setVisible(SectionKind.COMMUNICATION in held)
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
        self.outline.update_actions()
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
    if changed.extra.get("table") or {"numbered", "also"} & set(changed.new):
        return None  # a table, the numbering or the kinds: read again (numbers may move)
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
