"""The Budget tab: the budget tree-table, its tools, and a chart of the top-level
groups per year that follows every edit."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QSplitter,
    QToolBar,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from planner_app.i18n import _
from planner_app.services import (
    budget_read,
    tree_read,
)
from planner_app.services.history import budget_line_history
from planner_app.ui.budget.budget_tree import BudgetTreeModel
from planner_app.ui.budget.commands import (
    AddDimensionCommand,
    AddLineCommand,
    AllowNegativeCommand,
    DeleteLineCommand,
    LinkObjectiveCommand,
    MoveLineCommand,
    RemoveDimensionCommand,
    RenameDimensionCommand,
)
from planner_app.ui.core.charts import BarChart, refresher
from planner_app.ui.core.document import PlanDocument, document_read_only
from planner_app.ui.core.figure_grid import copy_mime, paste_source
from planner_app.ui.core.history_dialog import open_history
from planner_app.ui.core.labels import one_line, pick_text
from planner_app.ui.core.palette_colours import error_colour
from planner_app.ui.core.printed_totals import printed_total_action
from planner_app.ui.core.undo_texts import undo_text


def visible_rows(view: QTreeView) -> list[QModelIndex]:
    """The rows a user sees, top to bottom (collapsed lines' children left out)."""
    rows = []
    index = view.model().index(0, 0)
    while index.isValid():
        rows.append(index)
        index = view.indexBelow(index)
    return rows


class RefusalLabel(QLabel):
    """Why the last edit or paste of a figure table was refused, in red; takes no room
    while there is nothing to say."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setStyleSheet(f"color: {error_colour()};")
        self.setWordWrap(True)
        self.hide()

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        self.setText("")


class FigureTableView(QTreeView):
    """A tree view with spreadsheet copy and paste of its selected cells."""

    def __init__(self, model, message: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.message = message
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setAlternatingRowColors(False)
        self.setUniformRowHeights(True)
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.header().setStretchLastSection(False)
        model.modelReset.connect(self.expandAll)
        # a refusal speaks of the cell it was made in: moving on (a click elsewhere, an
        # arrow key) puts it away, as the next good edit does
        self.selectionModel().currentChanged.connect(lambda *_a: message.clear())
        self.copy_action = QAction(_("&Copy cells"), self)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.triggered.connect(self.copy_cells)
        self.paste_action = QAction(_("&Paste cells"), self)
        self.paste_action.setShortcut(QKeySequence.StandardKey.Paste)
        self.paste_action.triggered.connect(self.paste_cells)
        for action in (self.copy_action, self.paste_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)

    def copy_cells(self) -> None:
        mime = copy_mime(self.model(), self.selectedIndexes(), visible_rows(self))
        QGuiApplication.clipboard().setMimeData(mime)

    def paste_cells(self) -> bool:
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None or not mime.hasText():
            return False
        block, style = paste_source(mime)
        selected = sorted(
            self.selectedIndexes(), key=lambda i: (self.visualRect(i).y(), i.column())
        )
        start = selected[0] if selected else self.currentIndex()
        if self.model().paste(block, start, visible_rows(self), style):
            self.message.clear()
            return True
        return False


class BudgetEditor(QWidget):
    """Edits the budget of the document's plan; owns its model. GUI thread only."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document: PlanDocument | None = None
        self.model = BudgetTreeModel(self)
        self.message = RefusalLabel("budget_message")
        self.view = FigureTableView(self.model, self.message)
        self.view.setObjectName("budget_view")
        self.view.setAccessibleName(_("Budget lines and amounts (kEUR)"))
        self.model.refused.connect(self.message.setText)
        self.model.dataChanged.connect(self.message.clear)  # the next good edit: gone
        self.model.modelReset.connect(self._resize_columns)
        self.chart = BarChart()
        self.chart_timer = refresher(self, self.update_chart)
        self.model.totals_changed.connect(self.chart_timer.start)
        self.toolbar, self.view_bar = self._build_toolbars()
        splitter = QSplitter(Qt.Orientation.Horizontal)  # the chart's bars are rows too
        splitter.setObjectName("budget_splitter")  # kept between runs (main window)
        splitter.addWidget(self.view)
        splitter.addWidget(self.chart)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([800, 500])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.view_bar)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)
        self.view.selectionModel().currentChanged.connect(self._update_actions)
        self.model.modelReset.connect(self._update_actions)
        self.printed_action = printed_total_action(
            self, self.view, lambda: not document_read_only(self._document)
        )
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self._update_actions()

    def _context_menu(self, pos) -> None:
        """The line tools where the user right-clicks (the row under the mouse first)."""
        index = self.view.indexAt(pos)
        if index.isValid():
            self.view.setCurrentIndex(index)
        menu = QMenu(self)
        for action in (
            self.add_action,
            self.add_sub_action,
            self.remove_action,
            None,
            self.indent_action,
            self.outdent_action,
            None,
            self.link_action,
            self.negative_action,
            self.history_action,
            None,
            self.view.copy_action,
            self.view.paste_action,
            None,
            self.printed_action,
        ):
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.popup(self.view.viewport().mapToGlobal(pos))

    def _build_toolbars(self) -> tuple[QToolBar, QToolBar]:
        """The line tools; what is shown and the clipboard."""
        lines = bar = QToolBar()
        self.add_action = bar.addAction(_("Add line"), self.add_line)
        self.add_sub_action = bar.addAction(_("Add sub-line"), lambda: self.add_line(sub=True))
        self.remove_action = bar.addAction(_("Remove line"), self.remove_line)
        self.indent_action = bar.addAction(_("Indent"), self.indent)
        self.outdent_action = bar.addAction(_("Outdent"), self.outdent)
        bar.addSeparator()
        self.link_action = bar.addAction(_("Objectives…"), self.link_objectives)
        self.link_action.setToolTip(_("Choose the objectives this budget line funds."))
        self.negative_action = bar.addAction(_("Allow negative"))
        self.negative_action.setCheckable(True)
        self.negative_action.setToolTip(
            _("Allow negative amounts on this line (for example a correction or a saving).")
        )
        self.negative_action.triggered.connect(self.set_allow_negative)
        bar.addSeparator()
        self.history_action = bar.addAction(_("History…"), self.show_history)
        self.history_action.setToolTip(
            _("Who changed what of this budget line, and when (Ctrl+Shift+H).")
        )
        self.history_action.setShortcut(QKeySequence("Ctrl+Shift+H"))
        self.history_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        # What is shown and the clipboard go on a second row: one row of text buttons
        # overflowed behind » in French and Dutch beside the History dock.
        shown = bar = QToolBar()
        bar.addWidget(QLabel(_("Show:") + " "))
        self.choosers = {}
        for key, label in (
            ("years", _("Years")),
            ("stages", _("Stages")),
            ("credit_types", _("Credit types")),
        ):
            button = QToolButton()
            button.setText(label)
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            menu = QMenu(button)
            menu.aboutToShow.connect(lambda key=key, menu=menu: self._fill_chooser(key, menu))
            button.setMenu(menu)
            bar.addWidget(button)
            self.choosers[key] = button
        bar.addSeparator()
        bar.addAction(self.view.copy_action)
        bar.addAction(self.view.paste_action)
        return lines, shown

    # --- document ------------------------------------------------------------------

    def set_document(self, document: PlanDocument | None) -> None:
        self._document = document
        self.message.clear()
        self.model.set_document(document)
        self._update_actions()

    def set_language(self, language: str) -> None:
        self.model.beginResetModel()  # titles change; the view re-expands on reset
        self.model.language = language
        self.model.endResetModel()
        self.update_chart()

    def _resize_columns(self) -> None:
        self.view.setColumnWidth(0, 420)
        for column in range(1, self.model.columnCount()):
            self.view.setColumnWidth(column, 110)

    def _update_actions(self, *_args) -> None:
        writable = not document_read_only(self._document)
        info = self.model.line_info(self.view.currentIndex())
        for action in (self.add_action,):
            action.setEnabled(writable)
        for action in (
            self.add_sub_action,
            self.remove_action,
            self.indent_action,
            self.outdent_action,
            self.link_action,
        ):
            action.setEnabled(writable and info is not None)
        self.history_action.setEnabled(info is not None)  # read-only plans have history too
        self.negative_action.setEnabled(writable and info is not None and not info.is_group)
        self.negative_action.setChecked(bool(info is not None and info.allow_negative))
        self.view.paste_action.setEnabled(writable)
        self.printed_action.update_state()  # type: ignore[attr-defined]

    # --- shown columns ---------------------------------------------------------------

    def _fill_chooser(self, key: str, menu: QMenu) -> None:
        menu.clear()
        years, stages, types = self.model.available
        options = {"years": years, "stages": stages, "credit_types": types}[key]
        shown = getattr(self.model, key)
        for option in options:
            action = menu.addAction(str(option))
            action.setCheckable(True)
            action.setChecked(option in shown)
            action.toggled.connect(
                lambda checked, key=key, option=option: self._toggle(key, option, checked)
            )
        if key != "years" and not document_read_only(self._document):
            menu.addSeparator()
            kind = "stage" if key == "stages" else "credit_type"
            menu.addAction(_("Add…"), lambda: self.add_dimension(kind))
            if options:
                menu.addAction(_("Rename…"), lambda: self.rename_dimension(kind))
                menu.addAction(_("Remove…"), lambda: self.remove_dimension(kind))

    def _toggle(self, key: str, option, checked: bool) -> None:
        shown = list(getattr(self.model, key))
        if checked and option not in shown:
            shown.append(option)
        elif not checked and option in shown and len(shown) > 1:
            shown.remove(option)
        self.model.set_shown(**{key: shown})

    def add_dimension(self, kind: str, code: str | None = None) -> bool:
        if self._document is None:
            return False
        if code is None:
            title = _("Add budget stage") if kind == "stage" else _("Add credit type")
            code, ok = QInputDialog.getText(self, title, _("Code (one word, e.g. INI or VL):"))
            if not ok or not code.strip():
                return False
        return self._run(AddDimensionCommand(self._document, kind, code.strip()))

    def _pick_dimension(self, kind: str, title: str, code: str | None = None) -> str | None:
        """``code``, or ask which stage or credit type (None: cancelled or no plan)."""
        if self._document is None:
            return None
        if code:
            return code
        _years, stages, types = self.model.available
        codes = stages if kind == "stage" else types
        label = _("Budget stage:") if kind == "stage" else _("Credit type:")
        code, ok = QInputDialog.getItem(self, title, label, codes, 0, False)
        return code if ok and code else None

    def rename_dimension(self, kind: str, old: str | None = None, new: str | None = None) -> bool:
        """Give a stage or credit type a new code; its amounts follow. One undo step."""
        title = _("Rename budget stage") if kind == "stage" else _("Rename credit type")
        old = self._pick_dimension(kind, title, old)
        if old is None or self._document is None:
            return False
        if new is None:
            new, ok = QInputDialog.getText(
                self, title, _("New code for {code}:").format(code=old), text=old
            )
            if not ok or not new.strip() or new.strip() == old:
                return False
        return self._run(RenameDimensionCommand(self._document, kind, old, new.strip()))

    def remove_dimension(self, kind: str, code: str | None = None) -> bool:
        """Remove a stage or credit type; the service refuses one that holds amounts and
        the message says so."""
        title = _("Remove budget stage") if kind == "stage" else _("Remove credit type")
        code = self._pick_dimension(kind, title, code)
        if code is None or self._document is None:
            return False
        return self._run(RemoveDimensionCommand(self._document, kind, code))

    # --- lines -----------------------------------------------------------------------

    def set_allow_negative(self, allow: bool) -> bool:
        """Allow or forbid negative amounts on the current line (refused while it still
        holds a negative amount)."""
        info = self._current_line()
        if info is None or self._document is None or info.allow_negative == allow:
            self._update_actions()
            return False
        ok = self._run(AllowNegativeCommand(self._document, info.id, allow))
        self.select_line(info.id)
        self._update_actions()
        return ok

    def _run(self, command) -> bool:
        assert self._document is not None
        outcome = self._document.run(command, initiator=self)
        if outcome:
            self.message.setText("")
        return bool(outcome)

    def show_refusal(self, reason: str) -> None:
        """Why an edit of the budget was not made: under the table."""
        self.message.setText(reason)

    def _current_line(self):
        return self.model.line_info(self.view.currentIndex())

    def add_line(self, sub: bool = False, title: str | None = None) -> uuid.UUID | None:
        """A new line after the current one (or under it with ``sub``)."""
        if self._document is None:
            return None
        info = self._current_line()
        title = title or _("New budget line")
        if sub and info is not None:
            command = AddLineCommand(self._document, title=title, parent_id=info.id)
        elif info is not None:
            command = AddLineCommand(
                self._document, title=title, parent_id=info.parent_id, position=info.position + 1
            )
        else:
            command = AddLineCommand(self._document, title=title)
        if not self._run(command):
            return None
        self.select_line(command.line_id)
        return command.line_id

    def select_line(self, line_id: uuid.UUID | None, column: int = 0) -> None:
        index = self.model.index_of(line_id, column)
        if index.isValid():
            self.view.setCurrentIndex(index)

    def remove_line(self) -> bool:
        info = self._current_line()
        if info is None or self._document is None:
            return False
        return self._run(DeleteLineCommand(self._document, info.id))

    def indent(self) -> bool:
        """Move the current line under the line above it (as its last sub-line)."""
        info = self._current_line()
        if info is None or self._document is None or info.position == 0:
            return False
        siblings = [
            line
            for line in self.model.totals.lines  # type: ignore[union-attr]
            if line.parent_id == info.parent_id
        ]
        above = siblings[info.position - 1]
        count = sum(1 for line in self.model.totals.lines if line.parent_id == above.id)  # type: ignore[union-attr]
        command = MoveLineCommand(
            self._document,
            info.id,
            parent_id=above.id,
            position=count,
            origin=(info.parent_id, info.position),
            text=undo_text("budget line", "indent"),
        )
        ok = self._run(command)
        self.select_line(info.id)
        return ok

    def outdent(self) -> bool:
        """Move the current line out of its group, just after it."""
        info = self._current_line()
        if info is None or info.parent_id is None or self._document is None:
            return False
        parent = self.model.line_info(self.model.index_of(info.parent_id))
        assert parent is not None
        command = MoveLineCommand(
            self._document,
            info.id,
            parent_id=parent.parent_id,
            position=parent.position + 1,
            origin=(info.parent_id, info.position),
            text=undo_text("budget line", "outdent"),
        )
        ok = self._run(command)
        self.select_line(info.id)
        return ok

    def link_objectives(self) -> None:
        info = self._current_line()
        if info is None or self._document is None:
            return
        dialog = LinkDialog(self._document, info.id, self.model.title(info), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.apply_links(info.id, dialog.chosen())

    def apply_links(self, line_id: uuid.UUID, chosen: set[uuid.UUID]) -> None:
        """Link ``line_id`` to exactly ``chosen``: one undo step."""
        assert self._document is not None
        store, plan_id = self._document.store, self._document.plan_id
        current = budget_read.line_objectives(store, plan_id).get(line_id, set())
        changes = [(o, True) for o in chosen - current] + [(o, False) for o in current - chosen]
        if not changes:
            return
        stack = self._document.undo_stack
        stack.beginMacro(_("Link budget line to objectives"))
        try:
            for objective_id, linked in changes:
                self._run(LinkObjectiveCommand(self._document, line_id, objective_id, linked))
        finally:
            stack.endMacro()

    # --- chart -----------------------------------------------------------------------

    def show_history(self) -> QDialog | None:
        """The current line's History (from the change log), titles in the language shown."""
        info = self.model.line_info(self.view.currentIndex())
        if self._document is None or info is None:
            return None
        store, line_id, language = self._document.store, info.id, self.model.language
        name = self.model.index_of(info.id).data() or ""
        return open_history(
            self,
            _("History of {name}").format(name=name),
            lambda: budget_line_history(store, line_id, language),
        )

    def update_chart(self) -> None:
        """Top-level groups × shown years, for the first shown stage and credit type."""
        model = self.model
        if not model.stages or not model.credit_types or model.totals is None:
            self.chart.show_values(_("Budget"), [], [])
            return
        stage, credit = model.stages[0], model.credit_types[0]
        groups = model.top_level()
        series = []
        for year in model.years:
            column = budget_read.BudgetColumn(year, stage, credit)
            series.append((str(year), [values.get(column) for _info, values in groups]))
        years = model.years
        shown = (str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}") if years else ""
        self.chart.show_values(  # the year(s) in the title: one year has no legend
            _("Budget per group, {years}, {stage} {credit} (kEUR)").format(
                years=shown, stage=stage, credit=credit
            ),
            [model.title(info) for info, _values in groups],
            series,
        )


class LinkDialog(QDialog):
    """Tick the objectives a budget line funds."""

    def __init__(
        self, document: PlanDocument, line_id: uuid.UUID, title: str, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Objectives funded by {line}").format(line=title))
        store, plan_id = document.store, document.plan_id
        linked = budget_read.line_objectives(store, plan_id).get(line_id, set())
        self.list = QListWidget()
        for node in tree_read.load_tree(store, plan_id):
            text = f"{node.code} {one_line(pick_text(node.title, ()))}"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, node.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                Qt.CheckState.Checked if node.id in linked else Qt.CheckState.Unchecked
            )
            self.list.addItem(item)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(520, 480)

    def chosen(self) -> set[uuid.UUID]:
        return {
            self.list.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.list.count())
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        }
