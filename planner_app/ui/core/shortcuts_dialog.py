"""Help → Keyboard shortcuts: every key of the menus, read from the menus themselves
(so the list cannot go stale), and the keys of the tables and charts that no menu shows.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMenu,
    QMenuBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planner_app.i18n import N_, _

# Keys that work in place, without a menu entry: (where, what, keys).
IN_PLACE: tuple[tuple[str, str, str], ...] = (
    (N_("Objectives"), N_("Add a sibling / a child"), "Ins / Alt+Ins"),
    (N_("Objectives"), N_("Rename; change the status (status column)"), "F2"),
    (N_("Objectives"), N_("Indent / outdent"), "Tab / Shift+Tab"),
    (N_("Objectives"), N_("Move up / down"), "Ctrl+Up / Ctrl+Down"),
    (N_("Objectives"), N_("History of the objective"), "Ctrl+Shift+H"),
    (N_("Tables"), N_("Edit the cell; commit and go to the next"), "F2; Enter / Tab"),
    (N_("Tables"), N_("Leave the cell unchanged"), "Esc"),
    (N_("Tables"), N_("Remove the selected rows (milestones, indicators)"), "Del"),
    (N_("Budget and staffing"), N_("Copy / paste a block of cells"), "Ctrl+C / Ctrl+V"),
    (N_("Budget"), N_("History of the budget line"), "Ctrl+Shift+H"),
    (N_("Charts"), N_("The chart's figures as a table"), "Enter"),
    (N_("Review"), N_("Show the objective of the row"), "Enter"),
    (N_("Everywhere"), N_("Next / previous control"), "Tab / Shift+Tab"),
    (N_("Everywhere"), N_("The menus"), "Alt, F10"),
)


def menu_shortcuts(bar: QMenuBar) -> list[tuple[str, str, str]]:
    """(menu path, entry, keys) of every menu entry that has a key, in menu order."""
    found: list[tuple[str, str, str]] = []

    def walk(menu: QMenu, path: str) -> None:
        for action in menu.actions():
            sub = action.menu()
            text = _plain(action.text())
            if isinstance(sub, QMenu):
                walk(sub, f"{path} → {text}")
            elif not action.isSeparator() and not action.shortcut().isEmpty():
                # the first key: the others are the platform's extra keys ("New", "Open")
                keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
                found.append((path, text, keys))

    for action in bar.actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            walk(menu, _plain(action.text()))
    return found


def _plain(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


class ShortcutsDialog(QDialog):
    """The keys, grouped by menu, then those that work in place. GUI thread only."""

    def __init__(self, bar: QMenuBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcuts_dialog")
        self.setWindowTitle(_("Keyboard shortcuts"))
        intro = QLabel(
            _(
                "Every task can be done with the keyboard. Alt and the underlined letter "
                "open a menu; these keys act at once."
            )
        )
        intro.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("shortcuts")
        self.tree.setAccessibleName(_("Keyboard shortcuts"))
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([_("Action"), _("Keys")])
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        groups: dict[str, QTreeWidgetItem] = {}

        def add(group: str, what: str, keys: str) -> None:
            if group not in groups:
                groups[group] = QTreeWidgetItem(self.tree, [group])
                groups[group].setFirstColumnSpanned(True)
            item = QTreeWidgetItem(groups[group], [what, keys])
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{what}: {keys}")

        for path, text, keys in menu_shortcuts(bar):
            add(path, text, keys)
        for where, what, keys in IN_PLACE:
            add(_("In place: {where}").format(where=_(where)), _(what), keys)
        self.tree.expandAll()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.resize(620, 640)
        self.tree.setFocus()


def shortcuts_action(bar: QMenuBar, parent: QWidget) -> QAction:
    """Help → Keyboard shortcuts (Ctrl+F1)."""
    action = QAction(_("&Keyboard shortcuts"), parent)
    action.setShortcut(QKeySequence("Ctrl+F1"))

    def show() -> None:
        dialog = ShortcutsDialog(bar, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    action.triggered.connect(lambda _checked=False: show())
    return action
