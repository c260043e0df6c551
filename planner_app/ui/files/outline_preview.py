"""The import preview: what each line of a document was recognised as, corrected by
the user before anything is written (issue 30).

Left, every line (``OutlineRowsModel``) with what it was taken for and why; right, the
chapters and objective tree as they will be imported, redrawn after each correction,
and what was recognised. Corrections act on the selected lines (all from the keyboard:
the "Recognised as" box, Ctrl+1…6, Ctrl+← / Ctrl+→ for a level up or down, Delete to
leave out or take back, Ctrl+M to merge with the line above, Ctrl+K to split; Ctrl+Z /
Ctrl+Shift+Z undo and redo them). A problem that would refuse the import (an
operational objective with no strategic one above it) is named with its line, and
Import waits until it is solved. Nothing is written here: the caller writes
``outline`` into ``target`` as one undoable step. GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

from planner_app.i18n import _
from planner_app.importing.corrections import (
    KIND_NAMES,
    KINDS,
    CorrectionError,
    kind_of,
    merge,
    set_excluded,
    set_kind,
    shift,
    split,
)
from planner_app.importing.model import Entry, Outline, Role
from planner_app.importing.render import recognition_lines
from planner_app.services.outline_import import check_tree
from planner_app.ui.core.palette_colours import error_colour
from planner_app.ui.files.outline_preview_model import (
    CODE,
    KIND,
    LINE,
    TEXT,
    WHY,
    OutlineRowsModel,
    fill_result_tree,
)

_HISTORY = 200  # corrections the preview can undo


class OutlinePreviewDialog(QDialog):
    """Shows ``outline``; ``targets`` are (key, label) of where it can go (the first is
    chosen); ``base_level`` is the level of the objective a pasted outline goes under."""

    def __init__(
        self,
        outline: Outline,
        targets: list[tuple[str, str]],
        *,
        base_level: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Import {source}").format(source=outline.source))
        self._outline = outline
        self._base_level = base_level
        self._undo: list[list[Entry]] = []
        self._redo: list[list[Entry]] = []
        self.model = OutlineRowsModel(self)
        self.model.set_entries(list(outline.entries))

        intro = QLabel(
            _(
                "Check what each line of {source} was recognised as. Correct a line's kind "
                "or level, merge or split lines, or leave lines out; nothing is written "
                "before you choose Import, and Edit → Undo takes the whole import back."
            ).format(source=outline.source)
        )
        intro.setWordWrap(True)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        header = self.table.horizontalHeader()
        for column, mode in (
            (LINE, QHeaderView.ResizeMode.ResizeToContents),
            (KIND, QHeaderView.ResizeMode.Interactive),
            (CODE, QHeaderView.ResizeMode.Interactive),
            (TEXT, QHeaderView.ResizeMode.Stretch),
            (WHY, QHeaderView.ResizeMode.Interactive),
        ):
            header.setSectionResizeMode(column, mode)
        header.resizeSection(KIND, 150)
        header.resizeSection(CODE, 90)
        header.resizeSection(WHY, 200)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.setAccessibleName(_("Lines of the document"))

        self.kind_box = QComboBox()
        for n, key in enumerate(KINDS):
            self.kind_box.addItem(_(KIND_NAMES[key]), n)
        self.kind_box.activated.connect(self._kind_chosen)
        kind_label = QLabel(_("&Recognised as:"))
        kind_label.setBuddy(self.kind_box)
        self.structure_box = QCheckBox(_("&Structure only (hide text)"))
        self.structure_box.toggled.connect(self._structure_only)

        self.actions_: list[QAction] = []
        self.up_action = self._action(_("Level &up"), lambda: self._shift(-1), "Ctrl+Left")
        self.down_action = self._action(_("Level &down"), lambda: self._shift(1), "Ctrl+Right")
        self.exclude_action = self._action(
            _("&Leave out / take back"), self._toggle_excluded, "Del"
        )
        self.merge_action = self._action(_("&Merge with the line above"), self._merge, "Ctrl+M")
        self.split_action = self._action(
            _("S&plit after the first sentence"), self._split, "Ctrl+K"
        )
        self.undo_action = self._action(
            _("Undo correction"), self.undo, QKeySequence.StandardKey.Undo
        )
        self.redo_action = self._action(
            _("Redo correction"), self.redo, QKeySequence.StandardKey.Redo
        )
        self.kind_actions = []
        for number, key in enumerate(KINDS, 1):
            action = self._action(
                _(KIND_NAMES[key]), lambda _c=False, k=key: self._set_kind(k), f"Ctrl+{number}"
            )
            self.kind_actions.append(action)
        kind_row = QHBoxLayout()
        kind_row.addWidget(kind_label)
        kind_row.addWidget(self.kind_box)
        kind_row.addStretch(1)
        kind_row.addWidget(self.structure_box)
        buttons_row = QHBoxLayout()
        for action in (
            self.up_action,
            self.down_action,
            self.exclude_action,
            self.merge_action,
            self.split_action,
        ):
            button = QPushButton(action.text())
            button.setToolTip(f"{action.text().replace('&', '')} ({action.shortcut().toString()})")
            button.setAutoDefault(False)
            button.clicked.connect(action.trigger)
            buttons_row.addWidget(button)
        buttons_row.addStretch(1)

        self.result = QTreeWidget()
        self.result.setHeaderLabel(_("As it will be imported"))
        self.result.setAccessibleName(_("As it will be imported"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        right = QWidget()
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 0, 0)
        right_column.addWidget(self.result, 1)
        right_column.addWidget(self.summary)

        left = QWidget()
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addLayout(kind_row)
        left_column.addLayout(buttons_row)
        left_column.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        self._sized = False

        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setTextFormat(Qt.TextFormat.PlainText)
        self.problems.setStyleSheet(f"color: {error_colour()};")
        self.target_box = QComboBox()
        for key, label in targets:
            self.target_box.addItem(label, key)
        form = QFormLayout()
        form.addRow(_("Import in&to:"), self.target_box)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(_("&Import"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        column = QVBoxLayout(self)
        column.addWidget(intro)
        column.addWidget(splitter, 1)
        column.addWidget(self.problems)
        column.addLayout(form)
        column.addWidget(self.buttons)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.resize(1280, 760)
        self._refresh(0)
        self.table.setFocus()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._sized:  # the tree of the result gets a third of the width
            self._sized = True
            width = self.splitter.width()
            self.splitter.setSizes([width * 2 // 3, width - width * 2 // 3])

    # --- what the caller reads ----------------------------------------------------------

    @property
    def entries(self) -> list[Entry]:
        return self.model.entries

    @property
    def outline(self) -> Outline:
        """The outline as corrected."""
        o = self._outline
        return Outline(list(self.model.entries), o.source, o.line_count, list(o.notes))

    @property
    def target(self) -> str:
        return self.target_box.currentData() or ""

    # --- corrections ----------------------------------------------------------------------

    def _action(self, text: str, slot: Callable[[], None], key) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        self.actions_.append(action)
        return action

    def selected(self) -> list[int]:
        """Entry indexes of the selected rows (the current one when none is)."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        return [self.model.shown[r] for r in rows if r < len(self.model.shown)]

    def select_entries(self, indexes: list[int]) -> None:
        """Select the rows of entries ``indexes`` (a test's or a caller's choice)."""
        self.table.clearSelection()
        model, selection = self.model, self.table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for n, index in enumerate(indexes):
            row_index = model.index(model.row_of(index), TEXT)
            if n == 0:
                selection.setCurrentIndex(row_index, flags)
            else:
                selection.select(row_index, flags)

    def _apply(self, change: Callable[[list[Entry]], list[Entry]], focus: int) -> bool:
        before = self.model.entries
        try:
            after = change(before)
        except CorrectionError as err:
            self.problems.setText(str(err))
            return False
        if after is before:
            return False
        self._undo.append(before)
        del self._undo[:-_HISTORY]
        self._redo.clear()
        self._show(after, focus)
        return True

    def _show(self, entries: list[Entry], focus: int) -> None:
        keep = self.selected()
        self.model.set_entries(entries)
        wanted = [i for i in keep if i < len(entries)] or [min(focus, len(entries) - 1)]
        self.select_entries(wanted if focus in keep or not keep else [focus])
        self._refresh(focus)

    def _set_kind(self, key: tuple[Role, str]) -> None:
        indexes = self.selected()
        if not indexes:
            return

        def change(entries: list[Entry]) -> list[Entry]:
            for index in indexes:
                entries = set_kind(entries, index, *key)
            return entries

        self._apply(change, indexes[0])

    def _kind_chosen(self, _row: int) -> None:
        self._set_kind(KINDS[self.kind_box.currentData()])
        self.table.setFocus()

    def _shift(self, delta: int) -> None:
        indexes = self.selected()

        def change(entries: list[Entry]) -> list[Entry]:
            for index in indexes:
                entries = shift(entries, index, delta)
            return entries

        if indexes:
            self._apply(change, indexes[0])

    def _toggle_excluded(self) -> None:
        indexes = self.selected()
        if indexes:
            leave_out = not self.model.entries[indexes[0]].excluded
            self._apply(lambda e: set_excluded(e, indexes, leave_out), indexes[0])

    def _merge(self) -> None:
        indexes = self.selected()
        if not indexes:
            return
        first, last = (
            (indexes[0] - 1, indexes[0]) if len(indexes) == 1 else (indexes[0], indexes[-1])
        )
        if first < 0:
            self.problems.setText(_("The first line has no line above it to merge with."))
            return
        if len(indexes) > 1 and indexes != list(range(first, last + 1)):
            self.problems.setText(_("Select lines that follow each other to merge them."))
            return
        self._apply(lambda e: merge(e, first, last), first)

    def _split(self) -> None:
        indexes = self.selected()
        if len(indexes) == 1:
            self._apply(lambda e: split(e, indexes[0]), indexes[0])
        elif indexes:
            self.problems.setText(_("Split one line at a time."))

    def undo(self) -> None:
        if self._undo:
            self._redo.append(self.model.entries)
            self._show(self._undo.pop(), (self.selected() or [0])[0])

    def redo(self) -> None:
        if self._redo:
            self._undo.append(self.model.entries)
            self._show(self._redo.pop(), (self.selected() or [0])[0])

    # --- showing ------------------------------------------------------------------------

    def _structure_only(self, on: bool) -> None:
        focus = (self.selected() or [0])[0]
        self.model.set_structure_only(on)
        self.select_entries([focus])

    def _refresh(self, focus: int) -> None:
        tree = self.outline.tree()
        count = fill_result_tree(self.result, tree)
        self.summary.setText("\n".join(_counts(recognition_lines(self.outline))))
        problems = check_tree(tree, self._base_level)
        if not problems and not count:
            problems = [_("Nothing to import: no chapter or objective was recognised.")]
        self.problems.setText(" ".join(problems))
        self.import_button.setEnabled(not problems)
        self.undo_action.setEnabled(bool(self._undo))
        self.redo_action.setEnabled(bool(self._redo))
        self._current_changed()
        index = self.table.currentIndex()
        if index.isValid():
            self.table.scrollTo(index)

    def _current_changed(self, *_args: object) -> None:
        indexes = self.selected()
        if not indexes:
            return
        key = kind_of(self.model.entries[indexes[0]])
        self.kind_box.setCurrentIndex(KINDS.index(key) if key in KINDS else -1)

    def _context_menu(self, pos) -> None:
        menu = QMenu(self)
        sub = menu.addMenu(_("Recognised as"))
        for action in self.kind_actions:
            sub.addAction(action)
        for action in (
            self.up_action,
            self.down_action,
            self.exclude_action,
            self.merge_action,
            self.split_action,
        ):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.undo_action)
        menu.addAction(self.redo_action)
        menu.exec(self.table.viewport().mapToGlobal(pos))


def _counts(lines: list[str]) -> list[str]:
    """The "Recognised:" block of ``recognition_lines`` (the shares of lines follow it)."""
    out = lines[:1]
    for line in lines[1:]:
        if not line.startswith(" "):
            break
        out.append(line.strip())
    return out
