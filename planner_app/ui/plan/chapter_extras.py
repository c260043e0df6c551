"""What the chapters editor shows for a chapter besides its texts: whether it is
numbered and which further kinds it holds, its image, its simple table.

Each box is passive: the editor gives it the chapter as read (``show_section``) and it
runs an undo command for every change the user makes. GUI thread only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from planner_app.domain.enums import GENERATED_KINDS, SectionKind
from planner_app.errors import PlannerError
from planner_app.i18n import _
from planner_app.services import chapter_tables, images
from planner_app.services.sections import SectionInfo, TableRowInfo
from planner_app.ui.core.content_language import ContentLanguage
from planner_app.ui.core.document import PlanDocument
from planner_app.ui.core.undo_texts import undo_text
from planner_app.ui.plan.chapter_commands import (
    AddTableRowCommand,
    ColumnCommand,
    DeleteTableRowCommand,
    SetImageCommand,
    WriteCommand,
    chapter_field_command,
)
from planner_app.ui.plan.chapter_tree_view import kind_label

AnyIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
COMBINABLE = (
    SectionKind.MISSION,
    SectionKind.VISION,
    SectionKind.VALUES,
    SectionKind.STAKEHOLDERS,
    SectionKind.PESTEL,
    SectionKind.SWOT,
    SectionKind.COMMUNICATION,
)


class _Box(QGroupBox):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.document: PlanDocument | None = None
        self.section: SectionInfo | None = None
        self.read_only = True

    def show_section(
        self, document: PlanDocument | None, section: SectionInfo | None, read_only: bool
    ) -> None:
        self.document, self.section, self.read_only = document, section, read_only
        self.refresh()

    def refresh(self) -> None:
        raise NotImplementedError

    def run(self, command) -> bool:
        return self.document is not None and bool(self.document.run(command, initiator=None))


class ChapterOptionsBox(_Box):
    """Numbered or not, and the further kinds the chapter holds (a mission chapter
    that holds the vision too)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Chapter"), parent)
        self.numbered = QCheckBox(_("Numbered"))
        self.numbered.setToolTip(
            _("Unnumbered chapters (a foreword) take no number; nor do their sub-chapters.")
        )
        self.numbered.clicked.connect(self._numbered_clicked)
        self.kinds: dict[SectionKind, QCheckBox] = {}
        grid = QGridLayout()
        for n, kind in enumerate(COMBINABLE):
            box = QCheckBox(kind_label(kind))
            box.setObjectName(f"also_{kind.value}")
            box.clicked.connect(self._kinds_clicked)
            self.kinds[kind] = box
            grid.addWidget(box, n // 4, n % 4)
        self.holds = QLabel(_("Holds:"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.numbered)
        layout.addWidget(self.holds)
        layout.addLayout(grid)

    def refresh(self) -> None:
        section = self.section
        self.setVisible(section is not None)
        if section is None:
            return
        made = section.kind in GENERATED_KINDS
        self.holds.setVisible(not made)
        self.numbered.setChecked(section.numbered)
        self.numbered.setEnabled(not self.read_only)
        held = set(section.kinds)
        for kind, box in self.kinds.items():
            box.setChecked(kind in held)
            box.setEnabled(not self.read_only and not made and kind is not section.kind)
            box.setVisible(not made)

    def _numbered_clicked(self, checked: bool) -> None:
        if self.section is None or self.document is None:
            return
        command = chapter_field_command(self.document, self.section.id, "numbered", checked)
        if not self.run(command):
            self.refresh()

    def _kinds_clicked(self) -> None:
        if self.section is None or self.document is None:
            return
        also = tuple(
            k.value
            for k, box in self.kinds.items()
            if box.isChecked() and k is not self.section.kind
        )
        command = chapter_field_command(self.document, self.section.id, "also", also)
        if not self.run(command):
            self.refresh()


class ChapterImageBox(_Box):
    """The chapter's image (an organisation chart): shown small, chosen from a PNG or
    JPEG file, removed; every change undoable."""

    PREVIEW = 260

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Image"), parent)
        self.preview = QLabel()
        self.preview.setObjectName("chapter_image_preview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.facts = QLabel()
        self.facts.setStyleSheet("color: palette(placeholder-text);")
        self.choose_button = QPushButton(_("Choose image…"))
        self.remove_button = QPushButton(_("Remove image"))
        self.choose_button.clicked.connect(self.choose)
        self.remove_button.clicked.connect(self.remove)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview)
        layout.addWidget(self.facts)
        layout.addLayout(buttons)

    def refresh(self) -> None:
        section = self.section
        self.setVisible(section is not None and section.kind not in GENERATED_KINDS)
        info = section.image if section is not None else None
        self.preview.clear()
        if info is not None and self.document is not None:
            pixmap = QPixmap()
            try:
                pixmap.loadFromData(images.image_data(self.document.store, info.id))
            except PlannerError:
                pixmap = QPixmap()
            if not pixmap.isNull():
                self.preview.setPixmap(
                    pixmap.scaled(
                        self.PREVIEW,
                        self.PREVIEW,
                        Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    )
                )
            self.facts.setText(
                _("{name}: {w} × {h} pixels, {kb} kB").format(
                    name=info.name or info.mime, w=info.width, h=info.height, kb=info.size // 1024
                )
            )
        else:
            self.facts.setText(_("No image. PNG or JPEG, at most 5 MB."))
        self.choose_button.setEnabled(not self.read_only and section is not None)
        self.remove_button.setEnabled(not self.read_only and info is not None)

    def choose(self, path: str | None = None) -> bool:
        """Take an image from ``path`` (asked for when not given)."""
        if self.section is None or self.document is None or self.read_only:
            return False
        if path is None:
            path, _filter = QFileDialog.getOpenFileName(
                self, _("Choose image"), "", _("Images (*.png *.jpg *.jpeg)")
            )
            if not path:
                return False
        try:
            data = Path(path).read_bytes()
        except OSError as err:
            self.document.failed.emit(
                _("Cannot read {path}: {reason}").format(path=path, reason=err.strerror)
            )
            return False
        command = SetImageCommand(
            self.document, section_id=self.section.id, data=data, name=Path(path).name
        )
        return self.run(command)

    def remove(self) -> bool:
        if self.section is None or self.document is None or self.section.image is None:
            return False
        return self.run(SetImageCommand(self.document, section_id=self.section.id, data=None))


class ChapterTableModel(QAbstractTableModel):
    """The chapter's table rows (``TableRowInfo``): cells in the content language
    chosen; a typed cell writes its whole row (undo writes it back). GUI thread only."""

    def __init__(self, box: ChapterTableBox) -> None:
        super().__init__(box)
        self.box = box
        self.rows: list[TableRowInfo] = []
        self.content = ContentLanguage()

    def set_rows(self, rows: tuple[TableRowInfo, ...]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    @property
    def width(self) -> int:
        return max((len(r.cells) for r in self.rows), default=0)

    def rowCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = _ROOT) -> int:
        return 0 if parent.isValid() else self.width

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return _("Column {n}").format(n=section + 1)
        if 0 <= section < len(self.rows):
            return _("Head") if self.rows[section].header else str(section + 1)
        return None

    def _cell(self, index: AnyIndex) -> dict[str, str]:
        row = self.rows[index.row()]
        return row.cells[index.column()] if index.column() < len(row.cells) else {}

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        value = self.content.cell_data(self._cell(index), role)
        if role == Qt.ItemDataRole.FontRole and self.rows[index.row()].header and value is None:
            font = self.box.font()
            font.setBold(True)
            return font
        return value

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = super().flags(index)
        if not self.box.read_only:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or self.box.read_only or self.box.document is None:
            return False
        row = self.rows[index.row()]
        text = "" if value is None else str(value)
        cell = self._cell(index)
        if text == cell.get(self.content.current, ""):
            return False
        cells = [dict(c) for c in row.cells]
        cells += [{} for _n in range(self.width - len(cells))]
        cells[index.column()] = {**cells[index.column()], self.content.current: text}
        document, section = self.box.document, self.box.section
        assert section is not None
        command = WriteCommand(
            document,
            undo_text("table row", "edit"),
            lambda v: chapter_tables.set_table_cells(document.store, section.id, {row.id: v}),
            cells,
            lambda c: c.old["cells"][row.id],
        )
        return self.box.run(command)


class ChapterTableBox(_Box):
    """A chapter's simple table: rows and columns added and removed, a row made a
    header, cells typed in the content language chosen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_("Table"), parent)
        self.model = ChapterTableModel(self)
        self.view = QTableView()
        self.view.setObjectName("chapter_table")
        self.view.setModel(self.model)
        self.view.setMinimumHeight(160)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, text, slot in (
            ("add_row", _("Add row"), self.add_row),
            ("remove_row", _("Remove row"), self.remove_row),
            ("add_column", _("Insert column"), lambda: self.column(insert=True)),
            ("remove_column", _("Remove column"), lambda: self.column(insert=False)),
            ("header", _("Header row"), self.toggle_header),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _c=False, f=slot: f())
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addLayout(row)

    def set_language(self, content: ContentLanguage) -> None:
        self.model.content = content

    def refresh(self) -> None:
        section = self.section
        self.setVisible(section is not None and section.kind not in GENERATED_KINDS)
        self.model.set_rows(section.table if section is not None else ())
        editable = not self.read_only and section is not None
        has_rows = bool(self.model.rows)
        self.buttons["add_row"].setEnabled(editable)
        for key in ("remove_row", "add_column", "remove_column", "header"):
            self.buttons[key].setEnabled(editable and has_rows)

    def _current(self) -> tuple[int, int]:
        index = self.view.currentIndex()
        return (index.row(), index.column()) if index.isValid() else (-1, -1)

    def add_row(self) -> bool:
        if self.section is None or self.document is None or self.read_only:
            return False
        row, _column = self._current()
        position = row + 1 if row >= 0 else None
        return self.run(AddTableRowCommand(self.document, self.section.id, position, False))

    def remove_row(self) -> bool:
        row, _column = self._current()
        if self.document is None or not 0 <= row < len(self.model.rows):
            return False
        return self.run(DeleteTableRowCommand(self.document, self.model.rows[row].id))

    def column(self, *, insert: bool) -> bool:
        if self.section is None or self.document is None or not self.model.rows:
            return False
        _row, column = self._current()
        index = max(column, 0) + (1 if insert and column >= 0 else 0)
        if not insert and column < 0:
            return False
        return self.run(ColumnCommand(self.document, self.section.id, index, insert))

    def toggle_header(self) -> bool:
        row, _column = self._current()
        if self.document is None or not 0 <= row < len(self.model.rows):
            return False
        info = self.model.rows[row]
        document = self.document
        command = WriteCommand(
            document,
            undo_text("table row", "header"),
            lambda v: chapter_tables.update_table_row(document.store, info.id, header=v),
            not info.header,
            lambda c: c.old["header"],
        )
        return self.run(command)
